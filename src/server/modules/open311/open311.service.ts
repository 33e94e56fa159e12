import { CASE_CATEGORIES, CASE_CATEGORY_NAMES } from '../../../shared/case-categories.js';
import { CASE_TYPES, type CaseType } from '../../../shared/case-machine.js';
import type { Locale } from '../../../shared/messages.js';
import { scrubText } from '../../../shared/redact.js';
import type { Db, Row } from '../../db/schema.js';
import { inRegion } from '../../platform/access/access.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { CASE_TYPE_NAMES } from '../cases/cases.excel.js';
import { unitsByIds } from '../cases/cases.queries.js';

/**
 * Open311 GeoReport v2 over the case engine, so that city apps and 12345 hotlines can list,
 * read and file residents' matters in the standard format. A service is a case type and
 * category (`request.roads`); a request's id is its tracking code. Descriptions are scrubbed
 * of ID and phone numbers; reporters are never shown.
 */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export function services(locale: Locale): Open311Service[] {
  return CASE_TYPES.flatMap((type) =>
    CASE_CATEGORIES[type].map((category) => ({
      service_code: `${type}.${category}`,
      service_name: CASE_CATEGORY_NAMES[locale][category] ?? category,
      description: `${CASE_TYPE_NAMES[locale][type]} · ${CASE_CATEGORY_NAMES[locale][category] ?? category}`,
      metadata: false,
      type: 'realtime' as const,
      keywords: type,
      group: CASE_TYPE_NAMES[locale][type],
    })),
  );
}

export function parseServiceCode(code: string): { type: CaseType; category: string } {
  const [type, category] = code.split('.');
  if (!type || !category || !(CASE_TYPES as readonly string[]).includes(type))
    throw fieldError('service_code', 'unknown service', 'case.categoryUnknown');
  if (!CASE_CATEGORIES[type as CaseType].includes(category))
    throw fieldError('service_code', 'unknown service', 'case.categoryUnknown');
  return { type: type as CaseType, category };
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

async function toRequests(db: Db, rows: Row<'cases'>[], locale: Locale) {
  const units = new Map(
    (await unitsByIds(db, [...new Set(rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])))])).map(
      (u) => [u.id, u.name],
    ),
  );
  return rows.map((row): Open311Request => {
    const location = row.location
      ? (JSON.parse(row.location) as { lat: number; lng: number })
      : null;
    return {
      service_request_id: row.code,
      status: row.status === 'closed' ? 'closed' : 'open',
      status_notes: row.status === 'closed' ? row.reply : null,
      service_name: CASE_CATEGORY_NAMES[locale][row.category] ?? row.category,
      service_code: `${row.type}.${row.category}`,
      description: scrubText(row.description),
      agency_responsible: row.unit_id ? (units.get(row.unit_id) ?? null) : null,
      service_notice: null,
      requested_datetime: row.created_at,
      updated_datetime: row.updated_at,
      expected_datetime: row.handle_due_at,
      address: row.address,
      address_id: row.region_code,
      zipcode: null,
      lat: location?.lat ?? null,
      long: location?.lng ?? null,
      media_url: null,
    };
  });
}

export interface RequestQuery {
  jurisdiction_id?: string | undefined;
  service_code?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  service_request_id?: string | undefined;
  page_size: number;
}

/**
 * Types whose requests are listed publicly. Complaints (about cadres) and disputes (between
 * private persons) are filed through Open311 but never listed: their text is not public.
 */
const LISTED_TYPES: readonly CaseType[] = ['request', 'consultation'];

/** Requests newest first, filtered as GeoReport v2 defines (default: the last 90 days). */
export async function listRequests(db: Db, query: RequestQuery, locale: Locale) {
  // "Now" is taken to the next whole minute, so that the default window is one cache entry
  // a minute; a request filed meanwhile changes the cases table and reloads it anyway.
  const end = query.end_date ?? new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString();
  const start =
    query.start_date ?? new Date(new Date(end).getTime() - 90 * 86_400_000).toISOString();
  const key = `open311:${locale}:${JSON.stringify({ ...query, start, end })}`;
  return cachedRead(db, key, ['cases', 'unit'], async () => {
    let base = db.selectFrom('cases').selectAll().where('type', 'in', LISTED_TYPES);
    if (query.jurisdiction_id) base = base.where(inRegion('region_code', query.jurisdiction_id));
    if (query.service_request_id) {
      base = base.where('code', 'in', query.service_request_id.split(',').slice(0, 50));
    } else {
      base = base.where('created_at', '>=', start).where('created_at', '<=', end);
    }
    if (query.service_code) {
      const { type, category } = parseServiceCode(query.service_code);
      base = base.where('type', '=', type).where('category', '=', category);
    }
    if (query.status === 'closed') base = base.where('status', '=', 'closed');
    if (query.status === 'open') base = base.where('status', '!=', 'closed');
    const rows = await base.orderBy('created_at', 'desc').limit(query.page_size).execute();
    return toRequests(db, rows, locale);
  });
}

export async function getRequest(db: Db, code: string, locale: Locale) {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('code', '=', code)
    .where('type', 'in', LISTED_TYPES)
    .executeTakeFirst();
  if (!row) throw notFound('request');
  return toRequests(db, [row], locale);
}
