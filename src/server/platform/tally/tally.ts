/**
 * Running totals (ADR 0009): for every region and month, how many ledger entries were
 * recorded and disclosed, and how many cases were filed, closed and overdue, by category.
 * A dashboard then reads a few hundred rows instead of scanning a county's millions.
 *
 * The totals are derived data. Every audited write of a counted table passes its row before
 * and after through `applyTally` (from `insertAudited` / `updateAudited` / `deleteAudited`),
 * which adds the difference to the region and to each of its ancestors. Those writes hold the
 * audit chain's lock, so two changes never race on the same total. `rebuildTallies` recomputes
 * everything from the base tables; it runs when TALLY_VERSION changes.
 */
import { sql } from 'kysely';
import { parentRegionCode, isRegionCode } from '../../../shared/region.js';
import { readMeta, writeMeta } from '../../db/meta.js';
import type { Db, Trx } from '../../db/schema.js';

/** Bump when a contribution below changes: the next start rebuilds every total. */
export const TALLY_VERSION = '1';

export const TALLY_METRICS = [
  'ledger.entries',
  'ledger.disclosed',
  'case.filed',
  'case.closed',
  'case.overdue',
] as const;
export type TallyMetric = (typeof TALLY_METRICS)[number];

/** The category of a metric's grand total, kept beside the per-category rows. */
export const ALL = '*';

/** What one row adds to the totals. */
export interface Contribution {
  regionCode: string;
  month: string;
  metric: TallyMetric;
  category: string;
  n: number;
  amount: number;
}

