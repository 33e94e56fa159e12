import { z } from 'zod';
import { PROCUREMENT_METHODS, WORKS_METHODS } from '../policy.js';
import { Id, pageOf, PageQuery, QueryFlag, RegionCode } from './common.js';

/**
 * Ledgers (台账) of the micro-power platform: one entry per project, purchase, labour hire,
 * fund movement or asset lease. Amounts are integer fen; dates are local dates YYYY-MM-DD.
 * An entry is never overwritten: every change makes a new version with a reason.
 */
export const LEDGER_KINDS = ['project', 'procurement', 'labour', 'fund', 'asset'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Project stages in order: 立项 交易 合同 施工 验收 结算 审价 支付. */
export const PROJECT_STAGES = [
  'initiated',
  'traded',
  'contracted',
  'constructing',
  'accepted',
  'settled',
  'priceAudited',
  'paid',
] as const;
/** Purchases: 立项 (quotations) → 合同 (award) → 支付. Other kinds stay `recorded`. */
export const PROCUREMENT_STAGES = ['initiated', 'contracted', 'paid'] as const;
export const LEDGER_STAGES = [...PROJECT_STAGES, 'recorded'] as const;
export type LedgerStage = (typeof LEDGER_STAGES)[number];

export const LEDGER_STATUSES = ['active', 'voided'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
export const REVIEW_STATUSES = ['none', 'pending', 'approved', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const PAYMENT_METHODS = ['transfer', 'cash'] as const;
export const APPROVER_ROLES = ['committee_head', 'secretary', 'supervision_committee'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** An amount in fen: a whole, non-negative number, at most ¥10 billion. */
export const Fen = z
  .number({ message: 'amount.fen' })
  .int('amount.fen')
  .min(0, 'amount.fen')
  .max(1_000_000_000_000, 'amount.fen');
export const LocalDate = z.iso.date({ message: 'date.format' });
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).optional();
/** 统一社会信用代码: checked against its GB 32100 check character by the service. */
export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/, 'creditCode.format');

export const Attachment = z.object({
  fileId: Id,
  name: Text(200),
  /** Shown on the public site: upload a redacted copy for the public. */
  public: z.boolean().default(false),
});
export type Attachment = z.infer<typeof Attachment>;

export const Payment = z.object({
  on: LocalDate,
  amount: Fen,
  payee: Text(100),
  method: z.enum(PAYMENT_METHODS),
  invoiceNo: OptionalText(60),
});
export type Payment = z.infer<typeof Payment>;

export const Quotation = z.object({ supplier: Text(100), amount: Fen });
export const Worker = z.object({
  name: Text(40),
  /** 身份证号: never disclosed; checked with GB 11643 by the service. */
  idNumber: z.string().trim().toUpperCase().optional(),
  phone: z.string().trim().optional(),
});
export type Worker = z.infer<typeof Worker>;
export const WorkConfirmation = z.object({
  on: LocalDate,
  worker: Text(40),
  hours: z.number().min(0).max(24).optional(),
  task: OptionalText(200),
  /** Pay for this confirmation in fen. */
  amount: Fen,
  confirmedBy: Text(40),
  confirmedOn: LocalDate,
});
export const Approval = z.object({
  role: z.enum(APPROVER_ROLES),
  name: Text(40),
  on: LocalDate,
});
export const RentPayment = z.object({ on: LocalDate, amount: Fen });

/** Kind-specific fields of each ledger, as stored (stages fill in the optional parts). */
export const ProjectFields = z.object({
  location: OptionalText(200),
  description: OptionalText(2000),
  trade: z
    .object({ on: LocalDate, method: z.enum(WORKS_METHODS), note: OptionalText(500) })
    .optional(),
  contract: z
    .object({ on: LocalDate, party: Text(100), creditCode: CreditCode, amount: Fen })
    .optional(),
  works: z.object({ on: LocalDate }).optional(),
  acceptances: z
    .array(z.object({ on: LocalDate, result: z.enum(['pass', 'fail']), note: OptionalText(500) }))
    .default([]),
  settlement: z.object({ on: LocalDate, amount: Fen }).optional(),
  priceAudit: z.object({ on: LocalDate, amount: Fen, auditor: Text(100) }).optional(),
  payments: z.array(Payment).default([]),
});
export const ProcurementFields = z.object({
  item: Text(200),
  quotations: z.array(Quotation).min(1).max(20),
  method: z.enum(PROCUREMENT_METHODS),
  contract: z
    .object({ on: LocalDate, party: Text(100), creditCode: CreditCode.optional(), amount: Fen })
    .optional(),
  payments: z.array(Payment).default([]),
});
export const LabourFields = z.object({
  workers: z.array(Worker).max(500).default([]),
  confirmations: z.array(WorkConfirmation).default([]),
  payments: z.array(Payment).default([]),
});
export const FundFields = z.object({
  direction: z.enum(['income', 'expense']),
  counterparty: Text(100),
  method: z.enum(PAYMENT_METHODS),
  invoiceNo: OptionalText(60),
  purpose: Text(500),
  /** 联审联签: committee head, then secretary, plus the village supervision committee. */
  approvals: z.array(Approval).max(3).default([]),
});
export const AssetFields = z.object({
  asset: Text(200),
  lessee: Text(100),
  lesseeCreditCode: CreditCode.optional(),
  termStart: LocalDate,
  termEnd: LocalDate,
  /** 参考价: the reference rent per year, fen. */
  referencePrice: Fen,
  rentPayments: z.array(RentPayment).default([]),
});

export const KIND_FIELDS = {
  project: ProjectFields,
  procurement: ProcurementFields,
  labour: LabourFields,
  fund: FundFields,
  asset: AssetFields,
} as const;
export type ProjectFields = z.infer<typeof ProjectFields>;
export type ProcurementFields = z.infer<typeof ProcurementFields>;
export type LabourFields = z.infer<typeof LabourFields>;
export type FundFields = z.infer<typeof FundFields>;
export type AssetFields = z.infer<typeof AssetFields>;
export type KindFields = {
  project: ProjectFields;
  procurement: ProcurementFields;
  labour: LabourFields;
  fund: FundFields;
  asset: AssetFields;
};

const EntryBase = {
  regionCode: RegionCode,
  title: Text(200),
  /** The headline amount: budget, purchase amount, labour budget, fund amount or yearly rent. */
  amount: Fen,
  /** The record's date (立项, purchase, hire, movement, lease signed): it sets the period. */
  occurredOn: LocalDate,
  decisionId: Id.nullable().optional(),
  attachments: z.array(Attachment).max(50).default([]),
};

/** What a cadre enters to record a new entry; later stages come as actions. */
export const NewLedgerEntryBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('project'),
    ...EntryBase,
    fields: ProjectFields.pick({ location: true, description: true }),
  }),
  z.object({
    kind: z.literal('procurement'),
    ...EntryBase,
    fields: ProcurementFields.pick({ item: true, quotations: true, method: true }),
  }),
  z.object({
    kind: z.literal('labour'),
    ...EntryBase,
    fields: LabourFields.pick({ workers: true }),
  }),
  z.object({ kind: z.literal('fund'), ...EntryBase, fields: FundFields }),
  z.object({
    kind: z.literal('asset'),
    ...EntryBase,
    fields: AssetFields.omit({ rentPayments: true }),
  }),
]);
export type NewLedgerEntryBody = z.infer<typeof NewLedgerEntryBody>;

