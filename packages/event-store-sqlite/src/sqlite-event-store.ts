/**
 * The SQLite event store: the embedded default adapter of the event store
 * port, on better-sqlite3.
 *
 * - One file, WAL journal, `synchronous=FULL` unless
 *   {@link SqliteDurability.normalSynchronous} is named; a lock held by
 *   another connection is waited for up to `LOCK_WAIT_TIMEOUT_MS` (see
 *   `sqlite-lock-wait`).
 * - The global position is an `INTEGER PRIMARY KEY AUTOINCREMENT`; (stream,
 *   version) and the event id are unique. Every write is a `BEGIN IMMEDIATE`
 *   transaction, so positions are assigned and committed in one order and
 *   `readAll` never sees a gap that fills later.
 * - Appends are validated and serialised by the kernel (`prepareAppend`)
 *   before any I/O, then run on prepared statements; the idempotency verdict,
 *   the expected-version check and the previous hash of the chain are read
 *   under the write lock. Concurrent appends are group-committed (see
 *   `group-commit`).
 * - Reads fetch {@link READ_BATCH_SIZE} rows per query by keyset (position or
 *   version), so memory stays flat and no read transaction is held between
 *   batches.
 * - Several processes may open the same file: SQLite's locking serialises
 *   writers, and a writer finding the lock taken waits instead of failing.
 *
 * Limits: appends are serialised by SQLite (one writer at a time per file,
 * across processes); a waiting writer blocks its event loop while it waits
 * (up to the lock-wait timeout), since better-sqlite3 is synchronous; WAL needs shared memory,
 * so every process must run on the same host (no network file systems);
 * `subscribeToAll` sees other processes' appends by polling every
 * {@link SUBSCRIPTION_POLL_MS} ms.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  EventStoreFailure,
  decodeStoredEvent,
  logSubscription,
  eventStoreUnavailable,
  parseStreamId,
  prepareAppend,
  type AllSubscription,
  type EventMetadata,
  type EventStore,
  type EventStoreSettings,
  type RecordedEvent,
} from '@itsm/event-store';
import Database from 'better-sqlite3';
import { createAppendCommitter, type SqliteCommitCounts } from './group-commit.js';
import { EVENT_COLUMNS, prepareAppendStatements, type EventRow } from './sqlite-append.js';
import { isSqliteError } from './sqlite-error.js';
import { LOCK_WAIT_TIMEOUT_MS, waitingForLocks } from './sqlite-lock-wait.js';
import { SqliteCommitMode, SqliteDurability, synchronousPragmaOf } from './sqlite-durability.js';
import { inspectFile, migrate, sqliteStoreOpenFailed, type SqliteStoreOpenFailed } from './sqlite-schema.js';

/** SQLite's own busy timeout while the file is opened and migrated, in milliseconds (afterwards the store polls; see `LOCK_WAIT_TIMEOUT_MS`). */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** How many rows each read query fetches. */
export const READ_BATCH_SIZE = 500;

/** How often a subscription looks for events appended by other processes, in milliseconds. */
export const SUBSCRIPTION_POLL_MS = 100;

/** The SQLite event store: the event store port plus what it was opened with. */
export interface SqliteEventStore extends EventStore {
  /** The database file. */
  readonly file: string;
  /** The durability its commits have. */
  readonly durability: SqliteDurability;
  /** How its appends are grouped into transactions. */
  readonly commitMode: SqliteCommitMode;
  /** Pushes every event after `afterPosition`, then new ones (this process's at once, others' by polling). */
  readonly subscribeToAll: (afterPosition: number) => AllSubscription;
  /** The settings SQLite reports for this connection (read back from its pragmas, for operations and tests). */
  readonly connectionSettings: () => SqliteConnectionSettings;
  /** How many write transactions this store committed and how many appends they carried. */
  readonly commitCounts: () => SqliteCommitCounts;
}

/** The settings in effect on a store's connection, as SQLite reports them. */
export interface SqliteConnectionSettings {
  /** `PRAGMA journal_mode`: always `wal`. */
  readonly journalMode: string;
  /** `PRAGMA synchronous`: `FULL` by default, `NORMAL` when named. */
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  /** `PRAGMA busy_timeout` in milliseconds: 0 once open, since the store waits for locks itself (see `sqlite-lock-wait`). */
  readonly busyTimeoutMs: number;
  /** How long the store waits for a lock held by another connection before reporting the store unavailable, in milliseconds. */
  readonly lockWaitTimeoutMs: number;
  /** `PRAGMA user_version`: the schema version of the file. */
  readonly schemaVersion: number;
}

