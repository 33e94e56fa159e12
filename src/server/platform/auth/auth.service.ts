import { createHash, randomBytes } from 'node:crypto';
import { ADMIN_ROLES } from '../../../shared/permissions.js';
import { passwordProblem } from '../../../shared/password.js';
import type { Config } from '../../config.js';
import type { Db, Row } from '../../db/schema.js';
import type { Principal } from '../access/access.js';
import { appendAudit, recordEvent, updateAudited, type Actor, transact } from '../audit/audit.js';
import { AppError, fieldError } from '../errors.js';
import {
  deleteSession,
  deleteSessionsOfUser,
  findSessionWithUser,
  findUserById,
  findUserByLogin,
  grantsOf,
  insertSession,
  touchSession,
} from './auth.queries.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
import { cachedSession, forgetSession, rememberSession, sessionStamp } from './session-cache.js';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const sessionIds = new Map<string, string>();

/** Sessions are stored under a digest of their token, so the database never holds a token. */
export function sessionIdOf(token: string): string {
  let id = sessionIds.get(token);
  if (id === undefined) {
    id = createHash('sha256').update(token).digest('base64url');
    if (sessionIds.size >= 10_000) sessionIds.clear();
    sessionIds.set(token, id);
  }
  return id;
}

export interface LoginInput {
  login: string;
  password: string;
  totp?: string | undefined;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: string;
  mustChangePassword: boolean;
}

function actorOf(user: Row<'app_user'>, ip: string | null): Actor {
  return { id: user.id, name: user.username, ip };
}

/** Audit a login refused without changing the account (it is locked or disabled). */
function recordRefusal(
  db: Db,
  user: Row<'app_user'>,
  ip: string | null,
  reason: 'locked' | 'disabled',
) {
  return recordEvent(db, actorOf(user, ip), {
    action: 'auth.loginFailed',
    entity: 'app_user',
    entityId: user.id,
    regionCode: user.region_code,
    data: { meta: { reason } },
  });
}

/**
 * Log in by username or mobile number. Five wrong passwords in a row lock the account for
 * 15 minutes; a disabled account never logs in; every attempt on a known account is audited.
 */
