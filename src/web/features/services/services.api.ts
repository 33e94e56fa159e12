import { NOTIFY_KINDS, type ChannelDto, type OutboundDto } from '../../../shared/schemas/notify.js';
import type { z } from 'zod';
import type { Permission } from '../../../shared/permissions.js';
import { isWithin } from '../../../shared/region.js';
import type {
  AllianceDto,
  AllianceFigures,
  DutyShiftDto,
  NewAllianceBody,
  NewDutyShiftBody,
  NewServiceLogBody,
  NewServicePointBody,
  NewStallBody,
  PatchAllianceBody,
  PatchServicePointBody,
  PatchStallBody,
  PublicServicePoint,
  ServiceLogDto,
  ServicePointDto,
  ServicePointKind,
  StallDto,
} from '../../../shared/schemas/services.js';
import type { Me } from '../../../shared/schemas/auth.js';
import { api } from '../../api/client.js';

export type {
  AllianceDto,
  AllianceFigures,
  DutyShiftDto,
  PublicServicePoint,
  ServicePointDto,
  ServicePointKind,
  StallDto,
};
export type ServiceLogItem = z.infer<typeof ServiceLogDto>;
export type NewStallInput = z.input<typeof NewStallBody>;

/** A unit's e-mail address or group-robot webhook (钉钉/企业微信群机器人), and a message sent. */
export type NotifyChannel = ChannelDto;
export type OutboundMessage = OutboundDto;
export { NOTIFY_KINDS };
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

interface StoredFile {
  id: string;
  originalName: string;
}

type Range = { from?: string; to?: string };

export const servicesApi = {
  points: (regionCode: string, kind?: ServicePointKind) =>
    api.get<ServicePointDto[]>('/service-points', { regionCode, kind }),
  point: (unitId: string) => api.get<ServicePointDto>(`/service-points/${unitId}`),
  register: (body: NewServicePointBody) => api.post<ServicePointDto>('/service-points', body),
  updatePoint: (unitId: string, body: PatchServicePointBody) =>
    api.patch<ServicePointDto>(`/service-points/${unitId}`, body),
  duty: (unitId: string, range: Range) =>
    api.get<DutyShiftDto[]>(`/service-points/${unitId}/duty`, range),
  addShift: (unitId: string, body: NewDutyShiftBody) =>
    api.post<DutyShiftDto>(`/service-points/${unitId}/duty`, body),
  removeShift: (id: string) => api.delete<{ ok: true }>(`/duty-shifts/${id}`),
  logs: (unitId: string, range: Range) =>
    api.get<ServiceLogItem[]>(`/service-points/${unitId}/logs`, range),
  addLog: (unitId: string, body: NewServiceLogBody) =>
    api.post<ServiceLogItem>(`/service-points/${unitId}/logs`, body),
  /** The points residents may pick on the report form (no login). */
  publicPoints: (regionCode: string) =>
    api.get<PublicServicePoint[]>('/public/service-points', { regionCode }),

  alliances: (regionCode: string) => api.get<AllianceDto[]>('/alliances', { regionCode }),
  alliance: (id: string) => api.get<AllianceDto>(`/alliances/${id}`),
  createAlliance: (body: NewAllianceBody) => api.post<AllianceDto>('/alliances', body),
  updateAlliance: (id: string, body: PatchAllianceBody) =>
    api.patch<AllianceDto>(`/alliances/${id}`, body),
  addMember: (id: string, unitId: string) =>
    api.post<AllianceDto>(`/alliances/${id}/members`, { unitId }),
  removeMember: (id: string, unitId: string) =>
    api.delete<AllianceDto>(`/alliances/${id}/members/${unitId}`),
  stalls: (id: string) => api.get<StallDto[]>(`/alliances/${id}/stalls`),
  addStall: (id: string, body: NewStallInput) =>
    api.post<StallDto>(`/alliances/${id}/stalls`, body),
  updateStall: (stallId: string, body: PatchStallBody) =>
    api.patch<StallDto>(`/stalls/${stallId}`, body),
  figures: (id: string) => api.get<AllianceFigures>(`/alliances/${id}/figures`),

  channels: (unitId: string) => api.get<NotifyChannel[]>('/notify-channels', { unitId }),
  addChannel: (body: { unitId: string; kind: NotifyKind; target: string }) =>
    api.post<NotifyChannel>('/notify-channels', body),
  removeChannel: (id: string) => api.delete<{ ok: true }>(`/notify-channels/${id}`),
  outbound: (regionCode: string, status?: 'pending' | 'sent' | 'failed') =>
    api.get<OutboundMessage[]>('/outbound', { regionCode, status }),
  retry: (id: string) => api.post<{ ok: true }>(`/outbound/${id}/retry`),

  /** A photo of the "六有" checklist, kept for staff, stored under the point's village. */
  uploadPhoto: (regionCode: string, file: Blob, fileName: string) => {
    const form = new FormData();
    // The server reads the fields before the file: they go first.
    form.append('regionCode', regionCode);
    form.append('isPublic', '0');
    form.append('file', file, fileName);
    return api.upload<StoredFile>('/files', form);
  },
};

/** Query key prefixes, invalidated after a change. */
export const POINTS_KEY = ['servicePoints'] as const;
export const ALLIANCES_KEY = ['alliances'] as const;
export const NOTIFY_KEY = ['notifyChannels'] as const;

/** True when the user holds the permission over `regionCode` (a grant above it counts). */
export function holdsAt(me: Me, permission: Permission, regionCode: string): boolean {
  return (me.permissions[permission] ?? []).some((root) => isWithin(regionCode, root));
}

/** A `YYYY-MM-DD` date moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week a `YYYY-MM-DD` date falls in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}
