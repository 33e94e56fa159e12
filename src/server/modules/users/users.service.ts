import type { RoleCode } from '../../../shared/permissions.js';
import { isWithin } from '../../../shared/region.js';
import type {
  GrantInput,
  CreateUserBody,
  UpdateUserBody,
  UserDto,
  UserListQuery,
} from '../../../shared/schemas/users.js';
import type { Db, NewRow, Trx } from '../../db/schema.js';
import { can, requirePermission, scopeOf, type Principal } from '../../platform/access/access.js';
import {
  appendAudit,
  deleteAudited,
  insertAudited,
  updateAudited,
  type Actor,
  transact,
} from '../../platform/audit/audit.js';
import { deleteSessionsOfUser } from '../../platform/auth/auth.queries.js';
import { assertPasswordRules } from '../../platform/auth/auth.service.js';
import { hashPassword } from '../../platform/auth/password.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import {
  findGrant,
  findUser,
  findUserByUsernameOrMobile,
  grantsOfUsers,
  listUsers,
  type UserListRow,
} from './users.queries.js';
import { newId } from '../../platform/ids.js';

export function maskMobile(mobile: string | null): string | null {
  return mobile ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : null;
}

async function toUserDtos(db: Db, rows: UserListRow[]): Promise<UserDto[]> {
  const grants = await grantsOfUsers(
    db,
    rows.map((r) => r.id),
  );
  const names = await regionNames(db, [
    ...rows.map((r) => r.region_code),
    ...grants.map((g) => g.region_code),
  ]);
  const now = new Date().toISOString();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    mobile: maskMobile(row.mobile),
    regionCode: row.region_code,
    regionName: names.get(row.region_code) ?? row.region_code,
    unitId: row.unit_id,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    locked: row.locked_until !== null && row.locked_until > now,
    totpEnabled: row.totp_enabled === 1,
    grants: grants
      .filter((g) => g.user_id === row.id)
      .map((g) => ({
        id: g.id,
        role: g.role as RoleCode,
        regionCode: g.region_code,
        regionName: names.get(g.region_code) ?? g.region_code,
      })),
    createdAt: row.created_at,
  }));
}

/** The earliest future end of a lock among the rows (epoch ms), if any. */
function firstLockEnd(rows: UserListRow[], now: number): number | undefined {
  const ends = rows
    .map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0))
    .filter((end) => end > now);
  return ends.length ? Math.min(...ends) : undefined;
}

/**
 * Users of the caller's area (read scope), filtered and paged. The page is kept in the read
 * cache until users, grants or regions change, or until a lock shown on it expires.
 */
