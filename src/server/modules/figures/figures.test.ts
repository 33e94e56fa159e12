import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type { ChildFigures, Figures } from '../../../shared/schemas/figures.js';
import { ALL, chinaMonth } from '../../platform/tally/tally.js';
import { seedDemoCases } from '../../seed/demo-cases.js';
import { seedDemoLedgers } from '../../seed/seed.js';
import { monthsBetween } from './figures.service.js';

describe('the months of a period', () => {
  it('runs across a year end, inclusive', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
  });
});

describe.each(DB_KINDS)('figures on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    await seedDemoLedgers(ctx.db);
    await seedDemoCases(ctx.db);
    town = await ctx.login('town');
  }, 120_000);
  afterAll(() => ctx.close());

  it("counts the demo town's ledgers and cases by month and category, as the rows say", async () => {
    const reply = await town.get(`/api/v1/figures?regionCode=${DEMO.town}&from=2026-01&to=2026-04`);
    expect(reply.status).toBe(200);
    const figures = reply.json<Figures>();
    expect(figures.regionName).toBe('清溪镇');
    expect(figures.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const entries = figures.series.find((s) => s.metric === 'ledger.entries' && s.category === ALL);
    const rows = await ctx.db
      .selectFrom('ledger_entry')
      .select(['kind', 'amount', 'occurred_on'])
      .where('status', '=', 'active')
      .where('region_code', 'like', `${DEMO.town.slice(0, 9)}%`)
      .execute();
    expect(entries?.total).toBe(rows.length);
    expect(entries?.amount).toBe(rows.reduce((sum, r) => sum + Number(r.amount), 0));
    expect(entries?.monthly[2]).toBe(
      rows.filter((r) => r.occurred_on.startsWith('2026-03')).length,
    );
    const projects = figures.series.find(
      (s) => s.metric === 'ledger.entries' && s.category === 'project',
    );
    expect(projects?.total).toBe(rows.filter((r) => r.kind === 'project').length);
    // The demo's cases were filed over the months before today.
    const to = chinaMonth(new Date().toISOString());
    const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
    const year = (
      await town.get(`/api/v1/figures?regionCode=${DEMO.town}&from=${from}&to=${to}`)
    ).json<Figures>();
    const filed = year.series.find((s) => s.metric === 'case.filed' && s.category === ALL);
    const cases = await ctx.db
      .selectFrom('cases')
      .select(['created_at'])
      .where('region_code', 'like', `${DEMO.town.slice(0, 9)}%`)
      .execute();
    expect(cases.length).toBeGreaterThan(0);
    const inPeriod = cases.filter((c) => chinaMonth(c.created_at) >= from);
    expect(inPeriod.length).toBeGreaterThan(0);
    expect(filed?.total).toBe(inPeriod.length);
  });

  it('shows each village of the town side by side, and a new entry at once', async () => {
    const read = async () => {
      const reply = await town.get(
        `/api/v1/figures/children?regionCode=${DEMO.town}&from=2026-01&to=2026-04`,
      );
      expect(reply.status).toBe(200);
      return reply.json<ChildFigures>();
    };
    const before = await read();
    const village = before.rows.find((r) => r.regionCode === DEMO.villageA);
    expect(village?.entries).toBeGreaterThan(0);
    expect(before.rows.reduce((sum, r) => sum + r.entries, 0)).toBe(before.total.entries);

    const cadre = await ctx.login('cadre');
    const created = await cadre.post('/api/v1/ledger', {
      kind: 'fund',
      regionCode: DEMO.villageA,
      title: '购买办公用品',
      amount: 1_234_00,
      occurredOn: '2026-04-20',
      fields: {
        direction: 'expense',
        counterparty: '清风镇文具店',
        method: 'transfer',
        invoiceNo: 'FP-2026-0420',
        purpose: '村委会办公用品',
      },
      attachments: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const after = await read();
    const villageAfter = after.rows.find((r) => r.regionCode === DEMO.villageA);
    expect(villageAfter?.entries).toBe((village?.entries ?? 0) + 1);
    expect(villageAfter?.amount).toBe((village?.amount ?? 0) + 1_234_00);
    expect(after.total.entries).toBe(before.total.entries + 1);
  });

  it('exports the villages to a spreadsheet that opens with its Chinese headers and a total', async () => {
    const reply = await town.get(
      `/api/v1/figures/children/export?regionCode=${DEMO.town}&from=2026-01&to=2026-04`,
    );
    expect(reply.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(reply.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('台账录入(条)');
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    const figures = (
      await town.get(`/api/v1/figures/children?regionCode=${DEMO.town}&from=2026-01&to=2026-04`)
    ).json<ChildFigures>();
    expect(last.getCell(2).value).toBe(figures.total.entries);
    expect(sheet.rowCount).toBe(figures.rows.length + 2);
  });

  it('refuses a period that runs backwards or is not a month, naming the field', async () => {
    const backwards = await town.get(
      `/api/v1/figures?regionCode=${DEMO.town}&from=2026-05&to=2026-01`,
      { 'x-qf-locale': 'zh-CN' },
    );
    expect(backwards.status).toBe(400);
    const fields = backwards.json<ErrorBody>().error.details?.fields;
    expect(fields?.[0]?.field).toBe('from');
    expect(fields?.[0]?.message).toContain('起始月份不能晚于截止月份');
    const bad = await town.get(`/api/v1/figures?regionCode=${DEMO.town}&from=2026-13`);
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('from');
  });

  it('keeps a village cadre to the village and a town officer to the town', async () => {
    const cadre = await ctx.login('cadre');
    expect((await cadre.get(`/api/v1/figures?regionCode=${DEMO.villageA}`)).status).toBe(200);
    expect((await cadre.get(`/api/v1/figures?regionCode=${DEMO.villageB}`)).status).toBe(403);
    expect((await town.get(`/api/v1/figures?regionCode=${DEMO.otherTown}`)).status).toBe(403);
    expect((await ctx.anon.get(`/api/v1/figures?regionCode=${DEMO.town}`)).status).toBe(401);
  });
});
