/**
 * Checks a visitor's browser runs on its own, with WebCrypto: the Ed25519 signature of a
 * checkpoint and the RFC 6962 consistency proof between two checkpoints.
 */
import { fromHex, verifyConsistency, type HashFn } from '../../shared/merkle.js';
import type { CheckpointDto } from '../../shared/schemas/audit.js';

export const HEX_ROOT = /^[0-9a-fA-F]{64}$/;

/** WebCrypto exists only in secure contexts (HTTPS or localhost). */
export function hasWebCrypto(): boolean {
  return typeof globalThis.crypto !== 'undefined' && globalThis.crypto.subtle !== undefined;
}

export const sha256: HashFn = async (data) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', data));

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The exact bytes the instance key signs for a checkpoint. */
export function checkpointMessage(c: Pick<CheckpointDto, 'size' | 'root' | 'at' | 'algorithm'>) {
  return new TextEncoder().encode(
    `qingfeng-checkpoint\n${c.size}\n${c.root}\n${c.at}\n${c.algorithm}\n`,
  );
}

/** True when the checkpoint's signature verifies under the published SPKI public key. */
export async function verifyCheckpointSignature(
  checkpoint: CheckpointDto,
  publicKeySpkiBase64: string,
): Promise<boolean> {
  const key = await crypto.subtle.importKey(
    'spki',
    base64ToBytes(publicKeySpkiBase64),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    base64ToBytes(checkpoint.signature),
    checkpointMessage(checkpoint),
  );
}

/** True when the tree of (oldSize, oldRoot) is a prefix of the latest checkpoint's tree. */
export function verifyKeptCheckpoint(
  kept: { size: number; root: string },
  latest: Pick<CheckpointDto, 'size' | 'root'>,
  proof: readonly string[],
): Promise<boolean> {
  return verifyConsistency(
    {
      oldSize: kept.size,
      newSize: latest.size,
      oldRoot: fromHex(kept.root.toLowerCase()),
      newRoot: fromHex(latest.root),
      proof: proof.map((node) => fromHex(node)),
    },
    sha256,
  );
}