const Versioned = { expectedVersion: z.number().int().min(1) };

/** A correction: a new version with a reason. `fields` is merged over the stored fields. */
export const AmendLedgerBody = z.object({
  ...Versioned,
  reason: z.string().trim().min(2).max(500),
  title: Text(200).optional(),
  amount: Fen.optional(),
  occurredOn: LocalDate.optional(),
  decisionId: Id.nullable().optional(),
  attachments: z.array(Attachment).max(50).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type AmendLedgerBody = z.infer<typeof AmendLedgerBody>;

/** The next step of an entry's life: a stage, a payment, a confirmation, an approval. */
export const LedgerActionBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('trade'),
    ...Versioned,
    on: LocalDate,
    method: z.enum(WORKS_METHODS),
    note: OptionalText(500),
  }),
  z.object({
    action: z.literal('contract'),
    ...Versioned,
    on: LocalDate,
    party: Text(100),
    creditCode: CreditCode.optional(),
    amount: Fen,
  }),
  z.object({ action: z.literal('startWorks'), ...Versioned, on: LocalDate }),
  z.object({
    action: z.literal('accept'),
    ...Versioned,
    on: LocalDate,
    result: z.enum(['pass', 'fail']),
    note: OptionalText(500),
  }),
  z.object({ action: z.literal('settle'), ...Versioned, on: LocalDate, amount: Fen }),
  z.object({
    action: z.literal('priceAudit'),
    ...Versioned,
    on: LocalDate,
    amount: Fen,
    auditor: Text(100),
  }),
  z.object({ action: z.literal('pay'), ...Versioned, ...Payment.shape }),
  z.object({ action: z.literal('addWorker'), ...Versioned, ...Worker.shape }),
  z.object({ action: z.literal('confirmWork'), ...Versioned, ...WorkConfirmation.shape }),
  z.object({ action: z.literal('approve'), ...Versioned, ...Approval.shape }),
  z.object({ action: z.literal('payRent'), ...Versioned, ...RentPayment.shape }),
]);
export type LedgerActionBody = z.infer<typeof LedgerActionBody>;
export type LedgerAction = LedgerActionBody['action'];
export const LEDGER_ACTIONS = [
  'trade',
  'contract',
  'startWorks',
  'accept',
  'settle',
  'priceAudit',
  'pay',
  'addWorker',
  'confirmWork',
  'approve',
  'payRent',
] as const satisfies readonly LedgerAction[];

