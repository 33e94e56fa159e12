import { localDate } from '../../../shared/calendar.js';
import type { CaseType } from '../../../shared/case-machine.js';
import { isWithin, regionLevel } from '../../../shared/region.js';
import {
  BUSINESS_TYPE_NAMES,
  DEFAULT_ALLIANCE_CASE_TYPES,
  LICENCE_WARNING_DAYS,
  type AllianceDto,
  type AllianceFigures,
  type BusinessType,
  type NewAllianceBody,
  type NewStallBody,
  type PatchAllianceBody,
  type PatchStallBody,
  type StallDto,
} from '../../../shared/schemas/services.js';
import type { Db, Row } from '../../db/schema.js';
import { requirePermission, scopeOf, type Principal } from '../../platform/access/access.js';
import {
  deleteAudited,
  insertAudited,
  SYSTEM_ACTOR,
  transact,
  updateAudited,
  type Actor,
} from '../../platform/audit/audit.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import { addNotification } from '../cases/cases.service.js';
import {
  caseFigures,
  findAlliance,
  findMember,
  findStall,
  findUnit,
  listAlliances,
  membersOf,
  stallByNumber,
  stallCounts,
  stallsOf,
  stallsToWarn,
} from './services.queries.js';
import { addDays, checkArea, parseList, sortTypes, syncUnitArea } from './services.service.js';
import { newId } from '../../platform/ids.js';

/**
 * Alliances (西街管家): units that jointly manage a street or area of a town. Their members
 * take (领办) the alliance's requests and complaints — the alliance's area is written into
 * each member's `unit_area` and removed when it leaves — and keep a registry of the street's
 * stalls (摊位), warned before a business licence expires.
 */

/**
 * Who may read an alliance: case.read over its town, or over a village it covers (or, when it
 * covers the whole town, over any village of it). The same rule as `listAlliances`.
 */
function canReadAlliance(principal: Principal, row: Row<'alliance'>): boolean {
  const area = parseList(row.area_codes);
  return scopeOf(principal, 'case.read').roots.some(
    (root) =>
      isWithin(row.region_code, root) ||
      (regionLevel(root) === 'village' && area.some((code) => isWithin(root, code))),
  );
}

async function loadAlliance(db: Db, principal: Principal, id: string): Promise<Row<'alliance'>> {
  const row = await findAlliance(db, id);
  if (!row || !canReadAlliance(principal, row)) throw notFound('alliance');
  return row;
}

