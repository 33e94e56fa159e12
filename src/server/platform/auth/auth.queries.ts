import type { RoleCode } from '../../../shared/permissions.js';
import type { Db, NewRow, Row } from '../../db/schema.js';
import type { Grant } from '../access/access.js';

export function findUserByLogin(db: Db, login: string): Promise<Row<'app_user'> | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('mobile', '=', login)]))
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<Row<'app_user'> | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function grantsOf(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grant')
    .select(['id', 'role', 'region_code'])
    .where('user_id', '=', userId)
    .orderBy('region_code')
    .execute();
  return rows.map((r) => ({ id: r.id, role: r.role as RoleCode, regionCode: r.region_code }));
}

export async function insertSession(db: Db, session: NewRow<'user_session'>): Promise<void> {
  await db.insertInto('user_session').values(session).execute();
}

/** A session with its user, in one query: the hot path of every authenticated request. */
export function findSessionWithUser(db: Db, sessionId: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'u.region_code',
      'u.locale',
      'u.status',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, at: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: at })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string, except?: string): Promise<void> {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (except) query = query.where('id', '!=', except);
  await query.execute();
}

export async function deleteExpiredSessions(
  db: Db,
  now: string,
  idleBefore: string,
): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
