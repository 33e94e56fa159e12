import type { Kysely } from 'kysely';
import { dialectOf, regionCodeType } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('county_policy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', regionCodeType(dialectOf(db)), (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('county_policy_effective', ['region_code', 'effective_from'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('county_policy').ifExists().execute();
}
