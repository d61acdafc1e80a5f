/**
 * Reads as values: helpers that drain a read into an `Either`, turning an
 * {@link EventStoreFailure} back into its typed error. Anything else thrown
 * is a bug and is rethrown.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider, DomainEvent } from './decider.js';
import { EventStoreFailure, type ReadError } from './errors.js';
import type { EventStore } from './event-store.js';
import type { RecordedEvent } from './events.js';

/** Runs a read, returning its failure as a value. */
export const catchReadFailure = async <A>(read: () => Promise<A>): Promise<Either<ReadError, A>> => {
  try {
    return right(await read());
  } catch (error) {
    if (error instanceof EventStoreFailure) return left(error.error);
    throw error;
  }
};

/** Reads a whole stream into memory (for aggregates: streams are short). */
export const readStreamEvents = (store: EventStore, streamId: string): Promise<Either<ReadError, RecordedEvent[]>> =>
  catchReadFailure(async () => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(streamId)) events.push(event);
    return events;
  });

/** A stream folded with a decider: its state and current version. */
export interface AggregateState<State> {
  readonly state: State;
  /** The stream's version (0 when it has no events). */
  readonly version: number;
  /** The ids of the events folded, for idempotent command handling. */
  readonly eventIds: ReadonlySet<string>;
}

/** Reads a stream and folds it with a decider's `evolve`, without keeping the events. */
export const aggregateStream = <Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State, unknown>, 'evolve' | 'initialState'>,
  streamId: string,
  untilPosition = Number.POSITIVE_INFINITY,
): Promise<Either<ReadError, AggregateState<State>>> =>
  catchReadFailure(async () => {
    let state = decider.initialState;
    let version = 0;
    const eventIds = new Set<string>();
    for await (const event of store.readStream(streamId)) {
      if (event.globalPosition > untilPosition) break;
      // The registry validated `data` against this type's schema on read.
      state = decider.evolve(state, { type: event.type, data: event.data } as Event);
      version = event.streamVersion;
      eventIds.add(event.eventId);
    }
    return { state, version, eventIds };
  });
