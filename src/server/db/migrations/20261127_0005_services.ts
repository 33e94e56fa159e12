import type { Kysely } from 'kysely';
import { dialectOf, regionCodeType } from '../dialect.js';

/**
 * Service points (党群微家) and legal studios (银采法官): their registry, duty roster and
 * service log; alliances (西街管家): members and the stall registry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const region = regionCodeType(dialectOf(db));

  await db.schema
    .createTable('service_point')
    .addColumn('unit_id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('host_type', 'text', (c) => c.notNull())
    .addColumn('host_name', 'text', (c) => c.notNull())
    .addColumn('area_codes', 'text', (c) => c.notNull())
    .addColumn('case_types', 'text', (c) => c.notNull())
    .addColumn('standard', 'text')
    .addColumn('standard_met', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_point_region')
    .on('service_point')
    .column('region_code')
    .execute();

  await db.schema
    .createTable('duty_shift')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('town_code', region, (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('half', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('duty_shift_person', ['town_code', 'person_name', 'date', 'half'])
    .execute();
  await db.schema
    .createIndex('duty_shift_unit')
    .on('duty_shift')
    .columns(['unit_id', 'date'])
    .execute();

  await db.schema
    .createTable('service_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('people_served', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('service_log_unit')
    .on('service_log')
    .columns(['unit_id', 'date'])
    .execute();

  await db.schema
    .createTable('alliance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('area_description', 'text', (c) => c.notNull())
    .addColumn('area_codes', 'text', (c) => c.notNull())
    .addColumn('case_types', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alliance_region').on('alliance').column('region_code').execute();

  await db.schema
    .createTable('alliance_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('alliance_member_key', ['alliance_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('alliance_member_unit')
    .on('alliance_member')
    .column('unit_id')
    .execute();

  await db.schema
    .createTable('stall')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull())
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('stall_no', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('business_type', 'text', (c) => c.notNull())
    .addColumn('licence_no', 'text', (c) => c.notNull())
    .addColumn('licence_valid_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('warned_for', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('stall_number', ['alliance_id', 'stall_no'])
    .execute();
  await db.schema
    .createIndex('stall_licence')
    .on('stall')
    .columns(['status', 'licence_valid_until'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'stall',
    'alliance_member',
    'alliance',
    'service_log',
    'duty_shift',
    'service_point',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
