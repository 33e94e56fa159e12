import { localDate } from '../../../shared/calendar.js';
import { CASE_TYPES, type CaseType } from '../../../shared/case-machine.js';
import { regionLevel } from '../../../shared/region.js';
import {
  DEFAULT_POINT_CASE_TYPES,
  LEGAL_CASE_TYPES,
  STANDARD_ITEMS,
  type DutyHalf,
  type DutyShiftDto,
  type HostType,
  type NewDutyShiftBody,
  type NewServiceLogBody,
  type NewServicePointBody,
  type PatchServicePointBody,
  type PublicServicePoint,
  type ServicePointDto,
  type ServicePointKind,
  type Standard,
  type StandardStatus,
} from '../../../shared/schemas/services.js';
import type { Db, Row, Trx } from '../../db/schema.js';
import { can, requirePermission, scopeOf, type Principal } from '../../platform/access/access.js';
import {
  deleteAudited,
  insertAudited,
  transact,
  updateAudited,
  type Actor,
} from '../../platform/audit/audit.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import {
  alliancesOfUnit,
  bookedShift,
  dutyShifts,
  findPoint,
  findShift,
  findUnit,
  listPoints,
  pointsOfTown,
  serviceLogs,
  townOf,
  unitAreasOf,
  type PointWithUnit,
} from './services.queries.js';
import { newId } from '../../platform/ids.js';

/**
 * Service points (党群微家) and legal studios (银采法官): a registry over units of kind
 * service_point / legal_studio, their "六有" standard, duty roster (值班) and service log. The
 * area a point serves and the case types it takes are written into `unit_area`, where the case
 * engine finds who may take (接单) a new case and whom to notify.
 */

/** Days of duty the public list shows: today and the next seven. */
export const PUBLIC_DUTY_DAYS = 7;

export const parseList = <T = string>(json: string): T[] => JSON.parse(json) as T[];

