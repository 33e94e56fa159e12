/**
 * A bigram index for Chinese substring search (ADR 0010). Chinese has no spaces to split
 * words on, and a resident types any two or four characters (道路, 路面硬化): every pair of
 * adjacent characters of a searchable text is a key, stored with the row's region and sort
 * key, so that "rows of this town containing 道路, newest first" is one index range.
 *
 * Like the running totals, the index is derived: the audited writes pass the rows of an
 * indexed table through `applySearchIndex`, in their transaction. `rebuildSearchIndex`
 * recomputes it when SEARCH_INDEX_VERSION changes.
 */
import { readMeta, writeMeta } from '../../db/meta.js';
import type { Db, Trx } from '../../db/schema.js';

/** Bump when what is indexed changes: the next start rebuilds the index. */
export const SEARCH_INDEX_VERSION = '1';

type AnyRow = Record<string, unknown>;

interface Source {
  /** Whether the row is searchable at all (only the latest public snapshot is). */
  indexed(row: AnyRow): boolean;
  text(row: AnyRow): string;
  region(row: AnyRow): string;
  sortKey(row: AnyRow): string;
  id(row: AnyRow): string;
}

const SOURCES: Record<string, Source> = {
  disclosure: {
    indexed: (row) => Number(row.is_latest) === 1,
    text: (row) => (typeof row.search_text === 'string' ? row.search_text : ''),
    region: (row) => String(row.region_code),
    sortKey: (row) => String(row.occurred_on),
    id: (row) => String(row.id),
  },
};

/** The distinct pairs of adjacent characters of a text, lower-cased (whole code points). */
export function bigrams(text: string): string[] {
  const chars = [...text.toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

interface GramRow {
  source: string;
  gram: string;
  region_code: string;
  sort_key: string;
  doc_id: string;
}

function gramRows(table: string, row: AnyRow | null): GramRow[] {
  const source = SOURCES[table];
  if (!source || !row || !source.indexed(row)) return [];
  const base = {
    source: table,
    region_code: source.region(row),
    sort_key: source.sortKey(row),
    doc_id: source.id(row),
  };
  return bigrams(source.text(row)).map((gram) => ({ ...base, gram }));
}

const keyOf = (g: GramRow) => `${g.gram}\u0000${g.region_code}\u0000${g.sort_key}\u0000${g.doc_id}`;

async function insertGrams(db: Db | Trx, rows: readonly GramRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) {
    await db
      .insertInto('search_gram')
      .values(rows.slice(i, i + 1_000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Move the index with one change of an indexed table's row. True if anything moved. */
export async function applySearchIndex(
  trx: Trx,
  table: string,
  before: AnyRow | null,
  after: AnyRow | null,
): Promise<boolean> {
  if (!SOURCES[table]) return false;
  const old = gramRows(table, before);
  const next = gramRows(table, after);
  const keep = new Set(next.map(keyOf));
  const stale = old.filter((g) => !keep.has(keyOf(g)));
  const had = new Set(old.map(keyOf));
  const fresh = next.filter((g) => !had.has(keyOf(g)));
  if (stale.length > 0) {
    // The grams of one row share its document, region and sort key.
    const doc = stale[0]!;
    await trx
      .deleteFrom('search_gram')
      .where('source', '=', table)
      .where(
        'gram',
        'in',
        stale.map((g) => g.gram),
      )
      .where('region_code', '=', doc.region_code)
      .where('sort_key', '=', doc.sort_key)
      .where('doc_id', '=', doc.doc_id)
      .execute();
  }
  if (fresh.length > 0) await insertGrams(trx, fresh);
  return stale.length > 0 || fresh.length > 0;
}

/**
 * The key to look up for a search: of the query's bigrams, the one with the fewest rows in
 * the region (counted up to a cap, so a common pair costs no more than a rare one). Null for
 * a one-character query, which the index cannot serve.
 */
export async function rarestGram(
  db: Db,
  source: string,
  query: string,
  range: { from: string; to: string },
): Promise<string | null> {
  const grams = bigrams(query);
  if (grams.length === 0) return null;
  if (grams.length === 1) return grams[0]!;
  const CAP = 2_000;
  let best: { gram: string; n: number } | null = null;
  for (const gram of grams.slice(0, 12)) {
    const row = await db
      .selectFrom((eb) =>
        eb
          .selectFrom('search_gram')
          .select('doc_id')
          .where('source', '=', source)
          .where('gram', '=', gram)
          .where('region_code', '>=', range.from)
          .where('region_code', '<', range.to)
          .limit(CAP)
          .as('hits'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    if (!best || n < best.n) best = { gram, n };
    if (n === 0) break;
  }
  return best?.gram ?? null;
}

/** Whether a match of the looked-up pair still needs the literal test of the whole query. */
export function needsCheck(query: string): boolean {
  return bigrams(query).length > 1;
}

const BATCH = 20_000;

/** Recompute the whole index from the indexed tables, in one transaction. */
export async function rebuildSearchIndex(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('search_gram').execute();
    let indexed = 0;
    let after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('disclosure')
        .select(['id', 'region_code', 'occurred_on', 'search_text', 'is_latest'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      // In key order, so that each insert lands beside the last one in the index.
      const grams = rows.flatMap((row) => gramRows('disclosure', row));
      grams.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
      await insertGrams(trx, grams);
      indexed += rows.length;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
    await writeMeta(trx, 'search.version', SEARCH_INDEX_VERSION);
    return indexed;
  });
}

/** Rebuild the index when it was built by another definition (or never). */
export async function ensureSearchIndex(db: Db): Promise<void> {
  if ((await readMeta(db, 'search.version')) !== SEARCH_INDEX_VERSION) await rebuildSearchIndex(db);
}
