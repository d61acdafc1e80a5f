/**
 * The SQLite event store's file format: its tables, how a file is recognised
 * as ours, and the migrations between schema versions.
 *
 * A file is ours when `PRAGMA application_id` holds {@link SQLITE_APPLICATION_ID}
 * ("ITSM"); its schema version is `PRAGMA user_version`. An empty or new file
 * is initialised; any other file (another application's database, a database
 * with tables but no id, a newer schema than this code knows, a file that is
 * not SQLite at all) is refused with a {@link SqliteStoreOpenFailed} naming the
 * file and what was wrong, and is left unmodified.
 *
 * Migrations run inside `BEGIN IMMEDIATE`, so several processes opening the
 * same new file at once migrate it exactly once.
 *
 * Limits: migrations only move forward; an older release refuses a file a
 * newer one migrated.
 *
 * @module
 */
import type Database from 'better-sqlite3';

/** The `PRAGMA application_id` of an @itsm event store file: the ASCII bytes "ITSM". */
export const SQLITE_APPLICATION_ID = 0x4954534d;

/** Why a file could not be opened as an event store. */
export type SqliteStoreOpenProblem =
  /** The file could not be opened or created (missing folder, permissions, a directory…). */
  | 'CannotOpen'
  /** The file exists but is not a SQLite database. */
  | 'NotADatabase'
  /** The file is a SQLite database of something else. */
  | 'NotAnEventStore'
  /** The file was written by a newer release, with a schema version this code does not know. */
  | 'NewerSchemaVersion'
  /** Setting the journal mode or migrating the schema failed. */
  | 'SetupFailed';

/** Opening a SQLite event store failed; the file was not modified. */
export interface SqliteStoreOpenFailed {
  readonly _tag: 'SqliteStoreOpenFailed';
  /** The path as given to the open function. */
  readonly file: string;
  readonly problem: SqliteStoreOpenProblem;
  /** A sentence for humans: what was found and what was expected. */
  readonly reason: string;
}

/** Builds a {@link SqliteStoreOpenFailed}. */
export const sqliteStoreOpenFailed = (
  file: string,
  problem: SqliteStoreOpenProblem,
  reason: string,
): SqliteStoreOpenFailed => ({ _tag: 'SqliteStoreOpenFailed', file, problem, reason });

/** One forward step of the schema: from version `index` to `index + 1`. */
type Migration = (db: Database.Database) => void;

/**
 * The migrations, in order; the schema version of a file is how many ran.
 * Data and metadata are stored as the canonical JSON text the hash chain covers.
 */
const migrations: readonly Migration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL CHECK (stream_version >= 1),
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (stream_id, stream_version)
      )`);
  },
];

/** The schema version this release writes. */
export const SQLITE_SCHEMA_VERSION = migrations.length;

const pragmaNumber = (db: Database.Database, name: string): number => db.pragma(name, { simple: true }) as number;

const userTables = (db: Database.Database): string[] =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((row) => row.name);

/**
 * Checks that a file is ours or empty, without writing to it. Returns the
 * problem, or `undefined` when the file may be set up.
 */
export const inspectFile = (db: Database.Database, file: string): SqliteStoreOpenFailed | undefined => {
  const applicationId = pragmaNumber(db, 'application_id');
  const schemaVersion = pragmaNumber(db, 'user_version');
  if (applicationId === SQLITE_APPLICATION_ID) {
    if (schemaVersion > SQLITE_SCHEMA_VERSION)
      return sqliteStoreOpenFailed(
        file,
        'NewerSchemaVersion',
        `the file has event store schema version ${schemaVersion}; this release knows versions up to ${SQLITE_SCHEMA_VERSION}`,
      );
    return undefined;
  }
  if (applicationId !== 0)
    return sqliteStoreOpenFailed(
      file,
      'NotAnEventStore',
      `the file's application id is ${applicationId} (0x${(applicationId >>> 0).toString(16)}), not the event store's 0x${SQLITE_APPLICATION_ID.toString(16)}`,
    );
  const tables = userTables(db);
  if (tables.length > 0 || schemaVersion !== 0)
    return sqliteStoreOpenFailed(
      file,
      'NotAnEventStore',
      `the file is a SQLite database of something else (tables: ${tables.join(', ') || 'none'}; user_version ${schemaVersion})`,
    );
  return undefined;
};

/**
 * Brings the file to {@link SQLITE_SCHEMA_VERSION} inside one `BEGIN IMMEDIATE`
 * transaction, re-checking under the write lock (another process may have
 * initialised it meanwhile).
 */
export const migrate = (db: Database.Database, file: string): SqliteStoreOpenFailed | undefined => {
  db.prepare('BEGIN IMMEDIATE').run();
  try {
    const problem = inspectFile(db, file);
    if (problem) {
      db.prepare('ROLLBACK').run();
      return problem;
    }
    const from = pragmaNumber(db, 'application_id') === SQLITE_APPLICATION_ID ? pragmaNumber(db, 'user_version') : 0;
    if (from === SQLITE_SCHEMA_VERSION) {
      db.prepare('COMMIT').run();
      return undefined;
    }
    for (const migration of migrations.slice(from)) migration(db);
    db.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
    db.prepare('COMMIT').run();
    return undefined;
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw error;
  }
};
