import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type TestContext,
} from '../../../test/support/context.js';
import { createCalendar, isWorkingDay, localDate } from '../../shared/calendar.js';
import type {
  AllianceDto,
  AllianceFigures,
  PublicServicePoint,
  ServicePointDto,
  StallDto,
} from '../../shared/schemas/services.js';
import { workingCalendar } from '../platform/calendar/calendar.service.js';
import { verifyAudit } from '../platform/audit/verify.js';
import { addDays } from '../modules/services/services.service.js';
import {
  DEMO_ALLIANCE_NAME,
  DEMO_STALL_TOTAL,
  DEMO_STALLS_EXPIRED,
  DEMO_STALLS_EXPIRING,
  demoServicesPlan,
  rosterDays,
  seedDemoServices,
  type DemoServicesSummary,
} from './demo-services.js';

describe('the demo services plan', () => {
  it('is the same for the same day, and books nobody twice for a half-day', () => {
    const now = new Date('2026-11-25T02:00:00Z');
    const cal = createCalendar();
    const plan = demoServicesPlan(now, cal);
    expect(demoServicesPlan(now, cal)).toEqual(plan);
    const keys = plan.shifts.map((s) => `${s.body.personName}|${s.body.date}|${s.body.half}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Monday 23 November to Friday 4 December 2026: ten working days.
    expect(rosterDays(now, cal)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
    expect(plan.stalls.every((s) => s.licenceNo.length === 18)).toBe(true);
  });
});

describe.each(DB_KINDS)('the demo services on %s', (kind) => {
  let ctx: TestContext;
  let summary: DemoServicesSummary;
  const now = new Date();
  const today = localDate(now);

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    summary = await seedDemoServices(ctx.db, now);
  }, 120_000);
  afterAll(() => ctx.close());

  it('registers the 18 service points and 3 legal studios, 16 of them 达标', async () => {
    const town = await ctx.login('town');
    const reply = await town.get(`/api/v1/service-points?regionCode=${DEMO.town}`);
    expect(reply.status).toBe(200);
    const points = reply.json<ServicePointDto[]>();
    const service = points.filter((p) => p.kind === 'service');
    const legal = points.filter((p) => p.kind === 'legal');
    expect(service).toHaveLength(18);
    expect(legal).toHaveLength(3);
    expect(summary).toMatchObject({ servicePoints: 18, legalStudios: 3, met: 16 });
    expect(service.filter((p) => p.standardStatus === 'met')).toHaveLength(16);
    const notMet = service.filter((p) => p.standardStatus === 'notMet');
    expect(notMet).toHaveLength(2);
    for (const p of notMet) {
      const failed = Object.values(p.standard ?? {}).filter((c) => !c.pass);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.note).toBeTruthy();
    }
    expect(notMet.some((p) => p.standard?.books.pass === false)).toBe(true);
    expect(service.filter((p) => p.hostType === 'enterprise')).toHaveLength(3);
    for (const p of service) {
      expect(p.area.map((a) => a.regionCode)).toEqual([p.regionCode]);
      expect(p.caseTypes).toEqual(['request', 'consultation']);
    }
    for (const p of legal) {
      expect(p.area.map((a) => a.regionCode).sort()).toEqual([DEMO.town, p.regionCode].sort());
      expect(p.caseTypes).toEqual(['dispute', 'consultation']);
      expect(p.standardStatus).toBe('unassessed');
    }
  });

  it('puts someone on duty at every point on each working day of this week, half a day each', async () => {
    const cal = await workingCalendar(ctx.db);
    const days = rosterDays(now, cal);
    const monday = days[0] ?? today;
    const thisWeek = days.filter((d) => d <= addDays(monday, 6));
    const points = await ctx.db.selectFrom('service_point').select('unit_id').execute();
    const shifts = await ctx.db
      .selectFrom('duty_shift')
      .select(['unit_id', 'date', 'half', 'person_name', 'town_code'])
      .execute();
    expect(shifts.length).toBe(summary.shifts);
    for (const { unit_id } of points)
      for (const date of thisWeek)
        expect(
          shifts.some((s) => s.unit_id === unit_id && s.date === date),
          `${unit_id} ${date}`,
        ).toBe(true);
    expect(shifts.every((s) => isWorkingDay(cal, s.date))).toBe(true);
    const keys = shifts.map((s) => `${s.town_code}|${s.person_name}|${s.date}|${s.half}`);
    expect(new Set(keys).size).toBe(keys.length);
    // 石桥村's own point is staffed by its cadres.
    const cadres = await ctx.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', 'like', `cadre-${DEMO.villageA}-%`)
      .execute();
    const own = await ctx.db
      .selectFrom('service_point')
      .select('unit_id')
      .where('region_code', '=', DEMO.villageA)
      .where('host_type', '=', 'village_office')
      .executeTakeFirstOrThrow();
    const shiqiao = shifts.filter((s) => s.unit_id === own.unit_id);
    expect(shiqiao.some((s) => cadres.some((c) => c.display_name === s.person_name))).toBe(true);
  });

  it('keeps two to five service log entries per point over the last month', async () => {
    const logs = await ctx.db
      .selectFrom('service_log')
      .select(['unit_id', 'date', 'people_served'])
      .execute();
    expect(logs.length).toBe(summary.logs);
    const perPoint = new Map<string, number>();
    for (const log of logs) perPoint.set(log.unit_id, (perPoint.get(log.unit_id) ?? 0) + 1);
    expect(perPoint.size).toBe(21);
    for (const n of perPoint.values()) expect(n >= 2 && n <= 5).toBe(true);
    for (const log of logs) {
      expect(log.date >= addDays(today, -31) && log.date < today).toBe(true);
      expect(log.people_served >= 3 && log.people_served <= 40).toBe(true);
    }
  });

  it('runs the 西街管家 alliance: 7 members, 22 stalls, members warned of expiring licences', async () => {
    const town = await ctx.login('town');
    const alliances = (await town.get(`/api/v1/alliances?regionCode=${DEMO.town}`)).json<
      AllianceDto[]
    >();
    const alliance = alliances.find((a) => a.name === DEMO_ALLIANCE_NAME);
    expect(alliance).toBeDefined();
    if (!alliance) return;
    expect(alliance.area.map((a) => a.name).sort()).toEqual(
      ['清溪社区', '镇南社区', '溪口社区'].sort(),
    );
    expect(alliance.members).toHaveLength(7);
    expect(alliance.members.every((m) => m.kind === 'alliance_member')).toBe(true);

    const stalls = (await town.get(`/api/v1/alliances/${alliance.id}/stalls`)).json<StallDto[]>();
    expect(stalls).toHaveLength(DEMO_STALL_TOTAL);
    expect(stalls.map((s) => s.stallNo)).toEqual(
      Array.from({ length: 22 }, (_, i) => `XJ-${String(i + 1).padStart(2, '0')}`),
    );
    expect(new Set(stalls.map((s) => s.businessType)).size).toBe(5);
    const state = (s: StallDto['licenceState']) => stalls.filter((x) => x.licenceState === s);
    expect(state('expiring')).toHaveLength(DEMO_STALLS_EXPIRING);
    expect(state('expired')).toHaveLength(DEMO_STALLS_EXPIRED);
    for (const s of state('ok')) {
      expect(s.licenceValidUntil >= addDays(today, 180)).toBe(true);
      expect(s.licenceValidUntil <= addDays(today, 731)).toBe(true);
    }
    const figures = (
      await town.get(`/api/v1/alliances/${alliance.id}/figures`)
    ).json<AllianceFigures>();
    expect(figures).toMatchObject({
      members: 7,
      stalls: 22,
      licencesExpiring: 3,
      licencesExpired: 1,
    });

    const warned = await ctx.db
      .selectFrom('notification')
      .select(['unit_id', 'title'])
      .where('kind', '=', 'licenceExpiring')
      .execute();
    expect(summary.warnings).toBe(7 * DEMO_STALLS_EXPIRING);
    expect(warned).toHaveLength(7 * DEMO_STALLS_EXPIRING);
    for (const member of alliance.members)
      for (const stall of state('expiring'))
        expect(
          warned.some((n) => n.unit_id === member.unitId && n.title.includes(stall.stallNo)),
        ).toBe(true);
  });

  it("shows today's duty, or the next working day's, on 石桥村's public list", async () => {
    const reply = await ctx.anon.get(`/api/v1/public/service-points?regionCode=${DEMO.villageA}`);
    expect(reply.status).toBe(200);
    const points = reply.json<PublicServicePoint[]>();
    expect(points.filter((p) => p.regionName === '石桥村' && p.kind === 'service')).toHaveLength(2);
    const cal = await workingCalendar(ctx.db);
    let next = localDate(new Date());
    while (!isWorkingDay(cal, next)) next = addDays(next, 1);
    if (!rosterDays(now, cal).includes(next)) return; // a long holiday past next week
    for (const p of points)
      expect(
        p.duty.some((d) => d.date === next),
        p.name,
      ).toBe(true);
  });

  it('keeps the audit chain valid', async () => {
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });
});
