import { z } from 'zod';
import { pageOf, PageQuery, RegionCode } from './common.js';
import { FieldChange, LEDGER_KINDS } from './ledger.js';

/**
 * Disclosure (公开): what a county requires to be published and how often, and the
 * snapshots that the public site shows — never the live rows.
 */
export const DISCLOSURE_SUBJECTS = [...LEDGER_KINDS, 'decision'] as const;
export type DisclosureSubject = (typeof DISCLOSURE_SUBJECTS)[number];
export const CADENCES = ['immediate', 'monthly', 'quarterly', 'perStage'] as const;
export type Cadence = (typeof CADENCES)[number];

export const CatalogueItem = z.object({
  subject: z.enum(DISCLOSURE_SUBJECTS),
  title: z.string().trim().min(2).max(100),
  cadence: z.enum(CADENCES),
  /** For immediate and per-stage items: working days allowed after the event. */
  withinWorkingDays: z.number().int().min(0).max(30),
  /** Who discloses, e.g. 村务监督委员会. */
  discloser: z.string().trim().min(2).max(100),
  basis: z.string().trim().max(200).default(''),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;

export const CatalogueDto = z.object({
  countyCode: RegionCode,
  /** False while the county uses the platform's default catalogue. */
  custom: z.boolean(),
  items: z.array(CatalogueItem),
  updatedAt: z.string().nullable(),
});
export type CatalogueDto = z.infer<typeof CatalogueDto>;
export const PutCatalogueBody = z.object({
  countyCode: RegionCode,
  items: z.array(CatalogueItem).min(1).max(50),
});

/** One published snapshot as the public sees it. */
export const PublicEntrySummary = z.object({
  id: z.string(),
  subjectType: z.enum(['ledger', 'decision']),
  subjectId: z.string(),
  kind: z.enum(DISCLOSURE_SUBJECTS),
  regionCode: RegionCode,
  regionName: z.string(),
  title: z.string(),
  amount: z.number().int(),
  period: z.string(),
  occurredOn: z.string(),
  stage: z.string(),
  voided: z.boolean(),
  version: z.number().int(),
  publishedAt: z.string(),
});
export type PublicEntrySummary = z.infer<typeof PublicEntrySummary>;

export const PublicEntryPage = pageOf(PublicEntrySummary).extend({
  /** A search counts its matches up to a cap: true when there are more than `total`. */
  more: z.boolean(),
});
export const PublicEntryQuery = PageQuery.extend({
  /** A town or a village. */
  regionCode: RegionCode,
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period.format')
    .optional(),
  kind: z.enum(DISCLOSURE_SUBJECTS).optional(),
  q: z.string().trim().max(50).optional(),
});

export const PublicHistoryItem = z.object({
  id: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  reason: z.string().nullable(),
  changes: z.array(FieldChange),
});

export const PublicEntryDetail = PublicEntrySummary.extend({
  /** The redacted snapshot: title, amount, dates, stages, payments, decision and meetings. */
  snapshot: z.record(z.string(), z.unknown()),
  history: z.array(PublicHistoryItem),
});
export type PublicEntryDetail = z.infer<typeof PublicEntryDetail>;

export const PublicPeriod = z.object({ period: z.string(), count: z.number().int() });
export const PublicVillage = z.object({
  regionCode: RegionCode,
  name: z.string(),
  townCode: RegionCode,
  townName: z.string(),
  periods: z.array(PublicPeriod),
  /** Share of disclosures due so far that were published on time; null when none were due. */
  onTimeRate: z.number().nullable(),
});

/** Where a snapshot sits in the audit chain, with the proof a browser can check. */
export const ChainPlace = z.object({
  seq: z.number().int(),
  event: z.object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    regionCode: z.string().nullable(),
    data: z.string(),
    ip: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  }),
  algorithm: z.string(),
  /** The latest checkpoint that includes the event, with the inclusion proof; null until one. */
  checkpoint: z
    .object({
      size: z.number().int(),
      root: z.string(),
      at: z.string(),
      keyId: z.string(),
      signature: z.string(),
      proof: z.array(z.string()),
    })
    .nullable(),
});
export type ChainPlace = z.infer<typeof ChainPlace>;

/** A village's disclosure record for staff: overdue items and the on-time rate. */
export const DisclosureStatusQuery = z.object({
  regionCode: RegionCode,
  /** YYYY-MM..YYYY-MM inclusive: the due dates counted; default: the current year so far. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const VillageDisclosureStatus = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  due: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  onTimeRate: z.number().nullable(),
});
export const DisclosureStatus = z.object({
  villages: z.array(VillageDisclosureStatus),
  overdue: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(LEDGER_KINDS),
      regionCode: RegionCode,
      regionName: z.string(),
      title: z.string(),
      amount: z.number().int(),
      dueOn: z.string(),
      /** Working days past due. */
      daysLate: z.number().int(),
    }),
  ),
});
export type DisclosureStatus = z.infer<typeof DisclosureStatus>;
