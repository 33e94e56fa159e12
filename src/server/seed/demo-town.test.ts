import { describe, expect, it } from 'vitest';
import {
  DEMO_COUNTY_CODE,
  DEMO_OTHER_TOWN_CODE,
  DEMO_TOWN_CODE,
  demoTown,
  type DemoRegion,
} from './demo-town.js';

const town = demoTown();
const inTown = (code: string): boolean => code.startsWith(DEMO_TOWN_CODE.slice(0, 9));
const regionByCode = new Map(town.regions.map((r) => [r.code, r]));

/** Number of leading digits that identify a region at each level. */
const PREFIX_LENGTH: Record<DemoRegion['level'], number> = {
  province: 2,
  city: 4,
  county: 6,
  town: 9,
  village: 12,
};

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

describe('demoTown regions', () => {
  it('has exactly 28 villages and communities under 清溪镇', () => {
    const children = town.regions.filter((r) => r.parentCode === DEMO_TOWN_CODE);
    expect(children).toHaveLength(28);
    expect(children.every((r) => r.level === 'village')).toBe(true);
    expect(children.filter((r) => r.kind === 'community')).toHaveLength(3);
    expect(children.filter((r) => r.kind === 'village')).toHaveLength(25);
    expect(regionByCode.get(DEMO_TOWN_CODE)?.name).toBe('清溪镇');
  });

  it('follows the statistical numbering for communities (001-199) and villages (200-399)', () => {
    for (const r of town.regions.filter((x) => x.level === 'village')) {
      const n = Number(r.code.slice(9));
      if (r.kind === 'community') expect(n >= 1 && n <= 199).toBe(true);
      else expect(n >= 200 && n <= 399).toBe(true);
      expect(r.name.endsWith(r.kind === 'community' ? '社区' : '村')).toBe(true);
    }
  });

  it('uses 12-digit codes whose parent is the right prefix', () => {
    for (const r of town.regions) {
      expect(r.code).toMatch(/^\d{12}$/);
      const len = PREFIX_LENGTH[r.level];
      // Digits below the region's own level are zero.
      expect(r.code.slice(len)).toBe('0'.repeat(12 - len));
      // The region's own segment is not all zeros.
      const start = { province: 0, city: 2, county: 4, town: 6, village: 9 }[r.level];
      expect(Number(r.code.slice(start, len))).toBeGreaterThan(0);
      if (r.parentCode === null) {
        expect(r.level).toBe('province');
        continue;
      }
      const parent = regionByCode.get(r.parentCode);
      expect(parent, `parent of ${r.code}`).toBeDefined();
      if (parent === undefined) continue;
      const parentLen = PREFIX_LENGTH[parent.level];
      expect(parentLen).toBeLessThan(len);
      expect(r.code.slice(0, parentLen)).toBe(parent.code.slice(0, parentLen));
    }
  });

  it('has unique codes and village names unique within the county', () => {
    expect(duplicates(town.regions.map((r) => r.code))).toEqual([]);
    expect(duplicates(town.regions.map((r) => r.name))).toEqual([]);
  });

  it('has a second town with 3 villages in the same county', () => {
    expect(regionByCode.get(DEMO_OTHER_TOWN_CODE)?.parentCode).toBe(DEMO_COUNTY_CODE);
    expect(town.regions.filter((r) => r.parentCode === DEMO_OTHER_TOWN_CODE)).toHaveLength(3);
  });
});

describe('demoTown units', () => {
  const townUnits = town.units.filter((u) => inTown(u.regionCode));
  const villageCodes = town.regions
    .filter((r) => r.parentCode === DEMO_TOWN_CODE)
    .map((r) => r.code)
    .sort();

  it('has 28 liaison stations, one per village, and one committee per village', () => {
    const stations = townUnits.filter((u) => u.kind === 'liaison_station');
    expect(stations).toHaveLength(28);
    expect(stations.map((u) => u.regionCode).sort()).toEqual(villageCodes);
    const committees = townUnits.filter((u) => u.kind === 'village_committee');
    expect(committees.map((u) => u.regionCode).sort()).toEqual(villageCodes);
  });

  it('has 18 service points in 清溪镇', () => {
    const points = townUnits.filter((u) => u.kind === 'service_point');
    expect(points).toHaveLength(18);
    expect(points.every((u) => u.name.endsWith('党群微家'))).toBe(true);
  });

  it('has the 7 member units of the 西街管家 alliance in 清溪镇', () => {
    expect(townUnits.filter((u) => u.kind === 'alliance_member')).toHaveLength(7);
  });

  it('has the town office, discipline office and market-supervision office', () => {
    for (const kind of ['town_office', 'discipline_office', 'market_supervision'] as const) {
      expect(
        townUnits.filter((u) => u.kind === kind && u.regionCode === DEMO_TOWN_CODE),
      ).toHaveLength(1);
    }
    expect(townUnits.some((u) => u.kind === 'enterprise')).toBe(true);
  });

  it('places every unit in a known region and gives each a unique key', () => {
    expect(duplicates(town.units.map((u) => u.key))).toEqual([]);
    for (const u of town.units) expect(regionByCode.has(u.regionCode), u.key).toBe(true);
  });

  it('gives the second town its own offices, committees and stations', () => {
    const other = town.units.filter((u) =>
      u.regionCode.startsWith(DEMO_OTHER_TOWN_CODE.slice(0, 9)),
    );
    expect(other.filter((u) => u.kind === 'town_office')).toHaveLength(1);
    expect(other.filter((u) => u.kind === 'village_committee')).toHaveLength(3);
    expect(other.filter((u) => u.kind === 'liaison_station')).toHaveLength(3);
  });
});

