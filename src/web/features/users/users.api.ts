import type {
  CreateUserBody,
  GrantInput,
  UpdateUserBody,
  UserDto,
  UserListQuery,
} from '../../../shared/schemas/users.js';
import { api } from '../../api/client.js';

export interface UserPage {
  items: UserDto[];
  total: number;
  page: number;
  pageSize: number;
}

export type UserFilter = Partial<UserListQuery>;

export const usersApi = {
  list: (filter: UserFilter) => api.get<UserPage>('/users', { ...filter }),
  create: (body: CreateUserBody) => api.post<UserDto>('/users', body),
  update: (id: string, body: UpdateUserBody) => api.patch<UserDto>(`/users/${id}`, body),
  disable: (id: string) => api.post<UserDto>(`/users/${id}/disable`),
  enable: (id: string) => api.post<UserDto>(`/users/${id}/enable`),
  resetPassword: (id: string, password: string) =>
    api.post<{ ok: true }>(`/users/${id}/reset-password`, { password }),
  addGrant: (id: string, grant: GrantInput) => api.post<UserDto>(`/users/${id}/grants`, grant),
  removeGrant: (id: string, grantId: string) =>
    api.delete<UserDto>(`/users/${id}/grants/${grantId}`),
  revealMobile: (id: string) => api.post<{ mobile: string | null }>(`/users/${id}/mobile`),
};

/** Query key prefix of every user list; invalidated after any change to a user. */
export const USERS_KEY = ['users'] as const;
