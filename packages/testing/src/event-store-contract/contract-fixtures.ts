/**
 * The event types, schema registries, settings and small helpers the event
 * store contract suite writes with. Every test uses streams of its own (a
 * random id), and reads the log from the position it started at, so the
 * suite also runs against a store that already holds events (a shared
 * EventStoreDB server).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import {
  EventStoreFailure,
  createEventSchemaRegistry,
  describeEventStoreError,
  type EventMetadataInput,
  type EventSchema,
  type EventSchemaRegistry,
  type EventStore,
  type EventStoreError,
  type EventStoreSettings,
  type NewEvent,
  type ReadError,
  type RecordedEvent,
} from '@itsm/event-store';
import type { Either } from 'fp-ts/lib/Either.js';
import type { ContractSubject, OpenContractSubject } from './contract-subject.js';

/** The event types of the contract suite. */
export const ContractEventType = {
  /** `{ title: string }`. */
  opened: 'ContractTicketOpened',
  /** `{ text: string }`. */
  noted: 'ContractNoteAdded',
  /** Any JSON value, unvalidated. */
  recorded: 'ContractPayloadRecorded',
  /** v1 `{ name }`; with {@link upcastingContractSchemas} v3 `{ title, language }`. */
  renamed: 'ContractTicketRenamed',
  /** Known only to {@link archivingContractSchemas}. */
  archived: 'ContractTicketArchived',
} as const;

const isRecord = (data: unknown): data is Record<string, unknown> =>
  typeof data === 'object' && data !== null && !Array.isArray(data);

const stringFields =
  (...fields: readonly string[]) =>
  (data: unknown): string | undefined => {
    if (!isRecord(data)) return 'data must be an object';
    const missing = fields.find((field) => typeof data[field] !== 'string');
    return missing === undefined ? undefined : `${missing} must be a string`;
  };

const baseSchemas: readonly EventSchema[] = [
  { type: ContractEventType.opened, schemaVersion: 1, validate: stringFields('title') },
  { type: ContractEventType.noted, schemaVersion: 1, validate: stringFields('text') },
  { type: ContractEventType.recorded, schemaVersion: 1 },
];

/** The suite's default registry: `ContractTicketRenamed` is at v1 `{ name }`. */
export const contractSchemas: EventSchemaRegistry = createEventSchemaRegistry([
  ...baseSchemas,
  { type: ContractEventType.renamed, schemaVersion: 1, validate: stringFields('name') },
]);

/**
 * The registry after two schema changes of `ContractTicketRenamed`:
 * v1 `{ name }` → v2 `{ title }` → v3 `{ title, language }`.
 */
export const upcastingContractSchemas: EventSchemaRegistry = createEventSchemaRegistry([
  ...baseSchemas,
  {
    type: ContractEventType.renamed,
    schemaVersion: 3,
    upcasters: {
      1: (data) => ({ title: (data as { name: string }).name }),
      2: (data) => ({ ...(data as object), language: 'en' }),
    },
    validate: stringFields('title', 'language'),
  },
]);

/** The default registry plus `ContractTicketArchived`, which the others do not know. */
export const archivingContractSchemas: EventSchemaRegistry = createEventSchemaRegistry([
  ...baseSchemas,
  { type: ContractEventType.renamed, schemaVersion: 1, validate: stringFields('name') },
  { type: ContractEventType.archived, schemaVersion: 1 },
]);

/** The payload cap of the suite's default settings. */
export const CONTRACT_MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * The jest timeout of the heaviest tests (the 200-round race, the 2500-event
 * read), generous because a networked adapter makes thousands of round trips there.
 */
export const SLOW_TEST_TIMEOUT_MS = 180_000;

/** Settings built by the suite: its registry, a 64 KiB cap and the system clock unless overridden. */
export const contractSettings = (overrides: Partial<EventStoreSettings> = {}): EventStoreSettings => ({
  schemas: contractSchemas,
  maxPayloadBytes: CONTRACT_MAX_PAYLOAD_BYTES,
  now: () => new Date(),
  ...overrides,
});

