import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { countyOf } from '../../../shared/policy.js';
import type {
  DecisionListItem,
  DecisionPage,
  DecisionStatus,
} from '../../../shared/schemas/decision.js';
import type {
  AmendLedgerBody,
  DiscloseBody,
  ImportReport,
  LedgerActionBody,
  LedgerEntryDto,
  LedgerKind,
  LedgerListQuery,
  LedgerPage,
  NewLedgerEntryBody,
  ReviewBody,
} from '../../../shared/schemas/ledger.js';
import { api } from '../../api/client.js';
import { POLICY_KEY, policyApi } from '../policy/policy.api.js';

/** A page of the ledger list, as the server sends it. */
export type LedgerPageDto = z.infer<typeof LedgerPage>;
/** What the forms send: defaults (attachments, lists) may be left out. */
export type NewLedgerEntryInput = z.input<typeof NewLedgerEntryBody>;
export type AmendLedgerInput = z.input<typeof AmendLedgerBody>;
export type LedgerActionInput = z.input<typeof LedgerActionBody>;
export type ReviewInput = z.input<typeof ReviewBody>;
export type DecisionPageDto = z.infer<typeof DecisionPage>;
export type ImportMode = ImportReport['mode'];

/** The list's filter: the region is required, everything else narrows it. */
export type LedgerFilter = Omit<LedgerListQuery, 'page' | 'pageSize'> &
  Partial<Pick<LedgerListQuery, 'page' | 'pageSize'>>;

export interface ImportInput {
  regionCode: string;
  kind: LedgerKind;
  mode: ImportMode;
  file: Blob;
  fileName: string;
}

type Expected = z.input<typeof DiscloseBody>['expectedVersion'];

export const ledgerApi = {
  list: (filter: LedgerFilter) => api.get<LedgerPageDto>('/ledger', { ...filter }),
  get: (id: string) => api.get<LedgerEntryDto>(`/ledger/${id}`),
  create: (body: NewLedgerEntryInput) => api.post<LedgerEntryDto>('/ledger', body),
  amend: (id: string, body: AmendLedgerInput) =>
    api.post<LedgerEntryDto>(`/ledger/${id}/amend`, body),
  act: (id: string, body: LedgerActionInput) =>
    api.post<LedgerEntryDto>(`/ledger/${id}/actions`, body),
  void: (id: string, reason: string) => api.post<LedgerEntryDto>(`/ledger/${id}/void`, { reason }),
  override: (id: string, reason: string) =>
    api.post<LedgerEntryDto>(`/ledger/${id}/override`, { reason }),
  submit: (id: string, expectedVersion: Expected) =>
    api.post<LedgerEntryDto>(`/ledger/${id}/submit`, { expectedVersion }),
  review: (id: string, body: ReviewInput) => api.post<LedgerEntryDto>(`/ledger/${id}/review`, body),
  disclose: (id: string, expectedVersion: Expected) =>
    api.post<LedgerEntryDto>(`/ledger/${id}/disclose`, { expectedVersion }),
  /** Every entry matching the filter (no paging) as an xlsx download. */
  exportXlsx: (filter: LedgerFilter) => {
    const { page: _page, pageSize: _pageSize, ...query } = filter;
    return api.download('/ledger/export', { ...query }, `ledger-${filter.regionCode}.xlsx`);
  },
  /** The county's import template of a kind, as an xlsx download. */
  template: (regionCode: string, kind: LedgerKind) =>
    api.download('/ledger/template', { regionCode, kind }, `ledger-template-${kind}.xlsx`),
  /** Upload a filled template; the text fields go first, the file last (the server reads so). */
  importXlsx: ({ regionCode, kind, mode, file, fileName }: ImportInput) => {
    const form = new FormData();
    form.append('regionCode', regionCode);
    form.append('kind', kind);
    form.append('mode', mode);
    form.append('file', file, fileName);
    return api.upload<ImportReport>('/ledger/import', form);
  },
};

/** Query key prefix of everything read about ledgers; invalidated after any change. */
export const LEDGER_KEY = ['ledger'] as const;

/** Decisions a new entry of the village may cite: passed ones, and those still in progress. */
export async function linkableDecisions(regionCode: string): Promise<DecisionListItem[]> {
  const statuses: DecisionStatus[] = ['passed', 'in_progress'];
  const pages = await Promise.all(
    statuses.map((status) =>
      api.get<DecisionPageDto>('/decisions', { regionCode, status, page: 1, pageSize: 100 }),
    ),
  );
  return pages.flatMap((page) => page.items);
}

/** The decisions of a village that an entry may cite (none while no village is chosen). */
export function useLinkableDecisions(regionCode: string | undefined) {
  return useQuery({
    queryKey: ['decisions', 'linkable', regionCode],
    queryFn: () => linkableDecisions(regionCode!),
    enabled: Boolean(regionCode),
  });
}

/**
 * The county rules that judge an entry of this region on this date (YYYY-MM-DD); shares its
 * cache with the policy page, which asks by county.
 */
export function usePolicyOn(regionCode: string | undefined, date: string | undefined) {
  const countyCode = regionCode ? countyOf(regionCode) : undefined;
  return useQuery({
    queryKey: [...POLICY_KEY, 'in-force', countyCode, date],
    queryFn: () => policyApi.inForce(countyCode!, date),
    enabled: Boolean(countyCode && date),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
}
