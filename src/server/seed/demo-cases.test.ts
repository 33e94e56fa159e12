import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type TestContext,
} from '../../../test/support/context.js';
import { verifyAudit } from '../platform/audit/verify.js';
import { DEMO_CASE_TOTAL, seedDemoCases } from './demo-cases.js';

describe.each(DB_KINDS)('the demo cases on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    await seedDemoCases(ctx.db);
  }, 120_000);
  afterAll(() => ctx.close());

  it('fills the inbox with cases in every stage, through the engine, with a valid chain', async () => {
    const rows = await ctx.db.selectFrom('cases').select(['status', 'overdue', 'rating']).execute();
    expect(rows).toHaveLength(DEMO_CASE_TOTAL);
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['dispatched', 'signed', 'in_progress', 'closed'])
      expect(statuses).toContain(s);
    expect(rows.filter((r) => r.status === 'closed').length).toBeGreaterThan(DEMO_CASE_TOTAL / 4);
    expect(rows.some((r) => r.overdue > 0 && r.status !== 'closed')).toBe(true);
    expect(rows.some((r) => r.rating !== null)).toBe(true);
    // Every closed case has its reply and verifier (the machine's invariant held in the data).
    const closed = await ctx.db
      .selectFrom('cases')
      .select(['reply', 'verified_by'])
      .where('status', '=', 'closed')
      .execute();
    expect(closed.every((c) => c.reply !== null && c.verified_by !== null)).toBe(true);
    const town = await ctx.login('town');
    const inbox = (await town.get(`/api/v1/cases?regionCode=${DEMO.town}&open=1`)).json<{
      items: { overdue: number }[];
    }>();
    expect(inbox.items[0]?.overdue).toBeGreaterThan(0);
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });
});
