/**
 * How an @itsm event is laid out in EventStoreDB, in one place.
 *
 * - EventStoreDB event id = @itsm event id (so EventStoreDB's own idempotency
 *   recognises a retried append);
 * - event type = @itsm type; content type `application/json`;
 * - data = the event's data as JSON;
 * - custom metadata = JSON {@link EsdbEventMetadata}: the who/when/why (the
 *   correlation and causation ids as `$correlationId`/`$causationId`, the
 *   names EventStoreDB's own projections understand), the store's
 *   `recordedAt`, the schema version and the hash-chain link; nothing the
 *   server already stores (the stream version is the revision + 1);
 * - stream version = revision + 1; global position = commit position.
 *
 * Reading refuses (loudly, with `EventDecodeFailed`) an event whose metadata
 * is not @itsm metadata, whose data is not JSON, or whose position the server
 * did not report (EventStoreDB before 22.10 omits positions on stream reads).
 *
 * @module
 */
import type { AllStreamResolvedEvent, EventData, ResolvedEvent } from '@eventstore/db-client';
import { EventStoreFailure, type EventMetadata, type PreparedEvent, type StoredEvent } from '@itsm/event-store';
import { versionOfRevision } from './esdb-expected-revision.js';

/** The custom metadata of every event the adapter writes. */
export interface EsdbEventMetadata {
  readonly actor: string;
  readonly occurredAt: string;
  /** The @itsm correlation id, under the name EventStoreDB's `$by_correlation_id` projection reads. */
  readonly $correlationId: string;
  /** The @itsm causation id, when the event has one. */
  readonly $causationId?: string;
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** The event's hash-chain link (lowercase hex SHA-256). */
  readonly hash: string;
}

/** The largest commit position taken as real; above it the server reported "no position". */
const MAX_POSITION = BigInt(Number.MAX_SAFE_INTEGER);

const utf8 = new TextEncoder();

/**
 * The metadata JSON of a sealed event ({@link EsdbEventMetadata}, members in
 * that order), written directly: its members are fixed, and this runs on
 * every append.
 */
export const esdbMetadataJsonOf = (metadata: EventMetadata, schemaVersion: number, hash: string): string =>
  `{"actor":${JSON.stringify(metadata.actor)},"occurredAt":${JSON.stringify(metadata.occurredAt)},` +
  `"$correlationId":${JSON.stringify(metadata.correlationId)},` +
  (metadata.causationId === undefined ? '' : `"$causationId":${JSON.stringify(metadata.causationId)},`) +
  `"recordedAt":${JSON.stringify(metadata.recordedAt)},"schemaVersion":${schemaVersion},"hash":${JSON.stringify(hash)}}`;

/**
 * Builds the EventStoreDB event for a sealed @itsm event. The metadata goes
 * as UTF-8 bytes (a `Uint8Array`, which the client sends as they are; it
 * would stringify an object and re-encode it); the data goes as the value,
 * which the client serialises with `JSON.stringify`: the same value as the
 * canonical form the hash covers.
 */
export const esdbEventDataOf = (event: PreparedEvent, metadata: EventMetadata, hash: string): EventData => ({
  id: event.eventId,
  type: event.type,
  contentType: 'application/json',
  data: event.data as Record<string, unknown>,
  metadata: utf8.encode(esdbMetadataJsonOf(metadata, event.schemaVersion, hash)),
});

/** Whether an event belongs to EventStoreDB itself (`$`-prefixed type or stream), which @itsm reads skip. */
export const isSystemEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): boolean => {
  const event = resolved.event;
  return !event || event.type.startsWith('$') || event.streamId.startsWith('$');
};

/** Names of the first metadata layout, which stored the ids twice (also under `$`-names) and the stream version. */
type LegacyMetadataKey = 'correlationId' | 'causationId';

const isString = (value: unknown): value is string => typeof value === 'string';

/** The commit position of a read event as a number, or `undefined` when the server gave none. */
export const commitPositionOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): number | undefined => {
  const commit = resolved.event?.position?.commit;
  return commit === undefined || commit < 0n || commit > MAX_POSITION ? undefined : Number(commit);
};

/** Turns an event read from EventStoreDB into the stored form the kernel decodes; throws `EventStoreFailure` if it is not an @itsm event. */
export const storedEventOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent => {
  const event = resolved.event;
  if (!event) throw new Error('a read returned an unresolved link; links are not followed by @itsm reads');
  const streamVersion = versionOfRevision(event.revision);
  const position = commitPositionOf(resolved);
  const fail = (reason: string, schemaVersion = 0): never => {
    throw new EventStoreFailure({
      _tag: 'EventDecodeFailed',
      streamId: event.streamId,
      streamVersion,
      globalPosition: position ?? 0,
      type: event.type,
      schemaVersion,
      reason,
    });
  };
  const metadata = event.metadata as Partial<Record<keyof EsdbEventMetadata | LegacyMetadataKey, unknown>> | undefined;
  if (typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array)
    return fail('the event has no @itsm metadata (not written by @itsm)');
  const { actor, occurredAt, recordedAt, schemaVersion, hash } = metadata;
  // Events of the first layout carry `correlationId`/`causationId` too; they are read the same.
  const correlationId = metadata.$correlationId ?? metadata.correlationId;
  const causationId = metadata.$causationId ?? metadata.causationId;
  if (!isString(actor) || !isString(occurredAt) || !isString(correlationId) || !isString(recordedAt) || !isString(hash))
    return fail('the event metadata lacks actor, occurredAt, $correlationId, recordedAt or hash');
  if (typeof schemaVersion !== 'number') return fail('the event metadata lacks schemaVersion');
  if (causationId !== undefined && !isString(causationId))
    return fail('metadata.$causationId is not a string', schemaVersion);
  if (!event.isJson) return fail('the event data is not JSON', schemaVersion);
  if (position === undefined)
    return fail('the server reported no commit position (EventStoreDB 22.10 or later is required)', schemaVersion);
  const stored: EventMetadata =
    causationId === undefined
      ? { actor, occurredAt, correlationId, recordedAt }
      : { actor, occurredAt, correlationId, causationId, recordedAt };
  return {
    eventId: event.id,
    streamId: event.streamId,
    streamVersion,
    globalPosition: position,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata: stored,
    hash,
  };
};