/** Case types in their canonical order, each once. */
export function sortTypes(types: readonly string[]): CaseType[] {
  return CASE_TYPES.filter((t) => types.includes(t));
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Check that every code of an area is the town or one of its villages, and that the caller may
 * configure it. `field` names the input.
 */
export async function checkArea(
  db: Db,
  principal: Principal,
  townCode: string,
  codes: readonly string[],
  field = 'areaCodes',
): Promise<string[]> {
  for (const [i, code] of codes.entries()) {
    const inTown =
      code === townCode || (regionLevel(code) === 'village' && townOf(code) === townCode);
    if (!inTown || !(await findRegion(db, code)))
      throw fieldError(
        `${field}.${i}`,
        'the town or one of its villages',
        'services.areaOutsideTown',
      );
    requirePermission(principal, 'case.config', code);
  }
  return [...new Set(codes)].sort();
}

/**
 * Recompute the areas a unit serves (`unit_area`) from its sources: its own registration as a
 * point and every alliance it belongs to. Types taken for the same region are merged; rows no
 * source needs any more are removed. Runs in the caller's transaction.
 */
export async function syncUnitArea(trx: Trx, actor: Actor, unitId: string, at: Date) {
  const wanted = new Map<string, Set<string>>();
  const want = (areaJson: string, typesJson: string) => {
    for (const code of parseList(areaJson)) {
      const set = wanted.get(code) ?? new Set<string>();
      for (const t of parseList(typesJson)) set.add(t);
      wanted.set(code, set);
    }
  };
  const point = await findPoint(trx, unitId);
  if (point) want(point.area_codes, point.case_types);
  for (const alliance of await alliancesOfUnit(trx, unitId))
    want(alliance.area_codes, alliance.case_types);
  const existing = await unitAreasOf(trx, unitId);
  for (const row of existing) {
    const types = wanted.get(row.region_code);
    if (!types) {
      await deleteAudited(trx, actor, 'unit_area', row.id, 'unit_area.remove');
      continue;
    }
    const json = JSON.stringify(sortTypes([...types]));
    if (json !== row.case_types)
      await updateAudited(trx, actor, 'unit_area', row.id, { case_types: json });
  }
  const have = new Set(existing.map((r) => r.region_code));
  for (const [code, types] of wanted) {
    if (have.has(code)) continue;
    await insertAudited(trx, actor, 'unit_area', {
      id: newId(),
      unit_id: unitId,
      region_code: code,
      case_types: JSON.stringify(sortTypes([...types])),
      created_at: at.toISOString(),
      created_by: actor.id,
    });
  }
}

function standardStatus(row: Pick<Row<'service_point'>, 'standard' | 'standard_met'>) {
  if (row.standard === null) return 'unassessed' as StandardStatus;
  return (row.standard_met === 1 ? 'met' : 'notMet') as StandardStatus;
}

/** 达标 only when all six items pass. */
const allPass = (standard: Standard) => STANDARD_ITEMS.every((item) => standard[item].pass);

async function areaNames(db: Db, rows: { area_codes: string; region_code: string }[]) {
  const codes = rows.flatMap((r) => [r.region_code, ...parseList(r.area_codes)]);
  return regionNames(db, [...new Set(codes)]);
}

function toPointDto(row: PointWithUnit, names: Map<string, string>): ServicePointDto {
  return {
    unitId: row.unit_id,
    name: row.name,
    kind: row.kind as ServicePointKind,
    regionCode: row.region_code,
    regionName: names.get(row.region_code) ?? row.region_code,
    address: row.address,
    hostType: row.host_type as HostType,
    hostName: row.host_name,
    area: parseList(row.area_codes).map((code) => ({
      regionCode: code,
      name: names.get(code) ?? code,
    })),
    caseTypes: parseList<CaseType>(row.case_types),
    standard: row.standard ? (JSON.parse(row.standard) as Standard) : null,
    standardStatus: standardStatus(row),
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Whoever may read a point: case.read over its region, or its own staff. */
function canReadPoint(principal: Principal, point: Row<'service_point'>): boolean {
  return can(principal, 'case.read', point.region_code) || principal.unitId === point.unit_id;
}

async function loadPoint(db: Db, principal: Principal, unitId: string): Promise<PointWithUnit> {
  const point = await findPoint(db, unitId);
  if (!point || !canReadPoint(principal, point)) throw notFound('servicePoint');
  const unit = await findUnit(db, unitId);
  return { ...point, name: unit?.name ?? unitId };
}

/** Photos of the checklist must be images of the point's own village (or town). */
async function checkPhotos(db: Db, regionCode: string, standard: Standard | undefined) {
  if (!standard) return;
  for (const item of STANDARD_ITEMS) {
    const fileId = standard[item].photoFileId;
    if (!fileId) continue;
    const file = await db
      .selectFrom('file')
      .select(['region_code', 'mime'])
      .where('id', '=', fileId)
      .executeTakeFirst();
    if (!file || file.region_code !== regionCode || !file.mime.startsWith('image/'))
      throw fieldError(`standard.${item}.photoFileId`, 'not a photo here', 'servicePoint.photo');
  }
}

function checkTypes(kind: ServicePointKind, types: readonly string[]): CaseType[] {
  const sorted = sortTypes(types);
  if (kind === 'legal' && sorted.some((t) => !(LEGAL_CASE_TYPES as readonly string[]).includes(t)))
    throw fieldError('caseTypes', 'consultation and dispute only', 'servicePoint.legalTypes');
  return sorted;
}

/** A point with its area and standard, for whoever may read it. */
export async function getPoint(
  db: Db,
  principal: Principal,
  unitId: string,
): Promise<ServicePointDto> {
  const point = await loadPoint(db, principal, unitId);
  return toPointDto(point, await areaNames(db, [point]));
}

/** The points under a region the caller may read. */
export async function listPointsFor(
  db: Db,
  principal: Principal,
  query: { regionCode: string; kind?: ServicePointKind | undefined },
): Promise<ServicePointDto[]> {
  requirePermission(principal, 'case.read', query.regionCode);
  const rows = await listPoints(db, scopeOf(principal, 'case.read'), query.regionCode, query.kind);
  const names = await areaNames(db, rows);
  return rows.map((r) => toPointDto(r, names));
}

/**
 * Register a unit of kind service_point (党群微家) or legal_studio (银采法官) as a point, with
 * the area it serves and the case types it takes (a legal studio: consultations and disputes
 * only). Needs case.config over the unit's region and the area. The area goes into `unit_area`.
 */
export async function registerPoint(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: NewServicePointBody,
  now = new Date(),
): Promise<ServicePointDto> {
  const unit = await findUnit(db, body.unitId);
  if (!unit) throw fieldError('unitId', 'unknown unit', 'unit.unknown');
  requirePermission(principal, 'case.config', unit.region_code);
  if (unit.kind !== 'service_point' && unit.kind !== 'legal_studio')
    throw fieldError('unitId', 'not a service point', 'servicePoint.unitKind');
  const kind: ServicePointKind = unit.kind === 'legal_studio' ? 'legal' : 'service';
  const caseTypes = checkTypes(kind, body.caseTypes ?? DEFAULT_POINT_CASE_TYPES[kind]);
  const area = await checkArea(db, principal, townOf(unit.region_code), body.areaCodes);
  await checkPhotos(db, unit.region_code, body.standard);
  const at = now.toISOString();
  await transact(db, async (trx) => {
    if (await findPoint(trx, unit.id))
      throw new AppError(
        'CONFLICT',
        'already registered',
        { fields: [{ field: 'unitId', message: 'servicePoint.registered' }] },
        'servicePoint.registered',
      );
    await insertAudited(trx, actor, 'service_point', {
      unit_id: unit.id,
      region_code: unit.region_code,
      kind,
      address: body.address,
      host_type: body.hostType,
      host_name: body.hostName,
      area_codes: JSON.stringify(area),
      case_types: JSON.stringify(caseTypes),
      standard: body.standard ? JSON.stringify(body.standard) : null,
      standard_met: body.standard && allPass(body.standard) ? 1 : 0,
      created_at: at,
      updated_at: at,
      updated_by: actor.id,
      version: 1,
    });
    await syncUnitArea(trx, actor, unit.id, now);
  });
  return getPoint(db, principal, unit.id);
}

/** Change a point's address, host, area, case types or standard. Needs case.config there. */
export async function updatePoint(
  db: Db,
  principal: Principal,
  actor: Actor,
  unitId: string,
  body: PatchServicePointBody,
  now = new Date(),
): Promise<ServicePointDto> {
  const point = await loadPoint(db, principal, unitId);
  requirePermission(principal, 'case.config', point.region_code);
  const kind = point.kind as ServicePointKind;
  const patch: Partial<Row<'service_point'>> = {};
  if (body.address !== undefined) patch.address = body.address;
  if (body.hostType !== undefined) patch.host_type = body.hostType;
  if (body.hostName !== undefined) patch.host_name = body.hostName;
  if (body.caseTypes !== undefined)
    patch.case_types = JSON.stringify(checkTypes(kind, body.caseTypes));
  if (body.areaCodes !== undefined)
    patch.area_codes = JSON.stringify(
      await checkArea(db, principal, townOf(point.region_code), body.areaCodes),
    );
  if (body.standard !== undefined) {
    await checkPhotos(db, point.region_code, body.standard);
    patch.standard = JSON.stringify(body.standard);
    patch.standard_met = allPass(body.standard) ? 1 : 0;
  }
  await transact(db, async (trx) => {
    await updateAudited(trx, actor, 'service_point', unitId, {
      ...patch,
      updated_at: now.toISOString(),
      updated_by: actor.id,
      version: point.version + 1,
    });
    if (patch.area_codes !== undefined || patch.case_types !== undefined)
      await syncUnitArea(trx, actor, unitId, now);
  });
  return getPoint(db, principal, unitId);
}

/**
 * The duty roster and the service log are written by town administrators (case.config) and by
 * the point's own staff (their unit, with case.handle there).
 */
function requireRosterWriter(principal: Principal, point: Row<'service_point'>): void {
  if (can(principal, 'case.config', point.region_code)) return;
  if (principal.unitId === point.unit_id && can(principal, 'case.handle', point.region_code))
    return;
  throw new AppError('FORBIDDEN', 'not your point', undefined, 'servicePoint.notYours');
}

const toShift = (row: Row<'duty_shift'>): DutyShiftDto => ({
  id: row.id,
  unitId: row.unit_id,
  date: row.date,
  half: row.half as DutyHalf,
  personName: row.person_name,
  userId: row.user_id,
});

function rangeOf(
  query: { from?: string | undefined; to?: string | undefined },
  defaults: { from: string; to: string },
): { from: string; to: string } {
  const from = query.from ?? defaults.from;
  const to = query.to ?? defaults.to;
  if (to < from || to > addDays(from, 366))
    throw fieldError('to', 'after from, within a year', 'date.range');
  return { from, to };
}

/** A point's shifts in a period (by default the next four weeks). */
export async function listShifts(
  db: Db,
  principal: Principal,
  unitId: string,
  query: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
): Promise<DutyShiftDto[]> {
  await loadPoint(db, principal, unitId);
  const today = localDate(now);
  const { from, to } = rangeOf(query, { from: today, to: addDays(today, 27) });
  return (await dutyShifts(db, [unitId], from, to)).map(toShift);
}

/**
 * Put someone on duty for half a day (上午 or 下午; a full day is two rows). Nobody is booked
 * twice for the same date and half-day anywhere in the town.
 */
export async function addShift(
  db: Db,
  principal: Principal,
  actor: Actor,
  unitId: string,
  body: NewDutyShiftBody,
  now = new Date(),
): Promise<DutyShiftDto> {
  const point = await loadPoint(db, principal, unitId);
  requireRosterWriter(principal, point);
  if (body.userId) {
    const user = await db
      .selectFrom('app_user')
      .select('unit_id')
      .where('id', '=', body.userId)
      .executeTakeFirst();
    if (!user || user.unit_id !== unitId)
      throw fieldError('userId', 'not staff of this point', 'duty.userUnknown');
  }
  const townCode = townOf(point.region_code);
  const row = await transact(db, async (trx) => {
    if (await bookedShift(trx, townCode, body.personName, body.date, body.half))
      throw new AppError(
        'CONFLICT',
        'double booking',
        { fields: [{ field: 'personName', message: 'duty.doubleBooked' }] },
        'duty.doubleBooked',
      );
    return insertAudited(trx, actor, 'duty_shift', {
      id: newId(),
      unit_id: unitId,
      region_code: point.region_code,
      town_code: townCode,
      person_name: body.personName,
      user_id: body.userId ?? null,
      date: body.date,
      half: body.half,
      created_at: now.toISOString(),
      created_by: actor.id,
    });
  });
  return toShift(row);
}

/** Take a shift off the roster. */
export async function removeShift(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
): Promise<{ ok: true }> {
  const shift = await findShift(db, id);
  if (!shift) throw notFound('dutyShift');
  const point = await loadPoint(db, principal, shift.unit_id);
  requireRosterWriter(principal, point);
  await transact(db, (trx) => deleteAudited(trx, actor, 'duty_shift', id));
  return { ok: true };
}

const toLog = (row: Row<'service_log'>) => ({
  id: row.id,
  unitId: row.unit_id,
  date: row.date,
  kind: row.kind as NewServiceLogBody['kind'],
  content: row.content,
  peopleServed: row.people_served,
  createdAt: row.created_at,
});

/** A point's service log in a period (by default the last 90 days), newest first. */
export async function listLogs(
  db: Db,
  principal: Principal,
  unitId: string,
  query: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
) {
  await loadPoint(db, principal, unitId);
  const today = localDate(now);
  const { from, to } = rangeOf(query, { from: addDays(today, -90), to: today });
  return (await serviceLogs(db, unitId, from, to)).map(toLog);
}

/** Record a service given at the point (date, kind, what was done, people served). */
export async function addLog(
  db: Db,
  principal: Principal,
  actor: Actor,
  unitId: string,
  body: NewServiceLogBody,
  now = new Date(),
) {
  const point = await loadPoint(db, principal, unitId);
  requireRosterWriter(principal, point);
  const row = await transact(db, (trx) =>
    insertAudited(trx, actor, 'service_log', {
      id: newId(),
      unit_id: unitId,
      region_code: point.region_code,
      date: body.date,
      kind: body.kind,
      content: body.content,
      people_served: body.peopleServed,
      created_at: now.toISOString(),
      created_by: actor.id,
    }),
  );
  return toLog(row);
}

/**
 * The points a resident may pick on the report form for a town or village: those located in
 * it or serving it, with today's and the next seven days' duty (the names of officials on
 * duty are public) and whether they meet the "六有" standard.
 */
export async function publicServicePoints(
  db: Db,
  regionCode: string,
  now = new Date(),
): Promise<PublicServicePoint[]> {
  const level = regionLevel(regionCode);
  if ((level !== 'town' && level !== 'village') || !(await findRegion(db, regionCode)))
    throw fieldError('regionCode', 'a town or village', 'services.townOrVillage');
  const townCode = townOf(regionCode);
  const points = (await pointsOfTown(db, townCode)).filter(
    (p) =>
      level === 'town' ||
      p.region_code === regionCode ||
      parseList(p.area_codes).some((code) => code === regionCode || code === townCode),
  );
  const today = localDate(now);
  const shifts = await dutyShifts(
    db,
    points.map((p) => p.unit_id),
    today,
    addDays(today, PUBLIC_DUTY_DAYS),
  );
  const names = await areaNames(db, points);
  return points.map((p) => ({
    unitId: p.unit_id,
    name: p.name,
    kind: p.kind as ServicePointKind,
    regionName: names.get(p.region_code) ?? p.region_code,
    address: p.address,
    hostType: p.host_type as HostType,
    hostName: p.host_name,
    areaNames: parseList(p.area_codes).map((code) => names.get(code) ?? code),
    caseTypes: parseList<CaseType>(p.case_types),
    standardStatus: standardStatus(p),
    duty: shifts
      .filter((s) => s.unit_id === p.unit_id)
      .map((s) => ({ date: s.date, half: s.half as DutyHalf, personName: s.person_name })),
  }));
}
