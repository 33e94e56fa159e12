import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
  countRows,
} from '../../../../test/support/context.js';
import { DEFAULT_POLICY, worksMethod, type CountyPolicy } from '../../../shared/policy.js';
import type { ErrorBody } from '../../../shared/errors.js';
import { addPolicyVersion, policyInForce } from './policy.service.js';

interface InForce {
  versionId: string | null;
  effectiveFrom: string | null;
  policy: CountyPolicy;
}

const stricter: CountyPolicy = {
  ...DEFAULT_POLICY,
  works: {
    ownChoiceBelow: 5_000_000,
    contractorPoolBelow: 30_000_000,
    townshipTenderBelow: 300_000_000,
  },
  commentPeriodDays: 15,
};

describe.each(DB_KINDS)('county policy on %s', (kind) => {
  let ctx: TestContext;
  let admin: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    admin = await ctx.login('admin');
  });
  afterAll(() => ctx.close());

  it('judges each record by the rules of its day', async () => {
    const before = (
      await ctx.anon.get(`/api/v1/policies/in-force?regionCode=${DEMO.villageA}&date=2030-06-30`)
    ).json<InForce>();
    expect(before).toMatchObject({ versionId: null, policy: DEFAULT_POLICY });

    const created = await admin.post('/api/v1/policies', {
      countyCode: DEMO.county,
      effectiveFrom: '2030-07-01',
      policy: stricter,
      reason: '县农业农村局2030年第3号通知',
    });
    expect(created.status).toBe(201);

    const june = (
      await ctx.anon.get(`/api/v1/policies/in-force?regionCode=${DEMO.villageA}&date=2030-06-30`)
    ).json<InForce>();
    const july = (
      await ctx.anon.get(`/api/v1/policies/in-force?regionCode=${DEMO.villageA}&date=2030-07-01`)
    ).json<InForce>();
    expect(june.versionId).toBeNull();
    expect(july).toMatchObject({ effectiveFrom: '2030-07-01', policy: stricter });
    // ¥80,000 of works: the village's own choice in June, a contractor-pool award in July.
    expect(worksMethod(june.policy, 8_000_000)).toBe('own_choice');
    expect(worksMethod(july.policy, 8_000_000)).toBe('contractor_pool');

    const versions = await ctx.anon.get(`/api/v1/policies?countyCode=${DEMO.county}`);
    expect(versions.json<{ effectiveFrom: string }[]>().map((v) => v.effectiveFrom)).toEqual([
      '2030-07-01',
    ]);
    const event = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name', 'region_code'])
      .where('entity', '=', 'county_policy')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      action: 'county_policy.create',
      actor_name: 'admin',
      region_code: DEMO.county,
    });
  });

  it('refuses a past date, a second version the same day and tiers out of order, writing nothing', async () => {
    const count = () => countRows(ctx.db, 'county_policy');
    const before = await count();
    const past = await admin.post('/api/v1/policies', {
      countyCode: DEMO.county,
      effectiveFrom: '2020-01-01',
      policy: stricter,
      reason: '补录',
    });
    expect(past.status).toBe(400);
    expect(past.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'effectiveFrom', message: '生效日期不能早于今天：已有的记录按当时的规则评判' },
    ]);
    const twice = await admin.post('/api/v1/policies', {
      countyCode: DEMO.county,
      effectiveFrom: '2030-07-01',
      policy: stricter,
      reason: '重复',
    });
    expect(twice.status).toBe(409);
    const disordered = await admin.post(
      '/api/v1/policies',
      {
        countyCode: DEMO.county,
        effectiveFrom: '2031-01-01',
        policy: { ...stricter, works: { ...stricter.works, townshipTenderBelow: 1 } },
        reason: '错误',
      },
      { 'x-qf-locale': 'en-US' },
    );
    expect(disordered.status).toBe(400);
    expect(disordered.json<ErrorBody>().error.details?.fields).toEqual([
      {
        field: 'policy.works.townshipTenderBelow',
        message: 'Each tier must be above the one before',
      },
    ]);
    expect(await count()).toBe(before);
  });

  it('lets only holders of policy.write over the county change its rules', async () => {
    const body = {
      countyCode: DEMO.county,
      effectiveFrom: '2031-02-01',
      policy: stricter,
      reason: '越权',
    };
    expect((await (await ctx.login('town')).post('/api/v1/policies', body)).status).toBe(403);
    expect((await (await ctx.login('county')).post('/api/v1/policies', body)).status).toBe(403);
    expect((await ctx.anon.post('/api/v1/policies', body)).status).toBe(401);
    const village = await admin.post('/api/v1/policies', { ...body, countyCode: DEMO.villageA });
    expect(village.status).toBe(400);
  });

  it('serves the rules in force from the cache until a version is added', async () => {
    const first = await policyInForce(ctx.db, DEMO.villageB, '2032-01-01');
    expect(await policyInForce(ctx.db, DEMO.villageB, '2032-01-01')).toBe(first);
    const principal = {
      userId: 'p',
      username: 'p',
      displayName: 'p',
      unitId: null,
      regionCode: DEMO.county,
      locale: 'zh-CN',
      grants: [{ id: 'g', role: 'sysadmin' as const, regionCode: DEMO.county }],
      sessionId: 's',
    };
    await addPolicyVersion(
      ctx.db,
      principal,
      { id: null, name: 'test' },
      {
        countyCode: DEMO.county,
        effectiveFrom: '2031-12-01',
        policy: { ...stricter, commentPeriodDays: 20 },
        reason: '公示期延长',
      },
    );
    expect(
      (await policyInForce(ctx.db, DEMO.villageB, '2032-01-01')).policy.commentPeriodDays,
    ).toBe(20);
  });
});
