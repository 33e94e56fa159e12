import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../test/support/context.js';
import { briefHeadline } from '../../shared/supervision/brief.js';
import type { SupervisionFigures } from '../../shared/supervision/figures.js';
import type { WarningDto } from '../../shared/schemas/supervision.js';
import { verifyAudit } from '../platform/audit/verify.js';
import {
  DEMO_FINDINGS,
  DEMO_INSPECTIONS,
  demoSupervisionPlan,
  PLANTED_TITLES,
  PLANTED_VILLAGES,
  seedDemoSupervision,
  type DemoSupervisionSummary,
} from './demo-supervision.js';
import { DEMO_TOTALS } from './demo-town.js';
import { seedDemoLedgers } from './seed.js';

const SENTENCE =
  '1至4月，全镇录入村级工程、村级采购、劳务用工等各类数据2334条，开展监督检查27次，发现问题68个，均已反馈并整改到位。';

describe('the demo supervision plan', () => {
  it('inspects 27 villages once each in January–April and finds 68 problems, the same every time', () => {
    const plan = demoSupervisionPlan();
    expect(JSON.stringify(demoSupervisionPlan())).toBe(JSON.stringify(plan));
    const inspections = plan.flatMap((b) => b.inspections);
    expect(inspections).toHaveLength(DEMO_INSPECTIONS);
    expect(new Set(inspections.map((i) => i.regionCode)).size).toBe(DEMO_INSPECTIONS);
    expect(inspections.reduce((n, i) => n + i.problems.length, 0)).toBe(DEMO_FINDINGS);
    expect(plan.every((b) => b.plannedOn >= '2026-01-01' && b.plannedOn <= '2026-04-30')).toBe(
      true,
    );
    // Every problem is one of the points the batch checks, at most once per inspection.
    for (const batch of plan)
      for (const inspection of batch.inspections) {
        const codes = inspection.problems.map((p) => p.pointCode);
        expect(new Set(codes).size).toBe(codes.length);
        expect(codes.every((c) => batch.pointCodes.includes(c))).toBe(true);
      }
  });
});

