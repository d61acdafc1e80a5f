/**
 * The in-memory event store: the reference implementation of the port, for
 * tests and for trying the library without a file. Same checks, same
 * idempotency rule, same hash chain as the durable adapters; nothing survives
 * the process. Appends are serialised by the event loop.
 *
 * @module
 */
import { left, right } from 'fp-ts/lib/Either.js';
import { prepareAppend, replayVerdict, sealEvent, type StoredEventIdentity } from '../append-preparation.js';
import { EventStoreFailure, streamVersionConflict } from '../errors.js';
import type { EventStore, EventStoreSettings } from '../event-store.js';
import { logSubscription } from '../log-subscription.js';
import { satisfiesExpectedVersion } from '../expected-version.js';
import { GENESIS_HASH } from '../hash-chain.js';
import { canonicalJson } from '../canonical-json.js';
import { decodeStoredEvent, type StoredEvent } from '../stored-event-decoding.js';
import { parseStreamId } from '../stream-id.js';

interface StoredRow extends StoredEvent {
  readonly dataJson: string;
}

/** A fresh copy of a row without its storage fields, so that callers cannot change what is stored. */
const storedEventOf = ({ dataJson, ...row }: StoredRow): StoredEvent => ({
  ...row,
  data: JSON.parse(dataJson) as unknown,
  metadata: { ...row.metadata },
});

/** How many events each read batch yields before giving the event loop a turn. */
const BATCH_SIZE = 500;

/** An in-memory store with direct access to its rows, for tamper-evidence tests. */
export interface InMemoryEventStore extends EventStore {
  /** The stored rows in log order. */
  readonly storedEvents: () => readonly StoredEvent[];
  /**
   * Edits the stored rows behind the store's back (as an attacker with write
   * access to the storage would), then re-indexes. For tests only.
   */
  readonly tamper: (edit: (rows: StoredEvent[]) => void) => void;
  /** Another store over the same log with other settings (e.g. another schema registry). */
  readonly reopen: (settings: EventStoreSettings) => InMemoryEventStore;
}

/** The storage shared by every store opened over one in-memory log. */
interface InMemoryLog {
  rows: StoredRow[];
  readonly streams: Map<string, StoredRow[]>;
  readonly byEventId: Map<string, StoredRow>;
  readonly listeners: Set<() => void>;
}

/** Creates an empty in-memory event store. */
export const createInMemoryEventStore = (settings: EventStoreSettings): InMemoryEventStore =>
  openInMemoryLog(settings, { rows: [], streams: new Map(), byEventId: new Map(), listeners: new Set() });

const openInMemoryLog = (settings: EventStoreSettings, log: InMemoryLog): InMemoryEventStore => {
  const { streams, byEventId, listeners } = log;
  const reindex = () => {
    streams.clear();
    byEventId.clear();
    for (const row of log.rows) {
      const stream = streams.get(row.streamId) ?? [];
      stream.push(row);
      streams.set(row.streamId, stream);
      byEventId.set(row.eventId, row);
    }
  };

  const identity = (row: StoredRow): StoredEventIdentity => ({
    streamId: row.streamId,
    streamVersion: row.streamVersion,
    type: row.type,
    dataJson: row.dataJson,
    metadata: row.metadata,
  });

  const store: InMemoryEventStore = {
    storedEvents: () => log.rows,
    tamper: (edit) => {
      const edited: StoredEvent[] = log.rows.slice();
      edit(edited);
      log.rows = edited.map((row) => ({ ...row, dataJson: canonicalJson(row.data) }));
      reindex();
    },
    reopen: (other) => openInMemoryLog(other, log),
    appendToStream: async (streamId, events, expected) => {
      const prepared = prepareAppend(streamId, events, settings);
      if (prepared._tag === 'Left') return prepared;
      const append = prepared.right;
      const stored = new Map<string, StoredEventIdentity>();
      for (const event of append.events) {
        const row = byEventId.get(event.eventId);
        if (row) stored.set(event.eventId, identity(row));
      }
      const verdict = replayVerdict(append, expected, stored);
      if (verdict._tag === 'Conflict') return left(verdict.error);
      const stream = streams.get(append.streamId) ?? [];
      if (verdict._tag === 'AlreadyAppended') {
        const repeated = stream.filter(
          (row) =>
            row.streamVersion >= verdict.firstVersion &&
            row.streamVersion < verdict.firstVersion + append.events.length,
        );
        const last = repeated[repeated.length - 1];
        return right({
          nextExpectedVersion: last?.streamVersion ?? stream.length,
          lastPosition: last?.globalPosition ?? 0,
          alreadyAppended: true,
          events: repeated.map((row) => decodeStoredEvent(settings.schemas, storedEventOf(row))),
        });
      }
      const version = stream[stream.length - 1]?.streamVersion ?? 0;
      if (!satisfiesExpectedVersion(expected, version))
        return left(streamVersionConflict(append.streamId, expected, version));
      const recordedAt = settings.now().toISOString();
      const head = log.rows[log.rows.length - 1]?.globalPosition ?? 0;
      let previousHash = stream[stream.length - 1]?.hash ?? GENESIS_HASH;
      const added: StoredRow[] = append.events.map((event, index) => {
        const streamVersion = version + index + 1;
        const sealed = sealEvent(append.streamId, streamVersion, event, recordedAt, previousHash);
        previousHash = sealed.hash;
        return {
          eventId: event.eventId,
          streamId: append.streamId,
          streamVersion,
          globalPosition: head + index + 1,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: JSON.parse(event.dataJson) as unknown,
          dataJson: event.dataJson,
          metadata: sealed.metadata,
          hash: sealed.hash,
        };
      });
      for (const row of added) {
        log.rows.push(row);
        stream.push(row);
        byEventId.set(row.eventId, row);
      }
      streams.set(append.streamId, stream);
      for (const notify of listeners) notify();
      const last = added[added.length - 1];
      return right({
        nextExpectedVersion: last?.streamVersion ?? version,
        lastPosition: last?.globalPosition ?? head,
        alreadyAppended: false,
        events: added.map((row) => decodeStoredEvent(settings.schemas, storedEventOf(row))),
      });
    },

    readStream: (streamId, fromVersion = 1) => ({
      async *[Symbol.asyncIterator]() {
        const parsed = parseStreamId(streamId);
        if (parsed._tag === 'Left') throw new EventStoreFailure(parsed.left);
        const stream = (streams.get(streamId) ?? []).slice();
        let i = 0;
        for (const row of stream) {
          if (row.streamVersion < fromVersion) continue;
          yield decodeStoredEvent(settings.schemas, storedEventOf(row));
          if (++i % BATCH_SIZE === 0) await Promise.resolve();
        }
      },
    }),

    readAll: (afterPosition = 0) => ({
      async *[Symbol.asyncIterator]() {
        let i = 0;
        for (const row of log.rows.slice()) {
          if (row.globalPosition <= afterPosition) continue;
          yield decodeStoredEvent(settings.schemas, storedEventOf(row));
          if (++i % BATCH_SIZE === 0) await Promise.resolve();
        }
      },
    }),

    headPosition: async () => right(log.rows[log.rows.length - 1]?.globalPosition ?? 0),

    subscribeToAll: (afterPosition) =>
      logSubscription(
        {
          readAll: (after) => store.readAll(after),
          appendListeners: listeners,
          pollMilliseconds: undefined,
          isClosed: () => false,
        },
        afterPosition,
      ),

    close: async () => undefined,
  };

  return store;
};
