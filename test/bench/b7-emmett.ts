import { join } from 'node:path';
import { type StreamRef, assignDuty, streamIdOf } from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { type Event as EmmettEvent, type ReadEvent, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { type SQLiteConnection, appendToStream, createEventStoreSchema, getSQLiteEventStore, readStream, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import { seedEvents } from './b2-command-path';
import { type StoredMetadata, auxLedgerSide, chunkRatios, command, decideOnEmmett, foldEmmett, toEmmett } from './b7-workload';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

type Stored = EmmettEvent<string, Record<string, unknown>, StoredMetadata>;

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

    const [ours, emmettDocumented, emmettPersistent] = await measureInterleaved(commands, chunk, [
      { eventsPerOp: 1, op: auxLedgerSide(store, auxiliaries) },
      {
        eventsPerOp: 1,
        op: async (i) => {
          const cmd = command(i, auxiliaries, 'e');
          const streamId = streamIdOf((assignDuty.streams(cmd).auxiliary as StreamRef).aggregate, cmd.data.auxiliaryId);
          await retryingBusy(busy.documented, async () => {
            const { events, currentStreamVersion } = await documented.readStream<Stored>(streamId);
            await documented.appendToStream(streamId, decideOnEmmett(cmd, foldEmmett(events as ReadEvent<Stored>[])), { expectedStreamVersion: currentStreamVersion });
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
            const result = await appendToStream(persistent, streamId, 'auxiliary', decideOnEmmett(cmd, foldEmmett(events as ReadEvent<Stored>[])), { expectedStreamVersion: currentStreamVersion });
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