export const ReasonBody = z.object({ reason: z.string().trim().min(2).max(500) });
export const ReviewBody = z.object({
  ...Versioned,
  approve: z.boolean(),
  note: z.string().trim().max(500).optional(),
});
export const DiscloseBody = z.object({ ...Versioned });

export const FieldChange = z.object({
  /** Dotted path, e.g. `amount` or `fields.contract.amount` or `fields.payments.0.amount`. */
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const LedgerVersionDto = z.object({
  version: z.number().int(),
  /** create | amend | void | override | one of LEDGER_ACTIONS */
  action: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  actorName: z.string(),
  changes: z.array(FieldChange),
});
export type LedgerVersionDto = z.infer<typeof LedgerVersionDto>;

export const LedgerListItem = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  regionCode: RegionCode,
  regionName: z.string(),
  title: z.string(),
  amount: z.number().int(),
  occurredOn: z.string(),
  stage: z.enum(LEDGER_STAGES),
  status: z.enum(LEDGER_STATUSES),
  version: z.number().int(),
  reviewStatus: z.enum(REVIEW_STATUSES),
  /** The date a pending disclosure is due; null when nothing is waiting. */
  disclosureDueOn: z.string().nullable(),
  disclosedVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type LedgerListItem = z.infer<typeof LedgerListItem>;

export const LedgerEntryDto = LedgerListItem.extend({
  fields: z.record(z.string(), z.unknown()),
  decisionId: z.string().nullable(),
  attachments: z.array(Attachment),
  reviewNote: z.string().nullable(),
  voidReason: z.string().nullable(),
  override: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  /** What the county's rules of the entry's day require of it. */
  rules: z.object({
    worksMethod: z.enum(WORKS_METHODS).nullable(),
    procurementMethod: z.enum(PROCUREMENT_METHODS).nullable(),
    needsResolution: z.boolean(),
    disclosedAtOnce: z.boolean(),
    reviewRequired: z.boolean(),
  }),
  /** Actions the entry allows next, for the caller. */
  allowedActions: z.array(z.string()),
  versions: z.array(LedgerVersionDto),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type LedgerEntryDto = z.infer<typeof LedgerEntryDto>;

export const LedgerListQuery = PageQuery.extend({
  regionCode: RegionCode,
  kind: z.enum(LEDGER_KINDS).optional(),
  status: z.enum(LEDGER_STATUSES).optional(),
  reviewStatus: z.enum(REVIEW_STATUSES).optional(),
  /** YYYY-MM: entries whose date falls in that month. */
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period.format')
    .optional(),
  q: z.string().trim().max(50).optional(),
  /** Only entries whose disclosure is past due. */
  overdue: QueryFlag.optional(),
  /** Only entries that reached 合同 on a town officer's override. */
  overridden: QueryFlag.optional(),
});
export type LedgerListQuery = z.infer<typeof LedgerListQuery>;
export const LedgerPage = pageOf(LedgerListItem);

export const IMPORT_MODES = ['all', 'valid'] as const;
/** The outcome of an xlsx import: by default nothing is imported when any row fails. */
export const ImportReport = z.object({
  mode: z.enum(IMPORT_MODES),
  /** Data rows read from the sheet. */
  total: z.number().int(),
  imported: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
export const TemplateQuery = z.object({ regionCode: RegionCode, kind: z.enum(LEDGER_KINDS) });
