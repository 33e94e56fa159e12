import { sql } from 'kysely';
import { localDate } from '../../../shared/calendar.js';
import type { Locale } from '../../../shared/messages.js';
import { regionLevel } from '../../../shared/region.js';
import { briefParagraph } from '../../../shared/supervision/brief.js';
import { SUPERVISION_CATEGORY_IDS } from '../../../shared/supervision/catalogue.js';
import {
  CATEGORY_SHORT_NAMES,
  emptyFigureRow,
  type SupervisionFigureRow,
  type SupervisionFigures,
  type SupervisionFiguresQuery,
} from '../../../shared/supervision/figures.js';
import type { Db } from '../../db/schema.js';
import {
  inRegion,
  regionInScope,
  requirePermission,
  scopeOf,
  type Principal,
  type Scope,
} from '../../platform/access/access.js';
import type { OfficialDocument } from '../../platform/documents/official.js';
import type { XlsxColumn, XlsxSheet } from '../../platform/documents/xlsx.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { findRegion } from '../regions/regions.queries.js';
import { chineseDate } from './documents.js';

/**
 * 监督统计 and 工作简报: the supervision figures of a town (its villages side by side) or of a
 * village over a period of local dates, as JSON, a workbook and the brief. The definitions
 * are in src/shared/supervision/figures.ts; in short: records entered by their record date,
 * inspections by the day they were submitted, findings by the day they were found, and the
 * state of those findings and of the warnings of the period as it stood at the period's end.
 */

/** The start of a local day (Asia/Shanghai, no daylight saving) as an ISO instant. */
function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface FiguresPeriod {
  from: string;
  to: string;
  /** The first instant of the period. */
  start: string;
  /** The first instant after it. */
  end: string;
  /** The instant states are read at: the end of the period, or now while it runs. */
  asOf: string;
}

/**
 * The period asked for: by default this year up to today. It may not run backwards nor span
 * more than a year (366 days), so a brief compares like with like.
 */
export function figuresPeriod(
  query: Pick<SupervisionFiguresQuery, 'from' | 'to'>,
  now = new Date(),
): FiguresPeriod {
  const to = query.to ?? localDate(now);
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to || to > addDays(from, 366))
    throw fieldError(query.to ? 'to' : 'from', 'after from, within a year', 'date.range');
  const end = startOfDay(addDays(to, 1));
  const current = now.toISOString();
  return { from, to, start: startOfDay(from), end, asOf: current < end ? current : end };
}

const n = (value: unknown): number => Number(value ?? 0);

/** The villages shown: a town's villages in the caller's scope, or the village itself. */
async function villagesOf(db: Db, regionCode: string, scope: Scope) {
  const level = regionLevel(regionCode);
  return db
    .selectFrom('region')
    .select(['code', 'name'])
    .where(level === 'town' ? 'parent_code' : 'code', '=', regionCode)
    .where(regionInScope('code', scope))
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

/** Active ledger entries of every kind, by village, whose record date falls in the period. */
function entryCounts(db: Db, regionCode: string, scope: Scope, p: FiguresPeriod) {
  return db
    .selectFrom('ledger_entry')
    .select(['region_code', sql<number>`count(*)`.as('n')])
    .where(inRegion('region_code', regionCode))
    .where(regionInScope('region_code', scope))
    .where('status', '=', 'active')
    .where('occurred_on', '>=', p.from)
    .where('occurred_on', '<=', p.to)
    .groupBy('region_code')
    .execute();
}

/** Inspections signed and submitted in the period, by village. */
function inspectionCounts(db: Db, regionCode: string, scope: Scope, p: FiguresPeriod) {
  return db
    .selectFrom('inspection')
    .select(['region_code', sql<number>`count(*)`.as('n')])
    .where(inRegion('region_code', regionCode))
    .where(regionInScope('region_code', scope))
    .where('submitted_at', '>=', p.start)
    .where('submitted_at', '<', p.end)
    .groupBy('region_code')
    .execute();
}

/** Findings of the period by village and category, with where they stood at `asOf`. */
function findingCounts(db: Db, regionCode: string, scope: Scope, p: FiguresPeriod) {
  const closed = sql`finding.closed_at < ${p.asOf}`;
  return db
    .selectFrom('finding')
    .innerJoin('cases', 'cases.id', 'finding.id')
    .select([
      'finding.region_code',
      'finding.category',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when finding.fed_back_at < ${p.asOf} then 1 else 0 end)`.as('fed'),
      sql<number>`sum(case when ${closed} then 1 else 0 end)`.as('closed'),
      sql<number>`sum(case when ${closed} and finding.on_time = 1 then 1 else 0 end)`.as('onTime'),
      sql<number>`sum(case when (finding.closed_at is null or finding.closed_at >= ${p.asOf})
        and cases.handle_due_at < ${p.asOf} then 1 else 0 end)`.as('overdue'),
    ])
    .where(inRegion('finding.region_code', regionCode))
    .where(regionInScope('finding.region_code', scope))
    .where('finding.found_on', '>=', p.from)
    .where('finding.found_on', '<=', p.to)
    .groupBy(['finding.region_code', 'finding.category'])
    .execute();
}

/** Warnings raised in the period by village, and how many of them were cleared by `asOf`. */
function warningCounts(db: Db, regionCode: string, scope: Scope, p: FiguresPeriod) {
  return db
    .selectFrom('warning')
    .select([
      'region_code',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when cleared_at < ${p.asOf} then 1 else 0 end)`.as('cleared'),
    ])
    .where(inRegion('region_code', regionCode))
    .where(regionInScope('region_code', scope))
    .where('raised_at', '>=', p.start)
    .where('raised_at', '<', p.end)
    .groupBy('region_code')
    .execute();
}

