/**
 * 12-digit statistical division codes (统计用区划代码): 2 digits province, 2 city, 2 county,
 * 3 town, 3 village. A region's subtree is every code that starts with its significant prefix.
 */
export const REGION_LEVELS = ['province', 'city', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

const PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  town: 9,
  village: 12,
};

export const REGION_CODE_PATTERN = /^\d{12}$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE_PATTERN.test(code);
}

/** The level of a code, read from its trailing zero groups. */
export function regionLevel(code: string): RegionLevel {
  if (!isRegionCode(code)) throw new RangeError(`not a 12-digit region code: ${code}`);
  if (/^\d{2}0{10}$/.test(code)) return 'province';
  if (/^\d{4}0{8}$/.test(code)) return 'city';
  if (/^\d{6}0{6}$/.test(code)) return 'county';
  if (/^\d{9}000$/.test(code)) return 'town';
  return 'village';
}

/** The prefix shared by every code in the region's subtree. */
export function regionPrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[regionLevel(code)]);
}

/** True when `code` lies in the subtree rooted at `root` (a region is inside itself). */
export function isWithin(code: string, root: string): boolean {
  return code.startsWith(regionPrefix(root));
}

/** The parent code, or null for a province. */
export function parentRegionCode(code: string): string | null {
  const level = regionLevel(code);
  const index = REGION_LEVELS.indexOf(level);
  if (index === 0) return null;
  const parentLevel = REGION_LEVELS[index - 1] as RegionLevel;
  return code.slice(0, PREFIX_LENGTH[parentLevel]).padEnd(12, '0');
}

/** Reduce a set of roots to the minimal set: drop any root already inside another. */
export function minimalRoots(codes: readonly string[]): string[] {
  const unique = [...new Set(codes)].sort(
    (a, b) => regionPrefix(a).length - regionPrefix(b).length,
  );
  const kept: string[] = [];
  for (const code of unique) {
    if (!kept.some((root) => isWithin(code, root))) kept.push(code);
  }
  return kept.sort();
}
