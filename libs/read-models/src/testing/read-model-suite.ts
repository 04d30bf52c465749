import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { Projector, type ReadModelStore, type Row } from '@auxledger/projection-engine';
import { auditTrail, auditTrailPage } from '../audit-trail';
import { ALL_READ_MODELS } from '../index';
import { organHierarchy, organSubtree } from '../organ-hierarchy';
import { personFile, personFileModel, personTimeline } from '../person-file';
import { quotaUseOf } from '../quota-use';
import { rosterOf } from '../roster';
import { supervisionFindings } from '../supervision';
import { REGISTRY } from './commands';
import { HIRE_ON, PROMOTED_ON, SECRET_MEDICAL, SUSPENDED_ON, T, type World, buildWorld } from './world';

/**
 * The read models on one store, written once and run per store
 * (`read-models.int.spec.ts`): events from the domain's command handlers in
 * a SQLite event store (a temporary file), projected into the store under test.
 */
export interface ReadModelHarness {
  /** A new, empty read-model store (a file, a schema). */
  open(): Promise<ReadModelStore>;
}

export interface Fixture {
  events: EventStore;
  store: ReadModelStore;
  projector: Projector;
}

export function readModelSuite(name: string, harness: ReadModelHarness): void {
  describe(`AuxLedger read models: ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'auxledger-read-models-'));
    const closers: Array<() => Promise<void>> = [];
    let fixture: Fixture;
    let world: World;

    beforeAll(async () => {
      const events = new SqliteEventStore({ path: join(dir, 'events.db') });
      const store = await harness.open();
      closers.push(() => events.close(), () => store.close());
      world = await buildWorld(events);
      const projector = new Projector({ name: 'auxledger', models: ALL_READ_MODELS, events, store, batchSize: 7 });
      await projector.open();
      await projector.catchUp();
      fixture = { events, store, projector };
    });

    afterAll(async () => {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('organ hierarchy: materialised paths; a subtree is one query on the path', async () => {
      const { store } = fixture;
      expect(await store.get(organHierarchy, 'xincheng-pcs')).toMatchObject({
        parent_id: 'xincheng', level: 'UNIT', kind: 'PUBLIC_SECURITY', path: '/nmg/hohhot/xincheng/xincheng-pcs/', ancestor_ids: ['nmg', 'hohhot', 'xincheng'], depth: 3,
      });
      expect((await organSubtree(store, 'hohhot')).map((o) => o.organ_id)).toEqual(['hohhot', 'xincheng', 'xincheng-pcs']);
      expect((await organSubtree(store, 'nmg')).map((o) => o.organ_id)).toEqual(['nmg', 'baotou', 'hohhot', 'xincheng', 'xincheng-pcs']);
      expect(await organSubtree(store, 'nowhere')).toEqual([]);
    });

    it('roster: a back-dated promotion shows from its effective date; the day before, and as known before it was recorded, the old level', async () => {
      const { store } = fixture;
      const level = async (asOf: string, knownAt?: string) =>
        (await rosterOf(store, 'xincheng', { asOf, includeSubtree: false, ...(knownAt ? { knownAt } : {}) })).map((r) => [r.auxiliary_id, r.level, r.status]);
      expect(await level('2025-01-01')).toEqual([]);
      expect(await level(HIRE_ON)).toEqual([['aux-a', 'L1', 'ON_PROBATION']]);
      // After the probation's last day (2025-07-01) the auxiliary is ACTIVE: no 转正 is recorded, the calendar ends it.
      expect(await level(PROMOTED_ON)).toEqual([['aux-a', 'L2', 'ACTIVE']]);
      expect(await level('2027-01-19')).toEqual([['aux-a', 'L1', 'ACTIVE']]);
      // As known just before the promotion was recorded: still L1 on that date.
      expect(await level('2027-02-01', new Date(Date.parse(world.promotionRecordedAt) - 1).toISOString())).toEqual([['aux-a', 'L1', 'ACTIVE']]);
      expect(await level('2027-02-01', world.promotionRecordedAt)).toEqual([['aux-a', 'L2', 'ACTIVE']]);

      const [a] = await rosterOf(store, 'xincheng', { asOf: '2025-02-01', includeSubtree: false });
      expect(a).toMatchObject({
        using_organ_id: 'xincheng', category: 'DUTY', duty_codes: ['SVC_PATROL'], leading_officer_ids: ['officer-7'], open_assignments: 1, hired_on: HIRE_ON, probation_last_day: '2025-07-01',
      });
    });

    it('Art. 24, 劳动合同法 Art. 19: probation ends by the calendar — ACTIVE from the day after its last day in the roster and the person file, with no 转正 recorded', async () => {
      const { store } = fixture;
      const status = async (asOf: string, statuses?: ('ON_PROBATION' | 'ACTIVE')[]) =>
        (await rosterOf(store, 'xincheng', { asOf, includeSubtree: false, ...(statuses ? { statuses } : {}) })).map((r) => [r.auxiliary_id, r.status]);
      // The last day is 2025-07-01; no event of aux-a falls between it and 2026-11-01.
      expect(await status('2025-07-01')).toEqual([['aux-a', 'ON_PROBATION']]);
      expect(await status('2025-07-02')).toEqual([['aux-a', 'ACTIVE']]);
      expect(await status('2026-06-01', ['ACTIVE'])).toEqual([['aux-a', 'ACTIVE']]);
      expect(await status('2026-06-01', ['ON_PROBATION'])).toEqual([]);
      expect(await status('2025-06-30', ['ON_PROBATION'])).toEqual([['aux-a', 'ON_PROBATION']]);
      expect((await personFile(store, 'aux-a', { asOf: '2025-07-01' })).state?.status).toBe('ON_PROBATION');
      expect((await personFile(store, 'aux-a', { asOf: '2025-07-02' })).state?.status).toBe('ACTIVE');
      // The first event after the last day stores ACTIVE itself (the domain's fold turns the calendar too).
      const [stored] = await store.asOf(personFileModel, '2026-11-01', { where: { auxiliary_id: 'aux-a' } });
      expect(stored?.['status']).toBe('ACTIVE');
      // A suspension keeps its status; the probation it interrupts still ends by the calendar.
      expect((await personFile(store, 'aux-b', { asOf: '2025-07-02' })).state?.status).toBe('SUSPENDED');
    });

    it('roster: an organ with its subtree; a back-dated suspension shows from its date, and not as known before', async () => {
      const { store } = fixture;
      const rows = async (asOf: string, knownAt?: string) =>
        (await rosterOf(store, 'hohhot', { asOf, includeSubtree: true, ...(knownAt ? { knownAt } : {}) })).map((r) => [r.auxiliary_id, r.using_organ_id, r.status]);
      expect(await rows('2025-05-31')).toEqual([['aux-a', 'xincheng', 'ON_PROBATION'], ['aux-b', 'xincheng-pcs', 'ON_PROBATION']]);
      expect(await rows(SUSPENDED_ON)).toEqual([['aux-a', 'xincheng', 'ON_PROBATION'], ['aux-b', 'xincheng-pcs', 'SUSPENDED']]);
      expect(await rows(SUSPENDED_ON, world.promotionRecordedAt)).toEqual([['aux-a', 'xincheng', 'ON_PROBATION'], ['aux-b', 'xincheng-pcs', 'ON_PROBATION']]);
      expect(await rosterOf(store, 'baotou', { asOf: SUSPENDED_ON, includeSubtree: true })).toEqual([]);
      expect((await rosterOf(store, 'nmg', { asOf: SUSPENDED_ON, includeSubtree: true, statuses: ['SUSPENDED'] })).map((r) => r.auxiliary_id)).toEqual(['aux-b']);
    });

    it('person file: the record as of a date and the timeline in effective-date order, with who recorded what and when', async () => {
      const { store } = fixture;
      const before = await personFile(store, 'aux-a', { asOf: '2027-01-19' });
      expect(before.state).toMatchObject({ level: 'L1', person_key: 'pk-aux-a', pre_job_training_on: '2025-01-05', annual_training_years: [2026], injuries: 1, last_assessed_on: '2027-01-15' });
      const file = await personFile(store, 'aux-a', { asOf: '2027-12-31' });
      expect(file.state).toMatchObject({ level: 'L2', level_since: PROMOTED_ON, pay_monthly_base_fen: 430000, credentials: [{ kind: 'WORK_ID', serial: 'W-0001', issuedOn: '2025-01-03', recoveredOn: null }] });
      expect(file.timeline.map((e) => [e.effective_date, e.event_type])).toEqual([
        [HIRE_ON, 'AuxiliaryHired'],
        ['2025-01-03', 'InsuranceEnrolled'],
        ['2025-01-03', 'CredentialIssued'],
        ['2025-01-05', 'TrainingRecorded'],
        ['2025-01-10', 'DutyAssigned'],
        ['2026-11-01', 'TrainingRecorded'],
        ['2026-12-01', 'ComplaintReceived'],
        ['2027-01-15', 'AssessmentRecorded'],
        ['2027-01-18', 'InjuryRecorded'],
        ['2027-01-18', 'InjuryMedicalDetailsRecorded'],
        [PROMOTED_ON, 'AuxiliaryPromoted'],
      ]);
      const promotion = file.timeline.find((e) => e.event_type === 'AuxiliaryPromoted');
      expect(promotion).toMatchObject({ actor_id: 'op-xincheng', actor_role: 'operator', actor_organ_id: 'xincheng', recorded_at: world.promotionRecordedAt, summary_zh: '晋升：L1 → L2', summary_en: 'Promoted from L1 to L2', rule_set_revision: '2024' });
      // aux-b's suspension, recorded late, sits at its effective date.
      const b = await personFile(store, 'aux-b', { asOf: '2027-12-31' });
      expect(b.timeline.map((e) => e.event_type)).toEqual(['AuxiliaryHired', 'AuxiliarySuspended']);
      expect(b.state).toMatchObject({ status: 'SUSPENDED', suspended_on: SUSPENDED_ON });
      // As of an earlier date: the timeline stops there.
      expect((await personFile(store, 'aux-a', { asOf: '2025-01-04' })).timeline).toHaveLength(3);
      expect(await personFile(store, 'nobody')).toEqual({ state: null, timeline: [] });
    });

    it('no row of any model holds medical details, ID numbers or background findings', async () => {
      const { store } = fixture;
      const everything = JSON.stringify(await Promise.all(ALL_READ_MODELS.map((m) => store.list(m))));
      expect(everything).not.toContain(SECRET_MEDICAL);
      expect(everything).not.toContain('BG-app-aux');
      expect(everything).not.toContain('medicalDetails');
    });

    it('quota use (Art. 7): quota, active headcount, reservations of approved plans and headroom, per organ and summed over a subtree', async () => {
      const { store } = fixture;
      const xincheng = async (asOf: string) => (await quotaUseOf(store, 'xincheng', { asOf, includeSubtree: false })).organs[0];
      expect(await xincheng('2025-01-01')).toMatchObject({ quota: 3, active_headcount: 0, reserved_openings: 0, headroom: 3 });
      expect(await xincheng(HIRE_ON)).toMatchObject({ quota: 3, active_headcount: 1, headroom: 2 });
      expect(await xincheng('2027-02-05')).toMatchObject({ active_headcount: 1, reserved_openings: 2, reserved_in_approved_plans: 0, headroom: 0, reservations: { 'plan-2027': 2 } });
      expect(await xincheng('2027-02-10')).toMatchObject({ reserved_openings: 2, reserved_in_approved_plans: 2, headroom: 0 });
      const city = await quotaUseOf(store, 'hohhot', { asOf: '2027-02-10', includeSubtree: true });
      expect(city.organs.map((o) => [o.organ_id, o.quota, o.active_headcount, o.headroom])).toEqual([
        ['hohhot', 10, 0, 10],
        ['xincheng', 3, 1, 0],
        ['xincheng-pcs', 1, 1, 0],
      ]);
      expect(city.total).toEqual({ quota: 14, active_headcount: 2, reserved_openings: 2, reserved_in_approved_plans: 2, headroom: 10, organs_without_quota: 0 });
      const region = await quotaUseOf(store, 'nmg', { asOf: '2027-02-10', includeSubtree: true });
      expect(region.total.organs_without_quota).toBe(2);
    });

    it('audit trail: accepted events and refused commands, with actor, organ, auxiliary, times, revision and citations', async () => {
      const { store } = fixture;
      const refusals = await auditTrailPage(store, { outcome: 'REFUSED' });
      expect(refusals.entries).toHaveLength(1);
      expect(refusals.entries[0]).toMatchObject({
        event_type: 'CommandRefused', command_type: 'Hire', organ_id: 'xincheng-pcs', auxiliary_id: 'aux-c', person_key: 'pk-aux-c', actor_id: 'op-xincheng-pcs',
        refusal_kind: 'STATUTE', rule_ids: world.refused.ruleIds, effective_date: HIRE_ON,
      });
      expect(world.refused.ruleIds).toEqual(['QUOTA-HIRE']);
      expect(refusals.entries[0]?.citations?.[0]).toMatchObject({ ruleId: 'QUOTA-HIRE', zh: expect.stringContaining('第七条'), en: expect.stringContaining('Art. 7') });

      const promotions = await auditTrailPage(store, { commandType: 'Promote' });
      expect(promotions.entries.map((e) => [e.event_type, e.auxiliary_id, e.organ_id, e.effective_date, e.recorded_at, e.rule_set_revision])).toEqual([
        ['AuxiliaryPromoted', 'aux-a', null, PROMOTED_ON, world.promotionRecordedAt, '2024'],
      ]);
      const hires = await auditTrailPage(store, { commandType: 'Hire', outcome: 'ACCEPTED' });
      expect(new Set(hires.entries.map((e) => e.event_type))).toEqual(new Set(['AuxiliaryHired', 'PersonContractStarted', 'QuotaPlaceTaken', 'ApplicantHired']));

      // The organ filter takes the subtree and the auxiliaries it uses (their events name no organ).
      const pcs = await auditTrailPage(store, { organId: 'xincheng-pcs', limit: 1000 });
      expect(pcs.entries.some((e) => e.event_type === 'AuxiliarySuspended')).toBe(true);
      expect(pcs.entries.some((e) => e.auxiliary_id === 'aux-a')).toBe(false);
      const county = await auditTrailPage(store, { organId: 'xincheng', includeSubtree: true, limit: 1000 });
      expect(county.entries.some((e) => e.auxiliary_id === 'aux-a' && e.event_type === 'AuxiliaryPromoted')).toBe(true);
      expect(county.entries.some((e) => e.event_type === 'AuxiliarySuspended')).toBe(true);
      expect(county.entries.some((e) => e.organ_id === 'baotou')).toBe(false);

      // Time range and actor.
      const late = await auditTrailPage(store, { recordedFrom: T(10), recordedTo: T(12) });
      expect(late.entries.map((e) => e.event_type)).toEqual(['AuxiliaryPromoted', 'AuxiliarySuspended']);
      expect((await auditTrailPage(store, { actorId: 'op-xincheng-pcs', effectiveFrom: '2025-06-01' })).entries.map((e) => e.event_type)).toEqual(['AuxiliarySuspended']);

      // Paging: every row once, in order, forwards and backwards.
      const all = await store.list(auditTrail);
      const seen: number[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await auditTrailPage(store, { limit: 7, ...(after !== undefined ? { after } : {}) });
        seen.push(...page.entries.map((e) => e.global_position));
        if (page.next === null) break;
        after = page.next;
      }
      expect(seen).toEqual(all.map((r) => r['global_position']));
      const newest = await auditTrailPage(store, { limit: 3, newestFirst: true });
      expect(newest.entries.map((e) => e.global_position)).toEqual(all.slice(-3).map((r) => r['global_position']).reverse());
      const older = await auditTrailPage(store, { limit: 3, newestFirst: true, after: newest.next as number });
      expect(older.entries.map((e) => e.global_position)).toEqual(all.slice(-6, -3).map((r) => r['global_position']).reverse());
    });

    it('supervision: findings as of a date, each with its article, computed from the stored dates', async () => {
      const { store } = fixture;
      const kinds = async (asOf: string, organId = 'hohhot') =>
        (await supervisionFindings(store, { organId, asOf, registry: REGISTRY })).map((f) => `${f.subject.id}:${f.kind}${f.ruleId ? `:${f.ruleId}` : ''}`).sort();
      // aux-b: no pre-job training, no insurance after 30 days, no health check after 12 months; nothing yet before the deadlines.
      expect(await kinds('2025-01-20')).toEqual(['aux-b:PRE_JOB_TRAINING_MISSING']);
      expect(await kinds('2025-02-02')).toEqual(['aux-b:INSURANCE_MISSING:INSURANCE', 'aux-b:INSURANCE_MISSING:INSURANCE', 'aux-b:PRE_JOB_TRAINING_MISSING']);
      const findings = await supervisionFindings(store, { organId: 'hohhot', asOf: '2027-03-01', registry: REGISTRY });
      const of = (subject: string, kind: string) => findings.filter((f) => f.subject.id === subject && f.kind === kind);
      expect(of('aux-a', 'ANNUAL_TRAINING_MISSING')).toEqual([]); // 2026 recorded
      expect(of('aux-b', 'ANNUAL_TRAINING_MISSING')[0]).toMatchObject({ ruleId: 'TRAIN-ANNUAL', citation: { zh: expect.stringContaining('第三十五条'), en: expect.stringContaining('Art. 35') }, details: { expected: 2026 } });
      // No check on record: due a year (healthCheck.intervalMonths) after the hire.
      expect(of('aux-a', 'HEALTH_CHECK_OVERDUE')[0]).toMatchObject({ ruleId: 'HEALTH-CHECK', since: '2026-01-02', ageDays: 423, citation: { en: expect.stringContaining('Art. 28 ¶3') }, details: { lastCheckOn: null } });
      // The complaint of 2026-12-01: open, overdue past complaint.handlingDays, with its age.
      const complaint = findings.find((f) => f.kind === 'COMPLAINT_OVERDUE' || f.kind === 'COMPLAINT_OPEN');
      expect(complaint).toMatchObject({ subject: { id: 'aux-a' }, since: '2026-12-01', ageDays: 90, details: { complaintId: 'cp-1' }, citation: { en: expect.stringContaining('Art. 38') } });
      // The CITY plan approved 2027-02-10 and never filed with the region (Art. 18 ¶2).
      expect(findings.filter((f) => f.subject.kind === 'plan').map((f) => [f.subject.id, f.kind, f.ruleId, f.citation.en])).toEqual([
        ['plan-2027', 'PLAN_NOT_FILED', 'PLAN-FILING', expect.stringContaining('Art. 18 ¶2')],
      ]);
      const drafted = await supervisionFindings(store, { organId: 'hohhot', asOf: '2027-02-05', registry: REGISTRY });
      expect(drafted.filter((f) => f.subject.kind === 'plan').map((f) => [f.kind, f.ageDays])).toEqual([['PLAN_NOT_APPROVED', 4]]);
      // Scope: Baotou has nothing; the police station alone has aux-b only.
      expect(await kinds('2027-03-01', 'baotou')).toEqual([]);
      expect(new Set((await supervisionFindings(store, { organId: 'xincheng-pcs', asOf: '2027-03-01', registry: REGISTRY })).map((f) => f.subject.id))).toEqual(new Set(['aux-b']));
      for (const f of findings) expect(f.citation.zh).toMatch(/第.+条/);
    });

    it('a rebuild gives the same rows as the live projection, model by model', async () => {
      const { store, projector } = fixture;
      const before = await snapshot(store);
      await projector.rebuild();
      expect(await snapshot(store)).toEqual(before);
      expect((await store.list(personTimeline)).length).toBeGreaterThan(10);
    });
  });
}

export async function snapshot(store: ReadModelStore): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const model of ALL_READ_MODELS) out.set(model.name, await store.list(model));
  return out;
}
