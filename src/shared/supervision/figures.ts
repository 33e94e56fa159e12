/**
 * The figures of 六小一督 supervision for a town or a village over a period of local dates
 * (what the statistics page and the monthly brief report), as zod schemas shared by the
 * server, its OpenAPI and the web page.
 *
 * Definitions (the service computes them; see figures.service.ts):
 * - entries: active ledger entries of every kind (村级工程、采购、劳务用工、资金、资产资源) whose
 *   record date (`occurred_on`) falls in the period, as the ledger dashboard counts them;
 * - inspections: inspections signed and submitted in the period;
 * - findings: problems found (`found_on`, the inspection's day) in the period, by category;
 * - their state "as of" the end of the period (now, for a period not yet over): fed back,
 *   rectified (closed out, 销号), rectified on time (closed out, the rectification in by its
 *   deadline), rectified late, still open, and overdue (still open past the deadline);
 * - warnings raised in the period, and of those, cleared by the end of it.
 */
import { z } from 'zod';
import { RegionCode } from '../schemas/common.js';
import { SUPERVISION_CATEGORY_IDS, type SupervisionCategoryId } from './catalogue.js';

/** A real local date (2026-02-30 is refused), with the message naming the field. */
const LocalDate = z.iso.date({ message: 'date.invalid' });

export const SupervisionFiguresQuery = z.object({
  /** A town (its villages side by side) or one village. */
  regionCode: RegionCode,
  /** First day of the period; 1 January of `to`'s year when absent. */
  from: LocalDate.optional(),
  /** Last day of the period; today when absent. */
  to: LocalDate.optional(),
});
export type SupervisionFiguresQuery = z.infer<typeof SupervisionFiguresQuery>;

export const BriefQuery = SupervisionFiguresQuery.extend({
  format: z.enum(['pdf', 'docx']).default('pdf'),
  /** The issue number (第N期), printed under the issuer when given. */
  issue: z.coerce.number().int().min(1).max(999).optional(),
});

const Count = z.number().int().min(0);

export const FindingsByCategory = z.object(
  Object.fromEntries(SUPERVISION_CATEGORY_IDS.map((id) => [id, Count])) as Record<
    SupervisionCategoryId,
    typeof Count
  >,
);
export type FindingsByCategory = z.infer<typeof FindingsByCategory>;

export const SupervisionFigureRow = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  /** 录入数据: ledger entries recorded in the period (all kinds). */
  entries: Count,
  /** 开展监督检查: inspections submitted in the period. */
  inspections: Count,
  /** 发现问题: findings of the period. */
  findings: Count,
  byCategory: FindingsByCategory,
  /** 已反馈: sent to the village with a feedback notice. */
  fedBack: Count,
  /** 整改到位: rectified and closed out (销号). */
  rectified: Count,
  /** 按期整改: closed out, the rectification in by the deadline. */
  rectifiedOnTime: Count,
  /** Closed out, the rectification in after the deadline. */
  rectifiedLate: Count,
  /** 正在整改: not closed out yet (including those not fed back). */
  open: Count,
  /** 逾期: not closed out and past the rectification deadline. */
  overdue: Count,
  /** 系统预警: warnings the rules raised in the period. */
  warningsRaised: Count,
  /** 已消除: of those, cleared. */
  warningsCleared: Count,
});
export type SupervisionFigureRow = z.infer<typeof SupervisionFigureRow>;

export const SupervisionFigures = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  regionLevel: z.enum(['town', 'village']),
  /** For a village: village or community (社区); null for a town. */
  regionKind: z.enum(['village', 'community']).nullable(),
  /** The town's name (the region's own for a town). */
  townName: z.string(),
  from: z.string(),
  to: z.string(),
  /** The instant the states are read at: the end of the period, or now if it is not over. */
  asOf: z.string(),
  /** One row per village of the town (the village itself when one was asked for). */
  rows: z.array(SupervisionFigureRow),
  total: SupervisionFigureRow,
});
export type SupervisionFigures = z.infer<typeof SupervisionFigures>;

/** A row of zeros. */
export function emptyFigureRow(regionCode: string, regionName: string): SupervisionFigureRow {
  return {
    regionCode,
    regionName,
    entries: 0,
    inspections: 0,
    findings: 0,
    byCategory: Object.fromEntries(
      SUPERVISION_CATEGORY_IDS.map((id) => [id, 0]),
    ) as FindingsByCategory,
    fedBack: 0,
    rectified: 0,
    rectifiedOnTime: 0,
    rectifiedLate: 0,
    open: 0,
    overdue: 0,
    warningsRaised: 0,
    warningsCleared: 0,
  };
}

/** The short names of the six categories (六小) as the brief and the tables print them. */
export const CATEGORY_SHORT_NAMES: Record<
  SupervisionCategoryId,
  { 'zh-CN': string; 'en-US': string }
> = {
  decision: { 'zh-CN': '小决策', 'en-US': 'Decisions' },
  power: { 'zh-CN': '小权力', 'en-US': 'Powers' },
  fund: { 'zh-CN': '小资金', 'en-US': 'Funds' },
  project: { 'zh-CN': '小项目', 'en-US': 'Projects' },
  duty: { 'zh-CN': '小职责', 'en-US': 'Duties' },
  service: { 'zh-CN': '小服务', 'en-US': 'Services' },
};
