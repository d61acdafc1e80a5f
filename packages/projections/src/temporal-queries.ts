/**
 * Temporal queries for auditors: the state of a record as of an instant,
 * and what a read model (e.g. a work queue) looked like at an instant.
 *
 * "As of T" means, by default, as the system knew it at T: the events the
 * store had recorded by T (`recordedAt ≤ T`). With `timeline: 'occurred'`
 * it is the events that happened by T according to the commands
 * (`occurredAt ≤ T`), including ones recorded later (back-dated entries).
 *
 * Record state: replayed with a decider from `@itsm/domain` (its `evolve`),
 * or, without one, a generic fold (the last value of every data field, the
 * same fold as the audit trail). Read models at T: the projections are
 * replayed into a scratch in-memory SQLite database, which is queried and
 * thrown away.
 *
 * Limits: a replay reads the record's stream (record state) or the whole log
 * up to T (read models); the read-model replay holds its database in memory.
 * On the occurred timeline events are still applied in log order: a
 * back-dated event is applied after the events recorded before it.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  catchReadFailure,
  foldEvents,
  type Decider,
  type DomainEvent,
  type EventStore,
  type ReadError,
  type RecordedEvent,
} from '@itsm/event-store';
import type { Kysely } from 'kysely';
import type { AnyProjection } from './projection.js';
import type { ProjectionFailed, ProjectionRunError } from './projection-errors.js';
import { runProjections } from './projection-runner.js';
import { openSqliteReadModels } from './read-model-database.js';
import { fieldChanges } from './read-models/audit-trail.js';
import type { AnyDatabase } from './projection.js';

/** Which clock "as of" follows. */
export type Timeline = 'recorded' | 'occurred';

const instantOf = (event: RecordedEvent, timeline: Timeline): number =>
  Date.parse(timeline === 'recorded' ? event.metadata.recordedAt : event.metadata.occurredAt);

/** A record's state as of an instant. */
export interface RecordStateAsOf<State> {
  readonly state: State;
  /** The stream version of the last event folded (0: the record did not exist yet). */
  readonly version: number;
  /** The last event folded, if any. */
  readonly lastEvent: { readonly type: string; readonly position: number; readonly at: string } | undefined;
}

/** The generic state of a record: the last value of every data field of its events. */
export type GenericRecordState = Readonly<Record<string, unknown>>;

const readUpTo = (store: EventStore, streamId: string, asOf: Date, timeline: Timeline) =>
  catchReadFailure(async () => {
    const limit = asOf.getTime();
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(streamId)) if (instantOf(event, timeline) <= limit) events.push(event);
    return events;
  });

/** The state of a record as of an instant, folded with a decider's `evolve`. */
export const recordStateAsOf = async <Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  asOf: Date,
  decider: Pick<Decider<unknown, Event, State, unknown>, 'evolve' | 'initialState'>,
  timeline: Timeline = 'recorded',
): Promise<Either<ReadError, RecordStateAsOf<State>>> => {
  const events = await readUpTo(store, streamId, asOf, timeline);
  if (events._tag === 'Left') return events;
  // The store validated each event's data against its type on read.
  const state = foldEvents(
    decider,
    events.right.map((event) => ({ type: event.type, data: event.data }) as Event),
  );
  return right(summary(state, events.right, timeline));
};

/** The state of a record as of an instant, as the last value of every data field (no decider needed). */
export const genericRecordStateAsOf = async (
  store: EventStore,
  streamId: string,
  asOf: Date,
  timeline: Timeline = 'recorded',
): Promise<Either<ReadError, RecordStateAsOf<GenericRecordState>>> => {
  const events = await readUpTo(store, streamId, asOf, timeline);
  if (events._tag === 'Left') return events;
  const state: Record<string, unknown> = {};
  for (const event of events.right)
    if (typeof event.data === 'object' && event.data !== null)
      fieldChanges(state, event.data as Record<string, unknown>);
  return right(summary(state, events.right, timeline));
};

const summary = <State>(state: State, events: readonly RecordedEvent[], timeline: Timeline): RecordStateAsOf<State> => {
  const last = events[events.length - 1];
  return {
    state,
    version: last?.streamVersion ?? 0,
    lastEvent:
      last === undefined
        ? undefined
        : {
            type: last.type,
            position: last.globalPosition,
            at: timeline === 'recorded' ? last.metadata.recordedAt : last.metadata.occurredAt,
          },
  };
};

/** An event store that shows only the events of the log as of an instant (read-only). */
const storeAsOf = (store: EventStore, asOf: Date, timeline: Timeline): EventStore => ({
  appendToStream: async () => {
    throw new Error('a store as of an instant is read-only');
  },
  readStream: (streamId, fromVersion) => ({
    async *[Symbol.asyncIterator]() {
      for await (const event of store.readStream(streamId, fromVersion))
        if (instantOf(event, timeline) <= asOf.getTime()) yield event;
    },
  }),
  readAll: (afterPosition) => ({
    async *[Symbol.asyncIterator]() {
      for await (const event of store.readAll(afterPosition))
        if (instantOf(event, timeline) <= asOf.getTime()) yield event;
    },
  }),
  headPosition: () => store.headPosition(),
  close: async () => undefined,
});

/**
 * Replays projections over the log as of an instant into a scratch
 * in-memory SQLite read model and runs `query` on it ("what did this queue
 * look like at T"). The scratch database is destroyed afterwards.
 */
export const queryAsOf = async <T>(
  store: EventStore,
  asOf: Date,
  projections: readonly AnyProjection[],
  query: (db: Kysely<AnyDatabase>) => Promise<T>,
  timeline: Timeline = 'recorded',
): Promise<Either<ProjectionRunError | ProjectionFailed, T>> => {
  const db = openSqliteReadModels(':memory:');
  try {
    const run = await runProjections(db, storeAsOf(store, asOf, timeline), projections, {
      batchSize: 5000,
      owner: 'as-of',
    });
    if (run._tag === 'Left') return run;
    const failed = run.right.outcomes.find((outcome) => outcome._tag === 'ProjectionFailed');
    if (failed !== undefined && failed._tag === 'ProjectionFailed') return left(failed);
    return right(await query(db));
  } finally {
    await db.destroy();
  }
};
