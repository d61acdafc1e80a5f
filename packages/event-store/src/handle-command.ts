/**
 * The command handler: read a stream, fold it, decide, append at the version
 * read. Every failure is a value: the decider's own error, or the store's
 * (a `StreamVersionConflict` when someone appended in between; wrap the call
 * in {@link retryOnConflict} to re-read and decide again).
 *
 * When the metadata carries a `causationId` (the command's id), event ids are
 * derived from it, so handling the same command again after an unknown outcome
 * finds its events already stored and reports `alreadyHandled` instead of
 * deciding twice.
 *
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider, DomainEvent } from './decider.js';
import type { AppendError, ReadError } from './errors.js';
import type { EventStore } from './event-store.js';
import type { EventMetadataInput, NewEvent, RecordedEvent } from './events.js';
import { ExpectedVersion } from './expected-version.js';
import { aggregateStream } from './read-helpers.js';

/** What handling a command produced. */
export interface CommandHandled<State> {
  /** The state after the new events. */
  readonly state: State;
  /** The events recorded by this command (empty when it decided nothing, or was already handled). */
  readonly events: readonly RecordedEvent[];
  /** The stream's version afterwards. */
  readonly nextExpectedVersion: number;
  /** True when this command's events (by causation id) were already in the stream. */
  readonly alreadyHandled: boolean;
}

/** A UUID-shaped id derived from a stream, a causation id and an index (same inputs, same id). */
export const deterministicEventId = (streamId: string, causationId: string, index: number): string => {
  const hex = createHash('sha256').update(`${streamId}\n${causationId}\n${index}`).digest('hex');
  // Version nibble 8 (RFC 9562 custom) and the RFC variant bits.
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Handles one command against one stream: read → fold → decide → append at the version read. */
export const handleCommand = async <Command, Event extends DomainEvent, State, DomainError>(
  store: EventStore,
  decider: Decider<Command, Event, State, DomainError>,
  streamId: string,
  command: Command,
  metadata: EventMetadataInput,
): Promise<Either<DomainError | AppendError | ReadError, CommandHandled<State>>> => {
  const current = await aggregateStream(store, decider, streamId);
  if (current._tag === 'Left') return current;
  const { state, version, eventIds } = current.right;
  const causationId = metadata.causationId;
  if (causationId !== undefined && eventIds.has(deterministicEventId(streamId, causationId, 0)))
    return right({ state, events: [], nextExpectedVersion: version, alreadyHandled: true });

  const decided = decider.decide(command, state);
  if (decided._tag === 'Left') return decided;
  if (decided.right.length === 0)
    return right({ state, events: [], nextExpectedVersion: version, alreadyHandled: false });

  const newEvents: NewEvent[] = decided.right.map((event, index) => ({
    eventId: causationId === undefined ? randomUUID() : deterministicEventId(streamId, causationId, index),
    type: event.type,
    data: event.data,
    metadata,
  }));
  const expected = version === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version);
  const appended = await store.appendToStream(streamId, newEvents, expected);
  if (appended._tag === 'Left') return appended;
  let next = state;
  for (const event of decided.right) next = decider.evolve(next, event);
  return right({
    state: next,
    events: appended.right.events,
    nextExpectedVersion: appended.right.nextExpectedVersion,
    alreadyHandled: appended.right.alreadyAppended,
  });
};

/**
 * Runs `attempt` again while it fails with a `StreamVersionConflict`, up to
 * `maxAttempts` times in all; each attempt re-reads and decides afresh.
 */
export const retryOnConflict = async <E extends { readonly _tag: string }, A>(
  attempt: () => Promise<Either<E, A>>,
  maxAttempts = 3,
): Promise<Either<E, A>> => {
  let result = await attempt();
  for (
    let tries = 1;
    tries < maxAttempts && result._tag === 'Left' && result.left._tag === 'StreamVersionConflict';
    tries++
  )
    result = await attempt();
  return result;
};
