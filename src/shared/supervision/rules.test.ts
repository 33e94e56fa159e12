import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy.js';
import type { KindFields, LedgerKind } from '../schemas/ledger.js';
import {
  approverIsPayee,
  cashPayment,
  checkThresholds,
  contractSplitting,
  DEFAULT_THRESHOLDS,
  disclosureOverdue,
  duplicatePayment,
  evaluateRules,
  finalAccountsMissing,
  labourConfirmedLate,
  leaseBelowReference,
  leaseTermTooLong,
  noResolution,
  rentOverdue,
  RULE_IDS,
  RULES,
  rulesTouchedBy,
  settlementOverrun,
  thresholdsFromPolicy,
  workerNotApproved,
  type RuleEntry,
  type RuleHit,
  type RuleId,
  type RuleThresholds,
} from './rules.js';

const V1 = '339901101201';
const V2 = '339901101202';
const T = DEFAULT_THRESHOLDS;
const yuan = (n: number) => Math.round(n * 100);

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Builders

type EntryOf<K extends LedgerKind> = Extract<RuleEntry, { kind: K }>;
type Overrides<K extends LedgerKind> = Partial<Omit<EntryOf<K>, 'kind' | 'fields'>> & {
  fields?: Partial<KindFields[K]>;
};

const DEFAULT_FIELDS: { [K in LedgerKind]: KindFields[K] } = {
  project: { acceptances: [], payments: [] },
  procurement: {
    item: '办公用品',
    quotations: [{ supplier: '清源县百货商行', amount: yuan(1000) }],
    method: 'simple',
    payments: [],
  },
  labour: { workers: [], confirmations: [], payments: [] },
  fund: {
    direction: 'expense',
    counterparty: '清源县百货商行',
    method: 'transfer',
    purpose: '办公用品',
    approvals: [],
  },
  asset: {
    asset: '村集体厂房',
    lessee: '张三',
    termStart: '2026-01-01',
    termEnd: '2026-12-31',
    referencePrice: yuan(10_000),
    rentPayments: [],
  },
};

let seq = 0;
function entry<K extends LedgerKind>(kind: K, over: Overrides<K> = {}): EntryOf<K> {
  const { fields, ...rest } = over;
  seq += 1;
  return {
    id: `e${String(seq).padStart(4, '0')}`,
    regionCode: V1,
    kind,
    title: '村道硬化',
    amount: 0,
    occurredOn: '2026-01-10',
    stage: kind === 'project' || kind === 'procurement' ? 'initiated' : 'recorded',
    status: 'active',
    decision: null,
    disclosureDueOn: null,
    disclosedOn: null,
    ...rest,
    fields: { ...DEFAULT_FIELDS[kind], ...fields },
  } as unknown as EntryOf<K>;
}

const contract = (party: string, amount: number, on = '2026-01-20') => ({
  on,
  party,
  creditCode: '91330000000000000X',
  amount,
});
const pay = (
  payee: string,
  amount: number,
  on: string,
  extra: { method?: 'cash' | 'transfer'; invoiceNo?: string } = {},
) => ({ payee, amount, on, method: extra.method ?? ('transfer' as const), ...extra });

const keys = (hits: readonly RuleHit[]) => hits.map((h) => h.key);

// ---------------------------------------------------------------------------------------------
// Examples, a hit and a near miss per rule

