import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type EventStore, type RecordedEvent, SqliteEventStore } from '@auxledger/event-store';
import { type ReadModel, type Row } from '../model';
import { Projector } from '../projector';
import type { ReadModelStore } from '../store';
import {
  TOY_MODELS,
  type ToyEvent,
  appendToy,
  auditTrail,
  personLevel,
  readWholeLog,
  replayLevel,
  streamCounter,
  typeCounter,
} from './toy-models';

/**
 * The contract every read-model store passes, written once and run per
 * store (`sqlite/*.int.spec.ts`, `postgres/*.int.spec.ts`). Events come from
 * a SQLite event store in a temporary file: what is under test is the
 * read-model side.
 */
export interface ReadModelStoreHarness {
  /** A new, empty read-model store of its own (a file, a schema); `target` names it for `reopen`. */
  open(): Promise<{ store: ReadModelStore; target: string }>;
  /** A second connection to the same target: another process's view of it. */
  reopen(target: string): Promise<ReadModelStore>;
  /** fast-check runs per property (each opens fresh stores). */
  propertyRuns: number;
}

interface Fixture {
  events: EventStore;
  store: ReadModelStore;
  target: string;
  projector(options?: { batchSize?: number; models?: readonly ReadModel[]; name?: string; rebuildFlushEvents?: number; tailCacheBytes?: number }): Projector;
}

const T = (minute: number) => new Date(Date.UTC(2024, 9, 1, 8, minute)).toISOString();