type AnyRow = Record<string, unknown>;

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The month (YYYY-MM) of an ISO instant in China's time. */
export function chinaMonth(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

function text(row: AnyRow, column: string): string | null {
  const value = row[column];
  return typeof value === 'string' ? value : null;
}

function ledgerContributions(row: AnyRow): Contribution[] {
  const regionCode = text(row, 'region_code');
  const occurredOn = text(row, 'occurred_on');
  const kind = text(row, 'kind');
  if (!regionCode || !occurredOn || !kind || row.status !== 'active') return [];
  const base = { regionCode, month: occurredOn.slice(0, 7), category: kind };
  const out: Contribution[] = [
    { ...base, metric: 'ledger.entries', n: 1, amount: Number(row.amount ?? 0) },
  ];
  if (row.disclosed_version !== null && row.disclosed_version !== undefined) {
    out.push({ ...base, metric: 'ledger.disclosed', n: 1, amount: 0 });
  }
  return out;
}

function caseContributions(row: AnyRow): Contribution[] {
  const regionCode = text(row, 'region_code');
  const createdAt = text(row, 'created_at');
  if (!regionCode || !createdAt) return [];
  const category = `${text(row, 'type') ?? ''}.${text(row, 'category') ?? ''}`;
  const filedMonth = chinaMonth(createdAt);
  const out: Contribution[] = [
    { regionCode, month: filedMonth, metric: 'case.filed', category, n: 1, amount: 0 },
  ];
  const closedAt = text(row, 'closed_at');
  if (row.status === 'closed' && closedAt) {
    out.push({
      regionCode,
      month: chinaMonth(closedAt),
      metric: 'case.closed',
      category,
      n: 1,
      amount: 0,
    });
  }
  if (Number(row.overdue) === 1) {
    out.push({ regionCode, month: filedMonth, metric: 'case.overdue', category, n: 1, amount: 0 });
  }
  return out;
}

const CONTRIBUTORS: Record<string, (row: AnyRow) => Contribution[]> = {
  ledger_entry: ledgerContributions,
  cases: caseContributions,
};

/** The tables whose rows are counted. */
export function isTallied(table: string): boolean {
  return table in CONTRIBUTORS;
}

const ancestry = new Map<string, readonly string[]>();

/** The region and every ancestor, by the 12-digit code's structure; empty for a bad code. */
function withAncestors(code: string): readonly string[] {
  let out = ancestry.get(code);
  if (!out) {
    const codes: string[] = [];
    if (isRegionCode(code)) {
      for (let c: string | null = code; c !== null; c = parentRegionCode(c)) codes.push(c);
    }
    out = codes;
    // A country has under a million regions; the map is dropped whole if it ever grows past.
    if (ancestry.size >= 1_000_000) ancestry.clear();
    ancestry.set(code, out);
  }
  return out;
}

function cellKey(c: { regionCode: string; month: string; metric: string; category: string }) {
  return `${c.regionCode}|${c.month}|${c.metric}|${c.category}`;
}

/**
 * The difference a change of `table`'s row makes, spread over the row's region, its
 * ancestors and the grand-total category. Empty when nothing counted changed.
 */
export function tallyDelta(
  table: string,
  before: AnyRow | null,
  after: AnyRow | null,
): Contribution[] {
  const contribute = CONTRIBUTORS[table];
  if (!contribute) return [];
  const cells = new Map<string, Contribution>();
  const add = (rows: Contribution[], sign: 1 | -1) => {
    for (const row of rows) {
      const { month, metric } = row;
      const n = sign * row.n;
      const amount = sign * row.amount;
      for (const regionCode of withAncestors(row.regionCode)) {
        for (const category of [row.category, ALL]) {
          const key = `${regionCode}|${month}|${metric}|${category}`;
          const prior = cells.get(key);
          if (prior) {
            prior.n += n;
            prior.amount += amount;
          } else cells.set(key, { regionCode, month, metric, category, n, amount });
        }
      }
    }
  };
  if (before) add(contribute(before), -1);
  if (after) add(contribute(after), 1);
  return [...cells.values()].filter((c) => c.n !== 0 || c.amount !== 0);
}

async function addCells(db: Db | Trx, cells: readonly Contribution[]): Promise<void> {
  // Bound the statement's parameters (SQLite allows 32,766; PostgreSQL 65,535).
  for (let i = 0; i < cells.length; i += 500) {
    await db
      .insertInto('tally')
      .values(
        cells.slice(i, i + 500).map((c) => ({
          region_code: c.regionCode,
          month: c.month,
          metric: c.metric,
          category: c.category,
          n: c.n,
          amount: c.amount,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['region_code', 'month', 'metric', 'category']).doUpdateSet({
          n: sql`tally.n + excluded.n`,
          amount: sql`tally.amount + excluded.amount`,
        }),
      )
      .execute();
  }
}

/** Differences noted in each open transaction, written once just before it commits. */
const pending = new WeakMap<object, Map<string, Contribution>>();

/**
 * Note a change's difference to the totals in the change's transaction. True if any moved.
 * The cells are summed in memory and written by `flushTally`, which `transact` calls before
 * the commit: an import of thousands of entries writes each total once, not once per entry.
 */
export function applyTally(
  trx: Trx,
  table: string,
  before: AnyRow | null,
  after: AnyRow | null,
): boolean {
  const cells = tallyDelta(table, before, after);
  if (cells.length === 0) return false;
  let sums = pending.get(trx);
  if (!sums) {
    sums = new Map();
    pending.set(trx, sums);
  }
  for (const cell of cells) {
    const key = cellKey(cell);
    const prior = sums.get(key);
    if (prior) {
      prior.n += cell.n;
      prior.amount += cell.amount;
    } else sums.set(key, { ...cell });
  }
  return true;
}

/** Forget the differences noted since the last flush (their writes were rolled back). */
export function discardTally(trx: Trx): void {
  pending.delete(trx);
}

/** Write the differences noted in a transaction (before it commits). */
export async function flushTally(trx: Trx): Promise<void> {
  const sums = pending.get(trx);
  if (!sums) return;
  pending.delete(trx);
  await addCells(
    trx,
    [...sums.values()].filter((c) => c.n !== 0 || c.amount !== 0),
  );
}

const BATCH = 5_000;

/** Recompute every total from the base tables, in one transaction. Returns the rows counted. */
export async function rebuildTallies(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('tally').execute();
    const cells = new Map<string, Contribution>();
    let counted = 0;
    const fold = (table: string, row: AnyRow) => {
      counted++;
      for (const cell of tallyDelta(table, null, row)) {
        const key = cellKey(cell);
        const prior = cells.get(key);
        if (prior) {
          prior.n += cell.n;
          prior.amount += cell.amount;
        } else cells.set(key, cell);
      }
    };
    let after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('ledger_entry')
        .select([
          'id',
          'region_code',
          'kind',
          'amount',
          'occurred_on',
          'status',
          'disclosed_version',
        ])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      for (const row of rows) fold('ledger_entry', row);
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
    after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('cases')
        .select([
          'id',
          'region_code',
          'type',
          'category',
          'status',
          'created_at',
          'closed_at',
          'overdue',
        ])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      for (const row of rows) fold('cases', row);
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
    await addCells(
      trx,
      [...cells.values()].filter((c) => c.n !== 0 || c.amount !== 0),
    );
    await writeMeta(trx, 'tally.version', TALLY_VERSION);
    return counted;
  });
}

/** Rebuild the totals when they were built by another definition (or never). */
export async function ensureTallies(db: Db): Promise<void> {
  if ((await readMeta(db, 'tally.version')) !== TALLY_VERSION) await rebuildTallies(db);
}
