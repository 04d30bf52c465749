import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type DomainEvent, type Hire, hire, organRegistered, quotaSet } from '@auxledger/domain';
import { passedApplicationHistory } from '@auxledger/domain/testing';
import { type EventStore, KurrentDbEventStore, PostgresEventStore, SqliteEventStore, verifyLog } from '@auxledger/event-store';
import { SimulatedKurrentClient, pastEvents } from '@auxledger/event-store/testing';
import { PARAMETERS_2024, RULE_SET_2024, createRegistry, withParameterValues } from '@auxledger/statute';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { type CommandOutcome, type ExecutorDependencies, executeCommand } from './command-executor';
import { FoldedStreamCache } from './folded-streams';

/**
 * The cross-stream invariants of Hire through the command path, on real
 * stores, under concurrency: the organ's quota (Art. 7, QUOTA-HIRE) and one
 * active contract per natural person (PERSON-UNIQUE). On SQLite and
 * PostgreSQL always; on KurrentDB ≥ 25.1 when a server is given:
 *   AUXLEDGER_ESDB_URL='kurrentdb://127.0.0.1:2114?tls=false' npx jest --config jest.config.js libs/application/src/hire.int.spec.ts -w 1
 * Without it the KurrentDB cases are skipped with the reason (not yet run against a real server).
 */
const PAY_FEN = { L1: 400_000 };
const registry = createRegistry([
  {
    ...RULE_SET_2024,
    parameters: withParameterValues(PARAMETERS_2024, 'pay.standards', [
      { from: '2024-09-01', value: [{ locality: 'hohhot', level: 'L1', monthlyBaseFen: PAY_FEN.L1 }], source: 'test: pay standard', isDefault: false },
    ]),
  },
]);
const HIRE_ON = '2025-01-02';

/** Seeds a stream with events as past commands would have written them (the "given"). */
async function given(store: EventStore, streamId: string, events: Array<[string, DomainEvent]>): Promise<void> {
  await store.appendToStream(streamId, pastEvents(events), 'no_stream');
}

