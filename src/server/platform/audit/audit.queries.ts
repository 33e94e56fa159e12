import type { Db, Row } from '../../db/schema.js';

export async function chainSize(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.seq ?? 0;
}

export function eventsFrom(db: Db, afterSeq: number, limit: number): Promise<Row<'audit_event'>[]> {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export function latestCheckpoint(db: Db): Promise<Row<'audit_checkpoint'> | undefined> {
  return db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listCheckpoints(db: Db, limit: number): Promise<Row<'audit_checkpoint'>[]> {
  return db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .orderBy('size', 'desc')
    .limit(limit)
    .execute();
}

export function findCheckpoint(db: Db, size: number): Promise<Row<'audit_checkpoint'> | undefined> {
  return db.selectFrom('audit_checkpoint').selectAll().where('size', '=', size).executeTakeFirst();
}

export async function insertCheckpoint(db: Db, row: Row<'audit_checkpoint'>): Promise<void> {
  await db.insertInto('audit_checkpoint').values(row).execute();
}
