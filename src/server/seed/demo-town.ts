/**
 * Demo data set: a fictional town (清溪镇) in a fictional county (清源县) and city (清江市),
 * with its 28 villages and communities, units, people and one demo login per role, plus a
 * small second town (白云镇) in the same county for isolation tests.
 *
 * Pure and deterministic: no I/O, no clock, no global randomness. Every call to `demoTown()`
 * builds fresh arrays with identical content.
 */

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface DemoRegion {
  code: string;
  name: string;
  level: RegionLevel;
  kind?: 'village' | 'community';
  parentCode: string | null;
}

export type UnitKind =
  | 'town_office'
  | 'discipline_office'
  | 'market_supervision'
  | 'village_committee'
  | 'liaison_station'
  | 'service_point'
  | 'enterprise'
  | 'bureau'
  | 'alliance_member'
  | 'legal_studio';

export interface DemoUnit {
  key: string;
  name: string;
  kind: UnitKind;
  regionCode: string;
}

export type RoleCode =
  | 'sysadmin'
  | 'town_admin'
  | 'discipline_officer'
  | 'county_viewer'
  | 'village_cadre'
  | 'liaison_officer'
  | 'informant'
  | 'market_inspector'
  | 'caseworker'
  | 'service_staff';

export interface DemoPerson {
  key: string;
  name: string;
  mobile: string;
  role: RoleCode;
  regionCode: string;
  unitKey: string;
  /** Head of the liaison station (站长); set on exactly one officer per station. */
  head?: boolean;
  /** Post held, e.g. 村党支部书记 or 村委会主任 for village cadres. */
  title?: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: RoleCode;
  regionCode: string;
  unitKey?: string;
  mobile: string;
}

export interface DemoTown {
  regions: DemoRegion[];
  units: DemoUnit[];
  people: DemoPerson[];
  accounts: DemoAccount[];
  password: string;
}

export const DEMO_PROVINCE_CODE = '330000000000';
export const DEMO_CITY_CODE = '339900000000';
export const DEMO_COUNTY_CODE = '339901000000';
/** 清溪镇, the main demo town. */
export const DEMO_TOWN_CODE = '339901101000';
/** 白云镇, the second town in the same county. */
export const DEMO_OTHER_TOWN_CODE = '339901102000';
export const DEMO_PASSWORD = 'Qingfeng@2026';

/** Totals in the main town, matching the figures the demo is built around. */
export const DEMO_TOTALS = {
  villages: 28,
  liaisonStations: 28,
  liaisonOfficers: 60,
  informants: 343,
  servicePoints: 18,
  allianceMembers: 7,
} as const;

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];

const GIVEN_CHARS = [
  ...'建国华明伟芳丽敏静强军勇磊洋艳杰娟涛超秀英霞平刚桂兰玉红春海林文志德福荣忠祥斌辉鹏燕萍琴云雪梅婷慧晓宇浩亮成龙凤金宝新永根水法兴友才喜乐安康振胜利民家佳欣怡俊峰雨晨',
];

export interface VillageSpec {
  /** Last three digits of the code. */
  suffix: string;
  name: string;
  kind: 'village' | 'community';
  /** Relative size, used to spread informants. */
  weight: number;
}