describe('contract splitting (拆分项目)', () => {
  it('flags pieces of one contractor that together reach a tier, red', () => {
    const a = entry('project', {
      amount: yuan(60_000),
      occurredOn: '2026-02-01',
      fields: { contract: contract('甲建筑公司', yuan(60_000)) },
    });
    const b = entry('project', {
      title: '村道路灯',
      amount: yuan(40_000),
      occurredOn: '2026-03-03',
      fields: { contract: contract('甲 建筑公司', yuan(40_000)) },
    });
    const hits = contractSplitting([a, b], T, '2026-06-01');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      rule: 'contractSplitting',
      key: `contractSplitting:${a.id},${b.id}`,
      severity: 'red',
      evidence: { tier: yuan(100_000), sum: yuan(100_000), spanDays: 30, sameParty: true },
    });
  });

  it('does not flag a sum just under the tier, pieces too far apart, or a piece at the tier', () => {
    const piece = (party: string, amount: number, on: string) =>
      entry('project', {
        title: `工程${seq}`,
        amount,
        occurredOn: on,
        fields: { contract: contract(party, amount) },
      });
    const under = [piece('甲', yuan(60_000), '2026-02-01'), piece('甲', 3_999_999, '2026-02-02')];
    expect(contractSplitting(under, T, '2026-06-01')).toEqual([]);
    const apart = [
      piece('乙', yuan(60_000), '2026-02-01'),
      piece('乙', yuan(60_000), '2026-03-04'),
    ];
    expect(contractSplitting(apart, T, '2026-06-01')).toEqual([]);
    // A piece at the ¥100k tier is not under it; the pair stays under the ¥500k tier.
    const atTier = [piece('丙', yuan(100_000), '2026-02-01'), piece('丙', yuan(1), '2026-02-01')];
    expect(contractSplitting(atTier, T, '2026-06-01')).toEqual([]);
  });

  it('flags purchases of the same item from different suppliers, yellow, largest set only', () => {
    const buy = (party: string, amount: number, on: string) =>
      entry('procurement', {
        amount,
        occurredOn: on,
        fields: { item: '路灯（LED）', contract: { on, party, amount } },
      });
    const pieces = [
      buy('甲商行', yuan(1500), '2026-04-01'),
      buy('乙商行', yuan(1500), '2026-04-05'),
      buy('丙商行', yuan(1500), '2026-04-09'),
    ];
    const hits = contractSplitting(pieces, T, '2026-06-01');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.entryIds).toEqual(pieces.map((p) => p.id));
    expect(hits[0]).toMatchObject({
      severity: 'yellow',
      evidence: { tier: yuan(2000), sum: yuan(4500), sameParty: false, sameItem: true },
    });
  });
});

describe('spend above the tier without a passed resolution', () => {
  const contracted = (amount: number, decision: RuleEntry['decision']) =>
    entry('project', {
      amount,
      stage: 'contracted',
      decision,
      fields: { contract: contract('甲建筑公司', amount) },
    });

  it('flags a contract at the tier with no decision or a decision that did not pass', () => {
    const none = contracted(yuan(100_000), null);
    const failed = contracted(yuan(300_000), { passed: false });
    const hits = noResolution([none, failed], T, '2026-06-01');
    expect(hits.map((h) => [h.entryIds[0], h.evidence.decision])).toEqual([
      [none.id, 'none'],
      [failed.id, 'notPassed'],
    ]);
    expect(hits[0]?.threshold).toEqual({ resolutionRequiredFrom: yuan(100_000) });
  });

  it('passes just under the tier, with a passed resolution, and before any contract', () => {
    const under = contracted(yuan(100_000) - 1, null);
    const passed = contracted(yuan(300_000), { passed: true });
    const planned = entry('project', { amount: yuan(300_000) });
    expect(noResolution([under, passed, planned], T, '2026-06-01')).toEqual([]);
  });
});

describe('settlement above the contract', () => {
  it('flags a settlement more than 10% over the contract', () => {
    const e = entry('project', {
      amount: yuan(120_000),
      fields: {
        contract: contract('甲建筑公司', yuan(100_000)),
        settlement: { on: '2026-05-01', amount: yuan(110_000) + 1 },
      },
    });
    expect(settlementOverrun([e], T, '2026-06-01')[0]?.evidence).toMatchObject({
      base: yuan(100_000),
      baseIs: 'contract',
      overrun: yuan(10_000) + 1,
    });
  });

  it('passes exactly 10% over, and compares a purchase paid without a contract to its budget', () => {
    const exact = entry('project', {
      fields: {
        contract: contract('甲建筑公司', yuan(100_000)),
        settlement: { on: '2026-05-01', amount: yuan(110_000) },
      },
    });
    const bought = entry('procurement', {
      amount: yuan(1000),
      fields: { payments: [pay('乙商行', yuan(1101), '2026-02-01')] },
    });
    const hits = settlementOverrun([exact, bought], T, '2026-06-01');
    expect(hits.map((h) => h.entryIds[0])).toEqual([bought.id]);
    expect(hits[0]?.evidence).toMatchObject({ baseIs: 'budget', finalIs: 'paid' });
  });
});

