import {
  FIGURE_METRICS,
  MAX_FIGURE_MONTHS,
  type ChildFigures,
  type FigureRow,
  type Figures,
  type FigureSeries,
  type FiguresQuery,
} from '../../../shared/schemas/figures.js';
import { localDate } from '../../../shared/calendar.js';
import type { Db } from '../../db/schema.js';
import { requirePermission, type Principal } from '../../platform/access/access.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { notFound, problemsError } from '../../platform/errors.js';
import { regionNames } from '../regions/regions.queries.js';
import { childRegions, childTallies, regionTallies } from './figures.queries.js';

type Metric = (typeof FIGURE_METRICS)[number];

/** The months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > to) return out;
    out.push(current);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

/** The period asked for: this year up to this month by default; at most 60 months. */
export function periodOf(query: FiguresQuery, today = localDate(new Date())) {
  const to = query.to ?? today.slice(0, 7);
  const from = query.from ?? `${to.slice(0, 4)}-01`;
  if (from > to || monthsBetween(from, to).length > MAX_FIGURE_MONTHS) {
    throw problemsError([{ field: query.from ? 'from' : 'to', messageKey: 'figures.period' }]);
  }
  return { from, to, months: monthsBetween(from, to) };
}

async function regionNamed(db: Db, code: string): Promise<string> {
  const name = (await regionNames(db, [code])).get(code);
  if (name === undefined) throw notFound('region');
  return name;
}

/**
 * A region's dashboard: each metric by category and month over the period, from the running
 * totals (a few hundred rows whatever the region's size).
 */
export async function figuresOf(
  db: Db,
  principal: Principal | null,
  query: FiguresQuery,
): Promise<Figures> {
  requirePermission(principal, 'figures.read', query.regionCode);
  const { from, to, months } = periodOf(query);
  const regionName = await regionNamed(db, query.regionCode);
  return cachedRead(db, `figures:${query.regionCode}:${from}:${to}`, ['tally'], async () => {
    const rows = await regionTallies(db, query.regionCode, from, to);
    const index = new Map(months.map((m, i) => [m, i]));
    const series = new Map<string, FigureSeries>();
    for (const row of rows) {
      const key = `${row.metric}|${row.category}`;
      let entry = series.get(key);
      if (!entry) {
        entry = {
          metric: row.metric as Metric,
          category: row.category,
          monthly: months.map(() => 0),
          total: 0,
          amount: 0,
        };
        series.set(key, entry);
      }
      entry.monthly[index.get(row.month) as number] = Number(row.n);
      entry.total += Number(row.n);
      entry.amount += Number(row.amount);
    }
    return {
      regionCode: query.regionCode,
      regionName,
      from,
      to,
      months,
      series: [...series.values()].sort(
        (a, b) =>
          FIGURE_METRICS.indexOf(a.metric) - FIGURE_METRICS.indexOf(b.metric) ||
          a.category.localeCompare(b.category),
      ),
    };
  });
}

function emptyRow(regionCode: string, regionName: string): FigureRow {
  return {
    regionCode,
    regionName,
    entries: 0,
    amount: 0,
    disclosed: 0,
    casesFiled: 0,
    casesClosed: 0,
    casesOverdue: 0,
  };
}

const COLUMN_OF: Record<Metric, keyof FigureRow> = {
  'ledger.entries': 'entries',
  'ledger.disclosed': 'disclosed',
  'case.filed': 'casesFiled',
  'case.closed': 'casesClosed',
  'case.overdue': 'casesOverdue',
};

/** A region's children side by side over the period (a town's villages, a county's towns). */
export async function childFiguresOf(
  db: Db,
  principal: Principal | null,
  query: FiguresQuery,
): Promise<ChildFigures> {
  requirePermission(principal, 'figures.read', query.regionCode);
  const { from, to } = periodOf(query);
  const regionName = await regionNamed(db, query.regionCode);
  return cachedRead(
    db,
    `child-figures:${query.regionCode}:${from}:${to}`,
    ['tally', 'region'],
    async () => {
      const children = await childRegions(db, query.regionCode);
      const rows = new Map(children.map((c) => [c.code, emptyRow(c.code, c.name)]));
      const total = emptyRow(query.regionCode, regionName);
      for (const t of await childTallies(db, query.regionCode, from, to)) {
        const row = rows.get(t.region_code);
        const column = COLUMN_OF[t.metric as Metric] as Exclude<
          keyof FigureRow,
          'regionCode' | 'regionName'
        >;
        if (!row || !column) continue;
        row[column] += Number(t.n);
        total[column] += Number(t.n);
        if (t.metric === 'ledger.entries') {
          row.amount += Number(t.amount);
          total.amount += Number(t.amount);
        }
      }
      return {
        regionCode: query.regionCode,
        regionName,
        from,
        to,
        rows: [...rows.values()],
        total,
      };
    },
  );
}
