import { sql } from 'kysely';
import type { DisclosureSubject } from '../../../shared/schemas/disclosure.js';
import { regionLevel, regionPrefix } from '../../../shared/region.js';
import { containsText } from '../../db/dialect.js';
import type { Db, Row } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';
import { needsCheck, rarestGram } from '../../platform/search/search-index.js';

export function findCatalogue(
  db: Db,
  countyCode: string,
): Promise<Row<'disclosure_catalogue'> | undefined> {
  return db
    .selectFrom('disclosure_catalogue')
    .selectAll()
    .where('region_code', '=', countyCode)
    .executeTakeFirst();
}

export function latestOfSubject(db: Db, subjectId: string): Promise<Row<'disclosure'> | undefined> {
  return db
    .selectFrom('disclosure')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function snapshotsOfSubject(db: Db, subjectId: string): Promise<Row<'disclosure'>[]> {
  return db
    .selectFrom('disclosure')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('version')
    .execute();
}

function inRegion(regionCode: string) {
  const prefix = regionPrefix(regionCode);
  return { from: prefix, to: prefix + ':' };
}

/**
 * A search counts its matches up to this many and then says "more": an exact count of a
 * common word across a county checks every candidate, which grows with the county.
 */
export const SEARCH_COUNT_CAP = 1_000;

export interface PublicQuery {
  regionCode: string;
  period?: string | undefined;
  kind?: DisclosureSubject | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The latest snapshots under a region, newest first, filtered. A search of two characters
 * or more reads the bigram index (ADR 0010) in its order; a longer query is then checked
 * literally on the snapshots the index names.
 */
export async function listPublic(
  db: Db,
  query: PublicQuery,
  countCap = SEARCH_COUNT_CAP,
): Promise<{ rows: Row<'disclosure'>[]; total: number; more: boolean }> {
  const range = inRegion(query.regionCode);
  const gram = query.q ? await rarestGram(db, 'disclosure', query.q, range) : null;
  if (query.q && gram !== null) return searchPublic(db, query, query.q, gram, range, countCap);
  let base = db.selectFrom('disclosure').where('is_latest', '=', 1);
  // A village is one value of the index, so that it also gives the order (a range would not).
  base =
    regionLevel(query.regionCode) === 'village'
      ? base.where('region_code', '=', query.regionCode)
      : base.where('region_code', '>=', range.from).where('region_code', '<', range.to);
  // A month is a range of the indexed date (the period is the month of occurred_on).
  if (query.period) {
    base = base
      .where('occurred_on', '>=', `${query.period}-01`)
      .where('occurred_on', '<=', `${query.period}-31`);
  }
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.q) base = base.where(containsText('search_text', query.q));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), more: false };
}

