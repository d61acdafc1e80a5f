/**
 * The event store port: what every adapter (in-memory, SQLite, EventStoreDB)
 * implements, and what the command handler, projections and audit tools use.
 *
 * Appends return failures as values. Reads are async iterables that fetch in
 * batches, so memory stays flat whatever the log size; a read failure is
 * raised as an {@link EventStoreFailure} carrying the typed error (use the
 * helpers in `read-helpers` to get an `Either`).
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { AppendError, EventStoreUnavailable } from './errors.js';
import type { EventSchemaRegistry } from './event-schemas.js';
import type { ExpectedVersion } from './expected-version.js';
import type { NewEvent, RecordedEvent } from './events.js';

/** The outcome of a successful append. */
export interface AppendResult {
  /** The stream's version after the append: pass it as `Exact` to the next append. */
  readonly nextExpectedVersion: number;
  /** The global position of the last event of the append. */
  readonly lastPosition: number;
  /** True when every event was already stored by an earlier attempt of this same append. */
  readonly alreadyAppended: boolean;
  /** The events as recorded (versions, positions, hashes, `recordedAt`). */
  readonly events: readonly RecordedEvent[];
}

/** A message of a live subscription to the whole log. */
export type SubscriptionMessage =
  | { readonly _tag: 'Event'; readonly event: RecordedEvent }
  /** Every event up to `position` has been delivered; later ones arrive as they are recorded. */
  | { readonly _tag: 'CaughtUp'; readonly position: number }
  /** The subscription dropped back to catching up (it was too slow, or reconnected). */
  | { readonly _tag: 'FellBehind' };

/** A live subscription: iterate it for messages, `stop` it to end the iteration. */
export interface AllSubscription extends AsyncIterable<SubscriptionMessage> {
  /** Ends the subscription; a pending iteration finishes. */
  readonly stop: () => Promise<void>;
}

/** The event store port. */
export interface EventStore {
  /**
   * Appends events atomically to one stream if its version satisfies
   * `expected`. Idempotent by event id: repeating an append whose events are
   * all stored already (same ids, same content, same place) reports
   * `alreadyAppended` and writes nothing.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<Either<AppendError, AppendResult>>;
  /** Reads one stream from `fromVersion` (default 1) in version order, in batches. */
  readStream(streamId: string, fromVersion?: number): AsyncIterable<RecordedEvent>;
  /**
   * Reads the whole log after `afterPosition` (default 0: from the start) in
   * global position order, in batches. Positions never appear out of order
   * and no gap is filled later.
   */
  readAll(afterPosition?: number): AsyncIterable<RecordedEvent>;
  /** The global position of the last event in the log (0 when empty). */
  headPosition(): Promise<Either<EventStoreUnavailable, number>>;
  /** Pushes every event after `afterPosition`, then new ones as they are recorded (if the adapter can). */
  subscribeToAll?(afterPosition: number): AllSubscription;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}

/** What every store is configured with. */
export interface EventStoreSettings {
  /** The event types the store accepts and how old schema versions are upcast. */
  readonly schemas: EventSchemaRegistry;
  /** The largest serialised data + metadata of one event, in bytes; checked before any I/O. */
  readonly maxPayloadBytes: number;
  /** The store's clock for `recordedAt` (never used by the domain). */
  readonly now: () => Date;
}

/** The default payload cap: 1 MiB per event. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Settings with the defaults: 1 MiB payload cap and the system clock. */
export const defaultEventStoreSettings = (schemas: EventSchemaRegistry): EventStoreSettings => ({
  schemas,
  maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
  now: () => new Date(),
});
