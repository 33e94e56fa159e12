import { z } from 'zod';
import { PageQuery, RegionCode } from './common.js';

export const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  regionCode: RegionCode.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventDto = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  data: z.unknown(),
  ip: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const CheckpointDto = z.object({
  size: z.number().int(),
  root: z.string(),
  at: z.string(),
  algorithm: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export type CheckpointDto = z.infer<typeof CheckpointDto>;

export const ConsistencyQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const ConsistencyProof = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(z.string()),
});

export const InstanceKey = z.object({
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(),
  publicKeySpkiBase64: z.string(),
});

export const VerifyReport = z.object({
  ok: z.boolean(),
  checkedEvents: z.number().int(),
  checkedRows: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problems: z.array(
    z.object({
      kind: z.enum(['chain', 'gap', 'checkpoint', 'rowChanged', 'rowDeleted', 'rowUnaudited']),
      seq: z.number().int().nullable(),
      entity: z.string().nullable(),
      entityId: z.string().nullable(),
      message: z.string(),
    }),
  ),
});
export type VerifyReport = z.infer<typeof VerifyReport>;
