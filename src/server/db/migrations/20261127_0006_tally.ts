import type { Kysely } from 'kysely';
import { bigintType, dialectOf, regionCodeType } from '../dialect.js';

/**
 * Running totals per region, month, metric and category (ADR 0009). Filled on the next start
 * by `ensureTallies` from the rows already there, then kept by every audited write. And the
 * indexes that a county's volume showed missing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('tally')
    .addColumn('region_code', regionCodeType(dialect), (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('n', bigintType(dialect), (c) => c.notNull())
    .addColumn('amount', bigintType(dialect), (c) => c.notNull())
    .addPrimaryKeyConstraint('tally_pk', ['region_code', 'month', 'metric', 'category'])
    .execute();
  // The abuse limit counts a mobile number's recent filings on every filing.
  await db.schema
    .createIndex('cases_mobile')
    .on('cases')
    .columns(['reporter_mobile', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_mobile').execute();
  await db.schema.dropTable('tally').execute();
}
