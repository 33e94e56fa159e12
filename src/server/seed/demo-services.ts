/**
 * Demo service points, legal studios and the 西街管家 alliance of 清溪镇: the 18 党群微家 points
 * registered to the "六有" standard (16 达标, two missing one item each), the 3 银采法官 studios,
 * a duty roster for the current and the next week, a month of service log, and the alliance's
 * 7 member units with its 22 stalls — a few licences about to expire and one expired. Loaded
 * through the services module with its own checks and audited writes.
 */
import { isWorkingDay, localDate, type WorkingCalendar } from '../../shared/calendar.js';
import {
  BUSINESS_TYPES,
  type BusinessType,
  type NewAllianceBody,
  type NewDutyShiftBody,
  type NewServiceLogBody,
  type NewServicePointBody,
  type NewStallBody,
  type ServicePointKind,
  type Standard,
  type StandardItem,
  STANDARD_ITEMS,
} from '../../shared/schemas/services.js';
import type { Db } from '../db/schema.js';
import { SYSTEM_ACTOR, type Actor } from '../platform/audit/audit.js';
import { workingCalendar } from '../platform/calendar/calendar.service.js';
import {
  addMember,
  addStall,
  createAlliance,
  warnExpiringLicences,
} from '../modules/services/services.alliances.js';
import { addDays, addLog, addShift, registerPoint } from '../modules/services/services.service.js';
import {
  committeeKey,
  DEMO_TOWN_CODE,
  demoTown,
  makeNameGenerator,
  mulberry32,
  pick,
  type DemoUnit,
} from './demo-town.js';
import { SEED_PRINCIPAL } from './seed.js';

export const DEMO_ALLIANCE_NAME = '西街管家联盟';
export const DEMO_STALL_TOTAL = 22;
/** Stalls whose licence expires within 30 days of the seeding day, and those already expired. */
export const DEMO_STALLS_EXPIRING = 3;
export const DEMO_STALLS_EXPIRED = 1;

export interface PlannedPoint {
  kind: ServicePointKind;
  body: NewServicePointBody;
  /** Who takes turns on duty there. */
  staff: readonly string[];
}

export interface DemoServicesPlan {
  points: PlannedPoint[];
  shifts: { unitId: string; body: NewDutyShiftBody }[];
  logs: { unitId: string; body: NewServiceLogBody }[];
  alliance: NewAllianceBody;
  memberIds: string[];
  stalls: NewStallBody[];
}

export interface DemoServicesSummary {
  servicePoints: number;
  legalStudios: number;
  /** Points that meet all six items of the "六有" standard. */
  met: number;
  shifts: number;
  logs: number;
  members: number;
  stalls: number;
  /** Notifications sent to the members about expiring licences. */
  warnings: number;
}

const VILLAGE_ADDRESSES = [
  '文化礼堂一楼',
  '村委会办公楼一楼',
  '党群服务中心一楼',
  '老年活动中心东侧',
];
const COMMUNITY_ADDRESSES = ['党群服务中心一楼', '邻里中心二楼', '居民之家一楼'];

/** Items a point may miss, with the note the assessor left. */
const MISSING_ITEMS: readonly [StandardItem, string][] = [
  ['books', '书籍数量不足，已向县图书馆申请配送'],
  ['flag', '党旗褪色破损，已申请更换'],
  ['rules', '值班和服务制度尚未上墙'],
  ['sign', '门口标识牌被台风损坏，正在重新制作'],
];

const SERVICE_LOGS: readonly [NewServiceLogBody['kind'], string][] = [
  ['activity', '政策宣讲：医保参保和城乡居民养老保险缴费政策解读'],
  ['activity', '政策宣讲：垃圾分类和人居环境整治宣传'],
  ['errand', '代办服务：为行动不便的老人代办高龄津贴和社保卡业务'],
  ['errand', '代办服务：帮助群众在浙里办上预约不动产登记'],
  ['mediation', '矛盾调解：调解邻里之间因排水沟堵塞引起的纠纷'],
  ['mediation', '矛盾调解：调解承包地边界争议，双方签字确认'],
  ['activity', '志愿服务：组织党员志愿者清理河道和村道垃圾'],
  ['activity', '志愿服务：为独居老人上门理发、测量血压'],
  ['reception', '接待群众来访，登记诉求并当场答复'],
  ['visit', '走访困难群众和残疾人家庭，了解就业和生活需求'],
];

const LEGAL_LOGS: readonly [NewServiceLogBody['kind'], string][] = [
  ['consultation', '法律咨询：解答宅基地继承和农房买卖问题'],
  ['consultation', '法律咨询：解答劳动合同和工伤认定问题'],
  ['mediation', '矛盾调解：调解一起民间借贷纠纷，双方达成分期还款协议'],
  ['mediation', '矛盾调解：调解赡养纠纷，兄弟三人签订赡养协议'],
  ['activity', '普法讲座：《民法典》婚姻家庭编进社区'],
  ['reception', '接待群众来访，登记法律问题并预约法官面谈'],
];

