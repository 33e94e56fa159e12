import type { Kysely } from 'kysely';
import { bigintType, dialectOf } from '../dialect.js';

/**
 * Roots of complete, aligned subtrees of the audit chain's Merkle tree (platform/audit
 * merkle-store.ts), so that a proof costs O(log n) reads instead of every event hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('merkle_node')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', bigintType(dialectOf(db)), (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('merkle_node_pk', ['level', 'idx'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('merkle_node').execute();
}
