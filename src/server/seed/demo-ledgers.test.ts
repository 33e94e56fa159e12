import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type TestContext,
} from '../../../test/support/context.js';
import { KIND_FIELDS } from '../../shared/schemas/ledger.js';
import {
  DEFAULT_THRESHOLDS,
  evaluateRules,
  type RuleEntry,
} from '../../shared/supervision/rules.js';
import { verifyAudit } from '../platform/audit/verify.js';
import { rescanRules } from '../modules/supervision/rules.service.js';
import { seedDemoCases } from './demo-cases.js';
import { DEMO_LEDGER_TOTAL, demoLedgers } from './demo-ledgers.js';
import { seedDemoServices } from './demo-services.js';
import {
  PLANTED_TITLES,
  PLANTED_VILLAGES,
  seedDemoSupervision,
  type DemoSupervisionSummary,
} from './demo-supervision.js';
import { DEMO_TOWN_CODE } from './demo-town.js';
import { seedDemoLedgers } from './seed.js';

/**
 * The day the demo town was checked clean, and the days after it that the checks cover. Fixed
 * rather than the clock's: the ledgers stop at April 2026, so from 3 March 2027 the second
 * year's rent of the earliest multi-year lease is 60 days overdue, and from 22 April 2027 the
 * first project settled in late April lacks its final accounts — the rules at work on books
 * nobody keeps any more.
 */
const CHECKED_ON = '2026-11-27';
const LATER = ['2026-12-27', '2027-02-25'];
const LAST_CLEAN_DAY = '2027-03-02';

describe('the demo ledger plan', () => {
  it('is the town’s 2,334 records over January–April in its 28 villages, the same every time', () => {
    const plan = demoLedgers();
    expect(plan).toHaveLength(DEMO_LEDGER_TOTAL);
    expect(JSON.stringify(demoLedgers())).toBe(JSON.stringify(plan));
    expect(new Set(plan.map((p) => p.body.regionCode)).size).toBe(28);
    const months = new Set(plan.map((p) => p.body.occurredOn.slice(0, 7)));
    expect([...months].sort()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const kinds = new Set(plan.map((p) => p.body.kind));
    expect(kinds.size).toBe(5);
  });

  it('keeps books the red-flag rules find nothing in, up to the last clean day', () => {
    const plan = demoLedgers();
    expect(plan.every((p) => p.disclosure.mode === 'onTime')).toBe(true);
    // As the rules read the entries once stored and disclosed on time (amendments aside).
    const entries = plan.map(
      (p, i) =>
        ({
          id: `e${i}`,
          regionCode: p.body.regionCode,
          kind: p.body.kind,
          title: p.body.title,
          amount: p.body.amount,
          occurredOn: p.body.occurredOn,
          stage: p.stage,
          status: 'active',
          decision: p.decision ? { passed: true } : null,
          disclosureDueOn: null,
          disclosedOn: null,
          fields: KIND_FIELDS[p.body.kind].parse(p.fields),
        }) as RuleEntry,
    );
    for (const day of [CHECKED_ON, ...LATER, LAST_CLEAN_DAY])
      expect(evaluateRules(entries, DEFAULT_THRESHOLDS, day), day).toEqual([]);
  });
});

describe.each(DB_KINDS)('the demo ledgers loaded on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    await seedDemoLedgers(ctx.db);
  }, 180_000);
  afterAll(() => ctx.close());

  it('stores every entry, the resolutions of the large projects, and a valid chain', async () => {
    const entries = await ctx.db
      .selectFrom('ledger_entry')
      .select(['kind', 'amount', 'decision_id', 'version', 'disclosure_due_on'])
      .execute();
    expect(entries).toHaveLength(DEMO_LEDGER_TOTAL);
    const large = entries.filter((e) => e.kind === 'project' && e.amount >= 10_000_000);
    expect(large.length).toBeGreaterThan(0);
    expect(large.every((e) => e.decision_id !== null)).toBe(true);
    const passed = await ctx.db
      .selectFrom('decision')
      .select('id')
      .where('status', '=', 'passed')
      .execute();
    expect(passed.length).toBe(large.length);
    // A few amended; none still waiting to be disclosed.
    const amended = entries.filter((e) => e.version > 1).length;
    const waiting = entries.filter((e) => e.disclosure_due_on !== null).length;
    expect(amended).toBeGreaterThan(5);
    expect(amended).toBeLessThan(60);
    expect(waiting).toBe(0);
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('shows every disclosure on time and nothing overdue', async () => {
    const town = await ctx.login('town');
    const status = (
      await town.get(
        `/api/v1/disclosure/status?regionCode=${DEMO.town}&from=2026-01-01&to=2026-11-27`,
      )
    ).json<{
      villages: { due: number; onTime: number; late: number; overdue: number }[];
      overdue: unknown[];
    }>();
    const sum = (k: 'due' | 'onTime' | 'late' | 'overdue') =>
      status.villages.reduce((s, v) => s + v[k], 0);
    expect(status.villages).toHaveLength(28);
    expect(sum('due')).toBeGreaterThan(DEMO_LEDGER_TOTAL / 2);
    expect(sum('onTime')).toBe(sum('due'));
    expect(sum('late')).toBe(0);
    expect(sum('overdue')).toBe(0);
    expect(status.overdue).toEqual([]);
  });

  it('lets a resident find road works by a two-character word', async () => {
    const reply = await ctx.anon.get(
      `/api/v1/public/entries?regionCode=${DEMO.town}&q=${encodeURIComponent('道路')}`,
    );
    const page = reply.json<{ total: number; items: { title: string }[] }>();
    const latest = await ctx.db
      .selectFrom('disclosure')
      .select('search_text')
      .where('is_latest', '=', 1)
      .execute();
    expect(page.total).toBe(latest.filter((d) => d.search_text.includes('道路')).length);
    expect(page.total).toBeGreaterThan(10);
    expect(page.items.some((i) => i.title.includes('道路'))).toBe(true);
    const works = await ctx.anon.get(
      `/api/v1/public/entries?regionCode=${DEMO.town}&q=${encodeURIComponent('工程')}&period=2026-03&kind=project`,
    );
    expect(works.json<{ total: number }>().total).toBeGreaterThan(0);
  });
});

