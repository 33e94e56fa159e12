import { sql, type Kysely } from 'kysely';
import { dialectOf, regionCodeType } from '../dialect.js';

/**
 * The bigram index of public search (ADR 0010): one row per pair of adjacent characters of a
 * searchable text, keyed so that a region's matches come newest first from one index range.
 * Filled on the next start by `ensureSearchIndex`, then kept by every audited write. And two
 * indexes of cases that a county's volume showed missing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  let table = db.schema
    .createTable('search_gram')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('region_code', regionCodeType(dialect), (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_gram_pk', [
      'source',
      'gram',
      'region_code',
      'sort_key',
      'doc_id',
    ]);
  // SQLite keeps the rows in the key's order itself, with no second copy as an index.
  if (dialect === 'sqlite') table = table.modifyEnd(sql`without rowid`);
  await table.execute();

  // A staff inbox reads co-handled cases through this, not by scanning every case.
  await db.schema
    .createIndex('cases_co_handled')
    .on('cases')
    .column('id')
    .where(sql.ref('co_unit_ids'), '!=', '[]')
    .execute();
  // Open311 lists the newest requests of a whole jurisdiction.
  await db.schema.createIndex('cases_created').on('cases').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_created').execute();
  await db.schema.dropIndex('cases_co_handled').execute();
  await db.schema.dropTable('search_gram').execute();
}
