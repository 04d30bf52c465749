import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  type Aggregate,
  type Command,
  type CommandHandler,
  type DomainEvent,
  type StreamRef,
  accept,
  refuseWithStateCode,
} from '@auxledger/domain';
import { type EventStore, PostgresEventStore, SqliteEventStore, verifyLog } from '@auxledger/event-store';
import { REGISTRY } from '@auxledger/statute';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { ApplicationError } from './application-error';
import { commandStreamId } from '@auxledger/domain';
import { type CommandOutcome, type ExecutorDependencies, executeCommand } from './command-executor';
import { FoldedStreamCache } from './folded-streams';

/**
 * The command path on real stores, with a minimal domain of the same shape as
 * the quota (Art. 7) and one-contract-per-person (PERSON-UNIQUE) invariants:
 * an organ with a number of places, a person who may hold one place at a time.
 */
type Placed = DomainEvent<'PlaceTaken', { personKey: string; organId: string }>;
type OrganState = { capacity: number; taken: number };
type PersonState = { holds: string | null };

const organ: Aggregate<OrganState, Placed> = {
  streamPrefix: 'test_organ',
  initialState: () => ({ capacity: 3, taken: 0 }),
  evolve: (state, { event }) => (event.type === 'PlaceTaken' ? { ...state, taken: state.taken + 1 } : state),
};
const person: Aggregate<PersonState, Placed> = {
  streamPrefix: 'test_person',
  initialState: () => ({ holds: null }),
  evolve: (state, { event }) => (event.type === 'PlaceTaken' ? { holds: event.data.organId } : state),
};

type TakePlace = Command<'TakePlace', { organId: string; personKey: string }>;
type Refs = { organ: StreamRef<OrganState>; person: StreamRef<PersonState> };

const takePlace: CommandHandler<TakePlace, Refs> = {
  commandType: 'TakePlace',
  streams: (command) => ({ organ: { aggregate: organ, id: command.data.organId }, person: { aggregate: person, id: command.data.personKey } }),
  decide: (command, states) => {
    if (states.organ.taken >= states.organ.capacity) return refuseWithStateCode('NO_PLACE_LEFT', { en: 'No place left', zh: '无空余名额' });
    if (states.person.holds) return refuseWithStateCode('ALREADY_PLACED', { en: 'Already placed', zh: '已有岗位' });
    const placed: Placed = { type: 'PlaceTaken', schemaVersion: 1, data: { ...command.data } };
    return accept({ organ: [placed], person: [placed] });
  },
};

/** A command that is accepted whatever the state: its replay must still write nothing twice. */
type Note = Command<'Note', { organId: string }>;
const note: CommandHandler<Note, { organ: StreamRef<OrganState> }> = {
  commandType: 'Note',
  streams: (c) => ({ organ: { aggregate: organ, id: c.data.organId } }),
  decide: (c) => accept({ organ: [{ type: 'Noted', schemaVersion: 1, data: { organId: c.data.organId } }] }),
};

function command(data: TakePlace['data'], commandId: string = randomUUID()): TakePlace {
  return {
    type: 'TakePlace',
    data,
    metadata: { commandId, actor: { id: 'op-1', role: 'operator', organId: data.organId }, effectiveDate: '2025-01-02', recordedAt: '' },
  };
}

