import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DB_KINDS, type TestContext } from '../../../test/support/context.js';
import { verifyAudit } from '../platform/audit/verify.js';
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
    report = await generateCounty(ctx.db, {
      villages: 3,
      villagesPerTown: 2,
      years: 2,
      entriesPerVillageYear: 40,
      casesPerVillageYear: 12,
    });
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
});
