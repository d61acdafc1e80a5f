/**
 * The failures of the event store that callers must handle, as tagged values.
 *
 * Appends return them in an `Either`; reads (async iterables) raise them
 * wrapped in an {@link EventStoreFailure} so that `for await` loops stay
 * plain, and the Either-returning helpers (`readStreamEvents`,
 * `handleCommand`) turn them back into values.
 *
 * @module
 */
import { formatExpectedVersion, type ExpectedVersion } from './expected-version.js';

/** The stream is not at the version the append expected; nothing was written. */
export interface StreamVersionConflict {
  readonly _tag: 'StreamVersionConflict';
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  /** The stream's current version (0 when it has no events). */
  readonly actual: number;
}
/** The stream id is outside the grammar; refused before any I/O. */
export interface InvalidStreamId {
  readonly _tag: 'InvalidStreamId';
  readonly streamId: string;
  readonly reason: string;
}
/** An event's serialised data and metadata exceed the store's cap; nothing was written. */
export interface PayloadTooLarge {
  readonly _tag: 'PayloadTooLarge';
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly bytes: number;
  readonly limit: number;
}
/** An event to append is malformed (bad id, unknown type, data that is not JSON…); nothing was written. */
export interface InvalidEvent {
  readonly _tag: 'InvalidEvent';
  readonly streamId: string;
  /** The index of the offending event in the append. */
  readonly index: number;
  readonly reason: string;
}
/**
 * An event id of the append is already stored with other content, in another
 * stream, or at another place in this stream; nothing was written.
 */
export interface EventIdConflict {
  readonly _tag: 'EventIdConflict';
  readonly streamId: string;
  readonly eventId: string;
  readonly reason: string;
}
/** A stored event could not be read as a known type and schema version. */
export interface EventDecodeFailed {
  readonly _tag: 'EventDecodeFailed';
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly reason: string;
}
/**
 * The store could not be reached or did not answer. `outcomeUnknown` is true
 * when an append may or may not have been written: retry it with the same
 * event ids and expected version, and it is written at most once.
 */
export interface EventStoreUnavailable {
  readonly _tag: 'EventStoreUnavailable';
  readonly reason: string;
  readonly outcomeUnknown: boolean;
}

/** Every way an append can be refused or fail. */
export type AppendError =
  StreamVersionConflict | InvalidStreamId | PayloadTooLarge | InvalidEvent | EventIdConflict | EventStoreUnavailable;

/** Every way a read can fail. */
export type ReadError = InvalidStreamId | EventDecodeFailed | EventStoreUnavailable;

/** Any failure of the event store. */
export type EventStoreError = AppendError | ReadError;

const eventStoreErrorTags: ReadonlySet<string> = new Set([
  'StreamVersionConflict',
  'InvalidStreamId',
  'PayloadTooLarge',
  'InvalidEvent',
  'EventIdConflict',
  'EventDecodeFailed',
  'EventStoreUnavailable',
]);

/**
 * Whether a failure is the store's rather than the domain's: tells the two
 * apart in `handleCommand`'s result, whose error is their union.
 */
export const isEventStoreError = (error: { readonly _tag: string }): error is EventStoreError =>
  eventStoreErrorTags.has(error._tag);

/** Builds a {@link StreamVersionConflict}. */
export const streamVersionConflict = (
  streamId: string,
  expected: ExpectedVersion,
  actual: number,
): StreamVersionConflict => ({ _tag: 'StreamVersionConflict', streamId, expected, actual });
/** Builds an {@link InvalidStreamId}. */
export const invalidStreamId = (streamId: string, reason: string): InvalidStreamId => ({
  _tag: 'InvalidStreamId',
  streamId,
  reason,
});
/** Builds an {@link EventStoreUnavailable}. */
export const eventStoreUnavailable = (reason: string, outcomeUnknown: boolean): EventStoreUnavailable => ({
  _tag: 'EventStoreUnavailable',
  reason,
  outcomeUnknown,
});

/** One line that says what went wrong, naming the stream, position, type or limit involved. */
export const describeEventStoreError = (error: EventStoreError): string => {
  switch (error._tag) {
    case 'StreamVersionConflict':
      return `stream ${error.streamId}: expected version ${formatExpectedVersion(error.expected)}, but it is at ${error.actual}`;
    case 'InvalidStreamId':
      return `invalid stream id ${JSON.stringify(error.streamId)}: ${error.reason}`;
    case 'PayloadTooLarge':
      return `stream ${error.streamId}: event ${error.eventId} (${error.type}) is ${error.bytes} bytes, the limit is ${error.limit}`;
    case 'InvalidEvent':
      return `stream ${error.streamId}: event #${error.index} is invalid: ${error.reason}`;
    case 'EventIdConflict':
      return `stream ${error.streamId}: event id ${error.eventId} ${error.reason}`;
    case 'EventDecodeFailed':
      return `stream ${error.streamId} version ${error.streamVersion} (position ${error.globalPosition}): cannot read ${error.type} v${error.schemaVersion}: ${error.reason}`;
    case 'EventStoreUnavailable':
      return `event store unavailable${error.outcomeUnknown ? ' (outcome unknown)' : ''}: ${error.reason}`;
  }
};

/**
 * The exception that carries a {@link ReadError} out of an async iterable.
 * Catch it (or use the Either-returning read helpers) to get the value back.
 */
export class EventStoreFailure extends Error {
  /** The typed failure. */
  readonly error: ReadError;

  /** Wraps a read failure; the message is {@link describeEventStoreError}. */
  constructor(error: ReadError) {
    super(describeEventStoreError(error));
    this.name = 'EventStoreFailure';
    this.error = error;
  }
}
