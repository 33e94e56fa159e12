import { containsText } from '../../db/dialect.js';
import type { Db, Row } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';

/** The columns a user listing shows: never the password hash or the TOTP secret. */
export const USER_LIST_COLUMNS = [
  'id',
  'username',
  'display_name',
  'mobile',
  'region_code',
  'unit_id',
  'status',
  'locked_until',
  'totp_enabled',
  'created_at',
] as const;
export type UserListRow = Pick<Row<'app_user'>, (typeof USER_LIST_COLUMNS)[number]>;

export interface UserFilter {
  regionCode?: string | undefined;
  q?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

/** Users whose home region lies in the scope (or under `regionCode`), by region then username. */
export async function listUsers(db: Db, scope: Scope, filter: UserFilter) {
  let query = db.selectFrom('app_user').where(regionInScope('region_code', scope));
  if (filter.regionCode)
    query = query.where(regionInScope('region_code', { roots: [filter.regionCode] }));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([containsText('username', q), containsText('display_name', q)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select(USER_LIST_COLUMNS)
      .orderBy('region_code')
      .orderBy('username')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function grantsOfUsers(
  db: Db,
  userIds: readonly string[],
): Promise<Pick<Row<'role_grant'>, 'id' | 'user_id' | 'role' | 'region_code'>[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grant')
    .select(['id', 'user_id', 'role', 'region_code'])
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
