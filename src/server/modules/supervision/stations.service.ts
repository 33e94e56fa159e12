import { localDate } from '../../../shared/calendar.js';
import { regionLevel, regionPrefix } from '../../../shared/region.js';
import type {
  DutyDto,
  LiaisonMemberDto,
  LiaisonRole,
  LiaisonStationDto,
} from '../../../shared/schemas/supervision.js';
import type { Db, Row } from '../../db/schema.js';
import {
  can,
  regionInScope,
  requirePermission,
  scopeOf,
  type Principal,
} from '../../platform/access/access.js';
import { insertAudited, transact, updateAudited, type Actor } from '../../platform/audit/audit.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { regionNames, findRegion } from '../regions/regions.queries.js';
import { maskMobile } from '../users/users.service.js';

const ROLE_ORDER: Record<LiaisonRole, number> = { head: 0, officer: 1, informant: 2 };

function memberDto(row: Row<'liaison_member'>, revealMobile: boolean): LiaisonMemberDto {
  return {
    id: row.id,
    role: row.role as LiaisonRole,
    name: row.name,
    mobile: revealMobile ? row.mobile : maskMobile(row.mobile),
    userId: row.user_id,
    active: row.active === 1,
    joinedOn: row.joined_on,
    leftOn: row.left_on,
  };
}

async function stationDtos(
  db: Db,
  principal: Principal,
  stations: Row<'liaison_station'>[],
): Promise<LiaisonStationDto[]> {
  if (stations.length === 0) return [];
  const members = await db
    .selectFrom('liaison_member')
    .selectAll()
    .where(
      'station_id',
      'in',
      stations.map((s) => s.id),
    )
    .execute();
  const names = await regionNames(
    db,
    stations.map((s) => s.region_code),
  );
  return stations.map((station) => {
    const own = members
      .filter((m) => m.station_id === station.id)
      .sort(
        (a, b) =>
          b.active - a.active ||
          ROLE_ORDER[a.role as LiaisonRole] - ROLE_ORDER[b.role as LiaisonRole] ||
          a.joined_on.localeCompare(b.joined_on) ||
          a.id.localeCompare(b.id),
      );
    const reveal = can(principal, 'user.readSensitive', station.region_code);
    const counts = { head: 0, officer: 0, informant: 0 };
    for (const m of own) if (m.active === 1) counts[m.role as LiaisonRole]++;
    return {
      id: station.id,
      regionCode: station.region_code,
      regionName: names.get(station.region_code) ?? station.region_code,
      name: station.name,
      establishedOn: station.established_on,
      counts,
      members: own.map((m) => memberDto(m, reveal)),
    };
  });
}

/** The stations under a region within the caller's scope, by village code. */
export async function listStations(
  db: Db,
  principal: Principal,
  regionCode: string,
): Promise<LiaisonStationDto[]> {
  requirePermission(principal, 'supervision.read', regionCode);
  const prefix = regionPrefix(regionCode);
  const rows = await db
    .selectFrom('liaison_station')
    .selectAll()
    .where('region_code', '>=', prefix)
    .where('region_code', '<', prefix + ':')
    .where(regionInScope('region_code', scopeOf(principal, 'supervision.read')))
    .orderBy('region_code')
    .execute();
  return stationDtos(db, principal, rows);
}

async function loadStation(db: Db, principal: Principal, id: string) {
  const row = await db
    .selectFrom('liaison_station')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !can(principal, 'supervision.read', row.region_code)) throw notFound('station');
  return row;
}

export async function getStation(
  db: Db,
  principal: Principal,
  id: string,
): Promise<LiaisonStationDto> {
  const [dto] = await stationDtos(db, principal, [await loadStation(db, principal, id)]);
  return dto!;
}

/** Set up a village's station (one per village). Needs supervision.configure over it. */
export async function createStation(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: { regionCode: string; name: string; establishedOn: string },
): Promise<LiaisonStationDto> {
  requirePermission(principal, 'supervision.configure', body.regionCode);
  if (regionLevel(body.regionCode) !== 'village' || !(await findRegion(db, body.regionCode))) {
    throw fieldError('regionCode', 'a village', 'ledger.notVillage');
  }
  const row = await transact(db, async (trx) => {
    const taken = await trx
      .selectFrom('liaison_station')
      .select('id')
      .where('region_code', '=', body.regionCode)
      .executeTakeFirst();
    if (taken) {
      throw new AppError(
        'CONFLICT',
        'the village has a station',
        { fields: [{ field: 'regionCode', message: 'taken' }] },
        'station.exists',
      );
    }
    return insertAudited(trx, actor, 'liaison_station', {
      id: newId(),
      region_code: body.regionCode,
      name: body.name,
      established_on: body.establishedOn,
      created_at: new Date().toISOString(),
      created_by: actor.id,
    });
  });
  return (await stationDtos(db, principal, [row]))[0]!;
}

