import { z } from 'zod';
import { Id } from './common.js';

/** Where a unit's notifications also go: e-mail, or a DingTalk/WeCom group robot's webhook. */
export const NOTIFY_KINDS = ['email', 'webhook'] as const;

export const ChannelDto = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(NOTIFY_KINDS),
  target: z.string(),
  createdAt: z.string(),
});
export const NewChannelBody = z.object({
  unitId: Id,
  kind: z.enum(NOTIFY_KINDS),
  target: z.string().trim().min(3).max(500),
});
export const OutboundDto = z.object({
  id: z.string(),
  kind: z.string(),
  target: z.string(),
  subject: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export type ChannelDto = z.infer<typeof ChannelDto>;
export type OutboundDto = z.infer<typeof OutboundDto>;
