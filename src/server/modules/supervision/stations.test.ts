import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type { DutyDto, LiaisonStationDto } from '../../../shared/schemas/supervision.js';
import { verifyAudit } from '../../platform/audit/verify.js';

describe.each(DB_KINDS)('liaison stations on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;
  let stationId: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    town = await ctx.login('town');
  });
  afterAll(() => ctx.close());

  it('sets up one station per village, with its head, officers and informants', async () => {
    const created = await town.post('/api/v1/supervision/stations', {
      regionCode: DEMO.villageA,
      name: '石桥村监察工作联络站',
      establishedOn: '2026-01-05',
    });
    expect(created.status).toBe(201);
    stationId = created.json<LiaisonStationDto>().id;
    const again = await town.post('/api/v1/supervision/stations', {
      regionCode: DEMO.villageA,
      name: '重复的联络站',
      establishedOn: '2026-01-06',
    });
    expect(again.status).toBe(409);
    expect(again.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'regionCode', message: '该村（社区）已设立监察工作联络站' },
    ]);

    const people = [
      { role: 'head', name: '陈站长', mobile: '13800000101', joinedOn: '2026-01-05' },
      { role: 'officer', name: '王联络员', mobile: '13800000102', joinedOn: '2026-01-05' },
      { role: 'officer', name: '李联络员', joinedOn: '2026-01-05' },
      { role: 'informant', name: '赵信息员', mobile: '13800000104', joinedOn: '2026-01-10' },
    ];
    for (const person of people) {
      const added = await town.post(`/api/v1/supervision/stations/${stationId}/members`, person);
      expect(added.status, person.name).toBe(200);
    }
    // A new head ends the former head's term the same day.
    const newHead = await town.post(`/api/v1/supervision/stations/${stationId}/members`, {
      role: 'head',
      name: '周站长',
      joinedOn: '2026-03-01',
    });
    const station = newHead.json<LiaisonStationDto>();
    expect(station.counts).toEqual({ head: 1, officer: 2, informant: 1 });
    expect(station.members.find((m) => m.name === '陈站长')).toMatchObject({
      active: false,
      leftOn: '2026-03-01',
    });
    // The town administrator sees the numbers; a village cadre sees them masked.
    expect(station.members.find((m) => m.name === '王联络员')?.mobile).toBe('13800000102');
    const cadreView = (
      await (await ctx.login('cadre')).get(`/api/v1/supervision/stations/${stationId}`)
    ).json<LiaisonStationDto>();
    expect(cadreView.members.find((m) => m.name === '王联络员')?.mobile).toBe('138****0102');
    // The log keeps the number only as a digest.
    const events = await ctx.db
      .selectFrom('audit_event')
      .select('data')
      .where('entity', '=', 'liaison_member')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const e of events) expect(e.data).not.toContain('13800000102');
  });

  it('lists a town’s stations for its staff, and refuses what is out of reach or malformed', async () => {
    const list = (
      await (await ctx.login('jiwei')).get(`/api/v1/supervision/stations?regionCode=${DEMO.town}`)
    ).json<LiaisonStationDto[]>();
    expect(list.map((s) => s.regionCode)).toEqual([DEMO.villageA]);
    expect(list[0]!.regionName).toBe('石桥村');
    const cadre2 = await ctx.login('cadre2');
    expect((await cadre2.get(`/api/v1/supervision/stations/${stationId}`)).status).toBe(404);
    const cadre = await ctx.login('cadre');
    expect(
      (
        await cadre.post('/api/v1/supervision/stations', {
          regionCode: DEMO.villageB,
          name: '越权',
          establishedOn: '2026-01-01',
        })
      ).status,
    ).toBe(403);
    const badMobile = await town.post(`/api/v1/supervision/stations/${stationId}/members`, {
      role: 'informant',
      name: '钱信息员',
      mobile: '12345',
      joinedOn: '2026-02-01',
    });
    expect(badMobile.status).toBe(400);
    expect(badMobile.json<ErrorBody>().error.details?.fields?.[0]).toEqual({
      field: 'mobile',
      message: '请输入 11 位手机号',
    });
    const town2 = await ctx.login('town2');
    expect(
      (
        await town2.post('/api/v1/supervision/stations', {
          regionCode: DEMO.villageA,
          name: '别镇的',
          establishedOn: '2026-01-01',
        })
      ).status,
    ).toBe(403);
  });

  it('lets a member leave from a date, once, and not before joining', async () => {
    const station = (
      await town.get(`/api/v1/supervision/stations/${stationId}`)
    ).json<LiaisonStationDto>();
    const informant = station.members.find((m) => m.name === '赵信息员')!;
    const early = await town.post(
      `/api/v1/supervision/stations/${stationId}/members/${informant.id}/leave`,
      { leftOn: '2026-01-01' },
    );
    expect(early.status).toBe(400);
    expect(early.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('leftOn');
    const left = await town.post(
      `/api/v1/supervision/stations/${stationId}/members/${informant.id}/leave`,
      { leftOn: '2026-04-30' },
    );
    expect(left.json<LiaisonStationDto>().counts.informant).toBe(0);
    const twice = await town.post(
      `/api/v1/supervision/stations/${stationId}/members/${informant.id}/leave`,
      { leftOn: '2026-05-01' },
    );
    expect(twice.status).toBe(409);
  });

  it('keeps the duty log: the officer writes the day’s line, never one for tomorrow', async () => {
    const liaison = await ctx.login('liaison');
    const lines = [
      { onDate: '2026-04-01', kind: 'duty', content: '坐班值守，接待村民反映低保评定问题 1 件' },
      { onDate: '2026-04-08', kind: 'visit', content: '走访 3 组，了解道路硬化工程进度' },
      { onDate: '2026-04-15', kind: 'meeting', content: '列席村两委会议，监督集体资产出租事项' },
    ];
    for (const line of lines) {
      const written = await liaison.post(`/api/v1/supervision/stations/${stationId}/duty`, {
        ...line,
        officerName: '王联络员',
      });
      expect(written.status).toBe(201);
    }
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await liaison.post(`/api/v1/supervision/stations/${stationId}/duty`, {
      onDate: tomorrow,
      officerName: '王联络员',
      kind: 'duty',
      content: '提前填写',
    });
    expect(future.status).toBe(400);
    expect(future.json<ErrorBody>().error.details?.fields?.[0]).toEqual({
      field: 'onDate',
      message: '不能填写未来日期的值班日志',
    });
    const april = (
      await liaison.get(
        `/api/v1/supervision/stations/${stationId}/duty?from=2026-04-02&to=2026-04-30`,
      )
    ).json<DutyDto[]>();
    expect(april.map((d) => d.onDate)).toEqual(['2026-04-15', '2026-04-08']);
    // A village cadre reads the log but does not write it.
    const cadre = await ctx.login('cadre');
    expect(
      (
        await cadre.post(`/api/v1/supervision/stations/${stationId}/duty`, {
          onDate: '2026-04-02',
          officerName: '村干部',
          kind: 'duty',
          content: '代填',
        })
      ).status,
    ).toBe(403);
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });
});