describe('duplicate payments', () => {
  it('flags the same invoice at any distance (red), across a project and a fund expense', () => {
    const p = entry('project', {
      fields: { payments: [pay('甲建筑公司', yuan(30_000), '2026-01-05', { invoiceNo: 'A1' })] },
    });
    const f = entry('fund', {
      amount: yuan(12_000),
      occurredOn: '2026-09-01',
      fields: { counterparty: '丙公司', invoiceNo: ' a1 ' },
    });
    const hits = duplicatePayment([p, f], T, '2026-10-01');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 'red', entryIds: [p.id, f.id].sort() });
  });

  it('flags the same payee and amount within 7 days (yellow), not 8 days apart', () => {
    const labour = (on: string) =>
      entry('labour', {
        fields: { workers: [{ name: '张三' }], payments: [pay('张三', yuan(800), on)] },
      });
    const [a, b, c] = [labour('2026-03-01'), labour('2026-03-08'), labour('2026-03-16')];
    const hits = duplicatePayment([a, b, c], T, '2026-06-01');
    expect(hits.map((h) => [h.entryIds, h.severity])).toEqual([[[a.id, b.id], 'yellow']]);
  });
});

describe('approver is the payee', () => {
  it('flags a fund expense paid to one of its approvers, and a worker confirming own work', () => {
    const f = entry('fund', {
      amount: yuan(500),
      fields: {
        counterparty: '李四',
        approvals: [
          { role: 'committee_head', name: '李四', on: '2026-01-09' },
          { role: 'secretary', name: '王五', on: '2026-01-09' },
        ],
      },
    });
    const l = entry('labour', {
      fields: {
        workers: [{ name: '张三' }],
        confirmations: [
          {
            on: '2026-01-10',
            worker: '张三',
            amount: yuan(200),
            confirmedBy: '张三',
            confirmedOn: '2026-01-10',
          },
        ],
      },
    });
    const hits = approverIsPayee([f, l], T, '2026-06-01');
    expect(hits.map((h) => h.entryIds[0])).toEqual([f.id, l.id]);
    expect(hits[0]?.evidence.roles).toEqual(['committee_head']);
  });

  it('passes income from an approver and work confirmed by someone else', () => {
    const f = entry('fund', {
      fields: {
        direction: 'income',
        counterparty: '李四',
        approvals: [{ role: 'committee_head', name: '李四', on: '2026-01-09' }],
      },
    });
    const l = entry('labour', {
      fields: {
        workers: [{ name: '张三' }],
        confirmations: [
          {
            on: '2026-01-10',
            worker: '张三',
            amount: yuan(200),
            confirmedBy: '李四',
            confirmedOn: '2026-01-10',
          },
        ],
      },
    });
    expect(approverIsPayee([f, l], T, '2026-06-01')).toEqual([]);
  });
});

describe('cash payments', () => {
  it('flags cash above ¥1,000 and passes cash at ¥1,000 or transfers above it', () => {
    const over = entry('fund', {
      amount: yuan(1000) + 1,
      fields: { method: 'cash' },
    });
    const at = entry('fund', { amount: yuan(1000), fields: { method: 'cash' } });
    const transfer = entry('project', {
      fields: { payments: [pay('甲建筑公司', yuan(50_000), '2026-02-01')] },
    });
    const labour = entry('labour', {
      fields: {
        workers: [{ name: '张三' }],
        payments: [pay('张三', yuan(1200), '2026-02-01', { method: 'cash' })],
      },
    });
    const hits = cashPayment([over, at, transfer, labour], T, '2026-06-01');
    expect(hits.map((h) => h.entryIds[0])).toEqual([over.id, labour.id]);
    expect(hits[1]?.evidence.total).toBe(yuan(1200));
  });
});

describe('labour', () => {
  const confirmation = (worker: string, on: string, confirmedOn: string) => ({
    on,
    worker,
    amount: yuan(200),
    confirmedBy: '村主任',
    confirmedOn,
  });

  it('flags a worker or payee not on the approved list', () => {
    const e = entry('labour', {
      fields: {
        workers: [{ name: '张三' }],
        confirmations: [confirmation('张三', '2026-01-10', '2026-01-10')],
        payments: [pay('赵六', yuan(200), '2026-01-12')],
      },
    });
    const ok = entry('labour', {
      fields: {
        workers: [{ name: '张三' }],
        confirmations: [confirmation('张三', '2026-01-10', '2026-01-10')],
        payments: [pay('张三', yuan(200), '2026-01-12')],
      },
    });
    const hits = workerNotApproved([e, ok], T, '2026-06-01');
    expect(hits.map((h) => h.entryIds[0])).toEqual([e.id]);
    expect(hits[0]?.evidence).toMatchObject({ names: ['赵六'], paths: ['fields.payments.0'] });
  });

  it('flags work confirmed two days late, not one day late', () => {
    const late = entry('labour', {
      fields: {
        workers: [{ name: '张三' }],
        confirmations: [confirmation('张三', '2026-01-10', '2026-01-12')],
      },
    });
    const nextDay = entry('labour', {
      fields: {
        workers: [{ name: '张三' }],
        confirmations: [confirmation('张三', '2026-01-10', '2026-01-11')],
      },
    });
    const hits = labourConfirmedLate([late, nextDay], T, '2026-06-01');
    expect(hits.map((h) => [h.entryIds[0], h.severity, h.evidence.maxDaysLate])).toEqual([
      [late.id, 'yellow', 2],
    ]);
  });
});

