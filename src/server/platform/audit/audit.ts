import { sql, type Kysely } from 'kysely';
import { canonicalJson } from '../../../shared/canonical-json.js';
import type { HashAlgorithm } from '../../config.js';
import { insertRows } from '../../db/bulk.js';
import { dialectOf } from '../../db/dialect.js';
import type { Db, NewRow, Row, RowPatch, TableName, Trx } from '../../db/schema.js';
import { bumpTables, trackWrites } from '../cache/read-cache.js';
import { applySearchIndex } from '../search/search-index.js';
import { applyTally, discardTally, flushTally } from '../tally/tally.js';
import { AppError } from '../errors.js';
import { digestHex, GENESIS_HASH } from './hash.js';

/** Who did it. `id` is null for the system itself and for residents without an account. */
export interface Actor {
  id: string | null;
  name: string;
  ip?: string | null | undefined;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** An audited table: its key column and the columns kept in the log only as a digest. */
export interface AuditedTable {
  key: string;
  sensitive: readonly string[];
}

const audited = new Map<string, AuditedTable>();

/** Declare a table whose every row must match its last audit event (`qingfeng verify`). */
export function registerAuditedTable(table: string, spec: AuditedTable): void {
  audited.set(table, spec);
}

export function auditedTables(): ReadonlyMap<string, AuditedTable> {
  return audited;
}

registerAuditedTable('region', { key: 'code', sensitive: [] });
registerAuditedTable('unit', { key: 'id', sensitive: [] });
registerAuditedTable('app_user', {
  key: 'id',
  sensitive: ['password_hash', 'totp_secret', 'mobile'],
});
registerAuditedTable('role_grant', { key: 'id', sensitive: [] });
registerAuditedTable('calendar_day', { key: 'date', sensitive: [] });
registerAuditedTable('calendar_year', { key: 'year', sensitive: [] });
registerAuditedTable('county_policy', { key: 'id', sensitive: [] });
registerAuditedTable('supervision_catalogue', { key: 'id', sensitive: [] });
registerAuditedTable('liaison_station', { key: 'id', sensitive: [] });
registerAuditedTable('liaison_member', { key: 'id', sensitive: ['mobile'] });
registerAuditedTable('liaison_duty', { key: 'id', sensitive: [] });
registerAuditedTable('inspection', { key: 'id', sensitive: [] });
registerAuditedTable('inspection_item', { key: 'id', sensitive: [] });
registerAuditedTable('feedback_notice', { key: 'id', sensitive: [] });
registerAuditedTable('finding', { key: 'id', sensitive: [] });
registerAuditedTable('warning', { key: 'id', sensitive: [] });
registerAuditedTable('file', { key: 'id', sensitive: [] });
registerAuditedTable('ledger_entry', { key: 'id', sensitive: [] });
registerAuditedTable('ledger_version', { key: 'id', sensitive: [] });
registerAuditedTable('decision', { key: 'id', sensitive: [] });
registerAuditedTable('decision_meeting', { key: 'id', sensitive: [] });
registerAuditedTable('disclosure', { key: 'id', sensitive: [] });
registerAuditedTable('disclosure_catalogue', { key: 'region_code', sensitive: [] });
registerAuditedTable('cases', {
  key: 'id',
  sensitive: ['reporter_name', 'reporter_mobile', 'token_hash'],
});
registerAuditedTable('case_event', { key: 'id', sensitive: [] });
registerAuditedTable('case_deadline', { key: 'id', sensitive: [] });
registerAuditedTable('case_route', { key: 'id', sensitive: [] });
registerAuditedTable('notification', { key: 'id', sensitive: [] });
registerAuditedTable('notify_channel', { key: 'id', sensitive: [] });
registerAuditedTable('unit_area', { key: 'id', sensitive: [] });
registerAuditedTable('outbound_message', { key: 'id', sensitive: [] });
registerAuditedTable('service_point', { key: 'unit_id', sensitive: [] });
registerAuditedTable('duty_shift', { key: 'id', sensitive: [] });
registerAuditedTable('service_log', { key: 'id', sensitive: [] });
registerAuditedTable('alliance', { key: 'id', sensitive: [] });
registerAuditedTable('alliance_member', { key: 'id', sensitive: [] });
registerAuditedTable('stall', { key: 'id', sensitive: [] });

/** Note a write to `table` for the read cache (see `transact`). */
function notifyWrite(db: Db, table: string): void {
  touchedTables.get(db)?.add(table);
  bumpTables(db, [table]);
}

/** Keep what is derived from a written row (totals, search index), in the same transaction. */
async function derive(
  trx: Trx,
  table: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  if (applyTally(trx, table, before, after)) notifyWrite(trx, 'tally');
  if (await applySearchIndex(trx, table, before, after)) notifyWrite(trx, 'search_gram');
}

const touchedTables = new WeakMap<object, Set<string>>();
export const WRITES_CHANNEL = 'qf_writes';

/**
 * Run `fn` in a transaction, the way every service writes. After the commit the tables it
 * wrote are marked changed for the read cache; on PostgreSQL the other server processes are
 * told too (NOTIFY is delivered at commit).
 *
 * On SQLite, writes that arrive while another is running share its commit (ADR 0011): each
 * runs in a savepoint of its own, so a failed one is undone alone, and every caller is
 * answered only once the commit that holds its write is done.
 */
export async function transact<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  // Inside a caller's transaction (a bulk load), join it: it commits, or not, as one.
  if (db.isTransaction) return fn(db as Trx);
  if (dialectOf(db) === 'sqlite') return grouped(db, fn);
  const touched = new Set<string>();
  const result = await db.transaction().execute(async (trx) => {
    touchedTables.set(trx, touched);
    trackWrites(trx, touched);
    const value = await fn(trx);
    await flushTally(trx);
    if (touched.size > 0) {
      await sql`select pg_notify(${WRITES_CHANNEL}, ${[...touched].join(',')})`.execute(trx);
    }
    return value;
  });
  bumpTables(db, touched);
  return result;
}

