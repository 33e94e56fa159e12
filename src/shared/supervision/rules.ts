/**
 * Red-flag rules (负面清单 / 预警) over a village's ledgers: each rule is a pure function of the
 * entries, the county's thresholds and the local date "today", and returns its hits. A hit
 * names the entries involved, the numbers that show why (evidence) and the thresholds in
 * force; its key is the rule and the sorted entry ids, so a re-evaluation finds the same hit
 * again and a warning clears only when a re-evaluation no longer finds its cause. Voided
 * entries never count; a hit never spans two villages. Amounts are integer fen; dates are
 * local dates YYYY-MM-DD, compared as calendar days. Pure module: no I/O, no clock; it runs on
 * the server and in the browser.
 *
 * What the ledger schema (schemas/ledger.ts) lacks, and what the rules use instead:
 * - Final accounts (竣工决算) have no field: the price audit (`fields.priceAudit`, 审价), the
 *   audited final figure, stands in for them.
 * - Projects have no item or category field to tell "the same item": their title is compared,
 *   lower-cased, without spaces and bracketed parts (（一期）, 【…】).
 * - A fund movement has no claimant (报销人/领款人): its counterparty is taken as the payee;
 *   payments of projects, purchases and labour carry no approver, so "approver is the payee"
 *   reads fund approvals (联审联签) and labour confirmations (confirmedBy = worker) only.
 * - A lease has no rent schedule: the yearly rent (the entry's `amount`) is taken as due in
 *   advance on the first day of each lease year that has begun, a full year's rent each.
 * - Entries carry no link between a project payment and the fund movement that may record the
 *   same money; both take part in the duplicate-payment rule.
 * - The disclosure date is not on the ledger row: the caller reads it from the disclosure
 *   (see {@link RuleEntry.disclosedOn}).
 */
import type { Locale } from '../messages.js';
import { DEFAULT_POLICY, type CountyPolicy } from '../policy.js';
import type { KindFields, LedgerKind, LedgerStage, LedgerStatus } from '../schemas/ledger.js';

// ---------------------------------------------------------------------------------------------
// Thresholds

/**
 * A county's rule thresholds (per county, versioned by date by the caller). Amounts in fen;
 * every number must be positive (see {@link checkThresholds}). "Limits" are the values above
 * which something is a red flag: raising a limit never adds a hit. The two windows work the
 * other way: narrowing a window never flags an entry the wider one did not.
 */
export interface RuleThresholds {
  /** Window: pieces of one contractor or one item within this many days are judged together. */
  splitWindowDays: number;
  /** Tiers a split may dodge (fen): the works tiers for projects, the purchase tiers for buys. */
  splitTiers: { project: readonly number[]; procurement: readonly number[] };
  /** Limit: from this spend a contracted or paid project or purchase needs a passed resolution. */
  resolutionRequiredFrom: number;
  /** Limit: a settlement above its contract (or budget) by more than this percent. */
  settlementOverrunPercent: number;
  /** Window: the same payee and amount paid twice within this many days. */
  duplicatePaymentWindowDays: number;
  /** Limit: one cash payment above this many fen (现金支付限额). */
  cashPaymentMaxFen: number;
  /** Limit: work confirmed more than this many days after it was done. */
  labourConfirmMaxDaysLate: number;
  /** Limit: a lease longer than this many years. */
  leaseMaxTermYears: number;
  /** Limit: a year's rent unpaid more than this many days after it fell due. */
  rentOverdueDays: number;
  /** Limit: no final accounts this many months after settlement. */
  finalAccountsMonths: number;
}

/** A county's thresholds: its tiers and its red-flag settings (the defaults where it has none). */
export function thresholdsFromPolicy(
  policy: CountyPolicy,
  overrides: Partial<Omit<RuleThresholds, 'splitTiers' | 'resolutionRequiredFrom'>> = {},
): RuleThresholds {
  const tiers = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
  return {
    ...DEFAULT_POLICY.redFlags,
    ...policy.redFlags,
    ...overrides,
    splitTiers: {
      project: tiers([
        policy.works.ownChoiceBelow,
        policy.works.contractorPoolBelow,
        policy.works.townshipTenderBelow,
        policy.resolutionRequiredFrom,
      ]),
      procurement: tiers([
        policy.procurement.simpleBelow,
        policy.procurement.jointMeetingBelow,
        policy.resolutionRequiredFrom,
      ]),
    },
    resolutionRequiredFrom: policy.resolutionRequiredFrom,
  };
}

