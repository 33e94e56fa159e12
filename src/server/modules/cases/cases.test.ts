import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import { addWorkingDays } from '../../../shared/calendar.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type { CaseDto, PublicCaseView } from '../../../shared/schemas/cases.js';
import { workingCalendar } from '../../platform/calendar/calendar.service.js';
import { commandCase, newCode, scanOverdue } from './cases.service.js';

const COMMITTEE_A = `committee-${DEMO.villageA}`;
const TOWN_OFFICE = `office-${DEMO.town}`;

const request = (extra: Record<string, unknown> = {}) => ({
  type: 'request',
  category: 'roads',
  regionCode: DEMO.villageA,
  description: '村口道路塌陷一处，雨天积水，行人车辆通行困难，请尽快修复。',
  address: '石桥村村口',
  reporterName: '王建国',
  reporterMobile: '13800001111',
  ...extra,
});

describe.each(DB_KINDS)('the case engine on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;
  let cadre: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { QF_CASE_RATE_LIMIT: '1000' } });
    town = await ctx.login('town');
    cadre = await ctx.login('cadre');
  });
  afterAll(() => ctx.close());

  async function file(body: Record<string, unknown> = request()) {
    const reply = await ctx.anon.post('/api/v1/public/cases', body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.json<{ code: string; token: string; trackPath: string }>();
  }
  const idOf = async (code: string) =>
    (
      await ctx.db
        .selectFrom('cases')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  async function command(client: Client, id: string, body: Record<string, unknown>) {
    const current = (await client.get(`/api/v1/cases/${id}`)).json<CaseDto>();
    return client.post(`/api/v1/cases/${id}/commands`, {
      expectedVersion: current.version,
      ...body,
    });
  }

  it('refuses what a resident may not file, naming the field, and writes nothing', async () => {
    const before = await countRows(ctx.db, 'cases');
    const anonymousRequest = await ctx.anon.post(
      '/api/v1/public/cases',
      request({ anonymous: true }),
    );
    expect(anonymousRequest.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'anonymous', message: '只有投诉举报可以匿名' },
    ]);
    const noMobile = await ctx.anon.post(
      '/api/v1/public/cases',
      request({ reporterMobile: undefined }),
    );
    expect(noMobile.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('reporterMobile');
    const badCategory = await ctx.anon.post('/api/v1/public/cases', request({ category: 'land' }));
    expect(badCategory.status).toBe(400);
    expect(badCategory.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('category');
    const town_ = await ctx.anon.post('/api/v1/public/cases', request({ regionCode: DEMO.town }));
    expect(town_.status).toBe(400);
    expect(await countRows(ctx.db, 'cases')).toBe(before);
    // An anonymous complaint about a cadre is accepted and keeps no contact.
    const anonymous = await file({
      type: 'complaint',
      category: 'cadreConduct',
      regionCode: DEMO.villageA,
      description: '村干部在工程验收中收受施工方好处，请调查核实。',
      anonymous: true,
      reporterMobile: '13800002222',
    });
    const row = await ctx.db
      .selectFrom('cases')
      .select(['reporter_mobile', 'reporter_name', 'anonymous'])
      .where('code', '=', anonymous.code)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reporter_mobile: null, reporter_name: null, anonymous: 1 });
  });

  it('limits filings per mobile number with a clear message', async () => {
    const mobile = '13800003333';
    for (let i = 0; i < 5; i++) await file(request({ reporterMobile: mobile }));
    const sixth = await ctx.anon.post('/api/v1/public/cases', request({ reporterMobile: mobile }));
    expect(sixth.status).toBe(429);
    expect(sixth.json<ErrorBody>().error.message).toBe(
      '这个手机号今天提交的事项已达上限，请明天再提交或拨打镇政府电话',
    );
  });

  it('routes, handles, verifies and closes out a request, and lets the resident rate it', async () => {
    const route = await town.post('/api/v1/case-routes', {
      regionCode: DEMO.town,
      caseType: 'request',
      category: 'roads',
      unitId: COMMITTEE_A,
    });
    expect(route.status).toBe(200);
    expect(
      (
        await cadre.post('/api/v1/case-routes', {
          regionCode: DEMO.villageA,
          caseType: 'request',
          category: 'roads',
          unitId: COMMITTEE_A,
        })
      ).status,
    ).toBe(403);
    const before = Date.now();
    const filed = await file();
    const id = await idOf(filed.code);
    let c = (await cadre.get(`/api/v1/cases/${id}`)).json<CaseDto>();
    expect(c).toMatchObject({ status: 'dispatched', unitId: COMMITTEE_A, roles: ['unit'] });
    expect(c.reporterMobile).toBe('138****1111');
    // Deadlines in working days from the dispatch: request limits are 1 to sign, 10 to handle.
    const cal = await workingCalendar(ctx.db);
    const handleDue = addWorkingDays(cal, new Date(before), 10).toISOString();
    expect(c.handleDueAt?.slice(0, 10)).toBe(handleDue.slice(0, 10));
    expect((await (await ctx.login('cadre2')).get(`/api/v1/cases/${id}`)).status).toBe(404);

    // The public track page: steps, no personal data.
    const track = (await ctx.anon.get(`/api/v1/public/cases/${filed.code}`)).json<PublicCaseView>();
    expect(track.timeline.map((t) => t.action)).toEqual(['receive', 'dispatch']);
    expect(JSON.stringify(track)).not.toContain('13800001111');
    expect(JSON.stringify(track)).not.toContain('王建国');
    expect(track.unitName).toBe('石桥村村民委员会');

    expect((await command(cadre, id, { type: 'verify' })).status).toBe(403);
    expect((await command(cadre, id, { type: 'sign' })).status).toBe(200);
    expect(
      (await command(cadre, id, { type: 'note', text: '已联系施工队，周三到场' })).status,
    ).toBe(200);
    expect((await command(cadre, id, { type: 'start' })).status).toBe(200);
    expect(
      (await command(cadre, id, { type: 'reply', text: '已完成塌陷路面修复并设置排水沟。' }))
        .status,
    ).toBe(200);
    expect((await command(town, id, { type: 'verify' })).status).toBe(200);
    c = (await command(town, id, { type: 'close' })).json<CaseDto>();
    expect(c).toMatchObject({ status: 'closed', verifiedBy: 'town' });
    expect(c.timeline.map((t) => t.action)).toEqual([
      'receive',
      'dispatch',
      'sign',
      'note',
      'start',
      'reply',
      'verify',
      'close',
    ]);

    const publicView = (
      await ctx.anon.get(`/api/v1/public/cases/${filed.code}?token=${filed.token}`)
    ).json<PublicCaseView>();
    expect(publicView).toMatchObject({ status: 'closed', canRate: true, canDispute: true });
    expect(publicView.timeline.some((t) => t.action === 'note')).toBe(false);
    expect(publicView.reply).toBe('已完成塌陷路面修复并设置排水沟。');
    const wrong = await ctx.anon.post(`/api/v1/public/cases/${filed.code}/rate`, {
      token: 'x'.repeat(24),
      score: 5,
    });
    expect(wrong.status).toBe(403);
    const rated = await ctx.anon.post(`/api/v1/public/cases/${filed.code}/rate`, {
      token: filed.token,
      score: 4,
      comment: '修得及时',
    });
    expect(rated.json<PublicCaseView>()).toMatchObject({ rating: 4, canRate: false });
    const again = await ctx.anon.post(`/api/v1/public/cases/${filed.code}/rate`, {
      token: filed.token,
      score: 1,
    });
    expect(again.status).toBe(400);

    // The resident disputes the closure: it reopens one level up, and the town office hears.
    const disputed = await ctx.anon.post(`/api/v1/public/cases/${filed.code}/dispute`, {
      token: filed.token,
      reason: '雨后又出现积水，问题没有解决',
    });
    expect(disputed.json<PublicCaseView>()).toMatchObject({ status: 'reopened', escalation: 1 });
    const notes = (await town.get('/api/v1/notifications')).json<
      { kind: string; caseId: string }[]
    >();
    expect(notes.some((n) => n.kind === 'reopen' && n.caseId === id)).toBe(true);
  });

  it('returns within the limit, extends on request, and escalates what runs late', async () => {
    const filed = await file(request({ type: 'dispute', category: 'neighbours' }));
    const id = await idOf(filed.code);
    const noUnit = await command(town, id, { type: 'dispatch', unitId: 'no-such-unit' });
    expect(noUnit.status).toBe(400);
    expect((await command(town, id, { type: 'dispatch', unitId: COMMITTEE_A })).status).toBe(200);
    // Past its return limit (2 working days for a dispute) a unit can no longer return it.
    const held = (await cadre.get(`/api/v1/cases/${id}`)).json<CaseDto>();
    const principal = {
      userId: 'c',
      username: 'cadre',
      displayName: 'cadre',
      unitId: COMMITTEE_A,
      regionCode: DEMO.villageA,
      locale: 'zh-CN',
      grants: [{ id: 'g', role: 'village_cadre' as const, regionCode: DEMO.villageA }],
      sessionId: 's',
    };
    await expect(
      commandCase(
        ctx.db,
        principal,
        { id: null, name: 'cadre' },
        id,
        { type: 'return', expectedVersion: held.version, reason: '太晚才退' },
        new Date(new Date(held.returnDueAt!).getTime() + 60_000),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'case.returnTooLate' });
    const returned = await command(cadre, id, {
      type: 'return',
      reason: '属于邻村地界，非本村管辖',
    });
    expect(returned.json<CaseDto>().status).toBe('returned');
    await command(town, id, {
      type: 'dispatch',
      unitId: COMMITTEE_A,
      coUnitIds: [TOWN_OFFICE, `committee-${DEMO.villageB}`],
    });
    // The neighbouring village co-handles it: its cadre, whose area is only that village,
    // finds it in the inbox and among the unit's own cases.
    const neighbour = await ctx.login('cadre2');
    for (const url of ['/api/v1/cases', '/api/v1/cases?mine=1']) {
      const seen = (await neighbour.get(url)).json<{ items: { id: string }[] }>();
      expect(seen.items.map((i) => i.id)).toContain(id);
    }
    await command(cadre, id, { type: 'sign' });
    const asked = await command(cadre, id, {
      type: 'requestExtension',
      days: 5,
      reason: '需等待双方到场调解',
    });
    expect(asked.json<CaseDto>().extension).toEqual({ days: 5, reason: '需等待双方到场调解' });
    const dueBefore = asked.json<CaseDto>().handleDueAt!;
    const granted = (await command(town, id, { type: 'grantExtension' })).json<CaseDto>();
    expect(granted.extensionDays).toBe(5);
    expect(granted.handleDueAt! > dueBefore).toBe(true);
    const tooMuch = await command(cadre, id, { type: 'requestExtension', days: 6, reason: '再延' });
    expect(tooMuch.status).toBe(400);

    // The clock moves past the handling limit: the scan flags and escalates, once.
    const late = new Date(new Date(granted.handleDueAt!).getTime() + 60_000);
    expect(await scanOverdue(ctx.db, late)).toBeGreaterThanOrEqual(1);
    expect(await scanOverdue(ctx.db, late)).toBe(0);
    const c = (await town.get(`/api/v1/cases/${id}`)).json<CaseDto>();
    expect(c).toMatchObject({ overdue: 2, escalation: 1 });
    const inbox = (await town.get(`/api/v1/cases?regionCode=${DEMO.town}&open=1`)).json<{
      items: { id: string; overdue: number }[];
    }>();
    expect(inbox.items[0]?.overdue).toBe(2);
    const mine = (await cadre.get('/api/v1/cases?mine=1')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(id);
    const byUnit = (
      await town.get(`/api/v1/cases?unitId=${COMMITTEE_A}&regionCode=${DEMO.town}`)
    ).json<{ items: { id: string; unitId: string }[] }>();
    expect(byUnit.items.map((i) => i.id)).toContain(id);
    expect(byUnit.items.every((i) => i.unitId === COMMITTEE_A)).toBe(true);
    const notes = (await cadre.get('/api/v1/notifications')).json<{ id: string; kind: string }[]>();
    const overdue = notes.find((n) => n.kind === 'overdue');
    expect(overdue).toBeDefined();
    expect((await cadre.post(`/api/v1/notifications/${overdue!.id}/read`)).status).toBe(200);
  });

  it('flags a case nobody signed for, lets a town set its own limits, searches and exports', async () => {
    const put = await town.post('/api/v1/case-deadlines', {
      regionCode: DEMO.town,
      caseType: 'consultation',
      category: '',
      signDays: 1,
      handleDays: 3,
      maxExtensionDays: 2,
      returnDays: 1,
    });
    expect(put.status).toBe(200);
    const filed = await file(
      request({
        type: 'consultation',
        category: 'legal',
        description: '宅基地道路通行纠纷，想咨询法律规定。',
      }),
    );
    const id = await idOf(filed.code);
    const dispatched = (
      await command(town, id, { type: 'dispatch', unitId: COMMITTEE_A })
    ).json<CaseDto>();
    const cal = await workingCalendar(ctx.db);
    expect(dispatched.handleDueAt!.slice(0, 10)).toBe(
      addWorkingDays(cal, new Date(), 3).toISOString().slice(0, 10),
    );
    const afterSign = new Date(new Date(dispatched.signDueAt!).getTime() + 1000);
    await scanOverdue(ctx.db, afterSign);
    expect((await town.get(`/api/v1/cases/${id}`)).json<CaseDto>()).toMatchObject({
      overdue: 1,
      escalation: 1,
    });
    const found = (
      await town.get(`/api/v1/cases?regionCode=${DEMO.town}&q=${encodeURIComponent('道路')}`)
    ).json<{ total: number; items: { id: string }[] }>();
    expect(found.items.map((i) => i.id)).toContain(id);
    const exported = await town.get(
      `/api/v1/cases/export?regionCode=${DEMO.town}&type=consultation`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.raw.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[1])).toContain(filed.code);
    expect(rows.find((r) => r[1] === filed.code)?.slice(2, 4)).toEqual(['咨询', '法律咨询']);
  });

  it('dispatches many cases at once and says which it could not', async () => {
    const a = await idOf((await file(request({ reporterMobile: '13800009991' }))).code);
    const b = await idOf((await file(request({ reporterMobile: '13800009992' }))).code);
    // b is already signed for by its unit: it can no longer be dispatched from the pool.
    await command(town, b, { type: 'dispatch', unitId: COMMITTEE_A });
    await command(cadre, b, { type: 'sign' });
    const result = await town.post('/api/v1/cases/dispatch', {
      ids: [a, b, 'no-such-case'],
      unitId: TOWN_OFFICE,
    });
    expect(result.status).toBe(200);
    const body = result.json<{
      dispatched: string[];
      refused: { id: string; message: string }[];
    }>();
    expect(body.dispatched).toEqual([a]);
    expect(body.refused).toEqual([
      { id: b, message: '工单当前状态不能进行此操作' },
      { id: 'no-such-case', message: '找不到该记录' },
    ]);
    expect((await town.get(`/api/v1/cases/${a}`)).json<CaseDto>().unitId).toBe(TOWN_OFFICE);
  });
});

describe.each(DB_KINDS)('abuse limits for residents on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { QF_CASE_RATE_LIMIT: '3' } });
  });
  afterAll(() => ctx.close());

  it('refuses a fourth filing from one address within the hour, in Chinese', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await ctx.anon.post(
        '/api/v1/public/cases',
        request({ reporterMobile: `1380000${i}000` }),
      );
      expect(ok.status).toBe(201);
    }
    const fourth = await ctx.anon.post(
      '/api/v1/public/cases',
      request({ reporterMobile: '13800004000' }),
    );
    expect(fourth.status).toBe(429);
    expect(fourth.json<ErrorBody>().error.message).toBe('操作太频繁，请稍后再试');
  });

  it('draws another tracking code when the one drawn is already given', async () => {
    const taken = await ctx.db
      .selectFrom('cases')
      .select('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const draws = [taken.code, taken.code, 'QF26-FRESH2'];
    expect(await newCode(ctx.db, new Date(), () => draws.shift()!)).toBe('QF26-FRESH2');
    expect(draws).toEqual([]);
  });
});
