import { z } from 'zod';
import { RegionCode } from './common.js';

/** A calendar month, `2026-04`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** The longest period one request may ask for. */
export const MAX_FIGURE_MONTHS = 60;

/** Region and months, `from` to `to` inclusive; by default this year up to this month. */
export const FiguresQuery = z.object({
  regionCode: RegionCode,
  from: Month.optional(),
  to: Month.optional(),
});
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const FIGURE_METRICS = [
  'ledger.entries',
  'ledger.disclosed',
  'case.filed',
  'case.closed',
  'case.overdue',
] as const;

/** One metric and category over the months of the period (`*` is every category). */
export const FigureSeries = z.object({
  metric: z.enum(FIGURE_METRICS),
  category: z.string(),
  monthly: z.array(z.number().int()),
  total: z.number().int(),
  /** Money in fen (ledger entries only; 0 otherwise). */
  amount: z.number().int(),
});
export type FigureSeries = z.infer<typeof FigureSeries>;

export const Figures = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  from: Month,
  to: Month,
  months: z.array(Month),
  series: z.array(FigureSeries),
});
export type Figures = z.infer<typeof Figures>;

/** One region's totals over the period. */
export const FigureRow = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  entries: z.number().int(),
  /** Money in fen. */
  amount: z.number().int(),
  disclosed: z.number().int(),
  casesFiled: z.number().int(),
  casesClosed: z.number().int(),
  casesOverdue: z.number().int(),
});
export type FigureRow = z.infer<typeof FigureRow>;

/** A region's children (a town's villages, a county's towns) side by side, and their sum. */
export const ChildFigures = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  from: Month,
  to: Month,
  rows: z.array(FigureRow),
  total: FigureRow,
});
export type ChildFigures = z.infer<typeof ChildFigures>;
