import { z } from 'zod';
import { RegionCode } from './common.js';

/** An amount in fen: a whole number, at most ¥10 billion. */
const Fen = z.number().int().min(0).max(1_000_000_000_000);

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
