import type { Kysely } from 'kysely';
import { dialectOf, regionCodeType } from '../dialect.js';

/** The case engine: cases, their timeline, deadlines and routes, notifications. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const region = regionCodeType(dialectOf(db));

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('location', 'text')
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_mobile', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('service_point_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('co_unit_ids', 'text', (c) => c.notNull())
    .addColumn('extension', 'text')
    .addColumn('extension_days', 'integer', (c) => c.notNull())
    .addColumn('escalation', 'integer', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('dispatched_at', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('sign_due_at', 'text')
    .addColumn('handle_due_at', 'text')
    .addColumn('return_due_at', 'text')
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cases_region')
    .on('cases')
    .columns(['region_code', 'created_at'])
    .execute();
  await db.schema.createIndex('cases_unit').on('cases').columns(['unit_id', 'status']).execute();
  await db.schema
    .createIndex('cases_open_due')
    .on('cases')
    .columns(['status', 'handle_due_at'])
    .execute();

  await db.schema
    .createTable('case_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_event_case')
    .on('case_event')
    .columns(['case_id', 'seq'])
    .execute();

  for (const table of ['case_deadline', 'case_route']) {
    let builder = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('region_code', region, (c) => c.notNull())
      .addColumn('case_type', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull());
    builder =
      table === 'case_deadline'
        ? builder
            .addColumn('sign_days', 'integer', (c) => c.notNull())
            .addColumn('handle_days', 'integer', (c) => c.notNull())
            .addColumn('max_extension_days', 'integer', (c) => c.notNull())
            .addColumn('return_days', 'integer', (c) => c.notNull())
        : builder.addColumn('unit_id', 'text', (c) => c.notNull());
    await builder
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addUniqueConstraint(`${table}_key`, ['region_code', 'case_type', 'category'])
      .execute();
  }

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region)
    .addColumn('unit_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_unit')
    .on('notification')
    .columns(['unit_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('unit_area')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('case_types', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('unit_area_key', ['unit_id', 'region_code'])
    .execute();
  await db.schema.createIndex('unit_area_region').on('unit_area').column('region_code').execute();

  await db.schema
    .createTable('notify_channel')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('notify_channel_unit')
    .on('notify_channel')
    .column('unit_id')
    .execute();

  await db.schema
    .createTable('outbound_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region)
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('outbound_message_due')
    .on('outbound_message')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbound_message',
    'notify_channel',
    'unit_area',
    'notification',
    'case_route',
    'case_deadline',
    'case_event',
    'cases',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
