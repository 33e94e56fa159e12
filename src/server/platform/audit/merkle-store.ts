/**
 * Subtree roots of the audit chain's Merkle tree, kept so that proofs are cheap at county
 * scale. A subtree of 2^level leaves starting at leaf idx·2^level is complete once the chain
 * is that long, and never changes after: its root is computed once (from its two halves, or
 * from at most 2^STORED_LEVEL event hashes) and stored in `merkle_node`. An inclusion or
 * consistency proof then reads O(log n) nodes instead of every event hash.
 *
 * The store is a cache: `qingfeng verify` recomputes the tree from the events and never reads
 * it, and a tampered event cannot be proven against a signed root with it (its hash is not the
 * leaf the stored nodes were built on).
 */
import {
  fromHex,
  hashChildren,
  MerkleAccumulator,
  toHex,
  type RangeRoot,
} from '../../../shared/merkle.js';
import type { HashAlgorithm } from '../../config.js';
import type { Db } from '../../db/schema.js';
import { merkleHash } from './hash.js';

/** Subtrees below this many levels (256 leaves) are computed from the event hashes. */
export const STORED_LEVEL = 8;

async function leafHashes(db: Db, from: number, to: number): Promise<Uint8Array[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select('hash')
    .where('seq', '>', from)
    .where('seq', '<=', to)
    .orderBy('seq')
    .execute();
  if (rows.length !== to - from) throw new Error(`audit events ${from + 1}..${to} are missing`);
  return rows.map((r) => fromHex(r.hash));
}

/** MTH of leaves [lo, hi), computed from the event hashes. */
async function fromLeaves(
  db: Db,
  algorithm: HashAlgorithm,
  lo: number,
  hi: number,
): Promise<Uint8Array> {
  const accumulator = new MerkleAccumulator(merkleHash(algorithm));
  for (const leaf of await leafHashes(db, lo, hi)) await accumulator.push(leaf);
  return accumulator.root();
}

/** The root of the complete subtree of 2^level leaves numbered idx at that level. */
export async function subtreeRoot(
  db: Db,
  algorithm: HashAlgorithm,
  level: number,
  idx: number,
): Promise<Uint8Array> {
  const size = 2 ** level;
  if (level < STORED_LEVEL) return fromLeaves(db, algorithm, idx * size, (idx + 1) * size);
  const stored = await db
    .selectFrom('merkle_node')
    .select('hash')
    .where('level', '=', level)
    .where('idx', '=', idx)
    .executeTakeFirst();
  if (stored) return fromHex(stored.hash);
  const root =
    level === STORED_LEVEL
      ? await fromLeaves(db, algorithm, idx * size, (idx + 1) * size)
      : await hashChildren(
          await subtreeRoot(db, algorithm, level - 1, 2 * idx),
          await subtreeRoot(db, algorithm, level - 1, 2 * idx + 1),
          merkleHash(algorithm),
        );
  await db
    .insertInto('merkle_node')
    .values({ level, idx, hash: toHex(root) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return root;
}

/**
 * MTH of leaves [lo, hi) of the chain, where `lo` is a multiple of the largest power of two
 * below hi − lo (true of every range an RFC 6962 proof or root asks for): the left part is
 * a stored subtree, the right part recurses.
 */
export function storedRanges(db: Db, algorithm: HashAlgorithm): RangeRoot {
  const range: RangeRoot = async (lo, hi) => {
    const n = hi - lo;
    if (n <= 0) return merkleHash(algorithm)(new Uint8Array(0));
    const level = Math.log2(n);
    if (Number.isInteger(level) && lo % n === 0) return subtreeRoot(db, algorithm, level, lo / n);
    let k = 1;
    while (k * 2 < n) k *= 2;
    if (lo % k !== 0) return fromLeaves(db, algorithm, lo, hi);
    return hashChildren(
      await subtreeRoot(db, algorithm, Math.log2(k), lo / k),
      await range(lo + k, hi),
      merkleHash(algorithm),
    );
  };
  return range;
}
