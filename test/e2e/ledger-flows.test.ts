// The ledger flows a village cadre and a resident really go through, in Chromium: a project
// with its 四议两公开 resolution, stages and disclosure; a resident's search on a phone and an
// amendment they can see; an import that refuses a bad row; and the village list measured on
// a throttled phone.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpoint } from '../../src/server/platform/audit/checkpoint.js';
import { seedDemoLedgers } from '../../src/server/seed/seed.js';
import { creditCodeCheckChar } from '../../src/shared/identifiers.js';
import { createTestContext, DEMO, DEMO_PASSWORD, type TestContext } from '../support/context.js';
import { launchChromium, serveApp } from '../support/browser.js';
import { box, pickDate, pickOption } from '../support/antd.js';

/** Chrome DevTools' "Fast 3G" preset. */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;
const RESULTS_FILE = new URL('../../bench/results/mobile-budget.json', import.meta.url);

const FIRST_17 = '91339901MA2H7Q3K0';
const CREDIT_CODE = FIRST_17 + creditCodeCheckChar(FIRST_17);
const CONTRACTOR = '清溪建设工程有限公司';

// A browser flow clicks through several pages; on a loaded 2-core machine it needs more than
// the default 30 s.
describe('ledger browser flows', { timeout: 120_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    await seedDemoLedgers(ctx.db);
    base = await serveApp(ctx);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  async function desktop(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { context, page };
  }

  async function logIn(page: Page, login: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(login);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('welcome-card').isVisible(), { timeout: 15_000 })
      .toBe(true);
  }

  /** The OK button of the modal that is open now. */
  const okButton = (page: Page) => page.getByTestId('action-submit').filter({ visible: true });

  it('a cadre records a project with its resolution and a payment, and discloses it', async () => {
    const { context, page } = await desktop();
    await logIn(page, 'cadre');

    // The matter goes through 四议两公开 first.
    await page.goto(`${base}/decisions`);
    await page.getByTestId('decision-new').click();
    await pickOption(page, 'decision-village', '石桥村');
    await box(page, 'decision-title').fill('石桥村道路硬化工程');
    await box(page, 'decision-content').fill(
      '硬化一组至三组村道 1.5 公里，预算 30 万元，村集体经济和上级补助各半。',
    );
    await box(page, 'decision-amount').fill('300000');
    await page.getByTestId('decision-save').click();
    await page.waitForURL(/\/decisions\/[^/]+$/);
    const decisionId = new URL(page.url()).pathname.split('/').pop()!;
    await expect
      .poll(() => page.getByTestId('decision-heading').textContent())
      .toBe('石桥村道路硬化工程');

    const meetings = [
      { step: 'proposal', on: '2026-10-12', count: [7, 7, 7, 0, 0] },
      { step: 'committees', on: '2026-10-14', count: [9, 9, 9, 0, 0] },
      { step: 'partyMembers', on: '2026-10-16', count: [30, 24, 20, 3, 1] },
      { step: 'representatives', on: '2026-10-19', count: [45, 36, 30, 4, 2] },
      { step: 'resolutionDisclosure', on: '2026-10-20', count: null },
    ] as const;
    for (const meeting of meetings) {
      await page.getByTestId('meeting-record').click();
      await pickDate(page, 'meeting-date', meeting.on);
      if (meeting.count) {
        const [expected, present, votesFor, against, abstain] = meeting.count;
        await box(page, 'meeting-expected').fill(String(expected));
        await box(page, 'meeting-present').fill(String(present));
        await box(page, 'meeting-for').fill(String(votesFor));
        await box(page, 'meeting-against').fill(String(against));
        await box(page, 'meeting-abstain').fill(String(abstain));
      } else {
        // A posting has no head counts to fill in.
        expect(await page.getByTestId('meeting-expected').count()).toBe(0);
        expect(await page.getByTestId('meeting-for').count()).toBe(0);
      }
      if (meeting.step === 'partyMembers') {
        // The preview applies the party members' rule: more than half of ALL members.
        await expect
          .poll(() => page.getByTestId('meeting-preview').textContent())
          .toContain('赞成 20 票，超过全体党员半数，通过');
      }
      if (meeting.step === 'representatives') {
        await expect
          .poll(() => page.getByTestId('meeting-preview').textContent())
          .toContain('赞成 30 票，超过到会人数半数，通过');
      }
      await box(page, 'meeting-content').fill(
        meeting.count ? '同意实施石桥村道路硬化工程。' : '决议在村务公开栏公示。',
      );
      await page.getByTestId('meeting-save').click();
      await page.getByTestId(`meeting-card-${meeting.step}`).waitFor();
    }
    await expect.poll(() => page.locator('.ant-card').first().textContent()).toContain('已通过');
    const decision = await ctx.db
      .selectFrom('decision')
      .select(['status', 'region_code', 'amount'])
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toEqual({ status: 'passed', region_code: DEMO.villageA, amount: 30_000_000 });
    const held = await ctx.db
      .selectFrom('decision_meeting')
      .select(['step', 'held_on', 'outcome'])
      .where('decision_id', '=', decisionId)
      .orderBy('held_on')
      .execute();
    expect(held.map((m) => [m.step, m.held_on, m.outcome])).toEqual([
      ['proposal', '2026-10-12', 'passed'],
      ['committees', '2026-10-14', 'passed'],
      ['partyMembers', '2026-10-16', 'passed'],
      ['representatives', '2026-10-19', 'passed'],
      ['resolutionDisclosure', '2026-10-20', 'posted'],
    ]);

    // The project, linked to the passed resolution.
    await page.goto(`${base}/ledger`);
    await page.getByTestId('ledger-new').click();
    await page.getByTestId('entry-kind').getByText('村级工程').click();
    await pickOption(page, 'entry-region', '石桥村');
    await box(page, 'entry-title').fill('石桥村道路硬化工程');
    await box(page, 'entry-amount').fill('300000');
    await pickDate(page, 'entry-date', '2026-10-22');
    // The county's rule for this amount is shown before anything is awarded.
    await expect
      .poll(() => page.getByTestId('entry-works-hint').textContent())
      .toContain('限额平台直接发包');
    await pickOption(page, 'entry-decision', '石桥村道路硬化工程');
    await box(page, 'field-location').fill('一组至三组');
    await page.getByTestId('entry-submit').click();
    await page.waitForURL(/\/ledger\/[^/]+$/);
    const entryId = new URL(page.url()).pathname.split('/').pop()!;
    await expect
      .poll(() => page.getByTestId('entry-header').textContent())
      .toContain('石桥村道路硬化工程');

    // 交易 through the contractor pool.
    await page.getByTestId('action-trade').click();
    await pickDate(page, 'action-field-on', '2026-10-26');
    await pickOption(page, 'action-field-method', '限额平台直接发包');
    await okButton(page).click();
    await page.getByTestId('action-contract').waitFor();

    // 合同 with a checked credit code.
    await page.getByTestId('action-contract').click();
    await pickDate(page, 'action-field-on', '2026-10-28');
    await box(page, 'action-field-party').fill(CONTRACTOR);
    await box(page, 'action-field-creditCode').fill(CREDIT_CODE);
    await box(page, 'action-field-amount').fill('290000');
    await okButton(page).click();
    await page.getByTestId('action-pay').waitFor();

    // 付款: a payment dated before the contract is refused, in the form …
    await page.getByTestId('action-pay').click();
    await pickDate(page, 'action-field-on', '2026-10-27');
    await box(page, 'action-field-amount').fill('87000');
    await box(page, 'action-field-payee').fill(CONTRACTOR);
    await page.getByTestId('action-field-method').getByText('转账').click();
    await box(page, 'action-field-invoiceNo').fill('33002611230087');
    await okButton(page).click();
    const openModal = page.locator('.ant-modal-content').filter({ visible: true });
    await expect
      .poll(() => openModal.locator('.ant-form-item-explain-error').allTextContents())
      .toEqual(['付款日期不能早于合同签订日期：合同签订前不能付款']);
    expect(await okButton(page).isVisible()).toBe(true);
    // … and the same payment dated after it is recorded.
    await pickDate(page, 'action-field-on', '2026-11-05');
    await okButton(page).click();
    await expect.poll(() => okButton(page).count()).toBe(0);

    const stored = await ctx.db
      .selectFrom('ledger_entry')
      .select(['decision_id', 'amount', 'fields', 'version'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(stored.decision_id).toBe(decisionId);
    expect(stored.amount).toBe(30_000_000);
    expect(JSON.parse(stored.fields)).toMatchObject({
      trade: { on: '2026-10-26', method: 'contractor_pool' },
      contract: {
        on: '2026-10-28',
        party: CONTRACTOR,
        creditCode: CREDIT_CODE,
        amount: 29_000_000,
      },
      payments: [
        {
          on: '2026-11-05',
          amount: 8_700_000,
          payee: CONTRACTOR,
          method: 'transfer',
          invoiceNo: '33002611230087',
        },
      ],
    });

    // 公开, confirmed.
    await page.getByTestId('entry-disclose').click();
    await page.getByTestId('action-confirm').click();
    await expect
      .poll(() => page.getByTestId('disclosure-state').textContent(), { timeout: 10_000 })
      .toContain(`已公开 v${stored.version}`);
    expect(await page.getByTestId('entry-disclose').count()).toBe(0);
    const disclosure = await ctx.db
      .selectFrom('disclosure')
      .select(['region_code', 'title', 'amount', 'version'])
      .where('subject_id', '=', entryId)
      .execute();
    expect(disclosure).toEqual([
      {
        region_code: DEMO.villageA,
        title: '石桥村道路硬化工程',
        amount: 30_000_000,
        version: stored.version,
      },
    ]);
    await context.close();
  });

  it('a resident on a phone searches 道路, opens the entry, and sees the amendment after the cadre corrects the amount', async () => {
    // The cadre's entry, recorded and disclosed through the API so this flow stands alone.
    const cadre = await ctx.login('cadre');
    const title = '石桥村三组道路修补工程';
    const created = await cadre.post('/api/v1/ledger', {
      kind: 'project',
      regionCode: DEMO.villageA,
      title,
      amount: 8_000_000,
      occurredOn: '2026-11-20',
      fields: { location: '三组', description: '修补破损路面 300 平方米' },
    });
    expect(created.status).toBe(201);
    const entry = created.json<{ id: string; version: number }>();
    const disclosed = await cadre.post(`/api/v1/ledger/${entry.id}/disclose`, {
      expectedVersion: entry.version,
    });
    expect(disclosed.status).toBe(200);

    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth);

    await page.goto(`${base}/public/villages/${DEMO.villageA}`);
    expect(await noSideways()).toBeLessThanOrEqual(360);
    await page.getByTestId('public-search-input').fill('道路');
    await page.getByTestId('public-search-input').press('Enter');
    await page.waitForURL(/\/public\/search\?/);
    expect(new URL(page.url()).searchParams.get('regionCode')).toBe(DEMO.town);
    expect(new URL(page.url()).searchParams.get('q')).toBe('道路');
    const card = page.getByTestId('search-results').getByTestId('entry-card').filter({
      hasText: title,
    });
    await card.first().waitFor();
    expect(await noSideways()).toBeLessThanOrEqual(360);

    await card.first().click();
    await page.waitForURL(`${base}/public/entries/${entry.id}`);
    await expect.poll(() => page.getByTestId('entry-title').textContent()).toBe(title);
    await expect.poll(() => page.getByTestId('entry-amount').textContent()).toContain('80,000');

    // The cadre corrects the amount; the correction is published at once.
    const amended = await cadre.post(`/api/v1/ledger/${entry.id}/amend`, {
      expectedVersion: disclosed.json<{ version: number }>().version,
      reason: '按合同金额更正',
      amount: 7_650_000,
    });
    expect(amended.status).toBe(200);

    await page.reload();
    await expect.poll(() => page.getByTestId('entry-amount').textContent()).toContain('76,500');
    const history = page.getByTestId('entry-history');
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(2);
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('按合同金额更正');
    expect(text).toContain('80,000');
    expect(text).toContain('76,500');
    expect(await noSideways()).toBeLessThanOrEqual(360);

    // The daily checkpoint covers the publication: the resident checks its place in the chain.
    await createCheckpoint(ctx.db, ctx.config);
    await page.getByTestId('history-chain-link').first().click();
    await page.waitForURL(/\/chain\//);
    for (const check of [
      'chain-event-ok',
      'chain-snapshot-ok',
      'chain-inclusion-ok',
      'chain-signature-ok',
    ]) {
      await expect
        .poll(() => page.getByTestId(check).getAttribute('data-state'), { timeout: 15_000 })
        .toBe('ok');
    }
    await context.close();
  });

  it("importing a template with one bad row shows that row's error and imports nothing", async () => {
    const { context, page } = await desktop();
    await logIn(page, 'cadre');
    await page.goto(`${base}/ledger`);
    await page.getByTestId('ledger-import').click();
    await pickOption(page, 'import-kind', '村级工程');
    await pickOption(page, 'import-region', '石桥村');

    // The template is built on the server when asked for: give a loaded machine time.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('import-template').click(),
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qf-e2e-import-'));
    try {
      const templatePath = path.join(dir, 'template.xlsx');
      await download.saveAs(templatePath);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(templatePath);
      const sheet = workbook.worksheets[0]!;
      const columnOf = new Map<string, number>();
      sheet.getRow(1).eachCell((cell, position) => {
        columnOf.set(cell.text.replace(/\*$/, ''), position);
      });
      for (const header of ['项目名称', '预算金额(元)', '立项日期', '建设地点']) {
        expect(columnOf.has(header), header).toBe(true);
      }
      // Typed over the grey example row, as people do: rows 2 to 4, the bad date on row 3.
      const titles = ['石桥村导入测试一组道路', '石桥村导入测试二组沟渠', '石桥村导入测试三组路灯'];
      const rows = [
        [titles[0], 48_000, '2026-10-08', '一组'],
        [titles[1], 52_000, '2026-13-40', '二组'],
        [titles[2], 36_500, '2026-10-15', '三组'],
      ] as const;
      rows.forEach(([title, amount, date, place], index) => {
        const row = sheet.getRow(2 + index);
        row.getCell(columnOf.get('项目名称')!).value = title;
        row.getCell(columnOf.get('预算金额(元)')!).value = amount;
        row.getCell(columnOf.get('立项日期')!).value = date;
        row.getCell(columnOf.get('建设地点')!).value = place;
        row.getCell(columnOf.get('建设内容')!).value = null;
        row.commit();
      });
      const filled = path.join(dir, '石桥村工程台账.xlsx');
      await workbook.xlsx.writeFile(filled);

      await page.getByTestId('import-file').setInputFiles(filled);
      expect(await box(page, 'import-mode-all').isChecked()).toBe(true);
      await page.getByTestId('import-start').click();
      await expect
        .poll(() => page.getByTestId('import-summary').textContent(), { timeout: 15_000 })
        .toContain('导入 0 行');
      const summary = (await page.getByTestId('import-summary').textContent()) ?? '';
      expect(summary).toContain('共 3 行');
      expect(summary).toContain('未导入任何数据');
      const problems = page.getByTestId('import-problems').locator('tbody tr.ant-table-row');
      expect(await problems.count()).toBe(1);
      const cells = await problems.first().locator('td').allTextContents();
      expect(cells[0]).toBe('3');
      expect(cells[1]).toContain('立项日期');

      const imported = await ctx.db
        .selectFrom('ledger_entry')
        .select('id')
        .where('title', 'in', titles)
        .execute();
      expect(imported).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await context.close();
  });

  it('a village list page is usable within the budget on a throttled phone', async () => {
    /** A cold phone on Fast 3G with a 4× slower CPU, and the page it opens. */
    async function throttledPhone(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({
        locale: 'zh-CN',
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      return { context, page };
    }
    const navigationTiming = (page: Page) =>
      page.evaluate(() => {
        const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return {
          domContentLoadedMs: Math.round(nav!.domContentLoadedEventEnd),
          loadMs: Math.round(nav!.loadEventEnd),
        };
      });

    // The server-rendered village list.
    const villageUrl = `${base}/public/villages/${DEMO.villageA}`;
    const village = await throttledPhone();
    const villageStart = Date.now();
    await village.page.goto(villageUrl, { waitUntil: 'commit', timeout: 30_000 });
    await village.page.getByTestId('entry-card').first().waitFor({ state: 'visible' });
    const usableMs = Date.now() - villageStart;
    await village.page.waitForLoadState('load');
    const villageTiming = await navigationTiming(village.page);
    expect(await village.page.getByTestId('entry-card').count()).toBeGreaterThan(0);
    expect(await village.page.getByTestId('village-rate').isVisible()).toBe(true);
    // Nothing on it waits for a script.
    expect(await village.page.evaluate(() => document.scripts.length)).toBe(0);
    const entryHref = await village.page
      .getByTestId('entry-card')
      .first()
      .locator('a')
      .getAttribute('href');
    expect(entryHref).toMatch(/^\/public\/entries\/[^/]+$/);
    await village.context.close();

    // The same page with JavaScript off still lists the entries and searches.
    const noScript = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      javaScriptEnabled: false,
    });
    const plain = await noScript.newPage();
    await plain.goto(villageUrl);
    expect(await plain.getByTestId('entry-card').count()).toBeGreaterThan(0);
    await plain.getByTestId('public-search-input').fill('工程');
    await plain.getByTestId('public-search-input').press('Enter');
    await plain.waitForURL(/\/public\/search\?/);
    const searched = new URL(plain.url());
    expect(searched.searchParams.get('regionCode')).toBe(DEMO.town);
    expect(searched.searchParams.get('q')).toBe('工程');
    await noScript.close();

    // The web app's entry page, for comparison.
    const entryUrl = `${base}${entryHref}`;
    const spa = await throttledPhone();
    const spaStart = Date.now();
    await spa.page.goto(entryUrl, { waitUntil: 'commit', timeout: 30_000 });
    await spa.page.getByTestId('entry-title').waitFor({ state: 'visible' });
    const entryUsableMs = Date.now() - spaStart;
    await spa.page.waitForLoadState('load');
    const spaTiming = await navigationTiming(spa.page);
    expect((await spa.page.getByTestId('entry-title').textContent())?.length).toBeGreaterThan(0);
    await spa.context.close();

    const results = {
      date: new Date().toISOString(),
      url: villageUrl.replace(base, ''),
      fast3g: FAST_3G,
      cpuSlowdown: CPU_SLOWDOWN,
      usableMs,
      domContentLoadedMs: villageTiming.domContentLoadedMs,
      loadMs: villageTiming.loadMs,
      entryPage: {
        url: entryUrl.replace(base, '').replace(/[^/]+$/, ':id'),
        usableMs: entryUsableMs,
        domContentLoadedMs: spaTiming.domContentLoadedMs,
        loadMs: spaTiming.loadMs,
      },
    };
    console.log(
      `mobile budget: village list usable in ${usableMs} ms (DOMContentLoaded ${villageTiming.domContentLoadedMs} ms, load ${villageTiming.loadMs} ms); ` +
        `entry page usable in ${entryUsableMs} ms (DOMContentLoaded ${spaTiming.domContentLoadedMs} ms, load ${spaTiming.loadMs} ms) on Fast 3G + ${CPU_SLOWDOWN}x CPU`,
    );
    // The committed figures are refreshed on purpose (QF_RECORD_BENCH=1), not by every run.
    if (process.env.QF_RECORD_BENCH === '1') {
      mkdirSync(new URL('.', RESULTS_FILE), { recursive: true });
      writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    }
  });
});
