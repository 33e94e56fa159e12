/**
 * The checks a resident's browser runs on where a published snapshot sits in the audit
 * chain (审计链): the event's hash recomputed from its fields, the snapshot compared with
 * the one the site shows, and the RFC 6962 inclusion proof in a signed checkpoint. The
 * checkpoint's Ed25519 signature is checked with verify.ts. Pure except for WebCrypto.
 */
import { canonicalJson } from '../../shared/canonical-json.js';
import { diffValues } from '../../shared/diff.js';
import { fromHex, toHex, verifyInclusion } from '../../shared/merkle.js';
import type { CheckpointDto } from '../../shared/schemas/audit.js';
import type { ChainPlace, Json, PublicEntryDetail } from './entries.api.js';
import { hasWebCrypto, sha256, verifyCheckpointSignature } from './verify.js';

export type ChainEvent = ChainPlace['event'];
export type ChainCheckpoint = NonNullable<ChainPlace['checkpoint']>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Hash algorithms a browser computes with WebCrypto; SM3 needs `qingfeng verify`. */
export const BROWSER_HASHES = new Set(['sha256']);

/**
 * The text the event hash covers, exactly as the server's `eventHash` builds it: the
 * canonical JSON of the event's fields, where `data` is the stored canonical JSON text kept
 * as a string (not parsed), and `ip` is part of it even when null.
 */
export function eventBody(event: ChainEvent): string {
  return canonicalJson({
    seq: event.seq,
    at: event.at,
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    regionCode: event.regionCode,
    data: event.data,
    ip: event.ip,
  });
}

/** SHA-256 (hex) of `prevHash + "\n" + body`: what `event.hash` must be. */
export async function recomputeEventHash(event: ChainEvent): Promise<string> {
  const bytes = new TextEncoder().encode(`${event.prevHash}\n${eventBody(event)}`);
  return toHex(await sha256(bytes));
}

/** True when the event's hash is the hash of its own fields and its predecessor's hash. */
export async function verifyEventHash(event: ChainEvent): Promise<boolean> {
  return (await recomputeEventHash(event)) === event.hash.toLowerCase();
}

/** The disclosure row the event wrote (`data.after`), or null when it holds none. */
export function publishedRow(event: ChainEvent): Json | null {
  try {
    const data: unknown = JSON.parse(event.data);
    return isRecord(data) && isRecord(data.after) ? data.after : null;
  } catch {
    return null;
  }
}

/** The snapshot inside the row: stored as JSON text, parsed here; undefined if missing. */
export function snapshotOfRow(row: Json): unknown {
  const stored = row.snapshot;
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes `value` at a dotted path, making the objects and arrays on the way. */
function setPath(root: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i]!;
    const holder = node as Record<string, unknown>;
    let next = holder[key];
    if (typeof next !== 'object' || next === null) {
      next = /^\d+$/.test(parts[i + 1]!) ? [] : {};
      holder[key] = next;
    }
    node = next as Record<string, unknown> | unknown[];
  }
  (node as Record<string, unknown>)[parts[parts.length - 1]!] = value;
}

/**
 * The snapshot of one published version as the site shows it: the latest snapshot itself,
 * or an earlier one rebuilt from it by undoing the changes listed in the history, newest
 * first. Null when the version is not in the history.
 */
export function shownSnapshot(
  detail: Pick<PublicEntryDetail, 'snapshot' | 'history'>,
  disclosureId: string,
): { snapshot: unknown; version: number; rebuilt: boolean } | null {
  const at = detail.history.findIndex((h) => h.id === disclosureId);
  if (at < 0) return null;
  const snapshot = structuredClone(detail.snapshot);
  for (let i = 0; i < at; i++) {
    for (const change of detail.history[i]!.changes) {
      if (change.path === '') return null;
      setPath(snapshot, change.path, structuredClone(change.before));
    }
  }
  return { snapshot, version: detail.history[at]!.version, rebuilt: at > 0 };
}

/** Same content: byte-equal canonical JSON, or for a rebuilt snapshot no field differs. */
export function sameSnapshot(logged: unknown, shown: unknown, rebuilt: boolean): boolean {
  if (logged === undefined) return false;
  if (!rebuilt) return canonicalJson(logged) === canonicalJson(shown);
  return diffValues(logged, shown).length === 0;
}

/**
 * True when the event's row is this publication of this entry and its snapshot is the one
 * the site shows.
 */
