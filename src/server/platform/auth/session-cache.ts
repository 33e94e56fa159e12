import type { Db } from '../../db/schema.js';
import type { Principal } from '../access/access.js';
import { onAuditedWrite } from '../audit/audit.js';

/**
 * Sessions recently read from the database, per database. A cached session is trusted for
 * `TRUST_MS`; anything that changes who a user is or what they may do (logout, disable,
 * password, grants) forgets that user's sessions at once in this process, and other server
 * processes see the change within `TRUST_MS`.
 */
export const TRUST_MS = 10_000;

export interface CachedSession {
  principal: Principal;
  csrfToken: string;
  /** Epoch ms. */
  lastSeenAt: number;
  expiresAt: number;
  loadedAt: number;
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
  return entry && now - entry.loadedAt < TRUST_MS && now >= entry.loadedAt ? entry : undefined;
}

export function rememberSession(db: Db, sessionId: string, entry: CachedSession): void {
  const cache = cacheOf(db);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(sessionId, entry);
}

export function forgetSession(db: Db, sessionId: string): void {
  cacheOf(db).delete(sessionId);
}

/** Forget every cached session of a user (their rights or status changed). */
export function forgetUserSessions(db: Db, userId: string): void {
  const cache = cacheOf(db);
  for (const [id, entry] of cache) if (entry.principal.userId === userId) cache.delete(id);
}

// Who a user is and what they may do come from these two tables.
onAuditedWrite('app_user', (db, row) => forgetUserSessions(db, String(row.id)));
onAuditedWrite('role_grant', (db, row) => forgetUserSessions(db, String(row.user_id)));
