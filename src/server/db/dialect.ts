import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

/** The only place that knows SQLite and PostgreSQL differ. */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Region codes compare byte-wise so that a subtree is one index range on both databases;
 * PostgreSQL needs the C collation for that.
 */
export function regionCodeType(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
}

/** An auto-incrementing integer key. */
export function serialType(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`bigserial` : sql`integer`;
}

/** Wide integers (money in fen, sequence numbers). */
export function bigintType(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`bigint` : sql`integer`;
}

/**
 * `column LIKE '%text%'` ignoring case, with the text taken literally (its `%`, `_` and `\`
 * escaped), the same on both databases (PostgreSQL's LIKE alone is case-sensitive).
 */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}