/** More catering and retail on the street than anything else. */
const BUSINESS_WEIGHTS: readonly BusinessType[] = [
  'catering',
  'catering',
  'catering',
  'retail',
  'retail',
  'retail',
  'services',
  'services',
  'produce',
  'produce',
  'other',
];

/** The characters of a unified social credit code (no I, O, S, V, Z). */
const CREDIT_CODE_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

function shuffle<T>(rand: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Monday of the week of a local date. */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The working days of the current week and the next, by the official calendar. */
export function rosterDays(now: Date, cal: WorkingCalendar): string[] {
  const monday = mondayOf(localDate(now));
  const days: string[] = [];
  for (let i = 0; i < 14; i++) {
    const date = addDays(monday, i);
    if (isWorkingDay(cal, date)) days.push(date);
  }
  return days;
}

/**
 * What the demo loads, as inputs of the services module: pure and deterministic for a given
 * `now` and working calendar.
 */
export function demoServicesPlan(now: Date, cal: WorkingCalendar): DemoServicesPlan {
  const rand = mulberry32(20261128);
  const nextName = makeNameGenerator(0x5e41ce);
  const town = demoTown();
  const townPrefix = DEMO_TOWN_CODE.slice(0, 9);
  const units = town.units.filter((u) => u.regionCode.startsWith(townPrefix));
  const regionByCode = new Map(town.regions.map((r) => [r.code, r]));
  const unitByKey = new Map(town.units.map((u) => [u.key, u]));
  const regionName = (code: string): string => regionByCode.get(code)?.name ?? code;
  const committeeName = (code: string): string =>
    unitByKey.get(committeeKey(code))?.name ?? `${regionName(code)}村民委员会`;
  const today = localDate(now);

  // Service points: a village's own point is run by its committee and cadres, a point hosted
  // by an enterprise by the enterprise's own party members.
  const servicePoints = units.filter((u) => u.kind === 'service_point');
  const missing = shuffle(
    rand,
    servicePoints.map((_, i) => i),
  ).slice(0, 2);
  const missingItems = [MISSING_ITEMS[0], pick(rand, MISSING_ITEMS.slice(1))];
  const points: PlannedPoint[] = servicePoints.map((unit, i) => {
    const host = units.find((u) => u.kind === 'enterprise' && unit.name === `${u.name}党群微家`);
    const region = regionByCode.get(unit.regionCode);
    const standard = Object.fromEntries(
      STANDARD_ITEMS.map((item) => [item, { pass: true }]),
    ) as Standard;
    const miss = missing.indexOf(i);
    const missed = miss < 0 ? undefined : missingItems[miss];
    if (missed) standard[missed[0]] = { pass: false, note: missed[1] };
    const body: NewServicePointBody = {
      unitId: unit.key,
      address: host
        ? `${regionName(unit.regionCode)}${host.name}职工之家`
        : `${regionName(unit.regionCode)}${pick(
            rand,
            region?.kind === 'community' ? COMMUNITY_ADDRESSES : VILLAGE_ADDRESSES,
          )}`,
      hostType: host ? 'enterprise' : 'village_office',
      hostName: host ? host.name : committeeName(unit.regionCode),
      // A point serves its own village (one at the town level: the whole town).
      areaCodes: [unit.regionCode],
      caseTypes: ['request', 'consultation'],
      standard,
    };
    const cadres = town.people
      .filter((p) => p.role === 'village_cadre' && p.regionCode === unit.regionCode)
      .map((p) => p.name);
    const staff = host ? [nextName(), nextName(), nextName()] : [...cadres, nextName()];
    return { kind: 'service', body, staff };
  });

  // Legal studios of retired judges (银采法官) in the communities, open to the whole town.
  const studios: PlannedPoint[] = units
    .filter((u) => u.kind === 'legal_studio')
    .map((unit: DemoUnit) => ({
      kind: 'legal' as const,
      body: {
        unitId: unit.key,
        address: `${regionName(unit.regionCode)}党群服务中心三楼`,
        hostType: 'village_office',
        hostName: committeeName(unit.regionCode),
        areaCodes: [unit.regionCode, DEMO_TOWN_CODE],
        caseTypes: ['consultation', 'dispute'],
      },
      staff: [nextName(), nextName()],
    }));
  const all = [...points, ...studios];

  // Duty: every point has someone on duty for half a day on each working day of this week
  // and the next; the staff take turns and nobody is booked twice for the same half-day.
  const shifts: DemoServicesPlan['shifts'] = [];
  const booked = new Set<string>();
  for (const [d, date] of rosterDays(now, cal).entries()) {
    for (const point of all) {
      const first = rand() < 0.5 ? 'am' : 'pm';
      const halves = first === 'am' ? (['am', 'pm'] as const) : (['pm', 'am'] as const);
      const booking = point.staff
        .map((_, k) => point.staff[(d + k) % point.staff.length] ?? '')
        .flatMap((personName) => halves.map((half) => ({ date, half, personName })))
        .find((b) => !booked.has(`${b.personName}|${b.date}|${b.half}`));
      if (!booking) throw new Error(`nobody free for ${point.body.unitId} on ${date}`);
      booked.add(`${booking.personName}|${booking.date}|${booking.half}`);
      shifts.push({ unitId: point.body.unitId, body: booking });
    }
  }

  // Service log: two to five entries per point over the last month.
  const logs: DemoServicesPlan['logs'] = [];
  for (const point of all) {
    const templates = point.kind === 'legal' ? LEGAL_LOGS : SERVICE_LOGS;
    const count = 2 + Math.floor(rand() * 4);
    const entries = shuffle(rand, templates)
      .slice(0, count)
      .map(([kind, content]) => ({
        date: addDays(today, -(1 + Math.floor(rand() * 30))),
        kind,
        content,
        peopleServed: 3 + Math.floor(rand() * 38),
      }))
      .sort((a, b) => a.date.localeCompare(b.date));
    for (const body of entries) logs.push({ unitId: point.body.unitId, body });
  }

  // The 西街管家 alliance over the town's communities, and the stalls of the street.
  const communities = town.regions
    .filter((r) => r.parentCode === DEMO_TOWN_CODE && r.kind === 'community')
    .map((r) => r.code);
  const alliance: NewAllianceBody = {
    regionCode: DEMO_TOWN_CODE,
    name: DEMO_ALLIANCE_NAME,
    areaDescription: `西街及农贸市场周边（${communities.map(regionName).join('、')}）`,
    areaCodes: communities,
    caseTypes: ['request', 'complaint'],
  };
  const memberIds = units.filter((u) => u.kind === 'alliance_member').map((u) => u.key);

  const types = shuffle(rand, [
    ...BUSINESS_TYPES,
    ...Array.from({ length: DEMO_STALL_TOTAL - BUSINESS_TYPES.length }, () =>
      pick(rand, BUSINESS_WEIGHTS),
    ),
  ]);
  const order = shuffle(
    rand,
    Array.from({ length: DEMO_STALL_TOTAL }, (_, i) => i),
  );
  const expired = new Set(order.slice(0, DEMO_STALLS_EXPIRED));
  const expiring = new Set(
    order.slice(DEMO_STALLS_EXPIRED, DEMO_STALLS_EXPIRED + DEMO_STALLS_EXPIRING),
  );
  const stalls: NewStallBody[] = types.map((businessType, i) => {
    const validFor = expired.has(i)
      ? -(5 + Math.floor(rand() * 40))
      : expiring.has(i)
        ? 1 + Math.floor(rand() * 29)
        : 183 + Math.floor(rand() * (730 - 183));
    const serial = Array.from({ length: 8 }, () => pick(rand, CREDIT_CODE_CHARS)).join('');
    return {
      stallNo: `XJ-${String(i + 1).padStart(2, '0')}`,
      holderName: nextName(),
      businessType,
      licenceNo: `92${DEMO_TOWN_CODE.slice(0, 6)}MA${serial}`,
      licenceValidUntil: addDays(today, validFor),
      status: 'active',
    };
  });

  return { points: all, shifts, logs, alliance, memberIds, stalls };
}

/**
 * Load the demo's service points, legal studios, duty roster, service log and alliance through
 * the services module, then run the licence warning once so that the members of the alliance
 * have been told about the licences expiring soon.
 */
export async function seedDemoServices(db: Db, now = new Date()): Promise<DemoServicesSummary> {
  const actor: Actor = { ...SYSTEM_ACTOR, name: 'seed' };
  const plan = demoServicesPlan(now, await workingCalendar(db));
  let met = 0;
  for (const point of plan.points) {
    const dto = await registerPoint(db, SEED_PRINCIPAL, actor, point.body, now);
    if (dto.standardStatus === 'met') met++;
  }
  for (const shift of plan.shifts)
    await addShift(db, SEED_PRINCIPAL, actor, shift.unitId, shift.body, now);
  for (const log of plan.logs) await addLog(db, SEED_PRINCIPAL, actor, log.unitId, log.body, now);
  const alliance = await createAlliance(db, SEED_PRINCIPAL, actor, plan.alliance, now);
  for (const unitId of plan.memberIds)
    await addMember(db, SEED_PRINCIPAL, actor, alliance.id, unitId, now);
  for (const stall of plan.stalls)
    await addStall(db, SEED_PRINCIPAL, actor, alliance.id, stall, now);
  const warnings = await warnExpiringLicences(db, now);
  const legalStudios = plan.points.filter((p) => p.kind === 'legal').length;
  return {
    servicePoints: plan.points.length - legalStudios,
    legalStudios,
    met,
    shifts: plan.shifts.length,
    logs: plan.logs.length,
    members: plan.memberIds.length,
    stalls: plan.stalls.length,
    warnings,
  };
}
