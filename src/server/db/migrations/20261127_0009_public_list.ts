import type { Kysely } from 'kysely';

/**
 * A village's public list filtered by kind, newest first, counted and paged from the index
 * alone (a month's filter reads the date range of `disclosure_public`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('disclosure_public_kind')
    .on('disclosure')
    .columns(['is_latest', 'region_code', 'kind', 'occurred_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('disclosure_public_kind').execute();
}
