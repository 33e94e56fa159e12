/**
 * A county's rules for village spending, as data (县级规则): the tiers that decide how works
 * and purchases must be awarded, the amount that must be disclosed at once, and the public
 * comment period before a vote. Amounts are integer fen. Versions take effect on a date, so
 * a record is judged by the rules of its day.
 */
export interface CountyPolicy {
  works: {
    /** Below this, the village chooses the contractor itself (村级自行选择). */
    ownChoiceBelow: number;
    /** Below this, a direct award from the contractor pool (限额平台直接发包). */
    contractorPoolBelow: number;
    /** Below this, a township exchange tender; at or above it, a county open tender. */
    townshipTenderBelow: number;
  };
  procurement: {
    /** Below this, a simple purchase. */
    simpleBelow: number;
    /** Below this, the joint meeting (联席会议) decides; at or above, the representatives. */
    jointMeetingBelow: number;
  };
  /** From this amount a project or purchase needs a passed 四议两公开 resolution before 合同. */
  resolutionRequiredFrom: number;
  /** Spending at or above this amount is disclosed at once (即时公开). */
  immediateDisclosureFrom: number;
  /** Days of public comment before the representatives vote; 0: none. */
  commentPeriodDays: number;
  /** Entries go to the town for review before they are disclosed (镇级审核). */
  townReviewRequired: boolean;
  /** The thresholds of the red-flag rules (负面清单 / 预警), beside the tiers above. */
  redFlags: RedFlagSettings;
}

/** Red-flag thresholds a county sets (the tiers above are the others the rules use). */
export interface RedFlagSettings {
  /** Pieces of one contractor or one item within this many days are judged together. */
  splitWindowDays: number;
  /** A settlement above its contract (or budget) by more than this percent. */
  settlementOverrunPercent: number;
  /** The same payee and amount paid twice within this many days. */
  duplicatePaymentWindowDays: number;
  /** A cash payment above this amount (fen). */
  cashPaymentMaxFen: number;
  /** Work confirmed more than this many days after it was done. */
  labourConfirmMaxDaysLate: number;
  /** A lease longer than this many years. */
  leaseMaxTermYears: number;
  /** A year's rent unpaid more than this many days after it fell due. */
  rentOverdueDays: number;
  /** No final accounts this many months after settlement. */
  finalAccountsMonths: number;
}

export const WORKS_METHODS = [
  'own_choice',
  'contractor_pool',
  'township_tender',
  'county_tender',
] as const;
export type WorksMethod = (typeof WORKS_METHODS)[number];

export const PROCUREMENT_METHODS = ['simple', 'joint_meeting', 'representatives'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

/**
 * The platform's defaults, from real local rules (PRODUCT.md): works < ¥100k own choice,
 * < ¥500k contractor pool, < ¥4M township tender, else county tender; purchases < ¥2k simple,
 * < ¥200k joint meeting, else representatives; ¥50k and above disclosed at once.
 */
export const DEFAULT_POLICY: CountyPolicy = Object.freeze({
  works: Object.freeze({
    ownChoiceBelow: 10_000_000,
    contractorPoolBelow: 50_000_000,
    townshipTenderBelow: 400_000_000,
  }),
  procurement: Object.freeze({ simpleBelow: 200_000, jointMeetingBelow: 20_000_000 }),
  resolutionRequiredFrom: 10_000_000,
  immediateDisclosureFrom: 5_000_000,
  commentPeriodDays: 0,
  townReviewRequired: false,
  redFlags: Object.freeze({
    splitWindowDays: 30,
    settlementOverrunPercent: 10,
    duplicatePaymentWindowDays: 7,
    cashPaymentMaxFen: 100_000,
    labourConfirmMaxDaysLate: 1,
    leaseMaxTermYears: 5,
    rentOverdueDays: 60,
    finalAccountsMonths: 12,
  }),
});

/** A stored version's rules, with defaults for what older versions did not say. */
export function withDefaults(stored: Partial<CountyPolicy>): CountyPolicy {
  return {
    ...DEFAULT_POLICY,
    ...stored,
    redFlags: { ...DEFAULT_POLICY.redFlags, ...stored.redFlags },
  };
}

/** The award method works of this amount (fen) require. */
export function worksMethod(policy: CountyPolicy, amount: number): WorksMethod {
  if (amount < policy.works.ownChoiceBelow) return 'own_choice';
  if (amount < policy.works.contractorPoolBelow) return 'contractor_pool';
  if (amount < policy.works.townshipTenderBelow) return 'township_tender';
  return 'county_tender';
}

/** How many quotations each purchase route needs. */
export const QUOTATIONS_REQUIRED: Record<ProcurementMethod, number> = {
  simple: 1,
  joint_meeting: 3,
  representatives: 3,
};

/** The decision route a purchase of this amount (fen) requires. */
export function procurementMethod(policy: CountyPolicy, amount: number): ProcurementMethod {
  if (amount < policy.procurement.simpleBelow) return 'simple';
  if (amount < policy.procurement.jointMeetingBelow) return 'joint_meeting';
  return 'representatives';
}

export function needsResolution(policy: CountyPolicy, amount: number): boolean {
  return amount >= policy.resolutionRequiredFrom;
}

export function disclosedAtOnce(policy: CountyPolicy, amount: number): boolean {
  return amount >= policy.immediateDisclosureFrom;
}

/** The county (6-digit prefix, zero-padded) a region belongs to. */
export function countyOf(regionCode: string): string {
  return regionCode.slice(0, 6).padEnd(12, '0');
}
