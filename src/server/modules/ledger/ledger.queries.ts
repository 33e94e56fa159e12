import { sql } from 'kysely';
import type { LedgerListQuery } from '../../../shared/schemas/ledger.js';
import { containsText } from '../../db/dialect.js';
import type { Db, Row } from '../../db/schema.js';
import { inRegion, regionInScope, type Scope } from '../../platform/access/access.js';

export function findEntry(db: Db, id: string): Promise<Row<'ledger_entry'> | undefined> {
  return db.selectFrom('ledger_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

export function entryVersions(db: Db, entryId: string): Promise<Row<'ledger_version'>[]> {
  return db
    .selectFrom('ledger_version')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('version')
    .execute();
}

export type LedgerFilter = Omit<LedgerListQuery, 'page' | 'pageSize'> & { today: string };

const LIST_COLUMNS = [
  'id',
  'kind',
  'region_code',
  'title',
  'amount',
  'occurred_on',
  'stage',
  'status',
  'version',
  'review_status',
  'disclosure_due_on',
  'disclosed_version',
  'updated_at',
] as const;
export type LedgerListRow = Pick<Row<'ledger_entry'>, (typeof LIST_COLUMNS)[number]>;

/** Entries under a region within the caller's scope, newest first. */
function filtered(db: Db, scope: Scope, filter: LedgerFilter) {
  let query = db
    .selectFrom('ledger_entry')
    .where(regionInScope('ledger_entry.region_code', scope))
    .where(inRegion('ledger_entry.region_code', filter.regionCode));
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.reviewStatus) query = query.where('review_status', '=', filter.reviewStatus);
  if (filter.period) query = query.where('period', '=', filter.period);
  if (filter.q) query = query.where(containsText('search_text', filter.q));
  if (filter.overdue) {
    query = query.where('disclosure_due_on', '<', filter.today).where('status', '=', 'active');
  }
  if (filter.overridden) query = query.where('override_at', 'is not', null);
  return query;
}

export async function listEntries(
  db: Db,
  scope: Scope,
  filter: LedgerFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: LedgerListRow[]; total: number }> {
  const base = filtered(db, scope, filter);
  const [rows, count] = await Promise.all([
    base
      .select([...LIST_COLUMNS])
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every matching entry, for an export (capped by the caller). */
export function allEntries(
  db: Db,
  scope: Scope,
  filter: LedgerFilter,
  limit: number,
): Promise<LedgerListRow[]> {
  return filtered(db, scope, filter)
    .select([...LIST_COLUMNS])
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Entries a decision authorises. */
export function entriesOfDecision(
  db: Db,
  decisionId: string,
): Promise<Pick<Row<'ledger_entry'>, 'id' | 'title' | 'kind'>[]> {
  return db
    .selectFrom('ledger_entry')
    .select(['id', 'title', 'kind'])
    .where('decision_id', '=', decisionId)
    .orderBy('occurred_on')
    .execute();
}

/** The highest version number stored for an entry (the guard of optimistic concurrency). */
export async function lastVersion(db: Db, entryId: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_version')
    .select(sql<number>`max(version)`.as('v'))
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}
