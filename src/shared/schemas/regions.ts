import { z } from 'zod';
import { REGION_LEVELS } from '../region.js';
import { RegionCode } from './common.js';

export const RegionDto = z.object({
  code: RegionCode,
  parentCode: RegionCode.nullable(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.string().nullable(),
});
export type RegionDto = z.infer<typeof RegionDto>;

export const UnitDto = z.object({
  id: z.string(),
  regionCode: RegionCode,
  name: z.string(),
  kind: z.string(),
});
export type UnitDto = z.infer<typeof UnitDto>;

export const RegionChildrenQuery = z.object({ parent: RegionCode.optional() });

export const PublicTown = z.object({
  town: RegionDto,
  county: RegionDto.nullable(),
  villages: z.array(RegionDto),
});
export type PublicTown = z.infer<typeof PublicTown>;
