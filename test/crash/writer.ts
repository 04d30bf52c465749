/**
 * A writer for the crash test: appends batches of 1–5 events to a few streams
 * as fast as it can, and prints one line per append only after the store has
 * acknowledged it. The test kills it with SIGKILL at random moments.
 *
 *   node -r @swc-node/register test/crash/writer.ts <sqlite|postgres> <path-or-url> <seed>
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@auxledger/event-store';
import { openStore } from './open-store';

async function main(): Promise<void> {
  const [kind, target, seedText] = process.argv.slice(2);
  if (!kind || !target) throw new Error('usage: writer.ts <sqlite|postgres> <path-or-url> <seed>');
  const store: EventStore = await openStore(kind, target);
  let seed = Number(seedText ?? 1);
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (;;) {
    const stream = `crash-${Math.floor(next() * 8)}`;
    const size = 1 + Math.floor(next() * 5);
    const commandId = randomUUID();
    const events: NewEvent[] = Array.from({ length: size }, (_, index) => ({
      eventId: randomUUID(),
      type: 'CrashProbeRecorded',
      schemaVersion: 1,
      data: { commandId, index, size, payload: '记录'.repeat(1 + Math.floor(next() * 50)) },
      metadata: {
        commandId,
        correlationId: commandId,
        causationId: commandId,
        actor: { id: 'crash-writer', role: 'system' },
        effectiveDate: '2024-09-01',
        recordedAt: new Date().toISOString(),
        ruleSetRevision: null,
      },
    }));
    await store.appendToStream(stream, events, 'any');
    process.stdout.write(`${JSON.stringify({ stream, events: events.map((e) => ({ eventId: e.eventId, data: e.data })) })}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
