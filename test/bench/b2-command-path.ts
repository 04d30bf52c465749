import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type AssignDuty, type DomainEvent, assignDuty, auxiliaryEvent } from '@auxledger/domain';
import { FoldedStreamCache, executeCommand } from '@auxledger/application';
import Database from 'better-sqlite3';
import { type NewEvent, SQLITE_SCHEMA, SqliteEventStore, applySqlitePragmas } from '@auxledger/event-store';
import { rawRows } from './b1-sqlite';
import { pastEvents } from '@auxledger/event-store/testing';
import { REGISTRY } from '@auxledger/statute';
import { type BenchTarget, openBenchStore } from './bench-stores';
import { sampleEvent } from './events';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

const HIRED_ON = '2024-10-01';

/** Seeds an auxiliary as past commands would have left them: hired, pre-job training passed, insured. */
export function seedEvents(auxiliaryId: string): NewEvent[] {
  const events: Array<[string, DomainEvent]> = [
    [HIRED_ON, auxiliaryEvent('AuxiliaryHired', {
      auxiliaryId, personKey: `pk-${auxiliaryId}`, applicationId: `app-${auxiliaryId}`, usingOrganId: 'xincheng', category: 'DUTY',
      contract: { contractId: `c-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: HIRED_ON, endDate: '2027-09-30', probationLastDay: '2025-03-31', clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'] },
      level: 'L1', pay: { locality: 'hohhot', monthlyBaseFen: 400_000 }, hiredOn: HIRED_ON,
    })],
    ['2024-10-10', auxiliaryEvent('InsuranceEnrolled', { auxiliaryId, kinds: ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'], enrolledOn: '2024-10-10', reference: 'SI-1' })],
    ['2024-10-15', auxiliaryEvent('TrainingRecorded', { auxiliaryId, trainingId: `t-${auxiliaryId}`, kind: 'PRE_JOB', year: null, topics: ['LAW'], completedOn: '2024-10-15', outcome: 'PASSED' })],
  ];
  return pastEvents(events);
}

/**
 * B2: the full command path in process — read the auxiliary's stream, fold,
 * decide AssignDuty with every rule of Arts. 10–16 and 39, append the event and
 * the command's outcome in one transaction — beside B1 single-event appends,
 * in alternating chunks on the same disk: SQLite files, or (`target`)
 * schemas of their own on one PostgreSQL, where B2 16 at once (a SQLite
 * writer's comparison) does not run: B1 has PostgreSQL's concurrent appends.
 */
export async function benchCommandPath(dir: string, commands: number, auxiliaries = 200, target: BenchTarget = { kind: 'sqlite' }): Promise<Row[]> {
  const store = await openBenchStore(target, dir, 'b2');
  const b1 = await openBenchStore(target, dir, 'b2-b1');
  try {
    for (let a = 0; a < auxiliaries; a++) await store.appendToStream(`auxiliary-aux-${a}`, seedEvents(`aux-${a}`), 'no_stream');
    const deps = { store, registry: REGISTRY, clock: { now: () => new Date('2025-03-01T08:00:00Z') }, cache: new FoldedStreamCache() };
    const command = (i: number): AssignDuty => ({
      type: 'AssignDuty',
      data: { auxiliaryId: `aux-${i % auxiliaries}`, assignmentId: `as-${i}`, dutyCodes: ['ENF_TRAFFIC'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [] },
      metadata: { commandId: randomUUID(), actor: { id: 'op-1', role: 'operator', organId: 'xincheng' }, effectiveDate: '2025-03-01', recordedAt: '' },
    });
    const events = Array.from({ length: commands }, (_, i) => sampleEvent(i));
    let refused = 0;
    const [path, appends] = await measureInterleaved(commands, 100, [
      {
        eventsPerOp: 1,
        op: async (i) => {
          const outcome = await executeCommand(deps, assignDuty, command(i));
          if (outcome.status !== 'accepted') refused += 1;
        },
      },
      { eventsPerOp: 1, op: (i) => b1.appendToStream(`s-${i % 100}`, [events[i] as never], 'any') },
    ]);
    if (refused > 0) throw new Error(`B2: ${refused} AssignDuty commands were refused; the benchmark must measure accepted commands`);
    const p = path as Measurement;
    const base = appends as Measurement;
    const together = target.kind === 'sqlite' ? await sixteenAtOnce(dir, Math.max(8, Math.round(commands / 16)), auxiliaries) : [];
    return [
      ...together,
      {
        id: 'B2',
        scenario: `command path (AssignDuty, all rules), ${target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
        rate: perSecond(p),
        unit: 'commands/s',
        p50: percentile(p.latenciesMs, 50),
        p99: percentile(p.latenciesMs, 99),
        baseline: { label: 'B1 single-event appends', rate: perSecond(base), p50: percentile(base.latenciesMs, 50), p99: percentile(base.latenciesMs, 99) },
        target: 0.6,
      },
    ];
  } finally {
    await store.close();
    await b1.close();
  }
}

/**
 * B2 with 16 commands at once, in process: each round sends 16 AssignDuty
 * commands for 16 auxiliaries together (no two conflict), through a store
 * whose writer commits in its own thread and through one whose writer
 * commits on the calling thread (`writer: 'inline'`), beside the fsync limit
 * (raw one-row commits through better-sqlite3) on the same disk, in
 * alternating chunks. Above 1× the commands shared commits; the two writers
 * side by side show what the thread adds with no HTTP in the way.
 */
async function sixteenAtOnce(dir: string, rounds: number, auxiliaries: number): Promise<Row[]> {
  const open = async (name: string, writer: 'thread' | 'inline') => {
    const store = new SqliteEventStore({ path: join(dir, name), writer });
    for (let a = 0; a < auxiliaries; a++) await store.appendToStream(`auxiliary-aux-${a}`, seedEvents(`aux-${a}`), 'no_stream');
    return { store, deps: { store, registry: REGISTRY, clock: { now: () => new Date('2025-03-01T08:00:00Z') }, cache: new FoldedStreamCache() } };
  };
  const threaded = await open('b2-16-thread.db', 'thread');
  const inline = await open('b2-16-inline.db', 'inline');
  const raw = new Database(join(dir, 'b2-16-fsync.db'));
  applySqlitePragmas(raw);
  raw.exec(SQLITE_SCHEMA);
  const insert = raw.prepare(
    'INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOne = raw.transaction((values: unknown[]) => insert.run(...values));
  const row = rawRows();
  const rawRowsToCommit = Array.from({ length: rounds }, (_, r) => row(`s-${r % 100}`, r));
  try {
    let refused = 0;
    const round = (deps: typeof threaded.deps, r: number) =>
      Promise.all(
        Array.from({ length: 16 }, async (_, k) => {
          const i = r * 16 + k;
          const outcome = await executeCommand(deps, assignDuty, {
            type: 'AssignDuty',
            data: { auxiliaryId: `aux-${i % auxiliaries}`, assignmentId: `as16-${i}`, dutyCodes: ['ENF_TRAFFIC'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [] },
            metadata: { commandId: randomUUID(), actor: { id: 'op-1', role: 'operator', organId: 'xincheng' }, effectiveDate: '2025-03-01', recordedAt: '' },
          } as AssignDuty);
          if (outcome.status !== 'accepted') refused += 1;
        }),
      );
    const [onThread, onCaller, fsync] = (await measureInterleaved(rounds, 4, [
      { eventsPerOp: 16, op: (r) => round(threaded.deps, r) },
      { eventsPerOp: 16, op: (r) => round(inline.deps, r) },
      { eventsPerOp: 1, op: (r) => insertOne.immediate(rawRowsToCommit[r] as unknown[]) },
    ])) as [Measurement, Measurement, Measurement];
    if (refused > 0) throw new Error(`B2: ${refused} AssignDuty commands were refused; the benchmark must measure accepted commands`);
    const baseline = { label: 'fsync limit: raw 1-row commits (same run)', rate: perSecond(fsync), p50: percentile(fsync.latenciesMs, 50), p99: percentile(fsync.latenciesMs, 99) };
    const of = (scenario: string, m: Measurement): Row => ({
      id: 'B2',
      scenario,
      rate: perSecond(m),
      unit: 'commands/s',
      p50: percentile(m.latenciesMs, 50),
      p99: percentile(m.latenciesMs, 99),
      baseline,
    });
    return [
      of('command path, 16 at once in process, writer thread (latency: the 16), SQLite', onThread),
      of('command path, 16 at once in process, writer inline (latency: the 16), SQLite', onCaller),
    ];
  } finally {
    await threaded.store.close();
    await inline.store.close();
    raw.close();
  }
}
