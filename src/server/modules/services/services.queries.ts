import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import { regionLevel, regionPrefix } from '../../../shared/region.js';
import { containsText } from '../../db/dialect.js';
import type { Db, Row } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';

/** The town of a town or village code. */
export const townOf = (code: string): string => code.slice(0, 9).padEnd(12, '0');

/** Rows whose region column lies under `regionCode` (one index range). */
function under(column: string, regionCode: string) {
  const prefix = regionPrefix(regionCode);
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> =>
    eb.and([eb(sql.ref(column), '>=', prefix), eb(sql.ref(column), '<', prefix + ':')]);
}

export function findPoint(db: Db, unitId: string): Promise<Row<'service_point'> | undefined> {
  return db
    .selectFrom('service_point')
    .selectAll()
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export function findUnit(db: Db, id: string): Promise<Row<'unit'> | undefined> {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export type PointWithUnit = Row<'service_point'> & { name: string };

/** Registered points under a region, inside the caller's scope. */
export function listPoints(
  db: Db,
  scope: Scope,
  regionCode: string,
  kind?: string,
): Promise<PointWithUnit[]> {
  let query = db
    .selectFrom('service_point')
    .innerJoin('unit', 'unit.id', 'service_point.unit_id')
    .selectAll('service_point')
    .select('unit.name')
    .where(regionInScope('service_point.region_code', scope))
    .where(under('service_point.region_code', regionCode));
  if (kind) query = query.where('service_point.kind', '=', kind);
  return query.orderBy('service_point.region_code').orderBy('unit.name').limit(500).execute();
}

/** Every registered point of a town (the public list picks those serving a village). */
export function pointsOfTown(db: Db, townCode: string): Promise<PointWithUnit[]> {
  return db
    .selectFrom('service_point')
    .innerJoin('unit', 'unit.id', 'service_point.unit_id')
    .selectAll('service_point')
    .select('unit.name')
    .where(under('service_point.region_code', townCode))
    .where('unit.status', '=', 'active')
    .orderBy('service_point.region_code')
    .orderBy('unit.name')
    .execute();
}

export function dutyShifts(
  db: Db,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<Row<'duty_shift'>[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duty_shift')
    .selectAll()
    .where('unit_id', 'in', [...unitIds])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('half')
    .orderBy('person_name')
    .execute();
}

export function findShift(db: Db, id: string): Promise<Row<'duty_shift'> | undefined> {
  return db.selectFrom('duty_shift').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The shift a person already has in the town at that date and half-day, if any. */
export function bookedShift(
  db: Db,
  townCode: string,
  personName: string,
  date: string,
  half: string,
): Promise<Pick<Row<'duty_shift'>, 'id'> | undefined> {
  return db
    .selectFrom('duty_shift')
    .select('id')
    .where('town_code', '=', townCode)
    .where('person_name', '=', personName)
    .where('date', '=', date)
    .where('half', '=', half)
    .executeTakeFirst();
}

export function serviceLogs(
  db: Db,
  unitId: string,
  from: string,
  to: string,
): Promise<Row<'service_log'>[]> {
  return db
    .selectFrom('service_log')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
}

export function unitAreasOf(db: Db, unitId: string): Promise<Row<'unit_area'>[]> {
  return db.selectFrom('unit_area').selectAll().where('unit_id', '=', unitId).execute();
}

/** The alliances a unit belongs to. */
export function alliancesOfUnit(db: Db, unitId: string): Promise<Row<'alliance'>[]> {
  return db
    .selectFrom('alliance_member')
    .innerJoin('alliance', 'alliance.id', 'alliance_member.alliance_id')
    .selectAll('alliance')
    .where('alliance_member.unit_id', '=', unitId)
    .execute();
}

export function findAlliance(db: Db, id: string): Promise<Row<'alliance'> | undefined> {
  return db.selectFrom('alliance').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Alliances of the towns under or above `regionCode` that the caller may read: the town is in
 * scope, or — for a caller whose scope is a village — the alliance covers that village or its
 * whole town.
 */
export function listAlliances(
  db: Db,
  scope: Scope,
  regionCode: string,
): Promise<Row<'alliance'>[]> {
  const level = regionLevel(regionCode);
  const villageRoots = scope.roots.filter((root) => regionLevel(root) === 'village');
  return db
    .selectFrom('alliance')
    .selectAll()
    .where((eb) =>
      level === 'village'
        ? eb('region_code', '=', townOf(regionCode))
        : under('alliance.region_code', regionCode)(eb),
    )
    .where((eb) =>
      eb.or([
        regionInScope('alliance.region_code', scope)(eb),
        ...villageRoots.flatMap((root) => [
          containsText('area_codes', `"${root}"`),
          containsText('area_codes', `"${townOf(root)}"`),
        ]),
      ]),
    )
    .orderBy('region_code')
    .orderBy('name')
    .limit(500)
    .execute();
}

export function membersOf(
  db: Db,
  allianceId: string,
): Promise<(Row<'alliance_member'> & { name: string; kind: string })[]> {
  return db
    .selectFrom('alliance_member')
    .innerJoin('unit', 'unit.id', 'alliance_member.unit_id')
    .selectAll('alliance_member')
    .select(['unit.name', 'unit.kind'])
    .where('alliance_member.alliance_id', '=', allianceId)
    .orderBy('alliance_member.joined_at')
    .orderBy('unit.name')
    .execute();
}

export function findMember(
  db: Db,
  allianceId: string,
  unitId: string,
): Promise<Row<'alliance_member'> | undefined> {
  return db
    .selectFrom('alliance_member')
    .selectAll()
    .where('alliance_id', '=', allianceId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export function findStall(db: Db, id: string): Promise<Row<'stall'> | undefined> {
  return db.selectFrom('stall').selectAll().where('id', '=', id).executeTakeFirst();
}

export function stallByNumber(
  db: Db,
  allianceId: string,
  stallNo: string,
): Promise<Pick<Row<'stall'>, 'id'> | undefined> {
  return db
    .selectFrom('stall')
    .select('id')
    .where('alliance_id', '=', allianceId)
    .where('stall_no', '=', stallNo)
    .executeTakeFirst();
}

export function stallsOf(db: Db, allianceId: string): Promise<Row<'stall'>[]> {
  return db
    .selectFrom('stall')
    .selectAll()
    .where('alliance_id', '=', allianceId)
    .orderBy('stall_no')
    .execute();
}

/**
 * Active stalls whose licence expires between `today` and `until` (inclusive) and whose
 * members were not yet warned about that expiry date.
 */
export function stallsToWarn(db: Db, today: string, until: string): Promise<Row<'stall'>[]> {
  return db
    .selectFrom('stall')
    .selectAll()
    .where('status', '=', 'active')
    .where('licence_valid_until', '>=', today)
    .where('licence_valid_until', '<=', until)
    .where((eb) =>
      eb.or([eb('warned_for', 'is', null), eb('warned_for', '!=', eb.ref('licence_valid_until'))]),
    )
    .orderBy('licence_valid_until')
    .orderBy('id')
    .limit(5000)
    .execute();
}

/** Active stalls, and of them those expiring by `until` and those already expired before `today`. */
export async function stallCounts(db: Db, allianceId: string, today: string, until: string) {
  const row = await db
    .selectFrom('stall')
    .select((eb) => [
      eb.fn.countAll<number>().as('active'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb('licence_valid_until', '>=', today),
                eb('licence_valid_until', '<=', until),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('expiring'),
      eb.fn
        .sum<number>(eb.case().when('licence_valid_until', '<', today).then(1).else(0).end())
        .as('expired'),
    ])
    .where('alliance_id', '=', allianceId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return {
    active: Number(row.active),
    expiring: Number(row.expiring ?? 0),
    expired: Number(row.expired ?? 0),
  };
}

/** Cases of `types` in the area (union of subtrees), inside the caller's scope. */
function casesInArea(db: Db, scope: Scope, areaCodes: readonly string[], types: readonly string[]) {
  return db
    .selectFrom('cases')
    .where(regionInScope('cases.region_code', scope))
    .where((eb) => eb.or(areaCodes.map((code) => under('cases.region_code', code)(eb))))
    .where('cases.type', 'in', [...types]);
}

export async function caseFigures(
  db: Db,
  scope: Scope,
  areaCodes: readonly string[],
  types: readonly string[],
  memberIds: readonly string[],
) {
  const base = casesInArea(db, scope, areaCodes, types);
  const byStatus = await base
    .select(['cases.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('cases.status')
    .execute();
  const totals = await base
    .select((eb) => [
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb('cases.status', '=', 'closed'),
                eb('cases.closed_at', '<=', eb.ref('cases.handle_due_at')),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('closedOnTime'),
      eb.fn.avg<number>('cases.rating').as('averageRating'),
    ])
    .executeTakeFirstOrThrow();
  const taken =
    memberIds.length === 0
      ? { n: 0 }
      : await base
          .where('cases.unit_id', 'in', [...memberIds])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('case_event')
                .select('case_event.id')
                .whereRef('case_event.case_id', '=', 'cases.id')
                .where('case_event.action', '=', 'take'),
            ),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
  return {
    byStatus: byStatus.map((r) => ({ status: r.status, n: Number(r.n) })),
    closedOnTime: Number(totals.closedOnTime ?? 0),
    averageRating: totals.averageRating === null ? null : Number(totals.averageRating),
    takenByMembers: Number(taken.n),
  };
}
