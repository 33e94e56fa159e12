import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import { rescanRules } from './rules.service.js';

interface Cell {
  regionCode: string;
  regionName: string;
  red: number;
  yellow: number;
  level: 'red' | 'yellow' | 'green';
}
interface Hit {
  rule: string;
  key: string;
  entryIds: string[];
  severity: 'red' | 'yellow';
  evidence: Record<string, unknown>;
  threshold: Record<string, unknown>;
}

describe.each(DB_KINDS)('red-flag rules over the ledgers on %s', (kind) => {
  let ctx: TestContext;
  let cadre: Client;
  let jiwei: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    cadre = await ctx.login('cadre');
    jiwei = await ctx.login('jiwei');
  });
  afterAll(() => ctx.close());

  const grid = async () =>
    (await jiwei.get(`/api/v1/supervision/grid?regionCode=${DEMO.town}`)).json<Cell[]>();
  const hits = async () =>
    (await jiwei.get(`/api/v1/supervision/hits?regionCode=${DEMO.villageA}`)).json<Hit[]>();

  it('turns a village red on a cash payment above the limit, and green again once it is voided', async () => {
    const before = await grid();
    expect(before.find((c) => c.regionCode === DEMO.villageA)).toMatchObject({
      regionName: '石桥村',
      level: 'green',
    });
    const created = await cadre.post('/api/v1/ledger', {
      kind: 'fund',
      regionCode: DEMO.villageA,
      title: '支付修路民工工资（现金）',
      amount: 860_000,
      // Today: its monthly disclosure is not yet due, so the cash payment is the only flag.
      occurredOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      fields: {
        direction: 'expense',
        counterparty: '张三',
        method: 'cash',
        purpose: '修路民工工资',
        approvals: [],
      },
      attachments: [],
    });
    expect(created.status).toBe(201);
    const entry = created.json<{ id: string; version: number }>();

    const found = (await hits()).filter((h) => h.rule === 'cashPayment');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'red', entryIds: [entry.id] });
    expect(found[0]!.threshold).toMatchObject({ cashPaymentMaxFen: 100_000 });
    expect((await grid()).find((c) => c.regionCode === DEMO.villageA)).toMatchObject({
      level: 'red',
      red: 1,
    });
    // Another village is not touched.
    expect((await grid()).find((c) => c.regionCode === DEMO.villageB)?.level).toBe('green');

    // The warning is not cleared by a click: it goes when the cause is gone.
    const voided = await cadre.post(`/api/v1/ledger/${entry.id}/void`, {
      reason: '误录，改为转账支付',
    });
    expect(voided.status).toBe(200);
    expect((await hits()).filter((h) => h.rule === 'cashPayment')).toEqual([]);
    expect((await grid()).find((c) => c.regionCode === DEMO.villageA)?.level).toBe('green');
  });

  it('judges by the county’s own thresholds, which must be positive', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const created = await cadre.post('/api/v1/ledger', {
      kind: 'fund',
      regionCode: DEMO.villageA,
      title: '支付保洁员工资（现金）',
      amount: 300_000,
      occurredOn: today,
      fields: {
        direction: 'expense',
        counterparty: '李四',
        method: 'cash',
        purpose: '保洁员工资',
        approvals: [],
      },
      attachments: [],
    });
    expect(created.status).toBe(201);
    expect((await hits()).map((h) => h.rule)).toContain('cashPayment');

    const admin = await ctx.login('admin');
    const inForce = (await admin.get(`/api/v1/policies/in-force?regionCode=${DEMO.county}`)).json<{
      policy: { redFlags: Record<string, number> };
    }>().policy;
    expect(inForce.redFlags.cashPaymentMaxFen).toBe(100_000);
    const refused = await admin.post('/api/v1/policies', {
      countyCode: DEMO.county,
      effectiveFrom: today,
      reason: '错误的阈值',
      policy: { ...inForce, redFlags: { ...inForce.redFlags, cashPaymentMaxFen: 0 } },
    });
    expect(refused.status).toBe(400);
    expect(refused.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'policy.redFlags.cashPaymentMaxFen', message: '阈值必须大于 0' },
    ]);
    // ¥5,000 in cash is allowed from today in this county: the ¥3,000 payment is no flag.
    const published = await admin.post('/api/v1/policies', {
      countyCode: DEMO.county,
      effectiveFrom: today,
      reason: '提高现金支付限额',
      policy: { ...inForce, redFlags: { ...inForce.redFlags, cashPaymentMaxFen: 500_000 } },
    });
    expect(published.status).toBe(201);
    const cash = (await hits()).find((h) => h.rule === 'cashPayment');
    expect(cash).toBeUndefined();
  });

  it('rescans every village of a town straight from the tables', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const created = await cadre.post('/api/v1/ledger', {
      kind: 'fund',
      regionCode: DEMO.villageA,
      title: '支付临时工工资（现金）',
      amount: 2_000_000,
      occurredOn: today,
      fields: {
        direction: 'expense',
        counterparty: '王五',
        method: 'cash',
        purpose: '临时工工资',
        approvals: [],
      },
      attachments: [],
    });
    expect(created.status).toBe(201);
    const scans = await rescanRules(ctx.db, DEMO.town);
    const villageA = scans.find((s) => s.regionCode === DEMO.villageA)!;
    expect(villageA.level).toBe('red');
    expect(villageA.hits.map((h) => h.rule)).toContain('cashPayment');
    expect(scans.find((s) => s.regionCode === DEMO.villageB)?.level).toBe('green');
    expect(scans.every((s) => s.regionCode.startsWith(DEMO.town.slice(0, 9)))).toBe(true);
  });

  it('shows the grid to the town’s staff only, for a town or village', async () => {
    expect((await ctx.anon.get(`/api/v1/supervision/grid?regionCode=${DEMO.town}`)).status).toBe(
      401,
    );
    const cadre2 = await ctx.login('cadre2');
    const own = (await cadre2.get(`/api/v1/supervision/grid?regionCode=${DEMO.villageB}`)).json<
      Cell[]
    >();
    expect(own.map((c) => c.regionCode)).toEqual([DEMO.villageB]);
    expect((await cadre2.get(`/api/v1/supervision/grid?regionCode=${DEMO.villageA}`)).status).toBe(
      403,
    );
    const county = await jiwei.get(`/api/v1/supervision/grid?regionCode=${DEMO.county}`);
    expect(county.status).toBe(400);
    expect(county.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('regionCode');
  });
});
