/**
 * Dialect-specific table options of the built-in read models.
 *
 * - SQLite: tables keyed by text are `WITHOUT ROWID` (one B-tree instead of
 *   a rowid table plus a key index: upserts by key touch half the pages);
 *   a global position key is `INTEGER PRIMARY KEY` (the rowid itself).
 * - PostgreSQL: plain tables; positions are `bigint`.
 *
 * @module
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../read-model-database.js';

/** `WITHOUT ROWID` on SQLite, nothing on PostgreSQL (use with `$call`). */
export const keyedTable =
  (db: Kysely<any>) =>
  <T extends string, C extends string>(builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> =>
    dialectOf(db) === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;

/** The column type of a global position used as a primary key: the rowid on SQLite, `bigint` on PostgreSQL. */
export const positionKeyType = (db: Kysely<any>): 'integer' | 'bigint' => (dialectOf(db) === 'sqlite' ? 'integer' : 'bigint');