/** A write waiting for, or running in, a group commit. */
interface Job {
  fn: (trx: Trx) => Promise<unknown>;
  touched: Set<string>;
  value?: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The writes that share a commit: at most this many, for at most this long. */
const GROUP_MAX_WRITES = 64;
const GROUP_MAX_MS = 20;
const writeQueues = new WeakMap<object, { jobs: Job[]; running: boolean }>();

function grouped<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  let queue = writeQueues.get(db);
  if (!queue) {
    queue = { jobs: [], running: false };
    writeQueues.set(db, queue);
  }
  const promise = new Promise<T>((resolve, reject) => {
    queue.jobs.push({
      fn,
      touched: new Set(),
      resolve: resolve as (value: unknown) => void,
      reject,
    });
  });
  if (!queue.running) {
    // Start after the writes that arrived with this one (the same turn of the event loop)
    // have queued too. SQLite answers without yielding, so a group started at once would
    // hold only this write.
    queue.running = true;
    setImmediate(() => void drain(db, queue));
  }
  return promise;
}

/** Commit the queued writes, a group at a time, until none is left. */
async function drain(db: Db, queue: { jobs: Job[]; running: boolean }): Promise<void> {
  try {
    while (queue.jobs.length > 0) {
      const attempted: Job[] = [];
      const committed: Job[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          const started = performance.now();
          // What the group has written so far, for the read cache: the writes before this one
          // (a failed write's tables too: the cache then just reads them again) and this one.
          const written = new Set<string>();
          trackWrites(trx, {
            has: (table) => written.has(table) || (touchedTables.get(trx)?.has(table) ?? false),
          });
          while (
            queue.jobs.length > 0 &&
            committed.length < GROUP_MAX_WRITES &&
            performance.now() - started < GROUP_MAX_MS
          ) {
            const job = queue.jobs.shift()!;
            attempted.push(job);
            const stands = await runInSavepoint(trx, job);
            for (const table of job.touched) written.add(table);
            if (stands) committed.push(job);
          }
        });
      } catch (error) {
        // The group's transaction failed as a whole: none of its writes happened. (A write
        // that had failed on its own keeps its own error: a promise settles once.)
        for (const job of attempted) job.reject(error);
        continue;
      }
      for (const job of committed) {
        bumpTables(db, job.touched);
        job.resolve(job.value);
      }
    }
  } finally {
    queue.running = false;
  }
}

/** Run one write of a group; true if it stands, false if it failed and was undone. */
async function runInSavepoint(trx: Trx, job: Job): Promise<boolean> {
  touchedTables.set(trx, job.touched);
  await sql`savepoint qf_write`.execute(trx);
  try {
    job.value = await job.fn(trx);
    await flushTally(trx);
  } catch (error) {
    job.reject(error);
    discardTally(trx);
    chainHeads.delete(trx);
    // An error that ends the whole transaction (a full disk) fails these statements too, and
    // so the group: its writes are then rejected together, none of them committed.
    await sql`rollback to qf_write`.execute(trx);
    await sql`release qf_write`.execute(trx);
    return false;
  }
  await sql`release qf_write`.execute(trx);
  return true;
}

