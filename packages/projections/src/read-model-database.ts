/**
 * Read-model databases: opening the SQLite file (the embedded default) or a
 * PostgreSQL schema (shared, multi-instance deployments) as a kysely
 * instance the projection runner and the queries use.
 *
 * SQLite: WAL, a busy timeout, and every kysely transaction opened with
 * `BEGIN IMMEDIATE`, so several processes on one file never fail a write
 * halfway through a read-then-write transaction. `synchronous=NORMAL` is the
 * default because a read model can always be rebuilt from the log and the
 * checkpoint is committed with the rows it covers (WAL keeps them consistent
 * after an application crash; a power loss may lose the last transactions,
 * which are then simply projected again).
 *
 * PostgreSQL: a `pg` pool whose BIGINT columns are read as JavaScript numbers
 * (positions and durations stay below 2^53), optionally pinned to one schema
 * through `search_path` (tests use a fresh schema each).
 *
 * @module
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, SqliteDialect, SqliteDriver, CompiledQuery, type DatabaseConnection } from 'kysely';
import { PostgresDialect } from 'kysely';
import pg from 'pg';

/** Which SQL dialect a read-model database speaks. */
export type ReadModelDialect = 'sqlite' | 'postgres';

/** A SQLite driver whose transactions begin with `BEGIN IMMEDIATE` (take the write lock up front). */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** A kysely SQLite dialect whose transactions begin with `BEGIN IMMEDIATE`. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  /** Same configuration as kysely's `SqliteDialect`. */
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** How a SQLite read-model file is opened. */
export interface SqliteReadModelSettings {
  /** `NORMAL` (default: read models are rebuildable) or `FULL` (survive power loss too). */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another process's write lock, in ms (default 10 s). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (or creates) a SQLite read-model database; `':memory:'` gives a
 * scratch database (temporal queries, tests).
 */
export const openSqliteReadModels = <DB = unknown>(file: string, settings: SqliteReadModelSettings = {}): Kysely<DB> => {
  const database = new Database(file);
  if (file !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${settings.synchronous ?? 'NORMAL'}`);
  database.pragma(`busy_timeout = ${settings.busyTimeoutMs ?? 10_000}`);
  return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database }) });
};

/** How a PostgreSQL read-model database is reached. */
export interface PostgresReadModelSettings {
  /** The schema read models and checkpoints live in (created if missing); default `public`. */
  readonly schema?: string;
  /** The pool size (default 4). */
  readonly maxConnections?: number;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Opens a PostgreSQL read-model database from a connection URL. */
export const openPostgresReadModels = <DB = unknown>(
  connectionString: string,
  settings: PostgresReadModelSettings = {},
): Kysely<DB> => {
  const schema = settings.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  const pool = new pg.Pool({
    connectionString,
    max: settings.maxConnections ?? 4,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const dialect = new PostgresDialect({
    pool,
    ...(schema === undefined
      ? {}
      : {
          onCreateConnection: async (connection: DatabaseConnection) => {
            await connection.executeQuery(CompiledQuery.raw(`create schema if not exists "${schema}"`));
            await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
          },
        }),
  });
  return new Kysely<DB>({ dialect });
};

/** The dialect of a kysely instance (or transaction) over a read-model database. */
export const dialectOf = (db: Kysely<any>): ReadModelDialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
