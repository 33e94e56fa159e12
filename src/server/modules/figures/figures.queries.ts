import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { ALL } from '../../platform/tally/tally.js';

/** Every total of one region over the months `from`..`to`. */
export function regionTallies(db: Db, regionCode: string, from: string, to: string) {
  return db
    .selectFrom('tally')
    .select(['month', 'metric', 'category', 'n', 'amount'])
    .where('region_code', '=', regionCode)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .execute();
}

/** The grand totals of each child of a region over the months, summed per child and metric. */
export function childTallies(db: Db, parentCode: string, from: string, to: string) {
  return db
    .selectFrom('tally')
    .innerJoin('region', 'region.code', 'tally.region_code')
    .select([
      'tally.region_code',
      'tally.metric',
      sql<number>`cast(sum(tally.n) as bigint)`.as('n'),
      sql<number>`cast(sum(tally.amount) as bigint)`.as('amount'),
    ])
    .where('region.parent_code', '=', parentCode)
    .where('tally.category', '=', ALL)
    .where('tally.month', '>=', from)
    .where('tally.month', '<=', to)
    .groupBy(['tally.region_code', 'tally.metric'])
    .execute();
}

/** The children of a region, in their order. */
export function childRegions(db: Db, parentCode: string) {
  return db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('parent_code', '=', parentCode)
    .orderBy('sort')
    .orderBy('code')
    .execute();
}
