import type { Kysely } from 'kysely';
import { dialectOf, regionCodeType } from '../dialect.js';

/**
 * Inspections and what follows them: an inspection of a village against the points of the
 * catalogue version in force, one item per point; findings (the supervision side of a case of
 * type 'finding'); numbered feedback notices (反馈意见书); warnings raised by the red-flag rules
 * (the supervision side of a case of type 'warning').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const region = regionCodeType(dialectOf(db));
  await db.schema
    .createTable('inspection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('catalogue_version', 'integer', (c) => c.notNull())
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('officers', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('notice_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_region')
    .on('inspection')
    .columns(['region_code', 'planned_on'])
    .execute();

  await db.schema
    .createTable('inspection_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspection.id'))
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('point_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('rectify_days', 'integer')
    .addColumn('finding_id', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addUniqueConstraint('inspection_item_point', ['inspection_id', 'point_code'])
    .execute();

  await db.schema
    .createTable('feedback_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_code', region, (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('feedback_notice_number', ['town_code', 'year', 'seq'])
    .execute();

  await db.schema
    .createTable('finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('inspection_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('point_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('rectify_days', 'integer', (c) => c.notNull())
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text')
    .addColumn('fed_back_at', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('rectified_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('on_time', 'integer')
    .execute();
  await db.schema
    .createIndex('finding_region')
    .on('finding')
    .columns(['region_code', 'found_on'])
    .execute();

  await db.schema
    .createTable('warning')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('hit_key', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('entry_ids', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('threshold', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .execute();
  await db.schema
    .createIndex('warning_region')
    .on('warning')
    .columns(['region_code', 'cleared_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['warning', 'finding', 'feedback_notice', 'inspection_item', 'inspection'])
    await db.schema.dropTable(table).ifExists().execute();
}
