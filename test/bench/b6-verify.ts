import { hash } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore, canonicalEncoding, verifyLog } from '@auxledger/event-store';
import { sampleEvent } from './events';
import type { Row } from './measure';

/**
 * B6: verify the whole hash chain of a SQLite log, beside raw SHA-256 over the
 * same bytes (each event's canonical encoding, already in memory, one-shot
 * hashing): the hashing limit. Verify also reads, parses and re-encodes every event.
 */
export async function benchVerify(dir: string, events: number): Promise<Row[]> {
  const store = new SqliteEventStore({ path: join(dir, 'verify.db') });
  try {
    const batch = 500;
    for (let i = 0; i < events; i += batch) {
      await store.appendToStream(`aux-${i % 1000}`, Array.from({ length: Math.min(batch, events - i) }, (_, k) => sampleEvent(i + k)), 'any');
    }
    const encodings: string[] = [];
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const e of page) encodings.push(canonicalEncoding({ ...e, metadata: e.metadata }));
      after = page[page.length - 1]?.globalPosition ?? after;
    }
    const t0 = performance.now();
    let sink = 0;
    for (const text of encodings) sink ^= hash('sha256', text, 'buffer')[0] as number;
    const rawSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const report = await verifyLog(store);
    const verifySeconds = (performance.now() - t1) / 1000;
    if (!report.ok || report.eventsChecked !== events || sink < 0) throw new Error('B6: the benchmark log did not verify');
    return [
      {
        id: 'B6',
        scenario: `verify the hash chain, ${events.toLocaleString('en-US')} events (SQLite)`,
        rate: events / verifySeconds,
        unit: 'events/s',
        baseline: { label: 'raw SHA-256 over the same bytes', rate: events / rawSeconds },
      },
    ];
  } finally {
    await store.close();
  }
}
