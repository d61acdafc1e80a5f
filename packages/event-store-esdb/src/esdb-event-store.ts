/**
 * The EventStoreDB / KurrentDB event store: the @itsm `EventStore` port over
 * `@eventstore/db-client`.
 *
 * Appends validate and seal events with the kernel (`prepareAppend`,
 * `replayVerdict`, `sealEvent`), then write them at the stream's exact head
 * revision, so every event's hash links to the previous event of its stream.
 * To classify a repeated append exactly as the kernel does (EventStoreDB's
 * own idempotency is looser), the adapter reads the stream before appending,
 * unless it knows the stream's head and event ids from its own last append
 * (a bounded cache, checked by the server: a stale head makes the append fail
 * with a wrong expected version, and the adapter retries from a fresh read).
 *
 * Event ids are unique in the whole store, as the port requires, although
 * EventStoreDB indexes them per stream only: each new event id is first
 * claimed in a stream of its own (`itsmEventId-<id>`, written with
 * `no_stream`, holding a `$`-typed event that every @itsm read skips). Choose
 * `eventIdScope: 'stream'` to skip the claims (one write per append instead
 * of one per event plus one) when ids come from `handleCommand`, which
 * derives them from the stream.
 *
 * Limits:
 * - A claim is permanent: an id claimed by an append that then failed stays
 *   reserved for that stream (retrying there succeeds).
 * - Global position = the commit position: sparse, increasing, not a count.
 *   Stream reads need EventStoreDB 22.10 or later (earlier servers send no
 *   position with stream reads; those events fail to decode, loudly).
 * - An append of several events reads them back once to learn each one's
 *   position (the server reports only the last).
 * - Reads skip system events (`$`-prefixed types or streams); links are not
 *   followed.
 *
 * @module
 */
import {
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type EventData,
  type EventStoreDBClient,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  EventStoreFailure,
  GENESIS_HASH,
  canonicalJson,
  decodeStoredEvent,
  deterministicEventId,
  eventStoreUnavailable,
  parseStreamId,
  prepareAppend,
  replayVerdict,
  satisfiesExpectedVersion,
  sealEvent,
  streamVersionConflict,
  type AllSubscription,
  type AppendError,
  type AppendResult,
  type EventStore,
  type EventStoreSettings,
  type EventStoreUnavailable,
  type ExpectedVersion,
  type NewEvent,
  type PreparedAppend,
  type RecordedEvent,
  type StoredEvent,
  type StoredEventIdentity,
} from '@itsm/event-store';
import { subscribeEsdbAll } from './esdb-all-subscription.js';
import { actualVersionOfConflict, unavailableOf, type EsdbOperation } from './esdb-errors.js';
import { commitPositionOf, esdbEventDataOf, isSystemEvent, storedEventOf } from './esdb-event-codec.js';
import { appendRevisionFor } from './esdb-expected-revision.js';
import { drainingRead } from './esdb-read-drain.js';

/** Knobs of the EventStoreDB store; the defaults suit most deployments. */
export interface EsdbEventStoreTuning {
  /** Events per read request (`maxCount`) for stream and `$all` reads; at least 2 (default 500). */
  readonly pageSize?: number;
  /** Streams whose head the adapter remembers between appends (default 10 000; 0 reads every stream before appending). */
  readonly cachedStreams?: number;
  /** Streams longer than this are not remembered, so every append to them reads the whole stream first (default 10 000 events). */
  readonly cachedStreamMaxEvents?: number;
  /** Fresh reads and writes an append tries before reporting a conflict under contention (default 10). */
  readonly appendAttempts?: number;
  /**
   * Where event ids must be unique. `'store'` (default, the port's contract):
   * before its first write, each event id is claimed in a stream of its own
   * (`itsmEventId-<id>`), so reusing an id in another stream is refused with
   * `EventIdConflict`; this costs one more write per event. `'stream'`:
   * EventStoreDB's native scope, ids are checked within the stream only
   * (faster; an id reused in another stream is written again).
   */
  readonly eventIdScope?: 'store' | 'stream';
}

/** The category of the streams that hold event id claims (reserved: do not use it for aggregates). */
export const EVENT_ID_CLAIM_CATEGORY = 'itsmEventId';
/** The type of a claim event; `$`-prefixed so that every @itsm read skips it as a system event. */
export const EVENT_ID_CLAIM_TYPE = '$itsm.eventIdClaimed';

