import type { Db, Row } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';

export interface UserFilter {
  regionCode?: string | undefined;
  q?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

/** Users whose home region lies in the scope, newest first. */
export async function listUsers(db: Db, scope: Scope, filter: UserFilter) {
  let query = db.selectFrom('app_user').where(regionInScope('region_code', scope));
  if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) =>
      eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function grantsOfUsers(db: Db, userIds: readonly string[]): Promise<Row<'role_grant'>[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grant')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .orderBy('region_code')
    .execute();
}

export function findUser(db: Db, id: string): Promise<Row<'app_user'> | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsernameOrMobile(db: Db, username: string, mobile: string | null) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'mobile'])
    .where((eb) =>
      mobile
        ? eb.or([eb('username', '=', username), eb('mobile', '=', mobile)])
        : eb('username', '=', username),
    )
    .execute();
}

export function findGrant(db: Db, id: string): Promise<Row<'role_grant'> | undefined> {
  return db.selectFrom('role_grant').selectAll().where('id', '=', id).executeTakeFirst();
}
