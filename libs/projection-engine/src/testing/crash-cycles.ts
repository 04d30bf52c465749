import { join } from 'node:path';
import type { EventStore, NewEvent } from '@auxledger/event-store';
import { runThenKill } from '@auxledger/test-support';
import { auditTrail, personLevel, readWholeLog, replayLevel, streamCounter, toNewEvent } from './toy-models';
import { crashProjector, openCrashStores } from './crash-projector';

/** How many kill cycles: a handful in the regular run, more under AUXLEDGER_SOAK=1. */
export const projectorCrashCycles = () => Number(process.env.AUXLEDGER_CRASH_CYCLES ?? (process.env.AUXLEDGER_SOAK === '1' ? 60 : 5));

/** A log of counted events over 7 streams and level changes of 20 people with scattered (often back-dated) effective dates. */
export async function seedLog(events: EventStore, size: number): Promise<void> {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let written = 0, minute = 0; written < size; ) {
    const batch: NewEvent[] = [];
    const stream = `crash-${Math.floor(next() * 7)}`;
    for (let i = 0; i < 10 && written < size; i++, written++) {
      const recordedAt = new Date(Date.UTC(2024, 0, 1) + ++minute * 60_000).toISOString();
      const effectiveDate = new Date(Date.UTC(2023, 0, 1 + Math.floor(next() * 700))).toISOString().slice(0, 10);
      const person = `p${Math.floor(next() * 20)}`;
      batch.push(
        next() < 0.6
          ? toNewEvent({ stream, type: 'Counted', data: { amount: 1, organId: 'o1' }, effectiveDate, recordedAt })
          : next() < 0.85
            ? toNewEvent({ stream, type: 'LevelSet', data: { personId: person, level: 1 + Math.floor(next() * 5), organId: next() < 0.5 ? 'A' : 'B' }, effectiveDate, recordedAt })
            : toNewEvent({ stream, type: 'PersonLeft', data: { personId: person }, effectiveDate, recordedAt }),
      );
    }
    await events.appendToStream(stream, batch, 'any');
  }
}

/** Runs the projector process until it committed a batch, then SIGKILLs it after a random delay; finished if it ended first. */
async function oneCycle(args: string[]): Promise<{ finished: boolean; batches: number }> {
  const { lines } = await runThenKill(join(__dirname, 'crash-projector.ts'), args, 150);
  return { finished: lines.includes('done'), batches: lines.length };
}

export interface ProjectorCrashOutcome {
  cycles: number;
  killedMidRun: number;
  events: number;
}

/**
 * Kills projector processes (catching up, or rebuilding) again and again,
 * then finishes in process and checks every effect landed exactly once:
 * counters equal the true counts, the audit trail has one row per event,
 * as-of answers equal a replay, the checkpoint is the log's end.
 */
export async function runProjectorCrashCycles(kind: string, eventsTarget: string, readTarget: string): Promise<ProjectorCrashOutcome> {
  const cycles = projectorCrashCycles();
  let killedMidRun = 0;
  for (let cycle = 0; cycle < cycles; cycle++) {
    const mode = cycle % 3 === 2 ? 'rebuild' : 'run';
    const { finished } = await oneCycle([kind, eventsTarget, readTarget, mode]);
    if (!finished) killedMidRun++;
  }

  const { events, store } = await openCrashStores(kind, eventsTarget, readTarget);
  try {
    const projector = crashProjector(events, store, { batchSize: 200, report: false });
    await projector.open();
    if ((await store.generations('crash')).some((g) => g.status === 'building')) await projector.rebuild();
    await projector.catchUp();
    const log = await readWholeLog(events);
    const last = log[log.length - 1];
    expect((await store.generations('crash')).map((g) => [g.status, g.position])).toEqual([['live', last?.globalPosition]]);

    const counts = new Map<string, number>();
    for (const e of log) if (e.type === 'Counted') counts.set(e.streamId, (counts.get(e.streamId) ?? 0) + 1);
    const rows = await store.list(streamCounter);
    expect(Object.fromEntries(rows.map((r) => [r['stream_id'], r['count']]))).toEqual(Object.fromEntries(counts));

    const trail = await store.list(auditTrail);
    expect(trail.map((r) => r['global_position'])).toEqual(log.map((e) => e.globalPosition));

    for (const person of ['p0', 'p7', 'p13']) {
      for (const date of ['2023-03-01', '2023-09-15', '2024-06-30', '2025-01-01']) {
        const asOf = await store.asOf(personLevel, date, { where: { person_id: person } });
        const expected = replayLevel(log, person, date);
        expect(asOf.map((r) => ({ level: r['level'], organ_id: r['organ_id'] }))).toEqual(expected ? [expected] : []);
      }
    }
    return { cycles, killedMidRun, events: log.length };
  } finally {
    await store.close();
    await events.close();
  }
}