// Statistical convention: 001-199 are residents' committees (社区), 200-399 villagers' committees (村).
export const QINGXI_VILLAGES: readonly VillageSpec[] = [
  { suffix: '001', name: '清溪社区', kind: 'community', weight: 16 },
  { suffix: '002', name: '镇南社区', kind: 'community', weight: 14 },
  { suffix: '003', name: '溪口社区', kind: 'community', weight: 13 },
  { suffix: '201', name: '石桥村', kind: 'village', weight: 14 },
  { suffix: '202', name: '溪东村', kind: 'village', weight: 13 },
  { suffix: '203', name: '竹林村', kind: 'village', weight: 12 },
  { suffix: '204', name: '枫岭村', kind: 'village', weight: 10 },
  { suffix: '205', name: '上塘村', kind: 'village', weight: 12 },
  { suffix: '206', name: '下塘村', kind: 'village', weight: 11 },
  { suffix: '207', name: '黄泥岭村', kind: 'village', weight: 9 },
  { suffix: '208', name: '杨家畈村', kind: 'village', weight: 13 },
  { suffix: '209', name: '桃源村', kind: 'village', weight: 12 },
  { suffix: '210', name: '梅坞村', kind: 'village', weight: 10 },
  { suffix: '211', name: '茶山村', kind: 'village', weight: 11 },
  { suffix: '212', name: '龙潭村', kind: 'village', weight: 10 },
  { suffix: '213', name: '凤鸣村', kind: 'village', weight: 12 },
  { suffix: '214', name: '双溪村', kind: 'village', weight: 13 },
  { suffix: '215', name: '前畈村', kind: 'village', weight: 12 },
  { suffix: '216', name: '后畈村', kind: 'village', weight: 11 },
  { suffix: '217', name: '大坪村', kind: 'village', weight: 10 },
  { suffix: '218', name: '板桥村', kind: 'village', weight: 12 },
  { suffix: '219', name: '柳岸村', kind: 'village', weight: 11 },
  { suffix: '220', name: '荷塘村', kind: 'village', weight: 12 },
  { suffix: '221', name: '青石村', kind: 'village', weight: 10 },
  { suffix: '222', name: '望山村', kind: 'village', weight: 9 },
  { suffix: '223', name: '白沙村', kind: 'village', weight: 11 },
  { suffix: '224', name: '南坞村', kind: 'village', weight: 10 },
  { suffix: '225', name: '金竹村', kind: 'village', weight: 12 },
];

const BAIYUN_VILLAGES: readonly VillageSpec[] = [
  { suffix: '201', name: '云峰村', kind: 'village', weight: 1 },
  { suffix: '202', name: '白岩村', kind: 'village', weight: 1 },
  { suffix: '203', name: '松坑村', kind: 'village', weight: 1 },
];

interface EnterpriseSpec {
  key: string;
  name: string;
  /** Name of the village or community where it is located. */
  village: string;
  /** Whether it hosts a 党群微家 service point. */
  hostsServicePoint: boolean;
}

const QINGXI_ENTERPRISES: readonly EnterpriseSpec[] = [
  { key: 'ent-textile', name: '清溪纺织厂', village: '溪口社区', hostsServicePoint: true },
  { key: 'ent-bamboo', name: '竹林竹木制品厂', village: '竹林村', hostsServicePoint: true },
  { key: 'ent-machinery', name: '石桥机械配件厂', village: '石桥村', hostsServicePoint: true },
  { key: 'ent-tea', name: '茶山茶叶专业合作社', village: '茶山村', hostsServicePoint: false },
  { key: 'ent-farmstay', name: '枫岭农家乐服务中心', village: '枫岭村', hostsServicePoint: false },
];

const BAIYUN_ENTERPRISES: readonly EnterpriseSpec[] = [
  { key: 'ent-baiyun-stone', name: '白云石材厂', village: '白岩村', hostsServicePoint: false },
];

/** The units of the 西街管家 alliance, along the street through the town's communities. */
const QINGXI_ALLIANCE_MEMBERS: readonly { key: string; name: string; village?: string }[] = [
  { key: 'alliance-enforcement', name: '清溪镇综合行政执法队' },
  { key: 'alliance-sanitation', name: '清溪镇环境卫生管理站' },
  { key: 'alliance-power', name: '清溪供电所' },
  { key: 'alliance-police', name: '清溪派出所西街警务室', village: '清溪社区' },
  { key: 'alliance-chamber', name: '西街商户联合会', village: '清溪社区' },
  { key: 'alliance-market', name: '镇南农贸市场管理处', village: '镇南社区' },
  { key: 'alliance-property', name: '溪口物业服务中心', village: '溪口社区' },
];

/** Number of liaison stations that get a third officer (60 = 28 × 2 + 4). */
const LIAISON_EXTRA_STATIONS = [3, 10, 17, 24] as const;

