import { REGION_LEVELS, regionLevel, type RegionLevel } from '../../../shared/region.js';
import type { RegionDto, UnitDto } from '../../../shared/schemas/regions.js';
import type { Db, Row } from '../../db/schema.js';
import { inScope, scopeOf, type Principal } from '../../platform/access/access.js';
import { AppError } from '../../platform/errors.js';
import {
  childRegions,
  findRegion,
  regionsInScope,
  rootRegions,
  unitsInScope,
} from './regions.queries.js';

export function toRegionDto(row: Row<'region'>): RegionDto {
  return {
    code: row.code,
    parentCode: row.parent_code,
    name: row.name,
    level: regionLevel(row.code),
    kind: row.kind,
  };
}

export function toUnitDto(row: Row<'unit'>): UnitDto {
  return { id: row.id, regionCode: row.region_code, name: row.name, kind: row.kind };
}

/**
 * The regions a user can switch to: every region in their read scope down to towns, plus
 * villages when asked for. The region tree itself is public; scope decides what is listed.
 */
export async function listMyRegions(
  db: Db,
  principal: Principal,
  withVillages: boolean,
): Promise<RegionDto[]> {
  const levels: RegionLevel[] = withVillages
    ? [...REGION_LEVELS]
    : ['province', 'city', 'county', 'town'];
  const rows = await regionsInScope(db, scopeOf(principal, 'region.read'), levels);
  return rows.map(toRegionDto);
}

/** Children of a region (or the roots); the tree of names and codes is public information. */
export async function listChildren(db: Db, parentCode: string | undefined): Promise<RegionDto[]> {
  const rows = parentCode ? await childRegions(db, parentCode) : await rootRegions(db);
  return rows.map(toRegionDto);
}

export async function getRegion(db: Db, code: string): Promise<RegionDto> {
  const row = await findRegion(db, code);
  if (!row)
    throw new AppError('NOT_FOUND', `region ${code}`, { regionCode: code }, 'region.unknown');
  return toRegionDto(row);
}

/** Units inside the caller's scope, optionally of one region. */
export async function listUnits(
  db: Db,
  principal: Principal,
  regionCode?: string,
): Promise<UnitDto[]> {
  const scope = scopeOf(principal, 'unit.read');
  if (regionCode && !inScope(scope, regionCode)) {
    throw new AppError('FORBIDDEN', 'region out of scope', { regionCode }, 'region.outOfScope');
  }
  return (await unitsInScope(db, scope, regionCode)).map(toUnitDto);
}
