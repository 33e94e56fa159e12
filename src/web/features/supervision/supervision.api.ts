import type { z } from 'zod';
import type { CaseStatus } from '../../../shared/case-machine.js';
import { regionLevel } from '../../../shared/region.js';
import type {
  AnswerItemBody,
  CatalogueVersionDto,
  FindingDto,
  FindingListQuery,
  InspectionDto,
  InspectionItemDto,
  InspectionListQuery,
  InspectionStatus,
  InspectionSummaryDto,
  ItemResult,
  LiaisonStationDto,
  NewCatalogueBody,
  NewClueBody,
  PlanInspectionsBody,
  RectifyBody,
  WarningDto,
} from '../../../shared/schemas/supervision.js';
import { api } from '../../api/client.js';

export type { CatalogueVersionDto, NewCatalogueBody };

export const supervisionApi = {
  /** The catalogue in force in a town (or a village's town) on a day, default today. */
  inForce: (regionCode: string, date?: string) =>
    api.get<CatalogueVersionDto>('/supervision/catalogue', { regionCode, date }),
  /** The town's saved versions, newest first; empty while it uses the standard catalogue. */
  versions: (regionCode: string) =>
    api.get<CatalogueVersionDto[]>('/supervision/catalogue/versions', { regionCode }),
  save: (body: NewCatalogueBody) => api.post<CatalogueVersionDto>('/supervision/catalogue', body),
};

/** Query key prefix of everything read about the supervision catalogue; invalidated after a save. */
export const SUPERVISION_KEY = ['supervision'] as const;

/** The town of a town or village code; null for a county or above (the catalogue is a town's). */
export function townOf(regionCode: string): string | null {
  const level = regionLevel(regionCode);
  if (level !== 'town' && level !== 'village') return null;
  return regionCode.slice(0, 9).padEnd(12, '0');
}

/**
 * Address of the 监督履职流程图 as SVG: one path, or every path of the catalogue (A4 pages)
 * when `path` is omitted; `date` picks the version in force that day. Public, so an <img> and
 * a new tab can load it without the API client.
 */
export function flowchartUrl(townCode: string, options: { path?: string; date?: string }): string {
  const params = new URLSearchParams({ regionCode: townCode });
  if (options.path) params.set('path', options.path);
  if (options.date) params.set('date', options.date);
  return `/api/v1/supervision/flowchart.svg?${params.toString()}`;
}

// ---- 监督检查: inspections, findings, feedback notices, clues, warnings ----

/** A plan as the drawer sends it: absent `pointCodes` means every point of the catalogue. */
export type PlanInspectionsInput = z.input<typeof PlanInspectionsBody>;
/** One point answered: photos may be left out (none). */
export type AnswerItemInput = z.input<typeof AnswerItemBody>;
export type RectifyInput = z.input<typeof RectifyBody>;
export type NewClueInput = z.input<typeof NewClueBody>;
export type InspectionListFilter = Partial<Omit<z.infer<typeof InspectionListQuery>, 'regionCode'>>;
export type FindingListFilter = Partial<Omit<z.infer<typeof FindingListQuery>, 'regionCode'>>;
export type {
  FindingDto,
  InspectionDto,
  InspectionItemDto,
  InspectionStatus,
  InspectionSummaryDto,
  ItemResult,
  LiaisonStationDto,
  WarningDto,
};

/** A village's cell of the town grid: how many red and yellow flags the rules find now. */
export interface GridCell {
  regionCode: string;
  regionName: string;
  red: number;
  yellow: number;
  level: 'red' | 'yellow' | 'green';
}

/** A clue as its informant sees it in 我报送的线索. */
export interface MyClue {
  id: string;
  code: string;
  regionCode: string;
  regionName: string;
  category: string;
  title: string;
  status: CaseStatus;
  createdAt: string;
}

/** What POST /files answers about a stored upload. */
export interface StoredFile {
  id: string;
  originalName: string;
  mime: string;
  size: number;
  regionCode: string;
}

