/**
 * `@itsm/event-store`: the generic event-sourcing kernel. Deciders, the
 * event store port and its failures as values, stream ids, expected
 * versions, the command handler, upcasting, the hash chain and its
 * verification, and an in-memory store. No ITSM words live here.
 *
 * @packageDocumentation
 */
export { foldEvents } from './decider.js';
export type { Decider, DomainEvent } from './decider.js';

export { MAX_STREAM_ID_LENGTH, parseStreamId, streamIdOf, streamIdParts } from './stream-id.js';
export type { StreamId, StreamIdParts } from './stream-id.js';

export { ExpectedVersion, formatExpectedVersion, satisfiesExpectedVersion } from './expected-version.js';
export type { AnyVersion, ExactVersion, NoStream, StreamExists } from './expected-version.js';

export {
  EventStoreFailure,
  describeEventStoreError,
  eventStoreUnavailable,
  invalidStreamId,
  isEventStoreError,
  streamVersionConflict,
} from './errors.js';
export type {
  AppendError,
  EventDecodeFailed,
  EventIdConflict,
  EventStoreError,
  EventStoreUnavailable,
  InvalidEvent,
  InvalidStreamId,
  PayloadTooLarge,
  ReadError,
  StreamVersionConflict,
} from './errors.js';

export type { AsStored, EventMetadata, EventMetadataInput, NewEvent, RecordedEvent } from './events.js';

export { DEFAULT_MAX_PAYLOAD_BYTES, defaultEventStoreSettings } from './event-store.js';
export type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventStoreSettings,
  SubscriptionMessage,
} from './event-store.js';

export { createEventSchemaRegistry, mergeEventSchemas, permissiveEventSchemas } from './event-schemas.js';
export type { DecodedData, EventDataValidator, EventSchema, EventSchemaRegistry, Upcaster } from './event-schemas.js';

export { canonicalJson } from './canonical-json.js';
export {
  ChainVerifier,
  GENESIS_HASH,
  canonicalEventJson,
  chainHash,
  chainHashOfCanonical,
  createAnchor,
} from './hash-chain.js';
export type {
  Anchor,
  ChainBreak,
  ChainBreakReason,
  ChainVerification,
  ChainedEventContent,
  StreamHead,
} from './hash-chain.js';

export {
  isIsoInstant,
  isVersionConflict,
  prepareAppend,
  recordedEventOf,
  replayVerdict,
  sealEvent,
} from './append-preparation.js';
export type { PreparedAppend, PreparedEvent, ReplayVerdict, StoredEventIdentity } from './append-preparation.js';

export { decodeStoredEvent } from './stored-event-decoding.js';
export type { StoredEvent } from './stored-event-decoding.js';

export { aggregateStream, catchReadFailure, readStreamEvents } from './read-helpers.js';
export type { AggregateState } from './read-helpers.js';

export { deterministicEventId, handleCommand, retryOnConflict } from './handle-command.js';
export type { CommandHandled } from './handle-command.js';

export { anchorStore, verifyAll, verifyStream } from './store-verification.js';

export { logSubscription } from './log-subscription.js';
export type { LogSubscriptionSource } from './log-subscription.js';

export { createInMemoryEventStore } from './in-memory/in-memory-event-store.js';
export type { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
