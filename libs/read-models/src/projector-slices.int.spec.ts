import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type DomainEvent, auxiliaryEvent } from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { Projector, SqliteReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from './index';

/**
 * The projector never holds the event loop long while it catches up: every
 * read model caught up on a log of 6 000 events, its steps adapted to the
 * 20 ms slice and its commits made by the store's flush thread. The bounds
 * are relative to the same catch-up in fixed batches of 2 000 events on the
 * caller's thread, measured in the same test (a loaded machine slows both):
 * the median commit holds the loop under a quarter of such a batch, the
 * event loop's p99 delay stays under a third of the longest delay they
 * cause. The rows are those of that catch-up.
 */
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'auxledger-slices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const day = (n: number) => new Date(Date.UTC(2024, 9, 1) + n * 86_400_000).toISOString().slice(0, 10);
const AUXILIARIES = 400;
const ROUNDS = 6;

function history(auxiliaryId: string): Array<[string, DomainEvent]> {
  const out: Array<[string, DomainEvent]> = [
    [day(0), auxiliaryEvent('AuxiliaryHired', {
      auxiliaryId, personKey: `pk-${auxiliaryId}`, applicationId: `app-${auxiliaryId}`, usingOrganId: `organ-${auxiliaryId.length % 7}`, category: 'DUTY',
      contract: { contractId: `c-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: day(0), endDate: '2029-09-30', probationLastDay: '2025-03-31', clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'] },
      level: 'L1', pay: { locality: 'hohhot', monthlyBaseFen: 400_000 }, hiredOn: day(0),
    })],
    [day(9), auxiliaryEvent('InsuranceEnrolled', { auxiliaryId, kinds: ['PENSION', 'MEDICAL', 'WORK_INJURY'], enrolledOn: day(9), reference: `SI-${auxiliaryId}` })],
    [day(14), auxiliaryEvent('TrainingRecorded', { auxiliaryId, trainingId: `t-${auxiliaryId}`, kind: 'PRE_JOB', year: null, topics: ['LAW'], completedOn: day(14), outcome: 'PASSED' })],
  ];
  for (let round = 0; round < ROUNDS; round++) {
    const from = day(30 + round * 7);
    const to = day(33 + round * 7);
    const assignmentId = `as-${auxiliaryId}-${round}`;
    out.push([from, auxiliaryEvent('DutyAssigned', { auxiliaryId, assignmentId, dutyCodes: ['SVC_PATROL'], nationalBasis: null, leadingOfficerIds: ['officer-1'], matterId: null, equipmentIssued: [], from })]);
    out.push([to, auxiliaryEvent('DutyEnded', { auxiliaryId, assignmentId, endedOn: to, reason: 'COMPLETED' })]);
  }
  return out;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;

describe('the projector catches up in bounded slices (SQLite)', () => {
  it('adapts its batches to the slice and leaves the event loop free', async () => {
    const events = new SqliteEventStore({ path: join(dir, 'events.db') });
    for (let i = 0; i < AUXILIARIES; i++) await events.appendToStream(`auxiliary-aux-${i}`, pastEvents(history(`aux-${i}`)), 'no_stream');
    const total = AUXILIARIES * (3 + 2 * ROUNDS);
    const store = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
    const batches: Array<{ events: number; durationMs: number }> = [];
    const projector = new Projector({ name: 'slices', models: ALL_READ_MODELS, events, store, batchSize: 2000, onBatch: (p) => batches.push(p) });
    await projector.open();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    // A commit of a few thousand rows, not one per batch: the step sizes grow from 50 events at most twofold a commit.
    delay.enable();
    const position = await projector.catchUp();
    delay.disable();
    const inline = new SqliteReadModelStore({ path: join(dir, 'read-models-inline.db'), flushThreadRows: false });
    const wholeBatches: Array<{ events: number; durationMs: number }> = [];
    const whole = new Projector({ name: 'slices', models: ALL_READ_MODELS, events, store: inline, batchSize: 2000, sliceMs: 0, onBatch: (p) => wholeBatches.push(p) });
    await whole.open();
    const wholeDelay = monitorEventLoopDelay({ resolution: 5 });
    wholeDelay.enable();
    expect(await whole.catchUp()).toBe(total);
    wholeDelay.disable();
    for (const model of ALL_READ_MODELS) expect(await store.list(model)).toEqual(await inline.list(model));
    await inline.close();
    await store.close();
    await events.close();

    const durations = batches.map((b) => b.durationMs);
    const p99DelayMs = delay.percentile(99) / 1e6;
    const wholeHold = percentile(wholeBatches.map((b) => b.durationMs), 0.5);
    const wholeMaxDelayMs = wholeDelay.max / 1e6;
    process.stdout.write(
      `catch-up of ${total} events in ${batches.length} commits: commit p50 ${percentile(durations, 0.5).toFixed(1)} ms, p95 ${percentile(durations, 0.95).toFixed(1)} ms, max ${Math.max(...durations).toFixed(1)} ms; event-loop delay p99 ${p99DelayMs.toFixed(1)} ms` +
        ` — in batches of 2 000 on the caller's thread: batch p50 ${wholeHold.toFixed(1)} ms, event-loop delay max ${wholeMaxDelayMs.toFixed(1)} ms\n`,
    );
    expect(position).toBe(total);
    expect(batches.reduce((n, b) => n + b.events, 0)).toBe(total);
    // Adapted: more commits than a fixed 2 000 would make (from 50 events, at most doubling, 6 000 take 7 at least).
    expect(batches.length).toBeGreaterThan(total / 2000);
    // Against the same catch-up in fixed batches of 2 000 on this machine at this moment (both slow down alike under load): a
    // commit holds the loop a fraction of such a batch (here about 13 ms against 700), and the loop's p99 delay a fraction of
    // the longest delay those batches cause (about 30 ms against 540).
    expect(percentile(durations, 0.5)).toBeLessThan(wholeHold / 4);
    expect(p99DelayMs).toBeLessThan(wholeMaxDelayMs / 3);
  }, 120_000);
});