/**
 * The platform's defaults: the tiers of DEFAULT_POLICY (works ¥100k / ¥500k / ¥4M, purchases
 * ¥2k / ¥200k, resolution from ¥100k); splitting within 30 days; settlement 10% over; the same
 * payee and amount within 7 days; cash above ¥1,000; labour confirmed more than 1 day late;
 * leases over 5 years; rent 60 days overdue; final accounts 12 months after settlement.
 */
export const DEFAULT_THRESHOLDS: RuleThresholds = Object.freeze(
  thresholdsFromPolicy(DEFAULT_POLICY),
);

/** A threshold that cannot be used, with the i18n key of its message. */
export interface ThresholdProblem {
  /** Dotted path, e.g. `cashPaymentMaxFen` or `splitTiers.project.1`. */
  field: string;
  /** `threshold.positive` (not a number above 0) or `threshold.whole` (not a whole number). */
  messageKey: string;
}

const SCALAR_FIELDS = [
  'splitWindowDays',
  'resolutionRequiredFrom',
  'settlementOverrunPercent',
  'duplicatePaymentWindowDays',
  'cashPaymentMaxFen',
  'labourConfirmMaxDaysLate',
  'leaseMaxTermYears',
  'rentOverdueDays',
  'finalAccountsMonths',
] as const satisfies readonly (keyof RuleThresholds)[];

/**
 * Every field that cannot be used: each amount, percent and count of days, months or years
 * must be a number above 0, and all but the percent whole. An empty tier list is allowed: it
 * turns splitting off for that kind.
 */
