import type { BrowserContext, Page } from 'playwright-core';
import { type Deployment, describeInChromium, launchChromium, screenshot, signIn, startDeployment } from './harness';

/**
 * The workbench's find pages in Debian's chromium against the real API on a generated region: an operator signs in,
 * reads its organ's roster (the rows the API answers for the same organ, date and filters, by name and label, never
 * code), opens a person's file and its timeline, and the applications board (each column's count the API's); an
 * operator of another organ sees a clear "not allowed" and none of this organ's people. Screenshots in
 * test-artifacts/browser/workbench-{roster,person,board}.png.
 */

const DATE = '2025-12-31';

type Bilingual = { zh: string; en: string };
type Catalog = { labels: Record<string, Record<string, Bilingual>> };
type Organ = { organ_id: string; parent_id: string | null; name: string; level: string; path: string };
type Person = { status: 'READABLE'; name: string; idNumberMasked: string } | { status: 'SHREDDED'; name: null } | null;
type Entry = { auxiliary_id: string; using_organ_id: string; category: string; level: string; status: string; duty_codes: string[]; person: Person };
type Roster = { counts: { total: number; byOrgan: Record<string, number> }; entries: Entry[]; next: string | null };
type File = { person: Person; timeline: Array<{ event_type: string; effective_date: string; summary_zh: string }> };
type Applications = { counts: { total: number; byStage: Record<string, number>; byPlan: Record<string, number> }; entries: Array<{ applicationId: string; stage: string; person: Person }> };

