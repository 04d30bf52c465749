import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, type Deployment, describeInChromium, launchChromium, startDeployment } from './harness';

/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core
 * against the real API (apps/api/src/main.ts, as `npm start` runs it) on a
 * generated history, serving the built app from its own port. It signs in
 * with a viewer key, opens each view, changes organ and date, and checks that
 * the numbers on the page are the API's answers for the same organ and date,
 * that every code is shown by its label, and that no view renders nothing.
 * Screenshots go to test-artifacts/browser/; the paint times are printed.
 */

/** The history's size: 3 000 events by default; AUXLEDGER_DASHBOARD_EVENTS=100000 (and a larger headcount) measures the paint at the region's scale. */
const EVENTS = Number(process.env['AUXLEDGER_DASHBOARD_EVENTS'] ?? 3000);
const HEADCOUNT = Number(process.env['AUXLEDGER_DASHBOARD_HEADCOUNT'] ?? 90);
const DATE = '2025-12-31';
const EARLIER = '2025-06-30';
/** A 盟市 with auxiliaries at this size (the generator staffs the counties in file order). */
const CITY = 'chifeng';


type Bilingual = { zh: string; en: string };
type Catalog = { labels: Record<string, Record<string, Bilingual>>; findingKinds: Record<string, { label: Bilingual; citation: Bilingual }> };
type Organ = { organ_id: string; parent_id: string | null; name: string; path: string };

