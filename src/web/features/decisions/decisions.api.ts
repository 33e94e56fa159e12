import type { z } from 'zod';
import type { Me } from '../../../shared/schemas/auth.js';
import type { Permission } from '../../../shared/permissions.js';
import { isWithin } from '../../../shared/region.js';
import type {
  DecisionDto,
  DecisionListItem,
  DecisionPage,
  DecisionStatus,
  DecisionStep,
  MeetingDto,
  NewDecisionBody,
  NewMeetingBody,
} from '../../../shared/schemas/decision.js';
import { api } from '../../api/client.js';

export type { DecisionDto, DecisionListItem, DecisionStatus, DecisionStep, MeetingDto };
export type DecisionPageDto = z.infer<typeof DecisionPage>;

/** What POST /files answers; only the fields the web app reads. */
export interface UploadedFile {
  id: string;
  originalName: string;
}

export interface DecisionFilter {
  regionCode: string;
  status?: DecisionStatus | undefined;
  page: number;
  pageSize: number;
}

export const decisionsApi = {
  list: (filter: DecisionFilter) => api.get<DecisionPageDto>('/decisions', { ...filter }),
  exportXlsx: (filter: Omit<DecisionFilter, 'page' | 'pageSize'>) =>
    api.download('/decisions/export', { ...filter }, 'decisions.xlsx'),
  get: (id: string) => api.get<DecisionDto>(`/decisions/${id}`),
  create: (body: NewDecisionBody) => api.post<DecisionDto>('/decisions', body),
  recordMeeting: (id: string, body: NewMeetingBody) =>
    api.post<DecisionDto>(`/decisions/${id}/meetings`, body),
  openComment: (id: string, from: string) =>
    api.post<DecisionDto>(`/decisions/${id}/comment`, { from }),
  /** A file kept for staff only (signed minutes), stored under the village. */
  uploadPrivate: (regionCode: string, file: Blob, name: string) => {
    const form = new FormData();
    // The server reads the fields before the file: they go first.
    form.append('regionCode', regionCode);
    form.append('isPublic', '0');
    form.append('file', file, name);
    return api.upload<UploadedFile>('/files', form);
  },
};

/** Query key prefix of everything read about decisions; invalidated after a change. */
export const DECISIONS_KEY = ['decisions'] as const;

/** Where an attachment is read (staff see their region's private files). */
export const fileUrl = (fileId: string): string => `/api/v1/files/${fileId}`;

/**
 * The first day the representatives may vote when the county requires a comment period:
 * `commentPeriodDays` calendar days after the period opened; null when no period applies,
 * undefined while the period has not been opened.
 */
export function voteFromOf(
  decision: Pick<DecisionDto, 'commentFrom' | 'commentPeriodDays'>,
): string | null | undefined {
  if (decision.commentPeriodDays <= 0) return null;
  if (!decision.commentFrom) return undefined;
  return addDays(decision.commentFrom, decision.commentPeriodDays);
}

/** A `YYYY-MM-DD` date `days` calendar days later. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** True when the user holds the permission over `regionCode` (a grant above it counts). */
export function holdsAt(me: Me, permission: Permission, regionCode: string): boolean {
  return (me.permissions[permission] ?? []).some((root) => isWithin(regionCode, root));
}
