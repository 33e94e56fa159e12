// The case flows residents and staff really go through, in Chromium: a resident reports a
// broken road from a phone and follows it to the close; a resident disputes a closure; the
// deadline scan flags and escalates an overdue case; the town dispatches several at once.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanOverdue } from '../../src/server/modules/cases/cases.service.js';
import type { CaseDto } from '../../src/shared/schemas/cases.js';
import {
  createTestContext,
  DEMO,
  DEMO_PASSWORD,
  type Client,
  type TestContext,
} from '../support/context.js';
import { launchChromium, serveApp } from '../support/browser.js';
import { box } from '../support/antd.js';

const COMMITTEE_A = `committee-${DEMO.villageA}`;
const COMMITTEE_A_NAME = '石桥村村民委员会';
const TOWN_OFFICE = `office-${DEMO.town}`;
/** A real 1×1 PNG, as a phone's camera would hand over a (much larger) photo. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WAIT = { timeout: 15_000 };

// A browser flow clicks through several pages; on a loaded 2-core machine it needs more than
// the default 30 s.
describe('case browser flows', { timeout: 120_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { env: { QF_CASE_RATE_LIMIT: '1000' } });
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
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function logIn(page: Page, login: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(login);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('welcome-card').isVisible(), WAIT).toBe(true);
  }

  /** The text box (input or textarea) of a test id, whether the id sits on it or around it. */
  /** Opens a case from the list once the list has settled: a row clicked while a search is
   * still loading can move under the pointer. */
  async function openCase(page: Page, id: string) {
    const table = page.getByTestId('cases-table');
    await expect.poll(() => table.locator('.ant-spin-spinning').count(), WAIT).toBe(0);
    await page.getByTestId(`case-row-${id}`).click();
    await page.waitForURL(`${base}/cases/${id}`);
  }

  /** The unit picker: type the unit's name (the list is long and virtual), click it. */
  async function pickUnit(page: Page, name: string): Promise<void> {
    await page.getByTestId('dispatch-unit').click();
    await page.keyboard.type(name);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: name,
      })
      .first()
      .click();
  }

  /** Give a command from the case page and wait for the status it leads to. */
  async function act(
    page: Page,
    command: string,
    status: string,
    fill?: (page: Page) => Promise<void>,
  ): Promise<void> {
    await page.getByTestId(`case-action-${command}`).click();
    // The dialog is open before anything is typed into it or confirmed.
    const submit = page.getByTestId('case-action-submit').filter({ visible: true });
    await submit.waitFor();
    if (fill) await fill(page);
    await submit.click();
    await expect.poll(() => page.getByTestId('case-status').textContent(), WAIT).toBe(status);
  }

  /** How wide the page is drawn: a phone page must not scroll sideways. */
  const drawnWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  const caseRow = (code: string) =>
    ctx.db.selectFrom('cases').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

  async function file(mobile: string, description: string) {
    const reply = await ctx.anon.post('/api/v1/public/cases', {
      type: 'request',
      category: 'roads',
      regionCode: DEMO.villageA,
      description,
      reporterName: '李大姐',
      reporterMobile: mobile,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const filed = reply.json<{ code: string; token: string; trackPath: string }>();
    return { ...filed, id: (await caseRow(filed.code)).id };
  }

  async function command(client: Client, id: string, body: Record<string, unknown>) {
    const current = (await client.get(`/api/v1/cases/${id}`)).json<CaseDto>();
    const reply = await client.post(`/api/v1/cases/${id}/commands`, {
      expectedVersion: current.version,
      ...body,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }

  it('a resident reports a broken road from a phone and follows it to the close, then rates it', async () => {
    // The resident, on a phone, without an account.
    const resident = await phone();
    const mobile = '13812340001';
    await resident.page.goto(`${base}/public/report`);
    await resident.page.getByTestId('report-type-request').click();
    await resident.page.getByTestId('report-category-roads').click();
    await resident.page.getByTestId('report-town').selectOption({ label: '清溪镇' });
    await resident.page.getByTestId('report-village').selectOption({ label: '石桥村' });
    await resident.page
      .getByTestId('report-description')
      .fill('石桥村三组村道路面塌了一个大坑，下雨积水，电动车过不去，请尽快修补。');
    await resident.page
      .getByTestId('report-photos')
      .setInputFiles({ name: 'road.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await expect
      .poll(() => resident.page.getByTestId('report-photo').getAttribute('data-state'), WAIT)
      .toBe('done');
    await resident.page.getByTestId('report-name').fill('王大伯');
    await resident.page.getByTestId('report-mobile').fill(mobile);
    await resident.page.getByTestId('report-submit').click();
    await expect
      .poll(() => resident.page.getByTestId('report-code').textContent(), WAIT)
      .toMatch(/^QF\d{2}-[2-9A-Z]{6}$/);
    const code = (await resident.page.getByTestId('report-code').textContent())!;
    expect(await drawnWidth(resident.page)).toBeLessThanOrEqual(360);

    const filed = await caseRow(code);
    expect(filed.status).toBe('received');
    expect(filed.type).toBe('request');
    expect(filed.category).toBe('roads');
    expect(filed.region_code).toBe(DEMO.villageA);
    expect(filed.reporter_mobile).toBe(mobile);
    expect(filed.reporter_name).toBe('王大伯');
    const photos = JSON.parse(filed.photos) as string[];
    expect(photos).toHaveLength(1);
    const photo = await ctx.db
      .selectFrom('file')
      .select(['mime', 'region_code', 'is_public'])
      .where('id', '=', photos[0]!)
      .executeTakeFirstOrThrow();
    expect(photo).toEqual({ mime: 'image/png', region_code: DEMO.villageA, is_public: 0 });

    // The track page: received, and nothing personal on it.
    await resident.page.getByTestId('report-track-link').click();
    await resident.page.waitForURL(/\/public\/track\/QF\d{2}-[2-9A-Z]{6}\?k=/);
    const trackUrl = resident.page.url();
    await expect
      .poll(() => resident.page.getByTestId('track-status').textContent(), WAIT)
      .toBe('已受理');
    await resident.page.getByTestId('track-timeline').waitFor();
    const publicText = await resident.page.locator('body').innerText();
    expect(publicText).toContain(code);
    expect(publicText).not.toContain(mobile);
    expect(publicText).not.toMatch(/138\*+0001/);
    expect(publicText).not.toContain('王大伯');
    expect(await drawnWidth(resident.page)).toBeLessThanOrEqual(360);

    // The town officer finds it by searching 道路 and dispatches it to the village committee.
    const officer = await desktop();
    await logIn(officer.page, 'town');
    await officer.page.goto(`${base}/cases`);
    await officer.page.getByTestId('cases-tab-all').click();
    await box(officer.page, 'cases-search').fill('道路');
    await box(officer.page, 'cases-search').press('Enter');
    await expect.poll(() => new URL(officer.page.url()).searchParams.get('q'), WAIT).toBe('道路');
    await openCase(officer.page, filed.id);
    await expect
      .poll(() => officer.page.getByTestId('case-status').textContent(), WAIT)
      .toBe('已受理');
    await act(officer.page, 'dispatch', '已派单', (page) => pickUnit(page, COMMITTEE_A_NAME));
    expect((await caseRow(code)).unit_id).toBe(COMMITTEE_A);

    // The village cadre signs for it, starts, and replies.
    const cadre = await desktop();
    await logIn(cadre.page, 'cadre');
    await cadre.page.goto(`${base}/cases`);
    await cadre.page.getByTestId('cases-tab-mine').click();
    await openCase(cadre.page, filed.id);
    await expect
      .poll(() => cadre.page.getByTestId('case-status').textContent(), WAIT)
      .toBe('已派单');
    await act(cadre.page, 'sign', '已签收');
    await act(cadre.page, 'start', '办理中');
    await act(cadre.page, 'reply', '已回复', async (page) => {
      const text = box(page, 'case-action-text');
      await text.fill('已修复路面');
      await expect.poll(() => text.inputValue()).toBe('已修复路面');
    });
    await expect
      .poll(() => cadre.page.getByTestId('case-reply').textContent(), WAIT)
      .toBe('已修复路面');
    await cadre.context.close();

    // The town officer verifies and closes it out.
    await officer.page.reload();
    await expect
      .poll(() => officer.page.getByTestId('case-status').textContent(), WAIT)
      .toBe('已回复');
    await act(officer.page, 'verify', '已核验');
    await act(officer.page, 'close', '已办结');
    await officer.context.close();

    // The resident sees the result and the steps, and rates it.
    await resident.page.goto(trackUrl);
    await expect
      .poll(() => resident.page.getByTestId('track-status').textContent(), WAIT)
      .toBe('已办结');
    expect(await resident.page.getByTestId('track-reply').textContent()).toBe('已修复路面');
    const steps = await resident.page.getByTestId('track-timeline-item').allTextContents();
    const expected = [
      '办结销号',
      '核实办理情况',
      '回复办理结果',
      '开始办理',
      '签收',
      '派单',
      '提交并受理',
    ];
    expect(steps).toHaveLength(expected.length);
    expected.forEach((label, index) => expect(steps[index]).toContain(label));
    // The dispatch names the unit; the reply step carries the reply.
    expect(steps[5]).toContain(COMMITTEE_A_NAME);
    expect(steps[2]).toContain('已修复路面');
    await resident.page.getByTestId('track-rate-5').click();
    await resident.page.getByTestId('track-rate-submit').click();
    await expect
      .poll(() => resident.page.getByTestId('track-notice').textContent(), WAIT)
      .toContain('谢谢您的评价');
    expect(await resident.page.getByTestId('track-rate').count()).toBe(0);
    expect(await resident.page.getByTestId('track-rate-submit').count()).toBe(0);
    const closed = await caseRow(code);
    expect(closed.status).toBe('closed');
    expect(closed.rating).toBe(5);
    expect(closed.reply).toBe('已修复路面');
    await resident.context.close();
  });

  it('a resident disputes a closure and the case goes one level up', async () => {
    const town = await ctx.login('town');
    const cadre = await ctx.login('cadre');
    const filed = await file('13812340002', '石桥村二组村道排水沟堵塞，下雨后路面积水，请疏通。');
    await command(town, filed.id, { type: 'dispatch', unitId: COMMITTEE_A });
    await command(cadre, filed.id, { type: 'sign' });
    await command(cadre, filed.id, { type: 'start' });
    await command(cadre, filed.id, { type: 'reply', text: '已组织人员疏通排水沟。' });
    await command(town, filed.id, { type: 'verify' });
    await command(town, filed.id, { type: 'close' });
    expect((await caseRow(filed.code)).status).toBe('closed');

    // The resident is not satisfied and asks for it to be done again.
    const resident = await phone();
    await resident.page.goto(`${base}${filed.trackPath}`);
    await expect
      .poll(() => resident.page.getByTestId('track-status').textContent(), WAIT)
      .toBe('已办结');
    await resident.page.getByTestId('track-dispute-reason').fill('排水沟只通了一半，下雨还是积水');
    await resident.page.getByTestId('track-dispute-submit').click();
    await expect
      .poll(() => resident.page.getByTestId('track-status').textContent(), WAIT)
      .toBe('重办');
    expect(await resident.page.getByTestId('track-notice').textContent()).toContain('已申请重办');
    const text = await resident.page.locator('body').innerText();
    expect(text).toContain('已督办');
    expect(text).toContain('已交镇里督办');
    expect(text).toContain('排水沟只通了一半，下雨还是积水');
    // Reopened, it can be neither rated nor disputed again until it is closed.
    expect(await resident.page.getByTestId('track-dispute').count()).toBe(0);
    expect(await resident.page.getByTestId('track-rate').count()).toBe(0);
    await resident.context.close();

    const reopened = await caseRow(filed.code);
    expect(reopened.status).toBe('reopened');
    expect(reopened.escalation).toBe(1);
    expect(reopened.reopen_count).toBe(1);
    expect(reopened.reply).toBeNull();
    const notices = await ctx.db
      .selectFrom('notification')
      .select(['kind', 'title', 'body'])
      .where('case_id', '=', filed.id)
      .where('unit_id', '=', TOWN_OFFICE)
      .execute();
    expect(notices).toEqual([
      { kind: 'reopen', title: filed.code, body: '排水沟只通了一半，下雨还是积水' },
    ]);

    // The town officer's bell lists it; opening it goes to the case.
    const officer = await desktop();
    await logIn(officer.page, 'town');
    await officer.page.getByTestId('notification-bell').click();
    const item = officer.page.getByTestId('notification-item').filter({ hasText: filed.code });
    await expect.poll(() => item.count(), WAIT).toBe(1);
    expect(await item.textContent()).toContain('重办');
    await item.click();
    await officer.page.waitForURL(`${base}/cases/${filed.id}`);
    await expect
      .poll(() => officer.page.getByTestId('case-status').textContent(), WAIT)
      .toBe('重办');
    await expect
      .poll(() => officer.page.getByTestId('case-escalation-tag').textContent(), WAIT)
      .toBe('镇级督办');
    await officer.context.close();
  });

  it('an overdue case is flagged and escalated by the scan, and shows first in the inbox', async () => {
    const town = await ctx.login('town');
    const filed = await file('13812340003', '石桥村四组桥头路面开裂下沉，车辆通行危险。');
    await command(town, filed.id, { type: 'dispatch', unitId: COMMITTEE_A });

    // Thirty days on, never signed for: both limits are missed, the handling one counts.
    const flagged = await scanOverdue(ctx.db, new Date(Date.now() + 30 * 86_400_000));
    expect(flagged).toBeGreaterThanOrEqual(1);
    const row = await caseRow(filed.code);
    expect(row.status).toBe('dispatched');
    expect(row.overdue).toBe(2);
    expect(row.escalation).toBe(1);

    const officer = await desktop();
    await logIn(officer.page, 'town');
    await officer.page.goto(`${base}/cases`);
    await officer.page.getByTestId('cases-tab-overdue').click();
    const rowOf = (id: string) => officer.page.locator(`tr[data-row-key="${id}"]`);
    await rowOf(filed.id).waitFor();
    expect(await rowOf(filed.id).getByTestId('case-overdue-tag').textContent()).toBe('办理超期');
    expect(await rowOf(filed.id).getByTestId('case-escalation-tag').textContent()).toBe('镇级督办');

    // In the whole inbox it comes first: overdue before everything else that is open.
    await officer.page.getByTestId('cases-tab-all').click();
    await expect
      .poll(
        () =>
          officer.page
            .getByTestId('cases-table')
            .locator('tbody tr.ant-table-row')
            .first()
            .getAttribute('data-row-key'),
        WAIT,
      )
      .toBe(filed.id);

    await openCase(officer.page, filed.id);
    await expect
      .poll(() => officer.page.getByTestId('case-escalation-tag').textContent(), WAIT)
      .toBe('镇级督办');
    expect(await officer.page.getByTestId('case-overdue-tag').textContent()).toBe('办理超期');
    expect(await officer.page.getByTestId('case-timeline').textContent()).toContain(
      '超过办理期限未答复',
    );
    await officer.context.close();
  });

  it('the town dispatches several cases at once', async () => {
    const filed = [
      await file('13812340011', '石桥村一组村道路灯旁路面坑洼，夜间出行不便。'),
      await file('13812340012', '石桥村五组机耕路被雨水冲毁，农机无法下田。'),
      await file('13812340013', '石桥村村口道路两侧杂草丛生，遮挡视线。'),
    ];

    const officer = await desktop();
    await logIn(officer.page, 'town');
    await officer.page.goto(`${base}/cases`);
    await officer.page.getByTestId('cases-tab-all').click();
    for (const { id } of filed) {
      await officer.page.locator(`tr[data-row-key="${id}"] input[type="checkbox"]`).check();
    }
    await expect
      .poll(() => officer.page.getByTestId('cases-bulk-dispatch').textContent(), WAIT)
      .toBe('批量派单（3）');
    await officer.page.getByTestId('cases-bulk-dispatch').click();
    await pickUnit(officer.page, COMMITTEE_A_NAME);
    await officer.page.getByTestId('dispatch-submit').click();
    await expect
      .poll(() => officer.page.getByTestId('dispatch-result').textContent(), WAIT)
      .toContain('已派单 3 件');
    expect(await officer.page.getByTestId('dispatch-refusal').count()).toBe(0);

    const rows = await ctx.db
      .selectFrom('cases')
      .select(['id', 'unit_id', 'status'])
      .where(
        'id',
        'in',
        filed.map((f) => f.id),
      )
      .orderBy('id')
      .execute();
    expect(rows).toEqual(
      filed
        .map((f) => ({ id: f.id, unit_id: COMMITTEE_A, status: 'dispatched' }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
    await officer.context.close();
  });
});