/** The EventStoreDB store: the port, with `subscribeToAll` always available. */
export interface EsdbEventStore extends EventStore {
  /** A catch-up subscription to `$all` after a position (see {@link subscribeEsdbAll}). */
  subscribeToAll(afterPosition: number): AllSubscription;
}

/** What the adapter knows about a stream's head before appending. */
interface StreamSnapshot {
  readonly version: number;
  /** The hash of the stream's last event (the genesis hash when it has none). */
  readonly hash: string;
  /** Every event id of the stream (grown in place after each append: one append per stream at a time). */
  readonly eventIds: Set<string>;
  /** The id of the stream's last event (undefined when it has none). */
  readonly lastEventId: string | undefined;
  /** True when read just now; false when remembered from this adapter's last append. */
  readonly fresh: boolean;
  /** The stored events whose ids the append carries (fresh snapshots only). */
  readonly repeated: ReadonlyMap<string, StoredEvent>;
}

/** The `repeated` of every remembered snapshot: they carry no stored events. */
const NOTHING_REPEATED: ReadonlyMap<string, StoredEvent> = new Map();

const unavailableOrThrow = (error: unknown, operation: EsdbOperation): EventStoreUnavailable => {
  const unavailable = unavailableOf(error, operation);
  if (!unavailable) throw error;
  return unavailable;
};

const positionOf = (position: number): ReadPosition =>
  position <= 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };

/**
 * Creates the EventStoreDB store over a connected client (e.g.
 * `EventStoreDBClient.connectionString('esdb://host:2113?tls=false')`).
 * `close` ends the store's subscriptions and disposes the client's streams.
 */