function addInto(total: SupervisionFigureRow, row: SupervisionFigureRow): void {
  for (const key of Object.keys(row) as (keyof SupervisionFigureRow)[]) {
    const value = row[key];
    if (typeof value === 'number') (total[key] as number) += value;
  }
  for (const id of SUPERVISION_CATEGORY_IDS) total.byCategory[id] += row.byCategory[id];
}

/**
 * The supervision figures of a town (one row per village in the caller's scope, and their
 * total) or of one village, for those who may read its supervision. A county or a province
 * is refused: the figures are a town's own report.
 */
export async function supervisionFigures(
  db: Db,
  principal: Principal,
  query: SupervisionFiguresQuery,
  now = new Date(),
): Promise<SupervisionFigures> {
  const level = regionLevel(query.regionCode);
  if (level !== 'town' && level !== 'village')
    throw fieldError('regionCode', 'a town or a village', 'supervision.notTown');
  const period = figuresPeriod(query, now);
  const region = await findRegion(db, query.regionCode);
  if (!region) throw notFound('region');
  requirePermission(principal, 'supervision.read', query.regionCode);
  const town =
    level === 'town' ? region : await findRegion(db, query.regionCode.slice(0, 9).padEnd(12, '0'));
  const scope = scopeOf(principal, 'supervision.read');
  const [villages, entries, inspections, findings, warnings] = await Promise.all([
    villagesOf(db, query.regionCode, scope),
    entryCounts(db, query.regionCode, scope, period),
    inspectionCounts(db, query.regionCode, scope, period),
    findingCounts(db, query.regionCode, scope, period),
    warningCounts(db, query.regionCode, scope, period),
  ]);
  const rows = new Map(villages.map((v) => [v.code, emptyFigureRow(v.code, v.name)]));
  for (const e of entries) {
    const row = rows.get(e.region_code);
    if (row) row.entries += n(e.n);
  }
  for (const i of inspections) {
    const row = rows.get(i.region_code);
    if (row) row.inspections += n(i.n);
  }
  for (const f of findings) {
    const row = rows.get(f.region_code);
    if (!row) continue;
    const count = n(f.n);
    row.findings += count;
    if (f.category in row.byCategory)
      row.byCategory[f.category as keyof typeof row.byCategory] += count;
    row.fedBack += n(f.fed);
    row.rectified += n(f.closed);
    row.rectifiedOnTime += n(f.onTime);
    row.rectifiedLate += n(f.closed) - n(f.onTime);
    row.open += count - n(f.closed);
    row.overdue += n(f.overdue);
  }
  for (const w of warnings) {
    const row = rows.get(w.region_code);
    if (!row) continue;
    row.warningsRaised += n(w.n);
    row.warningsCleared += n(w.cleared);
  }
  const total = emptyFigureRow(region.code, region.name);
  for (const row of rows.values()) addInto(total, row);
  return {
    regionCode: region.code,
    regionName: region.name,
    regionLevel: level,
    regionKind:
      level === 'village' ? (region.kind === 'community' ? 'community' : 'village') : null,
    townName: town?.name ?? '',
    from: period.from,
    to: period.to,
    asOf: period.asOf,
    rows: [...rows.values()],
    total,
  };
}

