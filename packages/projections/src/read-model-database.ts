/**
 * Read-model databases: opening the SQLite file (the embedded default) or a
 * PostgreSQL schema (shared, multi-instance deployments) as a kysely
 * instance the projection runner and the queries use.
 *
 * SQLite: WAL, and every kysely transaction opened with `BEGIN IMMEDIATE`
 * (retried asynchronously while another connection writes), so several
 * connections or processes on one file never fail a write halfway through a
 * read-then-write transaction. Writes outside a transaction are not retried:
 * write in transactions. `synchronous=NORMAL` is the
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
import {
  Kysely,
  PostgresAdapter,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  CompiledQuery,
  type DatabaseConnection,
  type SqliteDatabase,
} from 'kysely';
import { PostgresDialect, type DatabaseIntrospector } from 'kysely';
import pg from 'pg';
import type { AnyDatabase } from './projection.js';
import { CurrentSchemaPostgresIntrospector } from './postgres-schema-introspector.js';

/** Which SQL dialect a read-model database speaks. */
export type ReadModelDialect = 'sqlite' | 'postgres';

const isBusy = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'SQLITE_BUSY';

/**
 * A SQLite driver whose transactions begin with `BEGIN IMMEDIATE` (take the
 * write lock up front), waiting for a busy lock asynchronously: better-sqlite3
 * waits synchronously, which would block the event loop, and with it another
 * handle of the same process that holds the lock (a deadlock until timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #waitMs: number;
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], waitMs: number) {
    super(config);
    this.#waitMs = waitMs;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const deadline = Date.now() + this.#waitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, 1 + attempt * 2)));
      }
    }
  }
}

/**
 * kysely's SQLite adapter, telling its migrator that SQLite's DDL is
 * transactional (it is): a projection's migrations and their bookkeeping
 * row then commit together, so a projector killed in the middle of a
 * migration leaves neither, instead of a created table whose migration is
 * not recorded (which every later start would fail on: "already exists").
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * A kysely SQLite dialect whose transactions begin with `BEGIN IMMEDIATE`,
 * retried asynchronously while another connection holds the write lock, and
 * whose migrations run in one transaction.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  readonly #waitMs: number;
  /** Same configuration as kysely's `SqliteDialect`, plus how long to wait for the write lock (ms). */
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], waitMs = 10_000) {
    super(config);
    this.#config = config;
    this.#waitMs = waitMs;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config, this.#waitMs);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** How many prepared statements a SQLite read-model connection keeps (least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The better-sqlite3 handle kysely sees, with a cache of prepared
 * statements: kysely prepares every query it runs, and compiling the
 * multi-row statements of a projection batch (hundreds of rows × columns of
 * placeholders) costs as much as running them. SQLite re-prepares a cached
 * statement itself after a schema change; a statement still being iterated
 * (a streamed query) is not shared, a fresh one is prepared.
 */
const withStatementCache = (database: Database.Database): SqliteDatabase => {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (text: string) => {
      const cached = statements.get(text);
      if (cached !== undefined && !cached.busy) {
        // Map order is insertion order: re-inserting marks it recently used.
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const statement = database.prepare(text);
      if (cached === undefined) {
        statements.set(text, statement);
        if (statements.size > STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      return statement;
    },
  };
};

/** How a SQLite read-model file is opened. */
export interface SqliteReadModelSettings {
  /** `NORMAL` (default: read models are rebuildable) or `FULL` (survive power loss too). */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** The page cache of the connection in KiB (default 16 MiB). */
  readonly cacheSizeKiB?: number;
  /** How long a writer waits for another connection's write lock, and opening for the switch to WAL, in ms (default 10 s). */
  readonly busyTimeoutMs?: number;
  /**
   * WAL pages written before a commit checkpoints them into the database
   * file (default 10,000 pages, 40 MiB; SQLite's own default is 1,000).
   * A projection batch dirties thousands of pages, so with SQLite's default
   * nearly every batch commit paid a checkpoint (two fsyncs and a copy).
   */
  readonly walAutocheckpointPages?: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switches the file to WAL. While another connection opens the same new
 * file, SQLite answers `journal_mode = WAL` busy at once, without its busy
 * handler (two connections each wanting the other's lock), so several
 * projector processes starting together retry it, for up to `timeoutMs`.
 */
const switchToWal = (database: Database.Database, timeoutMs: number): void => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
      if (!busy || performance.now() >= deadline) throw error;
      Atomics.wait(sleeper, 0, 0, 0.05 + Math.random() * 0.45);
    }
  }
};

/**
 * Opens (or creates) a SQLite read-model database; `':memory:'` gives a
 * scratch database (temporal queries, tests).
 */
export const openSqliteReadModels = <DB = AnyDatabase>(
  file: string,
  settings: SqliteReadModelSettings = {},
): Kysely<DB> => {
  // The numbers go into PRAGMA statements: anything but a whole number is a caller's bug.
  for (const [name, value] of Object.entries({
    cacheSizeKiB: settings.cacheSizeKiB,
    walAutocheckpointPages: settings.walAutocheckpointPages,
  }))
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0))
      throw new TypeError(`openSqliteReadModels: ${name} must be a whole number ≥ 0, got ${String(value)}`);
  const database = new Database(file);
  if (file !== ':memory:') {
    switchToWal(database, settings.busyTimeoutMs ?? 10_000);
    database.pragma(`wal_autocheckpoint = ${settings.walAutocheckpointPages ?? 10_000}`);
  }
  database.pragma(`synchronous = ${settings.synchronous ?? 'NORMAL'}`);
  // Writes run in transactions whose BEGIN IMMEDIATE waits asynchronously;
  // the synchronous busy timeout only covers reads during WAL recovery.
  database.pragma('busy_timeout = 100');
  // Upserts by key touch pages all over the tables: a 16 MiB page cache
  // (default 2 MiB) keeps a rebuild from re-reading them through the OS.
  database.pragma(`cache_size = -${settings.cacheSizeKiB ?? 16_384}`);
  return new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }, settings.busyTimeoutMs ?? 10_000),
  });
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

/** kysely's PostgreSQL dialect, introspecting the current schema only (see `postgres-schema-introspector`). */
class ReadModelPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<AnyDatabase>): DatabaseIntrospector {
    return new CurrentSchemaPostgresIntrospector(db);
  }
}

/** Opens a PostgreSQL read-model database from a connection URL. */
export const openPostgresReadModels = <DB = AnyDatabase>(
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
  const dialect = new ReadModelPostgresDialect({
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
export const dialectOf = (db: Kysely<AnyDatabase>): ReadModelDialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
