/**
 * Everything an adapter checks before it touches storage, in one place:
 * stream id grammar, event ids, registered types, metadata, JSON-ness and the
 * payload cap; then the replay (idempotency) verdict and the hash-chain link
 * computed for each event. Adapters call these and only translate storage.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { canonicalJson } from './canonical-json.js';
import type { AppendError, EventIdConflict, InvalidEvent } from './errors.js';
import type { EventMetadata, EventMetadataInput, NewEvent, RecordedEvent } from './events.js';
import type { EventStoreSettings } from './event-store.js';
import { satisfiesExpectedVersion, type ExpectedVersion } from './expected-version.js';
import { chainHashOfCanonical } from './hash-chain.js';
import { parseStreamId, type StreamId } from './stream-id.js';

/** An event that passed every check, with its canonical JSON serialisations. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  /** Canonical JSON of `data`: what is stored and hashed. */
  readonly dataJson: string;
  readonly metadataInput: EventMetadataInput;
  /** Canonical JSON of `metadataInput` (its keys all sort before `recordedAt`, which sealing adds last). */
  readonly metadataInputJson: string;
}

/** A validated append, ready for storage. */
export interface PreparedAppend {
  readonly streamId: StreamId;
  readonly events: readonly PreparedEvent[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether a string is an ISO-8601 instant with seconds and an offset (`Z` or `±hh:mm`). */
export const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' && instantPattern.test(value) && !Number.isNaN(Date.parse(value)) && isCalendarDate(value);

// Date.parse rolls days past the end of the month over (2026-02-30 → 2026-03-02) instead of refusing them.
const isCalendarDate = (instant: string): boolean => {
  const year = Number(instant.slice(0, 4));
  const month = Number(instant.slice(5, 7));
  const day = Number(instant.slice(8, 10));
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
};

const checkMetadata = (metadata: unknown): string | undefined => {
  if (typeof metadata !== 'object' || metadata === null) return 'metadata is missing';
  const m = metadata as Record<string, unknown>;
  if (typeof m['actor'] !== 'string' || m['actor'].length === 0) return 'metadata.actor must be a non-empty string';
  if (!isIsoInstant(m['occurredAt'])) return 'metadata.occurredAt must be an ISO-8601 instant with an offset';
  if (typeof m['correlationId'] !== 'string' || m['correlationId'].length === 0)
    return 'metadata.correlationId must be a non-empty string';
  if (m['causationId'] !== undefined && (typeof m['causationId'] !== 'string' || m['causationId'].length === 0))
    return 'metadata.causationId must be a non-empty string when present';
  return undefined;
};

const metadataInputOf = (m: EventMetadataInput): EventMetadataInput =>
  m.causationId === undefined
    ? { actor: m.actor, occurredAt: m.occurredAt, correlationId: m.correlationId }
    : { actor: m.actor, occurredAt: m.occurredAt, correlationId: m.correlationId, causationId: m.causationId };

/**
 * The canonical JSON of validated metadata, written directly: its keys are
 * fixed, so their canonical (code-unit) order is too.
 */
export const metadataInputJsonOf = (m: EventMetadataInput): string =>
  `{"actor":${JSON.stringify(m.actor)},` +
  (m.causationId === undefined ? '' : `"causationId":${JSON.stringify(m.causationId)},`) +
  `"correlationId":${JSON.stringify(m.correlationId)},"occurredAt":${JSON.stringify(m.occurredAt)}}`;

/** Validates an append and serialises its events; nothing here does I/O. */
export const prepareAppend = (
  streamId: string,
  events: readonly NewEvent[],
  settings: EventStoreSettings,
): Either<AppendError, PreparedAppend> => {
  const parsed = parseStreamId(streamId);
  if (parsed._tag === 'Left') return parsed;
  const id = parsed.right;
  const invalid = (index: number, reason: string): Either<InvalidEvent, never> =>
    left({ _tag: 'InvalidEvent', streamId: id, index, reason });
  if (!Array.isArray(events) || events.length === 0) return invalid(-1, 'an append needs at least one event');
  const seen = new Set<string>();
  const prepared: PreparedEvent[] = [];
  for (const [index, event] of events.entries()) {
    if (typeof event !== 'object' || event === null) return invalid(index, 'event must be an object');
    if (typeof event.eventId !== 'string' || !uuidPattern.test(event.eventId))
      return invalid(index, `eventId ${JSON.stringify(event.eventId)} is not a lowercase UUID`);
    if (seen.has(event.eventId)) return invalid(index, `eventId ${event.eventId} appears twice in one append`);
    seen.add(event.eventId);
    if (typeof event.type !== 'string' || !/^[A-Za-z][A-Za-z0-9._-]{0,127}$/.test(event.type))
      return invalid(index, `type ${JSON.stringify(event.type)} is not a valid event type name`);
    const metadataProblem = checkMetadata(event.metadata);
    if (metadataProblem) return invalid(index, metadataProblem);
    let dataJson: string;
    try {
      dataJson = canonicalJson(event.data);
    } catch (error) {
      return invalid(index, `data is not JSON: ${(error as Error).message}`);
    }
    const metadataInput = metadataInputOf(event.metadata);
    const metadataInputJson = metadataInputJsonOf(metadataInput);
    const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataInputJson);
    if (bytes > settings.maxPayloadBytes)
      return left({
        _tag: 'PayloadTooLarge',
        streamId: id,
        eventId: event.eventId,
        type: event.type,
        bytes,
        limit: settings.maxPayloadBytes,
      });
    const version = settings.schemas.schemaVersionFor(event.type, event.data);
    if (version._tag === 'Left') return invalid(index, version.left);
    prepared.push({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: version.right,
      data: event.data,
      dataJson,
      metadataInput,
      metadataInputJson,
    });
  }
  return right({ streamId: id, events: prepared });
};

/** What the store already holds under an event id, for the replay verdict. */
export interface StoredEventIdentity {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  /** Canonical JSON of the stored data. */
  readonly dataJson: string;
  readonly metadata: EventMetadataInput;
}

/** Whether an append is new, an exact repeat of one already stored, or in conflict with stored ids. */
export type ReplayVerdict =
  | { readonly _tag: 'New' }
  | { readonly _tag: 'AlreadyAppended'; readonly firstVersion: number }
  | { readonly _tag: 'Conflict'; readonly error: EventIdConflict };

const sameMetadata = (a: EventMetadataInput, b: EventMetadataInput): boolean =>
  a.actor === b.actor &&
  a.occurredAt === b.occurredAt &&
  a.correlationId === b.correlationId &&
  a.causationId === b.causationId;

/**
 * The idempotency rule, shared by every adapter: an append whose ids are all
 * stored, in this stream, contiguously, in the same order, with the same
 * content, where `expected` held just before them, is a repeat
 * (`AlreadyAppended`). Any other overlap with stored ids (partial replay, same
 * id with other content, same id in another stream) is an `EventIdConflict`.
 */
export const replayVerdict = (
  append: PreparedAppend,
  expected: ExpectedVersion,
  stored: ReadonlyMap<string, StoredEventIdentity>,
): ReplayVerdict => {
  if (stored.size === 0) return { _tag: 'New' };
  const conflict = (eventId: string, reason: string): ReplayVerdict => ({
    _tag: 'Conflict',
    error: { _tag: 'EventIdConflict', streamId: append.streamId, eventId, reason },
  });
  const first = stored.get(append.events[0]?.eventId ?? '');
  for (const [index, event] of append.events.entries()) {
    const existing = stored.get(event.eventId);
    if (!existing)
      return conflict(event.eventId, 'is new while other events of this append are stored already (partial replay)');
    if (existing.streamId !== append.streamId)
      return conflict(event.eventId, `is already stored in stream ${existing.streamId}`);
    if (
      existing.type !== event.type ||
      existing.dataJson !== event.dataJson ||
      !sameMetadata(existing.metadata, event.metadataInput)
    )
      return conflict(event.eventId, 'is already stored with different content');
    if (!first || existing.streamVersion !== first.streamVersion + index)
      return conflict(event.eventId, 'is already stored at another place in the stream');
  }
  if (!first)
    return conflict(append.events[0]?.eventId ?? '', 'is new while other events of this append are stored already');
  if (!satisfiesExpectedVersion(expected, first.streamVersion - 1))
    return conflict(
      append.events[0]?.eventId ?? '',
      'is already stored, but the repeat states another expected version',
    );
  return { _tag: 'AlreadyAppended', firstVersion: first.streamVersion };
};

/** Builds the metadata as stored and the event's chain hash, given its place in the stream. */
export const sealEvent = (
  streamId: string,
  streamVersion: number,
  event: PreparedEvent,
  recordedAt: string,
  previousHash: string,
): { readonly metadata: EventMetadata; readonly metadataJson: string; readonly hash: string } => {
  const input = event.metadataInput;
  const metadata: EventMetadata =
    input.causationId === undefined
      ? { actor: input.actor, occurredAt: input.occurredAt, correlationId: input.correlationId, recordedAt }
      : {
          actor: input.actor,
          occurredAt: input.occurredAt,
          correlationId: input.correlationId,
          causationId: input.causationId,
          recordedAt,
        };
  // `recordedAt` sorts after every input key (actor, causationId, correlationId, occurredAt): it goes last.
  const metadataJson = `${event.metadataInputJson.slice(0, -1)},"recordedAt":${JSON.stringify(recordedAt)}}`;
  // Keys in code-unit order, exactly as canonicalJson would emit the whole event.
  const canonicalEvent =
    `{"data":${event.dataJson},"eventId":${JSON.stringify(event.eventId)},"metadata":${metadataJson},` +
    `"schemaVersion":${event.schemaVersion},"streamId":${JSON.stringify(streamId)},` +
    `"streamVersion":${streamVersion},"type":${JSON.stringify(event.type)}}`;
  return { metadata, metadataJson, hash: chainHashOfCanonical(previousHash, canonicalEvent) };
};

/** Whether a failure is worth retrying after re-reading the stream. */
export const isVersionConflict = (error: { readonly _tag: string }): boolean => error._tag === 'StreamVersionConflict';

/** Builds a recorded event from its stored parts (used by adapters on append and read). */
export const recordedEventOf = (
  parts: Omit<RecordedEvent, 'asStored'>,
  asStored?: RecordedEvent['asStored'],
): RecordedEvent => (asStored ? { ...parts, asStored } : parts);