const openFailure = (file: string, error: unknown, setup: boolean): SqliteStoreOpenFailed => {
  const message = error instanceof Error || isSqliteError(error) ? error.message : String(error);
  if (isSqliteError(error) && error.code === 'SQLITE_NOTADB')
    return sqliteStoreOpenFailed(file, 'NotADatabase', `the file is not a SQLite database (${message})`);
  return sqliteStoreOpenFailed(
    file,
    setup ? 'SetupFailed' : 'CannotOpen',
    isSqliteError(error) ? `${error.code}: ${message}` : message,
  );
};

/**
 * Opens (creating if needed) a SQLite event store file. Refuses, without
 * modifying it, a file that is not an event store of ours or has a newer
 * schema version; migrates an older one.
 */
export const openSqliteEventStore = (
  file: string,
  settings: EventStoreSettings,
  durability: SqliteDurability = SqliteDurability.fullSynchronous,
  commitMode: SqliteCommitMode = SqliteCommitMode.groupCommit,
): Either<SqliteStoreOpenFailed, SqliteEventStore> => {
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (error) {
    return left(openFailure(file, error, false));
  }
  const fail = (problem: SqliteStoreOpenFailed) => {
    db.close();
    return left(problem);
  };
  try {
    // One read transaction, so the checks see one snapshot even while another process initialises the file.
    const problem = db.transaction(() => inspectFile(db, file)).deferred();
    if (problem) return fail(problem);
  } catch (error) {
    return fail(openFailure(file, error, false));
  }
  try {
    // SQLite answers this PRAGMA busy at once, without its busy handler, while another connection opens the same
    // new file (seen: 57 of 600 processes opening a new file four at a time failed): retry it like a lock wait.
    const journal = waitingForLocks(
      () => db.pragma('journal_mode = WAL', { simple: true }) as string,
      SQLITE_BUSY_TIMEOUT_MS,
    );
    if (journal.toLowerCase() !== 'wal')
      return fail(
        sqliteStoreOpenFailed(file, 'SetupFailed', `the file cannot use the WAL journal (journal mode is ${journal})`),
      );
    db.pragma(`synchronous = ${synchronousPragmaOf(durability)}`);
    const problem = migrate(db, file);
    if (problem) return fail(problem);
  } catch (error) {
    return fail(openFailure(file, error, true));
  }
  return right(sqliteEventStoreOn(db, file, settings, durability, commitMode));
};

