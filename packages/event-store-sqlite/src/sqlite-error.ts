/**
 * Recognising better-sqlite3's errors: storage failures become typed values,
 * anything else thrown is a bug and is rethrown.
 *
 * @module
 */
import Database from 'better-sqlite3';

/** An error raised by SQLite itself (`code` is e.g. `SQLITE_BUSY`, `SQLITE_IOERR_FSYNC`). */
export type SqliteError = InstanceType<typeof Database.SqliteError>;

/**
 * Whether an error came from SQLite (rather than from a bug in our code).
 * Checked by shape as well as by class: better-sqlite3's native addon keeps
 * the `SqliteError` class of the first copy of the library loaded in the
 * process, so under module registries that load it twice (jest workers)
 * `instanceof` alone misses.
 */
export const isSqliteError = (error: unknown): error is SqliteError =>
  error instanceof Database.SqliteError ||
  (typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'SqliteError' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string');

/** `CODE: message`, for error values. */
export const describeSqliteError = (error: SqliteError): string => `${error.code}: ${error.message}`;
