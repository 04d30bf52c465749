import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NO_STREAM } from '@kurrent/kurrentdb-client';
import { type DomainEvent, type Hire, hire, organRegistered, quotaSet } from '@auxledger/domain';
import { passedApplicationHistory } from '@auxledger/domain/testing';
import { type EventStore, type StreamAppend, SqliteEventStore, buildMultiStreamAppend, guardStreamId, planEntries, reservationStreamId } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { PARAMETERS_2024, RULE_SET_2024, createRegistry, withParameterValues } from '@auxledger/statute';
import { executeCommand } from './command-executor';

/**
 * The code path of a hire on KurrentDB, as a unit test of our mapping: the
 * executor decides a real Hire (on SQLite, which only supplies the reads),
 * and the port append it makes is turned into the one `multiStreamAppend`
 * request the KurrentDB adapter would send, typed with @kurrent/kurrentdb-client.
 * This shows the request, not that a server takes it (hire.int.spec.ts
 * does that where AUXLEDGER_ESDB_URL names a server).
 */
const registry = createRegistry([
  {
    ...RULE_SET_2024,
    parameters: withParameterValues(PARAMETERS_2024, 'pay.standards', [
      { from: '2024-09-01', value: [{ locality: 'hohhot', level: 'L1', monthlyBaseFen: 400_000 }], source: 'test: pay standard', isDefault: false },
    ]),
  },
]);

async function given(store: EventStore, streamId: string, events: Array<[string, DomainEvent]>): Promise<void> {
  await store.appendToStream(streamId, pastEvents(events), 'no_stream');
}

describe('a hire on KurrentDB: the multi-stream append it becomes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-hire-kurrent-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes auxiliary, organ, person, application and the command claim, each at its exact revision, with a guard per stream and a reservation per event', async () => {
    const sqlite = new SqliteEventStore({ path: join(dir, 'events.db') });
    const captured: StreamAppend[][] = [];
    const store: EventStore = sqlite;
    const append = sqlite.appendToStreams.bind(sqlite);
    sqlite.appendToStreams = (appends: readonly StreamAppend[]) => {
      captured.push([...appends]);
      return append(appends);
    };
    await given(store, 'organ-xincheng', [
      ['2024-09-01', organRegistered({ organId: 'xincheng', name: '新城区公安分局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot' })],
      ['2024-09-01', quotaSet({ organId: 'xincheng', category: null, headcount: 3, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-09-01' })],
    ]);
    await given(store, 'application-app-1', passedApplicationHistory('app-1', 'pk-1'));
    const heads = { organ: (await store.readStream('organ-xincheng')).length - 1, application: (await store.readStream('application-app-1')).length - 1 };
    const command = {
      type: 'Hire',
      data: {
        auxiliaryId: 'aux-1', applicationId: 'app-1', personKey: 'pk-1', usingOrganId: 'xincheng', category: 'DUTY', level: 'L1',
        pay: { locality: 'hohhot', monthlyBaseFen: 400_000 },
        contract: {
          contractId: 'contract-aux-1', kind: 'FIXED_TERM', startDate: '2025-01-02', endDate: '2028-01-01', probationLastDay: '2025-07-01',
          clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'],
        },
      },
      metadata: { commandId: randomUUID(), actor: { id: 'op-1', role: 'operator', organId: 'xincheng' }, effectiveDate: '2025-01-02', recordedAt: '' },
    } as Hire;
    const outcome = await executeCommand({ store, registry, clock: { now: () => new Date('2025-01-02T09:00:00Z') } }, hire, command);
    expect(outcome.status).toBe('accepted');

    const appends = captured[captured.length - 1] as StreamAppend[];
    // The heads as the adapter would read them before the append: each stream's last event, its guard recording it.
    const planned = planEntries(
      appends,
      await Promise.all(
        appends.map(async (a) => {
          const before = (await sqlite.readStream(a.streamId)).filter((e) => !a.events.some((n) => n.eventId === e.eventId));
          const last = before[before.length - 1];
          const revision = last ? last.streamRevision : ('no_stream' as const);
          return { head: { revision, hash: last?.metadata.hash ?? null }, guard: { revision: last ? 0 : ('no_stream' as const), records: last?.streamRevision } };
        }),
      ),
    );
    expect(planned).not.toBeNull();
    const requests = buildMultiStreamAppend(planned ?? [], { guardEventId: () => randomUUID(), reservationEventId: () => randomUUID() });

    const written = requests.filter((r) => !r.streamName.startsWith('auxledger$'));
    expect(Object.fromEntries(written.map((r) => [r.streamName, r.expectedState]))).toEqual({
      'auxiliary-aux-1': NO_STREAM,
      'organ-xincheng': BigInt(heads.organ),
      'person-pk-1': NO_STREAM,
      'application-app-1': BigInt(heads.application),
      [`command-${command.metadata.commandId}`]: NO_STREAM,
    });
    expect(written.flatMap((r) => r.events.map((e) => e.type)).sort()).toEqual(['ApplicantHired', 'AuxiliaryHired', 'CommandAccepted', 'PersonContractStarted', 'QuotaPlaceTaken']);
    // The hash chain travels in the metadata: each event's stored hash is the one SQLite computed for it.
    const stored = outcome.status === 'accepted' ? outcome.events : [];
    for (const event of stored) {
      const record = written.flatMap((r) => r.events).find((e) => e.id === event.eventId);
      expect(JSON.parse((record?.metadata as Record<string, string>)['auxledger.metadata'] as string).hash).toBe(event.metadata.hash);
    }
    expect(requests.filter((r) => r.streamName.startsWith('auxledger$guard-')).map((r) => r.streamName).sort()).toEqual(appends.map((a) => guardStreamId(a.streamId)).sort());
    const eventIds = appends.flatMap((a) => a.events.map((e) => e.eventId));
    expect(requests.filter((r) => r.streamName.startsWith('auxledger$event-id-')).map((r) => r.streamName).sort()).toEqual(eventIds.map(reservationStreamId).sort());
    await sqlite.close();
  });
});
