import { z } from 'zod';
import { ROLE_CODES } from '../permissions.js';
import { Mobile, PageQuery, RegionCode } from './common.js';
import { GrantDto } from './auth.js';

export const UserDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Masked (138****1234) unless revealed through the audited sensitive read. */
  mobile: z.string().nullable(),
  regionCode: RegionCode,
  regionName: z.string(),
  unitId: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  grants: z.array(GrantDto),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof UserDto>;

export const UserListQuery = PageQuery.extend({
  regionCode: RegionCode.optional(),
  q: z.string().trim().max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const GrantInput = z.object({ role: z.enum(ROLE_CODES), regionCode: RegionCode });
export type GrantInput = z.infer<typeof GrantInput>;

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -'),
  displayName: z.string().trim().min(1).max(64),
  mobile: Mobile.optional(),
  regionCode: RegionCode,
  unitId: z.string().max(64).optional(),
  password: z.string().min(1).max(128),
  grants: z.array(GrantInput).max(20).default([]),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  mobile: Mobile.nullable().optional(),
  unitId: z.string().max(64).nullable().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.object({ password: z.string().min(1).max(128) });
