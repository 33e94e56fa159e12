import type { z } from 'zod';
import type {
  CatalogueDto,
  CatalogueItem,
  DisclosureStatus,
  PutCatalogueBody,
} from '../../../shared/schemas/disclosure.js';
import { api } from '../../api/client.js';

export type { CatalogueDto, CatalogueItem, DisclosureStatus };
export type VillageStatus = DisclosureStatus['villages'][number];
export type OverdueEntry = DisclosureStatus['overdue'][number];

export const disclosureApi = {
  status: (regionCode: string, from?: string, to?: string) =>
    api.get<DisclosureStatus>('/disclosure/status', { regionCode, from, to }),
  exportXlsx: (regionCode: string, from?: string, to?: string) =>
    api.download('/disclosure/status/export', { regionCode, from, to }, 'disclosure.xlsx'),
  catalogue: (countyCode: string) => api.get<CatalogueDto>('/disclosure/catalogue', { countyCode }),
  saveCatalogue: (body: z.infer<typeof PutCatalogueBody>) =>
    api.post<CatalogueDto>('/disclosure/catalogue', body),
};

/** Query key prefix of the disclosure record and catalogue; invalidated after a change. */
export const DISCLOSURE_KEY = ['disclosure'] as const;
