import pg from 'pg';
import type { Db } from '../../db/schema.js';

/**
 * Results of hot reads kept in memory and dropped when a table they read is written.
 *
 * Every audited write names its table; `transact` bumps that table's version after the
 * transaction commits (and before, so a read racing the commit is reloaded), and on
 * PostgreSQL announces the change to the other server processes (NOTIFY). A cached result
 * is served only while the versions of all its tables are those it was loaded under.
 */
interface Entry {
  value: unknown;
  tables: readonly string[];
  stamp: number[];
  /** Epoch ms after which the result is stale whatever the tables say (time-dependent data). */
  expiresAt: number;
}

interface Loading {
  promise: Promise<unknown>;
  tables: readonly string[];
  stamp: number[];
}

interface CacheState {
  versions: Map<string, number>;
  entries: Map<string, Entry>;
  /** Loads under way: a second reader of the same key waits for the first (no stampede). */
  loading: Map<string, Loading>;
  enabled: boolean;
}

const MAX_ENTRIES = 2_000;
const states = new WeakMap<object, CacheState>();

function stateOf(db: Db): CacheState {
  const key = db.getExecutor().adapter;
  let state = states.get(key);
  if (!state) {
    state = { versions: new Map(), entries: new Map(), loading: new Map(), enabled: true };
    states.set(key, state);
  }
  return state;
}

/** Turn the cache off for a database (QF_READ_CACHE=0): every read then goes to SQL. */
export function setReadCacheEnabled(db: Db, enabled: boolean): void {
  const state = stateOf(db);
  state.enabled = enabled;
  state.entries.clear();
  state.loading.clear();
}

/** Mark tables as changed: cached results that read them are reloaded on next use. */
export function bumpTables(db: Db, tables: Iterable<string>): void {
  const { versions } = stateOf(db);
  for (const table of tables) versions.set(table, (versions.get(table) ?? 0) + 1);
}

function stampOf(state: CacheState, tables: readonly string[]): number[] {
  return tables.map((t) => state.versions.get(t) ?? 0);
}

/** The current versions of tables: equal stamps mean none of them was written in between. */
export function tableStamp(db: Db, tables: readonly string[]): string {
  return stampOf(stateOf(db), tables).join(',');
}

function isCurrent(state: CacheState, entry: Entry): boolean {
  for (let i = 0; i < entry.tables.length; i++) {
    if ((state.versions.get(entry.tables[i] as string) ?? 0) !== entry.stamp[i]) return false;
  }
  return entry.expiresAt === Number.POSITIVE_INFINITY || Date.now() < entry.expiresAt;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export interface CachedReadOptions<T> {
  /** When the result stops being true by itself (e.g. a lock that expires), in epoch ms. */
  validUntil?: (value: T) => number | undefined;
}

/** The tables written so far by each open transaction (see `transact`). */
export interface WrittenTables {
  has(table: string): boolean;
}
const writtenIn = new WeakMap<object, WrittenTables>();

/** Note where a transaction records the tables it writes, for reads made inside it. */
export function trackWrites(trx: Db, tables: WrittenTables): void {
  writtenIn.set(trx, tables);
}

/**
 * The result of `load`, from memory when none of `tables` was written since it was loaded.
 * Results are frozen: the same object is handed to every caller (and its JSON is written
 * once, see app.ts). Inside a transaction a result is taken from memory only if the
 * transaction has written none of its tables (an import checks 100,000 rows against the
 * calendar and the county's rules); otherwise, or when it is not there, it is read in the
 * transaction and not kept: the transaction may see its own writes.
 */
export async function cachedRead<T>(
  db: Db,
  key: string,
  tables: readonly string[],
  load: () => Promise<T>,
  options: CachedReadOptions<T> = {},
): Promise<T> {
  const state = stateOf(db);
  if (!state.enabled) return load();
  if (db.isTransaction) {
    const written = writtenIn.get(db);
    if (!written || tables.some((table) => written.has(table))) return load();
    // The transaction has written none of the tables: what it reads is what is committed.
    // (It never waits for a load begun outside: on SQLite that load waits for this
    // transaction's connection.)
    const hit = state.entries.get(key);
    if (hit && isCurrent(state, hit)) return hit.value as T;
    const stamp = stampOf(state, tables);
    const value = deepFreeze(await load());
    keep(state, key, { value, tables, stamp }, options);
    return value;
  }
  const hit = state.entries.get(key);
  if (hit && isCurrent(state, hit)) {
    state.entries.delete(key);
    state.entries.set(key, hit);
    return hit.value as T;
  }
  const stamp = stampOf(state, tables);
  const running = state.loading.get(key);
  // Join a load of the same key begun since the last write to its tables: its result is
  // as current as a new one would be.
  if (running && isCurrent(state, { ...running, value: null, expiresAt: Infinity })) {
    return running.promise as Promise<T>;
  }
  const promise = load().then(deepFreeze);
  const loading = { promise, tables, stamp };
  state.loading.set(key, loading);
  let value: T;
  try {
    value = await promise;
  } finally {
    if (state.loading.get(key) === loading) state.loading.delete(key);
  }
  keep(state, key, { value, tables, stamp }, options);
  return value;
}

function keep<T>(
  state: CacheState,
  key: string,
  loaded: { value: T; tables: readonly string[]; stamp: number[] },
  options: CachedReadOptions<T>,
): void {
  if (state.entries.size >= MAX_ENTRIES) {
    state.entries.delete(state.entries.keys().next().value as string);
  }
  const expiresAt = options.validUntil?.(loaded.value) ?? Number.POSITIVE_INFINITY;
  state.entries.set(key, { ...loaded, expiresAt });
}

/**
 * On PostgreSQL, listen for the writes of other server processes (NOTIFY at their commit)
 * and mark their tables changed here. Returns a function that stops listening.
 */
export async function listenForWrites(
  db: Db,
  databaseUrl: string,
  channel: string,
): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('notification', (message) => {
    if (message.payload) bumpTables(db, message.payload.split(','));
  });
  // A lost connection would leave this process trusting stale results: stop caching.
  client.on('error', () => setReadCacheEnabled(db, false));
  await client.connect();
  await client.query(`listen ${channel}`);
  return () => client.end();
}
