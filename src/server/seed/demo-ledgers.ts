/**
 * Demo ledgers of 清溪镇 for January–April 2026: 2,334 entries over its 28 villages and
 * communities (the figure the town reported), with realistic kinds, amounts, contractors and
 * workers; a 四议两公开 resolution for every project that needs one; a few amended.
 *
 * The books are kept as a diligent village keeps them, so the red-flag rules
 * (shared/supervision/rules.ts) find nothing in them and the town grid is green until the
 * planted flags (demo-supervision.ts): every entry disclosed on time; no works or purchase split
 * (a village gives a contractor, a supplier or an item no second piece within the splitting
 * window); leases at or above their reference price, the first year's rent paid on signing;
 * cash only for small sums; nobody approves or confirms a payment to themselves.
 *
 * Pure and deterministic: the plan is data; `seed.ts` writes it through the services.
 */
import { creditCodeCheckChar } from '../../shared/identifiers.js';
import {
  DEFAULT_POLICY,
  needsResolution,
  procurementMethod,
  worksMethod,
} from '../../shared/policy.js';
import type { LedgerKind, NewLedgerEntryBody } from '../../shared/schemas/ledger.js';
import {
  apportion,
  DEMO_TOWN_CODE,
  makeNameGenerator,
  mulberry32,
  pick,
  QINGXI_VILLAGES,
} from './demo-town.js';

export const DEMO_LEDGER_TOTAL = 2334;
/** The last day of the demo period: stages after it are not reached yet. */
export const DEMO_PERIOD_END = '2026-04-30';

export const KIND_COUNTS: Record<LedgerKind, number> = {
  fund: 1170,
  labour: 470,
  procurement: 350,
  project: 230,
  asset: 114,
};

export interface PlannedMeeting {
  step: 'proposal' | 'committees' | 'partyMembers' | 'representatives' | 'resolutionDisclosure';
  heldOn: string;
  expected: number;
  present: number;
  votesFor: number;
}

export interface PlannedEntry {
  body: NewLedgerEntryBody;
  /** Fields and stage as they stand at the end of April. */
  fields: Record<string, unknown>;
  stage: string;
  decision?: { title: string; content: string; meetings: PlannedMeeting[] };
  /** When it was published; null: not yet (overdue). `late` days after the due date. */
  disclosure: { mode: 'onTime' | 'late' | 'none'; lagDays: number };
  amendment?: { reason: string; amount: number };
}

function company(name: string, seed: number): { name: string; creditCode: string } {
  const first17 = `913399${String(100000 + ((seed * 7919) % 899999))}MA2H7`;
  return { name, creditCode: first17 + creditCodeCheckChar(first17) };
}

const CONTRACTORS = [
  '清源县路桥建设有限公司',
  '清江市宏远建筑工程有限公司',
  '清源县水利水电工程有限公司',
  '浙江青山园林绿化有限公司',
  '清源县城乡建设工程有限公司',
  '清江市安居装饰工程有限公司',
  '清源县通达市政工程有限公司',
  '清溪镇建筑工程队有限公司',
  '清源县兴村建筑工程有限公司',
  '清江市绿源生态环境工程有限公司',
  '清源县恒信水电安装有限公司',
  '清江市鼎盛建设有限公司',
  '清溪镇振兴路桥工程有限公司',
  '清源县永安建筑安装工程有限公司',
].map((name, i) => company(name, i + 11));

const SUPPLIERS = [
  '清源县百货商行',
  '清江市华联办公用品有限公司',
  '清源县农资有限公司',
  '清江市安防器材有限公司',
  '清源县苗木专业合作社',
  '清江市电子科技有限公司',
  '清源县五金建材商店',
  '清江市体育器材有限公司',
  '清溪镇兴旺五金店',
  '清江市广电网络器材有限公司',
  '清源县家具厂',
  '清江市广告标识制作有限公司',
  '清源县消防器材经营部',
  '清江市新华书店清源分店',
];

