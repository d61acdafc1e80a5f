/**
 * Multi-row statements as SQL text, for the hot path of the built-in
 * projections: one `INSERT … VALUES (…), (…) ON CONFLICT … DO UPDATE` per
 * chunk of rows, one `SELECT … WHERE key IN (…)` per chunk of keys. Built as
 * text (cached per shape) and run as kysely `CompiledQuery`s, because
 * building a kysely query tree of thousands of values per batch costs more
 * than the database work itself.
 *
 * Limits: identifiers must be plain `[a-z_][a-z0-9_]*` (they are quoted);
 * values must be strings, numbers or null. Both dialects accept the same
 * text except for placeholders (`?` on SQLite, `$n` on PostgreSQL).
 *
 * @module
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { ReadModelDialect } from './read-model-database.js';
import { dialectOf } from './read-model-database.js';
import type { AnyDatabase } from './projection.js';

/** A value a read-model column holds. */
export type SqlValue = string | number | null;

/** SQLite's default limit is 32766 bound values per statement, PostgreSQL's 65535. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 256;

/**
 * The rows of the next statement: a full chunk, else the largest power of
 * two that fits, so a table has a handful of statement shapes (each
 * prepared once and cached by the SQLite connection) instead of one per
 * remainder size.
 */
const nextChunk = (dialect: ReadModelDialect, remaining: number, chunk: number): number => {
  // PostgreSQL statements are not cached here: one statement per remainder (fewer round trips).
  if (remaining >= chunk || dialect === 'postgres') return Math.min(remaining, chunk);
  let size = 1;
  while (size * 2 <= remaining) size *= 2;
  return size;
};

const quote = (identifier: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`unsafe SQL identifier ${JSON.stringify(identifier)}`);
  return `"${identifier}"`;
};

const placeholders = (dialect: ReadModelDialect, rows: number, columns: number): string => {
  const groups: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const values: string[] = [];
    for (let c = 0; c < columns; c++) values.push(dialect === 'postgres' ? `$${++n}` : '?');
    groups.push(`(${values.join(',')})`);
  }
  return groups.join(',');
};

const textCache = new Map<string, string>();
const cached = (key: string, build: () => string): string => {
  let text = textCache.get(key);
  if (text === undefined) {
    text = build();
    if (textCache.size > 2000) textCache.clear();
    textCache.set(key, text);
  }
  return text;
};

/** How many rows of `columns` columns fit in one statement. */
export const rowsPerStatement = (columns: number): number =>
  Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, columns))));

/**
 * Inserts rows (objects with every column) in multi-row statements; with
 * `conflictKey`, an existing row with the same key is replaced (upsert).
 */
export const insertRows = async (
  db: Kysely<AnyDatabase> | Transaction<AnyDatabase>,
  table: string,
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
  conflictKey?: readonly string[],
): Promise<void> => {
  if (rows.length === 0) return;
  const dialect = dialectOf(db);
  const chunk = rowsPerStatement(columns.length);
  for (let start = 0; start < rows.length;) {
    const slice = rows.slice(start, start + nextChunk(dialect, rows.length - start, chunk));
    start += slice.length;
    const text = cached(
      `${dialect}|i|${table}|${columns.join(',')}|${conflictKey?.join(',') ?? ''}|${slice.length}`,
      () => {
        const head = `insert into ${quote(table)} (${columns.map(quote).join(',')}) values ${placeholders(dialect, slice.length, columns.length)}`;
        if (conflictKey === undefined) return head;
        const updates = columns.filter((c) => !conflictKey.includes(c)).map((c) => `${quote(c)}=excluded.${quote(c)}`);
        return `${head} on conflict (${conflictKey.map(quote).join(',')}) ${updates.length === 0 ? 'do nothing' : `do update set ${updates.join(',')}`}`;
      },
    );
    const parameters: unknown[] = [];
    for (const row of slice) for (const column of columns) parameters.push(row[column] ?? null);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
};

/** Selects every row whose `column` is one of `values` (in chunks). */
export const selectRowsWhereIn = async <Row>(
  db: Kysely<AnyDatabase> | Transaction<AnyDatabase>,
  table: string,
  column: string,
  values: readonly SqlValue[],
): Promise<Row[]> => {
  const dialect = dialectOf(db);
  const out: Row[] = [];
  for (let start = 0; start < values.length;) {
    const slice = values.slice(start, start + nextChunk(dialect, values.length - start, MAX_ROWS));
    start += slice.length;
    const text = cached(`${dialect}|s|${table}|${column}|${slice.length}`, () => {
      const list = dialect === 'postgres' ? slice.map((_, i) => `$${i + 1}`).join(',') : slice.map(() => '?').join(',');
      return `select * from ${quote(table)} where ${quote(column)} in (${list})`;
    });
    const result = await db.executeQuery<Row>(CompiledQuery.raw(text, [...slice]));
    out.push(...result.rows);
  }
  return out;
};

/** Deletes every row whose `column` is one of `values` (in chunks). */
export const deleteRowsWhereIn = async (
  db: Kysely<AnyDatabase> | Transaction<AnyDatabase>,
  table: string,
  column: string,
  values: readonly SqlValue[],
): Promise<void> => {
  const dialect = dialectOf(db);
  for (let start = 0; start < values.length; start += MAX_ROWS) {
    const slice = values.slice(start, start + MAX_ROWS);
    const list = dialect === 'postgres' ? slice.map((_, i) => `$${i + 1}`).join(',') : slice.map(() => '?').join(',');
    await db.executeQuery(
      CompiledQuery.raw(`delete from ${quote(table)} where ${quote(column)} in (${list})`, [...slice]),
    );
  }
};
