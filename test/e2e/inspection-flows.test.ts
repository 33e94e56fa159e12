// The 六小一督 loop as the people in it really go through it, in Chromium: the town plans an
// inspection of 石桥村; the liaison officer answers it on a phone, is stopped at an unanswered
// point, signs and submits; the town feeds it back with a numbered notice (PDF); the village
// committee rectifies with a photo; the station verifies and the town closes it out. Then an
// informant reports a clue from a phone, and a cash payment turns 石桥村 red on the town's
// grid until it is voided and the rules clear the warning.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  rescanWarnings,
  settleWarnings,
} from '../../src/server/modules/supervision/findings.service.js';
import { seedDemoLedgers } from '../../src/server/seed/seed.js';
import {
  PLANTED_TITLES,
  PLANTED_VILLAGES,
  seedDemoSupervision,
} from '../../src/server/seed/demo-supervision.js';
import { createTestContext, DEMO, type TestContext } from '../support/context.js';
import { box, pickOption } from '../support/antd.js';
import { launchChromium, logIn as logInAs, openScreen, serveApp } from '../support/browser.js';

/** A real 1×1 PNG, as a phone's camera would hand over a (much larger) photo. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WAIT = { timeout: 20_000 };

/** Today in Beijing, `YYYY-MM-DD`. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

// Each flow clicks through several pages as several people; on a loaded 2-core machine it
// needs far more than the default 30 s.
describe('inspection browser flows', { timeout: 240_000 }, () => {
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

  const desktop = () => openScreen(browser, 'desktop');
  const phone = () => openScreen(browser, 'phone');
  const logIn = (page: Page, login: string) => logInAs(page, base, login);

  /** How wide the whole document is drawn: a phone page must not scroll sideways. */
  const drawnWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  /**
   * Give a command from the case page and wait for the status it leads to. On a loaded
   * machine the page can refetch the case while the dialog opens, and the click on its button
   * is lost; then the page is loaded again and the command given again (once more at most).
   * What the page said each time is kept for the failure message.
   */
  async function act(page: Page, command: string, status: string): Promise<void> {
    const said: string[] = [];
    for (let attempt = 1; ; attempt++) {
      await page.getByTestId(`case-action-${command}`).click();
      const submit = page.getByTestId('case-action-submit').filter({ visible: true });
      await submit.waitFor();
      await submit.click();
      try {
        await expect
          .poll(() => page.getByTestId('case-status').textContent(), { timeout: 10_000 })
          .toBe(status);
        return;
      } catch (error) {
        said.push(
          (
            await page.locator('.ant-message, .ant-alert, .ant-form-item-explain').allTextContents()
          ).join(' | '),
        );
        if (attempt === 2)
          throw new Error(`${command} did not lead to ${status}: ${said.join(' / ')}`, {
            cause: error,
          });
        await page.reload();
        // The first click may have gone through after all, only late.
        const state = async () =>
          (await page.getByTestId('case-status').textContent()) === status
            ? 'done'
            : (await page.getByTestId(`case-action-${command}`).isVisible())
              ? 'again'
              : 'loading';
        await expect.poll(state, WAIT).not.toBe('loading');
        if ((await state()) === 'done') return;
      }
    }
  }

  /** A point's card has saved what was given (the server has it). */
  async function saved(page: Page, code: string): Promise<void> {
    await expect
      .poll(() => page.getByTestId(`inspection-item-${code}`).getAttribute('data-state'), WAIT)
      .toBe('saved');
  }

  /** What the server holds for a point of the inspection. */
  const itemRow = (inspectionId: string, code: string) =>
    ctx.db
      .selectFrom('inspection_item')
      .selectAll()
      .where('inspection_id', '=', inspectionId)
      .where('point_code', '=', code)
      .executeTakeFirstOrThrow();

  it('runs an inspection from plan to close-out: phone answers, notice, rectification, verification', async () => {
    const today = todayInShanghai();

    // The town plans an inspection of 石桥村 against three points.
    const town = await desktop();
    await logIn(town.page, 'town');
    await town.page.getByTestId('menu-inspections').click();
    await town.page.getByTestId('inspections-plan').click();
    await pickOption(town.page, 'plan-villages', '石桥村');
    await town.page.keyboard.press('Escape');
    await box(town.page, 'plan-title').fill('2026年第四季度“六小一督”监督检查');
    await town.page.getByTestId('plan-officers').click();
    await town.page.keyboard.type('王建国');
    await town.page.keyboard.press('Enter');
    await town.page.keyboard.press('Escape');
    await expect
      .poll(() => town.page.getByTestId('plan-officers').textContent(), WAIT)
      .toContain('王建国');
    await town.page.getByTestId('plan-point-D01').waitFor();
    await town.page.getByTestId('plan-points-none').click();
    for (const code of ['D01', 'D07', 'D20'])
      await town.page.getByTestId(`plan-point-${code}`).click();
    await expect
      .poll(() => town.page.getByTestId('plan-points-count').textContent(), WAIT)
      .toBe('已选 3 / 38 个');
    const [planned] = await Promise.all([
      town.page.waitForResponse(
        (r) =>
          r.url().endsWith('/api/v1/supervision/inspections') && r.request().method() === 'POST',
      ),
      town.page.getByTestId('plan-submit').click(),
    ]);
    expect(planned.status()).toBe(201);
    const [inspection] = (await planned.json()) as { id: string; total: number }[];
    expect(inspection!.total).toBe(3);
    const id = inspection!.id;
    await town.page.getByTestId(`inspection-link-${id}`).waitFor();
    const row = await ctx.db
      .selectFrom('inspection')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      region_code: DEMO.villageA,
      planned_on: today,
      status: 'planned',
      officers: JSON.stringify(['王建国']),
    });

    // The liaison officer opens it on a phone.
    const liaison = await phone();
    await logIn(liaison.page, 'liaison');
    await liaison.page.goto(`${base}/inspections`);
    await liaison.page.getByTestId(`inspection-link-${id}`).click();
    await liaison.page.waitForURL(`${base}/inspections/${id}`);
    await expect
      .poll(() => liaison.page.getByTestId('inspection-progress').textContent(), WAIT)
      .toBe('已答 0/3');

    // D01 passes; D07 is a problem, with a note and a photo.
    await liaison.page.getByTestId('inspection-result-D01-pass').click();
    await saved(liaison.page, 'D01');
    await liaison.page.getByTestId('inspection-result-D07-problem').click();
    await box(liaison.page, 'inspection-note-D07').fill(
      '抽查3件用工事项，有2件审批单缺少村委会主任签字',
    );
    await liaison.page
      .getByTestId('inspection-photos-D07')
      .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await expect
      .poll(
        () => liaison.page.getByTestId('inspection-photos-D07-item').getAttribute('data-state'),
        WAIT,
      )
      .toBe('done');
    await saved(liaison.page, 'D07');
    await expect
      .poll(() => liaison.page.getByTestId('inspection-progress').textContent(), WAIT)
      .toBe('已答 2/3');
    const d07 = await itemRow(id, 'D07');
    expect(d07.result).toBe('problem');
    expect(d07.note).toBe('抽查3件用工事项，有2件审批单缺少村委会主任签字');
    expect(JSON.parse(d07.photos)).toHaveLength(1);
    expect(d07.rectify_days).toBe(10);

    // Submitting before the last answer: the server names D20, and its card is flagged.
    await box(liaison.page, 'inspection-signed-by').fill('王建国');
    await liaison.page.getByTestId('inspection-submit').click();
    await liaison.page.getByTestId('inspection-submit-confirm').click();
    await expect
      .poll(
        () => liaison.page.getByTestId('inspection-item-D20').getAttribute('data-flagged'),
        WAIT,
      )
      .toBe('true');
    expect(await liaison.page.getByTestId('inspection-unanswered').textContent()).toContain('D20');
    expect(
      await liaison.page
        .getByTestId('inspection-item-D20')
        .getByTestId('inspection-item-flag')
        .textContent(),
    ).toContain('尚未作答');
    expect(await liaison.page.getByTestId('inspection-item-D01').getAttribute('data-flagged')).toBe(
      'false',
    );
    expect(await drawnWidth(liaison.page)).toBeLessThanOrEqual(360);

    // The last answer clears the flag; signed and submitted.
    await liaison.page.getByTestId('inspection-result-D20-na').click();
    await saved(liaison.page, 'D20');
    expect(await liaison.page.getByTestId('inspection-item-D20').getAttribute('data-flagged')).toBe(
      'false',
    );
    await liaison.page.getByTestId('inspection-submit').click();
    await liaison.page.getByTestId('inspection-submit-confirm').click();
    await expect
      .poll(() => liaison.page.getByTestId('inspection-page').getAttribute('data-status'), WAIT)
      .toBe('submitted');
    expect(await liaison.page.getByTestId('inspection-status').first().textContent()).toBe(
      '待反馈',
    );
    expect(await drawnWidth(liaison.page)).toBeLessThanOrEqual(360);
    const submitted = await ctx.db
      .selectFrom('inspection')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(submitted).toMatchObject({ status: 'submitted', signed_by: '王建国' });
    const finding = await ctx.db
      .selectFrom('finding')
      .selectAll()
      .where('inspection_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(finding.point_code).toBe('D07');

    // The town feeds it back: the notice number shows and its PDF downloads.
    await town.page.goto(`${base}/inspections/${id}`);
    await town.page.getByTestId('inspection-feedback').click();
    await town.page.getByTestId('inspection-feedback-confirm').click();
    await expect
      .poll(() => town.page.getByTestId('inspection-docno').textContent(), WAIT)
      .toMatch(/^清纪联〔\d{4}〕\d+号$/);
    const pdfHref = await town.page.getByTestId('inspection-notice-pdf').getAttribute('href');
    const pdf = await town.page.request.get(`${base}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docxHref = await town.page.getByTestId('inspection-notice-docx').getAttribute('href');
    expect(docxHref).toContain('format=docx');

    // The village committee's cadre submits the rectification with a photo as evidence.
    const cadre = await desktop();
    await logIn(cadre.page, 'cadre');
    await cadre.page.getByTestId('menu-findings').click();
    await cadre.page.getByTestId(`finding-rectify-${finding.id}`).click();
    await box(cadre.page, 'rectify-text').fill(
      '已补齐2件审批单的村委会主任签字，并建立用工审批台账',
    );
    await cadre.page
      .getByTestId('rectify-evidence')
      .setInputFiles({ name: 'signed.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await expect
      .poll(() => cadre.page.getByTestId('rectify-evidence-item').getAttribute('data-state'), WAIT)
      .toBe('done');
    await cadre.page.getByTestId('rectify-submit').click();
    const findingRow = cadre.page.getByTestId(`finding-${finding.id}`);
    await expect
      .poll(() => findingRow.getByTestId('finding-status').textContent(), WAIT)
      .toBe('待核验');
    await cadre.context.close();

    // The station's liaison officer verifies it on the case page.
    await liaison.page.goto(`${base}/cases/${finding.id}`);
    await expect
      .poll(() => liaison.page.getByTestId('case-status').textContent(), WAIT)
      .toBe('已回复');
    await act(liaison.page, 'verify', '已核验');
    await liaison.context.close();

    // The town closes it out; the finding shows 已销号, on time.
    await town.page.goto(`${base}/cases/${finding.id}`);
    await act(town.page, 'close', '已办结');
    await town.page.goto(`${base}/findings`);
    await town.page.getByTestId('findings-state-closed').click();
    const closed = town.page.getByTestId(`finding-${finding.id}`);
    await expect
      .poll(() => closed.getByTestId('finding-status').textContent(), WAIT)
      .toBe('已销号');
    expect(await closed.getByTestId('finding-on-time').textContent()).toBe('按期整改');
    expect(await closed.getByTestId('finding-docno').textContent()).toMatch(
      /^清纪联〔\d{4}〕\d+号$/,
    );
    const done = await ctx.db
      .selectFrom('finding')
      .selectAll()
      .where('id', '=', finding.id)
      .executeTakeFirstOrThrow();
    expect(done.on_time).toBe(1);
    expect(JSON.parse(done.evidence)).toHaveLength(1);

    // The figures page counts it: one inspection, one finding, fed back and rectified.
    await town.page.getByTestId('menu-supervisionFigures').click();
    await expect
      .poll(() => town.page.getByTestId('figures-brief').textContent(), WAIT)
      .toContain('开展监督检查1次，发现问题1个，均已反馈并整改到位');
    await expect
      .poll(() => town.page.getByTestId('figures-chart-category').isVisible(), WAIT)
      .toBe(true);
    await town.context.close();
  });

  it('lets an informant report a clue from a phone in one screen and see it in 我报送的线索', async () => {
    const informant = await phone();
    const { page } = informant;
    await logIn(page, 'informant');
    // The clue page is the first thing the informant can open from the home page.
    const first = page.locator('.ant-layout-content a').first();
    expect(await first.getAttribute('href')).toBe('/clue');
    await first.click();
    await page.waitForURL(`${base}/clue`);
    await expect
      .poll(() => page.getByTestId('clue-village').textContent(), WAIT)
      .toContain('石桥村');
    await page.getByTestId('clue-category-fund').click();
    await box(page, 'clue-description').fill('村里修路民工工资用现金发放，没有签收单');
    await page
      .getByTestId('clue-photos')
      .setInputFiles({ name: 'clue.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await expect
      .poll(() => page.getByTestId('clue-photos-item').getAttribute('data-state'), WAIT)
      .toBe('done');
    expect(await drawnWidth(page)).toBeLessThanOrEqual(360);
    await page.getByTestId('clue-submit').click();
    await expect
      .poll(() => page.getByTestId('clue-code').textContent(), WAIT)
      .toMatch(/^QF\d{2}-[2-9A-Z]{6}$/);
    const code = (await page.getByTestId('clue-code').textContent())!;
    await expect
      .poll(() => page.getByTestId('clue-mine-code').allTextContents(), WAIT)
      .toContain(code);
    expect(await drawnWidth(page)).toBeLessThanOrEqual(360);

    const clue = await ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(clue).toMatchObject({
      type: 'clue',
      category: 'fund',
      region_code: DEMO.villageA,
      description: '村里修路民工工资用现金发放，没有签收单',
    });
    expect(JSON.parse(clue.photos)).toHaveLength(1);
    await informant.context.close();
  });

  it('shows 石桥村 red on the town grid for a cash payment, and green with the warning cleared once it is voided', async () => {
    const cadre = await ctx.login('cadre');
    const created = await cadre.post('/api/v1/ledger', {
      kind: 'fund',
      regionCode: DEMO.villageA,
      title: '支付修路民工工资（现金）',
      amount: 860_000,
      occurredOn: todayInShanghai(),
      fields: {
        direction: 'expense',
        counterparty: '张三',
        method: 'cash',
        purpose: '修路民工工资',
        approvals: [],
      },
      attachments: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const entry = created.json<{ id: string }>();
    await settleWarnings();
    await rescanWarnings(ctx.db, DEMO.town);

    const { context, page } = await desktop();
    await logIn(page, 'town');
    await page.getByTestId('menu-warnings').click();
    const tile = page.getByTestId(`warning-tile-${DEMO.villageA}`);
    await expect.poll(() => tile.getAttribute('data-level'), WAIT).toBe('red');
    expect(await page.getByTestId(`warning-tile-${DEMO.villageB}`).getAttribute('data-level')).toBe(
      'green',
    );
    await tile.click();
    const warning = page.locator('[data-rule="cashPayment"]');
    await expect.poll(() => warning.count(), WAIT).toBe(1);
    expect(await warning.getAttribute('data-state')).toBe('open');
    expect(await warning.getByTestId('warning-rule').textContent()).toBe('大额现金支付');
    const text = (await warning.textContent()) ?? '';
    expect(text).toContain('8,600 元');
    expect(text).toContain('现金支付限额');
    expect(text).toContain('1,000 元');
    expect(
      await warning.getByTestId('warning-entries').locator(`a[href="/ledger/${entry.id}"]`).count(),
    ).toBe(1);
    expect(await page.getByTestId('warnings-clear-note').textContent()).toContain('不能手动关闭');

    // Voided, re-evaluated: the tile turns green and the warning shows as cleared.
    const voided = await cadre.post(`/api/v1/ledger/${entry.id}/void`, {
      reason: '误录，改为转账支付',
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    await settleWarnings();
    await rescanWarnings(ctx.db, DEMO.town);
    await page.getByTestId('warnings-refresh').click();
    await expect.poll(() => tile.getAttribute('data-level'), WAIT).toBe('green');
    await page.getByTestId('warnings-shown-cleared').click();
    await expect.poll(() => warning.getAttribute('data-state'), WAIT).toBe('cleared');
    expect(await warning.getByTestId('warning-state').textContent()).toContain('已消除');

    // Beside the flowchart of the catalogue, its PDF.
    await page.getByTestId('menu-supervision').click();
    await page.getByTestId('supervision-tab-paths').click();
    await page.getByTestId('supervision-path-P01').click();
    const flowchartHref = await page.getByTestId('supervision-download-pdf').getAttribute('href');
    expect(flowchartHref).toContain('path=P01');
    const flowchart = await page.request.get(`${base}${flowchartHref}`);
    expect(flowchart.status()).toBe(200);
    expect(flowchart.headers()['content-type']).toBe('application/pdf');
    expect((await flowchart.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();
  });
});

// The demo town as it is loaded for a county's first look: its planted split contract in 竹林村
// shows on the town grid, and fixing the entries turns the village green again.
describe('the planted split contract', { timeout: 240_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    await seedDemoLedgers(ctx.db);
    await seedDemoSupervision(ctx.db, ctx.config);
    base = await serveApp(ctx);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it('shows 竹林村 red for it, and green once the entries are put right and re-evaluated', async () => {
    const { context, page } = await openScreen(browser, 'desktop');
    await logInAs(page, base, 'town');

    const village = PLANTED_VILLAGES.contractSplitting.code;
    await page.getByTestId('menu-warnings').click();
    const tile = page.getByTestId(`warning-tile-${village}`);
    await expect.poll(() => tile.getAttribute('data-level'), WAIT).toBe('red');
    await tile.click();
    const warning = page.locator('[data-rule="contractSplitting"]');
    await expect.poll(() => warning.count(), WAIT).toBe(1);
    expect(await warning.getAttribute('data-state')).toBe('open');

    // The second piece was the same street lights, booked apart: the town voids it.
    const second = await ctx.db
      .selectFrom('ledger_entry')
      .select('id')
      .where('title', '=', PLANTED_TITLES.contractSplitting[1])
      .executeTakeFirstOrThrow();
    await warning.getByTestId('warning-entries').locator(`a[href="/ledger/${second.id}"]`).click();
    await page.waitForURL(`${base}/ledger/${second.id}`);
    await page.getByTestId('entry-void').click();
    await box(page, 'void-reason').fill('二期与一期为同一路灯工程，拆分录入有误，并入一期');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-confirm').click();
    await expect.poll(() => page.getByTestId('entry-voided').isVisible(), WAIT).toBe(true);

    // Re-evaluated after the change, and again by the rescan: the village is green.
    await settleWarnings();
    await rescanWarnings(ctx.db, village.slice(0, 9).padEnd(12, '0'));
    await page.getByTestId('menu-warnings').click();
    await expect.poll(() => tile.getAttribute('data-level'), WAIT).toBe('green');
    await tile.click();
    await page.getByTestId('warnings-shown-cleared').click();
    await expect.poll(() => warning.getAttribute('data-state'), WAIT).toBe('cleared');
    await context.close();
  });
});