const algorithms = new WeakMap<object, HashAlgorithm>();

/**
 * Fix the chain's hash algorithm for a database. The first start records QF_HASH in the
 * database; later starts keep what the chain was built with, whatever QF_HASH says.
 */
export async function initAudit(db: Db, configured: HashAlgorithm): Promise<HashAlgorithm> {
  const stored = await db
    .selectFrom('qf_meta')
    .select('value')
    .where('key', '=', 'audit.hash')
    .executeTakeFirst();
  let algorithm = configured;
  if (stored) algorithm = stored.value === 'sm3' ? 'sm3' : 'sha256';
  else await db.insertInto('qf_meta').values({ key: 'audit.hash', value: configured }).execute();
  algorithms.set(db.getExecutor().adapter, algorithm);
  return algorithm;
}

/** The hash algorithm of this database's chain (set by `initAudit`). */
export function hashAlgorithmOf(db: Db): HashAlgorithm {
  const algorithm = algorithms.get(db.getExecutor().adapter);
  if (!algorithm) throw new Error('initAudit has not run on this database');
  return algorithm;
}

/**
 * The row as the log keeps it: sensitive columns replaced by a digest, so that the log
 * proves the value without revealing it.
 */
export function projectRow(
  algorithm: HashAlgorithm,
  table: string,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const spec = audited.get(table);
  if (!spec) throw new Error(`table ${table} is not audited`);
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] =
      spec.sensitive.includes(column) && value !== null && value !== undefined
        ? 'digest:' +
          digestHex(algorithm, typeof value === 'string' ? value : JSON.stringify(value))
        : value;
  }
  return out;
}

export interface AuditEventInput {
  action: string;
  entity: string;
  entityId: string;
  regionCode?: string | null | undefined;
  /** `after` present means a change of state (null: deleted); `meta` is anything else. */
  data: { after?: Record<string, unknown> | null; changed?: string[]; meta?: unknown };
}

/** The fields the hash covers, in one canonical form; `qingfeng verify` recomputes it. */
export function eventHash(
  algorithm: HashAlgorithm,
  event: Omit<Row<'audit_event'>, 'hash'>,
): string {
  const body = canonicalJson({
    seq: event.seq,
    at: event.at,
    actorId: event.actor_id,
    actorName: event.actor_name,
    action: event.action,
    entity: event.entity,
    entityId: event.entity_id,
    regionCode: event.region_code,
    data: event.data,
    ip: event.ip,
  });
  return digestHex(algorithm, event.prev_hash + '\n' + body);
}

const CHAIN_LOCK = 7_311_001;

/** The last event each open transaction appended. */
const chainHeads = new WeakMap<object, { seq: number; hash: string }>();

/**
 * Append one event to the hash chain. Must run inside the transaction of the change it
 * records: the change and its event commit together or not at all.
 */
export async function appendAudit(trx: Trx, actor: Actor, input: AuditEventInput): Promise<number> {
  return appendAuditMany(trx, actor, [input]);
}

/** Append events in the order given, in one statement per few hundred; returns the last seq. */
export async function appendAuditMany(
  trx: Trx,
  actor: Actor,
  inputs: readonly AuditEventInput[],
): Promise<number> {
  if (!trx.isTransaction) throw new Error('appendAudit needs a transaction');
  // After its first event a transaction holds the chain (the advisory lock on PostgreSQL,
  // the write lock on SQLite) until it ends, so the head it wrote last is still the head.
  let last = chainHeads.get(trx);
  if (!last) {
    if (dialectOf(trx) === 'postgres') {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    }
    const head = await trx
      .selectFrom('audit_event')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    last = head ?? { seq: 0, hash: GENESIS_HASH };
  }
  const algorithm = hashAlgorithmOf(trx);
  const at = new Date().toISOString();
  const events: Row<'audit_event'>[] = [];
  for (const input of inputs) {
    const partial: Omit<Row<'audit_event'>, 'hash'> = {
      seq: last.seq + 1,
      at,
      actor_id: actor.id,
      actor_name: actor.name,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      region_code: input.regionCode ?? null,
      data: canonicalJson(input.data),
      ip: actor.ip ?? null,
      prev_hash: last.hash,
    };
    const hash = eventHash(algorithm, partial);
    events.push({ ...partial, hash });
    last = { seq: partial.seq, hash };
  }
  await insertRows(trx, 'audit_event', events);
  chainHeads.set(trx, last);
  return last.seq;
}