export function readModelStoreContract(name: string, harness: ReadModelStoreHarness): void {
  describe(`read-model store contract: ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'auxledger-projections-'));
    const opened: Array<() => Promise<void>> = [];
    let counter = 0;

    async function fixture(): Promise<Fixture> {
      const events = new SqliteEventStore({ path: join(dir, `events-${++counter}.db`), pollIntervalMs: 20 });
      const { store, target } = await harness.open();
      opened.push(
        () => events.close(),
        () => store.close(),
      );
      return {
        events,
        store,
        target,
        projector: (options = {}) =>
          new Projector({
            name: options.name ?? 'toys',
            models: options.models ?? TOY_MODELS,
            events,
            store,
            batchSize: options.batchSize ?? 100,
            ...(options.rebuildFlushEvents !== undefined ? { rebuildFlushEvents: options.rebuildFlushEvents } : {}),
            ...(options.tailCacheBytes !== undefined ? { tailCacheBytes: options.tailCacheBytes } : {}),
          }),
      };
    }

    afterAll(async () => {
      for (const close of opened.reverse()) await close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('projects current-state rows: counts, deletes, composite and multiple keys, every column type', async () => {
      const { events, store, projector } = await fixture();
      await appendToy(events, [
        { stream: 's1', type: 'Counted', data: { amount: 1.5, flag: true, tag: 'a', organId: 'o1' }, effectiveDate: '2024-01-02', recordedAt: T(1) },
        { stream: 's1', type: 'Counted', data: { amount: 2, tag: '记录' }, effectiveDate: '2024-01-03', recordedAt: T(2) },
        { stream: 's2', type: 'Counted', data: { amount: 1, organId: 'o1' }, effectiveDate: '2024-01-01', recordedAt: T(3) },
        { stream: 's2', type: 'CounterReset', data: {}, effectiveDate: '2024-01-04', recordedAt: T(4) },
        { stream: 's3', type: 'Counted', data: { amount: -1, flag: false }, effectiveDate: '2024-02-01', recordedAt: T(5) },
      ]);
      const p = projector({ batchSize: 2 });
      await p.open();
      expect(await p.catchUp()).toBe(5);
      expect(await store.get(streamCounter, 's1')).toEqual({
        stream_id: 's1',
        count: 2,
        total: 3.5,
        last_flag: null,
        last_day: '2024-01-03',
        tags: ['a', '记录'],
        last_position: 2,
      });
      expect(await store.get(streamCounter, 's2')).toBeNull();
      expect((await store.list(streamCounter)).map((r) => [r['stream_id'], r['count'], r['last_flag']])).toEqual([
        ['s1', 2, null],
        ['s3', 1, false],
      ]);
      expect(await store.get(typeCounter, { type: 'Counted', organ_id: 'all' })).toMatchObject({ n: 4 });
      expect(await store.get(typeCounter, { type: 'Counted', organ_id: 'o1' })).toMatchObject({ n: 2 });
      expect(await store.list(typeCounter, { where: { organ_id: 'o1' } })).toEqual([{ type: 'Counted', organ_id: 'o1', n: 2, last_position: 3 }]);
      const trail = await store.list(auditTrail);
      expect(trail.map((r) => [r['global_position'], r['row_seq'], r['event_type'], r['effective_date']])).toEqual([
        [1, 0, 'Counted', '2024-01-02'],
        [2, 0, 'Counted', '2024-01-03'],
        [3, 0, 'Counted', '2024-01-01'],
        [4, 0, 'CounterReset', '2024-01-04'],
        [5, 0, 'Counted', '2024-02-01'],
      ]);
      expect(trail[0]).toMatchObject({ stream_id: 's1', detail: { amount: 1.5, flag: true, tag: 'a', organId: 'o1' }, recorded_at: T(1) });
      // Caught up: nothing more to do.
      expect(await p.catchUp()).toBe(5);
      expect(await store.get(streamCounter, 's1')).toMatchObject({ count: 2 });
    });

    for (const batchSize of [1, 100]) {
      it(`temporal: a back-dated change shows from its effective date; as-of answers before and after, as known then and now (batch ${batchSize})`, async () => {
        const { events, store, projector } = await fixture();
        const level = (personId: string, lvl: number, effectiveDate: string, minute: number, organId = 'A'): ToyEvent => ({
          stream: `person-${personId}`,
          type: 'LevelSet',
          data: { personId, level: lvl, organId },
          effectiveDate,
          recordedAt: T(minute),
        });
        await appendToy(events, [
          level('p1', 1, '2024-01-01', 1),
          level('p1', 3, '2024-06-01', 2),
          level('p1', 2, '2024-03-01', 3), // back-dated between the two
          { stream: 'person-p1', type: 'PersonLeft', data: { personId: 'p1' }, effectiveDate: '2024-09-01', recordedAt: T(4) },
          level('p1', 1, '2023-12-01', 5), // back-dated before the first, same level: merges
          level('p2', 5, '2024-02-01', 6, 'B'),
        ]);
        const p = projector({ batchSize });
        await p.open();
        await p.catchUp();

        const at = async (date: string, knownAt?: string) =>
          (await store.asOf(personLevel, date, { where: { person_id: 'p1' }, ...(knownAt ? { knownAt } : {}) })).map((r) => r['level']);
        expect(await at('2023-11-30')).toEqual([]);
        expect(await at('2023-12-15')).toEqual([1]);
        expect(await at('2023-12-15', T(4))).toEqual([]); // before the back-dated entry was recorded
        expect(await at('2024-02-29')).toEqual([1]);
        expect(await at('2024-03-01')).toEqual([2]);
        expect(await at('2024-04-01', T(2))).toEqual([1]); // as known before the back-dated change
        expect(await at('2024-04-01', T(3))).toEqual([2]);
        expect(await at('2024-05-31')).toEqual([2]);
        expect(await at('2024-06-01')).toEqual([3]);
        expect(await at('2024-08-31')).toEqual([3]);
        expect(await at('2024-09-01')).toEqual([]);
        expect(await at('2025-01-01', T(3))).toEqual([3]); // before the departure was recorded
        expect(await at('2024-01-01', T(0))).toEqual([]); // before anything was recorded

        const roster = await store.asOf(personLevel, '2024-04-01', { where: { organ_id: 'B' } });
        expect(roster).toEqual([
          { person_id: 'p2', level: 5, organ_id: 'B', valid_from: '2024-02-01', valid_to: '9999-12-31', known_from: T(6), known_to: 'infinity' },
        ]);
        // Only the columns asked for, in either read; counts by the database, as of a date and as known at an instant.
        expect(await store.asOf(personLevel, '2024-04-01', { columns: ['level', 'valid_from'] })).toEqual([
          { level: 2, valid_from: '2024-03-01' },
          { level: 5, valid_from: '2024-02-01' },
        ]);
        expect(await store.list(personLevel, { where: { person_id: 'p1', known_to: 'infinity' }, orderBy: ['valid_from'], columns: ['valid_to'] })).toEqual([
          { valid_to: '2024-03-01' },
          { valid_to: '2024-06-01' },
          { valid_to: '2024-09-01' },
        ]);
        expect(await store.countAsOf(personLevel, '2024-04-01')).toEqual([{ count: 2 }]);
        expect(await store.countAsOf(personLevel, '2024-04-01', { groupBy: ['organ_id', 'level'] })).toEqual([
          { organ_id: 'A', level: 2, count: 1 },
          { organ_id: 'B', level: 5, count: 1 },
        ]);
        expect(await store.countAsOf(personLevel, '2024-04-01', { groupBy: ['level'], knownAt: T(2) })).toEqual([{ level: 1, count: 1 }]);
        expect(await store.countAsOf(personLevel, '2024-04-01', { where: { organ_id: ['C'] } })).toEqual([{ count: 0 }]);
        expect(await store.countAsOf(personLevel, '2024-04-01', { where: { organ_id: ['C'] }, groupBy: ['level'] })).toEqual([]);

        const history = (await store.list(personLevel, { where: { person_id: 'p1' }, orderBy: ['known_from', 'valid_from'] })).map((r) => [
          r['valid_from'],
          r['valid_to'],
          r['level'],
          r['known_from'],
          r['known_to'],
        ]);
        expect(history).toEqual([
          ['2024-01-01', '9999-12-31', 1, T(1), T(2)],
          ['2024-01-01', '2024-06-01', 1, T(2), T(3)],
          ['2024-06-01', '9999-12-31', 3, T(2), T(4)],
          ['2024-01-01', '2024-03-01', 1, T(3), T(5)],
          ['2024-03-01', '2024-06-01', 2, T(3), 'infinity'],
          ['2024-06-01', '2024-09-01', 3, T(4), 'infinity'],
          ['2023-12-01', '2024-03-01', 1, T(5), 'infinity'],
        ]);
      });
    }

    for (const batchSize of [1, 10]) {
      it(`temporal: events of one command (one recordedAt) leave no zero-length versions (batch ${batchSize})`, async () => {
        const { events, store, projector } = await fixture();
        const same = T(10);
        await appendToy(events, [
          { stream: 'person-p9', type: 'LevelSet', data: { personId: 'p9', level: 1, organId: 'A' }, effectiveDate: '2024-01-01', recordedAt: same },
          { stream: 'person-p9', type: 'LevelSet', data: { personId: 'p9', level: 2 }, effectiveDate: '2024-01-01', recordedAt: same },
          { stream: 'person-p9', type: 'LevelSet', data: { personId: 'p9', level: 3 }, effectiveDate: '2024-05-01', recordedAt: same },
        ]);
        const p = projector({ batchSize });
        await p.open();
        await p.catchUp();
        const rows = (await store.list(personLevel)).map((r) => [r['valid_from'], r['valid_to'], r['level'], r['known_from'], r['known_to']]);
        expect(rows).toEqual([
          ['2024-01-01', '2024-05-01', 2, same, 'infinity'],
          ['2024-05-01', '9999-12-31', 3, same, 'infinity'],
        ]);
      });
    }

    it('property: live projection equals the in-memory fold, as-of answers equal a replay, and a rebuild equals the live projection row for row', async () => {
      const day = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d * 9)).toISOString().slice(0, 10));
      const toyEvent = fc.oneof(
        fc.record({
          stream: fc.constantFrom('s1', 's2', 's3'),
          type: fc.constant('Counted' as const),
          data: fc.record({ amount: fc.integer({ min: -5, max: 5 }), flag: fc.boolean(), organId: fc.constantFrom('o1', 'o2') }),
          day,
        }),
        fc.record({ stream: fc.constantFrom('s1', 's2'), type: fc.constant('CounterReset' as const), data: fc.constant({}), day }),
        fc.record({
          stream: fc.constant('people'),
          type: fc.constant('LevelSet' as const),
          data: fc.record({ personId: fc.constantFrom('p1', 'p2', 'p3'), level: fc.integer({ min: 1, max: 4 }), organId: fc.constantFrom('A', 'B') }, { requiredKeys: ['personId'] }),
          day,
        }),
        fc.record({ stream: fc.constant('people'), type: fc.constant('PersonLeft' as const), data: fc.record({ personId: fc.constantFrom('p1', 'p2', 'p3') }), day }),
      );
      const scenario = fc.record({
        events: fc.array(fc.tuple(toyEvent, fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 40 }),
        chunks: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
        batchSize: fc.integer({ min: 1, max: 7 }),
      });

      await fc.assert(
        fc.asyncProperty(scenario, async ({ events: generated, chunks, batchSize }) => {
          const { events, store, projector } = await fixture();
          let minute = 0;
          const toy: ToyEvent[] = generated.map(([e, step]) => {
            minute += step; // step 0: the same recordedAt as the event before (one command)
            return { stream: e.stream, type: e.type, data: e.data, effectiveDate: e.day, recordedAt: T(minute) };
          });
          const p = projector({ batchSize });
          await p.open();
          let offset = 0;
          for (const size of [...chunks, toy.length]) {
            await appendToy(events, toy.slice(offset, offset + size));
            offset += size;
            await p.catchUp();
            if (offset >= toy.length) break;
          }
          const log = await readWholeLog(events);

          // Current rows equal a plain fold of the log.
          const expected = new Map<string, Row>();
          for (const e of log) {
            if (!streamCounter.handles?.includes(e.type)) continue;
            const next = streamCounter.evolve((expected.get(e.streamId) as never) ?? null, e, { stream_id: e.streamId });
            if (next) expected.set(e.streamId, { ...next, last_position: e.globalPosition });
            else expected.delete(e.streamId);
          }
          const live = await snapshot(store);
          expect(live.get('stream_counter')).toEqual([...expected.keys()].sort().map((k) => expected.get(k)));
          expect(live.get('audit_trail')?.length).toBe(log.length);

          // As-of answers equal a replay of the entity's events up to that date, now and as known then.
          const dates = ['2023-12-31', ...new Set(toy.map((e) => e.effectiveDate))].sort();
          const instants = [...new Set(toy.map((e) => e.recordedAt))];
          for (const personId of ['p1', 'p2', 'p3']) {
            for (const date of dates) {
              const rows = await store.asOf(personLevel, date, { where: { person_id: personId } });
              expect(rows.map((r) => ({ level: r['level'], organ_id: r['organ_id'] }))).toEqual(toList(replayLevel(log, personId, date)));
              for (const knownAt of instants.filter((_, i) => i % 3 === 0)) {
                const asKnown = await store.asOf(personLevel, date, { where: { person_id: personId }, knownAt });
                expect(asKnown.map((r) => ({ level: r['level'], organ_id: r['organ_id'] }))).toEqual(toList(replayLevel(log, personId, date, knownAt)));
              }
            }
          }

          // A rebuild equals the live projection, row for row (temporal history included), whatever its flushes' size;
          // the live projection here was planned with the tail cache, the second one without it.
          await p.rebuild();
          expect(await snapshot(store)).toEqual(live);
          await projector({ batchSize, rebuildFlushEvents: batchSize + 2, tailCacheBytes: 0 }).rebuild();
          expect(await snapshot(store)).toEqual(live);
        }),
        { numRuns: harness.propertyRuns },
      );
    }, 300_000); // 30–80 s on two loaded cores

    it('exactly once under two projector processes on the same generation: no batch applied twice', async () => {
      const { events, store, target, projector } = await fixture();
      const second = await harness.reopen(target);
      opened.push(() => second.close());
      const toy: ToyEvent[] = Array.from({ length: 300 }, (_, i) => ({
        stream: `s${i % 7}`,
        type: 'Counted',
        data: { amount: 1 },
        effectiveDate: '2024-01-01',
        recordedAt: T(i),
      }));
      await appendToy(events, toy);
      const a = projector({ batchSize: 7 });
      await a.open();
      const b = new Projector({ name: 'toys', models: TOY_MODELS, events, store: second, batchSize: 11 });
      await Promise.all([a.catchUp(), b.catchUp(), a.catchUp()]);
      const counts = await store.list(streamCounter);
      expect(counts.map((r) => r['count'])).toEqual(Array.from({ length: 7 }, (_, s) => Math.ceil((300 - s) / 7)));
      expect((await store.list(auditTrail)).length).toBe(300);
      expect((await store.generations('toys'))[0]?.position).toBe(300);
    }, 120_000); // 300 events in batches of 7 and 11 through two stores, a transaction each: past 30 s on two loaded cores

    it('follows the log with low lag after catching up, and stops on abort', async () => {
      const { events, store, projector } = await fixture();
      const p = projector({ batchSize: 50 });
      const stop = new AbortController();
      const running = p.run(stop.signal);
      await appendToy(events, [{ stream: 's1', type: 'Counted', data: {}, effectiveDate: '2024-01-01', recordedAt: T(1) }]);
      await waitFor(async () => (await store.get(streamCounter, 's1').catch(() => null))?.count === 1);
      const started = Date.now();
      await appendToy(
        events,
        Array.from({ length: 120 }, (_, i) => ({ stream: 's1', type: 'Counted' as const, data: {}, effectiveDate: '2024-01-01', recordedAt: T(2 + i) })),
      );
      await waitFor(async () => (await store.get(streamCounter, 's1'))?.count === 121);
      expect(Date.now() - started).toBeLessThan(5000);
      stop.abort();
      await running;
    });

    it('rebuild under load: readers always see a whole generation, never a partial count; the old generation is dropped', async () => {
      const { events, store, target, projector } = await fixture();
      const total = 400;
      await appendToy(
        events,
        Array.from({ length: total }, (_, i) => ({ stream: `s${i % 5}`, type: 'Counted' as const, data: { amount: 1 }, effectiveDate: '2024-01-01', recordedAt: T(i) })),
      );
      const p = projector({ batchSize: 500 });
      await p.open();
      await p.catchUp();
      const readerStore = await harness.reopen(target);
      opened.push(() => readerStore.close());
      const seen = new Set<number>();
      let reads = 0;
      let rebuilding = true;
      const reader = (async () => {
        while (rebuilding) {
          const rows = await readerStore.list(streamCounter);
          seen.add(rows.reduce((sum, r) => sum + (r['count'] as number), 0));
          seen.add((await readerStore.list(auditTrail, { orderBy: ['global_position'] })).length);
          reads++;
          await new Promise((r) => setImmediate(r));
        }
      })();
      const before = (await store.generations('toys')).map((g) => g.generation);
      const slow = projector({ batchSize: 9 });
      const rebuilt = await slow.rebuild();
      rebuilding = false;
      await reader;
      expect([...seen]).toEqual([total]);
      expect(reads).toBeGreaterThan(1);
      expect(rebuilt).toEqual({ generation: (before[0] as number) + 1, position: total });
      expect((await store.generations('toys')).map((g) => [g.generation, g.status])).toEqual([[rebuilt.generation, 'live']]);
      // The live runner follows the new generation.
      await appendToy(events, [{ stream: 's0', type: 'Counted', data: {}, effectiveDate: '2024-01-01', recordedAt: T(999) }]);
      await p.catchUp();
      expect((await store.list(streamCounter)).reduce((sum, r) => sum + (r['count'] as number), 0)).toBe(total + 1);
    });

    it('a rebuild stopped part way is dropped by the next one, which begins again: the same rows as the live projection', async () => {
      const { events, store } = await fixture();
      await appendToy(events, [
        ...Array.from({ length: 60 }, (_, i) => ({ stream: `s${i % 4}`, type: 'Counted' as const, data: { amount: i % 3 }, effectiveDate: '2024-01-01', recordedAt: T(i) })),
        ...Array.from({ length: 30 }, (_, i) => ({
          stream: 'people',
          type: 'LevelSet' as const,
          // Some back-dated: an entity's history is planned whole, whatever the order its events came in.
          data: { personId: `p${i % 3}`, level: 1 + (i % 4), organId: i % 2 === 0 ? 'A' : 'B' },
          effectiveDate: new Date(Date.UTC(2024, 0, 1 + ((i * 7) % 25))).toISOString().slice(0, 10),
          recordedAt: T(60 + i),
        })),
      ]);
      const live = new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 100 });
      await live.open();
      await live.catchUp();
      const expected = await snapshot(store);
      const stop = new AbortController();
      const stopped = new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 10, rebuildFlushEvents: 20, onBatch: (p) => p.position >= 40 && stop.abort() });
      await expect(stopped.rebuild({ signal: stop.signal })).rejects.toThrow(/aborted; the next rebuild begins again/);
      const left = (await store.generations('toys')).filter((g) => g.status === 'building');
      expect(left.map((g) => g.position)).toEqual([40]);
      const again = await new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 13 }).rebuild();
      expect(again.position).toBe(90);
      expect((await store.generations('toys')).map((g) => [g.generation, g.status])).toEqual([[again.generation, 'live']]);
      expect(await snapshot(store)).toEqual(expected);
    });

    it('a rebuild under way in another store (another process) is left to finish: each builds its own generation, the later switch wins', async () => {
      const { events, store, target } = await fixture();
      await appendToy(events, Array.from({ length: 90 }, (_, i) => ({ stream: `s${i % 4}`, type: 'Counted' as const, data: { amount: i % 3 }, effectiveDate: '2024-01-01', recordedAt: T(i) })));
      const live = new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 100 });
      await live.open();
      await live.catchUp();
      const expected = await snapshot(store);
      const other = await harness.reopen(target);
      opened.push(() => other.close());
      // The other process's rebuild, stopped part way, its generation committed to just now: as if still at work.
      const stop = new AbortController();
      const elsewhere = new Projector({ name: 'toys', models: TOY_MODELS, events, store: other, batchSize: 10, rebuildFlushEvents: 20, onBatch: (p) => p.position >= 40 && stop.abort() });
      await expect(elsewhere.rebuild({ signal: stop.signal })).rejects.toThrow(/aborted/);
      const [theirs] = (await store.generations('toys')).filter((g) => g.status === 'building');
      expect(theirs?.position).toBe(40);
      // This store neither drops it on open nor in its own rebuild; it builds beside it and switches.
      await new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 13 }).open();
      const mine = await new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 13 }).rebuild();
      expect((await store.generations('toys')).map((g) => [g.generation, g.status])).toEqual([
        [theirs?.generation, 'building'],
        [mine.generation, 'live'],
      ]);
      expect(await snapshot(store)).toEqual(expected);
      // The other store's next rebuild drops the generation it made and left, builds again and switches: one live generation.
      const again = await new Projector({ name: 'toys', models: TOY_MODELS, events, store: other, batchSize: 7 }).rebuild();
      expect((await store.generations('toys')).map((g) => [g.generation, g.status])).toEqual([[again.generation, 'live']]);
      expect(await snapshot(store)).toEqual(expected);
    });

    it('a building generation whose builder is gone (its process ended) is dropped by any store; one whose builder runs is not', async () => {
      const { store, target } = await fixture();
      const other = await harness.reopen(target);
      const left = await other.createGeneration('toys', TOY_MODELS, 'f', { live: false });
      await store.dropGenerations('toys', { building: [left.generation] });
      expect((await store.generations('toys')).map((g) => [g.generation, g.status])).toEqual([[left.generation, 'building']]);
      // Closed without finishing: as a process that ended lets its locks go.
      await other.close();
      await store.dropGenerations('toys');
      expect(await store.generations('toys')).toEqual([]);
    });

    it('a changed model definition is rebuilt on open; views of models no longer projected go', async () => {
      const { events, store, projector } = await fixture();
      await appendToy(events, [{ stream: 's1', type: 'Counted', data: { amount: 2 }, effectiveDate: '2024-01-01', recordedAt: T(1) }]);
      const first = projector();
      await first.open();
      await first.catchUp();
      const renamed = { ...streamCounter, version: 2 };
      const second = projector({ models: [renamed, personLevel] });
      const live = await second.open();
      expect(live.generation).toBe(2);
      expect(live.position).toBe(1);
      expect(await store.get(renamed, 's1')).toMatchObject({ count: 1, total: 2 });
      // Matched by message: better-sqlite3's errors may come from another realm under Jest.
      await expect(store.list(auditTrail)).rejects.toHaveProperty('message', expect.stringMatching(/audit_trail/));
      await expect(first.catchUp()).rejects.toThrow(/other model definitions/);
    });

    it('refuses bad definitions and unknown columns in queries', async () => {
      const { store, projector } = await fixture();
      await projector().open();
      await expect(store.list(streamCounter, { where: { 'count; DROP TABLE x': 1 } })).rejects.toThrow(/no column/);
      await expect(store.asOf(personLevel, '2024-13')).rejects.toThrow(/not a date/);
      await expect(store.asOf(personLevel, '2024-01-01', { columns: ['level', 'password'] })).rejects.toThrow(/no column/);
      await expect(store.list(personLevel, { columns: [] })).rejects.toThrow(/at least one/);
      await expect(store.countAsOf(personLevel, '2024-01-01', { groupBy: ['level; DROP TABLE x'] })).rejects.toThrow(/no column/);
      await expect(store.countAsOf(personLevel, '2024-1-1')).rejects.toThrow(/not a date/);
    });
  });
}

function toList<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}

/** Every model's rows through its view, in a stable order. */
async function snapshot(store: ReadModelStore): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const model of TOY_MODELS) out.set(model.name, await store.list(model));
  return out;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export type { RecordedEvent };
