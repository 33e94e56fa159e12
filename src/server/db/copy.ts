import { sql, type RawBuilder } from 'kysely';
import { migrateToLatest, openDatabase } from './connection.js';
import { dialectOf } from './dialect.js';
import type { Db } from './schema.js';

/**
 * Moving a county from SQLite to PostgreSQL: every row of every table, byte for byte, so that
 * the hash-chained audit log still verifies on the new database.
 */

export interface CopyOptions {
  /** Hears of each table as it finishes. */
  log?: (line: string) => void;
  /** Rows read and written at a time (5,000). */
  batch?: number;
}

export interface TableCopy {
  table: string;
  rows: number;
  seconds: number;
}

export interface CopyReport {
  tables: TableCopy[];
  /** Tables left behind on purpose (sessions: everyone logs in again). */
  skipped: string[];
  rows: number;
  seconds: number;
}

/** Kysely's bookkeeping: compared, never copied (the target has its own from the migrations). */
const MIGRATION_TABLES = ['qf_migration', 'qf_migration_lock'];

/**
 * Sessions are not carried over: they live minutes, and a move to another database is a good
 * moment to end them. Users log in again.
 */
export const SKIPPED_TABLES: readonly string[] = ['user_session'];

/** Settings (the chain's hash algorithm, derived-data versions): the source's replace the target's. */
const META_TABLE = 'qf_meta';

const DEFAULT_BATCH = 5_000;

/** What a PostgreSQL column accepts from SQLite, and the array type it is sent as. */
type ValueKind = 'text' | 'integer' | 'number' | 'boolean' | 'bytes';

const ARRAY_TYPES: Record<string, { cast: string; kind: ValueKind }> = {
  text: { cast: 'text', kind: 'text' },
  varchar: { cast: 'text', kind: 'text' },
  bpchar: { cast: 'text', kind: 'text' },
  int2: { cast: 'int2', kind: 'integer' },
  int4: { cast: 'int4', kind: 'integer' },
  int8: { cast: 'int8', kind: 'integer' },
  float4: { cast: 'float4', kind: 'number' },
  float8: { cast: 'float8', kind: 'number' },
  numeric: { cast: 'numeric', kind: 'number' },
  bool: { cast: 'bool', kind: 'boolean' },
  bytea: { cast: 'bytea', kind: 'bytes' },
};

interface ColumnPlan {
  name: string;
  cast: string;
  kind: ValueKind;
}

interface TablePlan {
  table: string;
  columns: ColumnPlan[];
  /** Primary key columns, in key order: the order rows are read in. */
  key: string[];
  /** Columns filled by a sequence on PostgreSQL (serial, identity). */
  serial: string[];
}

type SourceRow = Record<string, unknown>;

/**
 * Copy a migrated SQLite database into a migrated, empty PostgreSQL one, in one PostgreSQL
 * transaction read from one SQLite snapshot: a failure rolls everything back and leaves the
 * target as empty as it was. Refuses when the two are not at the same migration, when the
 * target holds any row (its `qf_meta` settings aside, which the source's replace), or when a
 * value would not reach PostgreSQL unchanged. Sessions are not copied (`SKIPPED_TABLES`).
 */
export async function copyDatabase(
  source: Db,
  target: Db,
  options: CopyOptions = {},
): Promise<CopyReport> {
  if (dialectOf(source) !== 'sqlite') throw new Error('the source of a copy must be SQLite');
  if (dialectOf(target) !== 'postgres') throw new Error('the target of a copy must be PostgreSQL');
  const batch = options.batch ?? DEFAULT_BATCH;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`batch must be a positive integer`);
  const log = options.log ?? (() => {});
  const started = performance.now();

  // One read transaction: every batch comes from the same snapshot, even if a server writes.
  const inSnapshot = <T>(fn: (src: Db) => Promise<T>): Promise<T> =>
    source.isTransaction ? fn(source) : source.transaction().execute(fn);
  return inSnapshot(async (src) => {
    await checkMigrations(src, target);
    const plans = await planTables(src, target);
    const tables = await target.transaction().execute(async (trx) => {
      await checkEmpty(trx, plans);
      await sql`delete from ${sql.id(META_TABLE)}`.execute(trx);
      const copied: TableCopy[] = [];
      for (const plan of plans) {
        const tableStarted = performance.now();
        let rows: number;
        try {
          rows = await copyTable(src, trx, plan, batch);
        } catch (error) {
          throw new Error(
            `copying ${plan.table} failed, so nothing was kept (the target is empty again): ` +
              (error instanceof Error ? error.message : String(error)),
            { cause: error },
          );
        }
        const seconds = (performance.now() - tableStarted) / 1000;
        copied.push({ table: plan.table, rows, seconds });
        log(`${plan.table}: ${rows} rows in ${seconds.toFixed(1)} s`);
      }
      for (const plan of plans) await advanceSequences(trx, plan);
      return copied;
    });
    return {
      tables,
      skipped: [...SKIPPED_TABLES],
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      seconds: (performance.now() - started) / 1000,
    };
  });
}

