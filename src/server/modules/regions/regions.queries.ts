import type { Db, Row } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';
import { onAuditedWrite } from '../../platform/audit/audit.js';

export function findRegion(db: Db, code: string): Promise<Row<'region'> | undefined> {
  return db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
}

const nameCaches = new WeakMap<object, Promise<Map<string, string>>>();

/** Names of regions by code, from an in-memory copy of the tree (dropped on any region write). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const key = db.getExecutor().adapter;
  let all = nameCaches.get(key);
  if (!all) {
    all = db
      .selectFrom('region')
      .select(['code', 'name'])
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.code, r.name])));
    nameCaches.set(key, all);
    void all.catch(() => nameCaches.delete(key));
  }
  const names = await all;
  return new Map(codes.filter((c) => names.has(c)).map((c) => [c, names.get(c) as string]));
}

onAuditedWrite('region', (db) => nameCaches.delete(db.getExecutor().adapter));

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