export async function login(
  db: Db,
  config: Config,
  input: LoginInput,
  ip: string | null,
  userAgent: string | null,
  now = new Date(),
): Promise<LoginResult> {
  const user = await findUserByLogin(db, input.login.trim());
  if (!user) {
    await burnPasswordCheck(input.password);
    throw new AppError('INVALID_CREDENTIALS', 'wrong login or password');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await recordRefusal(db, user, ip, 'locked');
    throw new AppError('ACCOUNT_LOCKED', 'account locked', { lockedUntil: user.locked_until });
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (passwordOk && user.status !== 'active') {
    await recordRefusal(db, user, ip, 'disabled');
    throw new AppError('ACCOUNT_DISABLED', 'account disabled');
  }
  if (passwordOk && user.totp_enabled === 1 && !input.totp) {
    throw new AppError('TOTP_REQUIRED', 'TOTP code required');
  }
  const totpOk = user.totp_enabled !== 1 || verifyTotp(user.totp_secret ?? '', input.totp ?? '');
  const actor = actorOf(user, ip);

  if (!passwordOk || !totpOk) {
    const failures = user.failed_logins + 1;
    const locks = failures >= MAX_FAILED_LOGINS;
    const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    await transact(db, (trx) =>
      updateAudited(
        trx,
        actor,
        'app_user',
        user.id,
        {
          failed_logins: locks ? 0 : failures,
          locked_until: locks ? lockedUntil : user.locked_until,
        },
        locks ? 'auth.locked' : 'auth.loginFailed',
      ),
    );
    if (locks) throw new AppError('ACCOUNT_LOCKED', 'account locked', { lockedUntil });
    if (!totpOk && passwordOk)
      throw new AppError('TOTP_REQUIRED', 'wrong TOTP code', undefined, 'totp.invalid');
    throw new AppError('INVALID_CREDENTIALS', 'wrong login or password', {
      attemptsLeft: MAX_FAILED_LOGINS - failures,
    });
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  await transact(db, async (trx) => {
    await insertSession(trx, {
      id: sessionIdOf(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + config.sessionAbsoluteHours * 3_600_000).toISOString(),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    if (user.failed_logins !== 0 || user.locked_until !== null) {
      await updateAudited(
        trx,
        actor,
        'app_user',
        user.id,
        { failed_logins: 0, locked_until: null },
        'auth.login',
      );
    } else {
      await appendAudit(trx, actor, {
        action: 'auth.login',
        entity: 'app_user',
        entityId: user.id,
        regionCode: user.region_code,
        data: { meta: { userAgent: userAgent?.slice(0, 120) ?? null } },
      });
    }
  });
  return { token, csrfToken, userId: user.id, mustChangePassword: user.must_change_password === 1 };
}

export interface AuthenticatedSession {
  principal: Principal;
  csrfToken: string;
}

/**
 * The caller behind a session token, or an error when the session is unknown, idle past
 * its limit, past its absolute lifetime, or its user is disabled.
 */
export async function authenticate(
  db: Db,
  config: Config,
  token: string,
  now = new Date(),
): Promise<AuthenticatedSession> {
  const sessionId = sessionIdOf(token);
  const at = now.getTime();
  const idleMs = config.sessionIdleMinutes * 60_000;
  const cached = cachedSession(db, sessionId, at);
  if (cached && cached.expiresAt > at && at - cached.lastSeenAt <= idleMs) {
    if (at - cached.lastSeenAt > TOUCH_EVERY_MS) {
      await touchSession(db, sessionId, now.toISOString());
      cached.lastSeenAt = at;
    }
    return { principal: cached.principal, csrfToken: cached.csrfToken };
  }
  const stamp = sessionStamp(db);
  const row = await findSessionWithUser(db, sessionId);
  if (!row) throw new AppError('SESSION_EXPIRED', 'no such session');
  const lastSeenAt = Math.max(Date.parse(row.last_seen_at), cached?.lastSeenAt ?? 0);
  if (Date.parse(row.expires_at) <= at || at - lastSeenAt > idleMs || row.status !== 'active') {
    await deleteSession(db, sessionId);
    forgetSession(db, sessionId);
    throw new AppError('SESSION_EXPIRED', 'session expired');
  }
  if (at - lastSeenAt > TOUCH_EVERY_MS) await touchSession(db, sessionId, now.toISOString());
  const entry = {
    csrfToken: row.csrf_token,
    principal: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      unitId: row.unit_id,
      regionCode: row.region_code,
      locale: row.locale,
      grants: await grantsOf(db, row.user_id),
      sessionId,
    },
    lastSeenAt: at - lastSeenAt > TOUCH_EVERY_MS ? at : lastSeenAt,
    expiresAt: Date.parse(row.expires_at),
    loadedAt: at,
    stamp,
  };
  rememberSession(db, sessionId, entry);
  return { principal: entry.principal, csrfToken: entry.csrfToken };
}

/** End the caller's session; audited. */
export async function logout(db: Db, principal: Principal, ip: string | null): Promise<void> {
  await transact(db, async (trx) => {
    await deleteSession(trx, principal.sessionId);
    forgetSession(trx, principal.sessionId);
    await appendAudit(
      trx,
      { id: principal.userId, name: principal.username, ip },
      {
        action: 'auth.logout',
        entity: 'app_user',
        entityId: principal.userId,
        regionCode: principal.regionCode,
        data: { meta: {} },
      },
    );
  });
}

/** Check a new password against the rules; throws a field error naming `field`. */
export function assertPasswordRules(
  password: string,
  username: string,
  field = 'newPassword',
): void {
  const problem = passwordProblem(password, username);
  if (problem) {
    throw new AppError(
      'WEAK_PASSWORD',
      'password does not meet the rules',
      { fields: [{ field, message: problem }] },
      problem,
    );
  }
}

/**
 * Change one's own password: the current one must be right, the new one must meet the
 * rules and differ; every other session of the user ends.
 */
export async function changePassword(
  db: Db,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<void> {
  const user = await findUserById(db, principal.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'no such user');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw fieldError('currentPassword', 'current password is wrong', 'password.current');
  }
  if (input.currentPassword === input.newPassword) {
    throw fieldError('newPassword', 'new password equals the current one', 'password.same');
  }
  assertPasswordRules(input.newPassword, user.username);
  const passwordHash = await hashPassword(input.newPassword);
  await transact(db, async (trx) => {
    await updateAudited(
      trx,
      actorOf(user, ip),
      'app_user',
      user.id,
      {
        password_hash: passwordHash,
        must_change_password: 0,
        password_changed_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      },
      'auth.passwordChanged',
    );
    await deleteSessionsOfUser(trx, user.id, principal.sessionId);
  });
}

function assertAdmin(principal: Principal): void {
  if (!principal.grants.some((g) => ADMIN_ROLES.includes(g.role))) {
    throw new AppError('FORBIDDEN', 'TOTP is offered to admin roles');
  }
}

/** Start TOTP enrolment: store a new secret, not yet enabled, and return it for the app. */
export async function startTotp(db: Db, principal: Principal, ip: string | null) {
  assertAdmin(principal);
  const secret = newTotpSecret();
  await transact(db, (trx) =>
    updateAudited(
      trx,
      { id: principal.userId, name: principal.username, ip },
      'app_user',
      principal.userId,
      { totp_secret: secret, totp_enabled: 0, updated_at: new Date().toISOString() },
      'auth.totpStarted',
    ),
  );
  return { secret, otpauthUrl: otpauthUrl(secret, principal.username) };
}

/** Turn TOTP on once the user proves the app shows the right code. */
export async function enableTotp(db: Db, principal: Principal, code: string, ip: string | null) {
  assertAdmin(principal);
  const user = await findUserById(db, principal.userId);
  if (!user?.totp_secret || !verifyTotp(user.totp_secret, code)) {
    throw fieldError('code', 'wrong TOTP code', 'totp.invalid');
  }
  await transact(db, (trx) =>
    updateAudited(
      trx,
      { id: principal.userId, name: principal.username, ip },
      'app_user',
      principal.userId,
      { totp_enabled: 1, updated_at: new Date().toISOString() },
      'auth.totpEnabled',
    ),
  );
}

/** Turn TOTP off; needs the password. */
export async function disableTotp(
  db: Db,
  principal: Principal,
  password: string,
  ip: string | null,
) {
  const user = await findUserById(db, principal.userId);
  if (!user || !(await verifyPassword(user.password_hash, password))) {
    throw fieldError('password', 'password is wrong', 'password.current');
  }
  await transact(db, (trx) =>
    updateAudited(
      trx,
      { id: principal.userId, name: principal.username, ip },
      'app_user',
      principal.userId,
      { totp_enabled: 0, totp_secret: null, updated_at: new Date().toISOString() },
      'auth.totpDisabled',
    ),
  );
}