/** Generic table access for the audited helpers, which work on any registered table. */
type AnyDatabase = Record<string, Record<string, unknown>>;
function untyped(trx: Trx): Kysely<AnyDatabase> {
  return trx as unknown as Kysely<AnyDatabase>;
}

function keyColumn(table: TableName): string {
  const spec = audited.get(table);
  if (!spec) throw new Error(`table ${table} is not audited`);
  return spec.key;
}

async function readRow(trx: Trx, table: TableName, key: string): Promise<Record<string, unknown>> {
  const row = await untyped(trx)
    .selectFrom(table)
    .selectAll()
    .where(sql.ref(keyColumn(table)), '=', key)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `${table} ${key} not found`);
  return row;
}

function regionOf(row: Record<string, unknown>): string | null {
  const code = row.region_code ?? null;
  return typeof code === 'string' ? code : null;
}

/** Insert a row and log it, in the caller's transaction. Returns the row as stored. */
export async function insertAudited<T extends TableName>(
  trx: Trx,
  actor: Actor,
  table: T,
  values: NewRow<T>,
  action = `${table}.create`,
): Promise<Row<T>> {
  const [row] = await insertManyAudited(trx, actor, table, [values], action);
  return row!;
}

/**
 * Insert rows of one table and log each, in the caller's transaction, a few hundred to a
 * statement (an import). Returns the rows as stored, in the order given.
 */
export async function insertManyAudited<T extends TableName>(
  trx: Trx,
  actor: Actor,
  table: T,
  values: readonly NewRow<T>[],
  action = `${table}.create`,
): Promise<Row<T>[]> {
  const key = keyColumn(table);
  const rows = await insertRows(trx, table, values, key);
  const algorithm = hashAlgorithmOf(trx);
  await appendAuditMany(
    trx,
    actor,
    rows.map((row) => ({
      action,
      entity: table,
      entityId: String(row[key]),
      regionCode: regionOf(row),
      data: { after: projectRow(algorithm, table, row) },
    })),
  );
  for (const row of rows) await derive(trx, table, null, row);
  notifyWrite(trx, table);
  return rows as Row<T>[];
}

/** Update a row by key and log its new state with the names of the changed columns. */
export async function updateAudited<T extends TableName>(
  trx: Trx,
  actor: Actor,
  table: T,
  key: string,
  patch: RowPatch<T>,
  action = `${table}.update`,
  meta?: unknown,
): Promise<Row<T>> {
  const before = await readRow(trx, table, key);
  const row = (await untyped(trx)
    .updateTable(table as string)
    .set(patch as Record<string, unknown>)
    .where(sql.ref(keyColumn(table)), '=', key)
    .returningAll()
    .executeTakeFirstOrThrow()) as Record<string, unknown>;
  const changed = Object.keys(row).filter((c) => row[c] !== before[c]);
  await appendAudit(trx, actor, {
    action,
    entity: table,
    entityId: key,
    regionCode: regionOf(row),
    data: {
      after: projectRow(hashAlgorithmOf(trx), table, row),
      changed,
      ...(meta === undefined ? {} : { meta }),
    },
  });
  await derive(trx, table, before, row);
  notifyWrite(trx, table);
  return row as Row<T>;
}

/** Delete a row by key and log that it is gone. */
export async function deleteAudited(
  trx: Trx,
  actor: Actor,
  table: TableName,
  key: string,
  action = `${table}.delete`,
): Promise<void> {
  const before = await readRow(trx, table, key);
  await untyped(trx)
    .deleteFrom(table)
    .where(sql.ref(keyColumn(table)), '=', key)
    .execute();
  await appendAudit(trx, actor, {
    action,
    entity: table,
    entityId: key,
    regionCode: regionOf(before),
    data: { after: null },
  });
  await derive(trx, table, before, null);
  notifyWrite(trx, table);
}

/**
 * Log an event that changes no audited row (a sensitive read, a refused login), in a
 * transaction of its own.
 */
export async function recordEvent(db: Db, actor: Actor, input: AuditEventInput): Promise<number> {
  return transact(db, (trx) => appendAudit(trx, actor, input));
}
