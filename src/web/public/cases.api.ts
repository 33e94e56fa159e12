import type { z } from 'zod';
import { CASE_CATEGORY_NAMES } from '../../shared/case-categories.js';
import type {
  DisputeBody,
  FiledCase,
  NewCaseBody,
  PublicCaseView,
  RateBody,
} from '../../shared/schemas/cases.js';
import type { Locale } from '../../shared/messages.js';
import { api } from '../api/client.js';

export type { PublicCaseView };
export type FiledCaseDto = z.infer<typeof FiledCase>;
/** What the report form sends; `photos` and `anonymous` have server defaults. */
export type NewCaseInput = z.input<typeof NewCaseBody>;
export type RateInput = z.infer<typeof RateBody>;
export type DisputeInput = z.infer<typeof DisputeBody>;

/** The case engine as residents use it: file, attach photos, track, rate, dispute. No login. */
export const casesApi = {
  file: (body: NewCaseInput) => api.post<FiledCaseDto>('/public/cases', body),
  /** One photo, stored privately for the village; its id goes into the case's `photos`. */
  uploadPhoto: (regionCode: string, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('regionCode', regionCode);
    form.append('file', file, fileName);
    return api.upload<{ id: string }>('/public/cases/photos', form);
  },
  view: (code: string, token?: string) =>
    api.get<PublicCaseView>(`/public/cases/${encodeURIComponent(code)}`, { token }),
  rate: (code: string, body: RateInput) =>
    api.post<PublicCaseView>(`/public/cases/${encodeURIComponent(code)}/rate`, body),
  dispute: (code: string, body: DisputeInput) =>
    api.post<PublicCaseView>(`/public/cases/${encodeURIComponent(code)}/dispute`, body),
};

export const caseKeys = {
  view: (code: string, token: string) => ['public', 'case', code, token] as const,
};

/** QF26-7K3M9P: the code the server hands out (its alphabet leaves out 0, 1, I, L, O). */
export const CASE_CODE_PATTERN = /^QF\d{2}-[2-9A-Z]{6}$/;

/**
 * Read what a resident typed or pasted: a code with or without its dash, in any case, or a
 * whole tracking link (then its `k` comes along). Null when it is not a code.
 */
export function parseCaseCode(input: string): { code: string; token?: string } | null {
  const text = input.trim();
  const link = /\/public\/track\/([^/?#\s]+)(?:\?[^#\s]*)?/.exec(text);
  if (link) {
    const code = normalizeCode(decodeURIComponent(link[1] ?? ''));
    if (!code) return null;
    const query = link[0].includes('?') ? link[0].slice(link[0].indexOf('?') + 1) : '';
    const token = new URLSearchParams(query).get('k') ?? undefined;
    return token ? { code, token } : { code };
  }
  const code = normalizeCode(text);
  return code ? { code } : null;
}

function normalizeCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const match = /^QF(\d{2})([2-9A-Z]{6})$/.exec(compact);
  return match ? `QF${match[1]}-${match[2]}` : null;
}

/** The path of a case's track page; with the secret when the resident holds it. */
export function trackPathOf(code: string, token?: string): string {
  const path = `/public/track/${encodeURIComponent(code)}`;
  return token ? `${path}?k=${encodeURIComponent(token)}` : path;
}

/** A category's name in the language shown, or its key when unknown. */
export function categoryName(locale: Locale, category: string): string {
  return CASE_CATEGORY_NAMES[locale][category] ?? category;
}

// ---------------------------------------------------------------------------
// Cases filed on this device, kept in the browser so a resident who loses the link can find
// it again on the track page. Nothing leaves the device.
// ---------------------------------------------------------------------------

const MINE_KEY = 'qf.myCases';
const MINE_MAX = 20;

export interface MyCase {
  code: string;
  token: string;
  at: string;
}

export function myCases(): MyCase[] {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(MINE_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (item): item is MyCase =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as MyCase).code === 'string' &&
        typeof (item as MyCase).token === 'string' &&
        typeof (item as MyCase).at === 'string',
    );
  } catch {
    return [];
  }
}

export function rememberCase(code: string, token: string): void {
  const next = [
    { code, token, at: new Date().toISOString() },
    ...myCases().filter((c) => c.code !== code),
  ];
  try {
    window.localStorage.setItem(MINE_KEY, JSON.stringify(next.slice(0, MINE_MAX)));
  } catch {
    // Storage may be unavailable (private mode): the resident still has the link.
  }
}