const PROJECTS: readonly [string, string][] = [
  ['村道路面硬化工程', '主干道路面硬化'],
  ['道路拓宽及排水沟改造工程', '道路拓宽、排水沟改造'],
  ['河道清淤及护岸工程', '河道清淤、砌筑护岸'],
  ['文化礼堂修缮工程', '屋面防水、外墙修缮'],
  ['太阳能路灯安装工程', '沿村道路安装路灯'],
  ['农田水利沟渠修复工程', '灌溉沟渠修复'],
  ['公厕改造工程', '旱厕改水冲式公厕'],
  ['垃圾分类亭建设工程', '新建垃圾分类投放亭'],
  ['山塘加固工程', '山塘坝体加固'],
  ['村级停车场建设工程', '新建停车位及地面硬化'],
  ['便民服务中心装修工程', '服务大厅装修'],
  ['老年活动中心改造工程', '活动室改造、适老化设施'],
  ['村庄绿化提升工程', '村道两侧及公共空间绿化'],
  ['污水管网修复工程', '生活污水管网破损修复'],
  ['供水管网改造工程', '老旧供水管道更换'],
  ['桥梁维修加固工程', '村内小桥桥面及栏杆维修'],
  ['文化广场改造工程', '广场地面铺装、健身区改造'],
  ['防洪堤加固工程', '沿溪防洪堤加高加固'],
];

const PURCHASES: readonly [string, number, number][] = [
  ['办公用品', 300, 3000],
  ['台式电脑及打印机', 5000, 30000],
  ['分类垃圾桶', 1500, 20000],
  ['绿化苗木', 3000, 60000],
  ['消防器材', 1000, 15000],
  ['防汛物资（沙袋、雨衣、应急灯）', 2000, 25000],
  ['健身器材', 8000, 80000],
  ['监控设备', 10000, 90000],
  ['办公桌椅', 1500, 20000],
  ['宣传展板及标识标牌', 800, 12000],
  ['应急广播设备', 5000, 40000],
  ['会议室音响设备', 3000, 25000],
  ['保洁工具（扫帚、垃圾夹、手推车）', 500, 6000],
  ['道路反光镜及警示桩', 1000, 15000],
  ['农家书屋图书', 1000, 10000],
  ['村务公开栏', 2000, 18000],
];

const LABOUR: readonly string[] = [
  '村庄环境保洁',
  '护林巡山',
  '河道清淤',
  '绿化养护',
  '防汛值守',
  '道路除草',
  '垃圾清运',
];

const FUNDS: readonly [string, 'income' | 'expense', number, number][] = [
  ['支付保洁员工资', 'expense', 2000, 6000],
  ['支付村干部误工补贴', 'expense', 800, 3000],
  ['支付村委会水电费', 'expense', 200, 1500],
  ['支付办公经费', 'expense', 300, 2500],
  ['支付防疫物资款', 'expense', 500, 4000],
  ['支付道路养护费', 'expense', 1000, 9000],
  ['收到上级补助资金', 'income', 10000, 200000],
  ['收到集体资产租金', 'income', 5000, 50000],
  ['收到村集体经营收入', 'income', 3000, 40000],
];

const ASSETS: readonly [string, number, number][] = [
  ['村集体厂房', 60000, 200000],
  ['鱼塘', 5000, 30000],
  ['林地', 8000, 40000],
  ['沿街店面', 20000, 80000],
  ['茶园', 10000, 60000],
];

/**
 * Why an amount was corrected. Only fund movements paid by transfer and labour budgets are
 * amended: a lease's rent, a purchase's or a project's amount is tied to its payments and its
 * tier, and a cash payment corrected upwards could pass the cash limit.
 */