async function toAllianceDto(db: Db, row: Row<'alliance'>): Promise<AllianceDto> {
  const area = parseList(row.area_codes);
  const names = await regionNames(db, [row.region_code, ...area]);
  const members = await membersOf(db, row.id);
  return {
    id: row.id,
    regionCode: row.region_code,
    regionName: names.get(row.region_code) ?? row.region_code,
    name: row.name,
    areaDescription: row.area_description,
    area: area.map((code) => ({ regionCode: code, name: names.get(code) ?? code })),
    caseTypes: parseList<CaseType>(row.case_types),
    members: members.map((m) => ({
      unitId: m.unit_id,
      name: m.name,
      kind: m.kind,
      joinedAt: m.joined_at,
    })),
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function getAlliance(db: Db, principal: Principal, id: string): Promise<AllianceDto> {
  return toAllianceDto(db, await loadAlliance(db, principal, id));
}

/** The alliances of a region's town(s) that the caller may read. */
export async function listAlliancesFor(
  db: Db,
  principal: Principal,
  regionCode: string,
): Promise<AllianceDto[]> {
  requirePermission(principal, 'case.read', regionCode);
  const rows = await listAlliances(db, scopeOf(principal, 'case.read'), regionCode);
  const out: AllianceDto[] = [];
  for (const row of rows) out.push(await toAllianceDto(db, row));
  return out;
}

/**
 * Found an alliance in a town over the town or some of its villages, taking requests and
 * complaints unless other types are given. Needs case.config over the town.
 */
export async function createAlliance(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: NewAllianceBody,
  now = new Date(),
): Promise<AllianceDto> {
  requirePermission(principal, 'case.config', body.regionCode);
  if (regionLevel(body.regionCode) !== 'town' || !(await findRegion(db, body.regionCode)))
    throw fieldError('regionCode', 'a town', 'alliance.notTown');
  const area = await checkArea(db, principal, body.regionCode, body.areaCodes);
  const at = now.toISOString();
  const row = await transact(db, (trx) =>
    insertAudited(trx, actor, 'alliance', {
      id: newId(),
      region_code: body.regionCode,
      name: body.name,
      area_description: body.areaDescription,
      area_codes: JSON.stringify(area),
      case_types: JSON.stringify(sortTypes(body.caseTypes ?? DEFAULT_ALLIANCE_CASE_TYPES)),
      created_at: at,
      updated_at: at,
      updated_by: actor.id,
      version: 1,
    }),
  );
  return toAllianceDto(db, row);
}

/**
 * Rename an alliance or change its area or case types; every member's `unit_area` follows in
 * the same transaction. Needs case.config over the town.
 */
export async function updateAlliance(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: PatchAllianceBody,
  now = new Date(),
): Promise<AllianceDto> {
  const row = await loadAlliance(db, principal, id);
  requirePermission(principal, 'case.config', row.region_code);
  const patch: Partial<Row<'alliance'>> = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.areaDescription !== undefined) patch.area_description = body.areaDescription;
  if (body.areaCodes !== undefined)
    patch.area_codes = JSON.stringify(
      await checkArea(db, principal, row.region_code, body.areaCodes),
    );
  if (body.caseTypes !== undefined) patch.case_types = JSON.stringify(sortTypes(body.caseTypes));
  const updated = await transact(db, async (trx) => {
    const next = await updateAudited(trx, actor, 'alliance', id, {
      ...patch,
      updated_at: now.toISOString(),
      updated_by: actor.id,
      version: row.version + 1,
    });
    if (patch.area_codes !== undefined || patch.case_types !== undefined)
      for (const member of await membersOf(trx, id))
        await syncUnitArea(trx, actor, member.unit_id, now);
    return next;
  });
  return toAllianceDto(db, updated);
}

/** A unit of the alliance's town joins: it now sees and may take the alliance's matters. */
export async function addMember(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  unitId: string,
  now = new Date(),
): Promise<AllianceDto> {
  const row = await loadAlliance(db, principal, id);
  requirePermission(principal, 'case.config', row.region_code);
  const unit = await findUnit(db, unitId);
  if (!unit) throw fieldError('unitId', 'unknown unit', 'unit.unknown');
  if (!isWithin(unit.region_code, row.region_code))
    throw fieldError('unitId', 'outside the town', 'alliance.memberOutsideTown');
  await transact(db, async (trx) => {
    if (await findMember(trx, id, unitId))
      throw new AppError(
        'CONFLICT',
        'already a member',
        { fields: [{ field: 'unitId', message: 'alliance.alreadyMember' }] },
        'alliance.alreadyMember',
      );
    await insertAudited(trx, actor, 'alliance_member', {
      id: newId(),
      alliance_id: id,
      unit_id: unitId,
      region_code: row.region_code,
      joined_at: now.toISOString(),
      created_by: actor.id,
    });
    await syncUnitArea(trx, actor, unitId, now);
  });
  return toAllianceDto(db, row);
}

/** A member leaves: the alliance's area is taken out of its `unit_area`. */
export async function removeMember(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  unitId: string,
  now = new Date(),
): Promise<AllianceDto> {
  const row = await loadAlliance(db, principal, id);
  requirePermission(principal, 'case.config', row.region_code);
  const member = await findMember(db, id, unitId);
  if (!member) throw notFound('allianceMember');
  await transact(db, async (trx) => {
    await deleteAudited(trx, actor, 'alliance_member', member.id, 'alliance_member.leave');
    await syncUnitArea(trx, actor, unitId, now);
  });
  return toAllianceDto(db, row);
}

function licenceState(validUntil: string, today: string): StallDto['licenceState'] {
  if (validUntil < today) return 'expired';
  if (validUntil <= addDays(today, LICENCE_WARNING_DAYS)) return 'expiring';
  return 'ok';
}

const toStall = (row: Row<'stall'>, today: string): StallDto => ({
  id: row.id,
  allianceId: row.alliance_id,
  stallNo: row.stall_no,
  holderName: row.holder_name,
  businessType: row.business_type as BusinessType,
  licenceNo: row.licence_no,
  licenceValidUntil: row.licence_valid_until,
  status: row.status as StallDto['status'],
  licenceState: licenceState(row.licence_valid_until, today),
  updatedAt: row.updated_at,
  version: row.version,
});

const stallNumberTaken = () =>
  new AppError(
    'CONFLICT',
    'stall number taken',
    { fields: [{ field: 'stallNo', message: 'stall.numberTaken' }] },
    'stall.numberTaken',
  );

/** The alliance's stalls by number, each with the state of its licence today. */
export async function listStalls(
  db: Db,
  principal: Principal,
  id: string,
  now = new Date(),
): Promise<StallDto[]> {
  await loadAlliance(db, principal, id);
  const today = localDate(now);
  return (await stallsOf(db, id)).map((r) => toStall(r, today));
}

/** Register a stall; its number is unique within the alliance. Needs case.config over the town. */
export async function addStall(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: NewStallBody,
  now = new Date(),
): Promise<StallDto> {
  const alliance = await loadAlliance(db, principal, id);
  requirePermission(principal, 'case.config', alliance.region_code);
  const at = now.toISOString();
  const row = await transact(db, async (trx) => {
    if (await stallByNumber(trx, id, body.stallNo)) throw stallNumberTaken();
    return insertAudited(trx, actor, 'stall', {
      id: newId(),
      alliance_id: id,
      region_code: alliance.region_code,
      stall_no: body.stallNo,
      holder_name: body.holderName,
      business_type: body.businessType,
      licence_no: body.licenceNo,
      licence_valid_until: body.licenceValidUntil,
      status: body.status,
      warned_for: null,
      created_at: at,
      updated_at: at,
      updated_by: actor.id,
      version: 1,
    });
  });
  return toStall(row, localDate(now));
}

/**
 * Change a stall (a renewed licence, a new holder, closing it). A new expiry date will be
 * warned about again. Needs case.config over the town.
 */
export async function updateStall(
  db: Db,
  principal: Principal,
  actor: Actor,
  stallId: string,
  body: PatchStallBody,
  now = new Date(),
): Promise<StallDto> {
  const stall = await findStall(db, stallId);
  if (!stall) throw notFound('stall');
  const alliance = await findAlliance(db, stall.alliance_id);
  if (!alliance || !canReadAlliance(principal, alliance)) throw notFound('stall');
  requirePermission(principal, 'case.config', alliance.region_code);
  const patch: Partial<Row<'stall'>> = {};
  if (body.stallNo !== undefined) patch.stall_no = body.stallNo;
  if (body.holderName !== undefined) patch.holder_name = body.holderName;
  if (body.businessType !== undefined) patch.business_type = body.businessType;
  if (body.licenceNo !== undefined) patch.licence_no = body.licenceNo;
  if (body.licenceValidUntil !== undefined) patch.licence_valid_until = body.licenceValidUntil;
  if (body.status !== undefined) patch.status = body.status;
  const row = await transact(db, async (trx) => {
    if (body.stallNo !== undefined && body.stallNo !== stall.stall_no) {
      if (await stallByNumber(trx, stall.alliance_id, body.stallNo)) throw stallNumberTaken();
    }
    return updateAudited(trx, actor, 'stall', stallId, {
      ...patch,
      updated_at: now.toISOString(),
      updated_by: actor.id,
      version: stall.version + 1,
    });
  });
  return toStall(row, localDate(now));
}

/**
 * The alliance's own figures: members; active stalls, licences expiring within 30 days and
 * expired; and the cases of its types in its area (within the caller's scope) by status, taken
 * by members, closed, closed on time (closed_at ≤ handle_due_at), and the average rating.
 */
export async function allianceFigures(
  db: Db,
  principal: Principal,
  id: string,
  now = new Date(),
): Promise<AllianceFigures> {
  const alliance = await loadAlliance(db, principal, id);
  const members = await membersOf(db, id);
  const today = localDate(now);
  const stalls = await stallCounts(db, id, today, addDays(today, LICENCE_WARNING_DAYS));
  const cases = await caseFigures(
    db,
    scopeOf(principal, 'case.read'),
    parseList(alliance.area_codes),
    parseList(alliance.case_types),
    members.map((m) => m.unit_id),
  );
  const byStatus = Object.fromEntries(cases.byStatus.map((r) => [r.status, r.n]));
  return {
    members: members.length,
    stalls: stalls.active,
    licencesExpiring: stalls.expiring,
    licencesExpired: stalls.expired,
    cases: {
      total: cases.byStatus.reduce((sum, r) => sum + r.n, 0),
      byStatus,
      takenByMembers: cases.takenByMembers,
      closed: byStatus.closed ?? 0,
      closedOnTime: cases.closedOnTime,
      averageRating:
        cases.averageRating === null ? null : Math.round(cases.averageRating * 100) / 100,
    },
  };
}

/**
 * The licence warning (daily): every member unit of an alliance gets an in-app notification
 * (and its e-mail/robot channels) when an active stall's licence expires within 30 days of
 * `now` — once per stall and expiry date, remembered in `warned_for`. A stall of an alliance
 * without members waits until someone can be told. Returns the notifications sent.
 */
export async function warnExpiringLicences(db: Db, now = new Date()): Promise<number> {
  const today = localDate(now);
  const stalls = await stallsToWarn(db, today, addDays(today, LICENCE_WARNING_DAYS));
  let sent = 0;
  for (const stall of stalls) {
    sent += await transact(db, async (trx) => {
      const current = await findStall(trx, stall.id);
      if (!current || current.warned_for === current.licence_valid_until) return 0;
      const alliance = await findAlliance(trx, current.alliance_id);
      const members = await membersOf(trx, current.alliance_id);
      if (!alliance || members.length === 0) return 0;
      const date = current.licence_valid_until;
      const title = `摊位 ${current.stall_no} 经营执照将于 ${date} 到期`;
      const business =
        BUSINESS_TYPE_NAMES['zh-CN'][current.business_type as BusinessType] ??
        current.business_type;
      const body = `${alliance.name}：${current.holder_name}（${business}），执照号 ${current.licence_no}，请提醒经营者及时办理延续。`;
      for (const member of members)
        await addNotification(
          trx,
          SYSTEM_ACTOR,
          { unitId: member.unit_id },
          { caseId: null, kind: 'licenceExpiring', title, body },
          { subject: `【清风】执照即将到期 ${alliance.name} ${current.stall_no}`, body },
          now,
        );
      await updateAudited(
        trx,
        SYSTEM_ACTOR,
        'stall',
        current.id,
        { warned_for: date },
        'stall.licenceWarned',
      );
      return members.length;
    });
  }
  return sent;
}
