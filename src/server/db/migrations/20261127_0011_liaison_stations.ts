import type { Kysely } from 'kysely';
import { dialectOf, regionCodeType } from '../dialect.js';

/** 监察工作联络站: one per village, its people (head, officers, informants) and duty log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const region = regionCodeType(dialectOf(db));
  await db.schema
    .createTable('liaison_station')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', region, (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('established_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createTable('liaison_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('liaison_station.id'))
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text')
    .addColumn('user_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('liaison_member_station')
    .on('liaison_member')
    .columns(['station_id', 'role'])
    .execute();
  await db.schema
    .createTable('liaison_duty')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('liaison_station.id'))
    .addColumn('region_code', region, (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('officer_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('liaison_duty_station')
    .on('liaison_duty')
    .columns(['station_id', 'on_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('liaison_duty').ifExists().execute();
  await db.schema.dropTable('liaison_member').ifExists().execute();
  await db.schema.dropTable('liaison_station').ifExists().execute();
}