/** mulberry32: a small, fast, deterministic 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function makeNameGenerator(seed: number): () => string {
  const rand = mulberry32(seed);
  return () => {
    const surname = pick(rand, SURNAMES);
    const first = pick(rand, GIVEN_CHARS);
    // About a quarter of given names have a single character.
    if (rand() < 0.25) return surname + first;
    let second = pick(rand, GIVEN_CHARS);
    while (second === first) second = pick(rand, GIVEN_CHARS);
    return surname + first + second;
  };
}

/** Splits `total` over `weights` by largest remainder; ties go to the earlier index. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x - Math.floor(x) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const committeeName = (v: VillageSpec): string =>
  v.kind === 'community' ? `${v.name}居民委员会` : `${v.name}村民委员会`;

export const committeeKey = (regionCode: string): string => `committee-${regionCode}`;
export const stationKey = (regionCode: string): string => `station-${regionCode}`;
export const townOfficeKey = (townCode: string): string => `office-${townCode}`;
export const disciplineOfficeKey = (townCode: string): string => `discipline-${townCode}`;
export const marketOfficeKey = (townCode: string): string => `market-${townCode}`;

export function demoTown(): DemoTown {
  const nextName = makeNameGenerator(0x51f3e2);
  let accountMobile = 0;
  let personMobile = 10000;
  const nextAccountMobile = (): string => `199${pad(++accountMobile, 8)}`;
  const nextPersonMobile = (): string => `199${pad(++personMobile, 8)}`;

  const townPrefix = DEMO_TOWN_CODE.slice(0, 9);
  const otherTownPrefix = DEMO_OTHER_TOWN_CODE.slice(0, 9);
  const codeOf = (prefix: string, v: VillageSpec): string => prefix + v.suffix;

  // Regions.
  const regions: DemoRegion[] = [
    { code: DEMO_PROVINCE_CODE, name: '浙江省', level: 'province', parentCode: null },
    { code: DEMO_CITY_CODE, name: '清江市', level: 'city', parentCode: DEMO_PROVINCE_CODE },
    { code: DEMO_COUNTY_CODE, name: '清源县', level: 'county', parentCode: DEMO_CITY_CODE },
    { code: DEMO_TOWN_CODE, name: '清溪镇', level: 'town', parentCode: DEMO_COUNTY_CODE },
    ...QINGXI_VILLAGES.map((v): DemoRegion => ({
      code: codeOf(townPrefix, v),
      name: v.name,
      level: 'village',
      kind: v.kind,
      parentCode: DEMO_TOWN_CODE,
    })),
    { code: DEMO_OTHER_TOWN_CODE, name: '白云镇', level: 'town', parentCode: DEMO_COUNTY_CODE },
    ...BAIYUN_VILLAGES.map((v): DemoRegion => ({
      code: codeOf(otherTownPrefix, v),
      name: v.name,
      level: 'village',
      kind: v.kind,
      parentCode: DEMO_OTHER_TOWN_CODE,
    })),
  ];

  const regionCodeByName = new Map<string, string>();
  for (const r of regions) if (r.level === 'village') regionCodeByName.set(r.name, r.code);
  const villageCode = (name: string): string => {
    const code = regionCodeByName.get(name);
    if (code === undefined) throw new Error(`unknown village ${name}`);
    return code;
  };

  // Units.
  const units: DemoUnit[] = [
    {
      key: 'bureau-civil-affairs',
      name: '清源县民政局',
      kind: 'bureau',
      regionCode: DEMO_COUNTY_CODE,
    },
    {
      key: 'bureau-human-resources',
      name: '清源县人力资源和社会保障局',
      kind: 'bureau',
      regionCode: DEMO_COUNTY_CODE,
    },
  ];

  const addTownUnits = (
    townCode: string,
    townName: string,
    prefix: string,
    villages: readonly VillageSpec[],
    enterprises: readonly EnterpriseSpec[],
  ): void => {
    units.push(
      {
        key: townOfficeKey(townCode),
        name: `${townName}人民政府`,
        kind: 'town_office',
        regionCode: townCode,
      },
      {
        key: disciplineOfficeKey(townCode),
        name: `${townName}纪委`,
        kind: 'discipline_office',
        regionCode: townCode,
      },
      {
        key: marketOfficeKey(townCode),
        name: `${townName.replace(/镇$/, '')}市场监督管理所`,
        kind: 'market_supervision',
        regionCode: townCode,
      },
    );
    for (const v of villages) {
      const code = codeOf(prefix, v);
      units.push({
        key: committeeKey(code),
        name: committeeName(v),
        kind: 'village_committee',
        regionCode: code,
      });
    }
    for (const v of villages) {
      const code = codeOf(prefix, v);
      units.push({
        key: stationKey(code),
        name: `${v.name}监察工作联络站`,
        kind: 'liaison_station',
        regionCode: code,
      });
    }
    for (const e of enterprises) {
      units.push({
        key: e.key,
        name: e.name,
        kind: 'enterprise',
        regionCode: villageCode(e.village),
      });
    }
  };

  addTownUnits(DEMO_TOWN_CODE, '清溪镇', townPrefix, QINGXI_VILLAGES, QINGXI_ENTERPRISES);

  // Service points: 15 hosted by villages and communities, 3 by enterprises.
  const hostEnterprises = QINGXI_ENTERPRISES.filter((e) => e.hostsServicePoint);
  const villageHosted = DEMO_TOTALS.servicePoints - hostEnterprises.length;
  let servicePointNo = 0;
  const servicePointKey = (): string => `service-point-${pad(++servicePointNo, 2)}`;
  for (let i = 0; i < villageHosted; i++) {
    const v = QINGXI_VILLAGES[Math.floor((i * QINGXI_VILLAGES.length) / villageHosted)];
    if (v === undefined) throw new Error('service point index out of range');
    units.push({
      key: servicePointKey(),
      name: `${v.name}党群微家`,
      kind: 'service_point',
      regionCode: codeOf(townPrefix, v),
    });
  }
  for (const e of hostEnterprises) {
    units.push({
      key: servicePointKey(),
      name: `${e.name}党群微家`,
      kind: 'service_point',
      regionCode: villageCode(e.village),
    });
  }

  // Legal-advice studios in the three communities.
  for (const v of QINGXI_VILLAGES.filter((x) => x.kind === 'community')) {
    const code = codeOf(townPrefix, v);
    units.push({
      key: `legal-studio-${code}`,
      name: `${v.name}银采法官工作室`,
      kind: 'legal_studio',
      regionCode: code,
    });
  }

  // Member units of the 西街管家 alliance.
  for (const m of QINGXI_ALLIANCE_MEMBERS) {
    units.push({
      key: m.key,
      name: m.name,
      kind: 'alliance_member',
      regionCode: m.village === undefined ? DEMO_TOWN_CODE : villageCode(m.village),
    });
  }

  addTownUnits(
    DEMO_OTHER_TOWN_CODE,
    '白云镇',
    otherTownPrefix,
    BAIYUN_VILLAGES,
    BAIYUN_ENTERPRISES,
  );
  const baiyunFirst = BAIYUN_VILLAGES[0];
  if (baiyunFirst === undefined) throw new Error('no village in the second town');
  units.push({
    key: servicePointKey(),
    name: `${baiyunFirst.name}党群微家`,
    kind: 'service_point',
    regionCode: codeOf(otherTownPrefix, baiyunFirst),
  });

  // People.
  const people: DemoPerson[] = [];

  const addCadres = (prefix: string, villages: readonly VillageSpec[]): void => {
    for (const v of villages) {
      const code = codeOf(prefix, v);
      const posts: [string, string][] =
        v.kind === 'community'
          ? [
              ['secretary', '社区党委书记'],
              ['director', '社区居委会主任'],
            ]
          : [
              ['secretary', '村党支部书记'],
              ['director', '村委会主任'],
            ];
      for (const [post, title] of posts) {
        people.push({
          key: `cadre-${code}-${post}`,
          name: nextName(),
          mobile: nextPersonMobile(),
          role: 'village_cadre',
          regionCode: code,
          unitKey: committeeKey(code),
          title,
        });
      }
    }
  };

  addCadres(townPrefix, QINGXI_VILLAGES);

  QINGXI_VILLAGES.forEach((v, i) => {
    const code = codeOf(townPrefix, v);
    const count = (LIAISON_EXTRA_STATIONS as readonly number[]).includes(i) ? 3 : 2;
    for (let n = 1; n <= count; n++) {
      people.push({
        key: `liaison-${code}-${n}`,
        name: nextName(),
        mobile: nextPersonMobile(),
        role: 'liaison_officer',
        regionCode: code,
        unitKey: stationKey(code),
        ...(n === 1 ? { head: true, title: '联络站站长' } : { title: '联络员' }),
      });
    }
  });

  const informantCounts = apportion(
    DEMO_TOTALS.informants,
    QINGXI_VILLAGES.map((v) => v.weight),
  );
  QINGXI_VILLAGES.forEach((v, i) => {
    const code = codeOf(townPrefix, v);
    const count = informantCounts[i] ?? 0;
    for (let n = 1; n <= count; n++) {
      people.push({
        key: `informant-${code}-${pad(n, 2)}`,
        name: nextName(),
        mobile: nextPersonMobile(),
        role: 'informant',
        regionCode: code,
        unitKey: stationKey(code),
      });
    }
  });

  addCadres(otherTownPrefix, BAIYUN_VILLAGES);

  // Demo logins, one per role plus a second village cadre and the second town's admin.
  const firstVillage = QINGXI_VILLAGES.find((v) => v.kind === 'village');
  const secondVillage = QINGXI_VILLAGES.filter((v) => v.kind === 'village')[1];
  if (firstVillage === undefined || secondVillage === undefined) {
    throw new Error('the demo town needs at least two villages');
  }
  const v1 = codeOf(townPrefix, firstVillage);
  const v2 = codeOf(townPrefix, secondVillage);
  const firstServicePoint = units.find((u) => u.kind === 'service_point' && u.regionCode === v1);
  if (firstServicePoint === undefined) throw new Error('no service point');

  const account = (
    username: string,
    displayName: string,
    role: RoleCode,
    regionCode: string,
    unitKey?: string,
  ): DemoAccount => ({
    username,
    displayName,
    role,
    regionCode,
    ...(unitKey === undefined ? {} : { unitKey }),
    mobile: nextAccountMobile(),
  });

  const accounts: DemoAccount[] = [
    account('admin', '系统管理员', 'sysadmin', DEMO_COUNTY_CODE),
    account('town', '清溪镇管理员', 'town_admin', DEMO_TOWN_CODE, townOfficeKey(DEMO_TOWN_CODE)),
    account(
      'jiwei',
      '清溪镇纪委干部',
      'discipline_officer',
      DEMO_TOWN_CODE,
      disciplineOfficeKey(DEMO_TOWN_CODE),
    ),
    account('county', '清源县查看员', 'county_viewer', DEMO_COUNTY_CODE),
    account('cadre', `${firstVillage.name}村干部`, 'village_cadre', v1, committeeKey(v1)),
    account('cadre2', `${secondVillage.name}村干部`, 'village_cadre', v2, committeeKey(v2)),
    account('liaison', `${firstVillage.name}联络员`, 'liaison_officer', v1, stationKey(v1)),
    account('informant', `${firstVillage.name}信息员`, 'informant', v1, stationKey(v1)),
    account(
      'market',
      '清溪市场监管所检查员',
      'market_inspector',
      DEMO_TOWN_CODE,
      marketOfficeKey(DEMO_TOWN_CODE),
    ),
    account(
      'casework',
      '清溪镇帮扶专干',
      'caseworker',
      DEMO_TOWN_CODE,
      townOfficeKey(DEMO_TOWN_CODE),
    ),
    account(
      'service',
      `${firstServicePoint.name}工作人员`,
      'service_staff',
      firstServicePoint.regionCode,
      firstServicePoint.key,
    ),
    account(
      'town2',
      '白云镇管理员',
      'town_admin',
      DEMO_OTHER_TOWN_CODE,
      townOfficeKey(DEMO_OTHER_TOWN_CODE),
    ),
  ];

  return { regions, units, people, accounts, password: DEMO_PASSWORD };
}