async function searchPublic(
  db: Db,
  query: PublicQuery,
  q: string,
  gram: string,
  range: { from: string; to: string },
  countCap: number,
): Promise<{ rows: Row<'disclosure'>[]; total: number; more: boolean }> {
  let hits = db
    .selectFrom('search_gram as g')
    .where('g.source', '=', 'disclosure')
    .where('g.gram', '=', gram)
    .where('g.region_code', '>=', range.from)
    .where('g.region_code', '<', range.to);
  // A period is a month of the sort key (the day the entry occurred).
  if (query.period) {
    hits = hits
      .where('g.sort_key', '>=', `${query.period}-01`)
      .where('g.sort_key', '<=', `${query.period}-31`);
  }
  if (query.kind || needsCheck(q)) {
    hits = hits.where((eb) =>
      eb.exists(
        eb
          .selectFrom('disclosure as d')
          .select('d.id')
          .whereRef('d.id', '=', 'g.doc_id')
          .$if(query.kind !== undefined, (qb) => qb.where('d.kind', '=', query.kind!))
          .$if(needsCheck(q), (qb) => qb.where(containsText('d.search_text', q))),
      ),
    );
  }
  const [page, count] = await Promise.all([
    hits
      .select('g.doc_id')
      .orderBy('g.sort_key', 'desc')
      .orderBy('g.doc_id', 'desc')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .execute(),
    db
      .selectFrom(
        hits
          .select('g.doc_id')
          .limit(countCap + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const counted = Number(count.n);
  const ids = page.map((p) => p.doc_id);
  const rows =
    ids.length === 0
      ? []
      : await db.selectFrom('disclosure').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: ids.map((id) => byId.get(id)).filter((r): r is Row<'disclosure'> => r !== undefined),
    total: Math.min(counted, countCap),
    more: counted > countCap,
  };
}

/** Months with published entries in a village, newest first. */
export async function publicPeriods(
  db: Db,
  regionCode: string,
): Promise<{ period: string; count: number }[]> {
  const rows = await db
    .selectFrom('disclosure')
    .select(['period', (eb) => eb.fn.countAll<number>().as('n')])
    .where('is_latest', '=', 1)
    .where('region_code', '=', regionCode)
    .groupBy('period')
    .orderBy('period', 'desc')
    .execute();
  return rows.map((r) => ({ period: r.period, count: Number(r.n) }));
}

export interface StatusCounts {
  region_code: string;
  on_time: number;
  late: number;
  overdue: number;
}

/**
 * Per village under `regionCode` (within scope): disclosures due in [from, to] published on
 * time or late, and entries whose disclosure fell due in [from, to) and is still waiting.
 */
export async function statusCounts(
  db: Db,
  scope: Scope,
  regionCode: string,
  from: string,
  to: string,
): Promise<StatusCounts[]> {
  const range = inRegion(regionCode);
  const villages = await db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'village')
    .where('code', '>=', range.from)
    .where('code', '<', range.to)
    .where(regionInScope('region.code', scope))
    .orderBy('sort')
    .orderBy('code')
    .execute();
  const published = await db
    .selectFrom('disclosure')
    .select([
      'region_code',
      sql<number>`sum(case when on_time = 1 then 1 else 0 end)`.as('on_time'),
      sql<number>`sum(case when on_time = 0 then 1 else 0 end)`.as('late'),
    ])
    .where('region_code', '>=', range.from)
    .where('region_code', '<', range.to)
    .where(regionInScope('disclosure.region_code', scope))
    .where('due_on', '>=', from)
    .where('due_on', '<=', to)
    .groupBy('region_code')
    .execute();
  const waiting = await db
    .selectFrom('ledger_entry')
    .select(['region_code', (eb) => eb.fn.countAll<number>().as('overdue')])
    .where('region_code', '>=', range.from)
    .where('region_code', '<', range.to)
    .where(regionInScope('ledger_entry.region_code', scope))
    .where('status', '=', 'active')
    .where('disclosure_due_on', '>=', from)
    .where('disclosure_due_on', '<', to)
    .groupBy('region_code')
    .execute();
  const byRegion = new Map<string, StatusCounts>(
    villages.map((v) => [v.code, { region_code: v.code, on_time: 0, late: 0, overdue: 0 }]),
  );
  for (const p of published) {
    const c = byRegion.get(p.region_code);
    if (c) {
      c.on_time = Number(p.on_time);
      c.late = Number(p.late);
    }
  }
  for (const w of waiting) {
    const c = byRegion.get(w.region_code);
    if (c) c.overdue = Number(w.overdue);
  }
  return [...byRegion.values()];
}

/** Active entries under a region whose disclosure is past due, most overdue first. */
export function overdueEntries(
  db: Db,
  scope: Scope,
  regionCode: string,
  today: string,
  limit: number,
) {
  const range = inRegion(regionCode);
  return db
    .selectFrom('ledger_entry')
    .select(['id', 'kind', 'region_code', 'title', 'amount', 'disclosure_due_on'])
    .where('region_code', '>=', range.from)
    .where('region_code', '<', range.to)
    .where(regionInScope('ledger_entry.region_code', scope))
    .where('status', '=', 'active')
    .where('disclosure_due_on', '<', today)
    .orderBy('disclosure_due_on')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The audit event that published a snapshot. */
export function disclosureEvent(
  db: Db,
  disclosureId: string,
): Promise<Row<'audit_event'> | undefined> {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('entity', '=', 'disclosure')
    .where('entity_id', '=', disclosureId)
    .where('action', '=', 'disclosure.create')
    .executeTakeFirst();
}
