import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type AssignDuty, type Envelope, type StreamRef, assignDuty, streamIdOf } from '@auxledger/domain';
import { FoldedStreamCache, executeCommand } from '@auxledger/application';
import { type NewEvent, SqliteEventStore } from '@auxledger/event-store';
import { REGISTRY } from '@auxledger/statute';
import { type Event as EmmettEvent, type ReadEvent, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { type SQLiteConnection, appendToStream, createEventStoreSchema, getSQLiteEventStore, readStream, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import { seedEvents } from './b2-command-path';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

type Stored = EmmettEvent<string, Record<string, unknown>, { schemaVersion: number; effectiveDate: string; recordedAt: string; commandId: string; actorId: string }>;

/** An AuxLedger event as an Emmett event: the type and data as they are, what the fold needs in the metadata. */
const toEmmett = (event: NewEvent): Stored => ({
  type: event.type,
  data: event.data as Record<string, unknown>,
  metadata: { schemaVersion: event.schemaVersion, effectiveDate: event.metadata.effectiveDate, recordedAt: event.metadata.recordedAt, commandId: event.metadata.commandId, actorId: event.metadata.actor.id },
});

const envelopeOfEmmett = (event: ReadEvent<Stored>): Envelope => ({
  event: { type: event.type, schemaVersion: event.metadata.schemaVersion, data: event.data },
  effectiveDate: event.metadata.effectiveDate,
  recordedAt: event.metadata.recordedAt,
  commandId: event.metadata.commandId,
  actorId: event.metadata.actorId,
}) as Envelope;

const command = (i: number, auxiliaries: number, side: string): AssignDuty => ({
  type: 'AssignDuty',
  data: { auxiliaryId: `aux-${i % auxiliaries}`, assignmentId: `as-${side}-${i}`, dutyCodes: ['ENF_TRAFFIC'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [] },
  metadata: { commandId: randomUUID(), actor: { id: 'op-1', role: 'operator', organId: 'xincheng' }, effectiveDate: '2025-03-01', recordedAt: '' },
});

const NOW = new Date('2025-03-01T08:00:00Z');

/**
 * Decides with AuxLedger's own AssignDuty handler (every rule of Arts. 10–16
 * and 39) on a state folded from Emmett's stream, and answers the events to
 * append — so that the two sides differ only in the store and the path.
 */
function decideOnEmmett(cmd: AssignDuty, read: ReadEvent<Stored>[]): Stored[] {
  const refs = assignDuty.streams(cmd);
  const ref = refs.auxiliary as StreamRef;
  let state = ref.aggregate.initialState();
  for (const event of read) state = ref.aggregate.evolve(state, envelopeOfEmmett(event) as never);
  const decision = assignDuty.decide(cmd, { auxiliary: state } as never, { metadata: cmd.metadata, registry: REGISTRY });
  if (!decision.accepted) throw new Error(`B7: AssignDuty refused on Emmett's side; the benchmark must measure accepted commands`);
  const recordedAt = NOW.toISOString();
  return (decision.events.auxiliary ?? []).map((event) => ({
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { schemaVersion: event.schemaVersion, effectiveDate: cmd.metadata.effectiveDate, recordedAt, commandId: cmd.metadata.commandId, actorId: cmd.metadata.actor.id },
  }));
}

/**
 * Emmett's SQLite connection runs node-sqlite3 statements without
 * serializing them; on a loaded machine its COMMIT sometimes meets a
 * statement still in progress (SQLITE_BUSY). The benchmark retries such an
 * operation (its time counts on Emmett's side) and reports how often.
 */
async function retryingBusy<T>(counter: { busy: number }, op: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || attempt >= 10) throw error;
      counter.busy += 1;
    }
  }
}

/** The spread of one side's rate against another's, chunk by chunk: [lowest, median, highest] of ours ÷ theirs. */
function chunkRatios(ours: Measurement, theirs: Measurement, chunk: number): [number, number, number] {
  const sums = (m: Measurement) => Array.from({ length: Math.ceil(m.latenciesMs.length / chunk) }, (_, c) => m.latenciesMs.slice(c * chunk, (c + 1) * chunk).reduce((a, b) => a + b, 0));
  const a = sums(ours);
  const b = sums(theirs);
  const ratios = a.map((t, c) => (b[c] as number) / t).sort((x, y) => x - y);
  return [ratios[0] as number, ratios[Math.floor(ratios.length / 2)] as number, ratios[ratios.length - 1] as number];
}

/**
 * B7: the peer comparison. The same AssignDuty workload — N hired, trained,
 * insured auxiliaries, M commands, each read → fold → decide → append with
 * the expected version — on three sides in alternating chunks of one run:
 * AuxLedger's command path (SqliteEventStore, synchronous FULL, the folded
 * stream cache, the command's claim and the Merkle tree in the same
 * transaction); Emmett 0.38.5's SQLite event store as documented
 * (`getSQLiteEventStore({ fileName })`, which opens a connection per
 * operation: `aggregateStream` then `appendToStream`); and Emmett's own
 * `readStream` / `appendToStream` on one persistent connection. Emmett
 * appends only the duty event (no claim, no hash chain): it does less work.
 */
