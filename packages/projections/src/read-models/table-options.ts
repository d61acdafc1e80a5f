/**
 * Dialect-specific column types of the built-in read models: a global
 * position used as a primary key is `INTEGER PRIMARY KEY` on SQLite (the
 * rowid itself, no separate index) and `bigint` on PostgreSQL.
 *
 * Tables keyed by text stay ordinary rowid tables on SQLite: `WITHOUT ROWID`
 * was measured slower here (rows such as JSON states and policy snapshots
 * are larger than it suits).
 *
 * @module
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../read-model-database.js';
import type { AnyDatabase } from '../projection.js';

/** The column type of a global position used as a primary key: the rowid on SQLite, `bigint` on PostgreSQL. */
export const positionKeyType = (db: Kysely<AnyDatabase>): 'integer' | 'bigint' =>
  dialectOf(db) === 'sqlite' ? 'integer' : 'bigint';