describe.each(DB_KINDS)('the whole demo loaded on %s', (kind) => {
  let ctx: TestContext;
  let summary: DemoSupervisionSummary;

  beforeAll(async () => {
    // As `qingfeng seed` loads it (main.ts: loadDemo), its rescan on the day checked.
    ctx = await createTestContext(kind);
    await seedDemoLedgers(ctx.db);
    await seedDemoCases(ctx.db);
    await seedDemoServices(ctx.db);
    summary = await seedDemoSupervision(
      ctx.db,
      ctx.config,
      new Date(`${CHECKED_ON}T12:00:00+08:00`),
    );
  }, 300_000);
  afterAll(() => ctx.close());

  it('leaves the rules only the three planted red flags, on the day and as days pass', async () => {
    const titles = new Map(
      (await ctx.db.selectFrom('ledger_entry').select(['id', 'title']).execute()).map((e) => [
        e.id,
        e.title,
      ]),
    );
    const planted = Object.entries(PLANTED_VILLAGES).map(([rule, village]) => ({
      rule,
      regionCode: village.code,
      severity: 'red',
      titles: [...PLANTED_TITLES[rule as keyof typeof PLANTED_TITLES]].sort(),
    }));
    expect(summary.warnings).toBe(planted.length);
    for (const day of [CHECKED_ON, ...LATER]) {
      const scans = await rescanRules(ctx.db, DEMO_TOWN_CODE, day);
      const hits = scans.flatMap((v) =>
        v.hits.map((h) => ({
          rule: h.rule,
          regionCode: h.regionCode,
          severity: h.severity,
          titles: h.entryIds.map((id) => titles.get(id)).sort(),
        })),
      );
      expect(hits, day).toEqual(expect.arrayContaining(planted));
      expect(hits, day).toHaveLength(planted.length);
      // Green everywhere but the three villages of the planted flags.
      expect(scans).toHaveLength(28);
      expect(
        scans
          .filter((v) => v.level !== 'green')
          .map((v) => v.regionCode)
          .sort(),
      ).toEqual(planted.map((p) => p.regionCode).sort());
    }
  });
});