/** Metadata of the suite's events; `occurredAt` carries an offset to check it is kept verbatim. */
export const contractMetadata = (overrides: Partial<EventMetadataInput> = {}): EventMetadataInput => ({
  actor: 'contract-suite',
  occurredAt: '2026-03-29T01:30:00.250+02:00',
  correlationId: 'contract-correlation',
  ...overrides,
});

/** A new event with a fresh id. */
export const newEvent = (type: string, data: unknown, metadata: EventMetadataInput = contractMetadata()): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

/** `count` `ContractNoteAdded` events with fresh ids, texts `${prefix}0`, `${prefix}1`, … */
export const notes = (count: number, prefix = 'note '): NewEvent[] =>
  Array.from({ length: count }, (_, index) => newEvent(ContractEventType.noted, { text: `${prefix}${index}` }));

/** A stream id no other test (or earlier run against the same server) uses. */
export const freshStreamId = (category = 'contract'): string => `${category}-${randomUUID()}`;

/** Drains an async iterable. */
export const collect = async <A>(iterable: AsyncIterable<A>): Promise<A[]> => {
  const items: A[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** Reads a stream (from `fromVersion`) into an array. */
export const readStream = (store: EventStore, streamId: string, fromVersion?: number): Promise<RecordedEvent[]> =>
  collect(fromVersion === undefined ? store.readStream(streamId) : store.readStream(streamId, fromVersion));

/** The store's head position, or a thrown error naming the failure. */
export const headOf = async (store: EventStore): Promise<number> => rightOf(await store.headPosition());

/** The right side of an Either, or a thrown error describing the left (a failed precondition of a test). */
export const rightOf = <E extends { readonly _tag: string }, A>(either: Either<E, A>): A => {
  if (either._tag === 'Right') return either.right;
  const error = either.left;
  const described = isStoreError(error) ? describeEventStoreError(error) : JSON.stringify(error);
  throw new Error(`expected success, got ${error._tag}: ${described}`);
};

/** The left side of an Either, or a thrown error saying the call unexpectedly succeeded. */
export const leftOf = <E, A>(either: Either<E, A>): E => {
  if (either._tag === 'Left') return either.left;
  throw new Error(`expected a failure, got success: ${JSON.stringify(either.right)}`);
};

const storeErrorTags = new Set([
  'StreamVersionConflict',
  'InvalidStreamId',
  'PayloadTooLarge',
  'InvalidEvent',
  'EventIdConflict',
  'EventDecodeFailed',
  'EventStoreUnavailable',
]);
const isStoreError = (error: { readonly _tag: string }): error is EventStoreError => storeErrorTags.has(error._tag);

/** Runs a read and returns the typed failure it raised, or throws if it did not fail. */
export const readFailure = async (read: () => Promise<unknown>): Promise<ReadError> => {
  try {
    await read();
  } catch (error) {
    if (error instanceof EventStoreFailure) return error.error;
    throw error;
  }
  throw new Error('expected the read to fail with an EventStoreFailure, but it succeeded');
};

/** Opens a subject, runs `test` and closes the subject whatever happens. */
export const withSubject = async <A>(
  open: OpenContractSubject,
  settings: EventStoreSettings,
  test: (subject: ContractSubject) => Promise<A>,
): Promise<A> => {
  const subject = await open(settings);
  try {
    return await test(subject);
  } finally {
    await subject.close();
  }
};

/** Reopens a subject's storage with other settings, runs `test` and closes that store. */
export const withReopened = async <A>(
  subject: ContractSubject,
  settings: EventStoreSettings,
  test: (store: EventStore) => Promise<A>,
): Promise<A> => {
  const store = await subject.reopen(settings);
  try {
    return await test(store);
  } finally {
    await store.close();
  }
};
