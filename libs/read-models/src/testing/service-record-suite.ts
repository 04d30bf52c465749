import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdjustPay, type HealthCheckResult, type RecordHealthCheck, type RecoverCredential, type RenewContract, adjustPay, recordHealthCheck, recoverCredential, renewContract } from '@auxledger/domain';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { Projector, type ReadModelStore } from '@auxledger/projection-engine';
import { auditTrailPage } from '../audit-trail';
import { ALL_READ_MODELS } from '../index';
import { personFile } from '../person-file';
import { rosterOf } from '../roster';
import { supervisionFindings } from '../supervision';
import { type Outcome, REGISTRY, runCommand } from './commands';
import type { ReadModelHarness } from './read-model-suite';
import { snapshot } from './read-model-suite';
import { HIRE_ON, PROMOTED_ON, T, buildWorld, early } from './world';

/**
 * The records of a working life beyond the hire (the world of
 * `read-model-suite.ts`, then more): health checks (Art. 28 ¶3) — one on
 * time, one back-dated and recorded late, one recorded late with an older
 * check date — a pay adjustment (Art. 27 ¶2) and a contract renewal (Art. 24),
 * through the domain's command handlers, projected into the store under test.
 */

const FIRST_CHECK_ON = '2025-06-01';
/** Back-dated: effective on the day of the check, recorded at T(20), after the first projection. */
const BACK_DATED_CHECK_ON = '2026-08-01';
/** Checked before the latest check, recorded at T(21) effective 2027-03-05: it does not move the latest back. */
const OLDER_CHECK_ON = '2026-03-01';
const OLDER_CHECK_RECORDED_ON = '2027-03-05';
const PAY_ADJUSTED_ON = '2027-03-01';
const RENEWED_ON = '2028-12-01';
const RECOVERED_ON = '2027-06-01';

const expectAccepted = (o: Outcome, what: string): Outcome => {
  if (o.status !== 'accepted') throw new Error(`${what} was refused: ${o.ruleIds.join(', ')}`);
  return o;
};

const operator = { id: 'op-xincheng', role: 'operator' as const, organId: 'xincheng' };

async function healthCheck(store: EventStore, checkedOn: string, result: HealthCheckResult, effectiveDate: string, recordedAt: string): Promise<void> {
  expectAccepted(
    await runCommand<RecordHealthCheck, never>(store, recordHealthCheck as never, 'RecordHealthCheck', { auxiliaryId: 'aux-a', checkedOn, result }, { effectiveDate, recordedAt, actor: operator }),
    `RecordHealthCheck ${checkedOn}`,
  );
}

