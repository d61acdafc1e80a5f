/**
 * The shapes of events going into and coming out of a store.
 *
 * @module
 */

/** The who/when/why of an event, supplied by the command that caused it. */
export interface EventMetadataInput {
  /** Who caused the event: a user, service account or process id. */
  readonly actor: string;
  /** When it happened, an ISO-8601 instant with offset, from the command (never a store clock). */
  readonly occurredAt: string;
  /** Groups every event of one business conversation (e.g. a request and all it triggered). */
  readonly correlationId: string;
  /** The command or event that directly caused this one. */
  readonly causationId?: string;
}

/** Metadata as stored: the input plus the store's own `recordedAt`. */
export interface EventMetadata extends EventMetadataInput {
  /** When the store recorded the event, an ISO-8601 UTC instant from the store's clock. */
  readonly recordedAt: string;
}

/** An event to append. */
export interface NewEvent {
  /** A UUID chosen by the caller; appends are idempotent by event id. */
  readonly eventId: string;
  /** The event type, registered in the store's schema registry. */
  readonly type: string;
  /** The payload, JSON-serialisable. */
  readonly data: unknown;
  /** Who, when and why. */
  readonly metadata: EventMetadataInput;
}

/** The stored form of an event before upcasting, kept when an upcaster changed it. */
export interface AsStored {
  /** The schema version the bytes were written with. */
  readonly schemaVersion: number;
  /** The data as written. */
  readonly data: unknown;
}

/** An event read from a store. */
export interface RecordedEvent {
  readonly eventId: string;
  readonly streamId: string;
  /** 1 for the first event of a stream, then +1 per event. */
  readonly streamVersion: number;
  /** Position in the whole log; strictly increasing in `readAll` order. */
  readonly globalPosition: number;
  readonly type: string;
  /** The current schema version of this type (after upcasting). */
  readonly schemaVersion: number;
  /** The data in the current schema (after upcasting). */
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** The hash-chain link of this event, lowercase hex SHA-256 (see `hash-chain`). */
  readonly hash: string;
  /** Present only when an upcaster changed the event: what was actually stored. */
  readonly asStored?: AsStored;
}