describeInChromium('the dashboard in chromium', () => {
  let deployment: Deployment | undefined;
  let base = '';
  let viewerKey = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let catalog: Catalog;
  let organs: Organ[];
  const timings: string[] = [];
  /** Every API query the page made. */
  const asked = new Set<string>();

  const get = async <T>(path: string, key = viewerKey): Promise<T> => {
    const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${key}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    // A small region, as `npm run demo` makes the big one: through the command path, with its local measures.
    deployment = await startDeployment({ history: { events: EVENTS, headcount: HEADCOUNT, seed: 5 } });
    base = deployment.base;
    viewerKey = await deployment.key('viewer');
    catalog = await get<Catalog>('/api/catalog');
    organs = (await get<{ organs: Organ[] }>('/api/organs')).organs;
    ({ context, page } = await launchChromium(deployment.dir));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) asked.add(`${request.method()} ${url.pathname}${url.search}`);
    });
  }, 240_000 + EVENTS * 20); // generating and projecting the history: about 2 ms an event on two loaded cores, 20 allowed

  afterAll(async () => {
    await context?.close();
    await deployment?.stop();
    if (timings.length) process.stdout.write(`\ndashboard timings (${EVENTS} events, headcount ${HEADCOUNT}, chromium headless):\n${timings.map((t) => `  ${t}`).join('\n')}\n`);
  });

  /**
   * Waits until every card of the view has the answer for this date, checked on every animation frame; returns
   * the page's clock (ms since its navigation started) at the first frame that showed it.
   */
  const loaded = async (view: string, asOf: string): Promise<number> => {
    const shown = await page.waitForFunction(
      ([v, d]) => {
        const root = document.querySelector(`[data-testid="view-${v}"]`);
        const cards = root ? [...root.querySelectorAll('[data-testid^="card-"]')] : [];
        return cards.length > 0 && cards.every((c) => c.getAttribute('data-loaded') === 'true' && c.getAttribute('data-asof') === d) && performance.now();
      },
      [view, asOf] as const,
      { timeout: 20_000, polling: 'raf' },
    );
    const at = (await shown.jsonValue()) as number;
    // Charts draw on the next frame, and settle after their 300 ms transition (for the numbers and the screenshots).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForTimeout(400);
    return at;
  };
  const statValue = async (id: string) =>
    Number(((await page.locator(`[data-testid="stat-${id}"] .ant-statistic-content-value`).innerText()) || '').replace(/[^\d-]/g, ''));
  /** The view-data table of a card, as { rowKey: { column: text } }. */
  const table = async (card: string): Promise<Record<string, Record<string, string>>> => {
    const open = page.locator(`[data-testid="table-${card}"]`);
    if ((await open.count()) === 0) await page.click(`[data-testid="view-data-${card}"]`);
    await open.waitFor();
    return open.evaluate((el) =>
      Object.fromEntries(
        [...el.querySelectorAll('tr[data-row-key]')].map((tr) => [
          tr.getAttribute('data-row-key') as string,
          Object.fromEntries([...tr.querySelectorAll('[data-col]')].map((c) => [c.getAttribute('data-col') as string, (c as HTMLElement).innerText])),
        ]),
      ),
    );
  };
  const num = (text: string | undefined) => Number((text ?? '').replace(/[^\d-]/g, ''));
  /** No code the catalog has words for is on the page as itself; the page is not blank. */
  const showsLabelsNotCodes = async (view: string) => {
    const text = await page.locator(`[data-testid="view-${view}"]`).innerText();
    expect(text.trim().length).toBeGreaterThan(0);
    const codes = [
      ...['rosterStatus', 'category', 'organLevel', 'departureReason', 'planStatus', 'sanction', 'applicationStage'].flatMap((t) => Object.keys(catalog.labels[t] ?? {})),
      ...Object.keys(catalog.findingKinds),
    ];
    expect(codes.filter((code) => new RegExp(`\\b${code}\\b`).test(text))).toEqual([]);
    const canvases = await page
      .locator(`[data-testid="view-${view}"] canvas`)
      .evaluateAll((els) => els.filter((c) => (c as HTMLCanvasElement).width > 0).length);
    expect(canvases).toBeGreaterThan(0);
  };
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const rolledUp = (organId: string, valueOf: (o: Organ) => number) => {
    const self = organs.find((o) => o.organ_id === organId) as Organ;
    const out: Record<string, number> = {};
    for (const child of organs.filter((o) => o.parent_id === organId)) {
      out[child.organ_id] = organs.filter((o) => o.path.startsWith(child.path)).reduce((n, o) => n + valueOf(o), 0);
    }
    const own = valueOf(self);
    if (own !== 0) out[organId] = own;
    return out;
  };
  const pickDate = async (date: string) => {
    const input = page.locator('[data-testid="as-of"] input');
    await input.click();
    await input.fill(date);
    // The page's clock when the date is committed (Enter), for the change-of-date time.
    await page.evaluate(() =>
      document.addEventListener('keydown', (e) => e.key === 'Enter' && ((window as unknown as { committedAt: number }).committedAt = performance.now()), {
        capture: true,
        once: true,
      }),
    );
    await input.press('Enter');
    return page.evaluate(() => (window as unknown as { committedAt: number }).committedAt);
  };

  it('signs in with a viewer key; the region in Chinese by default, as of today', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="api-key"]').fill('axl_wrong_key');
    await page.click('[data-testid="sign-in-submit"]');
    await page.locator('.ant-alert-error').waitFor();
    await page.locator('[data-testid="api-key"]').fill(viewerKey);
    await page.click('[data-testid="sign-in-submit"]');
    await page.locator('[data-testid="view-overview"]').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('auxledger.apiKey'))).toBe(viewerKey);
    expect(await page.locator('[data-testid="page-title"]').innerText()).toContain('内蒙古自治区公安厅');
  });

  it('headcount: the region on a date — first meaningful paint, the numbers the API answers, labels not codes', async () => {
    await page.goto(`${base}/#/overview?asOf=${DATE}`);
    // A fresh load of the page (the key in session storage): from the navigation's start to the frame with every chart's data.
    await page.reload();
    const paint = await loaded('overview', DATE);
    timings.push(
      `first meaningful paint, region headcount as of ${DATE}: ${Math.round(paint)} ms from navigation start (HTML, scripts, the view's queries, every chart drawn)`,
    );
    const roster = await get<{ counts: { total: number; byStatus: Record<string, number>; byCategory: Record<string, number> } }>(
      `/api/roster?organ=nmg&subtree=true&asOf=${DATE}`,
    );
    expect(roster.counts.total).toBeGreaterThan(0);
    expect(await statValue('total')).toBe(roster.counts.total);
    expect(await statValue('in-service')).toBe(roster.counts.total - (roster.counts.byStatus['DEPARTED'] ?? 0));
    const byStatus = await table('by-status');
    expect(Object.fromEntries(Object.entries(byStatus).map(([code, row]) => [code, num(row['count'])]))).toEqual(roster.counts.byStatus);
    for (const [code, row] of Object.entries(byStatus)) expect(row['label']).toBe(catalog.labels['rosterStatus']?.[code]?.zh);
    const byCategory = await table('by-category');
    expect(Object.fromEntries(Object.entries(byCategory).map(([code, row]) => [code, num(row['count'])]))).toEqual(roster.counts.byCategory);
    const series = await get<{ points: Array<{ month: string; inService: number; departuresByReason: Record<string, number>; sanctionsByKind: Record<string, number> }> }>(
      `/api/headcount-series?organ=nmg&subtree=true&asOf=${DATE}&months=24`,
    );
    const shown = await table('series');
    expect(Object.fromEntries(Object.entries(shown).map(([month, row]) => [month, num(row['inService'])]))).toEqual(
      Object.fromEntries(series.points.map((p) => [p.month, p.inService])),
    );
    const departures: Record<string, number> = {};
    for (const p of series.points) for (const [reason, n] of Object.entries(p.departuresByReason)) departures[reason] = (departures[reason] ?? 0) + n;
    const shownDepartures = await table('departures');
    expect(Object.fromEntries(Object.entries(shownDepartures).map(([reason, row]) => [reason, num(row['count'])]))).toEqual(departures);
    // Sanctions (Art. 42) by kind over the same months, labelled from the catalog.
    const sanctions: Record<string, number> = {};
    for (const p of series.points) for (const [kind, n] of Object.entries(p.sanctionsByKind)) sanctions[kind] = (sanctions[kind] ?? 0) + n;
    const shownSanctions = await table('sanctions');
    expect(Object.fromEntries(Object.entries(shownSanctions).map(([kind, row]) => [kind, num(row['count'])]))).toEqual(sanctions);
    for (const [kind, row] of Object.entries(shownSanctions)) expect(row['label']).toBe(catalog.labels['sanction']?.[kind]?.zh);
    for (const [reason, row] of Object.entries(shownDepartures)) expect(row['label']).toBe(catalog.labels['departureReason']?.[reason]?.zh);
    await showsLabelsNotCodes('overview');
    await shot('overview-region');
  }, 60_000);

  it('changing the date repaints with the answers for the new date', async () => {
    const before = await pickDate(EARLIER);
    const after = await loaded('overview', EARLIER);
    timings.push(
      `change of date ${DATE} → ${EARLIER} (region headcount): ${Math.round(after - before)} ms from the date committed (Enter) to the frame with every chart's new data`,
    );
    const roster = await get<{ counts: { total: number; byStatus: Record<string, number> } }>(`/api/roster?organ=nmg&subtree=true&asOf=${EARLIER}`);
    expect(await statValue('total')).toBe(roster.counts.total);
    const byStatus = await table('by-status');
    expect(Object.fromEntries(Object.entries(byStatus).map(([code, row]) => [code, num(row['count'])]))).toEqual(roster.counts.byStatus);
    expect(page.url()).toContain(`asOf=${EARLIER}`);
  }, 30_000);

  it('changing the organ in the tree: a city and its subtree', async () => {
    const city = organs.find((o) => o.organ_id === CITY) as Organ;
    await page.click('[data-testid="organ-picker"] .ant-select');
    await page.keyboard.type(city.name);
    await page.locator(`.ant-select-tree-node-content-wrapper[title="${city.name}"]`).first().click();
    await page.keyboard.press('Escape');
    await page.waitForFunction((name) => document.querySelector('[data-testid="page-title"]')?.textContent?.includes(name), city.name);
    await loaded('overview', EARLIER);
    const roster = await get<{ counts: { total: number; byStatus: Record<string, number> } }>(`/api/roster?organ=${CITY}&subtree=true&asOf=${EARLIER}`);
    expect(roster.counts.total).toBeGreaterThan(0);
    expect(await statValue('total')).toBe(roster.counts.total);
    const byStatus = await table('by-status');
    expect(Object.fromEntries(Object.entries(byStatus).map(([code, row]) => [code, num(row['count'])]))).toEqual(roster.counts.byStatus);
    expect(page.url()).toContain(`organ=${CITY}`);
    await shot('overview-city');
  }, 30_000);

  it('quota: each organ below the region, rolled up, equal to the API; totals; over quota marked', async () => {
    await page.goto(`${base}/#/quota?organ=nmg&asOf=${DATE}`);
    await loaded('quota', DATE);
    const quota = await get<{
      organs: Array<{ organ_id: string; quota: number | null; active_headcount: number }>;
      total: { quota: number; active_headcount: number; headroom: number };
    }>(`/api/quota?organ=nmg&subtree=true&asOf=${DATE}`);
    expect(await statValue('totalQuota')).toBe(quota.total.quota);
    expect(await statValue('totalUsed')).toBe(quota.total.active_headcount);
    expect(await statValue('totalHeadroom')).toBe(quota.total.headroom);
    const entry = new Map(quota.organs.map((e) => [e.organ_id, e]));
    const used = rolledUp('nmg', (o) => entry.get(o.organ_id)?.active_headcount ?? 0);
    const limit = rolledUp('nmg', (o) => entry.get(o.organ_id)?.quota ?? 0);
    const rows = await table('quota');
    expect(Object.keys(rows).length).toBeGreaterThan(0);
    for (const [organId, row] of Object.entries(rows)) {
      expect([organId, num(row['used']), num(row['quota'])]).toEqual([organId, used[organId], limit[organId]]);
      expect(row['organ']).toBe(organs.find((o) => o.organ_id === organId)?.name);
      // Over quota (in use above the quota) is said in words beside the rate, and only then.
      expect([organId, (row['rate'] ?? '').includes('超额')]).toEqual([organId, (limit[organId] ?? 0) > 0 && (used[organId] ?? 0) > (limit[organId] ?? 0)]);
    }
    const order = Object.values(rows).map((r) => num(r['used']));
    expect(order).toEqual([...order].sort((a, b) => b - a));
    await showsLabelsNotCodes('quota');
    await shot('quota-region');
  }, 30_000);

  it('supervision: findings by kind with their article, by organ, equal to the API', async () => {
    await page.click('[data-testid="nav-supervision"]');
    await loaded('supervision', DATE);
    const answer = await get<{ counts: { total: number; byKind: Record<string, number>; byOrgan: Record<string, number> } }>(
      `/api/supervision?organ=nmg&subtree=true&asOf=${DATE}`,
    );
    expect(answer.counts.total).toBeGreaterThan(0);
    expect(await statValue('findings')).toBe(answer.counts.total);
    const byKind = await table('findings-by-kind');
    expect(Object.fromEntries(Object.entries(byKind).map(([kind, row]) => [kind, num(row['count'])]))).toEqual(answer.counts.byKind);
    for (const [kind, row] of Object.entries(byKind)) {
      expect(row['label']).toBe(catalog.findingKinds[kind]?.label.zh);
      expect(row['article']).toBe(catalog.findingKinds[kind]?.citation.zh);
    }
    const byOrgan = await table('findings-by-organ');
    const expected = Object.fromEntries(Object.entries(rolledUp('nmg', (o) => answer.counts.byOrgan[o.organ_id] ?? 0)).filter(([, n]) => n > 0));
    expect(Object.fromEntries(Object.entries(byOrgan).map(([organId, row]) => [organId, num(row['count'])]))).toEqual(expected);
    const compliance = await get<{ rates: Array<{ kind: string; people: number; compliant: number; rate: number | null }> }>(
      `/api/compliance?organ=nmg&subtree=true&asOf=${DATE}`,
    );
    const rates = await table('compliance');
    expect(Object.fromEntries(Object.entries(rates).map(([kind, row]) => [kind, [num(row['people']), num(row['compliant']), row['percent']]]))).toEqual(
      Object.fromEntries(compliance.rates.map((r) => [r.kind, [r.people, r.compliant, r.rate === null ? '—' : `${Math.round(r.rate * 1000) / 10}%`]])),
    );
    // Ageing: per kind, the buckets and the oldest, as the API counts them.
    const ageing = await table('findings-ageing');
    const buckets = ['0-30', '31-90', '91-180', '181-365', '366+'];
    const ages = (answer.counts as unknown as { byKindAge: Record<string, Record<string, number>>; oldestDays: Record<string, number> });
    expect(Object.fromEntries(Object.entries(ageing).map(([kind, row]) => [kind, [...buckets.map((b) => num(row[b])), num(row['oldest'])]]))).toEqual(
      Object.fromEntries(Object.entries(ages.byKindAge).map(([kind, b]) => [kind, [...buckets.map((k) => b[k] ?? 0), ages.oldestDays[kind] ?? 0]])),
    );
    // A viewer sees counts, never the people: no findings list.
    expect(await page.locator('[data-testid="findings-list"] table').count()).toBe(0);
    await showsLabelsNotCodes('supervision');
    await shot('supervision-region');
  }, 30_000);

  it('recruitment: plans by state, equal to the API', async () => {
    await page.click('[data-testid="nav-recruitment"]');
    await loaded('recruitment', DATE);
    const answer = await get<{ plans: Array<{ status: string; openings_total: number }> }>(`/api/recruitment-plans?organ=nmg&subtree=true&asOf=${DATE}`);
    const expected: Record<string, number> = {};
    for (const p of answer.plans) expected[p.status] = (expected[p.status] ?? 0) + 1;
    const rows = await table('plans-by-status');
    expect(Object.fromEntries(Object.entries(rows).map(([status, row]) => [status, num(row['plans'])]))).toEqual(expected);
    for (const [status, row] of Object.entries(rows)) expect(row['label']).toBe(catalog.labels['planStatus']?.[status]?.zh);
    // The Art. 20 funnel: each step's passed and ended-there counts, as the API's applications count them.
    const applications = await get<{ counts: { funnel: Array<{ step: string; reached: number; endedHere: number }> } }>(`/api/applications?organ=nmg&subtree=true&asOf=${DATE}`);
    expect(applications.counts.funnel[0]?.reached).toBeGreaterThan(0);
    const funnel = await table('funnel');
    expect(Object.fromEntries(Object.entries(funnel).map(([step, row]) => [step, [num(row['reached']), num(row['endedHere'])]]))).toEqual(
      Object.fromEntries(applications.counts.funnel.map((f) => [f.step, [f.reached, f.endedHere]])),
    );
    for (const [step, row] of Object.entries(funnel)) expect(row['label']).toBe(catalog.labels['applicationStage']?.[step]?.zh);
    await showsLabelsNotCodes('recruitment');
    await shot('recruitment-region');
  }, 30_000);

  it('in English: the labels are the catalog’s English words', async () => {
    await page.click('[data-testid="nav-overview"]');
    await page.locator('[data-testid="language"]').getByText('English').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await loaded('overview', DATE);
    const byStatus = await table('by-status');
    for (const [code, row] of Object.entries(byStatus)) expect(row['label']).toBe(catalog.labels['rosterStatus']?.[code]?.en);
    expect(await page.locator('[data-testid="page-title"]').innerText()).toContain('Headcount');
    await showsLabelsNotCodes('overview');
    await shot('overview-region-en');
  }, 30_000);

  it('every query the page made is an operation of the OpenAPI document, with parameters it declares', async () => {
    type Operation = { parameters?: Array<{ name: string; in: string }> };
    const doc = (await (await fetch(`${base}/api/docs-json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    expect(asked.size).toBeGreaterThan(5);
    for (const request of asked) {
      const [method, target] = request.split(' ') as [string, string];
      const url = new URL(target, base);
      const operation = doc.paths[url.pathname]?.[method.toLowerCase()];
      expect([request, operation !== undefined]).toEqual([request, true]);
      const declared = new Set((operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      expect([request, [...url.searchParams.keys()].filter((name) => !declared.has(name))]).toEqual([request, []]);
    }
  });
});
