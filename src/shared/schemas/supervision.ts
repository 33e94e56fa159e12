import { z } from 'zod';
import { RISK_LEVELS, SUPERVISION_CATEGORY_IDS } from '../supervision/catalogue.js';
import { Id, RegionCode } from './common.js';

/**
 * The supervision catalogue over the wire. Lengths, codes and references are checked by
 * `checkCatalogue` (shared/supervision/catalogue.ts), which names each field it refuses.
 */
const Category = z.enum(SUPERVISION_CATEGORY_IDS);
const Step = z.object({
  actor: z.object({ id: z.string(), label: z.string() }),
  action: z.string(),
  output: z.string().optional(),
  deadlineDays: z.number().int().optional(),
});
const CatalogueContent = z.object({
  categories: z.array(
    z.object({ id: Category, name: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) }),
  ),
  points: z.array(
    z.object({
      code: z.string(),
      category: Category,
      title: z.string(),
      whatToCheck: z.string(),
      basis: z.string(),
      risk: z.enum(RISK_LEVELS),
      evidence: z.array(z.string()),
      pathCode: z.string(),
    }),
  ),
  paths: z.array(z.object({ code: z.string(), title: z.string(), steps: z.array(Step) })),
  negativeList: z.array(
    z.object({
      code: z.string(),
      category: Category,
      text: z.string(),
      ruleId: z.string().optional(),
    }),
  ),
});

export const CatalogueSchema = CatalogueContent.extend({
  version: z.number().int(),
  effectiveFrom: z.string(),
});

/** A version of a town's catalogue; `standard` is the platform's, for a town with none yet. */
export const CatalogueVersionDto = z.object({
  id: z.string().nullable(),
  townCode: RegionCode,
  version: z.number().int(),
  effectiveFrom: z.string(),
  reason: z.string(),
  standard: z.boolean(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  catalogue: CatalogueSchema,
});
export type CatalogueVersionDto = z.infer<typeof CatalogueVersionDto>;

export const CatalogueQuery = z.object({
  /** A town, or a village of it. */
  regionCode: RegionCode,
  date: z.iso.date().optional(),
});

export const NewCatalogueBody = z.object({
  townCode: RegionCode,
  effectiveFrom: z.iso.date(),
  reason: z.string().trim().min(1).max(500),
  catalogue: CatalogueContent,
});
export type NewCatalogueBody = z.infer<typeof NewCatalogueBody>;

export const FlowchartQuery = z.object({
  regionCode: RegionCode,
  /** One path's code; without it, every path of the catalogue, an A4 page each. */
  path: z
    .string()
    .regex(/^[A-Z]{1,3}[0-9]{2,4}$/)
    .optional(),
  date: z.iso.date().optional(),
});

// ---------------------------------------------------------------------------------------------
// 监察工作联络站

export const LIAISON_ROLES = ['head', 'officer', 'informant'] as const;
export type LiaisonRole = (typeof LIAISON_ROLES)[number];
export const DUTY_KINDS = ['duty', 'visit', 'meeting'] as const;

const Name = z.string().trim().min(1).max(40);
const Mobile = z.string().regex(/^1\d{10}$/, 'mobile.format');

export const LiaisonMemberDto = z.object({
  id: z.string(),
  role: z.enum(LIAISON_ROLES),
  name: z.string(),
  /** Masked (138****0001) unless the reader may see personal data. */
  mobile: z.string().nullable(),
  userId: z.string().nullable(),
  active: z.boolean(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
});
export type LiaisonMemberDto = z.infer<typeof LiaisonMemberDto>;

export const LiaisonStationDto = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  name: z.string(),
  establishedOn: z.string(),
  /** Active people by role. */
  counts: z.object({
    head: z.number().int(),
    officer: z.number().int(),
    informant: z.number().int(),
  }),
  members: z.array(LiaisonMemberDto),
});
export type LiaisonStationDto = z.infer<typeof LiaisonStationDto>;

export const NewStationBody = z.object({
  regionCode: RegionCode,
  name: z.string().trim().min(1).max(60),
  establishedOn: z.iso.date(),
});

export const NewMemberBody = z.object({
  role: z.enum(LIAISON_ROLES),
  name: Name,
  mobile: Mobile.optional(),
  userId: z.string().max(40).optional(),
  joinedOn: z.iso.date(),
});

export const MemberLeavesBody = z.object({ leftOn: z.iso.date() });

export const DutyDto = z.object({
  id: z.string(),
  onDate: z.string(),
  officerName: z.string(),
  kind: z.enum(DUTY_KINDS),
  content: z.string(),
  createdAt: z.string(),
});
export type DutyDto = z.infer<typeof DutyDto>;