export function serviceRecordSuite(name: string, harness: ReadModelHarness): void {
  describe(`AuxLedger read models, health checks, renewals and pay: ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'auxledger-service-record-'));
    let events: EventStore;
    let store: ReadModelStore;
    let projector: Projector;

    beforeAll(async () => {
      events = new SqliteEventStore({ path: join(dir, 'events.db') });
      store = await harness.open();
      await buildWorld(events);
      await healthCheck(events, FIRST_CHECK_ON, 'NORMAL', FIRST_CHECK_ON, early(FIRST_CHECK_ON));
      expectAccepted(
        await runCommand<AdjustPay, never>(events, adjustPay as never, 'AdjustPay', { auxiliaryId: 'aux-a', pay: { locality: 'xincheng', monthlyBaseFen: 440000 } }, { effectiveDate: PAY_ADJUSTED_ON, recordedAt: T(14), actor: operator }),
        'AdjustPay',
      );
      expectAccepted(
        await runCommand<RenewContract, never>(events, renewContract as never, 'RenewContract', {
          auxiliaryId: 'aux-a', personKey: 'pk-aux-a',
          contract: {
            contractId: 'contract-aux-a-2', kind: 'FIXED_TERM', startDate: '2029-01-02', endDate: '2034-01-01', probationLastDay: null,
            clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'],
          },
        }, { effectiveDate: RENEWED_ON, recordedAt: T(15), actor: operator }),
        'RenewContract',
      );
      expectAccepted(
        await runCommand<RecoverCredential, never>(events, recoverCredential as never, 'RecoverCredential', { auxiliaryId: 'aux-a', serial: 'W-0001' }, { effectiveDate: RECOVERED_ON, recordedAt: T(16), actor: operator }),
        'RecoverCredential',
      );
      projector = new Projector({ name: 'auxledger', models: ALL_READ_MODELS, events, store, batchSize: 5 });
      await projector.open();
      await projector.catchUp();
    });

    afterAll(async () => {
      await events.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    const healthFindings = async (asOf: string) =>
      (await supervisionFindings(store, { organId: 'xincheng', asOf, registry: REGISTRY }))
        .filter((f) => f.kind === 'HEALTH_CHECK_OVERDUE')
        .map((f) => [f.subject.id, f.since, f.ageDays]);

    it('Art. 28 ¶3: a health check is overdue only after healthCheck.intervalMonths without one — counted from the latest check, else the hire; a back-dated check counts from its date once recorded', async () => {
      // aux-b (no check): due a year after the hire; aux-a checked on 2025-06-01.
      expect(await healthFindings('2026-01-02')).toEqual([]);
      expect(await healthFindings('2026-01-03')).toEqual([['aux-b', '2026-01-02', 1]]);
      expect(await healthFindings('2026-06-01')).toEqual([['aux-b', '2026-01-02', 150]]);
      expect(await healthFindings('2026-06-02')).toEqual([['aux-a', '2026-06-01', 1], ['aux-b', '2026-01-02', 151]]);
      expect(await healthFindings('2026-09-01')).toEqual([['aux-a', '2026-06-01', 92], ['aux-b', '2026-01-02', 242]]);

      // The check of 2026-08-01, recorded late: from its date on, aux-a is not overdue; before it, still overdue.
      await healthCheck(events, BACK_DATED_CHECK_ON, 'FOLLOW_UP', BACK_DATED_CHECK_ON, T(20));
      await healthCheck(events, OLDER_CHECK_ON, 'NORMAL', OLDER_CHECK_RECORDED_ON, T(21));
      await projector.catchUp();
      expect(await healthFindings('2026-07-31')).toEqual([['aux-a', '2026-06-01', 60], ['aux-b', '2026-01-02', 210]]);
      expect(await healthFindings('2026-09-01')).toEqual([['aux-b', '2026-01-02', 242]]);
      // A check recorded later with an older date does not move the latest back: due 2027-08-01.
      expect(await healthFindings('2027-08-01')).toEqual([['aux-b', '2026-01-02', 576]]);
      const [overdue] = (await supervisionFindings(store, { organId: 'xincheng', asOf: '2027-08-02', registry: REGISTRY })).filter((f) => f.kind === 'HEALTH_CHECK_OVERDUE' && f.subject.id === 'aux-a');
      expect(overdue).toMatchObject({ ruleId: 'HEALTH-CHECK', since: '2027-08-01', ageDays: 1, citation: { en: expect.stringContaining('Art. 28 ¶3') }, details: { lastCheckOn: BACK_DATED_CHECK_ON } });

      // The person file: the latest check and its category as of each date; as known before the back-dated one was recorded, the first.
      const file = async (asOf: string, knownAt?: string) => (await personFile(store, 'aux-a', { asOf, ...(knownAt ? { knownAt } : {}) })).state;
      expect(await file('2025-05-31')).toMatchObject({ last_health_check_on: null, last_health_check_result: null });
      expect(await file('2026-07-31')).toMatchObject({ last_health_check_on: FIRST_CHECK_ON, last_health_check_result: 'NORMAL' });
      expect(await file('2026-08-01')).toMatchObject({ last_health_check_on: BACK_DATED_CHECK_ON, last_health_check_result: 'FOLLOW_UP' });
      expect(await file('2027-12-31')).toMatchObject({ last_health_check_on: BACK_DATED_CHECK_ON, last_health_check_result: 'FOLLOW_UP' });
      expect(await file('2026-08-01', new Date(Date.parse(T(20)) - 1).toISOString())).toMatchObject({ last_health_check_on: FIRST_CHECK_ON, last_health_check_result: 'NORMAL' });

      // The timeline: each check at its effective date, the result category only.
      const timeline = (await personFile(store, 'aux-a', { asOf: '2027-12-31' })).timeline.filter((e) => e.event_type === 'HealthCheckRecorded');
      expect(timeline.map((e) => [e.effective_date, e.summary_zh, e.summary_en])).toEqual([
        [FIRST_CHECK_ON, '健康体检（2025-06-01）：未见异常', 'Health check on 2025-06-01: normal'],
        [BACK_DATED_CHECK_ON, '健康体检（2026-08-01）：建议复查或随访', 'Health check on 2026-08-01: follow-up advised'],
        [OLDER_CHECK_RECORDED_ON, '健康体检（2026-03-01）：未见异常', 'Health check on 2026-03-01: normal'],
      ]);
      expect(timeline[1]).toMatchObject({ recorded_at: T(20), actor_id: 'op-xincheng' });
    });

    it('Art. 27 ¶2: a pay adjustment moves the pay from its date; the level stays', async () => {
      const file = async (asOf: string) => (await personFile(store, 'aux-a', { asOf })).state;
      expect(await file('2027-02-28')).toMatchObject({ level: 'L2', pay_locality: 'hohhot', pay_monthly_base_fen: 430000, pay_since: PROMOTED_ON });
      expect(await file(PAY_ADJUSTED_ON)).toMatchObject({ level: 'L2', level_since: PROMOTED_ON, pay_locality: 'xincheng', pay_monthly_base_fen: 440000, pay_since: PAY_ADJUSTED_ON });
      const [entry] = (await personFile(store, 'aux-a', { asOf: '2027-12-31' })).timeline.filter((e) => e.event_type === 'PayAdjusted');
      expect(entry).toMatchObject({ effective_date: PAY_ADJUSTED_ON, summary_zh: '薪酬调整：月基本工资4400.00元（xincheng标准）', summary_en: 'Pay adjusted: monthly base 4400.00 yuan (xincheng standard)' });
    });

    it('Art. 24: a renewal moves the contract (id, start, end) in the person file and the roster from the day it is concluded', async () => {
      const roster = async (asOf: string) => (await rosterOf(store, 'xincheng', { asOf, includeSubtree: false })).map((r) => [r.auxiliary_id, r.contract_end_date]);
      expect(await roster('2028-11-30')).toEqual([['aux-a', '2029-01-01']]);
      expect(await roster(RENEWED_ON)).toEqual([['aux-a', '2034-01-01']]);
      const file = async (asOf: string) => (await personFile(store, 'aux-a', { asOf })).state;
      expect(await file('2028-11-30')).toMatchObject({ contract_id: 'contract-aux-a', contract_start_date: HIRE_ON, contract_end_date: '2029-01-01', contract_renewals: 0 });
      expect(await file(RENEWED_ON)).toMatchObject({ contract_id: 'contract-aux-a-2', contract_kind: 'FIXED_TERM', contract_start_date: '2029-01-02', contract_end_date: '2034-01-01', probation_last_day: null, contract_renewals: 1 });
      const [entry] = (await personFile(store, 'aux-a', { asOf: RENEWED_ON })).timeline.filter((e) => e.event_type === 'ContractRenewed');
      expect(entry).toMatchObject({ effective_date: RENEWED_ON, summary_zh: '续订劳动合同contract-aux-a-2，2029-01-02起至2034-01-01', summary_en: 'Contract renewed: contract-aux-a-2 from 2029-01-02 to 2034-01-01' });
    });

    it('the person file keeps counters and the latest items, not lists that only grow (the timeline has every event)', async () => {
      const file = async (asOf: string) => (await personFile(store, 'aux-a', { asOf })).state;
      const assessment = { assessmentId: 'ass-2026', period: '2026', grade: '称职', assessedOn: '2027-01-15' };
      expect(await file('2027-01-14')).toMatchObject({ assessment_count: 0, last_assessment: null, last_assessed_on: null, trainings: 2, injuries: 0 });
      expect(await file('2027-05-31')).toMatchObject({
        assessment_count: 1, last_assessment: assessment, last_assessed_on: '2027-01-15', trainings: 2, injuries: 1, commendations: 0,
        credentials_issued: 1, credentials: [{ kind: 'WORK_ID', serial: 'W-0001', issuedOn: '2025-01-03', recoveredOn: null }],
      });
      // Recovered: no longer outstanding; still counted as issued, and in the timeline.
      expect(await file(RECOVERED_ON)).toMatchObject({ credentials_issued: 1, credentials: [], assessment_count: 1, last_assessment: assessment });
      const timeline = (await personFile(store, 'aux-a', { asOf: RECOVERED_ON })).timeline.map((e) => e.event_type);
      expect(timeline.filter((t) => t === 'CredentialIssued' || t === 'CredentialRecovered')).toEqual(['CredentialIssued', 'CredentialRecovered']);
    });

    it('audit trail: the new events, each with its command', async () => {
      const types = async (commandType: string) => (await auditTrailPage(store, { commandType })).entries.map((e) => [e.event_type, e.auxiliary_id, e.person_key]);
      expect(await types('RenewContract')).toEqual([
        ['ContractRenewed', 'aux-a', null],
        ['PersonContractRenewed', 'aux-a', 'pk-aux-a'],
      ]);
      expect(await types('AdjustPay')).toEqual([['PayAdjusted', 'aux-a', null]]);
      expect((await types('RecordHealthCheck')).map(([type]) => type)).toEqual(['HealthCheckRecorded', 'HealthCheckRecorded', 'HealthCheckRecorded']);
    });

    it('a rebuild gives the same rows as the live projection, model by model', async () => {
      const before = await snapshot(store);
      await projector.rebuild();
      expect(await snapshot(store)).toEqual(before);
    });
  });
}
