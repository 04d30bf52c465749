import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { Projector } from './projector';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
import type { ReadModelStore } from './store';
import { seedLog } from './testing/crash-cycles';
import { TOY_MODELS, auditTrail, readWholeLog, streamCounter } from './testing/toy-models';

/**
 * `farBehind`: a projector starting far behind has the gap made up by a
 * rebuild elsewhere (here another projector's `rebuild()` on the same store,
 * standing in for the API's worker thread), then catches up what came since
 * in slices and follows, every effect exactly once; within the bound it
 * catches up itself; a changed definition is rebuilt elsewhere too.
 */
describe('Projector farBehind', () => {
  let dir: string;
  let events: EventStore;
  let store: ReadModelStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auxledger-far-behind-'));
    events = new SqliteEventStore({ path: join(dir, 'events.db') });
    store = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
    await seedLog(events, 600);
  });
  afterEach(async () => {
    await store.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every effect once: counters equal the true counts, one audit row per event, the checkpoint at the log's end. */
  async function expectExactlyOnce(): Promise<void> {
    const log = await readWholeLog(events);
    expect((await store.generations('far')).filter((g) => g.status === 'live').map((g) => g.position)).toEqual([log[log.length - 1]?.globalPosition]);
    const counts = new Map<string, number>();
    for (const e of log) if (e.type === 'Counted') counts.set(e.streamId, (counts.get(e.streamId) ?? 0) + 1);
    expect(Object.fromEntries((await store.list(streamCounter)).map((r) => [r['stream_id'], r['count']]))).toEqual(Object.fromEntries(counts));
    expect((await store.list(auditTrail)).map((r) => r['global_position'])).toEqual(log.map((e) => e.globalPosition));
  }

  /** Runs until the live checkpoint reaches the log's head (and `more` events appended meanwhile), then stops. */
  async function runToHead(projector: Projector, more = 0): Promise<void> {
    const head = (await events.headPosition()) + more;
    const stop = new AbortController();
    const running = projector.run(stop.signal);
    while (((await store.generations('far')).find((g) => g.status === 'live')?.position ?? 0) < head) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    await running;
  }

  it('far behind at start: rebuilt elsewhere, then what came meanwhile caught up here, then followed', async () => {
    const rebuilds: AbortSignal[] = [];
    const projector = new Projector({
      name: 'far', models: TOY_MODELS, events, store, batchSize: 50,
      farBehind: {
        events: 100,
        rebuild: async (signal) => {
          rebuilds.push(signal);
          await new Projector({ name: 'far', models: TOY_MODELS, events, store }).rebuild();
          // Events that arrive after the switch are caught up by the projector itself.
          await seedLog(events, 30);
        },
      },
    });
    await runToHead(projector, 30);
    expect(rebuilds).toHaveLength(1);
    await expectExactlyOnce();
    // The empty first generation was retired at the switch and dropped.
    expect((await store.generations('far')).map((g) => [g.generation, g.status])).toEqual([[2, 'live']]);
  });

  it('within the bound it catches up itself', async () => {
    let rebuilt = 0;
    const rebuild = async () => void rebuilt++;
    await runToHead(new Projector({ name: 'far', models: TOY_MODELS, events, store, farBehind: { events: 1000, rebuild } }));
    await seedLog(events, 90);
    await runToHead(new Projector({ name: 'far', models: TOY_MODELS, events, store, farBehind: { events: 100, rebuild } }));
    expect(rebuilt).toBe(0);
    await expectExactlyOnce();
  });

  it('a live generation of other definitions is rebuilt elsewhere too', async () => {
    await runToHead(new Projector({ name: 'far', models: TOY_MODELS.filter((m) => m !== auditTrail), events, store }));
    let rebuilt = 0;
    await runToHead(
      new Projector({
        name: 'far', models: TOY_MODELS, events, store,
        farBehind: { events: 10_000, rebuild: async () => void (rebuilt++, await new Projector({ name: 'far', models: TOY_MODELS, events, store }).rebuild()) },
      }),
    );
    expect(rebuilt).toBe(1);
    await expectExactlyOnce();
  });
});
