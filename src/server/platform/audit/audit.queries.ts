import type { Db, Row } from '../../db/schema.js';

/** Event hashes in sequence order, from seq 1 up to `size` (the Merkle tree's leaves). */
export async function eventHashes(db: Db, size: number): Promise<string[]> {
  const out: string[] = [];
  await forEachEventHash(db, size, (hashes) => {
    out.push(...hashes);
  });
  return out;
}

/** The same hashes a batch at a time, so that a county's millions need not be held at once. */
export async function forEachEventHash(
  db: Db,
  size: number,
  visit: (hashes: string[]) => void | Promise<void>,
): Promise<void> {
  const batch = 50_000;
  for (let from = 1; from <= size; from += batch) {
    const rows = await db
      .selectFrom('audit_event')
      .select('hash')
      .where('seq', '>=', from)
      .where('seq', '<', Math.min(from + batch, size + 1))
      .orderBy('seq')
      .execute();
    await visit(rows.map((r) => r.hash));
  }
}

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
