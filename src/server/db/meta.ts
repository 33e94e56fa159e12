import type { Db, Trx } from './schema.js';

/** A setting the database keeps about itself (`qf_meta`): chain algorithm, derived versions. */
export async function readMeta(db: Db | Trx, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('qf_meta')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function writeMeta(db: Db | Trx, key: string, value: string): Promise<void> {
  await db
    .insertInto('qf_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
