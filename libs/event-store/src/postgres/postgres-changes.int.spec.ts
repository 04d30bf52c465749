import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { PostgresEventStore } from './postgres-event-store';
import { newEvent } from '../testing/contract';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until two answers in a row agree (each answer moves while no LISTEN is in place), within 10 s. */
async function steady(store: PostgresEventStore): Promise<number> {
  const deadline = Date.now() + 10_000;
  let last = store.changesByOthers();
  while (Date.now() < deadline) {
    await pause(20);
    const now = store.changesByOthers();
    if (now === last) return now;
    last = now;
  }
  throw new Error('changesByOthers never stood still: the store did not start listening');
}

/**
 * The claim: a PostgreSQL store tells when another process appended (so that
 * the command path need not read a stream it keeps folded), and does not for
 * its own appends. It learns it from the notifications every append sends on
 * commit (LISTEN): until it listens, every answer counts as a change.
 */
describeWithPostgres('PostgresEventStore: changesByOthers', () => {
  it('stands still over its own appends and moves once another store’s append is notified', async () => {
    const connectionString = await createTestDatabase('changes');
    const mine = await PostgresEventStore.open({ connectionString });
    const other = await PostgresEventStore.open({ connectionString });
    try {
      const first = mine.changesByOthers();
      expect(mine.changesByOthers()).toBeGreaterThan(first);
      const before = await steady(mine);
      for (let i = 0; i < 5; i++) await mine.appendToStream(`mine-${i}`, [newEvent({ i })], 'no_stream');
      await mine.appendToStreams([
        { streamId: 'mine-a', events: [newEvent({ a: 1 })], expectedRevision: 'no_stream' },
        { streamId: 'mine-b', events: [newEvent({ b: 1 }), newEvent({ b: 2 })], expectedRevision: 'no_stream' },
      ]);
      // Its own notifications come meanwhile; none of them is another's.
      await pause(300);
      expect(mine.changesByOthers()).toBe(before);

      await other.appendToStream('theirs', [newEvent({ t: 1 })], 'no_stream');
      const deadline = Date.now() + 10_000;
      while (mine.changesByOthers() === before && Date.now() < deadline) await pause(10);
      const after = mine.changesByOthers();
      expect(after).toBeGreaterThan(before);
      // Once: the change is not counted again.
      await pause(100);
      expect(mine.changesByOthers()).toBe(after);
    } finally {
      await mine.close();
      await other.close();
    }
  });

  it('on a pool of one connection (which a LISTEN would hold), every answer counts as a change', async () => {
    const store = await PostgresEventStore.open({ connectionString: await createTestDatabase('changes1'), poolSize: 1 });
    try {
      const answers = [store.changesByOthers(), store.changesByOthers()];
      await store.appendToStream('s', [newEvent({})], 'no_stream');
      answers.push(store.changesByOthers());
      expect(answers[1]).toBeGreaterThan(answers[0] as number);
      expect(answers[2]).toBeGreaterThan(answers[1] as number);
    } finally {
      await store.close();
    }
  });
});