export const NewDutyBody = z.object({
  onDate: z.iso.date(),
  officerName: Name,
  kind: z.enum(DUTY_KINDS),
  content: z.string().trim().min(1).max(2000),
});

// ---- inspections, findings, feedback notices, clues, warnings ----

export const INSPECTION_STATUSES = ['planned', 'submitted', 'fed_back', 'done'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const ITEM_RESULTS = ['pass', 'problem', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

const Versioned = { expectedVersion: z.number().int().min(1) };
const Photos = z.array(Id).max(9).default([]);

/** Plan inspections: one per village, on a day, by named officers, against chosen points. */
export const PlanInspectionsBody = z.object({
  regionCodes: z.array(RegionCode).min(1).max(60),
  plannedOn: z.iso.date(),
  title: z.string().trim().min(2).max(80),
  officers: z.array(Name).min(1).max(10),
  /** Codes of the catalogue's points; all of them when absent. */
  pointCodes: z.array(z.string().max(20)).min(1).max(200).optional(),
});

export const InspectionItemDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  pointCode: z.string(),
  category: Category,
  title: z.string(),
  whatToCheck: z.string(),
  basis: z.string(),
  risk: z.enum(RISK_LEVELS),
  evidence: z.array(z.string()),
  result: z.enum(ITEM_RESULTS).nullable(),
  note: z.string().nullable(),
  photos: z.array(z.string()),
  rectifyDays: z.number().int().nullable(),
  findingId: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
});
export type InspectionItemDto = z.infer<typeof InspectionItemDto>;

export const InspectionSummaryDto = z.object({
  id: z.string(),
  batch: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  title: z.string(),
  catalogueVersion: z.number().int(),
  plannedOn: z.string(),
  officers: z.array(z.string()),
  status: z.enum(INSPECTION_STATUSES),
  signedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  noticeId: z.string().nullable(),
  docNo: z.string().nullable(),
  total: z.number().int(),
  answered: z.number().int(),
  problems: z.number().int(),
  version: z.number().int(),
});
export type InspectionSummaryDto = z.infer<typeof InspectionSummaryDto>;

export const InspectionDto = InspectionSummaryDto.extend({ items: z.array(InspectionItemDto) });
export type InspectionDto = z.infer<typeof InspectionDto>;

export const InspectionListQuery = z.object({
  regionCode: RegionCode,
  status: z.enum(INSPECTION_STATUSES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

/** One point answered on the phone; a problem needs a note and gets a rectification limit. */
export const AnswerItemBody = z.object({
  result: z.enum(ITEM_RESULTS),
  note: z.string().trim().max(2000).optional(),
  photos: Photos,
  /** Working days to rectify a problem; by the point's risk when absent (5, 10 or 15). */
  rectifyDays: z.number().int().min(1).max(90).optional(),
});

export const SubmitInspectionBody = z.object({ ...Versioned, signedBy: Name });
export const FeedbackBody = z.object({ ...Versioned, issuedOn: z.iso.date().optional() });

export const FeedbackNoticeDto = z.object({
  id: z.string(),
  docNo: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  inspectionId: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  findings: z.number().int(),
});
export type FeedbackNoticeDto = z.infer<typeof FeedbackNoticeDto>;

export const FINDING_STATES = ['open', 'overdue', 'closed'] as const;

export const FindingDto = z.object({
  id: z.string(),
  code: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  category: Category,
  pointCode: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.string(),
  unitName: z.string().nullable(),
  foundOn: z.string(),
  rectifyDays: z.number().int(),
  docNo: z.string().nullable(),
  fedBackAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  rectifiedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  overdue: z.boolean(),
  evidence: z.array(z.string()),
  inspectionId: z.string(),
  version: z.number().int(),
});
export type FindingDto = z.infer<typeof FindingDto>;

export const FindingListQuery = z.object({
  regionCode: RegionCode,
  state: z.enum(FINDING_STATES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

/** The village's rectification: what was done, with evidence (images or PDF). */
export const RectifyBody = z.object({
  ...Versioned,
  text: z.string().trim().min(2).max(2000),
  evidence: z.array(Id).min(1, 'finding.evidenceRequired').max(9),
});

/** An informant's clue (问题线索), from a phone, in under a minute. */
export const NewClueBody = z.object({
  regionCode: RegionCode,
  category: Category,
  description: z.string().trim().min(5, 'clue.tooShort').max(2000),
  photos: Photos,
});

export const WarningDto = z.object({
  id: z.string(),
  code: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  rule: z.string(),
  ruleTitle: z.string(),
  severity: z.enum(['red', 'yellow']),
  entryIds: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
  threshold: z.record(z.string(), z.unknown()),
  status: z.string(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
});
export type WarningDto = z.infer<typeof WarningDto>;
