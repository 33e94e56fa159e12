import { consistencyProofOver, toHex } from '../../../shared/merkle.js';
import type { Config, HashAlgorithm } from '../../config.js';
import type { Db, Row } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { chainSize, insertCheckpoint, latestCheckpoint } from './audit.queries.js';
import { hashAlgorithmOf } from './audit.js';
import { storedRanges } from './merkle-store.js';

export { merkleHash } from './hash.js';
import { loadInstanceKey, signCheckpoint } from './instance-key.js';

/** The Merkle root (RFC 6962) over the first `size` event hashes, from the subtree store. */
export async function rootOf(db: Db, algorithm: HashAlgorithm, size: number): Promise<string> {
  return toHex(await storedRanges(db, algorithm)(0, size));
}

/**
 * Sign and store a checkpoint over the whole chain as it stands, unless nothing was
 * appended since the last one. Published on the public site every day.
 */
export async function createCheckpoint(
  db: Db,
  config: Config,
  now = new Date(),
): Promise<Row<'audit_checkpoint'> | null> {
  const size = await chainSize(db);
  const last = await latestCheckpoint(db);
  if (size === 0 || last?.size === size) return null;
  const key = loadInstanceKey(config.dataDir);
  const algorithm = hashAlgorithmOf(db);
  const unsigned = {
    size,
    root: await rootOf(db, algorithm, size),
    at: now.toISOString(),
    algorithm,
  };
  const row = { ...unsigned, key_id: key.keyId, signature: signCheckpoint(key, unsigned) };
  await insertCheckpoint(db, row);
  return row;
}

/** RFC 6962 consistency proof between two tree sizes, for anyone holding an older checkpoint. */
export async function proveConsistency(db: Db, from: number, to: number): Promise<string[]> {
  const algorithm = hashAlgorithmOf(db);
  const size = await chainSize(db);
  if (from > to || to > size) {
    throw new AppError('BAD_REQUEST', `need 1 <= from <= to <= ${size}`, { size });
  }
  const proof = await consistencyProofOver(from, to, storedRanges(db, algorithm));
  return proof.map(toHex);
}
