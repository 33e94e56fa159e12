import type { Db, Row } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';
import { cachedRead } from '../../platform/cache/read-cache.js';

/** A region by code, kept in the read cache (every filing and every imported row asks). */
export function findRegion(db: Db, code: string): Promise<Row<'region'> | undefined> {
  return cachedRead(db, `region:${code}`, ['region'], () =>
    db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst(),
  );
}

/** Names of regions by code, from an in-memory copy of the tree (reloaded after region writes). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const names = await cachedRead(db, 'region-names', ['region'], async () => {
    const rows = await db.selectFrom('region').select(['code', 'name']).execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  });
  return new Map(codes.filter((c) => names.has(c)).map((c) => [c, names.get(c) as string]));
}

export function childRegions(db: Db, parentCode: string): Promise<Row<'region'>[]> {
  return db
    .selectFrom('region')
    .selectAll()
    .where('parent_code', '=', parentCode)
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

export function rootRegions(db: Db): Promise<Row<'region'>[]> {
  return db
    .selectFrom('region')
    .selectAll()
    .where('parent_code', 'is', null)
    .orderBy('code')
    .execute();
}

/** Regions inside the scope, shallowest first (a switcher's list). */
export function regionsInScope(
  db: Db,
  scope: Scope,
  levels: readonly string[],
): Promise<Row<'region'>[]> {
  return db
    .selectFrom('region')
    .selectAll()
    .where(regionInScope('code', scope))
    .where('level', 'in', [...levels])
    .orderBy('code')
    .limit(2000)
    .execute();
}

export function unitsInScope(db: Db, scope: Scope, regionCode?: string): Promise<Row<'unit'>[]> {
  let query = db.selectFrom('unit').selectAll().where(regionInScope('region_code', scope));
  if (regionCode) query = query.where('region_code', '=', regionCode);
  return query.orderBy('region_code').orderBy('name').limit(2000).execute();
}
