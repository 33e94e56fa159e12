import { z } from 'zod';
import { LOCALES } from '../messages.js';
import { PERMISSIONS, ROLE_CODES } from '../permissions.js';
import { RegionCode } from './common.js';

export const LoginBody = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const GrantDto = z.object({
  id: z.string(),
  role: z.enum(ROLE_CODES),
  regionCode: RegionCode,
  regionName: z.string(),
});
export type GrantDto = z.infer<typeof GrantDto>;

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  regionCode: RegionCode,
  locale: z.enum(LOCALES),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  canUseTotp: z.boolean(),
  grants: z.array(GrantDto),
  /** For each permission, the region roots where the user holds it. */
  permissions: z.partialRecord(z.enum(PERMISSIONS), z.array(RegionCode)),
});
export type Me = z.infer<typeof Me>;

export const Session = z.object({ user: Me, csrfToken: z.string() });
export type Session = z.infer<typeof Session>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/) });
export const PasswordBody = z.object({ password: z.string().min(1).max(128) });
export const LocaleBody = z.object({ locale: z.enum(LOCALES) });
