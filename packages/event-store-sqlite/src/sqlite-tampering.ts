/**
 * Test support: edits an event store file behind the store's back with plain
 * SQL, as an attacker with write access to the file would. Used by the
 * contract suite's tamper-evidence tests; never needed in production.
 *
 * Each operation opens its own connection, edits inside one `BEGIN IMMEDIATE`
 * transaction and closes, so an open store sees the edit on its next read.
 *
 * Limits: for tests only; the edits keep the SQL constraints satisfied (they
 * shift positions and versions as a careful forger would), which is exactly
 * what the hash chain must still detect.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, canonicalJson, chainHash, type EventMetadata } from '@itsm/event-store';
import Database from 'better-sqlite3';
import { EVENT_COLUMNS, type EventRow } from './sqlite-append.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-event-store.js';

/** The tampering operations of the event store contract suite, on a SQLite file. */
export interface SqliteTampering {
  /** Changes one character of the stored data of the event at a global position (keeping it valid JSON). */
  readonly flipByte: (position: number) => Promise<void>;
  /** Removes the event at a global position. */
  readonly deleteEvent: (position: number) => Promise<void>;
  /** Swaps the stored contents (all but the global position) of two events. */
  readonly swapEvents: (a: number, b: number) => Promise<void>;
  /** Inserts a forged copy of an event right after it in its stream, shifting later versions and positions by one. */
  readonly insertEvent: (afterPosition: number) => Promise<void>;
  /** Replaces the data of the event at a position and recomputes its stream's hash chain from there, as a forger who knows the algorithm would. */
  readonly rewriteEvent: (position: number, data: unknown) => Promise<void>;
}

const editing = (file: string, edit: (db: Database.Database) => void): Promise<void> => {
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.transaction(edit).immediate(db);
  } finally {
    db.close();
  }
  return Promise.resolve();
};

const rowAt = (db: Database.Database, position: number): EventRow => {
  const row = db
    .prepare<[number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE global_position = ?`)
    .get(position);
  if (!row) throw new Error(`no event at position ${position}`);
  return row;
};

const insertRow = (db: Database.Database, row: EventRow) =>
  db
    .prepare(
      `INSERT INTO events (${EVENT_COLUMNS}) VALUES (@global_position, @event_id, @stream_id, @stream_version, @type, @schema_version, @data, @metadata, @hash)`,
    )
    .run(row);

/** A different character of the same class, so the edit stays one character long. */
const flipped = (character: string): string => {
  if (/[0-8]/.test(character)) return String(Number(character) + 1);
  if (character === '9') return '8';
  if (/[a-y]/i.test(character)) return String.fromCharCode(character.charCodeAt(0) + 1);
  return character === 'z' ? 'y' : 'Y';
};

/** The data text with one character changed such that it is still JSON and means something else. */
const flipOneCharacter = (data: string): string | undefined => {
  // Prefer characters inside values (from the end), then anywhere.
  for (let index = data.length - 1; index >= 0; index--) {
    const character = data[index]!;
    if (!/[0-9A-Za-z]/.test(character)) continue;
    const candidate = data.slice(0, index) + flipped(character) + data.slice(index + 1);
    try {
      JSON.parse(candidate);
      return candidate;
    } catch {
      // Not JSON any more (e.g. inside `true`): try another character.
    }
  }
  return undefined;
};

/** Opens tampering operations on an event store file (test support only). */
export const sqliteTampering = (file: string): SqliteTampering => ({
  flipByte: (position) =>
    editing(file, (db) => {
      const row = rowAt(db, position);
      const data = flipOneCharacter(row.data);
      if (data === undefined) throw new Error(`the data of position ${position} has no character to flip: ${row.data}`);
      db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(data, position);
    }),

  deleteEvent: (position) =>
    editing(file, (db) => {
      const deleted = db.prepare('DELETE FROM events WHERE global_position = ?').run(position);
      if (deleted.changes !== 1) throw new Error(`no event at position ${position}`);
    }),

  swapEvents: (a, b) =>
    editing(file, (db) => {
      const first = rowAt(db, a);
      const second = rowAt(db, b);
      db.prepare('DELETE FROM events WHERE global_position IN (?, ?)').run(a, b);
      insertRow(db, { ...second, global_position: a });
      insertRow(db, { ...first, global_position: b });
    }),

  insertEvent: (afterPosition) =>
    editing(file, (db) => {
      const original = rowAt(db, afterPosition);
      // Two steps through negative values, so no intermediate row collides with a unique key.
      db.prepare('UPDATE events SET global_position = -(global_position + 1) WHERE global_position > ?').run(
        afterPosition,
      );
      db.prepare('UPDATE events SET global_position = -global_position WHERE global_position < 0').run();
      // Versions must stay ≥ 1 (a CHECK), so they take the detour through a large offset instead.
      db.prepare(
        'UPDATE events SET stream_version = stream_version + 1000000000 WHERE stream_id = ? AND stream_version > ?',
      ).run(original.stream_id, original.stream_version);
      db.prepare(
        'UPDATE events SET stream_version = stream_version - 999999999 WHERE stream_id = ? AND stream_version > 1000000000',
      ).run(original.stream_id);
      insertRow(db, {
        ...original,
        global_position: afterPosition + 1,
        event_id: randomUUID(),
        stream_version: original.stream_version + 1,
      });
    }),

  rewriteEvent: (position, data) =>
    editing(file, (db) => {
      const target = rowAt(db, position);
      db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(canonicalJson(data), position);
      const previous = db
        .prepare<[string, number], { hash: string }>(
          'SELECT hash FROM events WHERE stream_id = ? AND stream_version = ?',
        )
        .get(target.stream_id, target.stream_version - 1);
      let previousHash = previous?.hash ?? GENESIS_HASH;
      const rows = db
        .prepare<[string, number], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version`,
        )
        .all(target.stream_id, target.stream_version);
      const rehash = db.prepare('UPDATE events SET hash = ? WHERE global_position = ?');
      for (const row of rows) {
        previousHash = chainHash(previousHash, {
          streamId: row.stream_id,
          streamVersion: row.stream_version,
          eventId: row.event_id,
          type: row.type,
          schemaVersion: row.schema_version,
          data: JSON.parse(row.data) as unknown,
          metadata: JSON.parse(row.metadata) as EventMetadata,
        });
        rehash.run(previousHash, row.global_position);
      }
    }),
});
