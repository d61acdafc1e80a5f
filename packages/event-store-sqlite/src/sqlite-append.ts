/**
 * One append inside an open write transaction: the idempotency verdict, the
 * expected-version check against the stream's last row and the hash-chain
 * link, all read under the write lock, then one prepared INSERT per event.
 * Validation and serialisation happened before (the kernel's
 * `prepareAppend`), so nothing here refuses input; it only consults storage.
 *
 * Limits: must be called inside `BEGIN IMMEDIATE` (or a SAVEPOINT of one);
 * it neither begins nor commits.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  GENESIS_HASH,
  decodeStoredEvent,
  replayVerdict,
  satisfiesExpectedVersion,
  sealEvent,
  streamVersionConflict,
  type AppendError,
  type AppendResult,
  type EventMetadata,
  type EventStoreSettings,
  type ExpectedVersion,
  type PreparedAppend,
  type RecordedEvent,
  type StoredEvent,
  type StoredEventIdentity,
} from '@itsm/event-store';
import type Database from 'better-sqlite3';

/** A row of the `events` table as selected by the store. */
export interface EventRow {
  readonly global_position: number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
}

/** The columns every read selects, in table order. */
export const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, hash';

/** The prepared statements of the append path (prepared once per connection). */
export interface AppendStatements {
  readonly begin: Database.Statement;
  readonly commit: Database.Statement;
  readonly rollback: Database.Statement;
  readonly savepoint: Database.Statement;
  readonly rollbackToSavepoint: Database.Statement;
  readonly releaseSavepoint: Database.Statement;
  readonly lookupEvent: Database.Statement<
    [string],
    Pick<EventRow, 'stream_id' | 'stream_version' | 'type' | 'data' | 'metadata'>
  >;
  readonly streamHead: Database.Statement<[string], Pick<EventRow, 'stream_version' | 'hash'>>;
  readonly streamRange: Database.Statement<[string, number, number], EventRow>;
  readonly insert: Database.Statement<[string, string, number, string, number, string, string, string]>;
}

/** Prepares the append path's statements on a connection. */
export const prepareAppendStatements = (db: Database.Database): AppendStatements => ({
  begin: db.prepare('BEGIN IMMEDIATE'),
  commit: db.prepare('COMMIT'),
  rollback: db.prepare('ROLLBACK'),
  savepoint: db.prepare('SAVEPOINT itsm_append'),
  rollbackToSavepoint: db.prepare('ROLLBACK TO itsm_append'),
  releaseSavepoint: db.prepare('RELEASE itsm_append'),
  lookupEvent: db.prepare('SELECT stream_id, stream_version, type, data, metadata FROM events WHERE event_id = ?'),
  streamHead: db.prepare(
    'SELECT stream_version, hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
  ),
  streamRange: db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_version BETWEEN ? AND ? ORDER BY stream_version`,
  ),
  insert: db.prepare(
    'INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
});

/** Turns a row into the kernel's stored-event shape (data and metadata parsed). */
export const storedEventOfRow = (row: EventRow): StoredEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  globalPosition: row.global_position,
  type: row.type,
  schemaVersion: row.schema_version,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as EventMetadata,
  hash: row.hash,
});

/**
 * Appends one prepared append inside the caller's transaction. A `Left` means
 * nothing was inserted; a thrown `SqliteError` may leave partial inserts that
 * the caller must roll back.
 */
export const appendInTransaction = (
  statements: AppendStatements,
  settings: EventStoreSettings,
  append: PreparedAppend,
  expected: ExpectedVersion,
): Either<AppendError, AppendResult> => {
  const streamId = append.streamId;
  const stored = new Map<string, StoredEventIdentity>();
  for (const event of append.events) {
    const row = statements.lookupEvent.get(event.eventId);
    if (row)
      stored.set(event.eventId, {
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        type: row.type,
        dataJson: row.data,
        metadata: JSON.parse(row.metadata) as EventMetadata,
      });
  }
  const verdict = replayVerdict(append, expected, stored);
  if (verdict._tag === 'Conflict') return left(verdict.error);
  if (verdict._tag === 'AlreadyAppended') {
    const rows = statements.streamRange.all(
      streamId,
      verdict.firstVersion,
      verdict.firstVersion + append.events.length - 1,
    );
    const events = rows.map((row) => decodeStoredEvent(settings.schemas, storedEventOfRow(row)));
    const last = rows[rows.length - 1];
    return right({
      nextExpectedVersion: last?.stream_version ?? verdict.firstVersion - 1,
      lastPosition: last?.global_position ?? 0,
      alreadyAppended: true,
      events,
    });
  }

  const head = statements.streamHead.get(streamId);
  const version = head?.stream_version ?? 0;
  if (!satisfiesExpectedVersion(expected, version)) return left(streamVersionConflict(streamId, expected, version));

  const recordedAt = settings.now().toISOString();
  let previousHash = head?.hash ?? GENESIS_HASH;
  const events: RecordedEvent[] = [];
  let lastPosition = 0;
  for (const [index, event] of append.events.entries()) {
    const streamVersion = version + index + 1;
    const sealed = sealEvent(streamId, streamVersion, event, recordedAt, previousHash);
    previousHash = sealed.hash;
    const inserted = statements.insert.run(
      event.eventId,
      streamId,
      streamVersion,
      event.type,
      event.schemaVersion,
      event.dataJson,
      sealed.metadataJson,
      sealed.hash,
    );
    lastPosition = Number(inserted.lastInsertRowid);
    events.push(
      decodeStoredEvent(settings.schemas, {
        eventId: event.eventId,
        streamId,
        streamVersion,
        globalPosition: lastPosition,
        type: event.type,
        schemaVersion: event.schemaVersion,
        // A parsed copy: the recorded event never aliases the caller's object, and matches what a read returns.
        data: JSON.parse(event.dataJson) as unknown,
        metadata: sealed.metadata,
        hash: sealed.hash,
      }),
    );
  }
  return right({ nextExpectedVersion: version + append.events.length, lastPosition, alreadyAppended: false, events });
};