const AMEND_REASONS: Record<'fund' | 'labour', readonly string[]> = {
  fund: ['发票金额录入有误，按发票更正', '转账金额录入有误，按银行回单更正'],
  labour: ['用工预算录入有误，按核定用工数更正'],
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const yuan = (n: number) => Math.round(n) * 100;

/** The plan: every entry of the demo town, village by village. */
export function demoLedgers(): PlannedEntry[] {
  const rand = mulberry32(20260430);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const name = makeNameGenerator(4302026);
  const townPrefix = DEMO_TOWN_CODE.slice(0, 9);
  const villages = QINGXI_VILLAGES.map((v) => ({ ...v, code: townPrefix + v.suffix }));
  const kinds: LedgerKind[] = [];
  for (const [kind, count] of Object.entries(KIND_COUNTS) as [LedgerKind, number][]) {
    for (let i = 0; i < count; i++) kinds.push(kind);
  }
  const perVillage = apportion(
    DEMO_LEDGER_TOTAL,
    villages.map((v) => v.weight),
  );
  const cadres = new Map(villages.map((v) => [v.code, [name(), name(), name()]]));
  // Shuffle the kinds deterministically, then deal them to villages by their weights.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as LedgerKind, kinds[i] as LedgerKind];
  }
  const plan: PlannedEntry[] = [];
  let next = 0;
  villages.forEach((village, vi) => {
    const [head, secretary, supervisor] = cadres.get(village.code) as [string, string, string];
    const tools: Tools = {
      int,
      rand,
      name,
      head,
      secretary,
      supervisor,
      end: DEMO_PERIOD_END,
      book: new Map(),
    };
    for (let n = 0; n < (perVillage[vi] ?? 0); n++) {
      const kind = kinds[next++] as LedgerKind;
      const month = int(1, 4);
      const occurredOn = `2026-0${month}-${String(int(1, 28)).padStart(2, '0')}`;
      // Published on its due date or up to three days before.
      const disclosure = { mode: 'onTime' as const, lagDays: int(0, 3) };
      const entry = plannedEntry(kind, village.name, occurredOn, tools);
      const body = { ...entry.body, regionCode: village.code };
      const fields = entry.fields;
      const amendable =
        kind === 'labour'
          ? 'labour'
          : kind === 'fund' && fields.method === 'transfer'
            ? 'fund'
            : null;
      const amend =
        amendable && rand() < 0.015
          ? {
              reason: pick(rand, AMEND_REASONS[amendable]),
              amount: Math.round(body.amount * 1.05),
            }
          : undefined;
      plan.push({ ...entry, body, disclosure, ...(amend ? { amendment: amend } : {}) });
    }
  });
  return plan;
}

export interface Tools {
  int: (lo: number, hi: number) => number;
  rand: () => number;
  name: () => string;
  head: string;
  secretary: string;
  supervisor: string;
  /** The last day of the period: stages after it are not reached yet. */
  end: string;
  /**
   * The village's contractors, suppliers and items so far: with it, works and purchases are
   * not split (see {@link pickFor}); the county generator goes without.
   */
  book?: VillageBook;
}

type Draft = Omit<PlannedEntry, 'disclosure' | 'amendment'>;

/** For each contractor, supplier and item of a village (a key of {@link pickFor}), its days. */
export type VillageBook = Map<string, number[]>;

/** The county's splitting window: pieces of one party or one item this close are judged together. */
const SPLIT_WINDOW_DAYS = DEFAULT_POLICY.redFlags.splitWindowDays;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/**
 * One of `options` at random. With the village's book, one whose key the village has not used
 * within the splitting window around `on` — when `fresh`, one it has never used while there is
 * one — and the book records it: a village does not give one contractor or supplier, or one
 * item, a second piece within the window (化整为零, the rule `contractSplitting`). Any option
 * when every one is taken, or without a book.
 */
function pickFor<T>(
  t: Tools,
  options: readonly T[],
  keyOf: (option: T) => string,
  on: string,
  fresh = false,
): T {
  const book = t.book;
  if (!book) return pick(t.rand, options);
  const day = dayNumber(on);
  const free = options.filter((o) =>
    (book.get(keyOf(o)) ?? []).every((d) => Math.abs(d - day) > SPLIT_WINDOW_DAYS),
  );
  const unused = fresh ? free.filter((o) => !book.has(keyOf(o))) : [];
  const chosen = pick(t.rand, unused.length > 0 ? unused : free.length > 0 ? free : options);
  const key = keyOf(chosen);
  book.set(key, [...(book.get(key) ?? []), day]);
  return chosen;
}

/** A villager who is none of the cadres who approve and confirm: nobody signs off their own pay. */
function villager(t: Tools): string {
  const cadres = [t.head, t.secretary, t.supervisor];
  let name = t.name();
  while (cadres.includes(name)) name = t.name();
  return name;
}

