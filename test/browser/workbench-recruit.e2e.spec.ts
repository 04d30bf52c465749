import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ADMIN_KEY, type Deployment, ROOT, describeInChromium, launchChromium, screenshot, signIn, startDeployment } from './harness';

/**
 * A hire through the browser alone, on a fresh deployment (an empty database, the example local measures the README
 * names for a pay standard): the admin's first start in the browser — the region's organ file with a quota for every
 * county, an operator key of 呼和浩特市公安局; then that operator, in the recruitment guide only and with 新城区分局
 * chosen, drafts the city's plan for an opening of 新城区分局, has it approved, filed and announced,
 * registers an applicant with her identity, records every stage of Art. 20, hires her, records her pre-job training,
 * her insurances (personal accident too: patrol is a high-risk post) and her first duty, and finds her in her file
 * and on the roster. Every command is sent by a form of the page; the API is asked afterwards whether the events are
 * there, each by the operator.
 */
const REGION_FILE = join(ROOT, '..', 'shared', 'data', 'inner-mongolia-organs.json');
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shot = (page: Page, n: number, name: string) => screenshot(page, `workbench-recruit-${String(n).padStart(2, '0')}-${name}`);

describeInChromium('workbench: a new operator hires a person through the recruitment guide, on a fresh deployment', () => {
  let deployment: Deployment;
  let context: BrowserContext;
  let page: Page;
  let operatorKey: string;

  let county: string;

  beforeAll(async () => {
    deployment = await startDeployment({ env: { AUXLEDGER_PARAMETERS: join(ROOT, 'apps/api/parameters.example.json') } });
    ({ context, page } = await launchChromium(deployment.dir));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await deployment?.stop();
  });

  /** The panel of a step of the guide. */
  const step = (key: string): Locator => page.locator(`[data-testid="recruit-step-${key}"]`);
  const field = (endpoint: string, path: string) => page.locator(`#command-${endpoint}_${path}`);
  const type = async (endpoint: string, path: string, value: string) => field(endpoint, path).fill(value);
  /** An antd Select: opened, searched by its code, the first match taken. */
  const choose = async (endpoint: string, path: string, ...values: string[]) => {
    const input = field(endpoint, path);
    for (const value of values) {
      await input.click();
      await input.fill(value);
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').first().waitFor();
      await input.press('Enter');
    }
    await input.press('Escape');
  };
  /** A tags box: each value typed and entered. */
  const tags = async (endpoint: string, path: string, ...values: string[]) => {
    const input = field(endpoint, path);
    for (const value of values) {
      await input.fill(value);
      await input.press('Enter');
    }
  };
  const date = async (endpoint: string, path: string, value: string) => {
    const input = field(endpoint, path);
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };
  /** How long each step took in the browser, from its panel shown to its record read back (printed at the end). */
  const took: Array<[string, number]> = [];
  let since = Date.now();
  /** Sends the step's form and waits for the guide to read it back as done. */
  const send = async (key: string) => {
    const sent = Date.now();
    await step(key).locator('[data-testid="send"]').click();
    await page.locator(`[data-testid="recruit-state-${key}"][data-status="done"]`).first().waitFor({ timeout: 15_000 }).catch(async (e) => {
      await shot(page, 99, `failed-${key}`);
      throw new Error(`${key} was not recorded: ${(await step(key).innerText().catch(() => '(no panel)')).slice(0, 2000)}\n${String(e)}`);
    });
    took.push([`${key} (filled ${sent - since} ms, read back ${Date.now() - sent} ms)`, Date.now() - since]);
    since = Date.now();
  };
  const mark = (what: string) => {
    took.push([`${what} (${Date.now() - since} ms)`, Date.now() - since]);
    since = Date.now();
  };
  afterAll(() => console.log(`workbench-recruit steps:\n${took.map(([k]) => `  ${k}`).join('\n')}`));

  it('the first start, in the browser: the admin loads the region file with a quota for every county and makes an operator key of 呼和浩特市公安局', async () => {
    expect((await deployment.get<{ organs: unknown[] }>('/api/organs')).organs).toHaveLength(0);
    await signIn(page, deployment.base, ADMIN_KEY);
    await page.waitForSelector('[data-testid="page-first-start"]');
    await page.setInputFiles('[data-testid="page-first-start"] input[type=file]', REGION_FILE);
    await page.waitForSelector('[data-testid="organs-file-name"]');
    await page.fill('#init_quota', '20');
    await page.fill('#init_quotaDocument', '内公辅额〔2026〕1号');
    await page.click('[data-testid="init-preview"]');
    await page.waitForSelector('[data-testid="init-plan"]');
    await page.click('[data-testid="init-run"]');
    await page.waitForSelector('[data-testid="init-done"]', { timeout: 90_000 });
    await shot(page, 0, 'first-start');
    await page.click('[data-testid="nav-keys"]');
    await page.waitForSelector('[data-testid="page-keys"]');
    await page.fill('#key_name', '呼和浩特市公安局 政工室');
    await page.click('#key_organIds');
    await page.fill('#key_organIds', '呼和浩特市公安局');
    await page.click('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper[title="呼和浩特市公安局"]');
    await page.keyboard.press('Escape');
    await page.click('[data-testid="key-create"]');
    await page.waitForSelector('[data-testid="new-key"]');
    operatorKey = await page.inputValue('[data-testid="new-key"]');
    await page.close();
    const organs = (await deployment.get<{ organs: Array<{ organ_id: string; name: string }> }>('/api/organs')).organs;
    county = organs.find((o) => o.name === '呼和浩特市公安局新城区分局')?.organ_id as string;
    expect(county).toBeTruthy();
    // The operator works in a tab of their own.
    page = await context.newPage();
  }, 150_000);

  it('from a plan to a hire and a first duty, every command sent by the guide’s forms', async () => {
    since = Date.now();
    await signIn(page, deployment.base, operatorKey, `#/recruit?organ=${county}`);
    await page.locator('.ant-layout-sider .ant-menu').getByText('招聘向导').click();
    await page.locator('[data-testid="recruit-page"]').waitFor();
    mark('signed in, the guide shown');

    // The plan: drafted (the organ, the date, the ids filled in), approved, filed, announced.
    await page.locator('[data-testid="recruit-new-plan"]').click();
    await step('draft').locator('[data-testid="send"]').waitFor();
    mark('the draft form shown');
    await type('draft-recruitment-plan', 'title', `${TODAY.slice(0, 4)}年呼和浩特市公安局招聘警务辅助人员计划（新城区分局）`);
    await shot(page, 1, 'plan-draft');
    await send('draft');

    await step('approve').waitFor();
    await type('approve-recruitment-plan', 'approver', '呼和浩特市人民政府');
    await type('approve-recruitment-plan', 'documentNumber', '呼政函〔2026〕18号');
    await shot(page, 2, 'plan-approve');
    await send('approve');

    await step('file').waitFor();
    await type('file-recruitment-plan', 'filingRef', '内公备〔2026〕31号');
    await send('file');

    await step('announce').waitFor();
    await type('announce-recruitment', 'announcementRef', '呼公告〔2026〕5号');
    await send('announce');
    await shot(page, 3, 'plan-announced');

    // The applicant: registered with her identity, then each stage of Art. 20.
    await page.locator('[data-testid="recruit-new-applicant"]').click();
    await step('register').waitFor();
    const r = 'register-applicant';
    await type(r, 'identity_name', '张丽娜');
    await choose(r, 'identity_gender', 'FEMALE');
    await type(r, 'identity_idNumber', '150102199803124528');
    await type(r, 'identity_contact_phone', '13900000000');
    await date(r, 'applicant_birthDate', '1998-03-12');
    await choose(r, 'applicant_education', 'JUNIOR_COLLEGE');
    await shot(page, 4, 'applicant-register');
    await send('register');

    await step('qualification').waitFor();
    const q = 'review-qualification';
    for (let i = 0; i < 8; i++) await type(q, `backgroundFindings_${i}_ref`, `ZS-2026-0001-${i + 1}`);
    await type(q, 'politicalAttestation_attestedBy', '新城区公安分局政治处 李明');
    await tags(q, 'politicalAttestation_materialRefs', 'ZS-2026-0001-ZZ');
    await shot(page, 5, 'applicant-qualification');
    await send('qualification');

    await step('exams').waitFor();
    await type('record-exam-results', 'scores_written', '82');
    await type('record-exam-results', 'scores_physical', '90');
    await type('record-exam-results', 'scores_interview', '86');
    await type('record-exam-results', 'scores_total', '85');
    await send('exams');

    await step('medical').waitFor();
    await type('record-medical-examination', 'reportRef', 'TJ-2026-0001');
    await send('medical');

    await step('inspection').waitFor();
    await send('inspection');

    await step('notice').waitFor();
    await date('complete-public-notice', 'noticeFrom', TODAY);
    await shot(page, 6, 'applicant-notice');
    await send('notice');

    // The hire: the opening's organ, the pay standard in force and the contract are filled in; the operator checks and sends.
    await step('hire').waitFor();
    await shot(page, 7, 'applicant-hire');
    await send('hire');

    // Taking up duty: no duty before pre-job training (the guide says why), then the training, then the first duty.
    await page.locator('[data-testid="recruit-onboarding"]').waitFor();
    await step('training').waitFor();
    await page.locator('[data-testid="recruit-onboarding-steps"] [data-testid="recruit-state-duty"]').click();
    await step('duty').locator('[data-testid="recruit-blockers"]').waitFor();
    expect(await step('duty').locator('[data-testid="recruit-blockers"]').innerText()).toContain('岗前培训合格前不得安排上岗');
    await shot(page, 8, 'duty-blocked');
    await page.locator('[data-testid="recruit-onboarding-steps"] [data-testid="recruit-state-training"]').click();
    await step('training').waitFor();
    await choose('record-training', 'topics', 'POLITICS', 'LAW', 'DISCIPLINE');
    await send('training');

    // Patrol is a high-risk post (insurance.highRiskDuties): the guide notes that personal accident insurance is not on
    // record yet (INSURANCE-RISK, Art. 28 ¶2); the operator records the insurances first, personal accident insurance too.
    await step('duty').locator('[data-testid="recruit-limits"]').waitFor();
    expect(await step('duty').locator('[data-testid="recruit-limits"]').innerText()).toContain('尚未办理人身意外伤害保险');
    await page.locator('[data-testid="recruit-onboarding-steps"] [data-testid="recruit-state-insurance"]').click();
    await step('insurance').waitFor();
    await choose('enrol-insurance', 'kinds', 'PERSONAL_ACCIDENT');
    await type('enrol-insurance', 'reference', 'SB-2026-XC-0001');
    await send('insurance');

    await step('duty').waitFor();
    expect(await step('duty').locator('[data-testid="recruit-limits"]').count()).toBe(0);
    await choose('assign-duty', 'dutyCodes', 'SVC_PATROL');
    await tags('assign-duty', 'leadingOfficerIds', 'PO-XC-017');
    await shot(page, 9, 'duty');
    await send('duty');
    await shot(page, 10, 'done');

    // Her file (from the guide) and the roster (from the menu) show her.
    await page.locator('[data-testid="recruit-open-file"]').click();
    await page.locator('[data-testid="person-name"]').waitFor();
    expect(await page.locator('[data-testid="person-name"]').innerText()).toContain('张丽娜');
    await page.locator('[data-testid="timeline-entry"][data-event-type="DutyAssigned"]').waitFor();
    await shot(page, 11, 'person-file');
    await page.locator('.ant-layout-sider .ant-menu').getByText('花名册').click();
    await page.locator('[data-testid="roster-name"]').first().waitFor();
    expect(await page.locator('[data-testid="roster-name"]').first().innerText()).toContain('张丽娜');
    await shot(page, 12, 'roster');
  }, 300_000);

  it('the API has every event, each by the operator, and the file shows the hire, the training and the duty', async () => {
    const me = await deployment.get<{ keyId: string }>('/api/me', operatorKey);
    const audit = await deployment.get<{ entries: Array<{ event_type: string; actor_id: string; actor_role: string | null }> }>(
      `/api/audit?actor=${me.keyId}&outcome=ACCEPTED&limit=1000`,
    );
    const types = new Set(audit.entries.map((e) => e.event_type));
    for (const type of [
      'RecruitmentPlanDrafted', 'RecruitmentPlanApproved', 'RecruitmentPlanFiled', 'RecruitmentAnnounced', 'ApplicationRegistered', 'QualificationReviewPassed',
      'ExamsPassed', 'MedicalExaminationPassed', 'InspectionPassed', 'PublicNoticeCompleted', 'AuxiliaryHired', 'ApplicantHired', 'TrainingRecorded', 'InsuranceEnrolled', 'DutyAssigned',
    ]) {
      expect([type, types.has(type)]).toEqual([type, true]);
    }
    expect(audit.entries.every((e) => e.actor_role === 'operator')).toBe(true);
    const plans = await deployment.get<{ plans: Array<{ plan_id: string; status: string; filed_on: string | null }> }>('/api/recruitment-plans?organ=hohhot');
    expect(plans.plans).toEqual([expect.objectContaining({ status: 'ANNOUNCED', filed_on: TODAY })]);
    const roster = await deployment.get<{ entries: Array<{ auxiliary_id: string }> }>(`/api/roster?organ=${county}`);
    expect(roster.entries).toHaveLength(1);
    const auxiliaryId = roster.entries[0]?.auxiliary_id as string;
    const file = await deployment.get<{ state: { status: string; insurance: string[]; pre_job_training_on: string; assignments: Array<{ dutyCodes: string[]; leadingOfficerIds: string[] }> }; person: { name: string } | null }>(
      `/api/people/${auxiliaryId}`,
    );
    expect(file.person?.name).toBe('张丽娜');
    expect(file.state.insurance).toEqual(expect.arrayContaining(['PENSION', 'WORK_INJURY', 'HOUSING_FUND', 'PERSONAL_ACCIDENT']));
    expect(file.state).toMatchObject({ pre_job_training_on: TODAY, assignments: [{ dutyCodes: ['SVC_PATROL'], leadingOfficerIds: ['PO-XC-017'] }] });
  });
});
