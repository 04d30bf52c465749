import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_KEY, type Deployment, ROOT, describeInChromium, launchChromium, screenshot, signIn, startDeployment } from './harness';

/**
 * The admin's and the auditor's pages on a fresh deployment (an empty database): the admin signs in, is led to the
 * first start, loads the region's organ file (shared/data/inner-mongolia-organs.json) with a quota for every county,
 * and finds the organs with their quotas as the API answers them; makes an operator key, shown once, that then signs
 * in; the last admin key is not revoked (its 409 shown). An auditor reads the audit trail as GET /api/audit answers
 * it; a viewer sees no admin or audit page.
 */
const REGION_FILE = join(ROOT, '..', 'shared', 'data', 'inner-mongolia-organs.json');
const shot = (page: Page, n: number, name: string) => screenshot(page, `workbench-admin-audit-${String(n).padStart(2, '0')}-${name}`);

interface Organ {
  organ_id: string;
  name: string;
}
interface QuotaEntry {
  organ_id: string;
  quota: number | null;
}

describeInChromium('admin and audit pages: first start from the region file, keys, the audit trail, a viewer kept out', () => {
  let deployment: Deployment;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    deployment = await startDeployment();
    ({ context, page } = await launchChromium(deployment.dir));
    // A shared, loaded machine: a page may take longer than playwright's 30 s to start.
    context.setDefaultTimeout(90_000);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await deployment?.stop();
  });

  it('an admin on an empty deployment is led to the first start, loads the region file, and sees every organ with the quota the API answers', async () => {
    expect((await deployment.get<{ organs: Organ[] }>('/api/organs')).organs).toHaveLength(0);
    await signIn(page, deployment.base, ADMIN_KEY);
    await page.waitForSelector('[data-testid="page-first-start"]');
    await shot(page, 1, 'first-start-empty');

    await page.setInputFiles('[data-testid="page-first-start"] input[type=file]', REGION_FILE);
    await page.waitForSelector('[data-testid="organs-file-name"]');
    await page.fill('#init_quota', '20');
    await page.click('[data-testid="init-preview"]');
    // A quota without its document is refused by the form before anything is sent.
    await page.waitForSelector('#init_quotaDocument_help');
    await page.fill('#init_quotaDocument', '内公辅额〔2026〕1号');
    await page.click('[data-testid="init-preview"]');
    await page.waitForSelector('[data-testid="init-plan"]');
    expect(await page.textContent('[data-testid="plan-organs"]')).toBe('116');
    expect(await page.textContent('[data-testid="plan-quotas"]')).toBe('103');
    expect(await page.textContent('[data-testid="plan-tree"]')).toContain('内蒙古自治区公安厅');
    // The preview recorded nothing.
    expect((await deployment.get<{ organs: Organ[] }>('/api/organs')).organs).toHaveLength(0);
    await shot(page, 2, 'first-start-preview');

    await page.click('[data-testid="init-run"]');
    await page.waitForSelector('[data-testid="init-done"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="init-done"]')).toContain('新登记机关 116 个，此前已登记 0 个；新设定额度 103 个');
    await shot(page, 3, 'first-start-done');

    await page.click('[data-testid="init-to-organs"]');
    await page.waitForSelector('[data-testid="page-organs"] tr[data-organ="hohhot-01"]');
    const organs = (await deployment.get<{ organs: Organ[] }>('/api/organs')).organs;
    const quota = await deployment.get<{ organs: QuotaEntry[]; total: { quota: number } }>('/api/quota?organ=nmg');
    expect(organs).toHaveLength(116);
    expect(quota.total.quota).toBe(20 * 103);
    // Every organ of the API is a row of the page, with the quota the API answers.
    const shown = await page.$$eval('[data-testid="page-organs"] tr[data-organ]', (rows) =>
      rows.map((r) => ({ id: r.getAttribute('data-organ'), quota: r.querySelector('[data-testid="quota-cell"]')?.textContent ?? null })),
    );
    const byId = new Map(quota.organs.map((e) => [e.organ_id, e.quota]));
    expect(shown.map((r) => r.id).sort()).toEqual(organs.map((o) => o.organ_id).sort());
    for (const row of shown) expect([row.id, row.quota === null ? null : Number(row.quota.replace(/,/g, ''))]).toEqual([row.id, byId.get(row.id as string) ?? null]);
    await shot(page, 4, 'organs');
  }, 300_000);

  it('an admin sets a quota through the organs page; a refused one shows its message', async () => {
    await page.click('[data-testid="set-quota-hohhot"]');
    await page.waitForSelector('[data-testid="form-quota"]');
    const commandId = await page.textContent('[data-testid="command-id"]');
    expect(commandId).toMatch(/^[0-9a-f-]{36}$/);
    await page.fill('#quota_headcount', '300');
    await page.fill('#quota_documentRef', '内公辅额〔2026〕2号');
    await page.click('[data-testid="command-dry-run"]');
    await page.waitForSelector('[data-testid="command-dry-ok"]');
    await page.click('[data-testid="command-send"]');
    await page.waitForSelector('[data-testid="command-recorded"]');
    const quota = await deployment.get<{ organs: QuotaEntry[] }>('/api/quota?organ=hohhot&subtree=false');
    expect(quota.organs.find((e) => e.organ_id === 'hohhot')?.quota).toBe(300);
    // The form's next command has a new id.
    expect(await page.textContent('[data-testid="command-id"]')).not.toBe(commandId);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="page-organs"] tr[data-organ="hohhot"] [data-testid="quota-cell"]');
    expect(await page.textContent('[data-testid="page-organs"] tr[data-organ="hohhot"] [data-testid="quota-cell"]')).toBe('300');

    // An organ id taken already: refused, the API's message shown.
    await page.click('[data-testid="register-under-hohhot"]');
    await page.fill('#register_organId', 'hohhot-01');
    await page.fill('#register_name', '重复的分局');
    await page.click('[data-testid="command-send"]');
    await page.waitForSelector('[data-testid="command-problem"]');
    expect(await page.textContent('[data-testid="command-problem"]')).toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 5, 'organ-refused');
    await page.keyboard.press('Escape');
  }, 240_000);

  it('an operator key is created with its organ, shown once, and signs in; the last admin key is not revoked', async () => {
    await page.click('[data-testid="nav-keys"]');
    await page.waitForSelector('[data-testid="page-keys"]');
    await page.fill('#key_name', '呼和浩特市公安局 政工室');
    await page.click('#key_organIds');
    await page.fill('#key_organIds', '呼和浩特市公安局');
    await page.click('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper[title="呼和浩特市公安局"]');
    await page.keyboard.press('Escape');
    await page.click('[data-testid="key-create"]');
    await page.waitForSelector('[data-testid="new-key"]');
    const key = await page.inputValue('[data-testid="new-key"]');
    expect(key).toMatch(/^axl_/);
    await shot(page, 6, 'key-created');
    await page.click('[data-testid="key-close"]');
    await page.waitForSelector('[data-testid="new-key"]', { state: 'detached' });
    // Shown once: nowhere on the page any more, and the list never has it.
    expect(await page.content()).not.toContain(key);
    const listed = await deployment.get<Array<{ name: string; role: string; organIds: string[] }>>('/api/keys');
    expect(listed.find((k) => k.name === '呼和浩特市公安局 政工室')).toMatchObject({ role: 'operator', organIds: ['hohhot'] });
    expect(JSON.stringify(listed)).not.toContain(key);
    await page.waitForSelector('[data-testid="keys-table"] >> text=呼和浩特市公安局 政工室');

    // The last admin key: the revocation is refused, and the page says why.
    await page.click('[data-testid="revoke-bootstrap-admin"]');
    await page.click('[data-testid="revoke-confirm"]');
    await page.waitForSelector('[data-testid="key-revoke-problem"]');
    expect(await page.textContent('[data-testid="key-revoke-problem"]')).toContain('LAST_ADMIN_KEY');
    await shot(page, 7, 'keys');
    // The same page in English.
    await page.click('[data-testid="language"] >> text=English');
    await page.waitForSelector('[data-testid="nav-keys"] >> text=API keys');
    expect(await page.textContent('[data-testid="page-keys"]')).toContain('Revoke');
    expect(await page.textContent('[data-testid="key-revoke-problem"]')).toContain('LAST_ADMIN_KEY');
    await shot(page, 8, 'keys-en');
    await page.click('[data-testid="language"] >> text=中文');
    await page.waitForSelector('[data-testid="nav-keys"] >> text=API 密钥');

    // The new key signs in (a tab of its own) as an operator of 呼和浩特市公安局: no admin page in its menu.
    const operator = await context.newPage();
    await signIn(operator, deployment.base, key);
    await operator.waitForSelector('[data-testid="nav-overview"]');
    expect(await operator.$('[data-testid="nav-keys"]')).toBeNull();
    expect(await deployment.get<{ role: string; organIds: string[] }>('/api/me', key)).toMatchObject({ role: 'operator', organIds: ['hohhot'] });
    await operator.close();
  }, 240_000);

  it('an auditor sees the audit trail, a stream and the verification state as the API answers them', async () => {
    const auditorKey = await deployment.key('auditor');
    const auditor = await context.newPage();
    auditor.on('pageerror', (error) => console.log(`auditor's page: ${error.message}`));
    await signIn(auditor, deployment.base, auditorKey, '#/audit-trail');
    await auditor.waitForSelector('[data-testid="page-audit-trail"] tr[data-position]');
    const api = await deployment.get<{ entries: Array<{ global_position: number; event_type: string }> }>('/api/audit?order=newest&limit=50', auditorKey);
    const rows = await auditor.$$eval('[data-testid="audit-table"] tr[data-position]', (trs) => trs.map((tr) => Number(tr.getAttribute('data-position'))));
    expect(api.entries.length).toBe(50);
    expect(rows).toEqual(api.entries.map((e) => e.global_position));
    expect(await auditor.textContent('[data-testid="audit-table"]')).toContain(api.entries[0]?.event_type as string);
    await shot(auditor, 9, 'audit-trail');

    // Only the refused commands (the organ registered twice above).
    await auditor.click('[data-testid="audit-outcome"]');
    await auditor.click('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="已拒绝"]');
    await auditor.click('[data-testid="audit-search"]');
    await auditor.waitForFunction(() => document.querySelector('[data-testid="audit-path"]')?.textContent?.includes('outcome=REFUSED'));
    const refused = await deployment.get<{ entries: Array<{ global_position: number }> }>('/api/audit?outcome=REFUSED&order=newest&limit=50', auditorKey);
    expect(refused.entries.length).toBeGreaterThan(0);
    await auditor.waitForFunction((n) => document.querySelectorAll('[data-testid="audit-table"] tr[data-position]').length === n, refused.entries.length);
    const refusedRows = await auditor.$$eval('[data-testid="audit-table"] tr[data-position]', (trs) => trs.map((tr) => Number(tr.getAttribute('data-position'))));
    expect(refusedRows).toEqual(refused.entries.map((e) => e.global_position));
    await shot(auditor, 10, 'audit-trail-refused');
    // No admin page for an auditor.
    expect(await auditor.$('[data-testid="nav-keys"]')).toBeNull();

    // The stream browser: the organ streams by prefix, one stream's events in order as the API answers them.
    await auditor.click('[data-testid="nav-stream"]');
    await auditor.waitForSelector('[data-testid="page-stream"]');
    await auditor.fill('[data-testid="stream-prefix"] input', 'organ-hohhot');
    await auditor.press('[data-testid="stream-prefix"] input', 'Enter');
    await auditor.click('[data-testid="open-organ-hohhot"]');
    await auditor.waitForSelector('[data-testid="stream-events"] tr[data-revision]');
    const stream = await deployment.get<{ events: Array<{ streamRevision: number; type: string; hash: string }> }>('/api/streams/organ-hohhot/events', auditorKey);
    expect(stream.events.map((e) => e.type)).toEqual(['OrganRegistered', 'QuotaSet']);
    await auditor.waitForFunction((n) => document.querySelectorAll('[data-testid="stream-events"] tr[data-revision]').length === n, stream.events.length);
    const revisions = await auditor.$$eval('[data-testid="stream-events"] tr[data-revision]', (trs) => trs.map((tr) => Number(tr.getAttribute('data-revision'))));
    expect(revisions).toEqual(stream.events.map((e) => e.streamRevision));
    const text = await auditor.textContent('[data-testid="stream-events"]');
    for (const e of stream.events) expect(text).toContain(e.type);
    await auditor.waitForSelector('[data-testid="chain-ok"]');
    await auditor.click('[data-testid="stream-events"] tr[data-revision="1"] .ant-table-row-expand-icon');
    await auditor.waitForSelector(`text=${stream.events[1]?.hash as string}`);
    await shot(auditor, 11, 'stream');

    // The verification state: never verified, then a run now — its figures as the API answers them.
    await auditor.click('[data-testid="nav-verification"]');
    await auditor.waitForSelector('[data-testid="page-verification"]');
    await auditor.click('[data-testid="verify-now"]');
    await auditor.waitForSelector('[data-testid="run-ok"]', { timeout: 60_000 });
    const state = await deployment.get<{ lastRun: { ok: boolean; eventsChecked: number } }>('/api/log/verification', auditorKey);
    expect(state.lastRun.ok).toBe(true);
    expect(Number((await auditor.textContent('[data-testid="events-checked"]'))?.replace(/,/g, ''))).toBe(state.lastRun.eventsChecked);
    await shot(auditor, 12, 'verification');
    await auditor.close();
  }, 300_000);

  it('a viewer sees no admin or audit page, not even by its address', async () => {
    const viewerKey = await deployment.key('viewer');
    const viewer = await context.newPage();
    await signIn(viewer, deployment.base, viewerKey, '#/keys');
    await viewer.waitForSelector('[data-testid="nav-overview"]');
    for (const nav of ['keys', 'organs', 'first-start', 'audit-trail', 'stream', 'verification']) expect(await viewer.$(`[data-testid="nav-${nav}"]`)).toBeNull();
    expect(await viewer.$('[data-testid="page-keys"]')).toBeNull();
    await viewer.goto(`${deployment.base}/#/first-start`);
    await viewer.waitForSelector('[data-testid="nav-overview"]');
    expect(await viewer.$('[data-testid="page-first-start"]')).toBeNull();
    await shot(viewer, 13, 'viewer');
    await viewer.close();
  }, 240_000);
});