describe('leases and rent', () => {
  it('flags rent below the reference price, not rent at it', () => {
    const below = entry('asset', { amount: yuan(10_000) - 1 });
    const at = entry('asset', { amount: yuan(10_000) });
    expect(keys(leaseBelowReference([below, at], T, '2026-06-01'))).toEqual([
      `leaseBelowReference:${below.id}`,
    ]);
  });

  it('flags a lease longer than five years, not one of exactly five', () => {
    const five = entry('asset', {
      amount: yuan(10_000),
      fields: { termStart: '2026-01-01', termEnd: '2030-12-31' },
    });
    const longer = entry('asset', {
      amount: yuan(10_000),
      fields: { termStart: '2026-01-01', termEnd: '2031-01-01' },
    });
    const hits = leaseTermTooLong([five, longer], T, '2026-06-01');
    expect(hits.map((h) => [h.entryIds[0], h.evidence.latestEnd])).toEqual([
      [longer.id, '2030-12-31'],
    ]);
  });

  it('flags rent unpaid 61 days after the lease year began, not 60, and clears when paid', () => {
    const lease = entry('asset', {
      amount: yuan(10_000),
      fields: { termStart: '2026-01-01', termEnd: '2028-12-31' },
    });
    expect(rentOverdue([lease], T, '2026-03-02')).toEqual([]);
    expect(rentOverdue([lease], T, '2026-03-03')[0]?.evidence).toMatchObject({
      dueOn: '2026-01-01',
      daysOverdue: 61,
      outstanding: yuan(10_000),
    });
    const paid = {
      ...lease,
      fields: { ...lease.fields, rentPayments: [{ on: '2026-01-05', amount: yuan(10_000) }] },
    };
    expect(rentOverdue([paid], T, '2026-03-03')).toEqual([]);
    expect(rentOverdue([paid], T, '2027-03-03')[0]?.evidence).toMatchObject({
      dueOn: '2027-01-01',
      paid: yuan(10_000),
      outstanding: yuan(10_000),
    });
  });
});

describe('disclosure overdue', () => {
  it('is red while waiting after the due date, yellow when published late, none on time', () => {
    const waiting = entry('fund', { disclosureDueOn: '2026-03-10' });
    const late = entry('fund', { disclosureDueOn: '2026-03-10', disclosedOn: '2026-03-12' });
    const onTime = entry('fund', { disclosureDueOn: '2026-03-10', disclosedOn: '2026-03-10' });
    expect(disclosureOverdue([waiting, onTime], T, '2026-03-10')).toEqual([]);
    const hits = disclosureOverdue([waiting, late, onTime], T, '2026-03-11');
    expect(hits.map((h) => [h.entryIds[0], h.severity])).toEqual([
      [waiting.id, 'red'],
      [late.id, 'yellow'],
    ]);
    expect(hits[0]?.evidence.daysOverdue).toBe(1);
  });
});

describe('final accounts', () => {
  it('is red without final accounts a year and a day after settlement, yellow when done late', () => {
    const settlement = { on: '2025-03-15', amount: yuan(90_000) };
    const missing = entry('project', { fields: { settlement } });
    const late = entry('project', {
      fields: { settlement, priceAudit: { on: '2026-03-16', amount: 1, auditor: '审计所' } },
    });
    const onTime = entry('project', {
      fields: { settlement, priceAudit: { on: '2026-03-15', amount: 1, auditor: '审计所' } },
    });
    expect(finalAccountsMissing([missing, onTime], T, '2026-03-15')).toEqual([]);
    const hits = finalAccountsMissing([missing, late, onTime], T, '2026-03-16');
    expect(hits.map((h) => [h.entryIds[0], h.severity, h.evidence.deadline])).toEqual([
      [missing.id, 'red', '2026-03-15'],
      [late.id, 'yellow', '2026-03-15'],
    ]);
  });
});

