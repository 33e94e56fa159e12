import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The instance's Ed25519 key: it signs audit checkpoints; its public half is published. */
export interface InstanceKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  publicKeySpkiBase64: string;
}

const cache = new Map<string, InstanceKey>();

/** Load the key from the data folder, creating it on first use. */
export function loadInstanceKey(dataDir: string): InstanceKey {
  const file = path.join(dataDir, 'instance-key.pem');
  const cached = cache.get(file);
  if (cached) return cached;
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const key: InstanceKey = {
    keyId: createHash('sha256').update(spki).digest('hex').slice(0, 16),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKeySpkiBase64: spki.toString('base64'),
  };
  cache.set(file, key);
  return key;
}

/** The exact bytes a checkpoint signature covers. */
export function checkpointMessage(c: {
  size: number;
  root: string;
  at: string;
  algorithm: string;
}): string {
  return `qingfeng-checkpoint\n${c.size}\n${c.root}\n${c.at}\n${c.algorithm}\n`;
}

export function signCheckpoint(
  key: InstanceKey,
  c: { size: number; root: string; at: string; algorithm: string },
): string {
  return sign(null, Buffer.from(checkpointMessage(c)), key.privateKey).toString('base64');
}

export function verifyCheckpointSignature(
  key: InstanceKey,
  c: { size: number; root: string; at: string; algorithm: string; signature: string },
): boolean {
  return verify(
    null,
    Buffer.from(checkpointMessage(c)),
    key.publicKey,
    Buffer.from(c.signature, 'base64'),
  );
}
