import { regionLevel, parentRegionCode } from '../../../shared/region.js';
import type { PublicTown, RegionDto } from '../../../shared/schemas/regions.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { childRegions, findRegion } from '../regions/regions.queries.js';
import { toRegionDto } from '../regions/regions.service.js';

export async function listTowns(db: Db): Promise<RegionDto[]> {
  const rows = await db
    .selectFrom('region')
    .selectAll()
    .where('level', '=', 'town')
    .orderBy('code')
    .execute();
  return rows.map(toRegionDto);
}

/** A town's public home: the town, its county, its villages and communities. */
export async function publicTown(db: Db, code: string): Promise<PublicTown> {
  const town = await findRegion(db, code);
  if (!town || regionLevel(code) !== 'town')
    throw new AppError('NOT_FOUND', 'town', { regionCode: code }, 'region.unknown');
  const countyCode = parentRegionCode(code);
  const county = countyCode ? await findRegion(db, countyCode) : undefined;
  return {
    town: toRegionDto(town),
    county: county ? toRegionDto(county) : null,
    villages: (await childRegions(db, code)).map(toRegionDto),
  };
}
