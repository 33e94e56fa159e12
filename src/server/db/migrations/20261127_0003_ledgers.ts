import type { Kysely } from 'kysely';
import { bigintType, dialectOf, regionCodeType } from '../dialect.js';

/** Ledgers with their versions, the 四议两公开 decisions, and disclosure. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const d = dialectOf(db);
  const region = regionCodeType(d);
  const money = bigintType(d);

  await db.schema
    .createTable('ledger_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text')
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addColumn('review_note', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('override_by', 'text')
    .addColumn('override_at', 'text')
    .addColumn('void_reason', 'text')
    .addColumn('disclosure_due_on', 'text')
    .addColumn('disclosed_version', 'integer')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entry_region')
    .on('ledger_entry')
    .columns(['region_code', 'occurred_on'])
    .execute();
  await db.schema
    .createIndex('ledger_entry_due')
    .on('ledger_entry')
    .columns(['disclosure_due_on', 'region_code'])
    .execute();
  await db.schema
    .createIndex('ledger_entry_decision')
    .on('ledger_entry')
    .column('decision_id')
    .execute();

  await db.schema
    .createTable('ledger_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('ledger_version_entry', ['entry_id', 'version'])
    .execute();

  await db.schema
    .createTable('decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('comment_from', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decision_region')
    .on('decision')
    .columns(['region_code', 'updated_at'])
    .execute();

  await db.schema
    .createTable('decision_meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('votes_for', 'integer', (c) => c.notNull())
    .addColumn('votes_against', 'integer', (c) => c.notNull())
    .addColumn('votes_abstain', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('officials', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('decision_meeting_decision')
    .on('decision_meeting')
    .columns(['decision_id', 'held_on'])
    .execute();

  await db.schema
    .createTable('disclosure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('voided', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('due_on', 'text')
    .addColumn('on_time', 'integer')
    .addColumn('is_latest', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .execute();
  await db.schema
    .createIndex('disclosure_public')
    .on('disclosure')
    .columns(['is_latest', 'region_code', 'occurred_on'])
    .execute();
  await db.schema
    .createIndex('disclosure_subject')
    .on('disclosure')
    .columns(['subject_id', 'version'])
    .execute();
  await db.schema
    .createIndex('disclosure_due')
    .on('disclosure')
    .columns(['region_code', 'due_on'])
    .execute();

  await db.schema
    .createTable('disclosure_catalogue')
    .addColumn('region_code', region, (c) => c.primaryKey())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'disclosure_catalogue',
    'disclosure',
    'decision_meeting',
    'decision',
    'ledger_version',
    'ledger_entry',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