describe('demoTown people', () => {
  const unitByKey = new Map(town.units.map((u) => [u.key, u]));

  it('has 60 liaison officers and 343 informants', () => {
    expect(town.people.filter((p) => p.role === 'liaison_officer')).toHaveLength(60);
    expect(town.people.filter((p) => p.role === 'informant')).toHaveLength(343);
  });

  it('gives every station at least 2 officers with exactly one head', () => {
    const stations = town.units.filter((u) => u.kind === 'liaison_station' && inTown(u.regionCode));
    for (const s of stations) {
      const officers = town.people.filter(
        (p) => p.role === 'liaison_officer' && p.unitKey === s.key,
      );
      expect(officers.length, s.name).toBeGreaterThanOrEqual(2);
      expect(
        officers.filter((p) => p.head === true),
        s.name,
      ).toHaveLength(1);
    }
  });

  it('has informants in every village and a 书记 and a 主任 per village', () => {
    const villages = town.regions.filter((r) => r.parentCode === DEMO_TOWN_CODE);
    for (const v of villages) {
      expect(town.people.some((p) => p.role === 'informant' && p.regionCode === v.code)).toBe(true);
      const cadres = town.people.filter(
        (p) => p.role === 'village_cadre' && p.regionCode === v.code,
      );
      expect(cadres.filter((p) => p.title?.includes('书记'))).toHaveLength(1);
      expect(cadres.filter((p) => p.title?.includes('主任'))).toHaveLength(1);
    }
  });

  it('links each person to a unit in their own region', () => {
    for (const p of town.people) {
      const unit = unitByKey.get(p.unitKey);
      expect(unit, p.key).toBeDefined();
      expect(unit?.regionCode).toBe(p.regionCode);
    }
  });

  it('uses Chinese names of 2-3 characters', () => {
    for (const p of town.people) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
  });
});

describe('demoTown accounts', () => {
  const roles = [
    'sysadmin',
    'town_admin',
    'discipline_officer',
    'county_viewer',
    'village_cadre',
    'liaison_officer',
    'informant',
    'market_inspector',
    'caseworker',
    'service_staff',
  ] as const;

  it('has a demo login for every role', () => {
    for (const role of roles)
      expect(
        town.accounts.some((a) => a.role === role),
        role,
      ).toBe(true);
    const byName = new Map(town.accounts.map((a) => [a.username, a]));
    expect(byName.get('admin')?.regionCode).toBe(DEMO_COUNTY_CODE);
    expect(byName.get('town')?.regionCode).toBe(DEMO_TOWN_CODE);
    expect(byName.get('cadre')?.regionCode).not.toBe(byName.get('cadre2')?.regionCode);
  });

  it('points each account at a known region and unit', () => {
    const unitByKey = new Map(town.units.map((u) => [u.key, u]));
    for (const a of town.accounts) {
      expect(regionByCode.has(a.regionCode), a.username).toBe(true);
      if (a.unitKey !== undefined) {
        const unit = unitByKey.get(a.unitKey);
        expect(unit, a.username).toBeDefined();
        expect(unit?.regionCode.startsWith(a.regionCode.replace(/0+$/, ''))).toBe(true);
      }
      expect(a.displayName).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has a password with at least 8 characters and 3 character classes', () => {
    const p = town.password;
    expect(p).toBe('Qingfeng@2026');
    expect(p.length).toBeGreaterThanOrEqual(8);
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(p)).length;
    expect(classes).toBeGreaterThanOrEqual(3);
  });
});

describe('demoTown uniqueness and determinism', () => {
  it('has unique person keys, usernames and mobiles', () => {
    expect(duplicates(town.people.map((p) => p.key))).toEqual([]);
    expect(duplicates(town.accounts.map((a) => a.username))).toEqual([]);
    const mobiles = [...town.people.map((p) => p.mobile), ...town.accounts.map((a) => a.mobile)];
    expect(duplicates(mobiles)).toEqual([]);
    for (const m of mobiles) expect(m).toMatch(/^199\d{8}$/);
  });

  it('returns the same data on every call, in fresh objects', () => {
    const again = demoTown();
    expect(again).toEqual(town);
    expect(again.people).not.toBe(town.people);
  });
});
