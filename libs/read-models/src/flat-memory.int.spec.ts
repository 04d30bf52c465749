import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type DomainEvent, auxiliaryEvent } from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { Projector, SqliteReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from './index';

/**
 * The projector's memory does not grow with the length of the log: every
 * read model rebuilt from a log of 2 000 auxiliaries whose histories grow to
 * 50 000 events; the heap after a full GC once 5 000 events are projected,
 * and again at 50 000, differ by less than the tail cache's bound and a
 * batch. (Not timed; RSS is printed, not asserted — in a Jest worker it holds
 * other suites' memory too.)
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

const AUXILIARIES = 2000;
const ROUNDS = 12;
const TAIL_CACHE_BYTES = 8 * 2 ** 20;
const CLAUSES = ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'] as const;

const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'auxledger-rm-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const day = (n: number) => new Date(Date.UTC(2024, 9, 1) + n * 86_400_000).toISOString().slice(0, 10);

function hiredEvents(auxiliaryId: string): Array<[string, DomainEvent]> {
  return [
    [day(0), auxiliaryEvent('AuxiliaryHired', {
      auxiliaryId, personKey: `pk-${auxiliaryId}`, applicationId: `app-${auxiliaryId}`, usingOrganId: `organ-${auxiliaryId.length % 7}`, category: 'DUTY',
      contract: { contractId: `c-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: day(0), endDate: '2029-09-30', probationLastDay: '2025-03-31', clauses: [...CLAUSES] },
      level: 'L1', pay: { locality: 'hohhot', monthlyBaseFen: 400_000 }, hiredOn: day(0),
    })],
    [day(9), auxiliaryEvent('InsuranceEnrolled', { auxiliaryId, kinds: ['PENSION', 'MEDICAL', 'WORK_INJURY'], enrolledOn: day(9), reference: `SI-${auxiliaryId}` })],
    [day(14), auxiliaryEvent('TrainingRecorded', { auxiliaryId, trainingId: `t-${auxiliaryId}`, kind: 'PRE_JOB', year: null, topics: ['LAW'], completedOn: day(14), outcome: 'PASSED' })],
  ];
}

function dutyRound(auxiliaryId: string, round: number): Array<[string, DomainEvent]> {
  const from = day(30 + round * 7);
  const to = day(33 + round * 7);
  const assignmentId = `as-${auxiliaryId}-${round}`;
  return [
    [from, auxiliaryEvent('DutyAssigned', { auxiliaryId, assignmentId, dutyCodes: [round % 2 ? 'SVC_PATROL' : 'SVC_TRAFFIC'], nationalBasis: null, leadingOfficerIds: [`officer-${round % 3}`], matterId: null, equipmentIssued: [], from })],
    [to, auxiliaryEvent('DutyEnded', { auxiliaryId, assignmentId, endedOn: to, reason: 'COMPLETED' })],
  ];
}

describe('projector memory and the length of the log (SQLite)', () => {
  it('the heap after GC at 50 000 events is within the tail cache and a batch of the heap at 5 000', async () => {
    // Written as a bulk load (no fsync a command): 26 000 appends one by one, each flushed, took most of the timeout on loaded cores.
    const written = new SqliteEventStore({ path: join(dir, 'events.db'), bulkLoad: {} });
    const ids = Array.from({ length: AUXILIARIES }, (_, i) => `aux-${i}`);
    for (const id of ids) await written.appendToStream(`auxiliary-${id}`, pastEvents(hiredEvents(id)), 'no_stream');
    for (let round = 0; round < ROUNDS; round++) {
      for (const id of ids) await written.appendToStream(`auxiliary-${id}`, pastEvents(dutyRound(id, round)), 'any');
    }
    await written.close();
    const events = new SqliteEventStore({ path: join(dir, 'events.db') });
    const total = AUXILIARIES * (3 + 2 * ROUNDS);

    const store = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
    const samples: Array<{ position: number; heap: number; heapTotal: number; rss: number }> = [];
    const sample = (position: number) => {
      gc();
      const m = process.memoryUsage();
      samples.push({ position, heap: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss });
    };
    const projector = new Projector({
      name: 'memory',
      models: ALL_READ_MODELS,
      events,
      store,
      tailCacheBytes: TAIL_CACHE_BYTES,
      onBatch: (p) => {
        if (samples.length === 0 && p.position >= 5000) sample(p.position);
      },
    });
    await projector.rebuild();
    sample(total);
    await store.close();
    await events.close();

    const [at5k, atEnd] = samples as [(typeof samples)[number], (typeof samples)[number]];
    process.stdout.write(
      `projector heap after GC: ${mib(at5k.heap)} MiB at ${at5k.position} events, ${mib(atEnd.heap)} MiB at ${atEnd.position}; ` +
        `heap reserved ${mib(at5k.heapTotal)} → ${mib(atEnd.heapTotal)} MiB; RSS ${mib(at5k.rss)} → ${mib(atEnd.rss)} MiB\n`,
    );
    expect(atEnd.position).toBe(total);
    expect(total).toBeGreaterThanOrEqual(50_000);
    // The tail cache may fill up to its bound (8 MiB) and a batch's garbage may survive; the log itself is never held.
    expect(mib(atEnd.heap - at5k.heap)).toBeLessThan(mib(TAIL_CACHE_BYTES) + 12);
  }, 180_000);
});