describe.each(DB_KINDS)('the demo supervision loaded on %s', (kind) => {
  let ctx: TestContext;
  let summary: DemoSupervisionSummary;
  let jiwei: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    await seedDemoLedgers(ctx.db);
    summary = await seedDemoSupervision(ctx.db, ctx.config);
    jiwei = await ctx.login('jiwei');
  }, 300_000);
  afterAll(() => ctx.close());

  it('sets up a station in every village with its head, 60 officers and 343 informants', async () => {
    expect(summary).toMatchObject({ stations: 28, inspections: 27, findings: 68, planted: 4 });
    const stations = (await jiwei.get(`/api/v1/supervision/stations?regionCode=${DEMO.town}`)).json<
      { regionCode: string; counts: { head: number; officer: number; informant: number } }[]
    >();
    expect(stations).toHaveLength(DEMO_TOTALS.liaisonStations);
    expect(stations.every((s) => s.counts.head === 1)).toBe(true);
    const sum = (k: 'head' | 'officer' | 'informant') =>
      stations.reduce((n, s) => n + s.counts[k], 0);
    expect(sum('head') + sum('officer')).toBe(DEMO_TOTALS.liaisonOfficers);
    expect(sum('informant')).toBe(DEMO_TOTALS.informants);
    // The members are linked to their accounts.
    const linked = await ctx.db
      .selectFrom('liaison_member')
      .select('user_id')
      .where('user_id', 'is', null)
      .execute();
    expect(linked).toHaveLength(0);
  });

  it('has 27 inspections and 68 findings in January–April, all fed back and closed out on time', async () => {
    const inspections = await ctx.db
      .selectFrom('inspection')
      .select(['status', 'planned_on', 'submitted_at', 'notice_id'])
      .execute();
    expect(inspections).toHaveLength(DEMO_INSPECTIONS);
    expect(inspections.every((i) => i.status === 'done' && i.notice_id !== null)).toBe(true);
    const notices = await ctx.db.selectFrom('feedback_notice').select('doc_no').execute();
    expect(notices.map((n) => n.doc_no).sort()).toContain('清纪联〔2026〕27号');
    const findings = await ctx.db
      .selectFrom('finding')
      .innerJoin('cases', 'cases.id', 'finding.id')
      .select([
        'finding.found_on',
        'finding.fed_back_at',
        'finding.rectified_at',
        'finding.closed_at',
        'finding.on_time',
        'finding.evidence',
        'cases.status',
        'cases.handle_due_at',
        'cases.verified_by',
      ])
      .execute();
    expect(findings).toHaveLength(DEMO_FINDINGS);
    const start = new Date('2026-01-01T00:00:00+08:00').toISOString();
    const end = new Date('2026-05-01T00:00:00+08:00').toISOString();
    for (const f of findings) {
      expect(f.status).toBe('closed');
      expect(f.on_time).toBe(1);
      expect(f.verified_by).toBeTruthy();
      expect((JSON.parse(f.evidence) as string[]).length).toBe(1);
      expect(f.fed_back_at! >= start && f.fed_back_at! < f.rectified_at!).toBe(true);
      expect(f.rectified_at! < f.closed_at! && f.closed_at! < end).toBe(true);
      expect(f.closed_at! <= f.handle_due_at!).toBe(true);
    }
  });

  it('reports the January–April figures and the brief in the town’s own words', async () => {
    const reply = await jiwei.get(
      `/api/v1/supervision/figures?regionCode=${DEMO.town}&from=2026-01-01&to=2026-04-30`,
    );
    expect(reply.status).toBe(200);
    const figures = reply.json<SupervisionFigures>();
    expect(figures.total).toMatchObject({
      entries: 2334,
      inspections: 27,
      findings: 68,
      fedBack: 68,
      rectified: 68,
      rectifiedOnTime: 68,
      rectifiedLate: 0,
      open: 0,
      overdue: 0,
      warningsRaised: 0,
    });
    expect(figures.rows).toHaveLength(28);
    expect(figures.rows.filter((r) => r.inspections === 1)).toHaveLength(27);
    expect(briefHeadline(figures, figures, figures.total)).toBe(SENTENCE);

    const docx = await jiwei.get(
      `/api/v1/supervision/brief?regionCode=${DEMO.town}&from=2026-01-01&to=2026-04-30&format=docx&issue=4`,
    );
    expect(docx.status).toBe(200);
    const xml = await (
      await JSZip.loadAsync(docx.raw.rawPayload)
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain(SENTENCE);
    expect(xml).toContain('第4期');
  });

  it('raises the three planted red flags as warnings in their villages', async () => {
    const planted = await ctx.db
      .selectFrom('ledger_entry')
      .select(['id', 'title', 'region_code', 'occurred_on'])
      .where(
        'title',
        'in',
        Object.values(PLANTED_TITLES).flatMap((t) => [...t]),
      )
      .where('occurred_on', '>', '2026-04-30')
      .execute();
    expect(planted).toHaveLength(4);
    for (const [rule, village] of Object.entries(PLANTED_VILLAGES)) {
      const ids = planted
        .filter((e) =>
          (PLANTED_TITLES[rule as keyof typeof PLANTED_TITLES] as readonly string[]).includes(
            e.title,
          ),
        )
        .map((e) => e.id)
        .sort();
      expect(
        planted.filter((e) => ids.includes(e.id)).every((e) => e.region_code === village.code),
      ).toBe(true);
      const warnings = (
        await jiwei.get(`/api/v1/supervision/warnings?regionCode=${village.code}&open=true`)
      ).json<WarningDto[]>();
      const mine = warnings.filter((w) => w.entryIds.some((id) => ids.includes(id)));
      expect(mine, `${rule} in ${village.name}`).toHaveLength(1);
      expect(mine[0]).toMatchObject({ rule, regionName: village.name, severity: 'red' });
      expect([...mine[0]!.entryIds].sort()).toEqual(ids);
    }
    // Every warning the rescan raised is open, one per rule hit of the town.
    const open = await ctx.db
      .selectFrom('warning')
      .select('id')
      .where('cleared_at', 'is', null)
      .execute();
    expect(open).toHaveLength(summary.warnings);
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });
});
