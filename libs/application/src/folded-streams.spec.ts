import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Aggregate, StreamRef } from '@auxledger/domain';
import { type EventStore, type NewEvent, SqliteEventStore } from '@auxledger/event-store';
import { FoldedStreamCache, loadStream, rememberAppended } from './folded-streams';

/** A counting aggregate: the state is the number of events folded, so a stale state shows. */
const counter: Aggregate<number, never> = { streamPrefix: 'test_counter', initialState: () => 0, evolve: (n) => n + 1 };
const ref = (id: string): StreamRef => ({ aggregate: counter, id });

let n = 0;
const event = (commandId: string): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  type: 'Counted',
  schemaVersion: 1,
  data: {},
  metadata: {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    effectiveDate: '2025-01-02',
    recordedAt: '2025-01-02T08:00:00.000Z',
    ruleSetRevision: null,
    actor: { id: 'op-1', role: 'operator', organId: null },
  },
});

describe('FoldedStreamCache', () => {
  let store: EventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  async function append(id: string, count: number, commandId = 'c-1'): Promise<void> {
    const head = await store.readStream(`test_counter-${id}`, { direction: 'backwards', maxCount: 1 });
    await store.appendToStream(`test_counter-${id}`, Array.from({ length: count }, () => event(commandId)), head[0] ? head[0].streamRevision : 'no_stream');
  }

  it('is bounded by the events folded into its states, least recently used out, not only by streams', async () => {
    const cache = new FoldedStreamCache({ maxStreams: 100, maxEvents: 10 });
    for (const id of ['a', 'b', 'c']) {
      await append(id, 4);
      await loadStream(store, cache, ref(id), 'other');
    }
    // a, b and c weigh 4 each: a (the least recently used) went at 12 > 10.
    expect(cache.size).toEqual({ streams: 2, events: 8 });
    expect(cache.get('test_counter-a')).toBeUndefined();
    expect(cache.get('test_counter-b')?.revision).toBe(3);
    // A stream heavier than the bound alone is still kept while it is the one in use.
    await append('d', 12);
    await loadStream(store, cache, ref('d'), 'other');
    expect(cache.size).toEqual({ streams: 1, events: 12 });
  });

  it('reads past the kept revision when another connection wrote (another process): its event is folded in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auxledger-folded-'));
    const mine = new SqliteEventStore({ path: join(dir, 'log.db') });
    const other = new SqliteEventStore({ path: join(dir, 'log.db') });
    try {
      const cache = new FoldedStreamCache();
      await mine.appendToStream('test_counter-x', [event('c-1'), event('c-1')], 'no_stream');
      expect((await loadStream(mine, cache, ref('x'), 'other')).state).toBe(2);
      await other.appendToStream('test_counter-x', [event('c-2')], 1);
      const loaded = await loadStream(mine, cache, ref('x'), 'other');
      expect(loaded.state).toBe(3);
      expect(loaded.revision).toBe(2);
      // Its own appends do not make it read (its writer's first group after another's commit may, once); another's, after them, do.
      let before = loaded;
      const spied = jest.spyOn(mine, 'readStream');
      for (const [k, revision] of [[3, 2], [4, 3]] as const) {
        rememberAppended(cache, ref('x'), before, await mine.appendToStream('test_counter-x', [event(`c-${k}`)], revision));
        before = await loadStream(mine, cache, ref('x'), 'other');
        expect(before).toMatchObject({ state: k + 1, revision: revision + 1 });
      }
      spied.mockClear();
      rememberAppended(cache, ref('x'), before, await mine.appendToStream('test_counter-x', [event('c-5')], 4));
      expect(await loadStream(mine, cache, ref('x'), 'other')).toMatchObject({ state: 6, revision: 5 });
      expect(spied).not.toHaveBeenCalled();
      await other.appendToStream('test_counter-x', [event('c-6')], 5);
      expect(await loadStream(mine, cache, ref('x'), 'other')).toMatchObject({ state: 7, revision: 6 });
      expect(spied).toHaveBeenCalledTimes(1);
    } finally {
      await mine.close();
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an event this very store wrote behind its back is not read until asked fresh (a retry): the append on the old state is refused', async () => {
    const cache = new FoldedStreamCache();
    await append('w', 2);
    expect((await loadStream(store, cache, ref('w'), 'other')).state).toBe(2);
    await append('w', 1, 'c-2');
    const stale = await loadStream(store, cache, ref('w'), 'other');
    expect(stale).toMatchObject({ state: 2, revision: 1 });
    await expect(store.appendToStream('test_counter-w', [event('c-3')], stale.revision)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
    expect(await loadStream(store, cache, ref('w'), 'other', true)).toMatchObject({ state: 3, revision: 2 });
  });

  it('a sole writer trusts what it kept and reads nothing: an event written behind its back is not seen, and the append is refused', async () => {
    const cache = new FoldedStreamCache({ soleWriter: true });
    await append('y', 2);
    expect((await loadStream(store, cache, ref('y'), 'other')).state).toBe(2);
    await append('y', 1, 'c-2');
    const loaded = await loadStream(store, cache, ref('y'), 'other');
    expect(loaded.state).toBe(2);
    // The store still checks the expected revision: no event is written on the stale state.
    await expect(store.appendToStream('test_counter-y', [event('c-3')], loaded.revision)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
  });

  it('what this process appends is folded in without reading it back, and indexed by command', async () => {
    const cache = new FoldedStreamCache({ soleWriter: true });
    await append('z', 1);
    const loaded = await loadStream(store, cache, ref('z'), 'c-9');
    const result = await store.appendToStream('test_counter-z', [event('c-9'), event('c-9')], loaded.revision);
    rememberAppended(cache, ref('z'), loaded, result);
    expect(cache.get('test_counter-z')).toMatchObject({ revision: 2, state: 3 });
    // The command's own events are found by its id (a command sent again).
    const again = await loadStream(store, cache, ref('z'), 'c-9');
    expect(again.ofCommand.map((e) => e.streamRevision)).toEqual([1, 2]);
  });
});