/**
 * `copyDatabase` into the PostgreSQL database at `url`, migrated first: what
 * `qingfeng copy-to-postgres` runs.
 */
export async function copyToPostgres(
  source: Db,
  url: string,
  options: CopyOptions = {},
): Promise<CopyReport> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`the target must be a postgres:// or postgresql:// URL, got "${url}"`);
  }
  const target = openDatabase({ databaseUrl: url, sqlitePath: ':memory:', poolSize: 2 });
  try {
    await migrateToLatest(target);
    return await copyDatabase(source, target, options);
  } finally {
    await target.destroy();
  }
}

async function migrationNames(db: Db, tables: Set<string>, side: string): Promise<string[]> {
  if (!tables.has('qf_migration')) {
    throw new Error(`the ${side} database is not migrated (it has no qf_migration table)`);
  }
  const { rows } = await sql<{
    name: string;
  }>`select name from qf_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function checkMigrations(source: Db, target: Db): Promise<void> {
  const [sourceNames, targetNames] = await Promise.all([
    migrationNames(source, new Set(await sqliteTables(source)), 'source'),
    migrationNames(target, new Set(await postgresTables(target)), 'target'),
  ]);
  const onlySource = sourceNames.filter((n) => !targetNames.includes(n));
  const onlyTarget = targetNames.filter((n) => !sourceNames.includes(n));
  if (onlySource.length === 0 && onlyTarget.length === 0) return;
  const parts = [
    onlySource.length ? `only the source has ${onlySource.join(', ')}` : '',
    onlyTarget.length ? `only the target has ${onlyTarget.join(', ')}` : '',
  ].filter(Boolean);
  throw new Error(
    `the source and target databases are not at the same migration (${parts.join('; ')}): ` +
      'migrate both with the same version of qingfeng first',
  );
}

async function sqliteTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\'
    order by rowid`.execute(db);
  return rows.map((r) => r.name);
}

async function postgresTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.name);
}

/** The tables to copy, with their columns, keys and PostgreSQL types; refuses any mismatch. */
async function planTables(source: Db, target: Db): Promise<TablePlan[]> {
  const skip = new Set([...MIGRATION_TABLES, ...SKIPPED_TABLES]);
  const sourceTables = (await sqliteTables(source)).filter((t) => !skip.has(t));
  const targetTables = (await postgresTables(target)).filter((t) => !skip.has(t));
  const missing = sourceTables.filter((t) => !targetTables.includes(t));
  const extra = targetTables.filter((t) => !sourceTables.includes(t));
  if (missing.length || extra.length) {
    throw new Error(
      `the two databases do not have the same tables (only in SQLite: ${missing.join(', ') || '-'}; ` +
        `only in PostgreSQL: ${extra.join(', ') || '-'})`,
    );
  }

  const { rows: targetColumns } = await sql<{
    table_name: string;
    column_name: string;
    udt_name: string;
    column_default: string | null;
    is_identity: string;
  }>`
    select table_name, column_name, udt_name, column_default, is_identity
    from information_schema.columns
    where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(target);

  const plans: TablePlan[] = [];
  for (const table of sourceTables) {
    const { rows: sourceColumns } = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${table})`.execute(source);
    const pgColumns = targetColumns.filter((c) => c.table_name === table);
    const sourceNames = sourceColumns.map((c) => c.name);
    const targetNames = pgColumns.map((c) => c.column_name);
    if (
      sourceNames.length !== targetNames.length ||
      sourceNames.some((n) => !targetNames.includes(n))
    ) {
      throw new Error(
        `${table} has other columns in SQLite (${sourceNames.join(', ')}) than in PostgreSQL ` +
          `(${targetNames.join(', ')})`,
      );
    }
    const key = sourceColumns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    if (key.length === 0) throw new Error(`${table} has no primary key to read it in order by`);
    const columns = pgColumns.map((c): ColumnPlan => {
      const type = ARRAY_TYPES[c.udt_name];
      if (!type) {
        throw new Error(
          `${table}.${c.column_name} is of PostgreSQL type ${c.udt_name}, which the copy does not handle`,
        );
      }
      return { name: c.column_name, ...type };
    });
    const serial = pgColumns
      .filter((c) => c.column_default?.startsWith('nextval(') || c.is_identity === 'YES')
      .map((c) => c.column_name);
    plans.push({ table, columns, key, serial });
  }
  return plans;
}

