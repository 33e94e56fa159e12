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
import type { ErrorBody } from '../../../shared/errors.js';
import { DEFAULT_POLICY } from '../../../shared/policy.js';
import type { DecisionDto } from '../../../shared/schemas/decision.js';
import type { PublicEntryDetail } from '../../../shared/schemas/disclosure.js';
import type { Principal } from '../../platform/access/access.js';

const meeting = (
  step: string,
  expected: number,
  present: number,
  votesFor: number,
  heldOn = '2026-02-02',
) => ({
  step,
  heldOn,
  form: 'in_person',
  expected,
  present,
  votesFor,
  votesAgainst: Math.max(0, present - votesFor),
  content: '审议文化礼堂修缮方案',
  attendees: ['张三', '李四', '王五'],
  officials: ['王强'],
});

describe.each(DB_KINDS)('四议两公开 decisions on %s', (kind) => {
  let ctx: TestContext;
  let cadre: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    cadre = await ctx.login('cadre');
  });
  afterAll(() => ctx.close());

  async function newDecision(title = '文化礼堂修缮') {
    const reply = await cadre.post('/api/v1/decisions', {
      regionCode: DEMO.villageA,
      title,
      content: '文化礼堂屋面漏水，拟修缮，预算三十万元。',
      amount: 30_000_000,
    });
    expect(reply.status).toBe(201);
    return reply.json<DecisionDto>();
  }

  it('runs the six steps in order with the quorum and passing rules', async () => {
    const d = await newDecision();
    expect(d.nextStep).toBe('proposal');
    const skip = await cadre.post(
      `/api/v1/decisions/${d.id}/meetings`,
      meeting('partyMembers', 30, 24, 20),
    );
    expect(skip.status).toBe(409);
    expect(skip.json<ErrorBody>().error.message).toBe('须按“四议两公开”的顺序逐步进行');

    await cadre.post(`/api/v1/decisions/${d.id}/meetings`, meeting('proposal', 7, 7, 7));
    await cadre.post(`/api/v1/decisions/${d.id}/meetings`, meeting('committees', 9, 8, 8));
    // 30 party members: 19 present is short of two thirds — the meeting is recorded, without effect.
    const short = (
      await cadre.post(`/api/v1/decisions/${d.id}/meetings`, meeting('partyMembers', 30, 19, 19))
    ).json<DecisionDto>();
    expect(short.meetings.at(-1)?.outcome).toBe('no_quorum');
    expect(short.nextStep).toBe('partyMembers');
    // 20 present, 16 in favour: more than half of all 30 members.
    const party = (
      await cadre.post(`/api/v1/decisions/${d.id}/meetings`, meeting('partyMembers', 30, 20, 16))
    ).json<DecisionDto>();
    expect(party.meetings.at(-1)?.outcome).toBe('passed');
    expect(party.nextStep).toBe('representatives');

    const impossible = await cadre.post(
      `/api/v1/decisions/${d.id}/meetings`,
      meeting('representatives', 45, 50, 30),
    );
    expect(impossible.status).toBe(400);
    expect(impossible.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'present', message: '实到人数不能多于应到人数' },
    ]);
    const passed = (
      await cadre.post(`/api/v1/decisions/${d.id}/meetings`, meeting('representatives', 45, 30, 16))
    ).json<DecisionDto>();
    expect(passed).toMatchObject({ status: 'passed', step: 'representatives' });
    expect(passed.meetings.at(-1)?.ratio).toBeCloseTo(30 / 45);

    const posted = await cadre.post(`/api/v1/decisions/${d.id}/meetings`, {
      ...meeting('resolutionDisclosure', 0, 0, 0),
      form: 'notice_board',
      votesAgainst: 0,
    });
    expect(posted.status).toBe(201);
    const exported = await cadre.get(`/api/v1/decisions/export?regionCode=${DEMO.villageA}`);
    expect(exported.raw.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.raw.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.find((r) => r[2] === '文化礼堂修缮')?.slice(3, 6)).toEqual([
      300_000,
      '已通过',
      '决议公开',
    ]);

    const page = await ctx.anon.get(`/api/v1/public/entries/${d.id}`);
    expect(page.status).toBe(200);
    const snapshot = page.json<PublicEntryDetail>().snapshot as {
      meetings: { attendees: string[] }[];
    };
    expect(snapshot.meetings[0]?.attendees).toEqual(['张*', '李*', '王*']);
  });

  it('rejects the matter when the representatives vote it down', async () => {
    const d = await newDecision('村集体林地出租');
    for (const [step, e, p, f] of [
      ['proposal', 7, 7, 6],
      ['committees', 9, 9, 7],
      ['partyMembers', 30, 25, 16],
    ] as const) {
      await cadre.post(`/api/v1/decisions/${d.id}/meetings`, meeting(step, e, p, f));
    }
    // 36 present, 18 in favour: not more than half of those present.
    const vote = (
      await cadre.post(`/api/v1/decisions/${d.id}/meetings`, meeting('representatives', 45, 36, 18))
    ).json<DecisionDto>();
    expect(vote).toMatchObject({ status: 'rejected', nextStep: null });
    const more = await cadre.post(
      `/api/v1/decisions/${d.id}/meetings`,
      meeting('representatives', 45, 40, 40),
    );
    expect(more.status).toBe(409);
  });

  it('holds the vote until the county comment period has run', async () => {
    const admin = await ctx.login('admin');
    await admin.post('/api/v1/policies', {
      countyCode: DEMO.county,
      effectiveFrom: '2099-01-01',
      policy: { ...DEFAULT_POLICY, commentPeriodDays: 15 },
      reason: '实行表决前公示制度',
    });
    const d = await newDecision('村办公楼改造');
    // Meetings in 2099 are in the future for the real clock: record through the service with a fixed today.
    const { recordMeeting } = await import('./decisions.service.js');
    const principal = await principalOf('cadre');
    const actor = { id: principal.userId, name: 'cadre' };
    const record = (step: string, e: number, p: number, f: number, heldOn: string) =>
      recordMeeting(
        ctx.db,
        principal,
        actor,
        d.id,
        { ...meeting(step, e, p, f, heldOn), votesAbstain: 0, attachments: [] } as never,
        '2099-02-01',
      );
    await record('proposal', 7, 7, 7, '2099-01-02');
    await record('committees', 9, 9, 9, '2099-01-02');
    await record('partyMembers', 30, 30, 30, '2099-01-02');
    await expect(record('representatives', 45, 40, 40, '2099-01-10')).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { fields: [{ field: 'heldOn', key: 'decision.commentPeriod' }] },
    });
    expect(
      (await cadre.post(`/api/v1/decisions/${d.id}/comment`, { from: '2099-01-03' })).status,
    ).toBe(200);
    await expect(record('representatives', 45, 40, 40, '2099-01-17')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const onTime = await record('representatives', 45, 40, 40, '2099-01-18');
    expect(onTime.status).toBe('passed');
    // The comment period published the matter.
    expect((await ctx.anon.get(`/api/v1/public/entries/${d.id}`)).status).toBe(200);
  });

  it('keeps other villages out and writes nothing on refusal', async () => {
    const d = await newDecision('村道路灯');
    const cadre2 = await ctx.login('cadre2');
    const before = await countRows(ctx.db, 'decision_meeting');
    expect((await cadre2.get(`/api/v1/decisions/${d.id}`)).status).toBe(404);
    expect(
      (await cadre2.post(`/api/v1/decisions/${d.id}/meetings`, meeting('proposal', 7, 7, 7)))
        .status,
    ).toBe(404);
    expect((await cadre2.get(`/api/v1/decisions?regionCode=${DEMO.villageA}`)).status).toBe(403);
    expect(await countRows(ctx.db, 'decision_meeting')).toBe(before);
  });

  async function principalOf(username: string): Promise<Principal> {
    const user = await ctx.db
      .selectFrom('app_user')
      .select(['id', 'region_code'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return {
      userId: user.id,
      username,
      displayName: username,
      unitId: null,
      regionCode: user.region_code,
      locale: 'zh-CN',
      grants: [{ id: 'g', role: 'village_cadre', regionCode: user.region_code }],
      sessionId: 's',
    };
  }
});