export async function searchUsers(db: Db, principal: Principal, query: UserListQuery) {
  const scope = scopeOf(principal, 'user.read');
  if (query.regionCode) requirePermission(principal, 'user.read', query.regionCode);
  const key = `users:${scope.roots.join(',')}:${JSON.stringify(query)}`;
  let lockEnd: number | undefined;
  return cachedRead(
    db,
    key,
    ['app_user', 'role_grant', 'region'],
    async () => {
      const { rows, total } = await listUsers(db, scope, query);
      lockEnd = firstLockEnd(rows, Date.now());
      return {
        items: await toUserDtos(db, rows),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
    { validUntil: () => lockEnd },
  );
}

async function loadUser(
  db: Db,
  principal: Principal,
  id: string,
  permission: 'user.read' | 'user.write',
) {
  const user = await findUser(db, id);
  // Out of scope looks the same as absent: no one learns what lies outside their area.
  if (!user || !can(principal, 'user.read', user.region_code))
    throw new AppError('NOT_FOUND', 'user');
  requirePermission(principal, permission, user.region_code);
  return user;
}

export async function getUser(db: Db, principal: Principal, id: string): Promise<UserDto> {
  const user = await loadUser(db, principal, id, 'user.read');
  const [dto] = await toUserDtos(db, [user]);
  return dto as UserDto;
}

async function assertRegionExists(db: Db, code: string, field: string): Promise<void> {
  if (!(await findRegion(db, code)))
    throw fieldError(field, `region ${code} does not exist`, 'region.unknown');
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  regionCode: string;
  unitId: string | null;
  mobile: string | null;
  mustChangePassword: boolean;
  now: string;
}

/** The row of a new, active account. */
export function newUserRow(user: NewUser): NewRow<'app_user'> {
  return {
    id: user.id,
    username: user.username,
    mobile: user.mobile,
    display_name: user.displayName,
    password_hash: user.passwordHash,
    unit_id: user.unitId,
    region_code: user.regionCode,
    status: 'active',
    locale: 'zh-CN',
    failed_logins: 0,
    locked_until: null,
    must_change_password: user.mustChangePassword ? 1 : 0,
    password_changed_at: user.now,
    totp_secret: null,
    totp_enabled: 0,
    created_at: user.now,
    updated_at: user.now,
  };
}

/** A user's unit must exist and lie in the caller's area. */
async function assertUnitUsable(db: Db, principal: Principal, unitId: string): Promise<void> {
  const unit = await db
    .selectFrom('unit')
    .select('region_code')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit || !can(principal, 'user.write', unit.region_code)) {
    throw fieldError('unitId', `unit ${unitId} is not in your area`, 'unit.unknown');
  }
}

/** A grant needs user.write over its region; sysadmin can only be granted by a sysadmin there. */
async function assertMayGrant(
  db: Db,
  principal: Principal,
  grant: GrantInput,
  field: string,
): Promise<void> {
  await assertRegionExists(db, grant.regionCode, `${field}.regionCode`);
  if (!can(principal, 'user.write', grant.regionCode)) {
    throw new AppError(
      'FORBIDDEN',
      'grant region out of scope',
      { fields: [{ field: `${field}.regionCode`, message: 'out of scope' }] },
      'region.outOfScope',
    );
  }
  const holdsRole = principal.grants.some(
    (g) => g.role === 'sysadmin' && isWithin(grant.regionCode, g.regionCode),
  );
  if (grant.role === 'sysadmin' && !holdsRole) {
    throw new AppError(
      'FORBIDDEN',
      'only a sysadmin grants sysadmin',
      { fields: [{ field: `${field}.role`, message: 'not allowed' }] },
      'grant.roleNotAllowed',
    );
  }
}

async function insertGrant(trx: Trx, actor: Actor, userId: string, grant: GrantInput) {
  return insertAudited(
    trx,
    actor,
    'role_grant',
    {
      id: newId(),
      user_id: userId,
      role: grant.role,
      region_code: grant.regionCode,
      created_at: new Date().toISOString(),
      created_by: actor.id,
    },
    'user.grantAdded',
  );
}

/**
 * Create an account in the caller's area with its grants, all in one audited transaction.
 * Username and mobile are unique; the password must meet the rules.
 */
export async function createUser(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: CreateUserBody,
): Promise<UserDto> {
  requirePermission(principal, 'user.write', body.regionCode);
  await assertRegionExists(db, body.regionCode, 'regionCode');
  for (const [i, grant] of body.grants.entries())
    await assertMayGrant(db, principal, grant, `grants.${i}`);
  if (body.unitId) await assertUnitUsable(db, principal, body.unitId);
  assertPasswordRules(body.password, body.username, 'password');
  await assertUnique(db, body.username, body.mobile ?? null, null);
  const passwordHash = await hashPassword(body.password);
  const now = new Date().toISOString();
  const id = newId();
  await transact(db, async (trx) => {
    await insertAudited(
      trx,
      actor,
      'app_user',
      newUserRow({
        id,
        username: body.username,
        displayName: body.displayName,
        passwordHash,
        regionCode: body.regionCode,
        unitId: body.unitId ?? null,
        mobile: body.mobile ?? null,
        mustChangePassword: true,
        now,
      }),
    );
    for (const grant of dedupe(body.grants)) await insertGrant(trx, actor, id, grant);
  });
  return getUser(db, principal, id);
}

function dedupe(grants: GrantInput[]): GrantInput[] {
  const seen = new Set<string>();
  return grants.filter((g) => !seen.has(g.role + g.regionCode) && seen.add(g.role + g.regionCode));
}

async function assertUnique(
  db: Db,
  username: string,
  mobile: string | null,
  exceptId: string | null,
) {
  const clashes = (await findUserByUsernameOrMobile(db, username, mobile)).filter(
    (u) => u.id !== exceptId,
  );
  if (clashes.some((u) => u.username === username)) {
    throw new AppError(
      'CONFLICT',
      'username taken',
      { fields: [{ field: 'username', message: 'taken' }] },
      'username.taken',
    );
  }
  if (mobile && clashes.some((u) => u.mobile === mobile)) {
    throw new AppError(
      'CONFLICT',
      'mobile taken',
      { fields: [{ field: 'mobile', message: 'taken' }] },
      'mobile.taken',
    );
  }
}

export async function updateUser(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: UpdateUserBody,
) {
  const user = await loadUser(db, principal, id, 'user.write');
  if (body.mobile) await assertUnique(db, user.username, body.mobile, user.id);
  if (body.unitId) await assertUnitUsable(db, principal, body.unitId);
  await transact(db, (trx) =>
    updateAudited(trx, actor, 'app_user', id, {
      ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
      ...(body.mobile !== undefined ? { mobile: body.mobile } : {}),
      ...(body.unitId !== undefined ? { unit_id: body.unitId } : {}),
      updated_at: new Date().toISOString(),
    }),
  );
  return getUser(db, principal, id);
}

/** Disable or re-enable an account; disabling ends its sessions. One cannot disable oneself. */
export async function setUserStatus(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  status: 'active' | 'disabled',
): Promise<UserDto> {
  const user = await loadUser(db, principal, id, 'user.write');
  if (user.id === principal.userId && status === 'disabled') {
    throw new AppError('BAD_REQUEST', 'cannot disable oneself', undefined, 'user.self');
  }
  await transact(db, async (trx) => {
    await updateAudited(
      trx,
      actor,
      'app_user',
      id,
      { status, failed_logins: 0, locked_until: null, updated_at: new Date().toISOString() },
      status === 'disabled' ? 'user.disabled' : 'user.enabled',
    );
    if (status === 'disabled') await deleteSessionsOfUser(trx, id);
  });
  return getUser(db, principal, id);
}

/** Set a new password that the user must change at next login; ends their sessions. */
export async function resetPassword(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  password: string,
) {
  const user = await loadUser(db, principal, id, 'user.write');
  assertPasswordRules(password, user.username, 'password');
  const passwordHash = await hashPassword(password);
  await transact(db, async (trx) => {
    const now = new Date().toISOString();
    await updateAudited(
      trx,
      actor,
      'app_user',
      id,
      {
        password_hash: passwordHash,
        must_change_password: 1,
        password_changed_at: now,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
      },
      'user.passwordReset',
    );
    await deleteSessionsOfUser(trx, id);
  });
}

export async function addGrant(
  db: Db,
  principal: Principal,
  actor: Actor,
  userId: string,
  grant: GrantInput,
) {
  await loadUser(db, principal, userId, 'user.write');
  await assertMayGrant(db, principal, grant, 'grant');
  const existing = await grantsOfUsers(db, [userId]);
  if (existing.some((g) => g.role === grant.role && g.region_code === grant.regionCode)) {
    throw new AppError('CONFLICT', 'grant exists');
  }
  await transact(db, (trx) => insertGrant(trx, actor, userId, grant));
  return getUser(db, principal, userId);
}

export async function removeGrant(
  db: Db,
  principal: Principal,
  actor: Actor,
  userId: string,
  grantId: string,
) {
  await loadUser(db, principal, userId, 'user.write');
  const grant = await findGrant(db, grantId);
  if (!grant || grant.user_id !== userId) throw new AppError('NOT_FOUND', 'grant');
  requirePermission(principal, 'user.write', grant.region_code);
  await transact(db, (trx) =>
    deleteAudited(trx, actor, 'role_grant', grantId, 'user.grantRemoved'),
  );
  return getUser(db, principal, userId);
}

/** Show a user's full mobile number; the read itself is audited. */
export async function revealMobile(db: Db, principal: Principal, actor: Actor, id: string) {
  const user = await loadUser(db, principal, id, 'user.read');
  requirePermission(principal, 'user.readSensitive', user.region_code);
  await transact(db, (trx) =>
    appendAudit(trx, actor, {
      action: 'user.mobileRead',
      entity: 'app_user',
      entityId: id,
      regionCode: user.region_code,
      data: { meta: { field: 'mobile' } },
    }),
  );
  return { mobile: user.mobile };
}
