import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from './dialect.js';

/** Values bound per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

type AnyRow = Record<string, unknown>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Insert rows that share their columns, as many per statement as the database takes, without
 * building a query tree per row (an import writes hundreds of thousands). With `returningKey`
 * it returns the rows as stored, in the order given. Table and column names come from code.
 */
export async function insertRows(
  db: Pick<Kysely<never>, 'executeQuery' | 'getExecutor'>,
  table: string,
  rows: readonly AnyRow[],
  returningKey?: string,
): Promise<AnyRow[]> {
  if (rows.length === 0) return [];
  // A column left undefined is left out, as Kysely does: the table's default applies.
  const columns = Object.keys(rows[0]!).filter((column) => rows[0]![column] !== undefined);
  const postgres = dialectOf(db) === 'postgres';
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const stored: AnyRow[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const column of columns) {
        const value = row[column];
        if (value === undefined) throw new Error(`insertRows ${table}: rows differ in ${column}`);
        parameters.push(value);
        marks.push(postgres ? `$${parameters.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    const text = head + tuples.join(', ') + (returningKey ? ' returning *' : '');
    const result = await db.executeQuery<AnyRow>(CompiledQuery.raw(text, parameters));
    if (!returningKey) continue;
    if (chunk.length === 1) {
      stored.push(result.rows[0]!);
      continue;
    }
    // RETURNING gives no order: put the rows back in the order they were given.
    const byKey = new Map(result.rows.map((row) => [String(row[returningKey]), row]));
    for (const row of chunk) stored.push(byKey.get(String(row[returningKey]))!);
  }
  return stored;
}
