import type { Kysely } from 'kysely';
import { bigintType, dialectOf, regionCodeType } from '../dialect.js';

/** The supervision catalogue (六小一督): a town's versions, each kept whole as JSON. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supervision_catalogue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', regionCodeType(dialectOf(db)), (c) => c.notNull())
    .addColumn('version', bigintType(dialectOf(db)), (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('catalogue', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('supervision_catalogue_version', ['region_code', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('supervision_catalogue').ifExists().execute();
}
