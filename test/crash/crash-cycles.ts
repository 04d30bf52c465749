import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EventStore, JsonObject, RecordedEvent } from '@auxledger/event-store';
import { verifyLog } from '@auxledger/event-store';

/** How many kill cycles: a handful in the regular run, more under AUXLEDGER_SOAK=1. */
export const crashCycles = () => Number(process.env.AUXLEDGER_CRASH_CYCLES ?? (process.env.AUXLEDGER_SOAK === '1' ? 200 : 12));

interface Acknowledged {
  stream: string;
  events: Array<{ eventId: string; data: JsonObject }>;
}

const root = join(__dirname, '..', '..');

/** Runs the writer until it has acknowledged something, then SIGKILLs it after a random delay. */
async function oneCycle(kind: string, target: string, seed: number): Promise<Acknowledged[]> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'writer.ts'), kind, target, String(seed)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('\n')) {
    if (child.exitCode !== null) throw new Error(`writer exited early (${child.exitCode}): ${err}`);
    if (Date.now() - started > 30_000) throw new Error(`writer acknowledged nothing in 30 s: ${err}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 250)));
  child.kill('SIGKILL');
  await exited;
  // Only whole lines were acknowledged: a line cut by the kill was not fully printed.
  return out
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as Acknowledged);
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
