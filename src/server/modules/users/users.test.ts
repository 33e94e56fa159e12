import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type Reply,
  type TestContext,
  countRows,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import { isWithin } from '../../../shared/region.js';
import type { Session } from '../../../shared/schemas/auth.js';
import type { UserDto } from '../../../shared/schemas/users.js';

const PASSWORD = 'Start#2026x';
const CJK = /[\u4e00-\u9fff]/;

interface Page {
  items: UserDto[];
  total: number;
}

function errorOf(reply: Reply): ErrorBody['error'] {
  return reply.json<ErrorBody>().error;
}

function fieldsOf(reply: Reply): string[] {
  return (errorOf(reply).details?.fields ?? []).map((f) => f.field);
}

describe.each(DB_KINDS)('users on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    town = await ctx.login('town');
  });
  afterAll(() => ctx.close());

  function count(table: 'app_user' | 'role_grant' | 'audit_event' | 'user_session') {
    return countRows(ctx.db, table);
  }

  async function counts() {
    return {
      users: await count('app_user'),
      grants: await count('role_grant'),
      events: await count('audit_event'),
    };
  }

  async function idOf(username: string): Promise<string> {
    const row = await ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  function cadreBody(username: string, regionCode: string = DEMO.villageA) {
    return {
      username,
      displayName: `村干部${username}`,
      regionCode,
      password: PASSWORD,
      grants: [{ role: 'village_cadre', regionCode }],
    };
  }

  it('lets a town admin create a village cadre who must change the password', async () => {
    const created = await town.post('/api/v1/users', cadreBody('newcadre1'));
    expect(created.status).toBe(201);
    const user = created.json<UserDto>();
    expect(user).toMatchObject({
      username: 'newcadre1',
      regionCode: DEMO.villageA,
      status: 'active',
      locked: false,
    });
    expect(user.grants).toEqual([
      expect.objectContaining({ role: 'village_cadre', regionCode: DEMO.villageA }),
    ]);
    const grants = await ctx.db
      .selectFrom('role_grant')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(grants.map((g) => [g.role, g.region_code])).toEqual([['village_cadre', DEMO.villageA]]);
    const events = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name'])
      .where('entity_id', 'in', [user.id, ...grants.map((g) => g.id)])
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'app_user.create', actor_name: 'town' },
      { action: 'user.grantAdded', actor_name: 'town' },
    ]);

    const login = await ctx.anon.post('/api/v1/auth/login', {
      login: 'newcadre1',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.json<Session>().user.mustChangePassword).toBe(true);
  });

  it('keeps a new user inside their village', async () => {
    const cadre = await ctx.login('newcadre1', PASSWORD);
    // A village cadre manages no accounts at all.
    const none = await cadre.get('/api/v1/users');
    expect(none.status).toBe(403);
    expect(errorOf(none).code).toBe('FORBIDDEN');

    // With a read-only role over the village, the user sees that village and nothing else.
    const id = await idOf('newcadre1');
    const granted = await town.post(`/api/v1/users/${id}/grants`, {
      role: 'discipline_officer',
      regionCode: DEMO.villageA,
    });
    expect(granted.status).toBe(200);

    const own = await cadre.get(`/api/v1/users?regionCode=${DEMO.villageA}&pageSize=200`);
    expect(own.status).toBe(200);
    const ownItems = own.json<Page>().items;
    expect(ownItems.map((u) => u.username)).toEqual(expect.arrayContaining(['cadre', 'newcadre1']));
    expect(ownItems.every((u) => u.regionCode === DEMO.villageA)).toBe(true);

    const other = await cadre.get(`/api/v1/users?regionCode=${DEMO.villageB}`);
    expect(other.status).toBe(403);

    const all = await cadre.get('/api/v1/users?pageSize=200');
    expect(all.status).toBe(200);
    const page = all.json<Page>();
    expect(page.items.every((u) => isWithin(u.regionCode, DEMO.villageA))).toBe(true);
    expect(page.items.map((u) => u.username)).not.toContain('cadre2');
    expect(page.total).toBe(page.items.length);

    const cadre2 = await cadre.get(`/api/v1/users/${await idOf('cadre2')}`);
    expect(cadre2.status).toBe(404);
    // Reading is not writing.
    const write = await cadre.patch(`/api/v1/users/${await idOf('cadre')}`, {
      displayName: '改名',
    });
    expect(write.status).toBe(403);
  });

  it('lets a county viewer read users but write nothing', async () => {
    const county = await ctx.login('county');
    const list = await county.get('/api/v1/users?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.json<Page>().total).toBeGreaterThan(10);
    const cadreId = await idOf('cadre');
    expect((await county.get(`/api/v1/users/${cadreId}`)).status).toBe(200);

    const before = await counts();
    const attempts = [
      await county.post('/api/v1/users', cadreBody('bycounty1')),
      await county.post(`/api/v1/users/${cadreId}/disable`),
      await county.post(`/api/v1/users/${cadreId}/grants`, {
        role: 'informant',
        regionCode: DEMO.villageA,
      }),
      await county.patch(`/api/v1/users/${cadreId}`, { displayName: '改名' }),
      await county.post(`/api/v1/users/${cadreId}/reset-password`, { password: 'Reset#2026x' }),
    ];
    for (const reply of attempts) {
      expect(reply.status).toBe(403);
      expect(errorOf(reply).code).toBe('READ_ONLY');
      expect(errorOf(reply).message).toMatch(CJK);
    }
    expect(await counts()).toEqual(before);
    const cadre = await ctx.db
      .selectFrom('app_user')
      .select(['status', 'display_name'])
      .where('id', '=', cadreId)
      .executeTakeFirstOrThrow();
    expect(cadre.status).toBe('active');
    expect(cadre.display_name).not.toBe('改名');
  });

  it('hides the users of another town from its admin', async () => {
    const town2 = await ctx.login('town2');
    const cadreId = await idOf('cadre');
    const before = await counts();
    const read = await town2.get(`/api/v1/users/${cadreId}`);
    expect(read.status).toBe(404);
    expect(errorOf(read).code).toBe('NOT_FOUND');
    const patch = await town2.patch(`/api/v1/users/${cadreId}`, { displayName: '越权' });
    expect(patch.status).toBe(404);
    expect((await town2.post(`/api/v1/users/${cadreId}/disable`)).status).toBe(404);
    expect(
      (await town2.post(`/api/v1/users/${cadreId}/reset-password`, { password: 'Reset#2026x' }))
        .status,
    ).toBe(404);
    const list = await town2.get('/api/v1/users?pageSize=200');
    expect(list.json<Page>().items.every((u) => isWithin(u.regionCode, DEMO.otherTown))).toBe(true);
    const create = await town2.post('/api/v1/users', cadreBody('intruder1'));
    expect(create.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('lets only a sysadmin grant sysadmin', async () => {
    const before = await counts();
    const create = await town.post('/api/v1/users', {
      ...cadreBody('wannabe1', DEMO.town),
      grants: [{ role: 'sysadmin', regionCode: DEMO.town }],
    });
    expect(create.status).toBe(403);
    expect(fieldsOf(create)).toEqual(['grants.0.role']);
    const add = await town.post(`/api/v1/users/${await idOf('cadre')}/grants`, {
      role: 'sysadmin',
      regionCode: DEMO.villageA,
    });
    expect(add.status).toBe(403);
    expect(fieldsOf(add)).toEqual(['grant.role']);
    expect(await counts()).toEqual(before);

    const admin = await ctx.login('admin');
    const byAdmin = await admin.post('/api/v1/users', {
      ...cadreBody('secondadmin', DEMO.town),
      grants: [{ role: 'sysadmin', regionCode: DEMO.town }],
    });
    expect(byAdmin.status).toBe(201);
  });

  it('refuses a taken username or mobile with 409 naming the field', async () => {
    const before = await counts();
    const zh = await town.post('/api/v1/users', cadreBody('cadre'));
    expect(zh.status).toBe(409);
    expect(errorOf(zh).code).toBe('CONFLICT');
    expect(errorOf(zh).details?.fields).toEqual([{ field: 'username', message: '用户名已被使用' }]);
    const en = await town.post('/api/v1/users', cadreBody('cadre'), { 'x-qf-locale': 'en-US' });
    expect(errorOf(en).details?.fields).toEqual([
      { field: 'username', message: 'This username is taken' },
    ]);

    const mobile = await ctx.db
      .selectFrom('app_user')
      .select('mobile')
      .where('username', '=', 'cadre')
      .executeTakeFirstOrThrow();
    const clash = await town.post('/api/v1/users', {
      ...cadreBody('mobileclash'),
      mobile: mobile.mobile,
    });
    expect(clash.status).toBe(409);
    expect(fieldsOf(clash)).toEqual(['mobile']);
    expect(await counts()).toEqual(before);
  });

  it('names every invalid field, in Chinese by default and in English on request', async () => {
    const body = {
      username: '中文',
      regionCode: '123',
      password: PASSWORD,
      grants: [{ role: 'village_cadre', regionCode: 'bad' }],
    };
    const before = await counts();
    const zh = await town.post('/api/v1/users', body);
    expect(zh.status).toBe(400);
    expect(errorOf(zh).code).toBe('VALIDATION');
    expect(errorOf(zh).message).toMatch(CJK);
    const zhFields = errorOf(zh).details?.fields ?? [];
    expect(new Set(zhFields.map((f) => f.field))).toEqual(
      new Set(['username', 'displayName', 'regionCode', 'grants.0.regionCode']),
    );
    for (const field of zhFields) expect(field.message, field.field).toMatch(CJK);

    const en = await town.post('/api/v1/users', body, { 'x-qf-locale': 'en-US' });
    expect(en.status).toBe(400);
    expect(errorOf(en).message).toBe('Some fields are not valid; please check the marked fields');
    const enFields = errorOf(en).details?.fields ?? [];
    expect(new Set(enFields.map((f) => f.field))).toEqual(
      new Set(['username', 'displayName', 'regionCode', 'grants.0.regionCode']),
    );
    for (const field of enFields) {
      expect(field.message, field.field).not.toMatch(CJK);
      expect(field.message, field.field).not.toBe('');
    }
    expect(enFields.find((f) => f.field === 'displayName')?.message).toBe('Required');

    // Well-formed but unknown region, and a weak password: field errors from the service.
    const unknown = await town.post('/api/v1/users', cadreBody('ghost1', '339901101999'));
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).details?.fields).toEqual([
      { field: 'regionCode', message: '区划代码不存在' },
    ]);
    const weak = await town.post('/api/v1/users', {
      ...cadreBody('weakling1'),
      password: 'abcdefgh',
    });
    expect(weak.status).toBe(422);
    expect(errorOf(weak).code).toBe('WEAK_PASSWORD');
    expect(fieldsOf(weak)).toEqual(['password']);
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when a later grant fails', async () => {
    const before = await counts();
    const reply = await town.post('/api/v1/users', {
      ...cadreBody('halfway1'),
      grants: [
        { role: 'village_cadre', regionCode: DEMO.villageA },
        { role: 'village_cadre', regionCode: DEMO.otherTownVillage },
      ],
    });
    expect(reply.status).toBe(403);
    expect(errorOf(reply).code).toBe('FORBIDDEN');
    expect(fieldsOf(reply)).toEqual(['grants.1.regionCode']);
    expect(
      await ctx.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'halfway1')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('ends the sessions of a disabled user and lets them back in once enabled', async () => {
    const created = await town.post('/api/v1/users', cadreBody('toggle1'));
    const id = created.json<UserDto>().id;
    const client = await ctx.login('toggle1', PASSWORD);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);

    const disabled = await town.post(`/api/v1/users/${id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.json<UserDto>().status).toBe('disabled');
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    expect(
      await ctx.db.selectFrom('user_session').select('id').where('user_id', '=', id).execute(),
    ).toEqual([]);
    const refused = await ctx.anon.post('/api/v1/auth/login', {
      login: 'toggle1',
      password: PASSWORD,
    });
    expect(errorOf(refused).code).toBe('ACCOUNT_DISABLED');

    const self = await town.post(`/api/v1/users/${await idOf('town')}/disable`);
    expect(self.status).toBe(400);

    const enabled = await town.post(`/api/v1/users/${id}/enable`);
    expect(enabled.json<UserDto>().status).toBe('active');
    const again = await ctx.login('toggle1', PASSWORD);
    expect((await again.get('/api/v1/auth/me')).status).toBe(200);
    const actions = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', 'like', 'user.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['user.disabled', 'user.enabled']);
  });

  it('resets a password: sessions end and the user must change it', async () => {
    const created = await town.post('/api/v1/users', cadreBody('forgot1'));
    const id = created.json<UserDto>().id;
    const client = await ctx.login('forgot1', PASSWORD);
    const changed = await client.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Mine#2026xy',
    });
    expect(changed.status).toBe(200);
    expect((await client.get('/api/v1/auth/me')).json<Session>().user.mustChangePassword).toBe(
      false,
    );

    const weak = await town.post(`/api/v1/users/${id}/reset-password`, { password: 'abcdefgh' });
    expect(weak.status).toBe(422);
    expect(errorOf(weak).code).toBe('WEAK_PASSWORD');
    expect(fieldsOf(weak)).toEqual(['password']);

    const reset = await town.post(`/api/v1/users/${id}/reset-password`, {
      password: 'Reset#2026x',
    });
    expect(reset.status).toBe(200);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    expect(
      (await ctx.anon.post('/api/v1/auth/login', { login: 'forgot1', password: 'Mine#2026xy' }))
        .status,
    ).toBe(401);
    const login = await ctx.anon.post('/api/v1/auth/login', {
      login: 'forgot1',
      password: 'Reset#2026x',
    });
    expect(login.status).toBe(200);
    expect(login.json<Session>().user.mustChangePassword).toBe(true);
  });

  it('searches names literally and ignoring case, underscores included', async () => {
    expect((await town.post('/api/v1/users', cadreBody('Search_Me'))).status).toBe(201);
    expect((await town.post('/api/v1/users', cadreBody('searchxme'))).status).toBe(201);
    const found = await town.get('/api/v1/users?q=search_me');
    expect(found.json<Page>().items.map((u) => u.username)).toEqual(['Search_Me']);
    const byName = await town.get(`/api/v1/users?q=${encodeURIComponent('村干部search')}`);
    expect(byName.json<Page>().total).toBe(2);
    const wildcard = await town.get('/api/v1/users?q=%25');
    expect(wildcard.json<Page>().total).toBe(0);
  });

  it('refuses a resident without an account', async () => {
    const list = await ctx.anon.get('/api/v1/users');
    expect(list.status).toBe(401);
    expect(errorOf(list).code).toBe('UNAUTHENTICATED');
    const before = await counts();
    const create = await ctx.anon.post('/api/v1/users', cadreBody('anon1'));
    expect(create.status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});
