/**
 * Dialect-specific column types of the built-in read models: a global
 * position used as a primary key is `INTEGER PRIMARY KEY` on SQLite (the
 * rowid itself, no separate index) and `bigint` on PostgreSQL.
 *
 * Tables keyed by text are ordinary rowid tables on SQLite (`WITHOUT ROWID`
 * was measured slower for rows such as JSON states and policy snapshots),
 * except `sla_target`: its rows are small and the work queue looks up each
 * record's running targets by key, which a `WITHOUT ROWID` table answers in
 * one B-tree descent.
 *
 * @module
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../read-model-database.js';
import type { AnyDatabase } from '../projection.js';

/** The column type of a global position used as a primary key: the rowid on SQLite, `bigint` on PostgreSQL. */
export const positionKeyType = (db: Kysely<AnyDatabase>): 'integer' | 'bigint' =>
  dialectOf(db) === 'sqlite' ? 'integer' : 'bigint';

/** `WITHOUT ROWID` on SQLite, nothing on PostgreSQL (use with `$call` on a table with a primary key). */
export const withoutRowid =
  (db: Kysely<AnyDatabase>) =>
  <T extends string, C extends string>(builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> =>
    dialectOf(db) === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
