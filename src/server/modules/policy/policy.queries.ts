import type { Db, Row } from '../../db/schema.js';

export function policyVersions(db: Db, countyCode: string): Promise<Row<'county_policy'>[]> {
  return db
    .selectFrom('county_policy')
    .selectAll()
    .where('region_code', '=', countyCode)
    .orderBy('effective_from', 'desc')
    .execute();
}

/** The version in force on `date` (YYYY-MM-DD): the latest that took effect on or before it. */
export function versionInForce(
  db: Db,
  countyCode: string,
  date: string,
): Promise<Row<'county_policy'> | undefined> {
  return db
    .selectFrom('county_policy')
    .selectAll()
    .where('region_code', '=', countyCode)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}
