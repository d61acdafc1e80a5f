/**
 * Projection specs: given events, when projected, then a query returns
 * rows. Each spec appends the events to a fresh in-memory event store
 * (real hashes, positions and versions), runs the projections into a
 * throwaway in-memory SQLite read model with the real runner, runs the
 * query on it and compares.
 *
 * ```ts
 * await projectionSpec(workQueueProjection)
 *   .givenEvents({ type: 'IncidentLogged', data: { incidentId: 'INC1', … } })
 *   .thenQuery((db) => groupQueue(db, 'network'))
 *   .returns([]);
 * ```
 *
 * Limits: SQLite only (use the runner directly against PostgreSQL); events
 * are appended one by one with `ExpectedVersion.any`.
 *
 * @module
 */
import { expect } from '@jest/globals';
import {
  ExpectedVersion,
  createInMemoryEventStore,
  permissiveEventSchemas,
  type EventMetadataInput,
  type EventSchemaRegistry,
  type InMemoryEventStore,
} from '@itsm/event-store';
import {
  describeProjectionError,
  openSqliteReadModels,
  runProjections,
  type AnyProjection,
  type ProjectionFailed,
  type ProjectionOutcome,
  type AnyDatabase,
} from '@itsm/projections';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';

/** An event of a spec: its type and data; stream and metadata are derived when left out. */
export interface GivenEvent {
  readonly type: string;
  readonly data: unknown;
  /** Default: `<aggregate>-<id>` from an `incidentId`, `changeId`, `problemId`, `requestId`… field, else `test-1`. */
  readonly streamId?: string;
  readonly metadata?: Partial<EventMetadataInput>;
}

const idFields: readonly (readonly [string, string])[] = [
  ['incidentId', 'incident'],
  ['changeId', 'change'],
  ['problemId', 'problem'],
  ['requestId', 'serviceRequest'],
  ['articleId', 'article'],
  ['configurationItemId', 'configurationItem'],
];

/** The stream a given event belongs to (see {@link GivenEvent.streamId}). */
export const streamOfGivenEvent = (event: GivenEvent): string => {
  if (event.streamId !== undefined) return event.streamId;
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  for (const [field, category] of idFields)
    if (typeof data[field] === 'string') return `${category}-${data[field] as string}`;
  const record = data['record'];
  if (typeof record === 'object' && record !== null) {
    const { category, id } = record as Record<string, unknown>;
    if (typeof category === 'string' && typeof id === 'string') return `${category}-${id}`;
  }
  return 'test-1';
};

/** An in-memory store that given events are appended to, recordedAt following each event's `at`. */
export interface SpecStore {
  readonly store: InMemoryEventStore;
  /** Appends events in order (one append each, `ExpectedVersion.any`). */
  readonly append: (events: readonly GivenEvent[]) => Promise<void>;
}

/** A new, empty spec store. */
export const createSpecStore = (schemas: EventSchemaRegistry = permissiveEventSchemas): SpecStore => {
  let recordedAt = new Date('2026-01-01T00:00:00Z');
  const store = createInMemoryEventStore({ schemas, maxPayloadBytes: 1024 * 1024, now: () => recordedAt });
  const append = async (events: readonly GivenEvent[]) => {
    for (const event of events) {
      const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
      const occurredAt =
        event.metadata?.occurredAt ??
        (typeof data['at'] === 'string' ? (data['at'] as string) : recordedAt.toISOString());
      recordedAt = new Date(Math.max(recordedAt.getTime(), Date.parse(occurredAt)));
      const metadata: EventMetadataInput = {
        actor: event.metadata?.actor ?? (typeof data['by'] === 'string' ? (data['by'] as string) : 'tester'),
        occurredAt,
        correlationId: event.metadata?.correlationId ?? 'spec',
        ...(event.metadata?.causationId === undefined ? {} : { causationId: event.metadata.causationId }),
      };
      const appended = await store.appendToStream(
        streamOfGivenEvent(event),
        [{ eventId: randomUUID(), type: event.type, data: event.data, metadata }],
        ExpectedVersion.any,
      );
      if (appended._tag === 'Left')
        throw new Error(`projection spec: could not append ${event.type}: ${JSON.stringify(appended.left)}`);
    }
  };
  return { store, append };
};

/** A new in-memory store holding the given events. */
export const storeWithEvents = async (
  events: readonly GivenEvent[],
  schemas: EventSchemaRegistry = permissiveEventSchemas,
): Promise<InMemoryEventStore> => {
  const spec = createSpecStore(schemas);
  await spec.append(events);
  return spec.store;
};

/** The query step of a spec. */
export interface ProjectionQuerySpec<T> {
  /** Runs the spec and asserts the query returns `expected` (deep equality). */
  readonly returns: (expected: T) => Promise<void>;
  /** Runs the spec and hands back what the query returned (for custom assertions). */
  readonly result: () => Promise<T>;
}

/** The given step of a spec. */
export interface ProjectionGivenSpec {
  /** The query to run on the read model once the events are projected. */
  readonly thenQuery: <T>(query: (db: Kysely<AnyDatabase>) => Promise<T>) => ProjectionQuerySpec<T>;
  /** Asserts that projecting the events fails with a {@link ProjectionFailed} matching `expected`. */
  readonly thenFailsWith: (expected: Partial<ProjectionFailed>) => Promise<void>;
}

/** A projection spec over some projections. */
export interface ProjectionSpec {
  /** The events in the log, in order. */
  readonly givenEvents: (...events: readonly GivenEvent[]) => ProjectionGivenSpec;
}

const project = async (projections: readonly AnyProjection[], events: readonly GivenEvent[]) => {
  const store = await storeWithEvents(events);
  const db = openSqliteReadModels(':memory:');
  const run = await runProjections(db, store, projections, { batchSize: 7, owner: 'projection-spec' });
  if (run._tag === 'Left') {
    await db.destroy();
    throw new Error(`projection spec: ${describeProjectionError(run.left)}`);
  }
  return { db, outcomes: run.right.outcomes };
};

const failureOf = (outcomes: readonly ProjectionOutcome[]): ProjectionFailed | undefined =>
  outcomes.find((outcome): outcome is ProjectionFailed => outcome._tag === 'ProjectionFailed');

/** A spec over projections: `projectionSpec(p).givenEvents(...).thenQuery(q).returns(rows)`. */
export const projectionSpec = (...projections: readonly AnyProjection[]): ProjectionSpec => ({
  givenEvents: (...events) => ({
    thenQuery: <T>(query: (db: Kysely<AnyDatabase>) => Promise<T>) => {
      const result = async (): Promise<T> => {
        const { db, outcomes } = await project(projections, events);
        try {
          const failed = failureOf(outcomes);
          if (failed !== undefined) throw new Error(`projection spec: ${describeProjectionError(failed)}`);
          return await query(db);
        } finally {
          await db.destroy();
        }
      };
      return {
        result,
        returns: async (expected) => {
          expect(await result()).toEqual(expected);
        },
      };
    },
    thenFailsWith: async (expected) => {
      const { db, outcomes } = await project(projections, events);
      await db.destroy();
      expect(failureOf(outcomes)).toMatchObject({ _tag: 'ProjectionFailed', ...expected });
    },
  }),
});

/** Shorthand when the projections are given later: `givenEvents(...).projectedBy(p).thenQuery(q).returns(rows)`. */
export const givenEvents = (...events: readonly GivenEvent[]) => ({
  /** The projections that read the events. */
  projectedBy: (...projections: readonly AnyProjection[]): ProjectionGivenSpec =>
    projectionSpec(...projections).givenEvents(...events),
});
