import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import { insertAudited, transact } from '../audit/audit.js';
import { newId } from '../ids.js';
import { bumpTables, cachedRead } from './read-cache.js';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';

interface Page {
  total: number;
  items: { username: string; displayName: string; grants: unknown[] }[];
}

const body = (username: string) => ({
  username,
  displayName: username,
  regionCode: DEMO.villageA,
  password: 'Cache#Test2026',
  grants: [{ role: 'village_cadre', regionCode: DEMO.villageA }],
});

describe.each(DB_KINDS)('read cache on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;
  const list = `/api/v1/users?regionCode=${DEMO.villageA}&pageSize=200`;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    town = await ctx.login('town');
  });
  afterAll(() => ctx.close());

  it('shows every write at once to the next read of this process', async () => {
    const before = (await town.get(list)).json<Page>();
    const created = await town.post('/api/v1/users', body('cache_a'));
    expect(created.status).toBe(201);
    const after = (await town.get(list)).json<Page>();
    expect(after.total).toBe(before.total + 1);
    const id = created.json<{ id: string }>().id;
    await town.patch(`/api/v1/users/${id}`, { displayName: '改过的名字' });
    expect(
      (await town.get(list)).json<Page>().items.find((u) => u.username === 'cache_a')?.displayName,
    ).toBe('改过的名字');
    const grant = await town.post(`/api/v1/users/${id}/grants`, {
      role: 'informant',
      regionCode: DEMO.villageA,
    });
    expect(grant.status).toBe(200);
    expect(
      (await town.get(list)).json<Page>().items.find((u) => u.username === 'cache_a')?.grants,
    ).toHaveLength(2);
  });

  it('serves a repeated read from memory until a table it reads changes', async () => {
    const first = (await town.get(list)).json<Page>();
    // A change behind the platform's back is not a platform write: the cached page stays …
    await ctx.db
      .updateTable('app_user')
      .set({ display_name: '后台改动' })
      .where('username', '=', 'cadre')
      .execute();
    expect((await town.get(list)).json<Page>()).toEqual(first);
    // … until the next audited write to a table the page reads.
    await town.post('/api/v1/users', body('cache_b'));
    const fresh = (await town.get(list)).json<Page>();
    expect(fresh.items.find((u) => u.username === 'cadre')?.displayName).toBe('后台改动');
  });

  it('inside a write, serves from memory only what the write has not changed', async () => {
    const key = `units-of-${kind}`;
    let loads = 0;
    const count = (db: typeof ctx.db) =>
      cachedRead(db, key, ['unit'], async () => {
        loads++;
        const row = await db
          .selectFrom('unit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return Number(row.n);
      });
    const before = await count(ctx.db);
    expect(loads).toBe(1);
    const actor = { id: null, name: 'cache-test' };
    await transact(ctx.db, async (trx) => {
      // Nothing written yet: the committed result is the transaction's too.
      expect(await count(trx)).toBe(before);
      expect(loads).toBe(1);
      await insertAudited(trx, actor, 'unit', {
        id: newId(),
        name: '缓存测试组',
        kind: 'committee',
        region_code: DEMO.villageA,
        credit_code: null,
        status: 'active',
        created_at: new Date().toISOString(),
      });
      // Written: the transaction reads its own write, and keeps nothing of it.
      expect(await count(trx)).toBe(before + 1);
      expect(loads).toBe(2);
    });
    expect(await count(ctx.db)).toBe(before + 1);
    expect(loads).toBe(3);
  });

  it('stops serving a cached page when a lock shown on it expires', async () => {
    await town.post('/api/v1/users', body('cache_lock'));
    for (let i = 0; i < 5; i++) {
      await ctx.anon.post('/api/v1/auth/login', {
        login: 'cache_lock',
        password: 'Wrong#Pass2026',
      });
    }
    const locked = (await town.get(list)).json<Page & { items: { locked: boolean }[] }>();
    expect(locked.items.find((u) => u.username === 'cache_lock')).toMatchObject({ locked: true });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 16 * 60_000);
      const later = (await town.get(list)).json<Page & { items: { locked: boolean }[] }>();
      expect(later.items.find((u) => u.username === 'cache_lock')).toMatchObject({ locked: false });
    } finally {
      vi.useRealTimers();
    }
  });

  if (kind === 'postgres') {
    it('drops results when another server process writes (NOTIFY)', async () => {
      const other = await buildApp({ db: await ctx.openAnother(), config: ctx.config });
      try {
        const before = (await town.get(list)).json<Page>();
        const created = await other.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: { cookie: town.cookie, 'x-csrf-token': town.csrfToken },
          payload: body('cache_other'),
        });
        expect(created.statusCode).toBe(201);
        await expect
          .poll(async () => (await town.get(list)).json<Page>().total, {
            timeout: 5_000,
            interval: 20,
          })
          .toBe(before.total + 1);
      } finally {
        await other.close();
      }
    });
  }
});

describe('read cache turned off', () => {
  it('reads through to SQL every time with QF_READ_CACHE=0', async () => {
    const ctx = await createTestContext('sqlite', { env: { QF_READ_CACHE: '0' } });
    try {
      const town = await ctx.login('town');
      const list = `/api/v1/users?regionCode=${DEMO.villageA}&pageSize=200`;
      await town.get(list);
      await ctx.db
        .updateTable('app_user')
        .set({ display_name: '直接读取' })
        .where('username', '=', 'cadre')
        .execute();
      const page = (await town.get(list)).json<Page>();
      expect(page.items.find((u) => u.username === 'cadre')?.displayName).toBe('直接读取');
    } finally {
      await ctx.close();
    }
  });
});

describe('readers of one key at the same time', () => {
  it('share one load, unless a write came in between', async () => {
    const ctx = await createTestContext('sqlite', { seed: false });
    try {
      let loads = 0;
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const load = async () => {
        loads++;
        await gate;
        return { loads };
      };
      const first = cachedRead(ctx.db, 'stampede', ['region'], load);
      const second = cachedRead(ctx.db, 'stampede', ['region'], load);
      // A write to the table: a reader from now on must not take the older load's result.
      bumpTables(ctx.db, ['region']);
      const third = cachedRead(ctx.db, 'stampede', ['region'], load);
      release();
      const [a, b, c] = await Promise.all([first, second, third]);
      expect(a).toBe(b);
      expect(c).toEqual({ loads: 2 });
      expect(loads).toBe(2);
    } finally {
      await ctx.close();
    }
  });
});