const sqliteEventStoreOn = (
  db: Database.Database,
  file: string,
  settings: EventStoreSettings,
  durability: SqliteDurability,
  commitMode: SqliteCommitMode,
): SqliteEventStore => {
  // From here on the store polls for locks itself (fairer between processes than SQLite's back-off).
  db.pragma('busy_timeout = 0');
  const appendStatements = prepareAppendStatements(db);
  const readAllBatch = db.prepare<[number, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
  );
  const readStreamBatch = db.prepare<[string, number, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`,
  );
  const head = db.prepare<[], { head: number }>('SELECT COALESCE(MAX(global_position), 0) AS head FROM events');

  const listeners = new Set<() => void>();
  const committer = createAppendCommitter(db, appendStatements, settings, commitMode, () => {
    for (const notify of listeners) notify();
  });
  let closed = false;

  const unavailable = (reason: string) => eventStoreUnavailable(reason, false);

  /** Runs a read query, raising storage failures as the port's typed read failure. */
  const query = <A>(run: () => A): A => {
    if (closed) throw new EventStoreFailure(unavailable(`the event store ${file} is closed`));
    try {
      return waitingForLocks(run);
    } catch (error) {
      if (isSqliteError(error))
        throw new EventStoreFailure(unavailable(`reading ${file} failed: ${error.code}: ${error.message}`));
      throw error;
    }
  };

  const decodeRow = (row: EventRow): RecordedEvent => {
    let data: unknown;
    let metadata: EventMetadata;
    try {
      data = JSON.parse(row.data);
      metadata = JSON.parse(row.metadata) as EventMetadata;
    } catch (error) {
      // Stored text that is not JSON can only come from outside the store: report it like any unreadable event.
      throw new EventStoreFailure({
        _tag: 'EventDecodeFailed',
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        globalPosition: row.global_position,
        type: row.type,
        schemaVersion: row.schema_version,
        reason: `stored data or metadata is not JSON: ${(error as Error).message}`,
      });
    }
    return decodeStoredEvent(settings.schemas, {
      eventId: row.event_id,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      globalPosition: row.global_position,
      type: row.type,
      schemaVersion: row.schema_version,
      data,
      metadata,
      hash: row.hash,
    });
  };

  /**
   * A keyset-batched read as a hand-written async iterator: one query per
   * {@link READ_BATCH_SIZE} rows, each row decoded as it is taken. (An async
   * generator costs several promise turns per event; this costs one.)
   */
  const batchedRead = (
    firstKey: () => number,
    fetch: (key: number) => EventRow[],
    nextKey: (last: EventRow) => number,
  ): AsyncIterable<RecordedEvent> => ({
    [Symbol.asyncIterator]: () => {
      let rows: readonly EventRow[] = [];
      let index = 0;
      let key: number | undefined;
      let exhausted = false;
      const take = (): IteratorResult<RecordedEvent, undefined> => {
        for (;;) {
          const row = rows[index];
          if (row) {
            index++;
            return { value: decodeRow(row), done: false };
          }
          if (exhausted) return { value: undefined, done: true };
          const from = key ?? firstKey();
          rows = query(() => fetch(from));
          index = 0;
          exhausted = rows.length < READ_BATCH_SIZE;
          const last = rows[rows.length - 1];
          if (last) key = nextKey(last);
        }
      };
      return {
        next: async () => {
          try {
            return take();
          } catch (error) {
            // As with a generator, a failed read is over.
            rows = [];
            exhausted = true;
            throw error;
          }
        },
      };
    },
  });

  const store: SqliteEventStore = {
    file,
    durability,
    commitMode,

    appendToStream: (streamId, events, expected) => {
      const prepared = prepareAppend(streamId, events, settings);
      if (prepared._tag === 'Left') return Promise.resolve(prepared);
      if (closed) return Promise.resolve(left(unavailable(`the event store ${file} is closed`)));
      return committer.submit(prepared.right, expected);
    },

    readStream: (streamId, fromVersion = 1) =>
      batchedRead(
        () => {
          const parsed = parseStreamId(streamId);
          if (parsed._tag === 'Left') throw new EventStoreFailure(parsed.left);
          return fromVersion;
        },
        (version) => readStreamBatch.all(streamId, version, READ_BATCH_SIZE),
        (last) => last.stream_version + 1,
      ),

    readAll: (afterPosition = 0) =>
      batchedRead(
        () => afterPosition,
        (after) => readAllBatch.all(after, READ_BATCH_SIZE),
        (last) => last.global_position,
      ),

    headPosition: async () => {
      if (closed) return left(unavailable(`the event store ${file} is closed`));
      try {
        return right(waitingForLocks(() => head.get())?.head ?? 0);
      } catch (error) {
        if (isSqliteError(error)) return left(unavailable(`reading ${file} failed: ${error.code}: ${error.message}`));
        throw error;
      }
    },

    subscribeToAll: (afterPosition) =>
      logSubscription(
        {
          readAll: (after) => store.readAll(after),
          appendListeners: listeners,
          pollMilliseconds: SUBSCRIPTION_POLL_MS,
          isClosed: () => closed,
        },
        afterPosition,
      ),

    connectionSettings: () => {
      const synchronousLevels = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;
      return {
        journalMode: db.pragma('journal_mode', { simple: true }) as string,
        synchronous: synchronousLevels[db.pragma('synchronous', { simple: true }) as number] ?? 'OFF',
        busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
        lockWaitTimeoutMs: LOCK_WAIT_TIMEOUT_MS,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
      };
    },

    commitCounts: () => committer.counts(),

    close: async () => {
      if (closed) return;
      closed = true;
      // Queued appends were accepted before the close: commit and answer them first.
      await committer.drain();
      for (const notify of listeners) notify();
      listeners.clear();
      db.close();
    },
  };

  return store;
};
