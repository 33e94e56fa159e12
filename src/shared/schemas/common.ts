import { z } from 'zod';
import { REGION_CODE_PATTERN } from '../region.js';

export const RegionCode = z.string().regex(REGION_CODE_PATTERN, '12 digits');
export const Mobile = z.string().regex(/^1\d{10}$/, '11 digits starting with 1');
export const Id = z.string().min(1).max(64);

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** A yes/no query parameter: `1`/`true` or `0`/`false`. */
export const QueryFlag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

export const Ok = z.object({ ok: z.literal(true) });
