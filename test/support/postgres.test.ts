import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, inject, test } from 'vitest';
import { createDatabase, dropDatabase } from './postgres.js';

test('the private PostgreSQL 15 cluster accepts new databases', async () => {
  const adminUrl = inject('pgUrl');
  const name = `harness_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(adminUrl, name);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = await client.query<{ one: number }>('select 1 as one');
    expect(one.rows).toEqual([{ one: 1 }]);

    const version = await client.query<{ server_version: string }>('show server_version');
    expect(version.rows[0]?.server_version).toMatch(/^15/);

    const current = await client.query<{ name: string }>('select current_database() as name');
    expect(current.rows[0]?.name).toBe(name);
  } finally {
    await client.end();
    await dropDatabase(adminUrl, name);
  }

  const check = new pg.Client({ connectionString: adminUrl });
  await check.connect();
  try {
    const left = await check.query('select 1 from pg_database where datname = $1', [name]);
    expect(left.rowCount).toBe(0);
  } finally {
    await check.end();
  }
});
