import { regionLevel } from '../../../shared/region.js';
import type { CatalogueVersionDto, NewCatalogueBody } from '../../../shared/schemas/supervision.js';
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