describe('thresholds and registry', () => {
  it('takes the tiers from the county policy and accepts the defaults', () => {
    expect(DEFAULT_THRESHOLDS.splitTiers).toEqual({
      project: [yuan(100_000), yuan(500_000), yuan(4_000_000)],
      procurement: [yuan(2000), yuan(100_000), yuan(200_000)],
    });
    expect(checkThresholds(DEFAULT_THRESHOLDS)).toEqual([]);
    const policy = { ...DEFAULT_POLICY, resolutionRequiredFrom: yuan(50_000) };
    const t = thresholdsFromPolicy(policy, { cashPaymentMaxFen: yuan(500) });
    expect(t.resolutionRequiredFrom).toBe(yuan(50_000));
    expect(t.cashPaymentMaxFen).toBe(yuan(500));
    expect(t.splitTiers.project[0]).toBe(yuan(50_000));
  });

  it('names every field that is not a positive number, or not whole', () => {
    const bad: RuleThresholds = {
      ...DEFAULT_THRESHOLDS,
      splitWindowDays: 0,
      cashPaymentMaxFen: -1,
      rentOverdueDays: Number.NaN,
      leaseMaxTermYears: 2.5,
      settlementOverrunPercent: 7.5,
      splitTiers: { project: [yuan(100_000), 0], procurement: [yuan(2000)] },
    };
    expect(checkThresholds(bad)).toEqual([
      { field: 'splitWindowDays', messageKey: 'threshold.positive' },
      { field: 'cashPaymentMaxFen', messageKey: 'threshold.positive' },
      { field: 'leaseMaxTermYears', messageKey: 'threshold.whole' },
      { field: 'rentOverdueDays', messageKey: 'threshold.positive' },
      { field: 'splitTiers.project.1', messageKey: 'threshold.positive' },
    ]);
  });

  it('lists every rule once with a Chinese and English title, and the rules a kind touches', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const rule of RULES) {
      expect(Object.keys(rule.title)).toEqual(['zh-CN', 'en-US']);
      expect(rule.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/u);
    }
    expect(rulesTouchedBy('asset').map((r) => r.id)).toEqual([
      'leaseBelowReference',
      'leaseTermTooLong',
      'rentOverdue',
      'disclosureOverdue',
    ]);
    expect(rulesTouchedBy('fund').map((r) => r.id)).toEqual([
      'duplicatePayment',
      'approverIsPayee',
      'cashPayment',
      'disclosureOverdue',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const NAMES = ['张三', '李四', '王五', '甲建筑公司', '乙建筑公司'] as const;
const dateArb = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-01-01', n));
const todayArb = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2026-01-01', n));
const nameArb = fc.constantFrom(...NAMES);
/** Mostly amounts near the default tiers, so that pieces add up and payments repeat. */
const amountArb = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      yuan(500),
      yuan(1000),
      yuan(1500),
      yuan(2000),
      yuan(60_000),
      yuan(99_999),
      yuan(100_000),
      yuan(150_000),
    ),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 0, max: yuan(600_000) }), weight: 1 },
);
const invoiceArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.constantFrom('3300001', '3300002', '3300003', '3300004'), weight: 1 },
);
const paymentArb = fc.record({
  on: dateArb,
  amount: amountArb,
  payee: nameArb,
  method: fc.constantFrom('transfer' as const, 'transfer' as const, 'cash' as const),
  invoiceNo: invoiceArb,
});
const paymentsArb = fc.array(paymentArb, { maxLength: 3 });

const baseArb = fc.record({
  id: fc.constant(''),
  regionCode: fc.constantFrom(V1, V2),
  amount: amountArb,
  occurredOn: dateArb,
  status: fc.constantFrom(
    'active' as const,
    'active' as const,
    'active' as const,
    'voided' as const,
  ),
  decision: fc.option(fc.record({ passed: fc.boolean() }), { nil: null }),
  disclosureDueOn: fc.option(dateArb, { nil: null }),
  disclosedOn: fc.option(dateArb, { nil: null }),
});

const contractArb = fc.option(
  fc.record({ on: dateArb, party: nameArb, creditCode: fc.constant('x'), amount: amountArb }),
  { nil: undefined },
);

const projectArb = fc
  .tuple(
    baseArb,
    fc.constantFrom('道路硬化', '道路硬化（二期）', '路灯安装'),
    contractArb,
    fc.option(fc.record({ on: dateArb, amount: amountArb }), { nil: undefined }),
    fc.option(fc.record({ on: dateArb, amount: amountArb, auditor: fc.constant('审计所') }), {
      nil: undefined,
    }),
    paymentsArb,
  )
  .map(([base, title, c, settlement, priceAudit, payments]): RuleEntry => ({
    ...base,
    kind: 'project',
    title,
    stage: 'initiated',
    fields: { contract: c, settlement, priceAudit, acceptances: [], payments },
  }));

