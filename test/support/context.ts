// One test context per database kind: a migrated database with the demo town, the app, and
// clients that log in as the demo accounts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { nanoid } from 'nanoid';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { migrateToLatest, openDatabase } from '../../src/server/db/connection.js';
import type { Database, Db } from '../../src/server/db/schema.js';
import type { App } from '../../src/server/platform/http/types.js';
import { initAudit } from '../../src/server/platform/audit/audit.js';
import { seedDemo } from '../../src/server/seed/seed.js';
import { createDatabase, dropDatabase } from './postgres.js';

export type DbKind = 'sqlite' | 'postgres';
export const DB_KINDS: DbKind[] = ['sqlite', 'postgres'];
export const DEMO_PASSWORD = 'Qingfeng@2026';

export interface Reply {
  status: number;
  body: unknown;
  /** The JSON body, typed by the caller. */
  json<T = Record<string, unknown>>(): T;
  raw: LightMyRequestResponse;
}

export interface Client {
  csrfToken: string;
  cookie: string;
  get(url: string, headers?: Record<string, string>): Promise<Reply>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  delete(url: string, headers?: Record<string, string>): Promise<Reply>;
}

export interface TestContext {
  kind: DbKind;
  db: Db;
  config: Config;
  app: App;
  /** A resident: no login. */
  anon: Client;
  /** Log in (username or mobile) and return a client carrying the session and CSRF token. */
  login(login: string, password?: string): Promise<Client>;
  /** Open a second handle on the same database (another server process, say). */
  openAnother(): Promise<Db>;
  close(): Promise<void>;
}

function toReply(raw: LightMyRequestResponse): Reply {
  let parsed: unknown = raw.body;
  try {
    parsed = raw.body ? (JSON.parse(raw.body) as unknown) : undefined;
  } catch {
    // not JSON
  }
  return { status: raw.statusCode, body: parsed, json: <T>() => parsed as T, raw };
}

function makeClient(app: App, cookie: string, csrfToken: string): Client {
  const send = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    toReply(
      await app.inject({
        method,
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
    );
  return {
    csrfToken,
    cookie,
    get: (url, headers) => send('GET', url, undefined, headers),
    post: (url, body, headers) => send('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
    delete: (url, headers) => send('DELETE', url, undefined, headers),
  };
}

export async function createTestContext(
  kind: DbKind,
  options: { seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qf-test-'));
  let databaseUrl: string | undefined;
  const dbName = `qf_${nanoid(10)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  if (kind === 'postgres') databaseUrl = await createDatabase(inject('pgUrl'), dbName);
  const config = loadConfig({
    QF_DATA_DIR: dataDir,
    QF_SECRET: 'test-secret-test-secret',
    QF_JOBS: '0',
    QF_LOGIN_RATE_LIMIT: '1000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const handles: Db[] = [];
  const db = openDatabase(config);
  handles.push(db);
  await migrateToLatest(db);
  await initAudit(db, config.hashAlgorithm);
  const openAnother = async () => {
    const handle = openDatabase(config);
    handles.push(handle);
    await initAudit(handle, config.hashAlgorithm);
    return handle;
  };
  if (options.seed !== false) await seedDemo(db);
  const app = await buildApp({ db, config });
  await app.ready();

  return {
    kind,
    db,
    config,
    app,
    anon: makeClient(app, '', ''),
    async login(login, password = DEMO_PASSWORD) {
      const raw = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login, password },
      });
      if (raw.statusCode !== 200)
        throw new Error(`login ${login} failed: ${raw.statusCode} ${raw.body}`);
      const cookie = raw.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const { csrfToken } = JSON.parse(raw.body) as { csrfToken: string };
      return makeClient(app, cookie, csrfToken);
    },
    openAnother,
    async close() {
      await app.close();
      for (const handle of handles) await handle.destroy();
      if (kind === 'postgres') await dropDatabase(inject('pgUrl'), dbName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Region codes of the demo town used across tests. */
export const DEMO = {
  county: '339901000000',
  town: '339901101000',
  otherTown: '339901102000',
  /** 石桥村, the `cadre` account's village. */
  villageA: '339901101201',
  /** 溪东村, the `cadre2` account's village. */
  villageB: '339901101202',
  /** A village of the other town (白云镇). */
  otherTownVillage: '339901102201',
} as const;

/** How many rows a table holds: tests use it to show that a refused request wrote nothing. */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