function executorSuite(name: string, open: () => Promise<EventStore>, cached = false, openAnother?: () => Promise<EventStore>): void {
  describe(`command path on ${name}${cached ? ', with the folded-stream cache' : ''}`, () => {
    let store: EventStore;
    let deps: ExecutorDependencies;
    beforeAll(async () => {
      store = await open();
      deps = { store, registry: REGISTRY, clock: { now: () => new Date('2025-01-02T08:00:00Z') }, ...(cached ? { cache: new FoldedStreamCache() } : {}) };
    });
    afterAll(() => store.close());

    it('N concurrent commands against k free places admit exactly k (the quota shape, Art. 7)', async () => {
      const organId = randomUUID();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => executeCommand(deps, takePlace, command({ organId, personKey: randomUUID() }))),
      );
      expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(3);
      const refused = outcomes.filter((o): o is Extract<CommandOutcome, { status: 'refused' }> => o.status === 'refused');
      expect(refused).toHaveLength(7);
      expect(refused.every((o) => o.refusal.kind === 'STATE' && o.refusal.code === 'NO_PLACE_LEFT')).toBe(true);
      expect(await store.readStream(`test_organ-${organId}`)).toHaveLength(3);
    });

    it('the same person taken by two organs at once is admitted once (one contract per person)', async () => {
      const personKey = randomUUID();
      const outcomes = await Promise.all(
        Array.from({ length: 4 }, () => executeCommand(deps, takePlace, command({ organId: randomUUID(), personKey }))),
      );
      expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(1);
      expect(await store.readStream(`test_person-${personKey}`)).toHaveLength(1);
    });

    it('the same command id twice, even concurrently, yields one set of events and the same answer', async () => {
      const repeated = command({ organId: randomUUID(), personKey: randomUUID() });
      const [first, second] = await Promise.all([executeCommand(deps, takePlace, repeated), executeCommand(deps, takePlace, repeated)]);
      const third = await executeCommand(deps, takePlace, repeated);
      expect([first, second, third].map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(third.replayed).toBe(true);
      const ids = (o: CommandOutcome) => (o.status === 'accepted' ? o.events.map((e) => e.eventId) : []);
      expect(ids(second)).toEqual(ids(first));
      expect(ids(third)).toEqual(ids(first));
      expect(await store.readStream(`test_organ-${repeated.data.organId}`)).toHaveLength(1);
    });

    it('a command accepted again on replay still writes once and answers its first outcome', async () => {
      const organId = randomUUID();
      const noted: Note = { type: 'Note', data: { organId }, metadata: command({ organId, personKey: 'x' }).metadata };
      const first = await executeCommand(deps, note, noted);
      const again = await executeCommand(deps, note, noted);
      expect(again).toMatchObject({ status: 'accepted', replayed: true });
      expect(again.status === 'accepted' && again.events.map((e) => e.eventId)).toEqual(first.status === 'accepted' && first.events.map((e) => e.eventId));
      expect(await store.readStream(`test_organ-${organId}`)).toHaveLength(1);
    });

    it('records a refusal for auditors, with who, when and why, and answers it again for the same id', async () => {
      const organId = randomUUID();
      for (let i = 0; i < 3; i++) await executeCommand(deps, takePlace, command({ organId, personKey: randomUUID() }));
      const refusedCommand = command({ organId, personKey: randomUUID() });
      const outcome = await executeCommand(deps, takePlace, refusedCommand);
      expect(outcome.status).toBe('refused');
      const [recorded] = await store.readStream(commandStreamId(refusedCommand.metadata.commandId));
      expect(recorded?.type).toBe('CommandRefused');
      expect(recorded?.metadata).toMatchObject({ actor: { id: 'op-1', role: 'operator' }, effectiveDate: '2025-01-02', recordedAt: '2025-01-02T08:00:00.000Z' });
      expect(recorded?.data).toMatchObject({ commandType: 'TakePlace', refusal: { kind: 'STATE', code: 'NO_PLACE_LEFT' } });
      expect(await executeCommand(deps, takePlace, refusedCommand)).toMatchObject({ status: 'refused', replayed: true });
    });

    it('refuses the id of a refused command reused for a different command', async () => {
      const organId = randomUUID();
      for (let i = 0; i < 3; i++) await executeCommand(deps, takePlace, command({ organId, personKey: randomUUID() }));
      const first = command({ organId, personKey: randomUUID() });
      expect((await executeCommand(deps, takePlace, first)).status).toBe('refused');
      const reused = command({ organId: randomUUID(), personKey: randomUUID() }, first.metadata.commandId);
      await expect(executeCommand(deps, takePlace, reused)).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
      await expect(executeCommand(deps, takePlace, reused)).rejects.toBeInstanceOf(ApplicationError);
    });

    it('sees what another process wrote since it last read a stream (its cache only saves re-reading)', async () => {
      const other: ExecutorDependencies = { ...deps, cache: new FoldedStreamCache() };
      const organId = randomUUID();
      for (let i = 0; i < 2; i++) expect((await executeCommand(deps, takePlace, command({ organId, personKey: randomUUID() }))).status).toBe('accepted');
      expect((await executeCommand(other, takePlace, command({ organId, personKey: randomUUID() }))).status).toBe('accepted');
      const fourth = await executeCommand(deps, takePlace, command({ organId, personKey: randomUUID() }));
      expect(fourth).toMatchObject({ status: 'refused', refusal: { code: 'NO_PLACE_LEFT' } });
    });

    if (openAnother) {
      it('two processes on one log, each with its own store and cache, in turn and at once: exactly k admitted, each sees what the other wrote', async () => {
        const second = await openAnother();
        try {
          const other: ExecutorDependencies = { ...deps, store: second, cache: new FoldedStreamCache() };
          const organId = randomUUID();
          const take = (d: ExecutorDependencies) => executeCommand(d, takePlace, command({ organId, personKey: randomUUID() }));
          expect((await take(deps)).status).toBe('accepted');
          expect((await take(other)).status).toBe('accepted');
          // Each has the organ's state kept; the other's place must count.
          const together = await Promise.all([take(deps), take(other), take(deps), take(other)]);
          expect(together.filter((o) => o.status === 'accepted')).toHaveLength(1);
          for (const d of [deps, other]) expect(await take(d)).toMatchObject({ status: 'refused', refusal: { code: 'NO_PLACE_LEFT' } });
          expect(await store.readStream(`test_organ-${organId}`)).toHaveLength(3);
          expect((await verifyLog(store)).ok).toBe(true);
        } finally {
          await second.close();
        }
      });
    }

    describe('a command id sent again (ADR 0003: one claim per id, in the log)', () => {
      const byOther = <C extends Command>(c: C): C => ({ ...c, metadata: { ...c.metadata, actor: { id: 'op-2', role: 'operator', organId: 'elsewhere' } } });

      it('claims the id of an accepted command in its command stream, beside its events, which say what command wrote them', async () => {
        const c = command({ organId: randomUUID(), personKey: randomUUID() });
        const outcome = await executeCommand(deps, takePlace, c);
        const [claim, more] = await store.readStream(commandStreamId(c.metadata.commandId));
        expect(more).toBeUndefined();
        expect(claim).toMatchObject({ type: 'CommandAccepted', data: { commandType: 'TakePlace', written: [{ streamId: `test_organ-${c.data.organId}`, fromRevision: 0, count: 1 }, { streamId: `test_person-${c.data.personKey}`, fromRevision: 0, count: 1 }] } });
        expect(outcome.status === 'accepted' && outcome.events.map((e) => e.metadata.commandType)).toEqual(['TakePlace', 'TakePlace']);
      });

      it('answers another command type with an accepted id COMMAND_ID_REUSED, carrying nothing of what was stored, and writes nothing', async () => {
        const first = command({ organId: randomUUID(), personKey: randomUUID() });
        await executeCommand(deps, takePlace, first);
        const other: Note = byOther({ type: 'Note', data: { organId: first.data.organId }, metadata: first.metadata });
        const error = await executeCommand(deps, note, other).then(() => null, (e: unknown) => e);
        expect(error).toMatchObject({ code: 'COMMAND_ID_REUSED', details: { commandId: first.metadata.commandId } });
        expect(JSON.stringify(error)).not.toContain(first.data.personKey);
        expect((error as ApplicationError).details).not.toHaveProperty('firstCommandType');
        expect(await store.readStream(`test_organ-${first.data.organId}`)).toHaveLength(1);
      });

      it('answers the same type with other content, naming other records, COMMAND_ID_REUSED and writes nothing there', async () => {
        const first = command({ organId: randomUUID(), personKey: randomUUID() });
        await executeCommand(deps, takePlace, first);
        const other = command({ organId: randomUUID(), personKey: randomUUID() }, first.metadata.commandId);
        await expect(executeCommand(deps, takePlace, other)).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED', details: { firstCommandType: 'TakePlace' } });
        expect(await store.readStream(`test_organ-${other.data.organId}`)).toHaveLength(0);
        expect(await store.readStream(`test_person-${other.data.personKey}`)).toHaveLength(0);
      });

      it('answers a repeat that left the date to the default, sent the next day, with the first outcome', async () => {
        const first = command({ organId: randomUUID(), personKey: randomUUID() });
        const answered = await executeCommand(deps, takePlace, first, { effectiveDateDefaulted: true });
        const nextDay = { ...first, metadata: { ...first.metadata, effectiveDate: '2025-01-03' } };
        const later: ExecutorDependencies = { ...deps, clock: { now: () => new Date('2025-01-03T08:00:00Z') } };
        const again = await executeCommand(later, takePlace, nextDay, { effectiveDateDefaulted: true });
        expect(again).toMatchObject({ status: 'accepted', replayed: true });
        expect(again.status === 'accepted' && again.events.map((e) => e.eventId)).toEqual(answered.status === 'accepted' && answered.events.map((e) => e.eventId));
        await expect(executeCommand(later, takePlace, nextDay)).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
      });

      it('answers an id whose events were written before ids were claimed COMMAND_ID_REUSED (what they were sent with is unknown)', async () => {
        const organId = randomUUID();
        const commandId = randomUUID();
        const metadata = { commandId, correlationId: commandId, causationId: commandId, actor: { id: 'op-1', role: 'operator', organId }, effectiveDate: '2025-01-02', recordedAt: '2025-01-02T08:00:00.000Z', ruleSetRevision: null };
        await store.appendToStream(`test_organ-${organId}`, [{ eventId: randomUUID(), type: 'Noted', schemaVersion: 1, data: { organId }, metadata }], 'no_stream');
        const sent: Note = { type: 'Note', data: { organId }, metadata: command({ organId, personKey: 'x' }, commandId).metadata };
        await expect(executeCommand(deps, note, sent)).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
        expect(await store.readStream(`test_organ-${organId}`)).toHaveLength(1);
      });
    });

    describe('the bounds of effective dates, against the day of recording (2025-01-02 in China)', () => {
      const dated = (effectiveDate: string): TakePlace => {
        const c = command({ organId: randomUUID(), personKey: randomUUID() });
        return { ...c, metadata: { ...c.metadata, effectiveDate } };
      };
      /** A command of a kind that takes effect on its date (a posting): the timing of AssignDuty. */
      const posting = { ...note, commandType: 'AssignDuty' } as unknown as typeof note;
      const postingOn = (effectiveDate: string): Note => ({ type: 'AssignDuty' as 'Note', data: { organId: randomUUID() }, metadata: { ...dated(effectiveDate).metadata } });

      it('refuses a record of what happened dated after the day it is recorded, and writes nothing', async () => {
        const c = dated('2025-01-03');
        await expect(executeCommand(deps, takePlace, c)).rejects.toMatchObject({ code: 'EFFECTIVE_DATE_IN_FUTURE', messages: { zh: expect.stringContaining('2025-01-03'), en: expect.stringContaining('2025-01-02') } });
        expect(await store.readStream(`test_organ-${c.data.organId}`)).toHaveLength(0);
        expect(await store.readStream(commandStreamId(c.metadata.commandId))).toHaveLength(0);
        expect((await executeCommand(deps, takePlace, dated('2025-01-02'))).status).toBe('accepted');
      });

      it('admits what takes effect up to the horizon ahead (366 days by default) and refuses a day later, naming the parameter', async () => {
        expect((await executeCommand(deps, posting, postingOn('2026-01-03'))).status).toBe('accepted');
        await expect(executeCommand(deps, posting, postingOn('2026-01-04'))).rejects.toMatchObject({
          code: 'EFFECTIVE_DATE_BEYOND_HORIZON',
          details: { latest: '2026-01-03', parameter: { key: 'record.effectiveDateHorizonDays', value: 366, isDefault: true } },
        });
        await expect(executeCommand(deps, posting, postingOn('2099-01-01'))).rejects.toMatchObject({ code: 'EFFECTIVE_DATE_BEYOND_HORIZON' });
      });
    });

    it('derives event ids from the command id, and the log still verifies', async () => {
      const c = command({ organId: randomUUID(), personKey: randomUUID() });
      const outcome = await executeCommand(deps, takePlace, c);
      expect(outcome.status === 'accepted' && outcome.events.every((e) => e.metadata.commandId === c.metadata.commandId)).toBe(true);
      expect((await verifyLog(store)).ok).toBe(true);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'auxledger-application-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
executorSuite('SQLite', async () => new SqliteEventStore({ path: join(dir, 'events.db') }));
executorSuite('SQLite', async () => new SqliteEventStore({ path: join(dir, 'events-cached.db') }), true, async () => new SqliteEventStore({ path: join(dir, 'events-cached.db') }));
describeWithPostgres('PostgreSQL', () => {
  executorSuite('PostgreSQL', async () => PostgresEventStore.open({ connectionString: await createTestDatabase('app') }));
  executorSuite('PostgreSQL', async () => PostgresEventStore.open({ connectionString: await createTestDatabase('appc') }), true);
});
