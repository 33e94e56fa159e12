// The supervision catalogue (六小一督) as a town administrator and a village cadre use it, in
// Chromium: reading the standard catalogue, its flowcharts and negative list, then revising a
// point into the town's first version.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, DEMO_PASSWORD, type TestContext } from '../support/context.js';
import { launchChromium, serveApp } from '../support/browser.js';
import { box, pickDate } from '../support/antd.js';

/** Where the report's screenshot of the page goes. */
const SCREENSHOT = '/tmp/supervision-page.png';

/** Today in Beijing, `YYYY-MM-DD`: the earliest date a revision may take effect. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

describe('supervision catalogue flows', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
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
      viewport: { width: 1440, height: 900 },
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

  async function openCatalogue(page: Page): Promise<void> {
    await page.getByTestId('menu-supervision').click();
    await page.getByTestId('supervision-version').waitFor();
  }

  /** The flowchart image has loaded and drawn something. */
  async function flowchartWidth(page: Page): Promise<number> {
    return page
      .getByTestId('supervision-flowchart')
      .evaluate((img) => (img as HTMLImageElement).naturalWidth);
  }

  it('shows a town administrator the standard catalogue, a path’s flowchart and the negative list', async () => {
    const { context, page } = await desktop();
    await logIn(page, 'town');
    await openCatalogue(page);

    // The town has not revised its catalogue: the platform's standard one, all 38 points.
    expect(await page.getByTestId('supervision-version').textContent()).toBe('平台标准目录');
    expect(await page.getByTestId('supervision-counts').textContent()).toContain('38 个监督要点');
    const perCategory = await page
      .locator('[data-testid^="supervision-category-"]')
      .allTextContents();
    expect(perCategory).toHaveLength(6);
    const counted = perCategory.map((label) => Number(/（(\d+)）/.exec(label)?.[1] ?? NaN));
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(38);
    expect(await page.getByTestId('supervision-point-D01').textContent()).toContain('四议两公开');

    // A path: its flowchart loads; printing opens the same drawing in a new tab.
    await page.getByTestId('supervision-tab-paths').click();
    await page.getByTestId('supervision-path-P01').click();
    await expect
      .poll(() => page.getByTestId('supervision-flowchart').getAttribute('src'))
      .toContain('path=P01');
    await expect.poll(() => flowchartWidth(page), { timeout: 10_000 }).toBeGreaterThan(0);
    const [printed] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByTestId('supervision-print').click(),
    ]);
    expect(printed.url()).toContain('/api/v1/supervision/flowchart.svg');
    expect(printed.url()).toContain('path=P01');
    await printed.close();
    expect(await page.getByTestId('supervision-download').getAttribute('download')).toBe(
      'supervision-P01.svg',
    );

    // Every path at once.
    await page.getByTestId('supervision-path-all').click();
    await expect
      .poll(() => page.getByTestId('supervision-flowchart').getAttribute('src'))
      .not.toContain('path=');
    await expect.poll(() => flowchartWidth(page), { timeout: 10_000 }).toBeGreaterThan(0);

    // The negative list: items an automatic rule watches carry the rule's title.
    await page.getByTestId('supervision-tab-negative').click();
    const n01 = (await page.getByTestId('supervision-negative-N01').textContent()) ?? '';
    expect(n01).toContain('自动预警');
    expect(n01).toContain('超限额未经四议两公开决议');
    expect(await page.getByTestId('supervision-negative-N02').textContent()).toContain('人工检查');
    await context.close();
  });

  it('lets the town administrator revise a point into version 1; a village cadre only reads', async () => {
    const { context, page } = await desktop();
    await logIn(page, 'town');
    await openCatalogue(page);
    const today = todayInShanghai();
    const whatToCheck =
      '抽查本季度全部重大事项的会议记录和表决票，核对“四议两公开”六个环节是否齐全。';

    await page.getByTestId('supervision-edit').click();
    await box(page, 'supervision-form-D01-whatToCheck').fill(whatToCheck);
    await expect.poll(() => page.getByTestId('supervision-edited').textContent()).toContain('D01');
    await box(page, 'supervision-reason').fill('镇纪委〔2026〕5号');
    await pickDate(page, 'supervision-effective', today);

    // A field error from the server lands on the point it names: here the request is altered
    // on its way so that D06 names a path that does not exist.
    await page.route('**/api/v1/supervision/catalogue', async (route) => {
      const body = route.request().postDataJSON() as {
        catalogue: { points: { code: string; pathCode: string }[] };
      };
      const d06 = body.catalogue.points.find((point) => point.code === 'D06');
      if (d06) d06.pathCode = 'P99';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByTestId('supervision-save').click();
    const d06Error = page
      .getByTestId('supervision-form-D06')
      .locator('.ant-form-item-explain-error');
    await expect
      .poll(() => d06Error.textContent(), { timeout: 10_000 })
      .toContain('没有这条监督路径');
    expect(await page.getByTestId('supervision-form-D06').isVisible()).toBe(true);
    await page.unroute('**/api/v1/supervision/catalogue');

    // Saved as it is: version 1, in force today.
    await page.getByTestId('supervision-save').click();
    await expect
      .poll(() => page.getByTestId('supervision-version').textContent(), { timeout: 10_000 })
      .toBe('版本 1');
    await expect
      .poll(() => page.getByTestId('supervision-point-D01').textContent())
      .toContain(whatToCheck);
    const history = (await page.getByTestId('supervision-history-1').textContent()) ?? '';
    expect(history).toContain('镇纪委〔2026〕5号');
    expect(history).toContain(today);
    await expect
      .poll(() => page.getByTestId('supervision-diff').textContent(), { timeout: 10_000 })
      .toContain('平台标准目录');
    const change = (await page.getByTestId('supervision-diff-changed-D01').textContent()) ?? '';
    expect(change).toContain('D01');
    expect(change).toContain('检查内容');
    expect(await page.getByTestId('supervision-diff').locator('.ant-list-item').count()).toBe(1);

    const rows = await ctx.db
      .selectFrom('supervision_catalogue')
      .select(['region_code', 'version', 'effective_from', 'catalogue'])
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ region_code: DEMO.town, effective_from: today });
    expect(Number(rows[0]!.version)).toBe(1);
    const saved = JSON.parse(rows[0]!.catalogue) as {
      points: { code: string; whatToCheck: string; pathCode: string }[];
    };
    expect(saved.points.find((p) => p.code === 'D01')?.whatToCheck).toBe(whatToCheck);
    expect(saved.points.find((p) => p.code === 'D06')?.pathCode).not.toBe('P99');

    // Afresh (the messages gone), as the report's screenshot.
    await page.reload();
    await page.getByTestId('supervision-diff-changed-D01').waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await context.close();

    // A village cadre reads the town's catalogue but cannot revise it.
    const cadre = await desktop();
    await logIn(cadre.page, 'cadre');
    await openCatalogue(cadre.page);
    expect(await cadre.page.getByTestId('supervision-version').textContent()).toBe('版本 1');
    await cadre.page.getByTestId('supervision-point-D01').waitFor();
    expect(await cadre.page.getByTestId('supervision-edit').count()).toBe(0);
    expect(await cadre.page.getByTestId('supervision-edit-point-D01').count()).toBe(0);
    await cadre.context.close();
  });
});
