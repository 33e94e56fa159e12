import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

// The worker runs as compiled JavaScript: the test suite builds dist/ before it runs.
const WORKER = pathToFileURL(path.resolve('dist/server/db/wal-checkpoint-worker.js'));

describe('the WAL checkpointer', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qf-wal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file from its own thread', async () => {
    const file = path.join(dir, 'qingfeng.sqlite');
    const db = openDatabase({ sqlitePath: file });
    const errors: string[] = [];
    const stop = await startWalCheckpointer(db, file, (m) => errors.push(m), 50, WORKER);
    await sql`create table t (id integer primary key, body text)`.execute(db);
    const before = statSync(file).size;
    for (let i = 0; i < 400; i++) {
      await sql`insert into t (body) values (${'清风'.repeat(200)})`.execute(db);
    }
    // 400 commits stay below the raised commit-time threshold: only the thread moves them.
    const deadline = Date.now() + 5_000;
    while (statSync(file).size < before + 400 * 1_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(file).size).toBeGreaterThanOrEqual(before + 400 * 1_000);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(rows.rows[0]?.n).toBe(400);
    await stop();
    await db.destroy();
    expect(errors).toEqual([]);
  });
});
