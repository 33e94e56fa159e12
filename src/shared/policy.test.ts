import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countyOf,
  DEFAULT_POLICY,
  disclosedAtOnce,
  needsResolution,
  procurementMethod,
  PROCUREMENT_METHODS,
  worksMethod,
  WORKS_METHODS,
} from './policy.js';
import { CountyPolicySchema } from './schemas/policy.js';

const yuan = (n: number) => n * 100;

describe('county policy tiers', () => {
  it('awards works by the default tiers of PRODUCT.md', () => {
    expect(worksMethod(DEFAULT_POLICY, yuan(99_999))).toBe('own_choice');
    expect(worksMethod(DEFAULT_POLICY, yuan(100_000))).toBe('contractor_pool');
    expect(worksMethod(DEFAULT_POLICY, yuan(499_999))).toBe('contractor_pool');
    expect(worksMethod(DEFAULT_POLICY, yuan(500_000))).toBe('township_tender');
    expect(worksMethod(DEFAULT_POLICY, yuan(4_000_000))).toBe('county_tender');
    expect(procurementMethod(DEFAULT_POLICY, yuan(1_999))).toBe('simple');
    expect(procurementMethod(DEFAULT_POLICY, yuan(50_000))).toBe('joint_meeting');
    expect(procurementMethod(DEFAULT_POLICY, yuan(200_000))).toBe('representatives');
    expect(disclosedAtOnce(DEFAULT_POLICY, yuan(50_000))).toBe(true);
    expect(disclosedAtOnce(DEFAULT_POLICY, yuan(49_999))).toBe(false);
    expect(needsResolution(DEFAULT_POLICY, yuan(100_000))).toBe(true);
  });

  it('never asks less of a larger amount (property)', () => {
    fc.assert(
      fc.property(fc.nat(2_000_000_000), fc.nat(2_000_000_000), (a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const rank = <T>(list: readonly T[], x: T) => list.indexOf(x);
        expect(rank(WORKS_METHODS, worksMethod(DEFAULT_POLICY, small))).toBeLessThanOrEqual(
          rank(WORKS_METHODS, worksMethod(DEFAULT_POLICY, large)),
        );
        expect(
          rank(PROCUREMENT_METHODS, procurementMethod(DEFAULT_POLICY, small)),
        ).toBeLessThanOrEqual(rank(PROCUREMENT_METHODS, procurementMethod(DEFAULT_POLICY, large)));
      }),
    );
  });

  it('accepts the defaults and refuses tiers out of order, naming the field', () => {
    expect(CountyPolicySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
    const bad = CountyPolicySchema.safeParse({
      ...DEFAULT_POLICY,
      works: { ...DEFAULT_POLICY.works, contractorPoolBelow: DEFAULT_POLICY.works.ownChoiceBelow },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['works.contractorPoolBelow']);
  });

  it('finds the county of any region', () => {
    expect(countyOf('339901101201')).toBe('339901000000');
    expect(countyOf('339901000000')).toBe('339901000000');
  });
});