export const inspectionsApi = {
  /** The inspections of a town or village, newest planned first. */
  list: (regionCode: string, filter: InspectionListFilter = {}) =>
    api.get<InspectionSummaryDto[]>('/supervision/inspections', { regionCode, ...filter }),
  get: (id: string) => api.get<InspectionDto>(`/supervision/inspections/${id}`),
  /** One inspection per village, all on the same day, by the same officers. */
  plan: (body: PlanInspectionsInput) =>
    api.post<InspectionSummaryDto[]>('/supervision/inspections', body),
  /** Answer one point; the whole inspection comes back. */
  answer: (id: string, pointCode: string, body: AnswerItemInput) =>
    api.post<InspectionDto>(
      `/supervision/inspections/${id}/items/${encodeURIComponent(pointCode)}`,
      body,
    ),
  /** Sign and submit; refused (400, `items.<code>`) while any point is unanswered. */
  submit: (id: string, body: { expectedVersion: number; signedBy: string }) =>
    api.post<InspectionDto>(`/supervision/inspections/${id}/submit`, body),
  /** The town issues the numbered notice and sends every finding to the village committee. */
  feedback: (id: string, body: { expectedVersion: number; issuedOn?: string }) =>
    api.post<InspectionDto>(`/supervision/inspections/${id}/feedback`, body),
  /** The liaison stations of a town or village, for the officers' names. */
  stations: (regionCode: string) =>
    api.get<LiaisonStationDto[]>('/supervision/stations', { regionCode }),
};

export const findingsApi = {
  list: (regionCode: string, filter: FindingListFilter = {}) =>
    api.get<FindingDto[]>('/supervision/findings', { regionCode, ...filter }),
  get: (id: string) => api.get<FindingDto>(`/supervision/findings/${id}`),
  /** The village committee's rectification, with evidence (images or PDF). */
  rectify: (id: string, body: RectifyInput) =>
    api.post<FindingDto>(`/supervision/findings/${id}/rectify`, body),
};

export const cluesApi = {
  file: (body: NewClueInput) => api.post<{ id: string; code: string }>('/supervision/clues', body),
  mine: () => api.get<MyClue[]>('/supervision/clues/mine'),
};

export const warningsApi = {
  /** Open ones first, then the newest; `open` false lists the cleared ones only. */
  list: (regionCode: string, open?: boolean) =>
    api.get<WarningDto[]>('/supervision/warnings', {
      regionCode,
      open: open === undefined ? undefined : String(open),
    }),
  /** Red, yellow or green per village of a town (or the one village), as the rules find now. */
  grid: (regionCode: string) => api.get<GridCell[]>('/supervision/grid', { regionCode }),
};

/** Store a photo or a document in a village, internal (never public). */
export function uploadFile(regionCode: string, file: Blob, fileName: string) {
  const form = new FormData();
  form.append('regionCode', regionCode);
  form.append('isPublic', '0');
  form.append('file', file, fileName);
  return api.upload<StoredFile>('/files', form);
}

/** Where a stored file is read; the browser shows or downloads it. */
export const fileUrl = (fileId: string): string => `/api/v1/files/${fileId}`;

/** The 反馈意见书 of a notice, as PDF or Word; a plain link (the session cookie goes with it). */
export function noticeDocumentUrl(noticeId: string, format: 'pdf' | 'docx'): string {
  return `/api/v1/supervision/notices/${noticeId}/document?format=${format}`;
}

/** The 监督履职流程图 as a PDF of A4 pages: one path, or all of them when `path` is omitted. */
export function flowchartPdfUrl(
  townCode: string,
  options: { path?: string; date?: string },
): string {
  return flowchartUrl(townCode, options).replace('/flowchart.svg?', '/flowchart.pdf?');
}

export const INSPECTIONS_KEY = [...SUPERVISION_KEY, 'inspections'] as const;
export const FINDINGS_KEY = [...SUPERVISION_KEY, 'findings'] as const;
export const WARNINGS_KEY = [...SUPERVISION_KEY, 'warnings'] as const;
export const CLUES_KEY = [...SUPERVISION_KEY, 'clues'] as const;
export const inspectionKey = (id: string) => [...INSPECTIONS_KEY, 'one', id] as const;
