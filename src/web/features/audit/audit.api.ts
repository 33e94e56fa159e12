import type { AuditEventDto, AuditQuery, VerifyReport } from '../../../shared/schemas/audit.js';
import { api } from '../../api/client.js';

export interface AuditPage {
  items: AuditEventDto[];
  total: number;
  page: number;
  pageSize: number;
}

export type AuditFilter = Partial<AuditQuery>;

export const auditApi = {
  list: (filter: AuditFilter) => api.get<AuditPage>('/audit', { ...filter }),
  verify: () => api.post<VerifyReport>('/audit/verify'),
};
