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
