import { randomUUID } from 'node:crypto';
import { EventStoreError, isEventStoreError } from '../errors';
import { eventHash, metadataInput } from '../hash-chain';
import type { EventStore, ExpectedRevision, JsonObject, NewEvent, RecordedEvent } from '../port';
import { MAX_EVENT_BYTES } from '../port';
import { digestLog, verifyLog } from '../verify';

/**
 * The contract every adapter must pass, written once. Tests share one store
 * (a real server may hold other data), so each works in streams of its own
 * and reads the global log only after the position where it began.
 */
export interface ContractHarness {
  /** Opens a store on an empty or shared log. */
  open(): Promise<EventStore>;
  /** False where the store has no multi-stream transaction: such appends must then be refused with UNSUPPORTED. */
  multiStreamAppend?: boolean;
}

export function newEvent(data: JsonObject = {}, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'TestRecorded',
    schemaVersion: 1,
    data,
    metadata: {
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { id: 'operator-1', role: 'operator', organId: 'organ-1' },
      effectiveDate: '2024-09-01',
      recordedAt: '2024-09-01T08:00:00.000Z',
      ruleSetRevision: '2024',
    },
    ...overrides,
  };
}

export const newStreamId = (prefix = 'test') => `${prefix}-${randomUUID()}`;

/** The position of the last event in the log now. */
export async function logEnd(store: EventStore): Promise<number> {
  let after = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 5000 });
    const last = batch[batch.length - 1];
    if (!last) return after;
    after = last.globalPosition;
  }
}

/** All events after a position whose stream starts with `prefix`. */
export async function readLogAfter(store: EventStore, after: number, prefix: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 500 });
    events.push(...batch.filter((e) => e.streamId.startsWith(prefix)));
    const last = batch[batch.length - 1];
    if (!last) return events;
    after = last.globalPosition;
  }
}