export const createEsdbEventStore = (
  client: EventStoreDBClient,
  settings: EventStoreSettings,
  tuning: EsdbEventStoreTuning = {},
): EsdbEventStore => {
  const pageSize = Math.max(2, tuning.pageSize ?? 500);
  const cachedStreams = tuning.cachedStreams ?? 10_000;
  const cachedStreamMaxEvents = tuning.cachedStreamMaxEvents ?? 10_000;
  const appendAttempts = Math.max(1, tuning.appendAttempts ?? 10);
  const claimIds = (tuning.eventIdScope ?? 'store') === 'store';
  const heads = new Map<string, StreamSnapshot>();
  const subscriptions = new Set<AllSubscription>();

  /** Remembers a stream's head after this store's own append (a snapshot with `fresh: false`). */
  const remember = (streamId: string, snapshot: StreamSnapshot): void => {
    heads.delete(streamId);
    if (cachedStreams <= 0 || snapshot.eventIds.size > cachedStreamMaxEvents) return;
    heads.set(streamId, snapshot);
    if (heads.size > cachedStreams) {
      const oldest = heads.keys().next();
      if (!oldest.done) heads.delete(oldest.value);
    }
  };

  /** Every stored event of a stream from `fromVersion`, page by page, as stored (not decoded). */
  async function* readStoredStream(streamId: string, fromVersion: number): AsyncGenerator<StoredEvent> {
    let next = BigInt(Math.max(1, fromVersion) - 1);
    for (;;) {
      let count = 0;
      try {
        for await (const resolved of drainingRead<ResolvedEvent>(
          client.readStream(streamId, { fromRevision: next, maxCount: pageSize }),
        )) {
          count++;
          const stored = storedEventOf(resolved);
          next = BigInt(stored.streamVersion);
          yield stored;
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return;
        if (error instanceof EventStoreFailure) throw error;
        throw new EventStoreFailure(unavailableOrThrow(error, 'read'));
      }
      if (count < pageSize) return;
    }
  }

  /** Reads a stream's head, ids, and the events the append would repeat. */
  const readSnapshot = async (append: PreparedAppend): Promise<Either<EventStoreUnavailable, StreamSnapshot>> => {
    const appendIds = new Set(append.events.map((event) => event.eventId));
    let version = 0;
    let hash = GENESIS_HASH;
    let lastEventId: string | undefined;
    const eventIds = new Set<string>();
    const repeated = new Map<string, StoredEvent>();
    try {
      const remembered = heads.get(append.streamId);
      if (remembered && !append.events.some((event) => remembered.eventIds.has(event.eventId))) {
        // The remembered ids are complete if the stream still ends where this store left it: read only its last event.
        const last = await readLastEvent(append.streamId);
        if (last?.streamVersion === remembered.version && last.eventId === remembered.lastEventId)
          return right({ ...remembered, hash: last.hash, fresh: true, repeated });
      }
      for await (const stored of readStoredStream(append.streamId, 1)) {
        version = stored.streamVersion;
        hash = stored.hash;
        lastEventId = stored.eventId;
        eventIds.add(stored.eventId);
        if (appendIds.has(stored.eventId)) repeated.set(stored.eventId, stored);
      }
    } catch (error) {
      if (!(error instanceof EventStoreFailure)) throw error;
      const failure = error.error;
      return left(
        failure._tag === 'EventStoreUnavailable'
          ? failure
          : eventStoreUnavailable(
              `cannot append: the stream holds an event @itsm cannot read (${error.message})`,
              false,
            ),
      );
    }
    return right({ version, hash, eventIds, lastEventId, fresh: true, repeated });
  };

  /** The last event of a stream as stored, or undefined when it has none; throws `EventStoreFailure`. */
  const readLastEvent = async (streamId: string): Promise<StoredEvent | undefined> => {
    try {
      for await (const resolved of drainingRead<ResolvedEvent>(
        client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }),
      ))
        return storedEventOf(resolved);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      if (error instanceof EventStoreFailure) throw error;
      throw new EventStoreFailure(unavailableOrThrow(error, 'read'));
    }
    return undefined;
  };

  const identityOf = (stored: StoredEvent): StoredEventIdentity => ({
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    type: stored.type,
    dataJson: canonicalJson(stored.data),
    metadata: stored.metadata,
  });

  /** Each appended event's position: the last is in the answer, the others are read back (multi-event appends only). */
  const positionsOf = async (
    streamId: string,
    firstVersion: number,
    count: number,
    lastPosition: number,
  ): Promise<Either<EventStoreUnavailable, number[]>> => {
    const positions: number[] = [];
    try {
      for await (const resolved of drainingRead<ResolvedEvent>(
        client.readStream(streamId, { fromRevision: BigInt(firstVersion - 1), maxCount: count }),
      )) {
        const position = commitPositionOf(resolved);
        if (position === undefined) break;
        positions.push(position);
      }
    } catch (error) {
      return left(unavailableOrThrow(error, 'append'));
    }
    if (positions.length !== count || positions[count - 1] !== lastPosition)
      return left(
        eventStoreUnavailable(
          `the events were written, but reading their positions back failed (got ${positions.length} of ${count}); retry the append`,
          true,
        ),
      );
    return right(positions);
  };

  /** Claims each event id for the stream; refuses ids another stream claimed first. */
  const claimEventIds = async (append: PreparedAppend): Promise<Either<AppendError, void>> => {
    const failures = await Promise.all(
      append.events.map(async (event): Promise<AppendError | undefined> => {
        const claimStream = `${EVENT_ID_CLAIM_CATEGORY}-${event.eventId}`;
        const claim: EventData = {
          // The same stream and event id always make the same claim id, so a retried claim is idempotent.
          id: deterministicEventId(append.streamId, `claim:${event.eventId}`, 0),
          type: EVENT_ID_CLAIM_TYPE,
          contentType: 'application/json',
          data: { streamId: append.streamId, eventId: event.eventId },
          metadata: undefined,
        };
        try {
          await client.appendToStream(claimStream, claim, { expectedRevision: NO_STREAM });
          return undefined;
        } catch (error) {
          // The claim was not written, and neither is the append: the outcome is known.
          if (actualVersionOfConflict(error) === undefined) return { ...unavailableOrThrow(error, 'read') };
        }
        try {
          for await (const resolved of drainingRead<ResolvedEvent>(client.readStream(claimStream, { maxCount: 1 }))) {
            const owner = (resolved.event?.data as { readonly streamId?: unknown } | undefined)?.streamId;
            if (owner === append.streamId) return undefined;
            return {
              _tag: 'EventIdConflict',
              streamId: append.streamId,
              eventId: event.eventId,
              reason: `is already stored in stream ${String(owner)}`,
            };
          }
        } catch (error) {
          return unavailableOrThrow(error, 'read');
        }
        // The claim stream exists but reads empty (deleted or scavenged): another stream owned the id.
        return eventStoreUnavailable(`the claim stream of event id ${event.eventId} exists but cannot be read`, false);
      }),
    );
    const failure = failures.find((result) => result !== undefined);
    return failure ? left(failure) : right(undefined);
  };

  const write = async (
    append: PreparedAppend,
    expected: ExpectedVersion,
    snapshot: StreamSnapshot,
  ): Promise<
    | { readonly _tag: 'Written'; readonly result: Either<AppendError, AppendResult> }
    | { readonly _tag: 'Stale'; readonly actual?: number }
  > => {
    const recordedAt = settings.now().toISOString();
    let previousHash = snapshot.hash;
    const sealed = append.events.map((event, index) => {
      const streamVersion = snapshot.version + index + 1;
      const seal = sealEvent(append.streamId, streamVersion, event, recordedAt, previousHash);
      previousHash = seal.hash;
      return { event, streamVersion, seal };
    });
    const data: EventData[] = sealed.map(({ event, seal }) => esdbEventDataOf(event, seal.metadata, seal.hash));
    let lastPosition: number;
    try {
      const written = await client.appendToStream(append.streamId, data, {
        expectedRevision: appendRevisionFor(expected, snapshot.version),
      });
      // No position: the server recognised the ids as already written and wrote nothing; classify from a fresh read.
      if (!written.position) return { _tag: 'Stale' };
      lastPosition = Number(written.position.commit);
    } catch (error) {
      heads.delete(append.streamId);
      const actual = actualVersionOfConflict(error);
      if (actual !== undefined) return { _tag: 'Stale', actual };
      return { _tag: 'Written', result: left(unavailableOrThrow(error, 'append')) };
    }
    const firstVersion = snapshot.version + 1;
    // A single event's position is in the answer: no read, and no await (the common append stays on one tick).
    const positions =
      sealed.length === 1
        ? right([lastPosition])
        : await positionsOf(append.streamId, firstVersion, sealed.length, lastPosition);
    if (positions._tag === 'Left') {
      heads.delete(append.streamId);
      return { _tag: 'Written', result: positions };
    }
    const eventIds = snapshot.eventIds;
    for (const { event } of sealed) eventIds.add(event.eventId);
    remember(append.streamId, {
      version: snapshot.version + sealed.length,
      hash: previousHash,
      eventIds,
      lastEventId: sealed[sealed.length - 1]?.event.eventId,
      fresh: false,
      repeated: NOTHING_REPEATED,
    });
    const events = sealed.map(({ event, streamVersion, seal }, index) =>
      decodeStoredEvent(settings.schemas, {
        eventId: event.eventId,
        streamId: append.streamId,
        streamVersion,
        globalPosition: positions.right[index] ?? lastPosition,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.parse(event.dataJson) as unknown,
        metadata: seal.metadata,
        hash: seal.hash,
      }),
    );
    return {
      _tag: 'Written',
      result: right({
        nextExpectedVersion: snapshot.version + sealed.length,
        lastPosition,
        alreadyAppended: false,
        events,
      }),
    };
  };

  /** The tail of each stream's queue of appends in this process. */
  const appendQueues = new Map<string, Promise<unknown>>();

  /**
   * Runs the appends of one stream one at a time within this store: they
   * would only race each other for the same head revision (and the losers
   * re-read), while queued they go straight through with the remembered head.
   */
  const queued = <A>(streamId: string, run: () => Promise<A>): Promise<A> => {
    const previous = appendQueues.get(streamId);
    // With nothing queued for the stream (the usual case), the append starts at once.
    const result = previous ? previous.then(run, run) : run();
    const settled = (): void => {
      if (appendQueues.get(streamId) === tail) appendQueues.delete(streamId);
    };
    const tail: Promise<void> = result.then(settled, settled);
    appendQueues.set(streamId, tail);
    return result;
  };

  const appendToStream = (
    streamId: string,
    newEvents: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<Either<AppendError, AppendResult>> => {
    let prepared: ReturnType<typeof prepareAppend>;
    try {
      prepared = prepareAppend(streamId, newEvents, settings);
    } catch (error) {
      // A bug, not a refusal: still reported through the promise, as from any async function.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (prepared._tag === 'Left') return Promise.resolve(prepared);
    return queued(prepared.right.streamId, () => appendPrepared(prepared.right, expected));
  };

  const appendPrepared = async (
    append: PreparedAppend,
    expected: ExpectedVersion,
  ): Promise<Either<AppendError, AppendResult>> => {
    let snapshot = heads.get(append.streamId);
    let actual: number | undefined;
    for (let attempt = 0; attempt < appendAttempts; attempt++) {
      // A remembered head is usable only when none of the ids is in the stream and it satisfies `expected`.
      if (
        snapshot &&
        !snapshot.fresh &&
        (append.events.some((event) => snapshot?.eventIds.has(event.eventId)) ||
          !satisfiesExpectedVersion(expected, snapshot.version))
      )
        snapshot = undefined;
      if (!snapshot) {
        const read = await readSnapshot(append);
        if (read._tag === 'Left') return read;
        snapshot = read.right;
      }
      if (snapshot.fresh) {
        const stored = new Map<string, StoredEventIdentity>();
        for (const [eventId, event] of snapshot.repeated) stored.set(eventId, identityOf(event));
        const verdict = replayVerdict(append, expected, stored);
        if (verdict._tag === 'Conflict') return left(verdict.error);
        if (verdict._tag === 'AlreadyAppended') {
          const repeated = append.events.flatMap((event) => {
            const stored = snapshot?.repeated.get(event.eventId);
            return stored ? [stored] : [];
          });
          const last = repeated[repeated.length - 1];
          return right({
            nextExpectedVersion: last?.streamVersion ?? snapshot.version,
            lastPosition: last?.globalPosition ?? 0,
            alreadyAppended: true,
            events: repeated.map((event) => decodeStoredEvent(settings.schemas, event)),
          });
        }
        if (!satisfiesExpectedVersion(expected, snapshot.version))
          return left(streamVersionConflict(append.streamId, expected, snapshot.version));
      }
      if (claimIds) {
        const claimed = await claimEventIds(append);
        if (claimed._tag === 'Left') return claimed;
      }
      const outcome = await write(append, expected, snapshot);
      if (outcome._tag === 'Written') return outcome.result;
      actual = outcome.actual ?? actual;
      snapshot = undefined;
    }
    return left(streamVersionConflict(append.streamId, expected, actual ?? 0));
  };

  const readStream = (streamId: string, fromVersion = 1): AsyncIterable<RecordedEvent> => ({
    async *[Symbol.asyncIterator]() {
      const parsed = parseStreamId(streamId);
      if (parsed._tag === 'Left') throw new EventStoreFailure(parsed.left);
      for await (const stored of readStoredStream(streamId, fromVersion))
        yield decodeStoredEvent(settings.schemas, stored);
    },
  });

  const readAll = (afterPosition = 0): AsyncIterable<RecordedEvent> => ({
    async *[Symbol.asyncIterator]() {
      // Pages start at the last position seen (reads from a position include it), so skip up to it. Later
      // pages start from the server's own position of that event (its prepare position may differ).
      let seen = afterPosition;
      let from = positionOf(afterPosition);
      for (;;) {
        let count = 0;
        try {
          for await (const resolved of drainingRead<AllStreamResolvedEvent>(
            client.readAll({ fromPosition: from, maxCount: pageSize }),
          )) {
            count++;
            const position = commitPositionOf(resolved);
            if (position === undefined || position <= seen) continue;
            seen = position;
            if (resolved.event) from = resolved.event.position;
            if (isSystemEvent(resolved)) continue;
            yield decodeStoredEvent(settings.schemas, storedEventOf(resolved));
          }
        } catch (error) {
          if (error instanceof EventStoreFailure) throw error;
          throw new EventStoreFailure(unavailableOrThrow(error, 'read'));
        }
        if (count < pageSize) return;
      }
    },
  });

  const headPosition = async (): Promise<Either<EventStoreUnavailable, number>> => {
    let from: ReadPosition = END;
    let before = Number.POSITIVE_INFINITY;
    try {
      for (;;) {
        let count = 0;
        for await (const resolved of drainingRead<AllStreamResolvedEvent>(
          client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: pageSize }),
        )) {
          count++;
          const position = commitPositionOf(resolved);
          if (position === undefined || position >= before) continue;
          before = position;
          if (resolved.event) from = resolved.event.position;
          if (!isSystemEvent(resolved)) return right(position);
        }
        if (count < pageSize || !Number.isFinite(before)) return right(0);
      }
    } catch (error) {
      return left(unavailableOrThrow(error, 'read'));
    }
  };

  const store: EsdbEventStore = {
    appendToStream,
    readStream,
    readAll,
    headPosition,
    subscribeToAll: (afterPosition) => {
      const subscription = subscribeEsdbAll(client, settings, afterPosition, headPosition);
      subscriptions.add(subscription);
      return {
        [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
        stop: async () => {
          subscriptions.delete(subscription);
          await subscription.stop();
        },
      };
    },
    close: async () => {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      subscriptions.clear();
      heads.clear();
      await client.dispose();
    },
  };
  return store;
};
