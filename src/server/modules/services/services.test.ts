import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import { localDate } from '../../../shared/calendar.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type { CaseDto } from '../../../shared/schemas/cases.js';
import type {
  AllianceDto,
  AllianceFigures,
  DutyShiftDto,
  PublicServicePoint,
  ServicePointDto,
  StallDto,
} from '../../../shared/schemas/services.js';
import { verifyAudit } from '../../platform/audit/verify.js';
import { warnExpiringLicences } from './services.alliances.js';
import { addDays } from './services.service.js';

const MARKET_OFFICE = `market-${DEMO.town}`;
const TEXTILE = 'ent-textile';

const PASS = { pass: true };
const standard = (overrides: Record<string, unknown> = {}) => ({
  place: PASS,
  facilities: PASS,
  sign: PASS,
  flag: PASS,
  books: PASS,
  rules: PASS,
  ...overrides,
});

let mobileSeq = 0;
const resident = (extra: Record<string, unknown> = {}) => ({
  type: 'request',
  category: 'sanitation',
  regionCode: DEMO.villageA,
  description: '村口垃圾桶满了好几天没人清运，气味很大，请尽快处理。',
  reporterMobile: `1370000${String(++mobileSeq).padStart(4, '0')}`,
  ...extra,
});

/** A tiny PNG the file store accepts as an image (type is read from the bytes). */
function photoForm(regionCode: string): { body: Buffer; headers: Record<string, string> } {
  const boundary = 'qfsvc' + nanoid(6);
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="regionCode"\r\n\r\n${regionCode}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="flag.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const fieldsOf = (reply: { json<T>(): T }) =>
  reply.json<ErrorBody>().error.details?.fields?.map((f) => f.field);

describe.each(DB_KINDS)('service points and alliances on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;
  let service: Client;
  let market: Client;
  let town2: Client;
  /** The service point of 石桥村 that the `service` account belongs to. */
  let point: string;
  const today = localDate(new Date());

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { QF_CASE_RATE_LIMIT: '1000' } });
    town = await ctx.login('town');
    service = await ctx.login('service');
    market = await ctx.login('market');
    town2 = await ctx.login('town2');
    const user = await ctx.db
      .selectFrom('app_user')
      .select('unit_id')
      .where('username', '=', 'service')
      .executeTakeFirstOrThrow();
    point = user.unit_id!;
  });
  afterAll(() => ctx.close());

  const areaOf = (unitId: string) =>
    ctx.db
      .selectFrom('unit_area')
      .select(['region_code', 'case_types'])
      .where('unit_id', '=', unitId)
      .orderBy('region_code')
      .execute();
  const notificationsOf = (unitId: string, kind_: string) =>
    ctx.db
      .selectFrom('notification')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('kind', '=', kind_)
      .execute();
  async function file(body = resident()) {
    const reply = await ctx.anon.post('/api/v1/public/cases', body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const { code } = reply.json<{ code: string; token: string }>();
    const row = await ctx.db
      .selectFrom('cases')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return { id: row.id, ...reply.json<{ code: string; token: string }>() };
  }
  async function command(client: Client, id: string, body: Record<string, unknown>) {
    const current = await ctx.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return client.post(`/api/v1/cases/${id}/commands`, {
      expectedVersion: current.version,
      ...body,
    });
  }

  it('registers a point with its area and standard; one failing item is not 达标', async () => {
    const upload = photoForm(DEMO.villageA);
    const photo = await town.post('/api/v1/files', upload.body, upload.headers);
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const elsewhere = photoForm(DEMO.villageB);
    const otherPhoto = await town.post('/api/v1/files', elsewhere.body, elsewhere.headers);

    const body = {
      unitId: point,
      address: '石桥村文化礼堂一楼',
      hostType: 'village_office',
      hostName: '石桥村村民委员会',
      areaCodes: [DEMO.villageA],
      standard: standard({
        flag: { pass: true, photoFileId: photo.json<{ id: string }>().id },
        books: { pass: false, note: '书籍不足 50 册' },
      }),
    };
    // A photo of another village is refused, naming the item.
    const wrongPhoto = await town.post('/api/v1/service-points', {
      ...body,
      standard: standard({
        sign: { pass: true, photoFileId: otherPhoto.json<{ id: string }>().id },
      }),
    });
    expect(wrongPhoto.status).toBe(400);
    expect(wrongPhoto.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'standard.sign.photoFileId', message: '照片须为本村（社区）上传的图片' },
    ]);
    // An area outside the point's town is refused.
    const farArea = await town.post('/api/v1/service-points', {
      ...body,
      areaCodes: [DEMO.villageA, DEMO.otherTownVillage],
    });
    expect(farArea.status).toBe(400);
    expect(fieldsOf(farArea)).toEqual(['areaCodes.1']);
    // Only town administrators register points; the point's own staff may not.
    expect((await service.post('/api/v1/service-points', body)).status).toBe(403);
    // Not a service point.
    const notPoint = await town.post('/api/v1/service-points', { ...body, unitId: TEXTILE });
    expect(notPoint.status).toBe(400);
    expect(fieldsOf(notPoint)).toEqual(['unitId']);

    const created = await town.post('/api/v1/service-points', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dto = created.json<ServicePointDto>();
    expect(dto).toMatchObject({
      unitId: point,
      kind: 'service',
      hostType: 'village_office',
      area: [{ regionCode: DEMO.villageA, name: '石桥村' }],
      caseTypes: ['request'],
      standardStatus: 'notMet',
    });
    expect(await areaOf(point)).toEqual([
      { region_code: DEMO.villageA, case_types: '["request"]' },
    ]);
    const again = await town.post('/api/v1/service-points', body);
    expect(again.status).toBe(409);
    expect(fieldsOf(again)).toEqual(['unitId']);

    // All six pass: 达标.
    const fixed = await town.patch(`/api/v1/service-points/${point}`, { standard: standard() });
    expect(fixed.json<ServicePointDto>().standardStatus).toBe('met');
    // The staff read their own point.
    expect((await service.get(`/api/v1/service-points/${point}`)).status).toBe(200);
    const listed = await town.get(`/api/v1/service-points?regionCode=${DEMO.town}`);
    expect(listed.json<ServicePointDto[]>().map((p) => p.unitId)).toEqual([point]);
  });

  it('registers a legal studio taking consultations and disputes only', async () => {
    const studio = `legal-studio-${DEMO.town.slice(0, 9)}001`;
    const refused = await town.post('/api/v1/service-points', {
      unitId: studio,
      address: '清溪社区服务中心二楼',
      hostType: 'other',
      hostName: '清溪社区',
      areaCodes: [DEMO.town],
      caseTypes: ['request'],
    });
    expect(refused.status).toBe(400);
    expect(refused.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'caseTypes', message: '银采法官工作室只受理法律咨询和矛盾纠纷' },
    ]);
    const created = await town.post('/api/v1/service-points', {
      unitId: studio,
      address: '清溪社区服务中心二楼',
      hostType: 'other',
      hostName: '清溪社区',
      areaCodes: [DEMO.town],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.json<ServicePointDto>()).toMatchObject({
      kind: 'legal',
      caseTypes: ['dispute', 'consultation'],
      standardStatus: 'unassessed',
    });
    expect(await areaOf(studio)).toEqual([
      { region_code: DEMO.town, case_types: '["dispute","consultation"]' },
    ]);
  });

  it('keeps a duty roster in half-days without double booking, and a service log', async () => {
    const tomorrow = addDays(today, 1);
    const am = await service.post(`/api/v1/service-points/${point}/duty`, {
      date: today,
      half: 'am',
      personName: '张明华',
    });
    expect(am.status, JSON.stringify(am.body)).toBe(201);
    // A full day is two half-day rows.
    for (const half of ['am', 'pm'])
      expect(
        (
          await town.post(`/api/v1/service-points/${point}/duty`, {
            date: tomorrow,
            half,
            personName: '李秀英',
          })
        ).status,
      ).toBe(201);
    const twice = await service.post(`/api/v1/service-points/${point}/duty`, {
      date: today,
      half: 'am',
      personName: '张明华',
    });
    expect(twice.status).toBe(409);
    expect(twice.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'personName', message: '该人员在这一天的这个时段已有值班安排' },
    ]);
    const evening = await service.post(`/api/v1/service-points/${point}/duty`, {
      date: today,
      half: 'evening',
      personName: '张明华',
    });
    expect(evening.status).toBe(400);
    expect(evening.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'half', message: '值班时段只能是上午或下午（全天请登记上午、下午两个半天）' },
    ]);
    const badDate = await service.post(`/api/v1/service-points/${point}/duty`, {
      date: '2026-02-30',
      half: 'pm',
      personName: '张明华',
    });
    expect(badDate.status).toBe(400);
    expect(fieldsOf(badDate)).toEqual(['date']);
    // Another point's staff (here: the market office's inspector) may not write this roster.
    expect(
      (
        await market.post(`/api/v1/service-points/${point}/duty`, {
          date: today,
          half: 'pm',
          personName: '王强',
        })
      ).status,
    ).toBe(403);

    const roster = (await service.get(`/api/v1/service-points/${point}/duty`)).json<
      DutyShiftDto[]
    >();
    expect(roster.map((s) => [s.date, s.half, s.personName])).toEqual([
      [today, 'am', '张明华'],
      [tomorrow, 'am', '李秀英'],
      [tomorrow, 'pm', '李秀英'],
    ]);
    // A shift can be taken off and booked again.
    const pm = roster[2]!;
    expect((await service.delete(`/api/v1/duty-shifts/${pm.id}`)).status).toBe(200);
    expect(
      (
        await service.post(`/api/v1/service-points/${point}/duty`, {
          date: tomorrow,
          half: 'pm',
          personName: '李秀英',
        })
      ).status,
    ).toBe(201);

    const log = await service.post(`/api/v1/service-points/${point}/logs`, {
      date: today,
      kind: 'consultation',
      content: '接待村民咨询医保缴费政策',
      peopleServed: 3,
    });
    expect(log.status, JSON.stringify(log.body)).toBe(201);
    const logs = await town.get(`/api/v1/service-points/${point}/logs`);
    expect(logs.json<{ content: string; peopleServed: number }[]>()).toMatchObject([
      { content: '接待村民咨询医保缴费政策', peopleServed: 3 },
    ]);
  });

  it('shows residents the points of a village with today’s duty', async () => {
    const reply = await ctx.anon.get(`/api/v1/public/service-points?regionCode=${DEMO.villageA}`);
    expect(reply.status).toBe(200);
    const points = reply.json<PublicServicePoint[]>();
    // The 石桥村 point and the legal studio serving the whole town.
    expect(points.map((p) => p.kind).sort()).toEqual(['legal', 'service']);
    const mine = points.find((p) => p.unitId === point)!;
    expect(mine).toMatchObject({
      address: '石桥村文化礼堂一楼',
      areaNames: ['石桥村'],
      standardStatus: 'met',
    });
    expect(mine.duty).toContainEqual({ date: today, half: 'am', personName: '张明华' });
    expect(JSON.stringify(points)).not.toContain('userId');
    // 溪东村 is served only by the town-wide legal studio.
    const other = await ctx.anon.get(`/api/v1/public/service-points?regionCode=${DEMO.villageB}`);
    expect(other.json<PublicServicePoint[]>().map((p) => p.kind)).toEqual(['legal']);
    const county = await ctx.anon.get(`/api/v1/public/service-points?regionCode=${DEMO.county}`);
    expect(county.status).toBe(400);
    expect(fieldsOf(county)).toEqual(['regionCode']);
  });

  it('notifies the point of a new request in its village, and lets it take it', async () => {
    const filed = await file();
    const available = await notificationsOf(point, 'available');
    expect(available.map((n) => n.case_id)).toEqual([filed.id]);
    expect(
      (await service.get('/api/v1/notifications')).json<{ caseId: string }[]>()[0]?.caseId,
    ).toBe(filed.id);
    const before = (await service.get(`/api/v1/cases/${filed.id}`)).json<CaseDto>();
    expect(before.allowedCommands).toContain('take');
    const taken = await service.post(`/api/v1/cases/${filed.id}/commands`, {
      type: 'take',
      expectedVersion: before.version,
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.json<CaseDto>()).toMatchObject({ status: 'signed', unitId: point });

    // Outside its area: a dispute is not a type it takes; another village is not its area.
    const dispute = await file(
      resident({
        type: 'dispute',
        category: 'neighbours',
        description: '邻居加盖房屋挡住了我家的采光，双方多次协商未果。',
      }),
    );
    expect([403, 409]).toContain((await command(service, dispute.id, { type: 'take' })).status);
    const elsewhere = await file(resident({ regionCode: DEMO.villageB }));
    expect([403, 404]).toContain((await command(service, elsewhere.id, { type: 'take' })).status);
  });

  it('runs an alliance: members take its matters, stall licences are warned once', async () => {
    const created = await town.post('/api/v1/alliances', {
      regionCode: DEMO.town,
      name: '西街管家联盟',
      areaDescription: '溪东村西街及农贸市场周边',
      areaCodes: [DEMO.villageB],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const alliance = created.json<AllianceDto>();
    expect(alliance.caseTypes).toEqual(['complaint', 'request']);
    for (const unitId of [MARKET_OFFICE, TEXTILE])
      expect((await town.post(`/api/v1/alliances/${alliance.id}/members`, { unitId })).status).toBe(
        200,
      );
    const twice = await town.post(`/api/v1/alliances/${alliance.id}/members`, {
      unitId: TEXTILE,
    });
    expect(twice.status).toBe(409);
    expect(fieldsOf(twice)).toEqual(['unitId']);
    const outside = await town.post(`/api/v1/alliances/${alliance.id}/members`, {
      unitId: `committee-${DEMO.otherTownVillage}`,
    });
    expect(outside.status).toBe(400);
    expect(await areaOf(TEXTILE)).toEqual([
      { region_code: DEMO.villageB, case_types: '["complaint","request"]' },
    ]);

    // Stalls: numbers unique in the alliance, real dates, a business type from the list.
    const soon = addDays(today, 10);
    const stall = {
      stallNo: 'XJ-01',
      holderName: '陈桂兰',
      businessType: 'catering',
      licenceNo: 'JY13399010000123',
      licenceValidUntil: soon,
    };
    const added = await town.post(`/api/v1/alliances/${alliance.id}/stalls`, stall);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.json<StallDto>()).toMatchObject({ status: 'active', licenceState: 'expiring' });
    // The warning, with the clock as input: 25 days earlier (expiry 35 days away) nothing;
    // today, 10 days before expiry, both members once; a second run adds nothing.
    const notifications = () => countRows(ctx.db, 'notification');
    const start = await notifications();
    expect(await warnExpiringLicences(ctx.db, new Date(Date.now() - 25 * 86_400_000))).toBe(0);
    expect(await warnExpiringLicences(ctx.db, new Date())).toBe(2);
    expect(await warnExpiringLicences(ctx.db, new Date())).toBe(0);
    expect(await notifications()).toBe(start + 2);
    for (const unitId of [MARKET_OFFICE, TEXTILE]) {
      const warned = await notificationsOf(unitId, 'licenceExpiring');
      expect(warned.map((n) => n.title)).toEqual([`摊位 XJ-01 经营执照将于 ${soon} 到期`]);
    }

    const taken = await town.post(`/api/v1/alliances/${alliance.id}/stalls`, stall);
    expect(taken.status).toBe(409);
    expect(taken.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'stallNo', message: '该摊位号在本联盟已被使用' },
    ]);
    const badDate = await town.post(`/api/v1/alliances/${alliance.id}/stalls`, {
      ...stall,
      stallNo: 'XJ-02',
      licenceValidUntil: '2026-02-30',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'licenceValidUntil', message: '执照有效期须为真实存在的日期（YYYY-MM-DD）' },
    ]);
    const badType = await town.post(`/api/v1/alliances/${alliance.id}/stalls`, {
      ...stall,
      stallNo: 'XJ-02',
      businessType: 'gambling',
    });
    expect(fieldsOf(badType)).toEqual(['businessType']);
    expect(
      (
        await town.post(`/api/v1/alliances/${alliance.id}/stalls`, {
          ...stall,
          stallNo: 'XJ-02',
          holderName: '周海林',
          businessType: 'produce',
          licenceValidUntil: addDays(today, -1),
        })
      ).status,
    ).toBe(201);
    const closed = (
      await town.post(`/api/v1/alliances/${alliance.id}/stalls`, {
        ...stall,
        stallNo: 'XJ-03',
        licenceValidUntil: addDays(today, 5),
      })
    ).json<StallDto>();
    expect(
      (await town.patch(`/api/v1/stalls/${closed.id}`, { status: 'closed' })).json<StallDto>()
        .status,
    ).toBe('closed');

    // An expired or a closed stall is not warned; a renewed licence expiring soon again is.
    expect(await warnExpiringLicences(ctx.db, new Date())).toBe(0);
    const [first] = (await town.get(`/api/v1/alliances/${alliance.id}/stalls`)).json<StallDto[]>();
    await town.patch(`/api/v1/stalls/${first!.id}`, { licenceValidUntil: addDays(today, 20) });
    expect(await warnExpiringLicences(ctx.db, new Date())).toBe(2);

    // A member adopts (领办) a request of the alliance's area; a complaint too is theirs.
    const request = await file(resident({ regionCode: DEMO.villageB }));
    expect((await notificationsOf(MARKET_OFFICE, 'available')).map((n) => n.case_id)).toContain(
      request.id,
    );
    const adopted = await command(market, request.id, { type: 'take' });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect(adopted.json<CaseDto>()).toMatchObject({ status: 'signed', unitId: MARKET_OFFICE });
    expect(
      (await command(market, request.id, { type: 'reply', text: '已联系环卫清运' })).status,
    ).toBe(200);
    expect((await command(town, request.id, { type: 'verify' })).status).toBe(200);
    expect((await command(town, request.id, { type: 'close' })).status).toBe(200);
    const rated = await ctx.anon.post(`/api/v1/public/cases/${request.code}/rate`, {
      token: request.token,
      score: 4,
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    await file(
      resident({
        type: 'complaint',
        category: 'villageAffairs',
        regionCode: DEMO.villageB,
        description: '西街夜市占道经营，消防通道被堵，多次反映无人管理。',
      }),
    );

    const figures = await town.get(`/api/v1/alliances/${alliance.id}/figures`);
    expect(figures.status).toBe(200);
    expect(figures.json<AllianceFigures>()).toEqual({
      members: 2,
      stalls: 2,
      licencesExpiring: 1,
      licencesExpired: 1,
      cases: {
        // The request filed earlier in 溪东村 (outside the point's area), this one, a complaint.
        total: 3,
        byStatus: { received: 2, closed: 1 },
        takenByMembers: 1,
        closed: 1,
        closedOnTime: 1,
        averageRating: 4,
      },
    });

    // A member leaves: the alliance's area leaves its unit_area.
    expect((await town.delete(`/api/v1/alliances/${alliance.id}/members/${TEXTILE}`)).status).toBe(
      200,
    );
    expect(await areaOf(TEXTILE)).toEqual([]);
    const after = await town.patch(`/api/v1/alliances/${alliance.id}`, {
      caseTypes: ['request'],
    });
    expect(after.json<AllianceDto>().members.map((m) => m.unitId)).toEqual([MARKET_OFFICE]);
    expect(await areaOf(MARKET_OFFICE)).toEqual([
      { region_code: DEMO.villageB, case_types: '["request"]' },
    ]);
  });

  it('keeps another town’s administrator out', async () => {
    const [alliance] = (await town.get(`/api/v1/alliances?regionCode=${DEMO.town}`)).json<
      AllianceDto[]
    >();
    expect((await town2.get(`/api/v1/service-points/${point}`)).status).toBe(404);
    expect((await town2.get(`/api/v1/service-points?regionCode=${DEMO.town}`)).status).toBe(403);
    expect(
      (await town2.patch(`/api/v1/service-points/${point}`, { address: '白云镇' })).status,
    ).toBe(404);
    expect(
      (
        await town2.post(`/api/v1/service-points/${point}/duty`, {
          date: today,
          half: 'pm',
          personName: '赵刚',
        })
      ).status,
    ).toBe(404);
    expect((await town2.get(`/api/v1/alliances/${alliance!.id}`)).status).toBe(404);
    expect((await town2.get(`/api/v1/alliances/${alliance!.id}/figures`)).status).toBe(404);
    expect(
      (
        await town2.post(`/api/v1/alliances/${alliance!.id}/stalls`, {
          stallNo: 'BY-01',
          holderName: '赵刚',
          businessType: 'retail',
          licenceNo: 'JY1',
          licenceValidUntil: today,
        })
      ).status,
    ).toBe(404);
    const foreign = await town2.post('/api/v1/alliances', {
      regionCode: DEMO.town,
      name: '越界联盟',
      areaDescription: '清溪镇',
      areaCodes: [DEMO.town],
    });
    expect(foreign.status).toBe(403);
    expect((await town2.get(`/api/v1/alliances?regionCode=${DEMO.otherTown}`)).json()).toEqual([]);
  });

  it('leaves every registry row matching its audit event', async () => {
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });
});
