import { Client, escapeIdentifier } from 'pg';
import { type AssignDuty, streamIdOf } from '@auxledger/domain';
import { PostgresEventStore } from '@auxledger/event-store';
import { CommandHandler, type Event as EmmettEvent, type PostgresEventStore as EmmettStore, type ReadEvent, STREAM_DOES_NOT_EXIST, getPostgreSQLEventStore } from '@auxledger/bench-emmett-postgres';
import { seedEvents } from './b2-command-path';
import { type AuxiliaryState, type StoredMetadata, auxLedgerSide, auxiliaryAggregate, chunkRatios, command, decideOnEmmett, evolveEmmett, foldEmmett, toEmmett } from './b7-workload';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

const EMMETT_VERSION = '0.42.0';

type Stored = EmmettEvent<string, Record<string, unknown>, StoredMetadata>;

/** The connection string with `search_path` set to `schema`: Emmett's tables and functions are unqualified, so they land there. */
function inSchema(url: string, schema: string): string {
  const own = new URL(url);
  own.searchParams.set('options', `-c search_path=${schema}`);
  return own.toString();
}

/**
 * B7 on PostgreSQL: the same AssignDuty workload as B7 on SQLite — N hired,
 * trained, insured auxiliaries, M commands, each read → fold → decide →
 * append with the expected version — on one PostgreSQL, each side in a
 * schema of its own, in alternating chunks of one run: AuxLedger's command
 * path (PostgresEventStore, the folded stream cache, the command's claim and
 * the Merkle tree in the same transaction); Emmett 0.42.0's PostgreSQL event
 * store through its documented command path, `CommandHandler` (the event
 * store's `aggregateStream` then `appendToStream` with the expected version,
 * on one pooled connection for both); and the same event store's own
 * `readStream` / `appendToStream`, as on SQLite. Emmett appends only the
 * duty event (no claim, no hash chain): it does less work.
 */
export async function benchEmmettPostgres(url: string, commands: number, auxiliaries = 200): Promise<{ rows: Row[]; notes: string[] }> {
  const chunk = 50;
  const schemas = { auxledger: 'bench_b7_auxledger', emmett: 'bench_b7_emmett' };
  const admin = new Client({ connectionString: url });
  await admin.connect();
  let settings: { fsync: string; synchronous_commit: string; server_version: string } | undefined;
  try {
    for (const schema of Object.values(schemas)) await admin.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`);
    await admin.query(`CREATE SCHEMA ${escapeIdentifier(schemas.emmett)}`);
    settings = (await admin.query(`SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit, current_setting('server_version') AS server_version`)).rows[0];
  } finally {
    await admin.end();
  }
  const store = await PostgresEventStore.open({ connectionString: url, schema: schemas.auxledger });
  // One Emmett event store serves both Emmett sides, on streams of their own: Emmett checks for its functions by name across the whole database, so a second Emmett schema in it would not be set up.
  const emmett: EmmettStore = getPostgreSQLEventStore(inSchema(url, schemas.emmett));
  const streamOf = (cmd: AssignDuty) => streamIdOf(auxiliaryAggregate, cmd.data.auxiliaryId);
  const ownStreamOf = (cmd: AssignDuty) => streamOf(cmd).replace(/^auxiliary-/, 'auxiliary-own-');
  try {
    await emmett.schema.migrate();
    for (let a = 0; a < auxiliaries; a++) {
      const seeds = seedEvents(`aux-${a}`);
      const streamId = `auxiliary-aux-${a}`;
      await store.appendToStream(streamId, seeds, 'no_stream');
      await emmett.appendToStream(streamId, seeds.map(toEmmett), { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
      await emmett.appendToStream(streamId.replace(/^auxiliary-/, 'auxiliary-own-'), seeds.map(toEmmett), { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    }
    const handle = CommandHandler<AuxiliaryState, Stored>({ evolve: evolveEmmett, initialState: () => auxiliaryAggregate.initialState() });

    const [ours, emmettHandler, emmettStore] = await measureInterleaved(commands, chunk, [
      { eventsPerOp: 1, op: auxLedgerSide(store, auxiliaries) },
      {
        eventsPerOp: 1,
        op: async (i) => {
          const cmd = command(i, auxiliaries, 'h');
          const result = await handle(emmett, streamOf(cmd), (state) => decideOnEmmett(cmd, state));
          if (result.newEvents.length !== 1) throw new Error('B7: Emmett\'s command handler appended no duty event');
        },
      },
      {
        eventsPerOp: 1,
        op: async (i) => {
          const cmd = command(i, auxiliaries, 's');
          const streamId = ownStreamOf(cmd);
          const { events, currentStreamVersion } = await emmett.readStream<Stored>(streamId);
          const state = foldEmmett(events as ReadEvent<Stored>[]);
          // Emmett throws on a wrong expected version, so a returned append is an accepted one.
          await emmett.appendToStream(streamId, decideOnEmmett(cmd, state), { expectedStreamVersion: currentStreamVersion });
        },
      },
    ]);
    const o = ours as Measurement;
    const row = (label: string, theirs: Measurement): Row => ({
      id: 'B7',
      scenario: `AuxLedger command path (AssignDuty, ${auxiliaries} auxiliaries) vs Emmett ${EMMETT_VERSION} PostgreSQL, ${label}`,
      rate: perSecond(o),
      unit: 'commands/s',
      p50: percentile(o.latenciesMs, 50),
      p99: percentile(o.latenciesMs, 99),
      baseline: { label: `Emmett, ${label}`, rate: perSecond(theirs), p50: percentile(theirs.latenciesMs, 50), p99: percentile(theirs.latenciesMs, 99) },
    });
    const spread = (label: string, theirs: Measurement) => {
      const [low, mid, high] = chunkRatios(o, theirs, chunk);
      return `B7 PostgreSQL vs Emmett ${label}: ratio per chunk of ${chunk} commands ${low.toFixed(2)}× lowest, ${mid.toFixed(2)}× median, ${high.toFixed(2)}× highest`;
    };
    return {
      rows: [
        row('CommandHandler (its documented command path)', emmettHandler as Measurement),
        row('event store readStream + appendToStream', emmettStore as Measurement),
      ],
      notes: [
        spread('CommandHandler', emmettHandler as Measurement),
        spread('readStream + appendToStream', emmettStore as Measurement),
        `B7 PostgreSQL: one PostgreSQL ${settings?.server_version.split(' ')[0] ?? '?'} database (fsync ${settings?.fsync ?? '?'}, synchronous_commit ${settings?.synchronous_commit ?? '?'}), one command at a time; AuxLedger in a schema of its own, Emmett's two paths in another on streams of their own (Emmett sets up one event store per database); Emmett ${EMMETT_VERSION} (its own core, beside the 0.38.5 of B7 on SQLite) reads the whole stream each command and appends the duty event only, AuxLedger folds from its cache and appends the duty event, the command's claim and the Merkle tree's nodes in the same transaction`,
      ],
    };
  } finally {
    await emmett.close();
    await store.close();
  }
}