export function plannedEntry(kind: LedgerKind, village: string, on: string, t: Tools): Draft {
  switch (kind) {
    case 'project':
      return project(village, on, t);
    case 'procurement':
      return procurement(village, on, t);
    case 'labour':
      return labour(village, on, t);
    case 'fund':
      return fund(on, t);
    case 'asset':
      return asset(village, on, t);
  }
}

function meetings(before: string, t: Tools): PlannedMeeting[] {
  const party = t.int(20, 60);
  const reps = t.int(25, 60);
  const steps: PlannedMeeting[] = [];
  const base = addDays(before, -t.int(20, 30));
  const partyPresent = Math.ceil((party * 2) / 3) + t.int(0, Math.floor(party / 4));
  const repsPresent = Math.ceil((reps * 2) / 3) + t.int(0, Math.floor(reps / 4));
  steps.push({ step: 'proposal', heldOn: base, expected: 7, present: 7, votesFor: 7 });
  steps.push({
    step: 'committees',
    heldOn: addDays(base, 3),
    expected: 9,
    present: 9,
    votesFor: 9,
  });
  steps.push({
    step: 'partyMembers',
    heldOn: addDays(base, 7),
    expected: party,
    present: Math.min(party, partyPresent),
    votesFor: Math.min(party, partyPresent, Math.floor(party / 2) + 1 + t.int(0, 5)),
  });
  steps.push({
    step: 'representatives',
    heldOn: addDays(base, 12),
    expected: reps,
    present: Math.min(reps, repsPresent),
    votesFor: Math.min(reps, repsPresent),
  });
  steps.push({
    step: 'resolutionDisclosure',
    heldOn: addDays(base, 14),
    expected: 0,
    present: 0,
    votesFor: 0,
  });
  return steps;
}

function project(village: string, on: string, t: Tools): Draft {
  // Each project of a village is a different work, each contractor's jobs a window apart.
  const [title, description] = pickFor(t, PROJECTS, ([item]) => `project:item:${item}`, on, true);
  // Mostly small works; a few large ones go to the township exchange.
  const budget = yuan(
    t.rand() < 0.55
      ? t.int(30_000, 99_000)
      : t.rand() < 0.85
        ? t.int(100_000, 480_000)
        : t.int(500_000, 1_200_000),
  );
  const contractor = pickFor(t, CONTRACTORS, (c) => `project:party:${c.name}`, on);
  const fields: Record<string, unknown> = {
    location: `${village}`,
    description,
    acceptances: [],
    payments: [],
  };
  let stage = 'initiated';
  const tradeOn = addDays(on, t.int(7, 20));
  if (t.end >= tradeOn) {
    fields.trade = { on: tradeOn, method: worksMethod(DEFAULT_POLICY, budget) };
    stage = 'traded';
    const contractOn = addDays(tradeOn, t.int(3, 10));
    const amount = Math.round((budget * t.int(90, 98)) / 100);
    if (t.end >= contractOn) {
      fields.contract = {
        on: contractOn,
        party: contractor.name,
        creditCode: contractor.creditCode,
        amount,
      };
      stage = 'contracted';
      const payments: Record<string, unknown>[] = [];
      const advanceOn = addDays(contractOn, t.int(5, 15));
      if (t.end >= advanceOn) {
        payments.push({
          on: advanceOn,
          amount: Math.round(amount * 0.3),
          payee: contractor.name,
          method: 'transfer',
          invoiceNo: `33${t.int(10000000, 99999999)}`,
        });
      }
      const worksOn = addDays(contractOn, t.int(2, 7));
      if (t.end >= worksOn) {
        fields.works = { on: worksOn };
        stage = 'constructing';
        const acceptOn = addDays(worksOn, t.int(20, 45));
        if (t.end >= acceptOn) {
          fields.acceptances = [{ on: acceptOn, result: 'pass' }];
          stage = 'accepted';
          const settleOn = addDays(acceptOn, t.int(3, 10));
          const settled = Math.round((amount * t.int(97, 101)) / 100);
          if (t.end >= settleOn) {
            fields.settlement = { on: settleOn, amount: settled };
            stage = 'settled';
            const auditOn = addDays(settleOn, t.int(3, 10));
            if (t.end >= auditOn) {
              const audited = Math.round((settled * t.int(96, 100)) / 100);
              fields.priceAudit = { on: auditOn, amount: audited, auditor: '清源县审计事务所' };
              stage = 'priceAudited';
              const payOn = addDays(auditOn, t.int(2, 8));
              if (t.end >= payOn) {
                const paid = payments.reduce((s, p) => s + (p.amount as number), 0);
                payments.push({
                  on: payOn,
                  amount: audited - paid,
                  payee: contractor.name,
                  method: 'transfer',
                  invoiceNo: `33${t.int(10000000, 99999999)}`,
                });
                stage = 'paid';
              }
            }
          }
        }
      }
      fields.payments = payments;
    }
  }
  const draft: Draft = {
    body: {
      kind: 'project',
      regionCode: '',
      title: `${village}${title}`,
      amount: budget,
      occurredOn: on,
      attachments: [],
      fields: { location: village, description },
    },
    fields,
    stage,
  };
  if (needsResolution(DEFAULT_POLICY, budget)) {
    draft.decision = {
      title: `${village}${title}立项`,
      content: `拟实施${title}：${description}，预算约${Math.round(budget / 1_000_000)}万元，资金来源为村集体资金及上级补助。`,
      meetings: meetings(on, t),
    };
  }
  return draft;
}

