import type { z } from 'zod';
import type { CountyPolicy } from '../../../shared/policy.js';
import type {
  NewPolicyVersionBody,
  PolicyInForce,
  PolicyVersionDto,
} from '../../../shared/schemas/policy.js';
import { api } from '../../api/client.js';
import { fenToYuan, yuanToFen } from '../../format.js';

export type { CountyPolicy, PolicyVersionDto };
export type PolicyInForceDto = z.infer<typeof PolicyInForce>;

export const policyApi = {
  versions: (countyCode: string) => api.get<PolicyVersionDto[]>('/policies', { countyCode }),
  inForce: (regionCode: string, date?: string) =>
    api.get<PolicyInForceDto>('/policies/in-force', { regionCode, date }),
  publish: (body: NewPolicyVersionBody) => api.post<PolicyVersionDto>('/policies', body),
};

/** Query key prefix of everything read about county rules; invalidated after a change. */
export const POLICY_KEY = ['policy'] as const;

/** The same rules with every tier amount passed through `convert` (days and red-flag thresholds as they are). */
export function mapAmounts(
  policy: CountyPolicy,
  convert: (amount: number) => number,
): CountyPolicy {
  return {
    works: {
      ownChoiceBelow: convert(policy.works.ownChoiceBelow),
      contractorPoolBelow: convert(policy.works.contractorPoolBelow),
      townshipTenderBelow: convert(policy.works.townshipTenderBelow),
    },
    procurement: {
      simpleBelow: convert(policy.procurement.simpleBelow),
      jointMeetingBelow: convert(policy.procurement.jointMeetingBelow),
    },
    resolutionRequiredFrom: convert(policy.resolutionRequiredFrom),
    immediateDisclosureFrom: convert(policy.immediateDisclosureFrom),
    commentPeriodDays: policy.commentPeriodDays,
    townReviewRequired: policy.townReviewRequired,
    // Kept in fen as they are: the form edits the tiers only.
    redFlags: policy.redFlags,
  };
}

/** Rules in fen (the wire) → the same rules in yuan (the form). */
export const policyInYuan = (policy: CountyPolicy): CountyPolicy => mapAmounts(policy, fenToYuan);

/** Rules in yuan (the form) → the same rules in fen (the wire). */
export const policyInFen = (policy: CountyPolicy): CountyPolicy => mapAmounts(policy, yuanToFen);