export async function benchEmmett(dir: string, commands: number, auxiliaries = 200): Promise<{ rows: Row[]; notes: string[] }> {
  const chunk = 50;
  const store = new SqliteEventStore({ path: join(dir, 'b7-auxledger.db') });
  const documentedFile = join(dir, 'b7-emmett-documented.db');
  const persistentFile = join(dir, 'b7-emmett-persistent.db');
  const documented = getSQLiteEventStore({ fileName: documentedFile });
  let connection: SQLiteConnection | undefined;
  const busy = { documented: { busy: 0 }, persistent: { busy: 0 } };
  try {
    const seedConnection = sqliteConnection({ fileName: persistentFile });
    await createEventStoreSchema(seedConnection);
    for (let a = 0; a < auxiliaries; a++) {
      const seeds = seedEvents(`aux-${a}`);
      const streamId = `auxiliary-aux-${a}`;
      await store.appendToStream(streamId, seeds, 'no_stream');
      await retryingBusy(busy.documented, () => documented.appendToStream(streamId, seeds.map(toEmmett), { expectedStreamVersion: STREAM_DOES_NOT_EXIST }));
      await retryingBusy(busy.persistent, () => appendToStream(seedConnection, streamId, 'auxiliary', seeds.map(toEmmett), { expectedStreamVersion: STREAM_DOES_NOT_EXIST }));
    }
    seedConnection.close();
    connection = sqliteConnection({ fileName: persistentFile });
    const persistent = connection;
    const synchronous = await persistent.querySingle<{ synchronous: number }>('PRAGMA synchronous');
    const journal = await persistent.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');

    const deps = { store, registry: REGISTRY, clock: { now: () => NOW }, cache: new FoldedStreamCache() };
    const [ours, emmettDocumented, emmettPersistent] = await measureInterleaved(commands, chunk, [
      {
        eventsPerOp: 1,
        op: async (i) => {
          const outcome = await executeCommand(deps, assignDuty, command(i, auxiliaries, 'a'));
          if (outcome.status !== 'accepted') throw new Error('B7: AssignDuty refused on AuxLedger; the benchmark must measure accepted commands');
        },
      },
      {
        eventsPerOp: 1,
        op: async (i) => {
          const cmd = command(i, auxiliaries, 'e');
          const streamId = streamIdOf((assignDuty.streams(cmd).auxiliary as StreamRef).aggregate, cmd.data.auxiliaryId);
          await retryingBusy(busy.documented, async () => {
            const { events, currentStreamVersion } = await documented.readStream<Stored>(streamId);
            await documented.appendToStream(streamId, decideOnEmmett(cmd, events as ReadEvent<Stored>[]), { expectedStreamVersion: currentStreamVersion });
          });
        },
      },
      {
        eventsPerOp: 1,
        op: async (i) => {
          const cmd = command(i, auxiliaries, 'p');
          const streamId = streamIdOf((assignDuty.streams(cmd).auxiliary as StreamRef).aggregate, cmd.data.auxiliaryId);
          await retryingBusy(busy.persistent, async () => {
            const { events, currentStreamVersion } = await readStream<Stored>(persistent, streamId);
            const result = await appendToStream(persistent, streamId, 'auxiliary', decideOnEmmett(cmd, events as ReadEvent<Stored>[]), { expectedStreamVersion: currentStreamVersion });
            if (!result.success) throw new Error('B7: Emmett refused the append (expected version)');
          });
        },
      },
    ]);
    const o = ours as Measurement;
    const row = (label: string, theirs: Measurement): Row => ({
      id: 'B7',
      scenario: `AuxLedger command path (AssignDuty, ${auxiliaries} auxiliaries) vs Emmett 0.38.5 SQLite, ${label}`,
      rate: perSecond(o),
      unit: 'commands/s',
      p50: percentile(o.latenciesMs, 50),
      p99: percentile(o.latenciesMs, 99),
      baseline: { label: `Emmett, ${label}`, rate: perSecond(theirs), p50: percentile(theirs.latenciesMs, 50), p99: percentile(theirs.latenciesMs, 99) },
      target: 1,
    });
    const spread = (label: string, theirs: Measurement) => {
      const [low, mid, high] = chunkRatios(o, theirs, chunk);
      return `B7 vs Emmett ${label}: ratio per chunk of ${chunk} commands ${low.toFixed(2)}× lowest, ${mid.toFixed(2)}× median, ${high.toFixed(2)}× highest`;
    };
    return {
      rows: [row('documented path (a connection per operation)', emmettDocumented as Measurement), row('one persistent connection', emmettPersistent as Measurement)],
      notes: [
        spread('documented', emmettDocumented as Measurement),
        spread('one connection', emmettPersistent as Measurement),
        `B7: Emmett operations retried after SQLITE_BUSY (a COMMIT meeting a statement in progress on its connection): ${busy.documented.busy} on the documented path, ${busy.persistent.busy} on one connection (seeding included)`,
        `B7: Emmett's SQLite ran with journal_mode ${journal?.journal_mode ?? '?'}, synchronous ${synchronous?.synchronous ?? '?'} (2 = FULL, as AuxLedger); it appends the duty event only, AuxLedger also the command's claim and the Merkle tree`,
      ],
    };
  } finally {
    connection?.close();
    await store.close();
  }
}
