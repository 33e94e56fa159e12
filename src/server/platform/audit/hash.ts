import { createHash } from 'node:crypto';
import type { HashFn } from '../../../shared/merkle.js';
import type { HashAlgorithm } from '../../config.js';

/** The chain's hash function: SHA-256 by default, SM3 (国密) by configuration. */
export function digestHex(algorithm: HashAlgorithm, data: string | Uint8Array): string {
  return createHash(algorithm).update(data).digest('hex');
}

export function digestBytes(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

/** The chain's hash as the Merkle tree functions take it. */
export function merkleHash(algorithm: HashAlgorithm): HashFn {
  return (data) => Promise.resolve(digestBytes(algorithm, data));
}

export const GENESIS_HASH = '0'.repeat(64);
