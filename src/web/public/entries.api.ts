import type { z } from 'zod';
import type {
  ChainPlace,
  PublicEntryDetail,
  PublicEntryPage,
  PublicEntrySummary,
  PublicVillage,
} from '../../shared/schemas/disclosure.js';
import { api } from '../api/client.js';

export type { ChainPlace, PublicEntryDetail, PublicEntrySummary };
export type PublicEntryPageDto = z.infer<typeof PublicEntryPage>;
export type PublicVillageDto = z.infer<typeof PublicVillage>;
export type PublicHistoryItemDto = PublicEntryDetail['history'][number];

/** Filters of the public list: a town or a village, optionally a month, a kind and words. */
export interface PublicEntryFilter {
  regionCode: string;
  period?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** The published snapshots anyone may read (公开亮晒), without an account. */
export const entriesApi = {
  list: (filter: PublicEntryFilter) =>
    api.get<PublicEntryPageDto>('/public/entries', { ...filter }),
  entry: (subjectId: string) =>
    api.get<PublicEntryDetail>(`/public/entries/${encodeURIComponent(subjectId)}`),
  village: (code: string) =>
    api.get<PublicVillageDto>(`/public/villages/${encodeURIComponent(code)}`),
  chain: (disclosureId: string) =>
    api.get<ChainPlace>(`/public/disclosures/${encodeURIComponent(disclosureId)}/chain`),
};

/** Query keys shared by the pages, so going back and forth reads from the cache. */
export const entryKeys = {
  list: (filter: Omit<PublicEntryFilter, 'page'>) => ['public', 'entries', filter] as const,
  entry: (subjectId: string) => ['public', 'entry', subjectId] as const,
  village: (code: string) => ['public', 'village', code] as const,
  chain: (disclosureId: string) => ['public', 'chain', disclosureId] as const,
};

// ---------------------------------------------------------------------------
// Reading a snapshot: it is untyped JSON (`Record<string, unknown>`) on the wire.
// ---------------------------------------------------------------------------

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `value`, or an empty one. */
export function rec(value: unknown): Json {
  return isRecord(value) ? value : {};
}

/** The objects of the array at `value`, skipping anything else. */
export function recs(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The strings of the array at `value`. */
export function strs(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : [];
}
