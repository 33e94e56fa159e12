import type { Locale } from '../../../shared/messages.js';
import type {
  ChangePasswordBody,
  LoginBody,
  Session,
  TotpSetup,
} from '../../../shared/schemas/auth.js';
import type { z } from 'zod';
import { api } from '../../api/client.js';

export type TotpSetupDto = z.infer<typeof TotpSetup>;
interface Ok {
  ok: true;
}

export const authApi = {
  login: (body: LoginBody) => api.post<Session>('/auth/login', body),
  me: () => api.get<Session>('/auth/me'),
  logout: () => api.post<Ok>('/auth/logout'),
  changePassword: (body: ChangePasswordBody) => api.post<Ok>('/auth/password', body),
  setLocale: (locale: Locale) => api.post<Ok>('/auth/locale', { locale }),
  startTotp: () => api.post<TotpSetupDto>('/auth/totp/setup'),
  enableTotp: (code: string) => api.post<Ok>('/auth/totp/enable', { code }),
  disableTotp: (password: string) => api.post<Ok>('/auth/totp/disable', { password }),
};
