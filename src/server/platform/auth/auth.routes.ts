import { ADMIN_ROLES, PERMISSIONS } from '../../../shared/permissions.js';
import {
  ChangePasswordBody,
  LocaleBody,
  LoginBody,
  PasswordBody,
  Session,
  TotpCodeBody,
  TotpSetup,
  type Me,
} from '../../../shared/schemas/auth.js';
import { Ok } from '../../../shared/schemas/common.js';
import { regionNames } from '../../modules/regions/regions.queries.js';
import { scopeOf, type Principal } from '../access/access.js';
import { updateAudited, transact } from '../audit/audit.js';
import type { Db } from '../../db/schema.js';
import { actorOf, principalOf, type App } from '../http/types.js';
import { findUserById } from './auth.queries.js';
import {
  authenticate,
  changePassword,
  disableTotp,
  enableTotp,
  login,
  logout,
  startTotp,
} from './auth.service.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'qf_session';

/** The logged-in user as the web app sees it: grants with region names, permissions by region. */
export async function toMe(db: Db, principal: Principal): Promise<Me> {
  const user = await findUserById(db, principal.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'no such user');
  const names = await regionNames(
    db,
    principal.grants.map((g) => g.regionCode),
  );
  const permissions: Me['permissions'] = {};
  for (const permission of PERMISSIONS) {
    const roots = scopeOf(principal, permission).roots;
    if (roots.length) permissions[permission] = roots;
  }
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    regionCode: user.region_code,
    locale: user.locale === 'en-US' ? 'en-US' : 'zh-CN',
    mustChangePassword: user.must_change_password === 1,
    totpEnabled: user.totp_enabled === 1,
    canUseTotp: principal.grants.some((g) => ADMIN_ROLES.includes(g.role)),
    grants: principal.grants.map((g) => ({
      ...g,
      regionName: names.get(g.regionCode) ?? g.regionCode,
    })),
    permissions,
  };
}

export function registerAuthRoutes(app: App): void {
  const { db, config } = app;
  const tags = ['auth'];

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, body: LoginBody, response: { 200: Session } },
      config: {
        access: { public: true },
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const result = await login(
        db,
        config,
        request.body,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      const session = await authenticate(db, config, result.token);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        signed: true,
        maxAge: config.sessionAbsoluteHours * 3600,
      });
      return { user: await toMe(db, session.principal), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, response: { 200: Ok } }, config: { access: { user: true } } },
    async (request, reply) => {
      await logout(db, principalOf(request), request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, response: { 200: Session } }, config: { access: { user: true } } },
    async (request) => ({
      user: await toMe(db, principalOf(request)),
      csrfToken: request.csrfToken ?? '',
    }),
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: { tags, body: ChangePasswordBody, response: { 200: Ok } },
      config: { access: { user: true } },
    },
    async (request) => {
      await changePassword(db, principalOf(request), request.body, request.ip);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/locale',
    {
      schema: { tags, body: LocaleBody, response: { 200: Ok } },
      config: { access: { user: true } },
    },
    async (request) => {
      const principal = principalOf(request);
      await transact(db, (trx) =>
        updateAudited(
          trx,
          actorOf(request),
          'app_user',
          principal.userId,
          { locale: request.body.locale },
          'auth.locale',
        ),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/totp/setup',
    { schema: { tags, response: { 200: TotpSetup } }, config: { access: { user: true } } },
    async (request) => startTotp(db, principalOf(request), request.ip),
  );

  app.post(
    '/api/v1/auth/totp/enable',
    {
      schema: { tags, body: TotpCodeBody, response: { 200: Ok } },
      config: { access: { user: true } },
    },
    async (request) => {
      await enableTotp(db, principalOf(request), request.body.code, request.ip);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/totp/disable',
    {
      schema: { tags, body: PasswordBody, response: { 200: Ok } },
      config: { access: { user: true } },
    },
    async (request) => {
      await disableTotp(db, principalOf(request), request.body.password, request.ip);
      return { ok: true as const };
    },
  );
}
