import { z } from 'zod';
import { DEFAULT_POLICY } from '../policy.js';
import { RegionCode } from './common.js';

/** An amount in fen: a whole number, at most ¥10 billion. */
const Fen = z.number().int().min(0).max(1_000_000_000_000);

/** A red-flag threshold: a whole number above 0 (a percent may have decimals). */
const Positive = (whole = true) => {
  const number = z.number().positive('threshold.positive').max(1_000_000_000_000);
  return whole ? number.int('threshold.whole') : number;
};

export const RedFlagsSchema = z.object({
  splitWindowDays: Positive().max(366),
  settlementOverrunPercent: Positive(false).max(1_000),
  duplicatePaymentWindowDays: Positive().max(366),
  cashPaymentMaxFen: Positive(),
  labourConfirmMaxDaysLate: Positive().max(366),
  leaseMaxTermYears: Positive().max(70),
  rentOverdueDays: Positive().max(3_660),
  finalAccountsMonths: Positive().max(120),
});

export const CountyPolicySchema = z
  .object({
    works: z.object({
      ownChoiceBelow: Fen,
      contractorPoolBelow: Fen,
      townshipTenderBelow: Fen,
    }),
    procurement: z.object({ simpleBelow: Fen, jointMeetingBelow: Fen }),
    resolutionRequiredFrom: Fen,
    immediateDisclosureFrom: Fen,
    commentPeriodDays: z.number().int().min(0).max(90),
    townReviewRequired: z.boolean().default(false),
    redFlags: RedFlagsSchema.default(() => ({ ...DEFAULT_POLICY.redFlags })),
  })
  .superRefine((p, ctx) => {
    if (p.works.contractorPoolBelow <= p.works.ownChoiceBelow) {
      ctx.addIssue({
        code: 'custom',
        path: ['works', 'contractorPoolBelow'],
        message: 'tiers.ascending',
      });
    }
    if (p.works.townshipTenderBelow <= p.works.contractorPoolBelow) {
      ctx.addIssue({
        code: 'custom',
        path: ['works', 'townshipTenderBelow'],
        message: 'tiers.ascending',
      });
    }
    if (p.procurement.jointMeetingBelow <= p.procurement.simpleBelow) {
      ctx.addIssue({
        code: 'custom',
        path: ['procurement', 'jointMeetingBelow'],
        message: 'tiers.ascending',
      });
    }
  });

export const PolicyVersionDto = z.object({
  id: z.string(),
  countyCode: RegionCode,
  effectiveFrom: z.iso.date(),
  policy: CountyPolicySchema,
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type PolicyVersionDto = z.infer<typeof PolicyVersionDto>;

export const NewPolicyVersionBody = z.object({
  countyCode: RegionCode,
  effectiveFrom: z.iso.date(),
  policy: CountyPolicySchema,
  reason: z.string().trim().min(2).max(500),
});
export type NewPolicyVersionBody = z.infer<typeof NewPolicyVersionBody>;

export const PolicyInForceQuery = z.object({
  regionCode: RegionCode,
  date: z.iso.date().optional(),
});

export const PolicyInForce = z.object({
  countyCode: RegionCode,
  date: z.iso.date(),
  /** The version in force, or null when the county has none yet (platform defaults apply). */
  versionId: z.string().nullable(),
  effectiveFrom: z.iso.date().nullable(),
  policy: CountyPolicySchema,
});