// ---- the workbook ----

/** The figures as one sheet: a row per village and the total, headed in the caller's language. */
export function figuresSheets(figures: SupervisionFigures, locale: Locale): XlsxSheet[] {
  const zh = locale === 'zh-CN';
  const int = (key: string, zhHeader: string, enHeader: string): XlsxColumn => ({
    key,
    header: zh ? zhHeader : enHeader,
    type: 'int',
    width: 12,
  });
  const columns: XlsxColumn[] = [
    { key: 'regionName', header: zh ? '村（社区）' : 'Village', type: 'text', width: 16 },
    int('entries', '录入数据(条)', 'Records entered'),
    int('inspections', '监督检查(次)', 'Inspections'),
    int('findings', '发现问题(个)', 'Problems found'),
    ...SUPERVISION_CATEGORY_IDS.map((id) =>
      int(`category.${id}`, CATEGORY_SHORT_NAMES[id]['zh-CN'], CATEGORY_SHORT_NAMES[id]['en-US']),
    ),
    int('fedBack', '已反馈(个)', 'Fed back'),
    int('rectified', '整改到位(个)', 'Rectified'),
    int('rectifiedOnTime', '按期整改(个)', 'Rectified on time'),
    int('rectifiedLate', '超期整改(个)', 'Rectified late'),
    int('open', '正在整改(个)', 'Still open'),
    int('overdue', '逾期未整改(个)', 'Overdue'),
    int('warningsRaised', '系统预警(条)', 'Warnings raised'),
    int('warningsCleared', '已消除(条)', 'Warnings cleared'),
  ];
  const flat = (row: SupervisionFigureRow, name: string) => ({
    ...row,
    regionName: name,
    ...Object.fromEntries(
      SUPERVISION_CATEGORY_IDS.map((id) => [`category.${id}`, row.byCategory[id]]),
    ),
  });
  const title = zh
    ? `${figures.regionName}监督统计 ${figures.from}至${figures.to}`
    : `${figures.regionName} supervision ${figures.from} to ${figures.to}`;
  return [
    {
      name: title,
      columns,
      rows: [
        ...figures.rows.map((row) => flat(row, row.regionName)),
        flat(figures.total, zh ? '合计' : 'Total'),
      ],
    },
  ];
}

// ---- the brief ----

/**
 * 工作简报 as an official document of the town's discipline office: the paragraph written
 * from the figures (briefParagraph), then a table of the villages.
 */
export async function briefDocument(
  db: Db,
  principal: Principal,
  query: SupervisionFiguresQuery & { issue?: number | undefined },
  now = new Date(),
): Promise<{ document: OfficialDocument; fileName: string; text: string }> {
  const figures = await supervisionFigures(db, principal, query, now);
  const text = briefParagraph(figures, figures, figures.total);
  const issuer = `${figures.townName}纪委`;
  const line = (row: SupervisionFigureRow, name: string) => [
    name,
    String(row.entries),
    String(row.inspections),
    String(row.findings),
    String(row.fedBack),
    String(row.rectified),
    String(row.overdue),
    String(row.warningsRaised),
    String(row.warningsCleared),
  ];
  const rows = figures.rows.map((row) => line(row, row.regionName));
  if (figures.rows.length > 1) rows.push(line(figures.total, '合计'));
  const document: OfficialDocument = {
    issuer,
    ...(query.issue ? { docNo: `第${query.issue}期` } : {}),
    title: '清风监督工作简报',
    blocks: [
      { kind: 'paragraph', text },
      {
        kind: 'heading',
        text: figures.regionLevel === 'town' ? '一、各村（社区）监督情况' : '一、监督情况',
      },
      {
        kind: 'table',
        columns: [
          '村（社区）',
          '录入数据',
          '监督检查',
          '发现问题',
          '已反馈',
          '整改到位',
          '逾期',
          '预警',
          '已消除',
        ],
        widths: [2.2, 1.3, 1.3, 1.3, 1.2, 1.3, 1, 1, 1.2],
        rows,
      },
    ],
    signature: { lines: [issuer], date: chineseDate(localDate(now)) },
  };
  const issue = query.issue ? `第${query.issue}期-` : '';
  return {
    document,
    fileName: `清风监督工作简报-${issue}${figures.regionName}-${figures.from}至${figures.to}`,
    text,
  };
}
