import { join } from 'node:path';
import type { EventStore, JsonObject, RecordedEvent } from '@auxledger/event-store';
import { verifyLog } from '@auxledger/event-store';
import { runThenKill } from '@auxledger/test-support';

/** How many kill cycles: a handful in the regular run, more under AUXLEDGER_SOAK=1. */
export const crashCycles = () => Number(process.env.AUXLEDGER_CRASH_CYCLES ?? (process.env.AUXLEDGER_SOAK === '1' ? 200 : 12));

interface Acknowledged {
  stream: string;
  events: Array<{ eventId: string; data: JsonObject }>;
}

/** Runs the writer until it has acknowledged something, then SIGKILLs it after a random delay. */
async function oneCycle(kind: string, target: string, seed: number): Promise<Acknowledged[]> {
  const { lines } = await runThenKill(join(__dirname, 'writer.ts'), [kind, target, String(seed)], 270);
  return lines.map((line) => JSON.parse(line) as Acknowledged);
}

export interface CrashOutcome {
  cycles: number;
  acknowledgedEvents: number;
  storedEvents: number;
}

/**
 * Kills a writer many times, then checks: every acknowledged event is stored,
 * whole (same data, same stream); every stored batch is complete (no
 * half-written append); the hash chain verifies.
 */
export async function runCrashCycles(kind: string, target: string, open: () => Promise<EventStore>): Promise<CrashOutcome> {
  const cycles = crashCycles();
  const acknowledged: Acknowledged[] = [];
  for (let cycle = 0; cycle < cycles; cycle++) acknowledged.push(...(await oneCycle(kind, target, cycle + 1)));

  const store = await open();
  try {
    const stored = new Map<string, RecordedEvent>();
    for (let after = 0; ; ) {
      const batch = await store.readAll({ after, maxCount: 2000 });
      if (batch.length === 0) break;
      for (const event of batch) stored.set(event.eventId, event);
      after = (batch[batch.length - 1] as RecordedEvent).globalPosition;
    }
    for (const ack of acknowledged) {
      for (const { eventId, data } of ack.events) {
        const event = stored.get(eventId);
        expect(event).toBeDefined();
        expect(event?.streamId).toBe(ack.stream);
        expect(event?.data).toEqual(data);
      }
    }
    const batches = new Map<string, number[]>();
    for (const event of stored.values()) {
      const commandId = event.metadata.commandId;
      batches.set(commandId, [...(batches.get(commandId) ?? []), event.data['index'] as number]);
    }
    for (const [, indexes] of batches) {
      const size = indexes.length;
      expect([...indexes].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
    }
    for (const event of stored.values()) expect(batches.get(event.metadata.commandId)?.length).toBe(event.data['size']);

    const report = await verifyLog(store);
    expect(report.breaks).toEqual([]);
    const acknowledgedEvents = acknowledged.reduce((n, a) => n + a.events.length, 0);
    expect(acknowledgedEvents).toBeGreaterThan(0);
    return { cycles, acknowledgedEvents, storedEvents: stored.size };
  } finally {
    await store.close();
  }
}
