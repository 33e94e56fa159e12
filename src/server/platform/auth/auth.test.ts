import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  DEMO_PASSWORD,
  type Client,
  type Reply,
  type TestContext,
  countRows,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type { Session } from '../../../shared/schemas/auth.js';
import { AppError } from '../errors.js';
import { authenticate, LOCK_MINUTES, login, sessionIdOf } from './auth.service.js';
import { totpCode } from './totp.js';

const PASSWORD = 'Start#2026x';
const MINUTE = 60_000;
const CJK = /[\u4e00-\u9fff]/;

function errorOf(reply: Reply): ErrorBody['error'] {
  return reply.json<ErrorBody>().error;
}

/** The AppError a promise rejects with (fails the test when it resolves). */
async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(DB_KINDS)('auth on %s', (kind) => {
  let ctx: TestContext;
  let admin: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    admin = await ctx.login('admin');
  });
  afterAll(() => ctx.close());

  /** A fresh account, so that failed logins and password changes touch no shared user. */
  async function newUser(
    username: string,
    role: 'village_cadre' | 'town_admin' = 'village_cadre',
    regionCode: string = role === 'town_admin' ? DEMO.town : DEMO.villageA,
  ): Promise<string> {
    const created = await admin.post('/api/v1/users', {
      username,
      displayName: `测试${username}`,
      regionCode,
      password: PASSWORD,
      grants: [{ role, regionCode }],
    });
    expect(created.status).toBe(201);
    return created.json<{ id: string }>().id;
  }

  function postLogin(body: Record<string, unknown>): Promise<Reply> {
    return ctx.anon.post('/api/v1/auth/login', body);
  }

  async function actionsOf(userId: string): Promise<string[]> {
    const rows = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', userId)
      .where('action', 'like', 'auth.%')
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.action);
  }

  async function principalFor(username: string, password = PASSWORD) {
    const result = await login(
      ctx.db,
      ctx.config,
      { login: username, password },
      '127.0.0.1',
      'vitest',
    );
    return (await authenticate(ctx.db, ctx.config, result.token)).principal;
  }

  it('logs in by username and by mobile number, and audits each login', async () => {
    const cadre = await ctx.db
      .selectFrom('app_user')
      .select(['id', 'mobile'])
      .where('username', '=', 'cadre')
      .executeTakeFirstOrThrow();
    expect(cadre.mobile).toMatch(/^1\d{10}$/);
    const before = (await actionsOf(cadre.id)).filter((a) => a === 'auth.login').length;

    const byName = await postLogin({ login: 'cadre', password: DEMO_PASSWORD });
    expect(byName.status).toBe(200);
    expect(byName.json<Session>().user.username).toBe('cadre');
    expect(byName.json<Session>().csrfToken).not.toBe('');

    const byMobile = await postLogin({ login: cadre.mobile, password: DEMO_PASSWORD });
    expect(byMobile.status).toBe(200);
    expect(byMobile.json<Session>().user.id).toBe(cadre.id);

    expect((await actionsOf(cadre.id)).filter((a) => a === 'auth.login')).toHaveLength(before + 2);
  });

  it('refuses a wrong password with the attempts left, and audits it', async () => {
    const id = await newUser('wrongpw1');
    const reply = await postLogin({ login: 'wrongpw1', password: 'Wrong#2026x' });
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe('INVALID_CREDENTIALS');
    expect(errorOf(reply).details?.attemptsLeft).toBe(4);
    expect(errorOf(reply).message).toMatch(CJK);
    expect(await actionsOf(id)).toEqual(['auth.loginFailed']);

    const unknown = await postLogin({ login: 'nobody-here', password: 'Wrong#2026x' });
    expect(unknown.status).toBe(401);
    expect(errorOf(unknown).code).toBe('INVALID_CREDENTIALS');

    // A right password resets the count.
    expect((await postLogin({ login: 'wrongpw1', password: PASSWORD })).status).toBe(200);
    const row = await ctx.db
      .selectFrom('app_user')
      .select('failed_logins')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(0);
    expect(await actionsOf(id)).toEqual(['auth.loginFailed', 'auth.login']);
  });

  it('locks the account after five wrong passwords until 15 minutes pass', async () => {
    const id = await newUser('lockme1');
    for (let attempt = 1; attempt <= 4; attempt++) {
      const reply = await postLogin({ login: 'lockme1', password: 'Wrong#2026x' });
      expect(reply.status).toBe(401);
      expect(errorOf(reply).details?.attemptsLeft).toBe(5 - attempt);
    }
    const locking = await postLogin({ login: 'lockme1', password: 'Wrong#2026x' });
    expect(locking.status).toBe(423);
    expect(errorOf(locking).code).toBe('ACCOUNT_LOCKED');
    const lockedUntil = Date.parse(String(errorOf(locking).details?.lockedUntil));
    expect(lockedUntil).toBeGreaterThan(Date.now() + (LOCK_MINUTES - 1) * MINUTE);

    // The right password is refused while the lock holds; the refusal is audited too.
    const refused = await postLogin({ login: 'lockme1', password: PASSWORD });
    expect(refused.status).toBe(423);
    expect(errorOf(refused).code).toBe('ACCOUNT_LOCKED');
    const almost = await appErrorOf(
      login(
        ctx.db,
        ctx.config,
        { login: 'lockme1', password: PASSWORD },
        null,
        null,
        new Date(lockedUntil - MINUTE),
      ),
    );
    expect(almost.code).toBe('ACCOUNT_LOCKED');
    expect(
      await ctx.db.selectFrom('user_session').select('id').where('user_id', '=', id).execute(),
    ).toEqual([]);

    const later = new Date(lockedUntil + 1000);
    const result = await login(
      ctx.db,
      ctx.config,
      { login: 'lockme1', password: PASSWORD },
      null,
      null,
      later,
    );
    expect(result.userId).toBe(id);
    const row = await ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).toBeNull();
    expect(row.failed_logins).toBe(0);

    expect(await actionsOf(id)).toEqual([
      'auth.loginFailed',
      'auth.loginFailed',
      'auth.loginFailed',
      'auth.loginFailed',
      'auth.locked',
      'auth.loginFailed',
      'auth.loginFailed',
      'auth.login',
    ]);
  });

  it('never logs a disabled account in', async () => {
    const id = await newUser('disabled1');
    expect((await admin.post(`/api/v1/users/${id}/disable`)).status).toBe(200);
    const reply = await postLogin({ login: 'disabled1', password: PASSWORD });
    expect(reply.status).toBe(403);
    expect(errorOf(reply).code).toBe('ACCOUNT_DISABLED');
    expect(
      await ctx.db.selectFrom('user_session').select('id').where('user_id', '=', id).execute(),
    ).toEqual([]);
    expect((await actionsOf(id)).at(-1)).toBe('auth.loginFailed');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const reply = await postLogin({ login: 'cadre', password: DEMO_PASSWORD });
    const cookie = reply.raw.cookies.find((c) => c.name === 'qf_session');
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    const header = String(reply.raw.headers['set-cookie']);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
  });

  it('refuses a change without the right CSRF token and changes nothing', async () => {
    const cadre = await ctx.login('cadre');
    const localeOf = async () =>
      (
        await ctx.db
          .selectFrom('app_user')
          .select('locale')
          .where('username', '=', 'cadre')
          .executeTakeFirstOrThrow()
      ).locale;
    const countEvents = () => countRows(ctx.db, 'audit_event');
    const locale = await localeOf();
    const events = await countEvents();

    const missing = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/locale',
      headers: { cookie: cadre.cookie },
      payload: { locale: 'en-US' },
    });
    expect(missing.statusCode).toBe(403);
    expect((JSON.parse(missing.body) as ErrorBody).error.code).toBe('CSRF');

    const wrong = await cadre.post(
      '/api/v1/auth/locale',
      { locale: 'en-US' },
      { 'x-csrf-token': 'not-the-token' },
    );
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong).code).toBe('CSRF');

    expect(await localeOf()).toBe(locale);
    expect(await countEvents()).toBe(events);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    await newUser('idle1');
    const t0 = new Date();
    const { token } = await login(
      ctx.db,
      ctx.config,
      { login: 'idle1', password: PASSWORD },
      null,
      null,
      t0,
    );
    // Activity keeps the session alive.
    await authenticate(ctx.db, ctx.config, token, new Date(t0.getTime() + 20 * MINUTE));
    await authenticate(ctx.db, ctx.config, token, new Date(t0.getTime() + 40 * MINUTE));
    const idle = await appErrorOf(
      authenticate(ctx.db, ctx.config, token, new Date(t0.getTime() + 71 * MINUTE)),
    );
    expect(idle.code).toBe('SESSION_EXPIRED');
    const row = await ctx.db
      .selectFrom('user_session')
      .select('id')
      .where('id', '=', sessionIdOf(token))
      .executeTakeFirst();
    expect(row).toBeUndefined();

    const second = await login(
      ctx.db,
      ctx.config,
      { login: 'idle1', password: PASSWORD },
      null,
      null,
      t0,
    );
    const expired = await appErrorOf(
      authenticate(ctx.db, ctx.config, second.token, new Date(t0.getTime() + 31 * MINUTE)),
    );
    expect(expired.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session after its absolute lifetime however busy it is', async () => {
    await newUser('absolute1');
    const t0 = new Date();
    const { token } = await login(
      ctx.db,
      ctx.config,
      { login: 'absolute1', password: PASSWORD },
      null,
      null,
      t0,
    );
    const lifetime = ctx.config.sessionAbsoluteHours * 60 * MINUTE;
    for (let at = 20 * MINUTE; at < lifetime; at += 20 * MINUTE) {
      await authenticate(ctx.db, ctx.config, token, new Date(t0.getTime() + at));
    }
    const error = await appErrorOf(
      authenticate(ctx.db, ctx.config, token, new Date(t0.getTime() + lifetime)),
    );
    expect(error.code).toBe('SESSION_EXPIRED');
  });

  it('ends the session on logout', async () => {
    const client = await ctx.login('cadre');
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    const out = await client.post('/api/v1/auth/logout');
    expect(out.status).toBe(200);
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect(errorOf(me).code).toBe('SESSION_EXPIRED');
  });

  it('changes the password: checks the current one and the rules, ends other sessions', async () => {
    const id = await newUser('changer1');
    const first = await ctx.login('changer1', PASSWORD);
    const second = await ctx.login('changer1', PASSWORD);

    const wrongCurrent = await first.post('/api/v1/auth/password', {
      currentPassword: 'Nope#2026x',
      newPassword: 'Better#2026x',
    });
    expect(wrongCurrent.status).toBe(400);
    expect(errorOf(wrongCurrent).code).toBe('VALIDATION');
    expect(errorOf(wrongCurrent).details?.fields?.map((f) => f.field)).toEqual(['currentPassword']);

    for (const weak of ['abcdefgh', 'Abcdefgh', 'Ab1']) {
      const zh = await first.post('/api/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: weak,
      });
      expect(zh.status).toBe(422);
      expect(errorOf(zh).code).toBe('WEAK_PASSWORD');
      expect(errorOf(zh).message).toBe('密码不符合要求');
      const [field] = errorOf(zh).details?.fields ?? [];
      expect(field?.field).toBe('newPassword');
      expect(field?.message).toMatch(CJK);

      const en = await first.post(
        '/api/v1/auth/password',
        { currentPassword: PASSWORD, newPassword: weak },
        { 'x-qf-locale': 'en-US' },
      );
      expect(en.status).toBe(422);
      expect(errorOf(en).message).toBe('The password does not meet the rules');
      const [enField] = errorOf(en).details?.fields ?? [];
      expect(enField?.field).toBe('newPassword');
      expect(enField?.message).toMatch(/^At least 8 characters/);
      expect(errorOf(en).message).not.toMatch(CJK);
    }
    const withName = await first.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Changer1#xyz',
    });
    expect(withName.status).toBe(422);
    expect(errorOf(withName).details?.fields).toEqual([
      { field: 'newPassword', message: '密码不能包含用户名' },
    ]);
    const same = await first.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
    });
    expect(same.status).toBe(400);
    expect(errorOf(same).details?.fields).toEqual([
      { field: 'newPassword', message: '新密码不能与当前密码相同' },
    ]);
    // None of the refusals changed anything.
    expect((await actionsOf(id)).filter((a) => a === 'auth.passwordChanged')).toEqual([]);

    const ok = await first.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Better#2026x',
    });
    expect(ok.status).toBe(200);
    expect((await first.get('/api/v1/auth/me')).status).toBe(200);
    expect((await second.get('/api/v1/auth/me')).status).toBe(401);
    expect((await postLogin({ login: 'changer1', password: PASSWORD })).status).toBe(401);
    const fresh = await postLogin({ login: 'changer1', password: 'Better#2026x' });
    expect(fresh.status).toBe(200);
    expect(fresh.json<Session>().user.mustChangePassword).toBe(false);
    expect(await actionsOf(id)).toContain('auth.passwordChanged');
  });

  it('offers TOTP to admins: setup, enable, then login needs the code', async () => {
    const id = await newUser('totpadmin', 'town_admin');
    const client = await ctx.login('totpadmin', PASSWORD);
    const setup = await client.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>();
    expect(otpauthUrl).toContain(`secret=${secret}`);

    const badEnable = await client.post('/api/v1/auth/totp/enable', { code: wrongCode(secret) });
    expect(badEnable.status).toBe(400);
    expect(errorOf(badEnable).details?.fields?.[0]?.field).toBe('code');
    const enable = await client.post('/api/v1/auth/totp/enable', {
      code: totpCode(secret, Date.now()),
    });
    expect(enable.status).toBe(200);
    expect((await client.get('/api/v1/auth/me')).json<Session>().user.totpEnabled).toBe(true);

    const without = await postLogin({ login: 'totpadmin', password: PASSWORD });
    expect(without.status).toBe(401);
    expect(errorOf(without).code).toBe('TOTP_REQUIRED');

    const failedBefore = (await actionsOf(id)).filter((a) => a === 'auth.loginFailed').length;
    const wrong = await postLogin({
      login: 'totpadmin',
      password: PASSWORD,
      totp: wrongCode(secret),
    });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).code).toBe('TOTP_REQUIRED');
    expect((await actionsOf(id)).filter((a) => a === 'auth.loginFailed')).toHaveLength(
      failedBefore + 1,
    );

    const right = await postLogin({
      login: 'totpadmin',
      password: PASSWORD,
      totp: totpCode(secret, Date.now()),
    });
    expect(right.status).toBe(200);
    expect(right.json<Session>().user.totpEnabled).toBe(true);

    const cadre = await ctx.login('cadre');
    const refused = await cadre.post('/api/v1/auth/totp/setup');
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    const row = await ctx.db
      .selectFrom('app_user')
      .select('totp_secret')
      .where('username', '=', 'cadre')
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toBeNull();
  });

  it('lets services act for the principal behind a session', async () => {
    await newUser('principal1');
    const principal = await principalFor('principal1');
    expect(principal.username).toBe('principal1');
    expect(principal.grants).toEqual([
      expect.objectContaining({ role: 'village_cadre', regionCode: DEMO.villageA }),
    ]);
  });
});

/** A six-digit code that is not valid in the current window (nor one step either side). */
function wrongCode(secret: string): string {
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((drift) => totpCode(secret, now + drift * 30_000)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

describe.each(DB_KINDS)('login rate limit on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { QF_LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(() => ctx.close());

  it('refuses the fourth login attempt from one address within a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await ctx.anon.post('/api/v1/auth/login', { login: 'cadre', password: 'Wrong#2026x' }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401]);
    const fourth = await ctx.anon.post('/api/v1/auth/login', {
      login: 'cadre',
      password: DEMO_PASSWORD,
    });
    expect(fourth.status).toBe(429);
    expect(errorOf(fourth).code).toBe('RATE_LIMITED');
    expect(errorOf(fourth).message).toMatch(CJK);
    // The refused attempt never reached the account.
    const cadre = await ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'cadre')
      .executeTakeFirstOrThrow();
    const sessions = await ctx.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', cadre.id)
      .execute();
    expect(sessions).toEqual([]);
  });
});
