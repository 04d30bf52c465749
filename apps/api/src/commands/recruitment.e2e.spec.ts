import { join } from 'node:path';
import { verifyLog } from '@auxledger/event-store';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, hireBody, keyFor, organTree, ruleIdsOf, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

const PLAN = 'plan-2024-hohhot';
const APP = 'app-1';

const applicant = { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null };
const allClear = [1, 2, 3, 4, 5, 6, 7, 8].map((item) => ({ item, found: false, ref: `BG-${item}` }));

/**
 * A recruitment through HTTP, as the operator of 呼和浩特市公安局 (a CITY organ)
 * runs it: the organs and the quota, the plan drafted, approved, filed and
 * announced (Arts. 18, 20 (1)), an application through every stage of Art. 20,
 * the ranking, the hire, and the plan closed — each step accepted with the
 * operator's organ on its events; a refused step answers 422 with every
 * violation and its citation.
 */
function recruitmentSuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`a recruitment, plan to hire, through the API on ${name}`, () => {
    const tmp = tempDir('auxledger-recruit-');
    let api: Api;
    let hohhot: { id: string; key: string };
    let saihan: { id: string; key: string };

    beforeAll(async () => {
      api = await startApi(await open(join(tmp.dir, 'records.db')), { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api); // register-organ ×4 and set-quota, through HTTP
      hohhot = await keyFor(api, 'operator', ['hohhot']);
      saihan = await keyFor(api, 'operator', ['saihan']);
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    const post = (command: string, body: object, key = hohhot.key) => api.post(`/api/commands/${command}`, body, key);
    const accepted = async (command: string, body: object, eventType: string) => {
      const res = await post(command, body).expect(201);
      const event = res.body.events.find((e: { type: string }) => e.type === eventType);
      expect(event).toBeDefined();
      expect(event.metadata.actor).toEqual({ id: hohhot.id, role: 'operator', organId: 'hohhot' });
      return res.body;
    };

    it('DraftRecruitmentPlan: 201; two openings reserved in 新城区’s quota in the same append', async () => {
      const body = {
        planId: PLAN, draftingOrganId: 'hohhot', title: '2024年呼和浩特市公安局招聘警务辅助人员计划', effectiveDate: '2024-09-10',
        openings: [{ openingId: 'open-1', organId: 'xincheng', category: 'DUTY', count: 2, targetedCategories: null }],
      };
      const res = await accepted('draft-recruitment-plan', body, 'RecruitmentPlanDrafted');
      expect(res.events.map((e: { type: string }) => e.type).sort()).toEqual(['PlanOpeningsReserved', 'RecruitmentPlanDrafted']);
    });

    it('AnnounceRecruitment refused — Art. 18 ¶1 (PLAN-APPROVAL): no approval yet; 422 with its citation', async () => {
      const res = await post('announce-recruitment', { planId: PLAN, announcementRef: 'GG-0', organIds: ['xincheng'], effectiveDate: '2024-09-15' }).expect(422);
      expect(ruleIdsOf(res.body)).toEqual(['PLAN-APPROVAL']);
      expect(res.body.error.details.violations[0]).toMatchObject({ citation: { law: 'NMG-AUX', article: 18, paragraph: 1 }, citationText: { zh: expect.stringContaining('第十八条') } });
    });

    it('ApproveRecruitmentPlan and FileRecruitmentPlan: 201 each (Art. 18 ¶1–2)', async () => {
      await accepted('approve-recruitment-plan', { planId: PLAN, governmentLevel: 'CITY', approver: '呼和浩特市人民政府', documentNumber: '呼政函〔2024〕88号', effectiveDate: '2024-09-20' }, 'RecruitmentPlanApproved');
      await accepted('file-recruitment-plan', { planId: PLAN, regionOrganId: 'nmg', filingRef: '内公备〔2024〕15号', effectiveDate: '2024-09-25' }, 'RecruitmentPlanFiled');
    });

    it('an operator of another county may not act on the plan: answered as for an unknown plan (404 RECORD_NOT_FOUND), the organ read from the plan’s first event', async () => {
      const res = await post('announce-recruitment', { planId: PLAN, announcementRef: 'GG-1', organIds: ['xincheng'], effectiveDate: '2024-10-01' }, saihan.key).expect(404);
      expect(res.body.error).toMatchObject({ code: 'RECORD_NOT_FOUND', details: { planId: PLAN } });
      expect(res.body.error.details).not.toHaveProperty('organId');
    });

    it('AnnounceRecruitment: 201 (Art. 20 (1))', async () => {
      await accepted('announce-recruitment', { planId: PLAN, announcementRef: 'GG-1', organIds: ['xincheng'], effectiveDate: '2024-10-01' }, 'RecruitmentAnnounced');
    });

    it('RegisterApplication refused — Art. 21 (1)–(2) (ELIG-AGE, ELIG-CITIZEN): every violation, each with its citation', async () => {
      const res = await post('register-application', {
        applicationId: 'app-young', planId: PLAN, personKey: 'pk-young', effectiveDate: '2024-10-10',
        applicant: { ...applicant, birthDate: '2008-01-01', nationality: 'MN' },
      }).expect(422);
      expect(ruleIdsOf(res.body).sort()).toEqual(['ELIG-AGE', 'ELIG-CITIZEN']);
      for (const v of res.body.error.details.violations) {
        expect(v.citation).toMatchObject({ law: 'NMG-AUX', article: 21 });
        expect(v.citationText.zh).toContain('第二十一条');
        expect(v.message.zh).toBeTruthy();
        expect(v.message.en).toBeTruthy();
      }
      expect(await api.store.readStream('application-app-young')).toHaveLength(0);
    });

    it('RegisterApplication: 201 — the application carries the plan’s organ as its recruiting organ', async () => {
      const res = await accepted('register-application', { applicationId: APP, planId: PLAN, personKey: 'pk-1', applicant, effectiveDate: '2024-10-10' }, 'ApplicationRegistered');
      expect(res.events[0].data).toMatchObject({ recruitingOrganId: 'hohhot', announcedOn: '2024-10-01' });
    });

    it('Hire before the stages of Art. 20 are passed is refused (422), and writes no auxiliary', async () => {
      const res = await post('hire', hireBody('aux-early', APP, 'pk-1', 'xincheng')).expect(422);
      expect(ruleIdsOf(res.body)).toContain('RECR-ORDER');
      expect(await api.store.readStream('auxiliary-aux-early')).toHaveLength(0);
    });

    it('a stage on the application by an operator of another county: answered as for an unknown application (404), the organ read from its first event', async () => {
      const res = await post('record-medical-examination', { applicationId: APP, reportRef: 'MED-1', effectiveDate: '2024-11-10' }, saihan.key).expect(404);
      expect(res.body.error).toMatchObject({ code: 'RECORD_NOT_FOUND', details: { applicationId: APP } });
      expect(res.body.error.details).not.toHaveProperty('organId');
    });

    it('each stage of Art. 20 (2)–(6): 201 in order', async () => {
      await accepted('review-qualification', {
        applicationId: APP, personKey: 'pk-1', backgroundFindings: allClear, effectiveDate: '2024-10-20',
        politicalAttestation: { conclusion: 'MEETS', attestedBy: 'reviewer-1', attestedOn: '2024-10-20', materialRefs: ['PA-1'] },
      }, 'QualificationReviewPassed');
      await accepted('record-exam-results', { applicationId: APP, scores: { written: 80, physical: 90, interview: 85, total: 84.5 }, effectiveDate: '2024-11-01' }, 'ExamsPassed');
      await accepted('record-ranking', {
        planId: PLAN, effectiveDate: '2024-11-05', ranking: [{ applicantId: APP, score: 84.5, eligible: true, preferenceCategories: [] }],
      }, 'RankingRecorded');
      await accepted('record-medical-examination', { applicationId: APP, reportRef: 'MED-1', effectiveDate: '2024-11-10' }, 'MedicalExaminationPassed');
      await accepted('record-inspection', { applicationId: APP, personKey: 'pk-1', backgroundFindings: [], effectiveDate: '2024-11-20' }, 'InspectionPassed');
      await accepted('complete-public-notice', { applicationId: APP, noticeFrom: '2024-12-01', noticeUntil: '2024-12-07', effectiveDate: '2024-12-08' }, 'PublicNoticeCompleted');
    });

    it('Hire: 201 — the application is used up in the same append', async () => {
      const res = await accepted('hire', hireBody('aux-1', APP, 'pk-1', 'xincheng'), 'AuxiliaryHired');
      expect(res.events.map((e: { type: string }) => e.type).sort()).toEqual(['ApplicantHired', 'AuxiliaryHired', 'PersonContractStarted', 'QuotaPlaceTaken']);
    });

    it('a second application that fails a stage ends (FailRecruitmentStage); a later stage is refused — Art. 20 (RECR-ORDER), 422', async () => {
      await accepted('register-application', { applicationId: 'app-2', planId: PLAN, personKey: 'pk-2', applicant, effectiveDate: '2024-10-11' }, 'ApplicationRegistered');
      await accepted('fail-recruitment-stage', { applicationId: 'app-2', stage: 2, reason: 'NOT_ELIGIBLE', reasonRef: 'SEALED-1', effectiveDate: '2024-10-21' }, 'RecruitmentStageFailed');
      const res = await post('record-exam-results', { applicationId: 'app-2', scores: { written: 1, physical: 1, interview: 1, total: 1 }, effectiveDate: '2024-11-01' }).expect(422);
      expect(new Set(ruleIdsOf(res.body))).toEqual(new Set(['RECR-ORDER'])); // one violation per stage out of order
      expect(res.body.error.details.violations[0].citation).toMatchObject({ article: 20 });
    });

    it('CloseRecruitmentPlan: 201 — the unfilled opening is released in 新城区’s stream', async () => {
      const res = await accepted('close-recruitment-plan', { planId: PLAN, reason: 'COMPLETED', organIds: ['xincheng'], effectiveDate: '2025-01-10' }, 'RecruitmentPlanClosed');
      expect(res.events.map((e: { type: string; streamId: string }) => `${e.streamId} ${e.type}`).sort()).toEqual([
        'organ-xincheng PlanOpeningsReleased',
        `recruitment-plan-${PLAN} RecruitmentPlanClosed`,
      ]);
    });

    it('the log the API wrote verifies', async () => {
      expect((await verifyLog(api.store)).ok).toBe(true);
    });
  });
}

recruitmentSuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  recruitmentSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api_recruit') }));
});