const procurementArb = fc
  .tuple(baseArb, fc.constantFrom('办公用品', '路灯', '水泥'), contractArb, paymentsArb)
  .map(([base, item, c, payments]): RuleEntry => ({
    ...base,
    kind: 'procurement',
    title: `采购${item}`,
    stage: 'initiated',
    fields: {
      item,
      quotations: [{ supplier: '甲', amount: 1 }],
      method: 'simple',
      contract: c,
      payments,
    },
  }));

const labourArb = fc
  .tuple(
    baseArb,
    fc.subarray([...NAMES]),
    fc.array(
      fc.record({
        on: dateArb,
        worker: nameArb,
        amount: amountArb,
        confirmedBy: nameArb,
        late: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 3 },
    ),
    paymentsArb,
  )
  .map(([base, workers, confirmations, payments]): RuleEntry => ({
    ...base,
    kind: 'labour',
    title: '保洁用工',
    stage: 'recorded',
    fields: {
      workers: workers.map((name) => ({ name })),
      confirmations: confirmations.map(({ late, ...c }) => ({
        ...c,
        confirmedOn: addDays(c.on, late),
      })),
      payments,
    },
  }));

const fundArb = fc
  .tuple(
    baseArb,
    fc.constantFrom('income' as const, 'expense' as const, 'expense' as const),
    nameArb,
    fc.constantFrom('transfer' as const, 'cash' as const),
    invoiceArb,
    fc.array(fc.record({ name: nameArb, on: dateArb }), { maxLength: 3 }),
  )
  .map(([base, direction, counterparty, method, invoiceNo, approvals]): RuleEntry => ({
    ...base,
    kind: 'fund',
    title: '资金往来',
    stage: 'recorded',
    fields: {
      direction,
      counterparty,
      method,
      invoiceNo,
      purpose: '往来',
      approvals: approvals.map((a, i) => ({
        ...a,
        role: (['committee_head', 'secretary', 'supervision_committee'] as const)[i]!,
      })),
    },
  }));

const assetArb = fc
  .tuple(
    baseArb,
    dateArb,
    fc.integer({ min: 0, max: 365 * 7 }),
    amountArb,
    fc.array(fc.record({ on: dateArb, amount: amountArb }), { maxLength: 3 }),
  )
  .map(([base, termStart, days, referencePrice, rentPayments]): RuleEntry => ({
    ...base,
    kind: 'asset',
    title: '厂房出租',
    stage: 'recorded',
    fields: {
      asset: '厂房',
      lessee: '张三',
      termStart,
      termEnd: addDays(termStart, days),
      referencePrice,
      rentPayments,
    },
  }));

const anyEntryArb = fc.oneof(projectArb, procurementArb, labourArb, fundArb, assetArb);

/** Entries with unique ids, `prefix` keeping two generated lists apart. */
const entriesArb = (prefix = 'e', maxLength = 30, minLength = 5) =>
  fc
    .array(anyEntryArb, { minLength, maxLength })
    .map((list) =>
      list.map((e, i): RuleEntry => ({ ...e, id: `${prefix}${String(i).padStart(3, '0')}` })),
    );

const ruleOf = (id: RuleId) => RULES.find((r) => r.id === id)!;
const hitsOf = (id: RuleId, entries: readonly RuleEntry[], t: RuleThresholds, today: string) =>
  ruleOf(id).evaluate(entries, t, today);

describe('rule properties', () => {
  it('do not depend on the order of the entries', () => {
    fc.assert(
      fc.property(
        entriesArb().chain((es) =>
          fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length })),
        ),
        todayArb,
        ([entries, shuffled], today) => {
          expect(evaluateRules(shuffled, T, today)).toEqual(evaluateRules(entries, T, today));
        },
      ),
    );
  });

  it('give each hit a deterministic, unique key of its rule and sorted entries', () => {
    fc.assert(
      fc.property(entriesArb(), todayArb, (entries, today) => {
        const hits = evaluateRules(entries, T, today);
        expect(evaluateRules(entries, T, today)).toEqual(hits);
        const byId = new Map(entries.map((e) => [e.id, e]));
        expect(new Set(keys(hits)).size).toBe(hits.length);
        expect(keys(hits)).toEqual([...keys(hits)].sort());
        for (const hit of hits) {
          expect(hit.entryIds).toEqual([...new Set(hit.entryIds)].sort());
          expect(hit.key).toBe(`${hit.rule}:${hit.entryIds.join(',')}`);
          for (const id of hit.entryIds) {
            const e = byId.get(id)!;
            expect(e.status).toBe('active');
            expect(e.regionCode).toBe(hit.regionCode);
            expect(ruleOf(hit.rule).kinds).toContain(e.kind);
          }
        }
      }),
    );
  });

  it('change with the date only for the rules marked daily', () => {
    expect(RULES.filter((r) => r.daily).map((r) => r.id)).toEqual([
      'rentOverdue',
      'disclosureOverdue',
      'finalAccountsMissing',
    ]);
    fc.assert(
      fc.property(entriesArb(), todayArb, todayArb, (entries, a, b) => {
        for (const rule of RULES.filter((r) => !r.daily))
          expect(rule.evaluate(entries, T, a)).toEqual(rule.evaluate(entries, T, b));
      }),
    );
  });

  it('read only the kinds each rule declares', () => {
    fc.assert(
      fc.property(entriesArb(), todayArb, (entries, today) => {
        for (const rule of RULES) {
          const own = entries.filter((e) => rule.kinds.includes(e.kind));
          expect(rule.evaluate(own, T, today)).toEqual(rule.evaluate(entries, T, today));
        }
      }),
    );
  });

  const LIMITS = [
    'resolutionRequiredFrom',
    'settlementOverrunPercent',
    'cashPaymentMaxFen',
    'labourConfirmMaxDaysLate',
    'leaseMaxTermYears',
    'rentOverdueDays',
    'finalAccountsMonths',
  ] as const;

  it('never add a hit when a limit is raised', () => {
    fc.assert(
      fc.property(
        entriesArb(),
        todayArb,
        fc.constantFrom(...LIMITS),
        fc.integer({ min: 1, max: 5 }),
        fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 1000 })),
        (entries, today, field, low, raise) => {
          const scale = field === 'resolutionRequiredFrom' || field === 'cashPaymentMaxFen';
          const lower = { ...T, [field]: scale ? low * yuan(20_000) : low };
          const higher = { ...lower, [field]: lower[field] + (scale ? raise * yuan(100) : raise) };
          for (const rule of RULES.filter((r) => r.thresholds.includes(field))) {
            const before = new Set(keys(rule.evaluate(entries, lower, today)));
            for (const key of keys(rule.evaluate(entries, higher, today)))
              expect(before).toContain(key);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never flag another entry when a window is narrowed', () => {
    fc.assert(
      fc.property(
        entriesArb('e', 40, 20),
        fc.constantFrom('splitWindowDays' as const, 'duplicatePaymentWindowDays' as const),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (entries, field, a, b) => {
          const flagged = (days: number) =>
            new Set(
              RULES.filter((r) => r.thresholds.includes(field)).flatMap((r) =>
                r
                  .evaluate(entries, { ...T, [field]: days }, '2026-06-01')
                  .flatMap((h) => h.entryIds),
              ),
            );
          const wide = flagged(Math.max(a, b));
          for (const id of flagged(Math.min(a, b))) expect(wide).toContain(id);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never let another village's entries change a village's hits", () => {
    fc.assert(
      fc.property(entriesArb('a'), entriesArb('b'), todayArb, (mine, theirs, today) => {
        const village = mine.map((e): RuleEntry => ({ ...e, regionCode: V1 }));
        const others = theirs.map((e): RuleEntry => ({ ...e, regionCode: V2 }));
        const together = evaluateRules([...others, ...village], T, today).filter(
          (h) => h.regionCode === V1,
        );
        expect(together).toEqual(evaluateRules(village, T, today));
      }),
    );
  });

  it('never count voided entries', () => {
    fc.assert(
      fc.property(entriesArb('a'), entriesArb('v'), todayArb, (entries, extra, today) => {
        const voided = extra.map((e): RuleEntry => ({ ...e, status: 'voided' }));
        expect(evaluateRules(voided, T, today)).toEqual([]);
        expect(evaluateRules([...voided, ...entries], T, today)).toEqual(
          evaluateRules(entries, T, today),
        );
      }),
    );
  });

  /** A correction of each rule's cause, applied to every entry. */
  const FIXES: Record<RuleId, (e: RuleEntry) => RuleEntry> = {
    contractSplitting: (e) => {
      if (e.kind === 'project')
        return {
          ...e,
          title: e.id,
          fields: {
            ...e.fields,
            contract: e.fields.contract && { ...e.fields.contract, party: e.id },
          },
        };
      if (e.kind === 'procurement')
        return {
          ...e,
          fields: {
            ...e.fields,
            item: e.id,
            contract: e.fields.contract && { ...e.fields.contract, party: e.id },
          },
        };
      return e;
    },
    noResolution: (e) => ({ ...e, decision: { passed: true } }),
    settlementOverrun: (e) => {
      if (e.kind === 'project' && e.fields.settlement) {
        const base = e.fields.contract?.amount ?? e.amount;
        return {
          ...e,
          fields: { ...e.fields, settlement: { ...e.fields.settlement, amount: base } },
        };
      }
      if (e.kind === 'procurement') {
        const paid = e.fields.payments.reduce((s, p) => s + p.amount, 0);
        const c = e.fields.contract;
        return c
          ? { ...e, fields: { ...e.fields, contract: { ...c, amount: Math.max(c.amount, paid) } } }
          : { ...e, amount: Math.max(e.amount, paid) };
      }
      return e;
    },
    duplicatePayment: (e) => {
      if (e.kind === 'fund')
        return { ...e, fields: { ...e.fields, counterparty: e.id, invoiceNo: undefined } };
      if (e.kind === 'asset') return e;
      const payments = e.fields.payments.map((p, i) => ({
        ...p,
        payee: `${e.id}-${i}`,
        invoiceNo: undefined,
      }));
      return { ...e, fields: { ...e.fields, payments } } as RuleEntry;
    },
    approverIsPayee: (e) => {
      if (e.kind === 'fund')
        return { ...e, fields: { ...e.fields, counterparty: `${e.id}-payee` } };
      if (e.kind === 'labour') {
        const confirmations = e.fields.confirmations.map((c) => ({ ...c, confirmedBy: '村委会' }));
        return { ...e, fields: { ...e.fields, confirmations } };
      }
      return e;
    },
    cashPayment: (e) => {
      if (e.kind === 'fund') return { ...e, fields: { ...e.fields, method: 'transfer' } };
      if (e.kind === 'asset') return e;
      const payments = e.fields.payments.map((p) => ({ ...p, method: 'transfer' as const }));
      return { ...e, fields: { ...e.fields, payments } } as RuleEntry;
    },
    workerNotApproved: (e) => {
      if (e.kind !== 'labour') return e;
      const names = new Set([
        ...e.fields.workers.map((w) => w.name),
        ...e.fields.confirmations.map((c) => c.worker),
        ...e.fields.payments.map((p) => p.payee),
      ]);
      return { ...e, fields: { ...e.fields, workers: [...names].map((name) => ({ name })) } };
    },
    labourConfirmedLate: (e) => {
      if (e.kind !== 'labour') return e;
      const confirmations = e.fields.confirmations.map((c) => ({ ...c, confirmedOn: c.on }));
      return { ...e, fields: { ...e.fields, confirmations } };
    },
    leaseBelowReference: (e) =>
      e.kind === 'asset' ? { ...e, amount: Math.max(e.amount, e.fields.referencePrice) } : e,
    leaseTermTooLong: (e) =>
      e.kind === 'asset' ? { ...e, fields: { ...e.fields, termEnd: e.fields.termStart } } : e,
    rentOverdue: (e) =>
      e.kind === 'asset'
        ? {
            ...e,
            fields: {
              ...e.fields,
              rentPayments: [{ on: e.fields.termStart, amount: e.amount * 100 }],
            },
          }
        : e,
    disclosureOverdue: (e) => ({ ...e, disclosedOn: e.disclosureDueOn }),
    finalAccountsMissing: (e) =>
      e.kind === 'project' && e.fields.settlement
        ? {
            ...e,
            fields: {
              ...e.fields,
              priceAudit: { on: e.fields.settlement.on, amount: 1, auditor: '审计所' },
            },
          }
        : e,
  };

  it('clear once the cause is fixed', () => {
    fc.assert(
      fc.property(entriesArb(), todayArb, fc.constantFrom(...RULE_IDS), (entries, today, id) => {
        const fixed = entries.map(FIXES[id]);
        expect(hitsOf(id, fixed, T, today)).toEqual([]);
      }),
    );
  });

  it('find something in generated ledgers for every rule (the generators reach each rule)', () => {
    const seen = new Set<RuleId>();
    fc.assert(
      fc.property(entriesArb('e', 40), todayArb, (entries, today) => {
        for (const hit of evaluateRules(entries, T, today)) seen.add(hit.rule);
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual([...RULE_IDS].sort());
  });
});
