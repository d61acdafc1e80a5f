/**
 * Recognising better-sqlite3's errors: storage failures become typed values,
 * anything else thrown is a bug and is rethrown.
 *
 * @module
 */
import Database from 'better-sqlite3';

/** An error raised by SQLite itself (`code` is e.g. `SQLITE_BUSY`, `SQLITE_IOERR_FSYNC`). */
export type SqliteError = InstanceType<typeof Database.SqliteError>;

/** Whether an error came from SQLite (rather than from a bug in our code). */
export const isSqliteError = (error: unknown): error is SqliteError => error instanceof Database.SqliteError;

/** `CODE: message`, for error values. */
export const describeSqliteError = (error: SqliteError): string => `${error.code}: ${error.message}`;
