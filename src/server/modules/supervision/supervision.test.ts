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
import type { CatalogueVersionDto } from '../../../shared/schemas/supervision.js';
import { DEMO_CATALOGUE } from '../../../shared/supervision/demo-catalogue.js';
import { verifyAudit } from '../../platform/audit/verify.js';

const { version: _version, effectiveFrom: _from, ...STANDARD } = DEMO_CATALOGUE;

describe.each(DB_KINDS)('supervision catalogue on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    town = await ctx.login('town');
  });
  afterAll(() => ctx.close());

  const inForce = async (regionCode: string, date?: string) =>
    (
      await ctx.anon.get(
        `/api/v1/supervision/catalogue?regionCode=${regionCode}${date ? `&date=${date}` : ''}`,
      )
    ).json<CatalogueVersionDto>();

  it('gives a town without its own catalogue the standard one: 6 categories, 38 points, 22 paths', async () => {
    const current = await inForce(DEMO.villageA);
    expect(current).toMatchObject({ standard: true, version: 0, townCode: DEMO.town });
    expect(current.catalogue.categories).toHaveLength(6);
    expect(current.catalogue.points).toHaveLength(38);
    expect(current.catalogue.paths).toHaveLength(22);
    expect(current.catalogue.negativeList.length).toBeGreaterThan(10);
    // Public: no login, and nothing personal in it.
    const versions = await ctx.anon.get(
      `/api/v1/supervision/catalogue/versions?regionCode=${DEMO.town}`,
    );
    expect(versions.json<unknown[]>()).toEqual([]);
  });

  it('saves a town admin’s edit as the next version from its date; earlier dates keep theirs', async () => {
    const edited = structuredClone(STANDARD);
    edited.points[0]!.whatToCheck = `${edited.points[0]!.whatToCheck}（含线上会议记录）`;
    const saved = await town.post('/api/v1/supervision/catalogue', {
      townCode: DEMO.town,
      effectiveFrom: '2030-01-01',
      reason: '补充线上会议的检查要求',
      catalogue: edited,
    });
    expect(saved.status).toBe(201);
    expect(saved.json<CatalogueVersionDto>()).toMatchObject({
      version: 1,
      effectiveFrom: '2030-01-01',
      standard: false,
      townCode: DEMO.town,
    });
    expect((await inForce(DEMO.villageA, '2030-01-02')).catalogue.points[0]!.whatToCheck).toBe(
      edited.points[0]!.whatToCheck,
    );
    // Before its date, and so for every inspection already done, the earlier one holds.
    expect(await inForce(DEMO.villageA, '2029-12-31')).toMatchObject({ standard: true });
    const second = await town.post('/api/v1/supervision/catalogue', {
      townCode: DEMO.town,
      effectiveFrom: '2030-06-01',
      reason: '第二次修订',
      catalogue: STANDARD,
    });
    expect(second.json<CatalogueVersionDto>().version).toBe(2);
    const versions = (
      await ctx.anon.get(`/api/v1/supervision/catalogue/versions?regionCode=${DEMO.villageB}`)
    ).json<CatalogueVersionDto[]>();
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const event = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name'])
      .where('entity', '=', 'supervision_catalogue')
      .where('entity_id', '=', saved.json<CatalogueVersionDto>().id!)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ action: 'supervision_catalogue.create', actor_name: 'town' });
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('refuses a broken catalogue naming each field, a past date, and writes nothing', async () => {
    const before = await countRows(ctx.db, 'supervision_catalogue');
    const broken = structuredClone(STANDARD);
    broken.points[3]!.pathCode = 'P99';
    broken.paths[1]!.steps = broken.paths[1]!.steps.slice(0, 1);
    const refused = await town.post('/api/v1/supervision/catalogue', {
      townCode: DEMO.town,
      effectiveFrom: '2031-01-01',
      reason: '错误的修订',
      catalogue: broken,
    });
    expect(refused.status).toBe(400);
    const fields = refused.json<ErrorBody>().error.details?.fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'catalogue.points.3.pathCode', message: '没有这条监督路径' },
        { field: 'catalogue.paths.1.steps', message: '监督路径至少要有两个步骤' },
      ]),
    );
    const past = await town.post('/api/v1/supervision/catalogue', {
      townCode: DEMO.town,
      effectiveFrom: '2020-01-01',
      reason: '补录',
      catalogue: STANDARD,
    });
    expect(past.status).toBe(400);
    expect(past.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'effectiveFrom', message: '生效日期不能早于今天：已完成的检查仍按当时的目录' },
    ]);
    const village = await town.post('/api/v1/supervision/catalogue', {
      townCode: DEMO.villageA,
      effectiveFrom: '2031-01-01',
      reason: '村级',
      catalogue: STANDARD,
    });
    expect(village.status).toBe(400);
    expect(village.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('townCode');
    expect(await countRows(ctx.db, 'supervision_catalogue')).toBe(before);
  });

  it('lets only the town’s administrators edit it', async () => {
    const body = {
      townCode: DEMO.town,
      effectiveFrom: '2032-01-01',
      reason: '越权',
      catalogue: STANDARD,
    };
    for (const login of ['cadre', 'liaison', 'jiwei', 'county', 'town2']) {
      const reply = await (await ctx.login(login)).post('/api/v1/supervision/catalogue', body);
      expect(reply.status, login).toBe(403);
    }
    expect((await ctx.anon.post('/api/v1/supervision/catalogue', body)).status).toBe(401);
  });

  it('draws the flowchart of a path from its definition, as SVG', async () => {
    const reply = await ctx.anon.get(
      `/api/v1/supervision/flowchart.svg?regionCode=${DEMO.villageA}&path=P01`,
    );
    expect(reply.status).toBe(200);
    expect(reply.raw.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = reply.raw.payload;
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    const path = DEMO_CATALOGUE.paths.find((p) => p.code === 'P01')!;
    for (const step of path.steps) expect(svg).toContain(step.actor.label);
    const all = await ctx.anon.get(`/api/v1/supervision/flowchart.svg?regionCode=${DEMO.town}`);
    expect(all.raw.payload).toContain('监督履职流程图');
    const missing = await ctx.anon.get(
      `/api/v1/supervision/flowchart.svg?regionCode=${DEMO.town}&path=P77`,
    );
    expect(missing.status).toBe(404);
  });
});
