import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BulkDispatchBody,
  BulkDispatchResult,
  CaseCommandBody,
  CaseDto,
  CaseListQuery,
  CasePage,
  DeadlineRow,
  FiledCase,
  NewCaseBody,
  NotificationDto,
  PutDeadlineBody,
  PutRouteBody,
  RouteRow,
} from '../../../shared/schemas/cases.js';
import type { UnitDto } from '../../../shared/schemas/regions.js';
import { api } from '../../api/client.js';

/** A page of the case list, as the server sends it. */
export type CasePageDto = z.infer<typeof CasePage>;
/** What the staff form sends: defaults (photos, anonymous) may be left out. */
export type NewCaseInput = z.input<typeof NewCaseBody>;
export type FiledCaseDto = z.infer<typeof FiledCase>;
export type CaseCommandInput = z.input<typeof CaseCommandBody>;
export type BulkDispatchInput = z.input<typeof BulkDispatchBody>;
export type BulkDispatchResultDto = z.infer<typeof BulkDispatchResult>;
export type DeadlineRowDto = z.infer<typeof DeadlineRow>;
export type PutDeadlineInput = z.input<typeof PutDeadlineBody>;
export type RouteRowDto = z.infer<typeof RouteRow>;
export type PutRouteInput = z.input<typeof PutRouteBody>;
export type NotificationItem = z.infer<typeof NotificationDto>;
export type { CaseDto };

/** The list's filter (paging apart); the flags go on the wire as `1`. */
export type CaseFilter = Partial<
  Pick<CaseListQuery, 'regionCode' | 'status' | 'type' | 'q' | 'unitId'> & {
    mine: 1;
    open: 1;
    overdue: 1;
  }
>;

/** What POST /files answers about a stored upload. */
interface StoredFile {
  id: string;
  originalName: string;
}

export const casesApi = {
  list: (filter: CaseFilter & { page: number; pageSize: number }) =>
    api.get<CasePageDto>('/cases', { ...filter }),
  /** Every case matching the filter (no paging) as an xlsx download. */
  exportXlsx: (filter: CaseFilter) => api.download('/cases/export', { ...filter }, 'cases.xlsx'),
  /** Staff record a resident's case (a call, a visit); the channel is `staff`. */
  create: (body: NewCaseInput) => api.post<FiledCaseDto>('/cases', body),
  dispatch: (body: BulkDispatchInput) => api.post<BulkDispatchResultDto>('/cases/dispatch', body),
  get: (id: string) => api.get<CaseDto>(`/cases/${id}`),
  command: (id: string, body: CaseCommandInput) => api.post<CaseDto>(`/cases/${id}/commands`, body),
  deadlines: (regionCode: string) => api.get<DeadlineRowDto[]>('/case-deadlines', { regionCode }),
  putDeadline: (body: PutDeadlineInput) => api.post<DeadlineRowDto[]>('/case-deadlines', body),
  routes: (regionCode: string) => api.get<RouteRowDto[]>('/case-routes', { regionCode }),
  putRoute: (body: PutRouteInput) => api.post<RouteRowDto[]>('/case-routes', body),
  notifications: () => api.get<NotificationItem[]>('/notifications'),
  markRead: (id: string) => api.post<{ ok: true }>(`/notifications/${id}/read`),
  /**
   * Every unit in the caller's scope. GET /units filters by one exact region code (a town's
   * own offices, not its villages' committees), so the whole scope is read once and the
   * pickers narrow it to a town's subtree.
   */
  units: () => api.get<UnitDto[]>('/units'),
  /** A photo of a staff-recorded case: stored internal in the village (images only). */
  uploadPhoto: (regionCode: string, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('regionCode', regionCode);
    form.append('isPublic', '0');
    form.append('file', file, fileName);
    return api.upload<StoredFile>('/files', form);
  },
};

/** Query key prefix of everything read about cases; invalidated after any change. */
export const CASES_KEY = ['cases'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;

export const caseKey = (id: string) => [...CASES_KEY, 'case', id] as const;

/** Where a stored file (a photo) is read. */
export const fileUrl = (fileId: string): string => `/api/v1/files/${fileId}`;

/** The units in the caller's scope, cached for the session's pickers. */
export function useUnits(enabled = true) {
  return useQuery({
    queryKey: ['units', 'scope'],
    queryFn: casesApi.units,
    staleTime: 10 * 60_000,
    enabled,
    meta: { silent: true },
  });
}

/** The time-limit rows that apply in a region (its own, its town's and its county's). */
export function useDeadlines(regionCode: string | undefined, silent = false) {
  return useQuery({
    queryKey: [...CASES_KEY, 'deadlines', regionCode],
    queryFn: () => casesApi.deadlines(regionCode!),
    enabled: Boolean(regionCode),
    staleTime: 5 * 60_000,
    meta: { silent },
  });
}