async function organWithQuota(store: EventStore, organId: string, headcount: number): Promise<void> {
  await given(store, `organ-${organId}`, [
    ['2024-09-01', organRegistered({ organId, name: `${organId} 公安分局`, level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot' })],
    ['2024-09-01', quotaSet({ organId, category: null, headcount, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-09-01' })],
  ]);
}

/** An application through every stage of Art. 20, ready to be hired. */
async function passedApplication(store: EventStore, applicationId: string, personKey: string): Promise<void> {
  await given(store, `application-${applicationId}`, passedApplicationHistory(applicationId, personKey));
}

function hireCommand(organId: string, applicationId: string, personKey: string): Hire {
  const auxiliaryId = randomUUID();
  return {
    type: 'Hire',
    data: {
      auxiliaryId, applicationId, personKey, usingOrganId: organId, category: 'DUTY', level: 'L1',
      pay: { locality: 'hohhot', monthlyBaseFen: PAY_FEN.L1 },
      contract: {
        contractId: `contract-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: HIRE_ON, endDate: '2028-01-01', probationLastDay: '2025-07-01',
        clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'],
      },
    },
    metadata: { commandId: randomUUID(), actor: { id: 'op-1', role: 'operator', organId }, effectiveDate: HIRE_ON, recordedAt: '' },
  } as Hire;
}

const ruleIds = (o: CommandOutcome) => (o.status === 'refused' && o.refusal.kind === 'STATUTE' ? o.refusal.judgement.violations.map((v) => v.ruleId) : []);

function hireSuite(name: string, open: () => Promise<EventStore>): void {
  describe(`Hire under concurrency on ${name}`, () => {
    let store: EventStore;
    let deps: ExecutorDependencies;
    beforeAll(async () => {
      store = await open();
      deps = { store, registry, clock: { now: () => new Date('2025-01-02T09:00:00Z') }, cache: new FoldedStreamCache() };
    });
    afterAll(() => store.close());

    it('Art. 7 (QUOTA-HIRE): 8 concurrent hires against a headroom of 3 admit exactly 3; the rest cite Art. 7', async () => {
      const organ = `county-${randomUUID().slice(0, 8)}`;
      await organWithQuota(store, organ, 3);
      const applicants = Array.from({ length: 8 }, (_, i) => ({ applicationId: `${organ}-app-${i}`, personKey: `pk-${randomUUID()}` }));
      for (const a of applicants) await passedApplication(store, a.applicationId, a.personKey);

      const outcomes = await Promise.all(applicants.map((a) => executeCommand(deps, hire, hireCommand(organ, a.applicationId, a.personKey))));

      expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(3);
      const refused = outcomes.filter((o) => o.status === 'refused');
      expect(refused).toHaveLength(5);
      for (const o of refused) expect(ruleIds(o)).toEqual(['QUOTA-HIRE']);
      const organEvents = await store.readStream(`organ-${organ}`);
      expect(organEvents.filter((e) => e.type === 'QuotaPlaceTaken')).toHaveLength(3);
    });

    it('PERSON-UNIQUE: the same person hired at two organs at once is admitted once', async () => {
      const personKey = `pk-${randomUUID()}`;
      const organs = [`county-${randomUUID().slice(0, 8)}`, `county-${randomUUID().slice(0, 8)}`];
      for (const organ of organs) {
        await organWithQuota(store, organ, 10);
        await passedApplication(store, `${organ}-app`, personKey);
      }
      const outcomes = await Promise.all(organs.map((organ) => executeCommand(deps, hire, hireCommand(organ, `${organ}-app`, personKey))));
      expect(outcomes.map((o) => o.status).sort()).toEqual(['accepted', 'refused']);
      expect(ruleIds(outcomes.find((o) => o.status === 'refused') as CommandOutcome)).toContain('PERSON-UNIQUE');
      const person = await store.readStream(`person-${personKey}`);
      expect(person.filter((e) => e.type === 'PersonContractStarted')).toHaveLength(1);
    });

    it('the same Hire sent twice yields one set of events, and the log verifies', async () => {
      const organ = `county-${randomUUID().slice(0, 8)}`;
      await organWithQuota(store, organ, 5);
      await passedApplication(store, `${organ}-app`, `pk-${organ}`);
      const command = hireCommand(organ, `${organ}-app`, `pk-${organ}`);
      const [first, second] = await Promise.all([executeCommand(deps, hire, command), executeCommand(deps, hire, command)]);
      expect([first.status, second.status]).toEqual(['accepted', 'accepted']);
      expect(await store.readStream(`auxiliary-${command.data.auxiliaryId}`)).toHaveLength(1);
      const hired = first.status === 'accepted' ? first.events : [];
      expect(hired.map((e) => e.type).sort()).toEqual(['ApplicantHired', 'AuxiliaryHired', 'PersonContractStarted', 'QuotaPlaceTaken']);
      expect(hired.every((e) => e.metadata.ruleSetRevision === '2024' && e.metadata.effectiveDate === HIRE_ON)).toBe(true);
      expect((await verifyLog(store)).ok).toBe(true);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'auxledger-hire-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
hireSuite('SQLite', async () => new SqliteEventStore({ path: join(dir, 'events.db') }));
describeWithPostgres('PostgreSQL', () => {
  hireSuite('PostgreSQL', async () => PostgresEventStore.open({ connectionString: await createTestDatabase('hire') }));
});

// The same cases on the simulated server: a unit test of our mapping and retries, not of KurrentDB.
hireSuite('a simulated KurrentDB (logic only, not a server)', async () => new KurrentDbEventStore({ connectionString: 'kurrentdb://simulated', client: new SimulatedKurrentClient().asClient() }));

const kurrentUrl = process.env['AUXLEDGER_ESDB_URL'];
if (kurrentUrl) {
  hireSuite(`KurrentDB (${kurrentUrl})`, async () => new KurrentDbEventStore({ connectionString: kurrentUrl }));
} else {
  describe.skip('Hire under concurrency on KurrentDB — SKIPPED: set AUXLEDGER_ESDB_URL to a KurrentDB ≥ 25.1 (no server on this machine: no Docker engine, no .NET)', () => {
    it('Art. 7 (QUOTA-HIRE): exactly k concurrent hires against a headroom of k', () => undefined);
    it('PERSON-UNIQUE: one person hired at two organs at once is admitted once', () => undefined);
  });
}