function procurement(village: string, on: string, t: Tools): Draft {
  // The same item or the same winning supplier again only after the splitting window.
  const [item, lo, hi] = pickFor(t, PURCHASES, ([what]) => `procurement:item:${what}`, on);
  const amount = yuan(t.int(lo, hi));
  const method = procurementMethod(DEFAULT_POLICY, amount);
  const count = method === 'simple' ? 1 : 3;
  const winner = pickFor(t, SUPPLIERS, (s) => `procurement:party:${s}`, on);
  const others = SUPPLIERS.filter((s) => s !== winner).sort(() => t.rand() - 0.5);
  const suppliers = [winner, ...others.slice(0, count - 1)];
  const quotations = suppliers.map((supplier, i) => ({
    supplier,
    amount: i === 0 ? amount : Math.round((amount * t.int(103, 115)) / 100),
  }));
  const fields: Record<string, unknown> = { item, quotations, method, payments: [] };
  let stage = 'initiated';
  const contractOn = addDays(on, t.int(1, 7));
  if (t.end >= contractOn) {
    fields.contract = { on: contractOn, party: suppliers[0], amount };
    stage = 'contracted';
    const payOn = addDays(contractOn, t.int(3, 15));
    if (t.end >= payOn) {
      fields.payments = [
        {
          on: payOn,
          amount,
          payee: suppliers[0],
          method: 'transfer',
          invoiceNo: `33${t.int(10000000, 99999999)}`,
        },
      ];
      stage = 'paid';
    }
  }
  return {
    body: {
      kind: 'procurement',
      regionCode: '',
      title: `${village}采购${item}`,
      amount,
      occurredOn: on,
      attachments: [],
      fields: { item, quotations, method },
    },
    fields,
    stage,
  };
}

function labour(village: string, on: string, t: Tools): Draft {
  const task = pick(t.rand, LABOUR);
  const workers = Array.from({ length: t.int(2, 5) }, () => ({ name: villager(t) }));
  const unique = [...new Map(workers.map((w) => [w.name, w])).values()];
  const confirmations: Record<string, unknown>[] = [];
  const days = t.int(2, 6);
  for (let d = 0; d < days; d++) {
    const day = addDays(on, d);
    if (!(t.end >= day)) break;
    const worker = pick(t.rand, unique).name;
    confirmations.push({
      on: day,
      worker,
      hours: 8,
      task,
      amount: yuan(t.int(150, 300)),
      confirmedBy: t.head,
      confirmedOn: day,
    });
  }
  const total = confirmations.reduce((s, c) => s + (c.amount as number), 0);
  const payOn = addDays(on, days + t.int(1, 10));
  const payments =
    t.end >= payOn
      ? [...new Set(confirmations.map((c) => c.worker as string))].map((worker) => ({
          on: payOn,
          amount: confirmations
            .filter((c) => c.worker === worker)
            .reduce((s, c) => s + (c.amount as number), 0),
          payee: worker,
          method: 'transfer',
        }))
      : [];
  return {
    body: {
      kind: 'labour',
      regionCode: '',
      title: `${village}${task}用工`,
      amount: Math.max(total, yuan(300)),
      occurredOn: on,
      attachments: [],
      fields: { workers: unique },
    },
    fields: { workers: unique, confirmations, payments },
    stage: 'recorded',
  };
}