describeInChromium('the workbench: find things', () => {
  let deployment: Deployment;
  let context: BrowserContext | undefined;
  let page: Page;
  let catalog: Catalog;
  let organs: Organ[];
  /** The organ with the most auxiliaries (`county`: a county or a unit under one), the organ above it (`city`), and a county outside that. */
  let county: Organ;
  let city: Organ;
  let elsewhere: Organ;
  let operatorKey = '';
  let strangerKey = '';

  const get = <T>(path: string, key = operatorKey) => deployment.get<T>(path, key);
  const nameOf = (p: Person) => (p === null ? '（未登记身份）' : p.status === 'SHREDDED' ? '（身份信息已删除）' : p.name);
  const zh = (table: string, code: string) => catalog.labels[table]?.[code]?.zh ?? `<no label ${table}.${code}>`;
  const organName = (id: string) => organs.find((o) => o.organ_id === id)?.name ?? id;

  beforeAll(async () => {
    deployment = await startDeployment({ history: { events: 3000, headcount: 90, seed: 5 } });
    // The read models hold the whole log (the page and the test read the same answers), as /health/ready tells.
    for (const started = Date.now(); ; await new Promise((r) => setTimeout(r, 250))) {
      const ready = (await (await fetch(`${deployment.base}/health/ready`)).json().catch(() => null)) as { details?: { readModels?: { lag?: number } } } | null;
      if (ready?.details?.readModels?.lag === 0) break;
      if (Date.now() - started > 120_000) throw new Error(`the read models did not catch up: ${JSON.stringify(ready)}`);
    }
    catalog = await deployment.get<Catalog>('/api/catalog');
    organs = (await deployment.get<{ organs: Organ[] }>('/api/organs')).organs;
    const root = organs.find((o) => o.parent_id === null) as Organ;
    const region = await deployment.get<Roster>(`/api/roster?organ=${root.organ_id}&subtree=true&asOf=${DATE}&limit=1`);
    const [busiest] = Object.entries(region.counts.byOrgan).sort((a, b) => b[1] - a[1]);
    county = organs.find((o) => o.organ_id === busiest?.[0]) as Organ;
    city = organs.find((o) => o.organ_id === county.parent_id) as Organ;
    elsewhere = organs.find((o) => o.level === 'COUNTY' && !o.path.startsWith(city.path)) as Organ;
    operatorKey = await deployment.key('operator', [city.organ_id]);
    strangerKey = await deployment.key('operator', [elsewhere.organ_id]);
    ({ context, page } = await launchChromium(deployment.dir));
    await signIn(page, deployment.base, operatorKey);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await deployment?.stop();
  });

  /** The roster table once it shows the answer to this query. */
  const rosterShown = async (path: string) => {
    await page.locator(`[data-testid="roster-table"][data-loaded="true"][data-path="${path}"]`).waitFor({ timeout: 20_000 });
    return page.locator('[data-testid="roster-table"] tbody tr[data-row-key]').evaluateAll((rows) =>
      rows.map((tr) => ({
        id: tr.getAttribute('data-row-key') as string,
        cells: [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim()),
      })),
    );
  };
  const expectRows = (shown: Array<{ id: string; cells: string[] }>, entries: Entry[]) => {
    expect(shown.map((r) => r.id)).toEqual(entries.map((e) => e.auxiliary_id));
    shown.forEach((row, i) => {
      const e = entries[i] as Entry;
      // name, id, organ, category, level, status, duties, probation end, contract end
      expect(row.cells.slice(0, 6)).toEqual([nameOf(e.person), e.auxiliary_id, organName(e.using_organ_id), zh('category', e.category), zh('level', e.level), zh('rosterStatus', e.status)]);
      for (const duty of e.duty_codes) expect(row.cells[6]).toContain(zh('duty', duty));
    });
  };

  it("the roster: the API's rows for the same organ and date, by name and label, a page at a time and filtered", async () => {
    await page.goto(`${deployment.base}/#/roster?organ=${county.organ_id}&asOf=${DATE}`);
    const first = `/api/roster?organ=${county.organ_id}&subtree=true&asOf=${DATE}&limit=20`;
    const answer = await get<Roster>(first);
    expect(answer.entries.length).toBeGreaterThan(0);
    expectRows(await rosterShown(first), answer.entries);
    expect(await page.locator('[data-testid="roster-total"]').innerText()).toBe(`共 ${answer.counts.total} 人`);
    expect(await page.locator('[data-testid="page-title"]').innerText()).toContain(county.name);
    // No code the catalog has words for is shown as itself.
    const text = await page.locator('[data-testid="roster-table"]').innerText();
    const codes = ['rosterStatus', 'category', 'duty'].flatMap((t) => Object.keys(catalog.labels[t] ?? {}));
    expect(codes.filter((code) => new RegExp(`\\b${code}\\b`).test(text))).toEqual([]);
    await screenshot(page, 'workbench-roster');

    // The next page: the API's page after the first one's `next`.
    if (answer.next) {
      await page.click('[data-testid="roster-next"]');
      const second = `${first}&cursor=${answer.next}`;
      expectRows(await rosterShown(second), (await get<Roster>(second)).entries);
    }
    // A filter in the address, as a bookmark would hold it: the API's answer with the same filter.
    await page.goto(`${deployment.base}/#/roster?organ=${county.organ_id}&asOf=${DATE}&status=ACTIVE&category=DUTY`);
    const filtered = `/api/roster?organ=${county.organ_id}&subtree=true&asOf=${DATE}&limit=20&status=ACTIVE&category=DUTY`;
    const filteredAnswer = await get<Roster>(filtered);
    expectRows(await rosterShown(filtered), filteredAnswer.entries);
    expect(filteredAnswer.entries.every((e) => e.status === 'ACTIVE' && e.category === 'DUTY')).toBe(true);
  }, 90_000);

  it("a row opens the person's file: identity as the API shows it, service facts, and the timeline in Chinese", async () => {
    await page.goto(`${deployment.base}/#/roster?organ=${county.organ_id}&asOf=${DATE}`);
    const path = `/api/roster?organ=${county.organ_id}&subtree=true&asOf=${DATE}&limit=20`;
    const [row] = await rosterShown(path);
    const id = (row as { id: string }).id;
    await page.locator(`[data-testid="roster-table"] tr[data-row-key="${id}"] [data-testid="roster-name"]`).click();
    await page.locator('[data-testid="view-person"][data-loaded="true"]').waitFor({ timeout: 20_000 });
    expect(page.url()).toContain(`#/person?`);
    expect(page.url()).toContain(`id=${id}`);
    const file = await get<File>(`/api/people/${id}?asOf=${DATE}`);
    expect(await page.locator('[data-testid="person-id"]').innerText()).toBe(id);
    if (file.person?.status === 'READABLE') {
      expect(await page.locator('[data-testid="person-name"]').innerText()).toBe(file.person.name);
      expect(await page.locator('[data-testid="person-id-number"]').innerText()).toBe(file.person.idNumberMasked);
    } else {
      expect(await page.locator('[data-testid="person-identity"]').innerText()).toMatch(/未登记身份信息|身份信息已按保存期限删除/);
    }
    expect(file.timeline.length).toBeGreaterThan(0);
    const entries = page.locator('[data-testid="timeline-entry"]');
    expect(await entries.count()).toBe(file.timeline.length);
    // Newest first; each with its effective date, its event in words (not its type) and the domain's summary.
    const shownTypes = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
    expect(shownTypes).toEqual(file.timeline.map((e) => e.event_type).reverse());
    const newest = file.timeline[file.timeline.length - 1] as File['timeline'][number];
    const firstText = await entries.first().innerText();
    // The domain's summary with its codes in words (organs by name, duties, insurance… by label).
    for (const part of newest.summary_zh.split(/[A-Za-z0-9_-]+/)) if (part.trim()) expect(firstText).toContain(part.trim());
    expect(firstText).not.toContain(newest.event_type);
    const fileText = await page.locator('[data-testid="view-person"]').innerText();
    const codes = ['duty', 'category', 'rosterStatus'].flatMap((t) => Object.keys(catalog.labels[t] ?? {}));
    expect(codes.filter((code) => new RegExp(`\\b${code}\\b`).test(fileText))).toEqual([]);
    expect(await page.locator('[data-testid="timeline-date"]').first().innerText()).toBe(newest.effective_date);
    expect(await page.locator('[data-testid="view-person"]').innerText()).not.toMatch(/\bAuxiliaryHired\b|\bACTIVE\b|\bON_PROBATION\b/);
    // Links to record a command for this person, the id filled in.
    const link = page.locator('[data-testid="command-link-assign-duty"]');
    expect(await link.getAttribute('href')).toContain(`command=assign-duty`);
    expect(await link.getAttribute('href')).toContain(`auxiliaryId=${id}`);
    await screenshot(page, 'workbench-person');
  }, 90_000);

  it('a sealed health-check result: the date in clear, the result only through a recorded disclosure asked for on the page', async () => {
    type Sealed = { person: Person; state: { person_key: string; last_health_check_on: string | null; last_health_check_result: string | null } | null };
    const roster = await get<Roster>(`/api/roster?organ=${county.organ_id}&subtree=true&asOf=${DATE}&limit=200`);
    let target: { id: string; file: Sealed } | undefined;
    for (const e of roster.entries) {
      const file = await get<Sealed>(`/api/people/${e.auxiliary_id}?asOf=${DATE}`);
      if (file.person?.status === 'READABLE' && file.state?.last_health_check_on && file.state.last_health_check_result === null) {
        target = { id: e.auxiliary_id, file };
        break;
      }
    }
    expect(target).toBeDefined();
    const { id, file } = target as { id: string; file: Sealed };
    const state = file.state as NonNullable<Sealed['state']>;
    await page.goto(`${deployment.base}/#/person?id=${id}&organ=${county.organ_id}&asOf=${DATE}`);
    await page.locator('[data-testid="view-person"][data-loaded="true"]').waitFor({ timeout: 20_000 });
    const sealed = page.locator('[data-testid="person-health-sealed"]');
    expect(await sealed.innerText()).toContain(state.last_health_check_on as string);
    expect(await sealed.innerText()).toContain('结果已加密封存');
    await page.locator('[data-testid="person-health-disclose"]').click();
    await page.locator('[data-testid="person-health-reason"]').fill('核对年度体检复查安排');
    await page.locator('[data-testid="person-health-disclose-confirm"]').click();
    const shown = await page.locator('[data-testid="person-health-disclosed"]').innerText({ timeout: 20_000 });
    expect(['未见异常', '建议复查或随访']).toContain(shown);
    // The read was recorded before the result was shown: by this operator, in clear, with the reason typed.
    const auditor = await deployment.key('auditor');
    const { records } = await get<{ records: Array<{ fields: string[]; disclosure: string; reason: string | null; actorRole: string }> }>(
      `/api/identities/${state.person_key}/access-records`,
      auditor,
    );
    expect(records).toContainEqual(expect.objectContaining({ fields: expect.arrayContaining([`health:${id}:${state.last_health_check_on}`]), disclosure: 'CLEAR', reason: '核对年度体检复查安排', actorRole: 'operator' }));
    // The result shown is the one the disclosure answers for that check.
    const answer = await deployment.post<{ fields: { healthCheckResults: Array<{ auxiliaryId: string; checkedOn: string; result: string }> } }>(
      `/api/identities/${state.person_key}/disclosures`,
      { fields: ['healthCheckResults'], reason: '核对页面所示结果' },
      operatorKey,
    );
    const result = answer.body.fields.healthCheckResults.find((h) => h.auxiliaryId === id && h.checkedOn === state.last_health_check_on)?.result as string;
    expect(shown).toBe(result === 'NORMAL' ? '未见异常' : '建议复查或随访');
    await screenshot(page, 'workbench-person-health');
  }, 90_000);

  it("the applications board: a plan's applicants by Art. 20 stage, each column's count the API's", async () => {
    await page.goto(`${deployment.base}/#/plans?organ=${city.organ_id}&asOf=${DATE}`);
    await page.locator('[data-testid="plans-table"][data-loaded="true"]').waitFor({ timeout: 20_000 });
    // Of the plans on the page, the one with the most applications in the city.
    const shown = await page.locator('[data-testid="plans-table"] tbody tr[data-row-key]').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-row-key') as string));
    const all = await get<Applications>(`/api/applications?organ=${city.organ_id}&subtree=true&asOf=${DATE}&limit=1`);
    const [plan] = Object.entries(all.counts.byPlan)
      .filter(([id]) => shown.includes(id))
      .sort((a, b) => b[1] - a[1]);
    await screenshot(page, 'workbench-plans');
    if (!plan) throw new Error(`no plan on the page has applications in ${city.organ_id}: shown ${JSON.stringify(shown)}, by plan ${JSON.stringify(all.counts.byPlan)}`);
    const planId = (plan as [string, number])[0];
    const boardShows = async (asOf: string) => {
      const path = `/api/applications?organ=${city.organ_id}&subtree=true&asOf=${asOf}&limit=1000&plan=${planId}`;
      const answer = await get<Applications>(path);
      await page.locator(`[data-testid="board"][data-loaded="true"][data-path="${path}"]`).waitFor({ timeout: 20_000 });
      expect(answer.counts.total).toBeGreaterThan(0);
      for (const [stage, count] of Object.entries(answer.counts.byStage)) {
        const column = page.locator(`[data-testid="column-${stage}"]`);
        expect(Number(await column.getAttribute('data-count'))).toBe(count);
        expect(await column.locator('[data-testid="column-count"]').innerText()).toBe(String(count));
        expect(await column.locator('[data-testid="applicant-card"]').count()).toBe(answer.entries.filter((e) => e.stage === stage).length);
      }
      const names = await page.locator('[data-testid="card-name"]').allInnerTexts();
      expect(names.sort()).toEqual(answer.entries.map((e) => nameOf(e.person)).sort());
      expect(await page.locator('[data-testid="board-total"]').innerText()).toBe(`报名共 ${answer.counts.total} 人`);
      return answer;
    };
    await page.click(`[data-testid="plan-board-${planId}"]`);
    const closed = await boardShows(DATE);
    expect(page.url()).toContain(`plan=${planId}`);
    // While the plan ran (halfway from its announcement to its close): the same applicants, at the stages they had reached then.
    const row = (await get<{ plans: Array<{ plan_id: string; announced_on: string | null; closed_on: string | null }> }>(`/api/recruitment-plans?asOf=${DATE}`)).plans.find((p) => p.plan_id === planId);
    if (row?.announced_on) {
      const from = Date.parse(row.announced_on);
      const to = row.closed_on ? Date.parse(row.closed_on) : Date.parse(DATE);
      const mid = new Date(from + (to - from) / 2).toISOString().slice(0, 10);
      await page.goto(`${deployment.base}/#/applications?organ=${city.organ_id}&asOf=${mid}&plan=${planId}`);
      const running = await boardShows(mid);
      expect(running.counts.byStage).not.toEqual(closed.counts.byStage);
    }
    await screenshot(page, 'workbench-board');
  }, 90_000);

  it("an operator of another organ sees nothing of this one: a clear message, no one's name", async () => {
    const roster = await get<Roster>(`/api/roster?organ=${county.organ_id}&subtree=true&asOf=${DATE}&limit=20`);
    const names = roster.entries.flatMap((e) => (e.person?.status === 'READABLE' ? [e.person.name] : []));
    const stranger = await launchChromium(deployment.dir);
    try {
      const p = stranger.page;
      await signIn(p, deployment.base, strangerKey, `#/roster?organ=${county.organ_id}&asOf=${DATE}`);
      const error = p.locator('[data-testid="query-error"]');
      await error.waitFor({ timeout: 20_000 });
      expect(await error.getAttribute('data-status')).toBe('403');
      expect(await error.innerText()).toContain('无权查看');
      expect(await p.locator('[data-testid="roster-table"] tbody tr[data-row-key]').count()).toBe(0);
      // Its own organ, one click away.
      expect(await p.locator('[data-testid="to-own-organ"]').innerText()).toContain(elsewhere.name);
      // A person of this organ by address: 403, no name, no file.
      const someone = (roster.entries[0] as Entry).auxiliary_id;
      await p.goto(`${deployment.base}/#/person?organ=${county.organ_id}&asOf=${DATE}&id=${someone}`);
      await p.locator('[data-testid="view-person"] [data-testid="query-error"][data-status="403"]').waitFor({ timeout: 20_000 });
      expect(await p.locator('[data-testid="person-name"]').count()).toBe(0);
      expect(await p.locator('[data-testid="timeline-entry"]').count()).toBe(0);
      // The board of this organ's city: 403 too.
      await p.goto(`${deployment.base}/#/applications?organ=${city.organ_id}&asOf=${DATE}`);
      await p.locator('[data-testid="view-applications"] [data-testid="query-error"][data-status="403"]').waitFor({ timeout: 20_000 });
      expect(await p.locator('[data-testid="applicant-card"]').count()).toBe(0);
      const text = await p.locator('body').innerText();
      expect(names.filter((n) => text.includes(n))).toEqual([]);
    } finally {
      await stranger.context.close();
    }
  }, 90_000);
});
