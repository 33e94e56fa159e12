import type { AuditEventDto, AuditQuery, CheckpointDto } from '../../../shared/schemas/audit.js';
import { regionLevel } from '../../../shared/region.js';
import type { Config } from '../../config.js';
import type { Db, Row } from '../../db/schema.js';
import { requirePermission, scopeOf, type Principal } from '../../platform/access/access.js';
import { listCheckpoints } from '../../platform/audit/audit.queries.js';
import { proveConsistency } from '../../platform/audit/checkpoint.js';
import { loadInstanceKey } from '../../platform/audit/instance-key.js';
import { verifyAudit } from '../../platform/audit/verify.js';
import { listAuditEvents } from './audit.queries.js';

export function toAuditEventDto(row: Row<'audit_event'>): AuditEventDto {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    regionCode: row.region_code,
    data: JSON.parse(row.data) as unknown,
    ip: row.ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function toCheckpointDto(row: Row<'audit_checkpoint'>): CheckpointDto {
  return {
    size: row.size,
    root: row.root,
    at: row.at,
    algorithm: row.algorithm,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/** The audit log of the caller's area, filtered and paged. */
export async function browseAudit(db: Db, principal: Principal, query: AuditQuery) {
  const scope = scopeOf(principal, 'audit.read');
  if (query.regionCode) requirePermission(principal, 'audit.read', query.regionCode);
  const seesGlobal = scope.roots.some((root) =>
    ['province', 'city', 'county'].includes(regionLevel(root)),
  );
  const { rows, total } = await listAuditEvents(db, scope, seesGlobal, query);
  return { items: rows.map(toAuditEventDto), total, page: query.page, pageSize: query.pageSize };
}

/** Run the full chain check (what `qingfeng verify` does). */
export function runVerify(db: Db, config: Config) {
  return verifyAudit(db, config);
}

export async function publicCheckpoints(db: Db) {
  return (await listCheckpoints(db, 400)).map(toCheckpointDto);
}

export async function publicConsistency(db: Db, from: number, to: number) {
  return { from, to, proof: await proveConsistency(db, from, to) };
}

export function publicInstanceKey(config: Config) {
  const key = loadInstanceKey(config.dataDir);
  return {
    keyId: key.keyId,
    algorithm: 'Ed25519' as const,
    publicKeyPem: key.publicKeyPem,
    publicKeySpkiBase64: key.publicKeySpkiBase64,
  };
}