function fund(on: string, t: Tools): Draft {
  const [title, direction, lo, hi] = pick(t.rand, FUNDS);
  const amount = yuan(t.int(lo, hi));
  const cash = direction === 'expense' && amount < yuan(1000) && t.rand() < 0.3;
  const counterparty =
    direction === 'income'
      ? pick(t.rand, [
          '清溪镇财政所',
          '清源县农业农村局',
          '清江市宏远建筑工程有限公司',
          villager(t),
        ])
      : pick(t.rand, [villager(t), villager(t), '国网清源县供电公司', '清源县百货商行']);
  const approvedOn = addDays(on, -t.int(0, 1));
  const fields = {
    direction,
    counterparty,
    method: cash ? 'cash' : 'transfer',
    ...(direction === 'expense' ? { invoiceNo: `33${t.int(10000000, 99999999)}` } : {}),
    purpose: title.replace(/^(支付|收到)/, ''),
    approvals: [
      { role: 'committee_head', name: t.head, on: approvedOn },
      { role: 'secretary', name: t.secretary, on: approvedOn },
      { role: 'supervision_committee', name: t.supervisor, on: on },
    ],
  };
  return {
    body: {
      kind: 'fund',
      regionCode: '',
      title,
      amount,
      occurredOn: on,
      attachments: [],
      fields: fields as never,
    },
    fields,
    stage: 'recorded',
  };
}

function asset(village: string, on: string, t: Tools): Draft {
  const [what, lo, hi] = pick(t.rand, ASSETS);
  const reference = yuan(t.int(lo, hi));
  // Let at or above the reference price; the first year's rent paid on signing.
  const rent = Math.round((reference * t.int(100, 125)) / 100);
  const lessee = t.rand() < 0.5 ? villager(t) : pick(t.rand, SUPPLIERS);
  const termEnd = addDays(on, 365 * t.int(1, 5) - 1);
  const fields = {
    asset: `${village}${what}`,
    lessee,
    termStart: on,
    termEnd,
    referencePrice: reference,
    rentPayments: [{ on, amount: rent }],
  };
  return {
    body: {
      kind: 'asset',
      regionCode: '',
      title: `${village}${what}出租`,
      amount: rent,
      occurredOn: on,
      attachments: [],
      fields: { asset: fields.asset, lessee, termStart: on, termEnd, referencePrice: reference },
    },
    fields,
    stage: 'recorded',
  };
}

/**
 * A village's entries over whole years, for the county generator: the same builders as the
 * demo, `count` entries spread over `years` years ending on `end`, the kinds in the demo's
 * proportions, most disclosed on time.
 */
export function villagePlan(
  village: { code: string; name: string },
  count: number,
  years: number,
  end: string,
  seed: number,
): PlannedEntry[] {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const name = makeNameGenerator(seed + 1);
  const [head, secretary, supervisor] = [name(), name(), name()];
  const weights = Object.entries(KIND_COUNTS) as [LedgerKind, number][];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const endTime = new Date(`${end}T00:00:00Z`).getTime();
  const span = years * 365 * 86_400_000;
  const plan: PlannedEntry[] = [];
  for (let n = 0; n < count; n++) {
    let roll = rand() * total;
    const kind = (weights.find(([, w]) => (roll -= w) < 0) ?? weights[0]!)[0];
    const occurredOn = new Date(endTime - Math.floor(rand() * span)).toISOString().slice(0, 10);
    const late = rand();
    const disclosure =
      late < 0.05
        ? { mode: 'late' as const, lagDays: int(1, 12) }
        : { mode: 'onTime' as const, lagDays: int(0, 3) };
    const entry = plannedEntry(kind, village.name, occurredOn, {
      int,
      rand,
      name,
      head,
      secretary,
      supervisor,
      end,
    });
    plan.push({ ...entry, body: { ...entry.body, regionCode: village.code }, disclosure });
  }
  return plan;
}
