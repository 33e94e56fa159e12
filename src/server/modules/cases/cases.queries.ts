import { sql, type SqlBool } from 'kysely';
import { CASE_TYPES } from '../../../shared/case-machine.js';
import type { CaseListQuery } from '../../../shared/schemas/cases.js';
import { regionPrefix } from '../../../shared/region.js';
import { containsText } from '../../db/dialect.js';
import type { Db, Row } from '../../db/schema.js';
import { inRegion, regionInScope, type Scope } from '../../platform/access/access.js';

export function findCase(db: Db, id: string): Promise<Row<'cases'> | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCaseByCode(db: Db, code: string): Promise<Row<'cases'> | undefined> {
  return db.selectFrom('cases').selectAll().where('code', '=', code).executeTakeFirst();
}

export function caseEvents(db: Db, caseId: string): Promise<Row<'case_event'>[]> {
  return db
    .selectFrom('case_event')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

export function unitsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Pick<Row<'unit'>, 'id' | 'name' | 'kind' | 'region_code'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'kind', 'region_code'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Ids of the cases a unit co-handles (the `cases_co_handled` partial index). */
function coHandledBy(db: Db, unitId: string) {
  return db
    .selectFrom('cases')
    .select('id')
    .where('co_unit_ids', '!=', '[]')
    .where(containsText('co_unit_ids', `"${unitId}"`));
}

/**
 * Cases the caller may see: inside the region scope of case.read, or held or co-handled by
 * the caller's unit. Open and overdue first, then the nearest deadline, then the newest.
 */
function visible(
  db: Db,
  scope: Scope,
  unitId: string | null,
  query: Omit<CaseListQuery, 'page' | 'pageSize'>,
) {
  let base = db.selectFrom('cases').where((eb) => {
    // By region, residents' cases; findings, clues and warnings only to the unit holding them
    // (the supervision pages list them for those who supervise).
    const ors = [
      eb.and([regionInScope('cases.region_code', scope)(eb), eb('type', 'in', CASE_TYPES)]),
    ];
    if (unitId) {
      ors.push(eb('unit_id', '=', unitId));
      // Each branch of the OR reads its own index: co-handled cases through the partial
      // index of cases that have co-handlers at all (few), never a scan of every case.
      ors.push(eb('id', 'in', coHandledBy(db, unitId)));
    }
    return eb.or(ors);
  });
  if (query.regionCode) base = base.where(inRegion('cases.region_code', query.regionCode));
  if (query.mine) {
    base = unitId
      ? base.where((eb) =>
          eb.or([eb('unit_id', '=', unitId), eb('id', 'in', coHandledBy(db, unitId))]),
        )
      : base.where(sql<SqlBool>`1 = 0`);
  }
  if (query.unitId) base = base.where('unit_id', '=', query.unitId);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.type) base = base.where('type', '=', query.type);
  if (query.open) base = base.where('status', '!=', 'closed');
  if (query.overdue) base = base.where('overdue', '>', 0).where('status', '!=', 'closed');
  if (query.q) base = base.where(containsText('search_text', query.q));
  return base;
}

export async function listCases(
  db: Db,
  scope: Scope,
  unitId: string | null,
  query: CaseListQuery,
  limit = query.pageSize,
): Promise<{ rows: Row<'cases'>[]; total: number }> {
  const base = visible(db, scope, unitId, query);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(sql`case when status = 'closed' then 1 else 0 end`)
      .orderBy('overdue', 'desc')
      .orderBy(sql`coalesce(handle_due_at, '9999')`)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .offset((query.page - 1) * query.pageSize)
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The most specific row for a region, type and category: the longest region prefix wins. */
export async function mostSpecific<T extends 'case_deadline' | 'case_route'>(
  db: Db,
  table: T,
  regionCode: string,
  caseType: string,
  category: string,
): Promise<Row<T> | undefined> {
  const ancestors = [
    regionCode,
    regionCode.slice(0, 9).padEnd(12, '0'),
    regionCode.slice(0, 6).padEnd(12, '0'),
  ];
  const rows = (await db
    .selectFrom(table as 'case_deadline')
    .selectAll()
    .where('region_code', 'in', ancestors)
    .where('case_type', '=', caseType)
    .where('category', 'in', [category, ''])
    .execute()) as unknown as Row<T>[];
  const rank = (r: Row<T>) => {
    const { region_code, category: rowCategory } = r as unknown as Row<'case_deadline'>;
    return ancestors.indexOf(region_code) * 2 + (rowCategory === category ? 0 : 1);
  };
  return rows.sort((a, b) => rank(a) - rank(b))[0];
}

export function rowsUnder<T extends 'case_deadline' | 'case_route'>(
  db: Db,
  table: T,
  regionCode: string,
): Promise<Row<T>[]> {
  const prefix = regionPrefix(regionCode);
  const county = regionCode.slice(0, 6).padEnd(12, '0');
  const town = regionCode.slice(0, 9).padEnd(12, '0');
  return db
    .selectFrom(table as 'case_deadline')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('region_code', '>=', prefix), eb('region_code', '<', prefix + ':')]),
        eb('region_code', 'in', [county, town]),
      ]),
    )
    .orderBy('region_code')
    .orderBy('case_type')
    .orderBy('category')
    .execute() as unknown as Promise<Row<T>[]>;
}

/** Open cases whose sign-for or handling limit has passed and that were not yet flagged. */
export function casesPastDue(db: Db, now: string): Promise<Row<'cases'>[]> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'dispatched'),
          eb('sign_due_at', '<', now),
          eb('overdue', '<', 1),
        ]),
        eb.and([
          eb('status', 'in', ['dispatched', 'signed', 'in_progress']),
          eb('handle_due_at', '<', now),
          eb('overdue', '<', 2),
        ]),
      ]),
    )
    .orderBy('handle_due_at')
    .limit(1000)
    .execute();
}

/** How many cases a mobile number filed since `since` (the abuse limit). */
export async function casesFromMobile(db: Db, mobile: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reporter_mobile', '=', mobile)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function townOffice(db: Db, townCode: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', townCode)
    .where('kind', '=', 'town_office')
    .executeTakeFirst();
}

export function disciplineOffice(db: Db, townCode: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', townCode)
    .where('kind', '=', 'discipline_office')
    .executeTakeFirst();
}

export function notificationsOf(db: Db, unitId: string, limit: number) {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