/** Refuse a target that holds data: a copy only fills a new database. */
async function checkEmpty(trx: Db, plans: TablePlan[]): Promise<void> {
  const used: string[] = [];
  for (const plan of plans) {
    if (plan.table === META_TABLE) continue;
    const { rows } = await sql<{ used: boolean }>`
      select exists (select 1 from ${sql.id(plan.table)}) as used`.execute(trx);
    if (rows[0]?.used) used.push(plan.table);
  }
  if (used.length) {
    throw new Error(
      `the target database is not empty (${used.join(', ')} already hold rows): ` +
        'the copy fills only a new, empty database; drop and recreate it, or name another one',
    );
  }
}

/** A batch read from SQLite, ready to send: one array literal per column. */
interface Batch {
  rows: number;
  columns: string[];
  /** The key of its last row, or null when it was the table's last batch. */
  after: unknown[] | null;
}

/** Stream one table in key order, one multi-row insert per batch; returns the rows copied. */
async function copyTable(source: Db, target: Db, plan: TablePlan, size: number): Promise<number> {
  const read = batchReader(source, plan, size);
  let batch = await read(null);
  let copied = 0;
  while (batch.rows > 0) {
    const after = batch.after;
    // PostgreSQL inserts this batch while the next one is read and encoded. The read waits a
    // turn of the event loop so that the insert is on the wire before SQLite takes the thread.
    const [, next] = await Promise.all([
      writeBatch(target, plan, batch.columns),
      after === null ? Promise.resolve(null) : nextTurn().then(() => read(after)),
    ]);
    copied += batch.rows;
    if (!next) break;
    batch = next;
  }
  return copied;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function batchReader(
  source: Db,
  plan: TablePlan,
  size: number,
): (after: unknown[] | null) => Promise<Batch> {
  const select = sql.join(plan.columns.map((c) => sql.id(c.name)));
  const key = sql.join(plan.key.map((k) => sql.id(k)));
  return async (after) => {
    const where: RawBuilder<unknown> =
      after === null ? sql`` : sql`where (${key}) > (${sql.join(after)})`;
    const { rows } = await sql<SourceRow>`
      select ${select} from ${sql.id(plan.table)} ${where}
      order by ${key} limit ${size}`.execute(source);
    const last = rows[rows.length - 1];
    return {
      rows: rows.length,
      columns: toColumns(plan, rows),
      after: last && rows.length === size ? plan.key.map((k) => last[k]) : null,
    };
  };
}

async function writeBatch(target: Db, plan: TablePlan, columns: string[]): Promise<void> {
  const names = sql.join(plan.columns.map((c) => sql.id(c.name)));
  const arrays = sql.join(plan.columns.map((c, i) => sql`${columns[i]}::${sql.raw(c.cast)}[]`));
  await sql`insert into ${sql.id(plan.table)} (${names}) select * from unnest(${arrays})`.execute(
    target,
  );
}

/**
 * The rows as one PostgreSQL array literal per column (`{"a","say \"hi\"",NULL}`), each value
 * checked to reach PostgreSQL unchanged. Built here rather than by pg, whose array encoding
 * takes four times as long on the audit log's JSON.
 */
function toColumns(plan: TablePlan, rows: SourceRow[]): string[] {
  return plan.columns.map((column) => {
    const parts = new Array<string>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const value = row[column.name] ?? null;
      if (value === null) {
        parts[r] = 'NULL';
        continue;
      }
      if (!accepts(column.kind, value)) {
        const key = plan.key.map((k) => JSON.stringify(row[k])).join(', ');
        throw new Error(
          `${plan.table}.${column.name} of the row (${key}) holds ${describe(value)}, ` +
            `which would not reach a PostgreSQL ${column.cast} column unchanged`,
        );
      }
      parts[r] = element(value as string | number | bigint | Buffer);
    }
    return `{${parts.join(',')}}`;
  });
}

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPED = /[\\"]/g;

/** One element of an array literal: text in quotes with its `\` and `"` escaped, bytes in hex. */
function element(value: string | number | bigint | Buffer): string {
  if (typeof value === 'string') {
    return `"${NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, '\\$&') : value}"`;
  }
  if (Buffer.isBuffer(value)) return `"\\\\x${value.toString('hex')}"`;
  return String(value);
}

function accepts(kind: ValueKind, value: unknown): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'integer':
      return (
        (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint'
      );
    case 'number':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'boolean':
      return value === 0 || value === 1;
    case 'bytes':
      return Buffer.isBuffer(value);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? 'text with a NUL character' : 'text';
  }
  if (Buffer.isBuffer(value)) return `a BLOB of ${value.length} bytes`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'bigint') return `the integer ${value}`;
  return `a value of type ${typeof value}`;
}

/** Set each sequence past the largest copied value, so that the next insert gets the next id. */
async function advanceSequences(trx: Db, plan: TablePlan): Promise<void> {
  for (const column of plan.serial) {
    await sql`
      select setval(
        pg_get_serial_sequence(${`"${plan.table.replaceAll('"', '""')}"`}, ${column}),
        coalesce((select max(${sql.id(column)}) from ${sql.id(plan.table)}), 0) + 1,
        false)`.execute(trx);
  }
}