export function checkThresholds(t: RuleThresholds): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  const check = (field: string, value: unknown, whole: boolean) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      problems.push({ field, messageKey: 'threshold.positive' });
    } else if (whole && !Number.isInteger(value)) {
      problems.push({ field, messageKey: 'threshold.whole' });
    }
  };
  for (const field of SCALAR_FIELDS) check(field, t[field], field !== 'settlementOverrunPercent');
  for (const kind of ['project', 'procurement'] as const) {
    const tiers: unknown = t.splitTiers?.[kind];
    if (!Array.isArray(tiers))
      problems.push({ field: `splitTiers.${kind}`, messageKey: 'threshold.positive' });
    else tiers.forEach((tier, i) => check(`splitTiers.${kind}.${i}`, tier, true));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Input and output

interface RuleEntryBase {
  /** The ledger entry's id; ids are unique in one evaluation. */
  id: string;
  /** The village the entry belongs to: hits never span two villages. */
  regionCode: string;
  title: string;
  /** Headline amount, fen: budget, purchase amount, labour budget, fund amount, yearly rent. */
  amount: number;
  /** The record's date (立项, purchase, hire, movement, lease signed). */
  occurredOn: string;
  /** Shown in evidence; the rules read the stage's fields (contract, settlement …) instead. */
  stage: LedgerStage;
  /** Voided entries never count. */
  status: LedgerStatus;
  /** The linked 四议两公开 decision: null when none is linked or it does not exist. */
  decision: { passed: boolean } | null;
  /**
   * The due date of the entry's pending disclosure, or of the last disclosure that had one
   * (the disclosure row's `due_on`, as the ledger row clears its own on publication); null
   * when nothing was ever due.
   */
  disclosureDueOn: string | null;
  /** The local date that disclosure was published; null while it is still waiting. */
  disclosedOn: string | null;
}

/**
 * One ledger entry as the rules read it: the server's EntrySnapshot plus id, region, kind,
 * the linked decision's outcome and the disclosure dates. `fields` are the kind's fields
 * parsed with KIND_FIELDS (so the defaulted lists are present).
 */
export type RuleEntry = {
  [K in LedgerKind]: RuleEntryBase & { kind: K; fields: KindFields[K] };
}[LedgerKind];

/** A value in a hit's evidence or thresholds: plain JSON. */
export type EvidenceValue =
  | string
  | number
  | boolean
  | null
  | readonly EvidenceValue[]
  | { readonly [key: string]: EvidenceValue };
export type Evidence = { readonly [key: string]: EvidenceValue };

export const RULE_IDS = [
  'contractSplitting',
  'noResolution',
  'settlementOverrun',
  'duplicatePayment',
  'approverIsPayee',
  'cashPayment',
  'workerNotApproved',
  'labourConfirmedLate',
  'leaseBelowReference',
  'leaseTermTooLong',
  'rentOverdue',
  'disclosureOverdue',
  'finalAccountsMissing',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'red' | 'yellow';

/** One red flag (预警) found by a rule. */
export interface RuleHit {
  rule: RuleId;
  /** `${rule}:${entryIds.join(',')}`: the same cause gives the same key on every evaluation. */
  key: string;
  regionCode: string;
  /** The entries involved, sorted, without repeats. */
  entryIds: readonly string[];
  /** red: money or a legal requirement at stake; yellow: worth a look. */
  severity: Severity;
  /** The numbers that show why: amounts, sums, dates, days, paths of the fields involved. */
  evidence: Evidence;
  /** The thresholds the rule applied. */
  threshold: Evidence;
}

export type RuleFn = (entries: readonly RuleEntry[], t: RuleThresholds, today: string) => RuleHit[];

// ---------------------------------------------------------------------------------------------
// Helpers

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a local date; NaN when malformed (so no comparison holds). */
function dayOf(date: string | undefined | null): number {
  const m = date ? DATE.exec(date) : null;
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The same day `months` later, rolling into the next month when that day does not exist. */
function addMonths(date: string, months: number): number {
  const m = DATE.exec(date);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, Number(m[3])) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A name as compared: full-width folded, spaces removed, lower-cased. */
function nameKey(name: string | undefined): string {
  return (name ?? '').normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** An item or title as compared: like a name, without bracketed parts such as （一期）. */
function itemKey(item: string): string {
  return nameKey(item).replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/gu, '');
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function active(entries: readonly RuleEntry[]): RuleEntry[] {
  return entries.filter((e) => e.status === 'active');
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function makeHit(
  rule: RuleId,
  regionCode: string,
  ids: readonly string[],
  severity: Severity,
  evidence: Evidence,
  threshold: Evidence,
): RuleHit {
  const entryIds = [...new Set(ids)].sort(byString);
  return {
    rule,
    key: `${rule}:${entryIds.join(',')}`,
    regionCode,
    entryIds,
    severity,
    evidence,
    threshold,
  };
}

function sortHits(hits: RuleHit[]): RuleHit[] {
  return hits.sort((a, b) => byString(a.key, b.key));
}

/** What a per-entry rule finds in one entry; null: nothing. */
type Finding = { severity: Severity; evidence: Evidence } | null;

/** One hit per entry that `find` reports something for. */
function perEntry(
  rule: RuleId,
  entries: readonly RuleEntry[],
  find: (e: RuleEntry) => Finding,
  threshold: Evidence,
): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const e of active(entries)) {
    const found = find(e);
    if (found)
      hits.push(makeHit(rule, e.regionCode, [e.id], found.severity, found.evidence, threshold));
  }
  return sortHits(hits);
}

/** A payment out of the village, from any ledger: a payment line or a fund expense. */
interface PaymentRef {
  entryId: string;
  regionCode: string;
  /** `fields.payments.N`, or `movement` for a fund expense. */
  path: string;
  on: string;
  amount: number;
  payee: string;
  method: 'transfer' | 'cash';
  invoiceNo: string | undefined;
}

function paymentsOf(e: RuleEntry): PaymentRef[] {
  const base = { entryId: e.id, regionCode: e.regionCode };
  switch (e.kind) {
    case 'project':
    case 'procurement':
    case 'labour':
      return e.fields.payments.map((p, i) => ({
        ...base,
        path: `fields.payments.${i}`,
        on: p.on,
        amount: p.amount,
        payee: p.payee,
        method: p.method,
        invoiceNo: p.invoiceNo,
      }));
    case 'fund':
      return e.fields.direction === 'expense'
        ? [
            {
              ...base,
              path: 'movement',
              on: e.occurredOn,
              amount: e.amount,
              payee: e.fields.counterparty,
              method: e.fields.method,
              invoiceNo: e.fields.invoiceNo,
            },
          ]
        : [];
    case 'asset':
      return [];
  }
}

function paymentEvidence(p: PaymentRef): Evidence {
  return {
    entryId: p.entryId,
    path: p.path,
    on: p.on,
    amount: p.amount,
    payee: p.payee,
    method: p.method,
    invoiceNo: p.invoiceNo ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// The rules

interface Piece {
  id: string;
  on: number;
  amount: number;
  party: string;
  item: string;
}

function pieceOf(e: RuleEntry & { kind: 'project' | 'procurement' }): Piece {
  const contract = e.fields.contract;
  return {
    id: e.id,
    on: dayOf(e.occurredOn),
    amount: contract?.amount ?? e.amount,
    party: nameKey(contract?.party),
    item: itemKey(e.kind === 'procurement' ? e.fields.item : e.title),
  };
}

/**
 * 拆分项目 (化整为零): projects (or purchases) of the same contractor or the same item, dated
 * within `splitWindowDays` of each other, each under a tier of its kind while their sum reaches
 * it. Each piece counts at its contract amount, else its own amount, on its record date. A hit
 * is a largest such set (sets inside another are not reported); red when the pieces share the
 * contractor, yellow when only the item.
 */
export const contractSplitting: RuleFn = (entries, t) => {
  const hits: RuleHit[] = [];
  const pieces = active(entries).flatMap((e) =>
    e.kind === 'project' || e.kind === 'procurement' ? [{ e, piece: pieceOf(e) }] : [],
  );
  const villages = groupBy(pieces, (p) => `${p.e.regionCode}\u0000${p.e.kind}`);
  for (const group of villages.values()) {
    const first = group[0];
    if (!first) continue;
    const { regionCode, kind } = first.e;
    const tiers = (kind === 'project' ? t.splitTiers.project : t.splitTiers.procurement)
      .filter((tier) => tier > 0)
      .sort((a, b) => a - b);
    const byKey = new Map<string, Piece[]>();
    for (const { piece } of group) {
      for (const key of [piece.party && `p:${piece.party}`, piece.item && `i:${piece.item}`]) {
        if (!key) continue;
        const list = byKey.get(key);
        if (list) list.push(piece);
        else byKey.set(key, [piece]);
      }
    }
    const candidates = new Map<string, Piece[]>();
    for (const list of byKey.values()) {
      for (const tier of tiers) {
        const under = list
          .filter((p) => p.amount < tier && Number.isFinite(p.on))
          .sort((a, b) => a.on - b.on || byString(a.id, b.id));
        for (let i = 0; i < under.length; i++) {
          const start = under[i]!.on;
          const window = under.slice(i).filter((p) => p.on - start <= t.splitWindowDays);
          const sum = window.reduce((s, p) => s + p.amount, 0);
          if (window.length >= 2 && sum >= tier) {
            const ids = window.map((p) => p.id).sort(byString);
            candidates.set(ids.join(','), window);
          }
        }
      }
    }
    const sets = [...candidates.entries()].map(([k, set]) => ({
      k,
      set,
      ids: new Set(set.map((p) => p.id)),
    }));
    for (const { k, set, ids } of sets) {
      const inside = sets.some(
        (other) =>
          other.k !== k && other.ids.size > ids.size && [...ids].every((id) => other.ids.has(id)),
      );
      if (inside) continue;
      const sorted = [...set].sort((a, b) => a.on - b.on || byString(a.id, b.id));
      const sum = sorted.reduce((s, p) => s + p.amount, 0);
      const largest = Math.max(...sorted.map((p) => p.amount));
      const crossed = tiers.filter((tier) => largest < tier && sum >= tier);
      const sameParty = sorted.every((p) => p.party !== '' && p.party === sorted[0]!.party);
      const sameItem = sorted.every((p) => p.item !== '' && p.item === sorted[0]!.item);
      const firstOn = sorted[0]!.on;
      const lastOn = sorted[sorted.length - 1]!.on;
      hits.push(
        makeHit(
          'contractSplitting',
          regionCode,
          [...ids],
          sameParty ? 'red' : 'yellow',
          {
            kind,
            tier: crossed[crossed.length - 1] ?? null,
            tiersCrossed: crossed,
            sum,
            pieces: sorted.map((p) => ({ entryId: p.id, on: dateOf(p.on), amount: p.amount })),
            firstOn: dateOf(firstOn),
            lastOn: dateOf(lastOn),
            spanDays: lastOn - firstOn,
            sameParty,
            sameItem,
          },
          { splitWindowDays: t.splitWindowDays, splitTiers: tiers },
        ),
      );
    }
  }
  return sortHits(hits);
};

/**
 * 超限额未经决议: a project or purchase that has a contract or a payment, whose spend (the
 * largest of its amount, contract, settlement and the sum paid) reaches the resolution tier,
 * without a linked passed 四议两公开 resolution. Red.
 */
export const noResolution: RuleFn = (entries, t) =>
  perEntry(
    'noResolution',
    entries,
    (e): Finding => {
      if (e.kind !== 'project' && e.kind !== 'procurement') return null;
      const f = e.fields;
      if (!f.contract && f.payments.length === 0) return null;
      const paid = f.payments.reduce((s, p) => s + p.amount, 0);
      const settled = e.kind === 'project' ? (e.fields.settlement?.amount ?? 0) : 0;
      const spend = Math.max(e.amount, f.contract?.amount ?? 0, settled, paid);
      if (spend < t.resolutionRequiredFrom || e.decision?.passed === true) return null;
      return {
        severity: 'red',
        evidence: {
          spend,
          amount: e.amount,
          contractAmount: f.contract?.amount ?? null,
          paid,
          stage: e.stage,
          decision: e.decision ? 'notPassed' : 'none',
        },
      };
    },
    { resolutionRequiredFrom: t.resolutionRequiredFrom },
  );

/**
 * 结算超合同: a project's settlement, or a purchase's total paid, above its contract amount
 * (its own amount, the budget, when it has no contract) by more than `settlementOverrunPercent`.
 * Red.
 */
export const settlementOverrun: RuleFn = (entries, t) =>
  perEntry(
    'settlementOverrun',
    entries,
    (e): Finding => {
      if (e.kind !== 'project' && e.kind !== 'procurement') return null;
      const contract = e.fields.contract;
      const base = contract?.amount ?? e.amount;
      let final: number;
      if (e.kind === 'project') {
        if (!e.fields.settlement) return null;
        final = e.fields.settlement.amount;
      } else {
        if (e.fields.payments.length === 0) return null;
        final = e.fields.payments.reduce((s, p) => s + p.amount, 0);
      }
      if ((final - base) * 100 <= base * t.settlementOverrunPercent) return null;
      return {
        severity: 'red',
        evidence: {
          base,
          baseIs: contract ? 'contract' : 'budget',
          final,
          finalIs: e.kind === 'project' ? 'settlement' : 'paid',
          overrun: final - base,
          overrunPercent: base > 0 ? Math.round(((final - base) * 10_000) / base) / 100 : null,
        },
      };
    },
    { settlementOverrunPercent: t.settlementOverrunPercent },
  );

/**
 * 重复支付: two payments out of the village (payment lines of projects, purchases and labour,
 * and fund expenses) with the same invoice number at any distance (red), or with the same payee
 * and amount within `duplicatePaymentWindowDays` (yellow). Entries linked by such pairs make
 * one hit, listing every pair.
 */
export const duplicatePayment: RuleFn = (entries, t) => {
  const hits: RuleHit[] = [];
  const payments = active(entries).flatMap(paymentsOf);
  for (const [regionCode, list] of groupBy(payments, (p) => p.regionCode)) {
    const sorted = list.sort((a, b) => byString(a.entryId, b.entryId) || byString(a.path, b.path));
    const pairs: { a: PaymentRef; b: PaymentRef; by: 'invoice' | 'payeeAmount'; days: number }[] =
      [];
    const days = (a: PaymentRef, b: PaymentRef) => Math.abs(dayOf(b.on) - dayOf(a.on));
    for (const [key, same] of groupBy(sorted, (p) => nameKey(p.invoiceNo))) {
      if (key === '') continue;
      same.forEach((a, i) =>
        same.slice(i + 1).forEach((b) => pairs.push({ a, b, by: 'invoice', days: days(a, b) })),
      );
    }
    for (const same of groupBy(sorted, (p) => `${nameKey(p.payee)}\u0000${p.amount}`).values()) {
      same.forEach((a, i) =>
        same.slice(i + 1).forEach((b) => {
          const apart = days(a, b);
          if (a.amount > 0 && apart <= t.duplicatePaymentWindowDays)
            pairs.push({ a, b, by: 'payeeAmount', days: apart });
        }),
      );
    }
    // Entries linked by any pair form one hit.
    const parent = new Map<string, string>();
    const root = (id: string): string => {
      let r = id;
      for (let up = parent.get(r); up !== undefined; up = parent.get(r)) r = up;
      return r;
    };
    for (const { a, b } of pairs) {
      const [ra, rb] = [root(a.entryId), root(b.entryId)].sort(byString) as [string, string];
      if (ra !== rb) parent.set(rb, ra);
    }
    for (const group of groupBy(pairs, (p) => root(p.a.entryId)).values()) {
      const ids = group.flatMap((p) => [p.a.entryId, p.b.entryId]);
      hits.push(
        makeHit(
          'duplicatePayment',
          regionCode,
          ids,
          group.some((p) => p.by === 'invoice') ? 'red' : 'yellow',
          {
            pairs: group.map((p) => ({
              by: p.by,
              days: p.days,
              a: paymentEvidence(p.a),
              b: paymentEvidence(p.b),
            })),
          },
          { duplicatePaymentWindowDays: t.duplicatePaymentWindowDays },
        ),
      );
    }
  }
  return sortHits(hits);
};

/**
 * 审批与领款为同一人: a fund expense whose counterparty is one of its approvers (联审联签), or
 * a labour confirmation signed by the worker it pays. Red.
 */
export const approverIsPayee: RuleFn = (entries) =>
  perEntry(
    'approverIsPayee',
    entries,
    (e): Finding => {
      if (e.kind === 'fund') {
        if (e.fields.direction !== 'expense') return null;
        const payee = nameKey(e.fields.counterparty);
        const roles = e.fields.approvals
          .filter((a) => nameKey(a.name) === payee)
          .map((a) => a.role);
        if (roles.length === 0) return null;
        return {
          severity: 'red',
          evidence: { payee: e.fields.counterparty, amount: e.amount, roles },
        };
      }
      if (e.kind === 'labour') {
        const own = e.fields.confirmations.flatMap((c, i) =>
          nameKey(c.confirmedBy) === nameKey(c.worker)
            ? [{ path: `fields.confirmations.${i}`, worker: c.worker, on: c.on, amount: c.amount }]
            : [],
        );
        if (own.length === 0) return null;
        return { severity: 'red', evidence: { selfConfirmed: own } };
      }
      return null;
    },
    {},
  );

/** 大额现金支付: a payment or fund expense made in cash above `cashPaymentMaxFen`. Red. */
export const cashPayment: RuleFn = (entries, t) =>
  perEntry(
    'cashPayment',
    entries,
    (e): Finding => {
      const cash = paymentsOf(e).filter(
        (p) => p.method === 'cash' && p.amount > t.cashPaymentMaxFen,
      );
      if (cash.length === 0) return null;
      return {
        severity: 'red',
        evidence: {
          payments: cash.map(paymentEvidence),
          total: cash.reduce((s, p) => s + p.amount, 0),
        },
      };
    },
    { cashPaymentMaxFen: t.cashPaymentMaxFen },
  );

/**
 * 用工人员不在核定名单: a labour entry's work confirmation or payment for a person who is not
 * on its list of approved workers. Red.
 */
export const workerNotApproved: RuleFn = (entries) =>
  perEntry(
    'workerNotApproved',
    entries,
    (e): Finding => {
      if (e.kind !== 'labour') return null;
      const approved = new Set(e.fields.workers.map((w) => nameKey(w.name)));
      const strangers = [
        ...e.fields.confirmations.map((c, i) => ({
          path: `fields.confirmations.${i}`,
          name: c.worker,
        })),
        ...e.fields.payments.map((p, i) => ({ path: `fields.payments.${i}`, name: p.payee })),
      ].filter((x) => !approved.has(nameKey(x.name)));
      if (strangers.length === 0) return null;
      return {
        severity: 'red',
        evidence: {
          names: [...new Set(strangers.map((s) => s.name))].sort(byString),
          paths: strangers.map((s) => s.path),
          approved: e.fields.workers.length,
        },
      };
    },
    {},
  );

/** 用工确认不及时: work confirmed more than `labourConfirmMaxDaysLate` days after it was done. Yellow. */
export const labourConfirmedLate: RuleFn = (entries, t) =>
  perEntry(
    'labourConfirmedLate',
    entries,
    (e): Finding => {
      if (e.kind !== 'labour') return null;
      const late = e.fields.confirmations.flatMap((c, i) => {
        const daysLate = dayOf(c.confirmedOn) - dayOf(c.on);
        return daysLate > t.labourConfirmMaxDaysLate
          ? [
              {
                path: `fields.confirmations.${i}`,
                worker: c.worker,
                on: c.on,
                confirmedOn: c.confirmedOn,
                daysLate,
              },
            ]
          : [];
      });
      if (late.length === 0) return null;
      return {
        severity: 'yellow',
        evidence: { late, maxDaysLate: Math.max(...late.map((l) => l.daysLate)) },
      };
    },
    { labourConfirmMaxDaysLate: t.labourConfirmMaxDaysLate },
  );

/** 出租低于参考价: a lease whose yearly rent (the entry's amount) is below its reference price. Red. */
export const leaseBelowReference: RuleFn = (entries) =>
  perEntry(
    'leaseBelowReference',
    entries,
    (e): Finding => {
      if (e.kind !== 'asset' || e.amount >= e.fields.referencePrice) return null;
      const reference = e.fields.referencePrice;
      return {
        severity: 'red',
        evidence: {
          rent: e.amount,
          referencePrice: reference,
          shortfall: reference - e.amount,
          percentOfReference: Math.round((e.amount * 10_000) / reference) / 100,
        },
      };
    },
    {},
  );

/**
 * 出租期限过长: a lease that ends on or after the same day `leaseMaxTermYears` years after it
 * starts, i.e. runs longer than that many years. Red.
 */
export const leaseTermTooLong: RuleFn = (entries, t) =>
  perEntry(
    'leaseTermTooLong',
    entries,
    (e): Finding => {
      if (e.kind !== 'asset') return null;
      const end = dayOf(e.fields.termEnd);
      const limit = addMonths(e.fields.termStart, 12 * t.leaseMaxTermYears);
      if (!(end >= limit)) return null;
      return {
        severity: 'red',
        evidence: {
          termStart: e.fields.termStart,
          termEnd: e.fields.termEnd,
          latestEnd: dateOf(limit - 1),
          termDays: end - dayOf(e.fields.termStart) + 1,
        },
      };
    },
    { leaseMaxTermYears: t.leaseMaxTermYears },
  );

/**
 * 租金逾期: a lease year's rent still unpaid more than `rentOverdueDays` days after it fell due.
 * Each lease year that has begun by today owes a full year's rent (the entry's amount) on its
 * first day; rent paid up to today covers the years in order. Red.
 */
export const rentOverdue: RuleFn = (entries, t, today) =>
  perEntry(
    'rentOverdue',
    entries,
    (e): Finding => {
      if (e.kind !== 'asset' || e.amount <= 0) return null;
      const now = dayOf(today);
      const end = dayOf(e.fields.termEnd);
      const paid = e.fields.rentPayments
        .filter((p) => dayOf(p.on) <= now)
        .reduce((s, p) => s + p.amount, 0);
      const starts: number[] = [];
      for (let year = 0; ; year++) {
        const start = addMonths(e.fields.termStart, 12 * year);
        if (!(start <= end && start <= now)) break;
        starts.push(start);
      }
      const unpaid = starts.findIndex((_, year) => paid < (year + 1) * e.amount);
      const dueOn = starts[unpaid];
      if (dueOn === undefined || now - dueOn <= t.rentOverdueDays) return null;
      return {
        severity: 'red',
        evidence: {
          yearlyRent: e.amount,
          dueOn: dateOf(dueOn),
          daysOverdue: now - dueOn,
          due: starts.length * e.amount,
          paid,
          outstanding: starts.length * e.amount - paid,
        },
      };
    },
    { rentOverdueDays: t.rentOverdueDays },
  );

/**
 * 公开逾期: a disclosure still waiting after its due date (red), or published after it
 * (yellow). The due date itself is the last day on time.
 */
export const disclosureOverdue: RuleFn = (entries, _t, today) =>
  perEntry(
    'disclosureOverdue',
    entries,
    (e): Finding => {
      const due = dayOf(e.disclosureDueOn);
      if (!Number.isFinite(due)) return null;
      if (e.disclosedOn === null) {
        const daysOverdue = dayOf(today) - due;
        return daysOverdue > 0
          ? {
              severity: 'red',
              evidence: { dueOn: e.disclosureDueOn, disclosedOn: null, daysOverdue },
            }
          : null;
      }
      const daysLate = dayOf(e.disclosedOn) - due;
      return daysLate > 0
        ? {
            severity: 'yellow',
            evidence: { dueOn: e.disclosureDueOn, disclosedOn: e.disclosedOn, daysLate },
          }
        : null;
    },
    {},
  );

/**
 * 结算后未决算: a settled project without final accounts (its price audit) once
 * `finalAccountsMonths` months have passed since settlement (red), or with them done later
 * than that (yellow). The same day that many months later is still on time.
 */
export const finalAccountsMissing: RuleFn = (entries, t, today) =>
  perEntry(
    'finalAccountsMissing',
    entries,
    (e): Finding => {
      if (e.kind !== 'project' || !e.fields.settlement) return null;
      const settledOn = e.fields.settlement.on;
      const deadline = addMonths(settledOn, t.finalAccountsMonths);
      const audit = e.fields.priceAudit;
      if (!audit) {
        const daysOverdue = dayOf(today) - deadline;
        return daysOverdue > 0
          ? {
              severity: 'red',
              evidence: { settledOn, deadline: dateOf(deadline), finalOn: null, daysOverdue },
            }
          : null;
      }
      const daysLate = dayOf(audit.on) - deadline;
      return daysLate > 0
        ? {
            severity: 'yellow',
            evidence: { settledOn, deadline: dateOf(deadline), finalOn: audit.on, daysLate },
          }
        : null;
    },
    { finalAccountsMonths: t.finalAccountsMonths },
  );

// ---------------------------------------------------------------------------------------------
// Registry

/** A rule as the platform lists it. */
export interface RuleDefinition {
  id: RuleId;
  /** zh-CN first. */
  title: Readonly<Record<Locale, string>>;
  /** The ledger kinds the rule reads: a change to any other kind cannot change its hits. */
  kinds: readonly LedgerKind[];
  /** The thresholds it applies. */
  thresholds: readonly (keyof RuleThresholds)[];
  /** It reads `today`: its hits change as days pass, so a daily run re-evaluates it. */
  daily: boolean;
  evaluate: RuleFn;
}

const ALL_KINDS: readonly LedgerKind[] = ['project', 'procurement', 'labour', 'fund', 'asset'];
const SPENDING: readonly LedgerKind[] = ['project', 'procurement'];
const PAYING: readonly LedgerKind[] = ['project', 'procurement', 'labour', 'fund'];

export const RULES: readonly RuleDefinition[] = [
  {
    id: 'contractSplitting',
    title: { 'zh-CN': '化整为零、拆分项目', 'en-US': 'Contract split to stay under a tier' },
    kinds: SPENDING,
    thresholds: ['splitWindowDays', 'splitTiers'],
    daily: false,
    evaluate: contractSplitting,
  },
  {
    id: 'noResolution',
    title: {
      'zh-CN': '超限额未经四议两公开决议',
      'en-US': 'Spend above the tier without a passed resolution',
    },
    kinds: SPENDING,
    thresholds: ['resolutionRequiredFrom'],
    daily: false,
    evaluate: noResolution,
  },
  {
    id: 'settlementOverrun',
    title: { 'zh-CN': '结算超合同（预算）', 'en-US': 'Settlement above the contract or budget' },
    kinds: SPENDING,
    thresholds: ['settlementOverrunPercent'],
    daily: false,
    evaluate: settlementOverrun,
  },
  {
    id: 'duplicatePayment',
    title: { 'zh-CN': '重复支付', 'en-US': 'Payment made twice' },
    kinds: PAYING,
    thresholds: ['duplicatePaymentWindowDays'],
    daily: false,
    evaluate: duplicatePayment,
  },
  {
    id: 'approverIsPayee',
    title: { 'zh-CN': '审批人与领款人为同一人', 'en-US': 'Approver is also the payee' },
    kinds: ['labour', 'fund'],
    thresholds: [],
    daily: false,
    evaluate: approverIsPayee,
  },
  {
    id: 'cashPayment',
    title: { 'zh-CN': '大额现金支付', 'en-US': 'Cash payment above the limit' },
    kinds: PAYING,
    thresholds: ['cashPaymentMaxFen'],
    daily: false,
    evaluate: cashPayment,
  },
  {
    id: 'workerNotApproved',
    title: { 'zh-CN': '用工人员不在核定名单', 'en-US': 'Worker not on the approved list' },
    kinds: ['labour'],
    thresholds: [],
    daily: false,
    evaluate: workerNotApproved,
  },
  {
    id: 'labourConfirmedLate',
    title: { 'zh-CN': '用工确认不及时', 'en-US': 'Labour confirmed late' },
    kinds: ['labour'],
    thresholds: ['labourConfirmMaxDaysLate'],
    daily: false,
    evaluate: labourConfirmedLate,
  },
  {
    id: 'leaseBelowReference',
    title: { 'zh-CN': '资产出租低于参考价', 'en-US': 'Lease below the reference price' },
    kinds: ['asset'],
    thresholds: [],
    daily: false,
    evaluate: leaseBelowReference,
  },
  {
    id: 'leaseTermTooLong',
    title: { 'zh-CN': '资产出租期限超长', 'en-US': 'Lease longer than the maximum term' },
    kinds: ['asset'],
    thresholds: ['leaseMaxTermYears'],
    daily: false,
    evaluate: leaseTermTooLong,
  },
  {
    id: 'rentOverdue',
    title: { 'zh-CN': '租金逾期未收', 'en-US': 'Rent overdue' },
    kinds: ['asset'],
    thresholds: ['rentOverdueDays'],
    daily: true,
    evaluate: rentOverdue,
  },
  {
    id: 'disclosureOverdue',
    title: { 'zh-CN': '公开逾期', 'en-US': 'Disclosure overdue' },
    kinds: ALL_KINDS,
    thresholds: [],
    daily: true,
    evaluate: disclosureOverdue,
  },
  {
    id: 'finalAccountsMissing',
    title: {
      'zh-CN': '结算后逾期未决算',
      'en-US': 'No final accounts within the limit after settlement',
    },
    kinds: ['project'],
    thresholds: ['finalAccountsMonths'],
    daily: true,
    evaluate: finalAccountsMissing,
  },
];

/**
 * Every hit of every rule, sorted by key. The thresholds must pass {@link checkThresholds};
 * `today` is the local date the evaluation is for.
 */
export function evaluateRules(
  entries: readonly RuleEntry[],
  t: RuleThresholds,
  today: string,
): RuleHit[] {
  return sortHits(RULES.flatMap((rule) => rule.evaluate(entries, t, today)));
}

/**
 * The rules whose hits a change to an entry of this kind can change. An incremental run
 * evaluates them over the village's active entries of each rule's `kinds` (the splitting and
 * duplicate rules compare entries with each other) and replaces those rules' hits for the
 * village.
 */
export function rulesTouchedBy(kind: LedgerKind): RuleDefinition[] {
  return RULES.filter((rule) => rule.kinds.includes(kind));
}
