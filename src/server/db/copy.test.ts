import { sql } from 'kysely';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.js';
import { createDatabase, dropDatabase } from '../../../test/support/postgres.js';
import { initAudit } from '../platform/audit/audit.js';
import { createCheckpoint } from '../platform/audit/checkpoint.js';
import { verifyAudit } from '../platform/audit/verify.js';
import { seedDemoCases } from '../seed/demo-cases.js';
import { seedDemoServices } from '../seed/demo-services.js';
import { seedDemoLedgers } from '../seed/seed.js';
import { migrateToLatest, openDatabase } from './connection.js';
import { copyDatabase, SKIPPED_TABLES, type CopyReport } from './copy.js';
import type { Db } from './schema.js';

type AnyRow = Record<string, unknown>;

describe('copying the SQLite database to PostgreSQL', () => {
  let ctx: TestContext;
  let target: Db;
  let report: CopyReport;
  const lines: string[] = [];
  const created: { name: string; db: Db }[] = [];

  /** A new PostgreSQL database of the test cluster, migrated. */
  async function freshTarget(): Promise<Db> {
    const name = `qf_copy_${nanoid(8)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
    const url = await createDatabase(inject('pgUrl'), name);
    const db = openDatabase({ databaseUrl: url, sqlitePath: ':memory:', poolSize: 2 });
    created.push({ name, db });
    await migrateToLatest(db);
    return db;
  }

  /** Every table of the SQLite catalogue but Kysely's own. */
  async function tables(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master
      where type = 'table' and name not like 'sqlite\\_%' escape '\\'
        and name not in ('qf_migration', 'qf_migration_lock')`.execute(ctx.db);
    return rows.map((r) => r.name);
  }

  async function count(db: Db, table: string): Promise<number> {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.id(table)}`.execute(db);
    return Number(rows[0]!.n);
  }

  /** A table's rows by their primary key. */
  async function rowsByKey(db: Db, table: string): Promise<Map<string, AnyRow>> {
    const { rows: keyColumns } = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${table})`.execute(ctx.db);
    const key = keyColumns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const { rows } = await sql<AnyRow>`select * from ${sql.id(table)}`.execute(db);
    return new Map(rows.map((row) => [JSON.stringify(key.map((k) => row[k])), row]));
  }

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    await seedDemoLedgers(ctx.db);
    await seedDemoCases(ctx.db);
    await seedDemoServices(ctx.db);
    // A serial column with values, a signed checkpoint, a session (which stays behind).
    for (const name of ['checkpoint', 'case-scan', 'deliver']) {
      await ctx.db
        .insertInto('job_run')
        .values({
          name,
          started_at: '2026-04-30T01:00:00.000Z',
          finished_at: '2026-04-30T01:00:01.000Z',
          status: 'ok',
          message: null,
        })
        .execute();
    }
    await createCheckpoint(ctx.db, ctx.config);
    await ctx.login('admin');
    target = await freshTarget();
    report = await copyDatabase(ctx.db, target, { log: (line) => lines.push(line) });
    console.log(
      `copied ${report.rows} rows of ${report.tables.length} tables in ${report.seconds.toFixed(2)} s ` +
        `(${Math.round(report.rows / report.seconds)} rows/s)`,
    );
  }, 300_000);

  afterAll(async () => {
    for (const { name, db } of created) {
      await db.destroy();
      await dropDatabase(inject('pgUrl'), name);
    }
    await ctx?.close();
  });

  it('copies every table but the sessions, with the same row counts, and logs each table', async () => {
    const all = await tables();
    expect(all).toContain('search_gram');
    expect(report.skipped).toEqual([...SKIPPED_TABLES]);
    expect(report.tables.map((t) => t.table).sort()).toEqual(
      all.filter((t) => !SKIPPED_TABLES.includes(t)).sort(),
    );
    expect(lines).toHaveLength(report.tables.length);
    expect(await count(ctx.db, 'user_session')).toBeGreaterThan(0);
    for (const table of all) {
      const expected = SKIPPED_TABLES.includes(table) ? 0 : await count(ctx.db, table);
      expect(await count(target, table), table).toBe(expected);
      if (!SKIPPED_TABLES.includes(table)) {
        expect(report.tables.find((t) => t.table === table)?.rows, table).toBe(expected);
      }
    }
    expect(await count(target, 'audit_event')).toBeGreaterThan(10_000);
    expect(report.rows).toBe(report.tables.reduce((sum, t) => sum + t.rows, 0));
  });

  it('carries every row field by field', async () => {
    for (const table of await tables()) {
      if (SKIPPED_TABLES.includes(table)) continue;
      const [before, after] = await Promise.all([
        rowsByKey(ctx.db, table),
        rowsByKey(target, table),
      ]);
      expect(after.size, table).toBe(before.size);
      for (const [key, row] of before) expect(after.get(key), `${table} ${key}`).toEqual(row);
    }
  });

  it('keeps the audit chain and its signed checkpoint verifiable on PostgreSQL', async () => {
    await initAudit(target, ctx.config.hashAlgorithm);
    const verified = await verifyAudit(target, ctx.config);
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.checkedEvents).toBe(await count(ctx.db, 'audit_event'));
    expect(await count(target, 'audit_checkpoint')).toBe(1);
  });

  it('refuses a second copy into the now non-empty target and writes nothing', async () => {
    const before = await Promise.all(
      ['region', 'audit_event', 'qf_meta'].map((t) => count(target, t)),
    );
    await expect(copyDatabase(ctx.db, target)).rejects.toThrow(
      /target database is not empty \(.*region.*\)/,
    );
    const after = await Promise.all(
      ['region', 'audit_event', 'qf_meta'].map((t) => count(target, t)),
    );
    expect(after).toEqual(before);
  });

  it('lets the serial sequences continue after the copied ids', async () => {
    const { max } = await ctx.db
      .selectFrom('job_run')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    const inserted = await target
      .insertInto('job_run')
      .values({ name: 'after-copy', started_at: new Date().toISOString(), status: 'ok' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(inserted.id).toBe(Number(max) + 1);
  });

  it('refuses a source at another migration than the target, and writes nothing', async () => {
    const other = await freshTarget();
    await sql`insert into qf_migration (name, timestamp)
      values ('29991231_9999_future', '2999-12-31T00:00:00.000Z')`.execute(other);
    await expect(copyDatabase(ctx.db, other)).rejects.toThrow(
      /not at the same migration \(only the target has 29991231_9999_future\)/,
    );
    expect(await count(other, 'region')).toBe(0);
    expect(await count(other, 'qf_meta')).toBe(0);
  });

  it('rolls back a copy that meets a value PostgreSQL cannot hold, naming it', async () => {
    const small = await createTestContext('sqlite', { seed: false });
    try {
      await small.db
        .insertInto('region')
        .values({
          code: '339901000000',
          parent_code: null,
          name: '清河\u0000县',
          level: 'county',
          kind: null,
          sort: 0,
        })
        .execute();
      const other = await freshTarget();
      await expect(copyDatabase(small.db, other)).rejects.toThrow(
        /copying region failed.*target is empty again.*region\.name of the row \("339901000000"\) holds text with a NUL character/,
      );
      // qf_meta (the chain's hash algorithm) was copied before region, and is gone again.
      expect(await count(small.db, 'qf_meta')).toBeGreaterThan(0);
      expect(await count(other, 'qf_meta')).toBe(0);
      expect(await count(other, 'region')).toBe(0);
    } finally {
      await small.close();
    }
  });
});