async function expectStoreError(promise: Promise<unknown>, code: EventStoreError['code']): Promise<EventStoreError> {
  try {
    await promise;
  } catch (error) {
    if (isEventStoreError(error, code)) return error;
    throw new Error(`expected ${code}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}

export function eventStoreContract(adapterName: string, harness: ContractHarness): void {
  describe(`event store contract: ${adapterName}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await harness.open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('streams', () => {
      it('reads a missing stream as empty, forwards and backwards', async () => {
        const stream = newStreamId();
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
      });

      it('appends events at revisions 0, 1, 2 and reads them back in both directions', async () => {
        const stream = newStreamId();
        const events = [newEvent({ n: 0 }), newEvent({ n: 1 }), newEvent({ n: 2 })];
        const result = await store.appendToStream(stream, events, 'no_stream');
        expect(result.nextExpectedRevision).toBe(2);
        expect(result.alreadyStored).toBe(false);
        expect(result.events.map((e) => e.streamRevision)).toEqual([0, 1, 2]);

        const forwards = await store.readStream(stream);
        expect(forwards.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(forwards.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
        const backwards = await store.readStream(stream, { direction: 'backwards' });
        expect(backwards.map((e) => e.streamRevision)).toEqual([2, 1, 0]);
      });

      it('reads from a revision, forwards and backwards, with a maximum count', async () => {
        const stream = newStreamId();
        await store.appendToStream(stream, [0, 1, 2, 3, 4].map((n) => newEvent({ n })), 'no_stream');
        const forwards = await store.readStream(stream, { fromRevision: 2, maxCount: 2 });
        expect(forwards.map((e) => e.streamRevision)).toEqual([2, 3]);
        const backwards = await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 3 });
        expect(backwards.map((e) => e.streamRevision)).toEqual([3, 2, 1]);
        expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
      });
    });

    describe('expected revision', () => {
      // [expectation, stream state before (number of events), accepted?]
      const cases: Array<[ExpectedRevision, number, boolean]> = [
        ['any', 0, true],
        ['any', 2, true],
        ['no_stream', 0, true],
        ['no_stream', 2, false],
        ['stream_exists', 0, false],
        ['stream_exists', 2, true],
        [1, 2, true],
        [0, 2, false],
        [2, 2, false],
        [0, 0, false],
      ];
      it.each(cases)('expecting %p on a stream of %p events: accepted = %p', async (expected, existing, accepted) => {
        const stream = newStreamId();
        if (existing > 0) {
          await store.appendToStream(stream, Array.from({ length: existing }, (_, n) => newEvent({ n })), 'no_stream');
        }
        const attempt = store.appendToStream(stream, [newEvent({ n: 'new' })], expected);
        if (accepted) {
          const result = await attempt;
          expect(result.nextExpectedRevision).toBe(existing);
        } else {
          const error = await expectStoreError(attempt, 'WRONG_EXPECTED_REVISION');
          expect(error.details).toMatchObject({ streamId: stream, expected, actual: existing === 0 ? 'no_stream' : existing - 1 });
        }
        expect(await store.readStream(stream)).toHaveLength(accepted ? existing + 1 : existing);
      });

      it('lets exactly one of many concurrent writers win each revision; the rest get the conflict', async () => {
        const stream = newStreamId();
        const writers = 8;
        const rounds = 5;
        for (let revision = -1; revision < rounds - 1; revision++) {
          const expected: ExpectedRevision = revision < 0 ? 'no_stream' : revision;
          const outcomes = await Promise.allSettled(
            Array.from({ length: writers }, (_, w) => store.appendToStream(stream, [newEvent({ writer: w })], expected)),
          );
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(writers - 1);
          for (const o of lost) expect(isEventStoreError(o.reason, 'WRONG_EXPECTED_REVISION')).toBe(true);
        }
        const events = await store.readStream(stream);
        expect(events.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4]);
      });
    });

    describe('atomic appends to several streams', () => {
      const multi = harness.multiStreamAppend ?? true;
      if (!multi) {
        it('refuses an append to several streams with UNSUPPORTED, and writes nothing', async () => {
          const [a, b] = [newStreamId(), newStreamId()];
          await expectStoreError(
            store.appendToStreams([
              { streamId: a, events: [newEvent()], expectedRevision: 'no_stream' },
              { streamId: b, events: [newEvent()], expectedRevision: 'no_stream' },
            ]),
            'UNSUPPORTED',
          );
          expect(await store.readStream(a)).toEqual([]);
        });
        return;
      }

      it('writes every stream or none, and an entry without events only checks its revision', async () => {
        const [a, b, watched] = [newStreamId(), newStreamId(), newStreamId()];
        await store.appendToStream(watched, [newEvent()], 'no_stream');
        const results = await store.appendToStreams([
          { streamId: a, events: [newEvent({ s: 'a' })], expectedRevision: 'no_stream' },
          { streamId: b, events: [newEvent({ s: 'b' }), newEvent({ s: 'b2' })], expectedRevision: 'no_stream' },
          { streamId: watched, events: [], expectedRevision: 0 },
        ]);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([0, 1, 0]);
        expect(results[2]?.events).toEqual([]);
        expect((await store.readStream(b)).map((e) => e.data)).toEqual([{ s: 'b' }, { s: 'b2' }]);
        const positions = results.flatMap((r) => r.events.map((e) => e.globalPosition));
        expect(positions).toEqual([...positions].sort((x, y) => x - y));

        // The watched stream moved on: the whole append is refused, nothing of it written.
        await store.appendToStream(watched, [newEvent()], 0);
        const [c] = [newStreamId()];
        const error = await expectStoreError(
          store.appendToStreams([
            { streamId: c, events: [newEvent()], expectedRevision: 'no_stream' },
            { streamId: watched, events: [], expectedRevision: 0 },
          ]),
          'WRONG_EXPECTED_REVISION',
        );
        expect(error.details).toMatchObject({ streamId: watched, expected: 0, actual: 1 });
        expect(await store.readStream(c)).toEqual([]);
      });

      it('of two concurrent decisions that read the same stream, exactly one is written', async () => {
        const shared = newStreamId();
        await store.appendToStream(shared, [newEvent()], 'no_stream');
        const writers = Array.from({ length: 6 }, () => newStreamId());
        const outcomes = await Promise.allSettled(
          writers.map((stream) =>
            store.appendToStreams([
              { streamId: stream, events: [newEvent()], expectedRevision: 'no_stream' },
              { streamId: shared, events: [newEvent()], expectedRevision: 0 },
            ]),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const written = await Promise.all(writers.map((stream) => store.readStream(stream)));
        expect(written.filter((events) => events.length > 0)).toHaveLength(1);
        expect(await store.readStream(shared)).toHaveLength(2);
      });

      it('re-appending the same multi-stream append writes nothing twice', async () => {
        const [a, b] = [newStreamId(), newStreamId()];
        const appends = [
          { streamId: a, events: [newEvent()], expectedRevision: 'no_stream' as const },
          { streamId: b, events: [newEvent()], expectedRevision: 'no_stream' as const },
        ];
        const first = await store.appendToStreams(appends);
        const again = await store.appendToStreams(appends);
        expect(again.every((r) => r.alreadyStored)).toBe(true);
        expect(again.map((r) => r.events.map((e) => e.globalPosition))).toEqual(first.map((r) => r.events.map((e) => e.globalPosition)));
        expect(await store.readStream(a)).toHaveLength(1);
        expect(await store.readStream(b)).toHaveLength(1);
      });
    });

    describe('idempotency', () => {
      it('re-appending the same events with the same expectation succeeds once and writes nothing twice', async () => {
        const stream = newStreamId();
        await store.appendToStream(stream, [newEvent()], 'no_stream');
        const batch = [newEvent({ a: 1 }), newEvent({ a: 2 })];
        const first = await store.appendToStream(stream, batch, 0);
        const start = await logEnd(store);
        const again = await store.appendToStream(stream, batch, 0);
        expect(again.alreadyStored).toBe(true);
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(again.events.map((e) => [e.eventId, e.globalPosition, e.metadata.hash])).toEqual(
          first.events.map((e) => [e.eventId, e.globalPosition, e.metadata.hash]),
        );
        expect(await store.readStream(stream)).toHaveLength(3);
        expect(await readLogAfter(store, start, stream)).toEqual([]);
      });

      it('re-appending with "any" after a lost acknowledgement writes nothing twice', async () => {
        const stream = newStreamId();
        const batch = [newEvent({ a: 1 })];
        await store.appendToStream(stream, batch, 'any');
        const again = await store.appendToStream(stream, batch, 'any');
        expect(again.alreadyStored).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses an event id already stored elsewhere, and writes none of the append', async () => {
        const stream = newStreamId();
        const [stored] = (await store.appendToStream(stream, [newEvent()], 'no_stream')).events;
        const other = newStreamId();
        const reused = newEvent({}, { eventId: stored?.eventId as string });
        await expectStoreError(store.appendToStream(other, [reused], 'any'), 'DUPLICATE_EVENT_ID');
        await expectStoreError(store.appendToStream(stream, [newEvent(), reused], 'any'), 'DUPLICATE_EVENT_ID');
        expect(await store.readStream(other)).toEqual([]);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('global log', () => {
      it('orders every event by global position, and batches cover it without gaps or duplicates', async () => {
        const prefix = newStreamId('order');
        const start = await logEnd(store);
        const expectedIds: string[] = [];
        for (let i = 0; i < 30; i++) {
          const events = [newEvent({ i }), newEvent({ i, second: true })];
          await store.appendToStream(`${prefix}-${i % 4}`, events, 'any');
          expectedIds.push(...events.map((e) => e.eventId));
        }
        const seen: RecordedEvent[] = [];
        for (let after = start; ; ) {
          const batch = await store.readAll({ after, maxCount: 7 });
          if (batch.length === 0) break;
          seen.push(...batch.filter((e) => e.streamId.startsWith(prefix)));
          after = (batch[batch.length - 1] as RecordedEvent).globalPosition;
        }
        expect(seen.map((e) => e.eventId)).toEqual(expectedIds);
        const positions = seen.map((e) => e.globalPosition);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
      });

      it("the head position is the last event's global position, and moves with every append", async () => {
        expect(await store.headPosition()).toBe(await logEnd(store));
        const { events } = await store.appendToStream(newStreamId('head'), [newEvent({ n: 1 }), newEvent({ n: 2 })], 'no_stream');
        expect(await store.headPosition()).toBe(events[1]?.globalPosition);
        expect(await store.headPosition()).toBe(await logEnd(store));
      });

      it('a subscription catches up, follows new events, and resumes from its checkpoint without gaps or duplicates', async () => {
        const prefix = newStreamId('sub');
        const start = await logEnd(store);
        const written: string[] = [];
        const write = async (n: number) => {
          for (let i = 0; i < n; i++) {
            const event = newEvent({ i });
            written.push(event.eventId);
            await store.appendToStream(`${prefix}-${i % 3}`, [event], 'any');
          }
        };
        await write(10);

        const seen: RecordedEvent[] = [];
        const firstRun = new AbortController();
        let checkpoint = start;
        const consume = async (signal: AbortSignal, after: number, stopAt: number) => {
          for await (const event of store.subscribeToAll({ after, batchSize: 4, signal })) {
            checkpoint = event.globalPosition;
            if (!event.streamId.startsWith(prefix)) continue;
            seen.push(event);
            if (seen.length >= stopAt) return;
          }
        };
        // Catch up on 10, then follow 5 more written while it waits, then stop at 12.
        const following = consume(firstRun.signal, start, 12);
        await new Promise((r) => setTimeout(r, 50));
        await write(5);
        await following;
        firstRun.abort();

        // More events while nobody listens, then resume from the checkpoint.
        await write(6);
        const secondRun = new AbortController();
        await consume(secondRun.signal, checkpoint, written.length);
        secondRun.abort();

        expect(seen.map((e) => e.eventId)).toEqual(written);
      });
    });

    describe('what is stored', () => {
      it('round-trips data, metadata and Unicode exactly, and links each event to the one before in its stream', async () => {
        const stream = newStreamId('unicode-流');
        const data: JsonObject = {
          name: '乌兰察布市公安局 · 辅警 Ǎ',
          emoji: '👮‍♀️🚓',
          combining: 'é',
          rtl: 'مرحبا',
          mongolian: 'ᠮᠣᠩᠭᠣᠯ',
          escapes: 'quote " backslash \\ newline \n tab \t',
          numbers: [0, -1.5, 1e21, Number.MAX_SAFE_INTEGER, 0.1],
          flags: { yes: true, no: false, none: null },
          nested: { list: [[], {}, [1, [2, [3]]]] },
        };
        const first = newEvent(data);
        const second = newEvent({ note: '第二条' });
        await store.appendToStream(stream, [first], 'no_stream');
        await store.appendToStream(stream, [second], 0);
        const [a, b] = await store.readStream(stream);
        expect(a?.data).toEqual(data);
        expect(a?.type).toBe(first.type);
        expect(a?.schemaVersion).toBe(1);
        expect(metadataInput((a as RecordedEvent).metadata)).toEqual(first.metadata);
        expect(a?.metadata.prevHash).toBeNull();
        expect(b?.metadata.prevHash).toBe(a?.metadata.hash);
        for (const event of [a, b] as RecordedEvent[]) {
          expect(eventHash({ ...event, metadata: metadataInput(event.metadata) }, event.metadata.prevHash)).toBe(event.metadata.hash);
        }
      });

      it('refuses an oversized event with a clear error and writes nothing of the append', async () => {
        const stream = newStreamId();
        const huge = newEvent({ blob: 'x'.repeat(MAX_EVENT_BYTES) });
        const error = await expectStoreError(store.appendToStream(stream, [newEvent(), huge], 'any'), 'EVENT_TOO_LARGE');
        expect(error.message).toMatch(/limit is \d+ bytes/);
        expect(error.messages.zh).toContain('超过上限');
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('refuses what cannot be stored faithfully: ill-formed Unicode, NUL, non-UUID ids, non-finite numbers, system types, a forged chain link', async () => {
        const stream = newStreamId();
        for (const bad of [
          newEvent({ s: 'lone \ud800 surrogate' }),
          newEvent({ s: 'nul \u0000 char' }),
          newEvent({}, { eventId: 'not-a-uuid' }),
          newEvent({ n: Number.NaN }),
          newEvent({}, { type: '$system' }),
          { ...newEvent(), metadata: { ...newEvent().metadata, hash: 'forged' } as never },
        ]) {
          await expectStoreError(store.appendToStream(stream, [bad], 'any'), 'INVALID_EVENT');
        }
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('verifies its own log and digests it reproducibly', async () => {
        await store.appendToStream(newStreamId(), [newEvent(), newEvent()], 'no_stream');
        const report = await verifyLog(store);
        expect(report.breaks).toEqual([]);
        expect(report.ok).toBe(true);
        const digest = await digestLog(store);
        expect(digest).toEqual(report.checkpoint);
        expect((await verifyLog(store, { against: digest })).ok).toBe(true);
      });
    });
  });
}
