import { z } from 'zod';
import { RISK_LEVELS, SUPERVISION_CATEGORY_IDS } from '../supervision/catalogue.js';
import { RegionCode } from './common.js';

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
