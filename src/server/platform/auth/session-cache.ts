import type { Db } from '../../db/schema.js';
import type { Principal } from '../access/access.js';
import { tableStamp } from '../cache/read-cache.js';

const IDENTITY_TABLES = ['app_user', 'role_grant'];

/**
 * Sessions recently read from the database, per database. A cached session is trusted for
 * at most `TRUST_MS`, and only while no user and no grant was written since it was read (in
 * this process or, through the read cache's NOTIFY, in another one); logout forgets it.
 */
export const TRUST_MS = 10_000;

export interface CachedSession {
  principal: Principal;
  csrfToken: string;
  /** Epoch ms. */
  lastSeenAt: number;
  expiresAt: number;
  loadedAt: number;
  /** Versions of the user and grant tables when it was read. */
  stamp: string;
}

const caches = new WeakMap<object, Map<string, CachedSession>>();
const MAX_ENTRIES = 20_000;

function cacheOf(db: Db): Map<string, CachedSession> {
  const key = db.getExecutor().adapter;
  let cache = caches.get(key);
  if (!cache) {
    cache = new Map();
    caches.set(key, cache);
  }
  return cache;
}

export function cachedSession(db: Db, sessionId: string, now: number): CachedSession | undefined {
  const entry = cacheOf(db).get(sessionId);
  const fresh =
    entry &&
    now - entry.loadedAt < TRUST_MS &&
    now >= entry.loadedAt &&
    entry.stamp === tableStamp(db, IDENTITY_TABLES);
  return fresh ? entry : undefined;
}

/** Keep a session just read; `stamp` must be taken (sessionStamp) before the read began. */
export function rememberSession(db: Db, sessionId: string, entry: CachedSession): void {
  const cache = cacheOf(db);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(sessionId, entry);
}

export function sessionStamp(db: Db): string {
  return tableStamp(db, IDENTITY_TABLES);
}

export function forgetSession(db: Db, sessionId: string): void {
  cacheOf(db).delete(sessionId);
}