/**
 * Add a head, an officer or an informant. A station has one head at a time: naming a new
 * one ends the former head's term the same day.
 */
export async function addMember(
  db: Db,
  principal: Principal,
  actor: Actor,
  stationId: string,
  body: {
    role: LiaisonRole;
    name: string;
    mobile?: string | undefined;
    userId?: string | undefined;
    joinedOn: string;
  },
): Promise<LiaisonStationDto> {
  const station = await loadStation(db, principal, stationId);
  requirePermission(principal, 'supervision.configure', station.region_code);
  if (body.userId) {
    const user = await db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', body.userId)
      .executeTakeFirst();
    if (!user) throw fieldError('userId', 'no such user', 'unit.unknown');
  }
  await transact(db, async (trx) => {
    if (body.role === 'head') {
      const heads = await trx
        .selectFrom('liaison_member')
        .select('id')
        .where('station_id', '=', station.id)
        .where('role', '=', 'head')
        .where('active', '=', 1)
        .execute();
      for (const head of heads) {
        await updateAudited(trx, actor, 'liaison_member', head.id, {
          active: 0,
          left_on: body.joinedOn,
        });
      }
    }
    await insertAudited(trx, actor, 'liaison_member', {
      id: newId(),
      station_id: station.id,
      region_code: station.region_code,
      role: body.role,
      name: body.name,
      mobile: body.mobile ?? null,
      user_id: body.userId ?? null,
      active: 1,
      joined_on: body.joinedOn,
      left_on: null,
      created_at: new Date().toISOString(),
    });
  });
  return getStation(db, principal, station.id);
}

/** A member leaves the station from a date; the record stays, marked inactive. */
export async function memberLeaves(
  db: Db,
  principal: Principal,
  actor: Actor,
  stationId: string,
  memberId: string,
  leftOn: string,
): Promise<LiaisonStationDto> {
  const station = await loadStation(db, principal, stationId);
  requirePermission(principal, 'supervision.configure', station.region_code);
  const member = await db
    .selectFrom('liaison_member')
    .selectAll()
    .where('id', '=', memberId)
    .where('station_id', '=', station.id)
    .executeTakeFirst();
  if (!member) throw notFound('member');
  if (member.active === 0) {
    throw new AppError('CONFLICT', 'already left', undefined, 'station.memberLeft');
  }
  if (leftOn < member.joined_on) {
    throw fieldError('leftOn', 'before joining', 'station.leftBeforeJoined');
  }
  await transact(db, (trx) =>
    updateAudited(trx, actor, 'liaison_member', member.id, { active: 0, left_on: leftOn }),
  );
  return getStation(db, principal, station.id);
}

function dutyDto(row: Row<'liaison_duty'>): DutyDto {
  return {
    id: row.id,
    onDate: row.on_date,
    officerName: row.officer_name,
    kind: row.kind as DutyDto['kind'],
    content: row.content,
    createdAt: row.created_at,
  };
}

/** A station's duty log between two dates, newest first. */
export async function dutyLog(
  db: Db,
  principal: Principal,
  stationId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<DutyDto[]> {
  const station = await loadStation(db, principal, stationId);
  let query = db.selectFrom('liaison_duty').selectAll().where('station_id', '=', station.id);
  if (range.from) query = query.where('on_date', '>=', range.from);
  if (range.to) query = query.where('on_date', '<=', range.to);
  const rows = await query.orderBy('on_date', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(dutyDto);
}

/** Write a line of the duty log: not for a day still to come. Needs supervision.duty. */
export async function addDuty(
  db: Db,
  principal: Principal,
  actor: Actor,
  stationId: string,
  body: { onDate: string; officerName: string; kind: DutyDto['kind']; content: string },
  today = localDate(new Date()),
): Promise<DutyDto> {
  const station = await loadStation(db, principal, stationId);
  requirePermission(principal, 'supervision.duty', station.region_code);
  if (body.onDate > today) throw fieldError('onDate', 'in the future', 'station.futureDuty');
  const row = await transact(db, (trx) =>
    insertAudited(trx, actor, 'liaison_duty', {
      id: newId(),
      station_id: station.id,
      region_code: station.region_code,
      on_date: body.onDate,
      officer_name: body.officerName,
      kind: body.kind,
      content: body.content,
      created_at: new Date().toISOString(),
      created_by: actor.id,
    }),
  );
  return dutyDto(row);
}
