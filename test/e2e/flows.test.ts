// The flows an administrator and a new village-level user really go through, in Chromium.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, DEMO_PASSWORD, type TestContext } from '../support/context.js';
import { launchChromium, serveApp } from '../support/browser.js';

// A browser flow clicks through several pages; on a loaded 2-core machine it needs more than
// the default 30 s.
describe('browser flows', { timeout: 120_000 }, () => {
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

  async function logIn(page: Page, login: string, password: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(login);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  async function pickTreeOption(page: Page, testId: string, search: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.keyboard.type(search);
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: search }).last().click();
  }

  it('creates a user over one village, audits it, and that user is refused another village', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    // An administrator logs in; the interface speaks Chinese first and switches to English.
    await logIn(page, 'town', DEMO_PASSWORD);
    await expect
      .poll(() => page.getByTestId('welcome-card').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => page.getByTestId('menu-users').textContent()).toBe('用户管理');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('menu-users').textContent()).toBe('Users');
    await page.getByTestId('lang-zh').click();
    await expect.poll(() => page.getByTestId('menu-users').textContent()).toBe('用户管理');

    // Create a user with a role over one village.
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-new').click();
    await page.getByTestId('user-form-username').fill('e2e_jiancha');
    await page.getByTestId('user-form-displayName').fill('石桥村监察员');
    await pickTreeOption(page, 'user-form-region', '石桥村');
    await page.getByTestId('user-form-password').fill('Start#Pass2026');
    // The form starts with one grant row.
    await page.getByTestId('grant-role-0').click();
    await page.locator('.ant-select-item-option', { hasText: '纪检监察干部' }).click();
    await pickTreeOption(page, 'grant-region-0', '石桥村');
    await page.getByTestId('user-form-submit').click();
    const findCreated = () =>
      ctx.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'e2e_jiancha')
        .executeTakeFirst();
    await expect.poll(findCreated, { timeout: 10_000 }).toBeDefined();
    await page.getByTestId('users-search').fill('e2e_jiancha');
    await page.getByTestId('users-search').press('Enter');
    await expect
      .poll(() => page.getByTestId('users-table').textContent(), { timeout: 10_000 })
      .toContain('石桥村监察员');
    const created = await ctx.db
      .selectFrom('app_user')
      .select(['id', 'region_code'])
      .where('username', '=', 'e2e_jiancha')
      .executeTakeFirstOrThrow();
    expect(created.region_code).toBe(DEMO.villageA);
    const grants = await ctx.db
      .selectFrom('role_grant')
      .select(['role', 'region_code'])
      .where('user_id', '=', created.id)
      .execute();
    expect(grants).toEqual([{ role: 'discipline_officer', region_code: DEMO.villageA }]);

    // The creation is in the audit log, by this administrator.
    await page.getByTestId('menu-audit').click();
    await expect
      .poll(() => page.getByTestId('audit-table').textContent(), { timeout: 10_000 })
      .toContain('新建用户');
    const auditText = (await page.getByTestId('audit-table').textContent()) ?? '';
    expect(auditText).toContain(created.id.slice(0, 12));
    expect(auditText).toContain('town');

    // Log out; the new user logs in, must change the starting password, then is refused a
    // page of another village.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await expect
      .poll(() => page.getByTestId('login-username').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await logIn(page, 'e2e_jiancha', 'Start#Pass2026');
    await page.getByTestId('password-current').fill('Start#Pass2026');
    await page.getByTestId('password-new').fill('Mine#Pass2026');
    await page.getByTestId('password-confirm').fill('Mine#Pass2026');
    await page.getByTestId('password-submit').click();
    await expect
      .poll(() => page.getByTestId('welcome-card').isVisible(), { timeout: 15_000 })
      .toBe(true);

    // Their own village lists its users …
    await page.goto(`${base}/users?region=${DEMO.villageA}`);
    await expect
      .poll(() => page.getByTestId('users-table').textContent(), { timeout: 10_000 })
      .toContain('e2e_jiancha');
    // … another village's page is refused.
    await page.goto(`${base}/users?region=${DEMO.villageB}`);
    await expect
      .poll(() => page.getByTestId('forbidden').textContent(), { timeout: 10_000 })
      .toContain('该区划不在您的管辖范围内');
    expect(await page.getByTestId('users-table').count()).toBe(0);
    await context.close();
  });

  it('lets a county administrator publish new county rules from a date', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 1000 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await logIn(page, 'admin', DEMO_PASSWORD);
    await page.getByTestId('welcome-card').waitFor();
    await page.goto(`${base}/policy`);
    await expect
      .poll(() => page.getByTestId('policy-red-flags').first().textContent(), { timeout: 10_000 })
      .toContain('30 天内合并判断');
    await page.getByTestId('policy-effective').click();
    await page.keyboard.type('2030-07-01');
    await page.keyboard.press('Enter');
    await page.getByTestId('policy-reason').fill('清源县2030年第3号');
    await page.getByTestId('policy-submit').click();
    await expect
      .poll(() => page.getByTestId('policy-history').textContent(), { timeout: 10_000 })
      .toContain('清源县2030年第3号');
    const row = await ctx.db
      .selectFrom('county_policy')
      .select(['region_code', 'effective_from', 'policy'])
      .executeTakeFirstOrThrow();
    expect(row.region_code).toBe(DEMO.county);
    expect(row.effective_from).toBe('2030-07-01');
    // The form edits the tiers; the red-flag thresholds in force are carried over.
    expect(JSON.parse(row.policy)).toMatchObject({
      works: { ownChoiceBelow: 10_000_000 },
      redFlags: { cashPaymentMaxFen: 100_000, rentOverdueDays: 60 },
    });
    await context.close();
  });

  it('shows the public town page and the checkpoints without a login, on a phone', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/public/towns/${DEMO.town}`);
    await expect
      .poll(() => page.getByTestId('town-villages').textContent(), { timeout: 15_000 })
      .toContain('石桥村');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await context.close();
  });
});
