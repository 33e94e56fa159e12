import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type TestContext,
} from '../../../test/support/context.js';
import { verifyAudit } from '../platform/audit/verify.js';
import { DEMO_LEDGER_TOTAL, demoLedgers } from './demo-ledgers.js';
import { seedDemoLedgers } from './seed.js';

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
    // A few amended, a few still waiting to be disclosed.
    const amended = entries.filter((e) => e.version > 1).length;
    const waiting = entries.filter((e) => e.disclosure_due_on !== null).length;
    expect(amended).toBeGreaterThan(5);
    expect(amended).toBeLessThan(60);
    expect(waiting).toBeGreaterThan(0);
    expect(waiting).toBeLessThan(60);
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('shows mostly on-time disclosure, a few late, and the overdue list', async () => {
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
    expect(sum('onTime') / sum('due')).toBeGreaterThan(0.9);
    expect(sum('late')).toBeGreaterThan(0);
    expect(status.overdue.length).toBe(sum('overdue'));
    expect(sum('overdue')).toBeGreaterThan(0);
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