export function verifySnapshot(
  event: ChainEvent,
  detail: Pick<PublicEntryDetail, 'subjectId' | 'snapshot' | 'history'>,
  disclosureId: string,
): { ok: boolean; version: number | null; rebuilt: boolean; found: boolean } {
  const row = publishedRow(event);
  const shown = shownSnapshot(detail, disclosureId);
  if (!row || !shown) return { ok: false, version: null, rebuilt: false, found: !!row };
  const same =
    event.entity === 'disclosure' &&
    event.entityId === disclosureId &&
    row.id === disclosureId &&
    row.subject_id === detail.subjectId &&
    Number(row.version) === shown.version &&
    sameSnapshot(snapshotOfRow(row), shown.snapshot, shown.rebuilt);
  return { ok: same, version: shown.version, rebuilt: shown.rebuilt, found: true };
}

/**
 * True when the event's hash is leaf `seq - 1` of the checkpoint's tree: the leaf is the
 * bytes of the event hash, the tree is RFC 6962 with SHA-256.
 */
export async function verifyEventInclusion(
  event: Pick<ChainEvent, 'seq' | 'hash'>,
  checkpoint: Pick<ChainCheckpoint, 'size' | 'root' | 'proof'>,
): Promise<boolean> {
  let claim: Parameters<typeof verifyInclusion>[0];
  try {
    claim = {
      index: event.seq - 1,
      size: checkpoint.size,
      proof: checkpoint.proof.map((node) => fromHex(node)),
      root: fromHex(checkpoint.root),
      leaf: fromHex(event.hash),
    };
  } catch {
    return false; // not hexadecimal: no proof at all
  }
  return verifyInclusion(claim, sha256);
}

/** The checkpoint in the shape its signature covers (the algorithm is the chain's). */
export function signedCheckpoint(place: ChainPlace): CheckpointDto | null {
  const c = place.checkpoint;
  return c
    ? {
        size: c.size,
        root: c.root,
        at: c.at,
        algorithm: place.algorithm,
        keyId: c.keyId,
        signature: c.signature,
      }
    : null;
}

export type HashCheck = 'ok' | 'bad' | 'unsupported' | 'noCrypto';
export type InclusionCheck = HashCheck | 'pending';
export type SignatureCheck =
  'ok' | 'bad' | 'keyMismatch' | 'noKey' | 'unsupported' | 'noCrypto' | 'pending';

/** The outcome of the four checks of one publication's place in the chain. */
export interface ChainChecks {
  /** (1) the event hash recomputed from the event's fields and the previous hash. */
  event: HashCheck;
  /** (2) the snapshot in the event is the one the site shows for that version. */
  snapshot: ReturnType<typeof verifySnapshot>;
  /** (3) the inclusion proof of the event hash in the checkpoint's tree. */
  inclusion: InclusionCheck;
  /** (4) the checkpoint's Ed25519 signature under the published instance key. */
  signature: SignatureCheck;
}

/**
 * Runs the four checks. The hash checks need WebCrypto and a SHA-256 chain; the signature
 * check needs WebCrypto with Ed25519 and the published key (`key` undefined: not loaded).
 */
export async function checkChainPlace(
  place: ChainPlace,
  detail: Pick<PublicEntryDetail, 'subjectId' | 'snapshot' | 'history'>,
  disclosureId: string,
  key: { keyId: string; publicKeySpkiBase64: string } | undefined,
): Promise<ChainChecks> {
  const crypto = hasWebCrypto();
  const browserHash = BROWSER_HASHES.has(place.algorithm);
  const snapshot = verifySnapshot(place.event, detail, disclosureId);

  let event: HashCheck = 'unsupported';
  if (!crypto) event = 'noCrypto';
  else if (browserHash) event = (await verifyEventHash(place.event)) ? 'ok' : 'bad';

  const checkpoint = signedCheckpoint(place);
  let inclusion: InclusionCheck = 'pending';
  let signature: SignatureCheck = 'pending';
  if (place.checkpoint && checkpoint) {
    if (!crypto) inclusion = 'noCrypto';
    else if (!browserHash) inclusion = 'unsupported';
    else inclusion = (await verifyEventInclusion(place.event, place.checkpoint)) ? 'ok' : 'bad';

    if (!crypto) signature = 'noCrypto';
    else if (!key) signature = 'noKey';
    else if (key.keyId !== checkpoint.keyId) signature = 'keyMismatch';
    else {
      try {
        const ok = await verifyCheckpointSignature(checkpoint, key.publicKeySpkiBase64);
        signature = ok ? 'ok' : 'bad';
      } catch (error) {
        // A browser without Ed25519 in WebCrypto says NotSupportedError; anything else
        // (a malformed key or signature) is a failed check.
        const name: unknown =
          typeof error === 'object' && error !== null && 'name' in error ? error.name : '';
        signature = name === 'NotSupportedError' ? 'unsupported' : 'bad';
      }
    }
  }
  return { event, snapshot, inclusion, signature };
}
