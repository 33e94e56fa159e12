import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DB_KINDS, type TestContext } from '../../../test/support/context.js';
import { verifyAudit } from '../platform/audit/verify.js';
import { ALL, rebuildTallies } from '../platform/tally/tally.js';
import { countyShape, generateCounty, GENERATED_COUNTY, type GenerateReport } from './county.js';

describe('the county shape', () => {
  it('is 375 villages over 5 years at factor 1, with 2 million entries and 200,000 cases', () => {
    const shape = countyShape(1);
    expect(shape.villages).toBe(375);
    expect(shape.villages * shape.years * shape.entriesPerVillageYear).toBeGreaterThanOrEqual(
      2_000_000,
    );
    expect(shape.villages * shape.years * shape.casesPerVillageYear).toBeGreaterThanOrEqual(
      200_000,
    );
    expect(countyShape(0.25).villages).toBe(94);
    expect(countyShape(4).villages).toBe(1500);
  });
});

describe.each(DB_KINDS)('a generated county on %s', (kind) => {
  let ctx: TestContext;
  let report: GenerateReport;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { seed: false });
    report = await generateCounty(
      ctx.db,
      {
        villages: 3,
        villagesPerTown: 2,
        years: 2,
        entriesPerVillageYear: 40,
        casesPerVillageYear: 12,
      },
      { config: ctx.config },
    );
  }, 120_000);
  afterAll(() => ctx.close());

  it('writes towns, villages, entries, resolutions and cases through the services, with a valid chain', async () => {
    expect(report).toMatchObject({ towns: 2, villages: 3, entries: 240, cases: 72 });
    const villages = await ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'village')
      .where('code', '>=', GENERATED_COUNTY.slice(0, 6))
      .execute();
    expect(villages).toHaveLength(3);
    const years = await ctx.db.selectFrom('ledger_entry').select('period').distinct().execute();
    expect(new Set(years.map((y) => y.period.slice(0, 4))).size).toBeGreaterThanOrEqual(2);
    const statuses = new Set(
      (await ctx.db.selectFrom('cases').select('status').execute()).map((c) => c.status),
    );
    expect(statuses).toContain('closed');
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    expect(await ctx.db.selectFrom('disclosure').select('id').limit(1).execute()).toHaveLength(1);
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('inspects every village through the services, findings fed back and mostly closed out', async () => {
    // 3 villages × 3 a year × 2 years.
    expect(report.inspections).toBe(18);
    expect(report.findings).toBeGreaterThan(0);
    const findings = await ctx.db
      .selectFrom('finding')
      .innerJoin('cases', 'cases.id', 'finding.id')
      .select(['cases.status', 'finding.notice_id', 'finding.evidence'])
      .execute();
    expect(findings).toHaveLength(report.findings);
    expect(findings.every((f) => f.notice_id !== null)).toBe(true);
    expect(findings.filter((f) => f.status === 'closed').length).toBeGreaterThan(
      findings.length / 2,
    );
    const notices = await ctx.db.selectFrom('feedback_notice').select('doc_no').execute();
    expect(notices.every((n) => /^.纪联〔20\d\d〕\d+号$/.test(n.doc_no))).toBe(true);
  });

  it('runs again over a county already built without adding to it (a stopped run resumes)', async () => {
    const before = await ctx.db
      .selectFrom('ledger_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await generateCounty(
      ctx.db,
      {
        villages: 3,
        villagesPerTown: 2,
        years: 2,
        entriesPerVillageYear: 40,
        casesPerVillageYear: 12,
      },
      { config: ctx.config },
    );
    expect(again).toMatchObject({ villages: 3, entries: 0, cases: 0, inspections: 0 });
    const after = await ctx.db
      .selectFrom('ledger_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('keeps running totals equal to a recount from the rows, on every level', async () => {
    const snapshot = async () =>
      (
        await ctx.db
          .selectFrom('tally')
          .select(['region_code', 'month', 'metric', 'category', 'n', 'amount'])
          .where('n', '!=', 0)
          .orderBy('region_code')
          .orderBy('month')
          .orderBy('metric')
          .orderBy('category')
          .execute()
      ).map((r) => ({ ...r, n: Number(r.n), amount: Number(r.amount) }));
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(100);
    await rebuildTallies(ctx.db);
    expect(await snapshot()).toEqual(live);
  });

  it('gives the county dashboard and the town figures from the totals', async () => {
    const county = await ctx.login('bench-county');
    const year = '2026';
    const figures = await county.get(
      `/api/v1/figures?regionCode=${GENERATED_COUNTY}&from=${year}-01&to=${year}-12`,
    );
    expect(figures.status).toBe(200);
    const body = figures.json<{
      months: string[];
      series: {
        metric: string;
        category: string;
        monthly: number[];
        total: number;
        amount: number;
      }[];
    }>();
    expect(body.months).toHaveLength(12);
    const entries = body.series.find((s) => s.metric === 'ledger.entries' && s.category === ALL);
    const active = await ctx.db
      .selectFrom('ledger_entry')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('amount')])
      .where('status', '=', 'active')
      .where('occurred_on', '>=', `${year}-01-01`)
      .where('occurred_on', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow();
    expect(entries?.total).toBe(Number(active.n));
    expect(entries?.amount).toBe(Number(active.amount));
    const filed = body.series.find((s) => s.metric === 'case.filed' && s.category === ALL);
    const byCategory = body.series.filter((s) => s.metric === 'case.filed' && s.category !== ALL);
    expect(byCategory.reduce((sum, s) => sum + s.total, 0)).toBe(filed?.total);

    const town = await ctx.login('bench-town');
    const children = await town.get(
      `/api/v1/figures/children?regionCode=339950101000&from=${year}-01&to=${year}-12`,
    );
    expect(children.status).toBe(200);
    const table = children.json<{ rows: { entries: number }[]; total: { entries: number } }>();
    expect(table.rows).toHaveLength(2);
    expect(table.rows.reduce((sum, r) => sum + r.entries, 0)).toBe(table.total.entries);
    // A town officer sees only the town: the county's figures are refused.
    expect((await town.get(`/api/v1/figures?regionCode=${GENERATED_COUNTY}`)).status).toBe(403);
  });
});
