import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, type Deployment, describeInChromium, launchChromium, screenshot, signIn, startDeployment } from './harness';

/**
 * The command forms in a real browser, against the real API on a generated region: an operator of one organ opens
 * "assign a duty" for a civilian auxiliary from an address (as a person's file links to it), picks a duty with the
 * keyboard, dry-runs it — the refusal is shown whole, every violated rule and its article as the API answers the same
 * body, the article's words on hover, and nothing is recorded — then sends it and the refusal is recorded once.
 * A viewer sees no form; Tab reaches every field of a form, and the focused one is visibly marked.
 */

type Violation = { ruleId: string; citation: { law: string; revision: string; article: number; paragraph?: number; item?: number }; citationText: { zh: string; en: string } };
type RosterEntry = { auxiliary_id: string; using_organ_id: string; category: string };

describeInChromium('the command forms in chromium', () => {
  let deployment: Deployment | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let operatorKey = '';
  let viewerKey = '';
  let civilian: RosterEntry;
  const sent: Array<{ url: string; body: Record<string, unknown> }> = [];

  /** The log's head now: a checkpoint signed on demand covers every event recorded so far. */
  const head = async () => {
    const signed = await deployment!.post<{ treeSize: number }>('/api/log/checkpoints', {});
    if (signed.status !== 201) throw new Error(`signing a checkpoint: ${signed.status}`);
    return signed.body.treeSize;
  };
  const citationRef = (c: Violation['citation']) => `${c.law}@${c.revision}:${c.article}${c.paragraph !== undefined ? `.${c.paragraph}` : ''}${c.item !== undefined ? `.${c.item}` : ''}`;

  beforeAll(async () => {
    deployment = await startDeployment({ history: { events: 1500, headcount: 60, seed: 5 } });
    const roster = await deployment.get<{ entries: RosterEntry[] }>('/api/roster?organ=nmg&subtree=true&status=ACTIVE&category=CIVILIAN&limit=5');
    civilian = roster.entries[0] as RosterEntry;
    expect(civilian).toBeDefined();
    operatorKey = await deployment.key('operator', [civilian.using_organ_id]);
    viewerKey = await deployment.key('viewer');
    ({ context, page } = await launchChromium(deployment.dir));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'POST' && url.pathname.startsWith('/api/commands/')) sent.push({ url: `${url.pathname}${url.search}`, body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown> });
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await deployment?.stop();
  });

  it('a refused dry run shows every violated rule with its article as the API answers it, the article’s words on hover, and records nothing; sending records the refusal once', async () => {
    await signIn(page, deployment!.base, operatorKey, `#/commands?command=assign-duty&auxiliaryId=${civilian.auxiliary_id}&assignmentId=asg-browser-1`);
    const form = page.locator('[data-testid="command-form"][data-command="assign-duty"]');
    await form.waitFor();
    expect(await page.inputValue('#command-assign-duty_auxiliaryId')).toBe(civilian.auxiliary_id);
    // The command is shown chosen in its group, open in the menu.
    expect(await page.locator('[data-testid="command-menu"] .ant-menu-item-selected').isVisible()).toBe(true);
    // A duty picked by typing its code: an enforcement duty, high-risk, for a civilian with no leading officer.
    await page.click('#command-assign-duty_dutyCodes');
    await page.keyboard.type('ENF_TRAFFIC');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const commandId = await page.inputValue('[data-testid="command-id"]');
    expect(commandId).toMatch(/^[0-9a-f-]{36}$/);

    const before = await head();
    const dryAnswer = page.waitForResponse((r) => r.url().includes('/api/commands/assign-duty?dryRun=true'));
    await page.click('[data-testid="dry-run"]');
    expect((await dryAnswer).status()).toBe(422);
    await page.locator('[data-testid="refusal"]').waitFor();
    expect(await head()).toBe(before);
    expect((await deployment!.get<{ events: unknown[] }>(`/api/streams/command-${commandId}/events`).catch(() => ({ events: [] }))).events).toEqual([]);

    const dry = sent.at(-1);
    expect(dry?.url).toBe('/api/commands/assign-duty?dryRun=true');
    expect(dry?.body).toMatchObject({ commandId, auxiliaryId: civilian.auxiliary_id, assignmentId: 'asg-browser-1', dutyCodes: ['ENF_TRAFFIC'] });
    // The API's answer to the same body: the page shows each of its violations, in order, with the article in Chinese.
    const answer = await deployment!.post<{ error: { details: { violations: Violation[] } } }>('/api/commands/assign-duty?dryRun=true', dry?.body, operatorKey);
    expect(answer.status).toBe(422);
    const expected = answer.body.error.details.violations;
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const shown = await page.$$eval('[data-testid="violation"]', (items) =>
      items.map((li) => ({ rule: li.getAttribute('data-rule'), citations: [...li.querySelectorAll('[data-testid="citation"]')].map((c) => ({ ref: c.getAttribute('data-citation'), text: c.textContent })) })),
    );
    expect(shown.map((s) => s.rule)).toEqual(expected.map((v) => v.ruleId));
    for (const [i, v] of expected.entries()) expect(shown[i]?.citations[0]).toEqual({ ref: citationRef(v.citation), text: v.citationText.zh });
    const observed = await page.$$eval('[data-testid="observed"]', (els) => els.map((e) => e.textContent));
    expect(observed).toHaveLength(expected.length);

    // The article's words on hover, as the statute library embeds them.
    const first = expected[0] as Violation;
    const words = await deployment!.get<{ text: string }>(`/api/catalog/commands/cited-text?citation=${encodeURIComponent(citationRef(first.citation))}`, operatorKey);
    expect(words.text.length).toBeGreaterThan(5);
    await page.locator('[data-testid="violation"]').first().locator('[data-testid="citation"]').first().hover();
    const popover = page.locator('.ant-popover:visible [data-testid="cited-text"]');
    await popover.waitFor();
    expect((await popover.textContent())?.trim()).toBe(words.text.trim());
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-refusal-article.png') });
    await screenshot(page, 'workbench-refusal');
    await page.mouse.move(0, 0);

    // Sending for real: the same refusal, recorded once (the refusal's record), and the form draws a new id for the corrected try.
    const realAnswer = page.waitForResponse((r) => r.url().endsWith('/api/commands/assign-duty'));
    await page.click('[data-testid="send"]');
    expect((await realAnswer).status()).toBe(422);
    await page.locator('[data-testid="refusal"]').waitFor();
    const real = sent.at(-1);
    expect(real?.url).toBe('/api/commands/assign-duty');
    expect(real?.body['commandId']).toBe(commandId);
    expect(await page.$$eval('[data-testid="violation"]', (items) => items.map((li) => li.getAttribute('data-rule')))).toEqual(expected.map((v) => v.ruleId));
    expect(await head()).toBe(before + 1);
    expect(await page.inputValue('[data-testid="command-id"]')).not.toBe(commandId);

    // In English, the citations are rendered in English.
    await page.locator('[data-testid="language"]').getByText('English', { exact: true }).click();
    await page.waitForFunction((en) => document.querySelector('[data-testid="citation"]')?.textContent === en, expected[0]?.citationText.en);
    await page.locator('[data-testid="language"]').getByText('中文', { exact: true }).click();
    await page.waitForFunction((zh) => document.querySelector('[data-testid="citation"]')?.textContent === zh, expected[0]?.citationText.zh);
  }, 120_000);

  it('an accepted dry run lists the events it would write and records nothing; a double click on send records the command once, then a new command id', async () => {
    await page.goto(`${deployment!.base}/#/commands?command=enrol-insurance&auxiliaryId=${civilian.auxiliary_id}&reference=policy-browser-1`);
    await page.locator('[data-testid="command-form"][data-command="enrol-insurance"]').waitFor();
    await page.click('#command-enrol-insurance_kinds');
    await page.keyboard.type('PERSONAL_ACCIDENT');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const commandId = await page.inputValue('[data-testid="command-id"]');
    const before = await head();
    await page.click('[data-testid="dry-run"]');
    const ok = page.locator('[data-testid="dry-run-ok"]');
    await ok.waitFor();
    const wouldWrite = await ok.locator('li').count();
    expect(wouldWrite).toBeGreaterThan(0);
    expect(await head()).toBe(before);

    const posts = () => sent.filter((r) => r.url === '/api/commands/enrol-insurance').length;
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/commands/enrol-insurance'));
    await page.dblclick('[data-testid="send"]');
    expect((await answer).status()).toBe(201);
    await page.locator('[data-testid="accepted"]').waitFor();
    await page.waitForTimeout(500);
    expect(posts()).toBe(1);
    expect(sent.at(-1)?.body).toMatchObject({ commandId, auxiliaryId: civilian.auxiliary_id, kinds: ['PERSONAL_ACCIDENT'], reference: 'policy-browser-1' });
    expect(await page.locator('[data-testid="accepted"] li').count()).toBe(wouldWrite);
    // The events and the command id's claim, once.
    expect(await head()).toBe(before + wouldWrite + 1);
    expect(await page.inputValue('[data-testid="command-id"]')).not.toBe(commandId);
    // The same id sent again (a retry after a lost answer) replays: nothing more is recorded.
    const retry = await deployment!.post<{ replayed: boolean }>('/api/commands/enrol-insurance', sent.at(-1)?.body, operatorKey);
    expect(retry.body.replayed).toBe(true);
    expect(await head()).toBe(before + wouldWrite + 1);
  }, 120_000);

  it('Tab reaches every field of the form, and the focused control is visibly marked', async () => {
    await page.goto(`${deployment!.base}/#/commands?command=hire`);
    await page.locator('[data-testid="command-form"][data-command="hire"]').waitFor();
    // The search narrows the menu to the commands whose name holds the words.
    await page.fill('input[placeholder^="搜索事项"]', '聘用');
    const found = await page.locator('[data-testid="command-menu"] .ant-menu-item').allTextContents();
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((text) => !text.includes('聘用'))).toEqual([]);
    await page.fill('input[placeholder^="搜索事项"]', '');
    const fields = await page.$$eval('[data-testid="command-form"] form [id^="command-hire_"]', (els) => els.map((e) => e.id));
    expect(fields.length).toBeGreaterThan(10);
    await page.focus('[data-testid="command-id"]');
    const reached = new Set<string>();
    const unmarked: string[] = [];
    for (let i = 0; i < 120 && reached.size < fields.length; i += 1) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return null;
        // The mark is on the control or the antd wrapper that draws it (select, picker, number input, switch).
        const marked = (e: Element | null) => {
          if (!e) return false;
          const s = getComputedStyle(e);
          return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none';
        };
        const wrapper = el.closest('.ant-select, .ant-picker, .ant-input-number, .ant-input-affix-wrapper, .ant-switch, .ant-btn, .ant-input');
        return { id: el.id, marked: marked(el) || marked(wrapper) };
      });
      if (focus?.id && fields.includes(focus.id)) {
        reached.add(focus.id);
        if (!focus.marked) unmarked.push(focus.id);
      }
    }
    expect(fields.filter((f) => !reached.has(f))).toEqual([]);
    expect(unmarked).toEqual([]);
  }, 120_000);

  it('a viewer sees no form: no commands page in the menu, and its address shows none', async () => {
    const { context: other, page: viewer } = await launchChromium(deployment!.dir);
    try {
      await signIn(viewer, deployment!.base, viewerKey, '#/commands?command=hire');
      await viewer.waitForTimeout(1500);
      expect(await viewer.locator('[data-testid="command-form"]').count()).toBe(0);
      expect(await viewer.locator('.ant-layout-sider .ant-menu-item', { hasText: '办理事项' }).count()).toBe(0);
      // The same page for an operator lists it (the check above can fail).
      expect(await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '办理事项' }).count()).toBe(1);
    } finally {
      await other.close();
    }
  }, 60_000);
});
