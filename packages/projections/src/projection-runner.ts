/**
 * The projection runner: reads the event log from each projection's
 * checkpoint in batches and, per batch, writes the read-model changes and
 * the checkpoints in one transaction (exactly once: a crash loses the whole
 * batch or nothing, and the next run resumes from the checkpoint).
 *
 * Several projections run in one pass over the log: the pass starts at the
 * lowest checkpoint, each projection sees only the events after its own
 * checkpoint that it `handles`. A projection that throws stops at that event
 * ({@link ProjectionFailed}: position, type, error; its checkpoint stays
 * before the event) while the others go on.
 *
 * Modes: {@link runProjections} catches up and stops; {@link startProjectionWorker}
 * keeps going, woken by the store's `subscribeToAll` when it has one, or by
 * polling `headPosition`. A `building` version (a rebuild beside the live
 * one) is swapped in when it has caught up.
 *
 * Limits: one batch is held in memory (`batchSize` events, default 1000); a
 * pass reads from the lowest checkpoint, so a projection far behind slows the
 * pass for the others until it has caught up (run it in its own worker if
 * that matters).
 *
 * @module
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { EventStoreFailure, type EventStore, type RecordedEvent } from '@itsm/event-store';
import type { Transaction } from 'kysely';
import type { AnyProjection, ReadModels, TableNames } from './projection.js';
import { projectionDefinitionProblem } from './projection.js';
import type { ProjectionFailed, ProjectionRunError, ProjectionVersionSuperseded } from './projection-errors.js';
import {
  CheckpointMoved,
  advanceCheckpoint,
  ensureProjectionRegistry,
  migrateProjection,
  pointViewsAt,
  projectionVersions,
  recordProjectionFailure,
  registerProjectionVersion,
  swapInProjectionVersion,
  type ProjectionVersionState,
} from './projection-registry.js';
import { LeaseLost, renewSqliteLease, withProjectionLeases, type LeaseSettings } from './projection-lease.js';
import { VersionedTablesPlugin, tableNamesOf } from './versioned-tables.js';
import type { AnyDatabase } from './projection.js';

/** Progress of a run, reported after every batch (for progress bars). */
export interface ProjectionProgress {
  /** The projection versions in this run, as `name@vN`. */
  readonly projections: readonly string[];
  /** The lowest checkpoint of the run's projections. */
  readonly position: number;
  /** The log head as last seen. */
  readonly head: number;
  /** `head − position`: events still to project. */
  readonly lag: number;
  /** Events read in this run so far. */
  readonly eventsRead: number;
  /** Events read per second in this run. */
  readonly eventsPerSecond: number;
  /** Seconds until caught up at the current rate (`undefined` before the rate is known). */
  readonly etaSeconds: number | undefined;
}

/** How a run behaves; every field has a default. */
export interface ProjectionRunSettings {
  /** Events per batch transaction (default 1000). */
  readonly batchSize?: number;
  /** Who this worker is (default `<host>:<pid>:<random>`); see `projection-lease`. */
  readonly owner?: string;
  /** SQLite lease time-to-live in ms (default 30 s). */
  readonly leaseTtlMs?: number;
  /** How long to wait for a lease another worker holds, in ms (default 0: refuse at once). */
  readonly waitForLeaseMs?: number;
  /** The clock for checkpoint timestamps and lease expiry. */
  readonly now?: () => Date;
  /** Called after every batch. */
  readonly onProgress?: (progress: ProjectionProgress) => void;
  /** Aborting it stops the run after the current batch (the checkpoint is kept: the next run resumes). */
  readonly signal?: AbortSignal;
  /** Swap a caught-up `building` version in (default true). */
  readonly swapWhenCaughtUp?: boolean;
}

/** Settings of a continuous worker. */
export interface ProjectionWorkerSettings extends ProjectionRunSettings {
  /** How often to look for new events when the store cannot push them, in ms (default 200). */
  readonly pollIntervalMs?: number;
}

/** A projection version has projected every event of the log (as far as the run read it). */
export interface ProjectionCaughtUp {
  readonly _tag: 'CaughtUp';
  readonly projection: string;
  readonly version: number;
  readonly position: number;
  readonly state: ProjectionVersionState;
  /** True when this run swapped this version in (a rebuild finished). */
  readonly swapped: boolean;
}

/** The run was stopped (signal) before catching up; the checkpoint is kept. */
export interface ProjectionInterrupted {
  readonly _tag: 'Interrupted';
  readonly projection: string;
  readonly version: number;
  readonly position: number;
}

/** How one projection version ended a run. */
export type ProjectionOutcome =
  ProjectionCaughtUp | ProjectionInterrupted | ProjectionFailed | ProjectionVersionSuperseded;

/** What a run did. */
export interface ProjectionRunReport {
  readonly outcomes: readonly ProjectionOutcome[];
  /** Events read from the log in this run. */
  readonly eventsRead: number;
}

interface Slot {
  readonly projection: AnyProjection;
  readonly handles: ReadonlySet<string>;
  readonly names: TableNames;
  readonly plugin: VersionedTablesPlugin;
  position: number;
  state: ProjectionVersionState;
  swapped: boolean;
  /** Set when the projection stopped for good in this run. */
  stopped?: ProjectionFailed | ProjectionVersionSuperseded;
}

interface RunContext {
  readonly db: ReadModels;
  readonly store: EventStore;
  readonly slots: Slot[];
  readonly batchSize: number;
  readonly renewInTransactions: boolean;
  readonly lease: LeaseSettings;
  readonly settings: ProjectionRunSettings;
  readonly startedAt: number;
  eventsRead: number;
  head: number;
  readonly afterBatch: () => void;
}

const resolved = (settings: ProjectionRunSettings): LeaseSettings => ({
  owner: settings.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  ttlMs: settings.leaseTtlMs ?? 30_000,
  waitMs: settings.waitForLeaseMs ?? 0,
  now: settings.now ?? (() => new Date()),
});

const keyOf = (projection: AnyProjection) => ({ projection: projection.name, version: projection.version });

const activeSlots = (context: RunContext): Slot[] => context.slots.filter((slot) => slot.stopped === undefined);

const writerOf = (trx: Transaction<AnyDatabase>, slot: Slot): Transaction<AnyDatabase> => trx.withPlugin(slot.plugin);

const applyEvents = async (
  trx: Transaction<AnyDatabase>,
  slot: Slot,
  events: readonly RecordedEvent[],
): Promise<void> => {
  if (events.length === 0) return;
  const writer = writerOf(trx, slot);
  if (slot.projection.applyBatch !== undefined) await slot.projection.applyBatch(writer, events, slot.names);
  else for (const event of events) await slot.projection.apply(writer, event, slot.names);
};

const relevantEvents = (slot: Slot, events: readonly RecordedEvent[]): RecordedEvent[] =>
  events.filter((event) => event.globalPosition > slot.position && slot.handles.has(event.type));

/** Re-reads checkpoints and states after another writer (or a swap) moved them. */
const refreshSlots = async (context: RunContext): Promise<void> => {
  const rows = await projectionVersions(context.db);
  for (const slot of activeSlots(context)) {
    const row = rows.find((r) => r.name === slot.projection.name && r.version === slot.projection.version);
    const live = rows.find((r) => r.name === slot.projection.name && r.state === 'live');
    if (row === undefined || row.state === 'retired') {
      slot.stopped = {
        _tag: 'ProjectionVersionSuperseded',
        projection: slot.projection.name,
        version: slot.projection.version,
        liveVersion: live?.version ?? slot.projection.version,
      };
    } else {
      slot.position = row.position;
      slot.state = row.state;
    }
  }
};

const now = (context: RunContext) => context.lease.now;

/** Runs one batch for the given slots in one transaction. */
const commitBatch = async (
  context: RunContext,
  slots: readonly Slot[],
  events: readonly RecordedEvent[],
): Promise<void> => {
  const end = events[events.length - 1]?.globalPosition ?? 0;
  await context.db.transaction().execute(async (trx) => {
    for (const slot of slots) {
      await advanceCheckpoint(trx, slot.projection, slot.position, end, now(context));
      if (context.renewInTransactions) await renewSqliteLease(trx, keyOf(slot.projection), context.lease);
      await applyEvents(trx, slot, relevantEvents(slot, events));
    }
  });
  for (const slot of slots) slot.position = end;
};

/** After a failed batch: finds, for one projection, the event at fault, committing every event before it. */
const isolateFailure = async (context: RunContext, slot: Slot, events: readonly RecordedEvent[]): Promise<void> => {
  try {
    await commitBatch(context, [slot], events);
    return;
  } catch (error) {
    if (error instanceof CheckpointMoved || error instanceof LeaseLost) throw error;
  }
  for (const event of events) {
    if (event.globalPosition <= slot.position) continue;
    try {
      await context.db.transaction().execute(async (trx) => {
        await advanceCheckpoint(trx, slot.projection, slot.position, event.globalPosition, now(context));
        if (context.renewInTransactions) await renewSqliteLease(trx, keyOf(slot.projection), context.lease);
        if (slot.handles.has(event.type)) await slot.projection.apply(writerOf(trx, slot), event, slot.names);
      });
      slot.position = event.globalPosition;
    } catch (error) {
      if (error instanceof CheckpointMoved || error instanceof LeaseLost) throw error;
      const failure: ProjectionFailed = {
        _tag: 'ProjectionFailed',
        projection: slot.projection.name,
        version: slot.projection.version,
        position: event.globalPosition,
        eventType: event.type,
        streamId: event.streamId,
        error: error instanceof Error ? error.message : String(error),
        checkpoint: slot.position,
      };
      slot.stopped = failure;
      await recordProjectionFailure(context.db, slot.projection, failure, now(context));
      return;
    }
  }
};

/** Projects one batch; 'restart' when checkpoints moved under this worker (re-read from the new positions). */
const projectBatch = async (context: RunContext, events: readonly RecordedEvent[]): Promise<'ok' | 'restart'> => {
  const last = events[events.length - 1];
  if (last === undefined) return 'ok';
  context.eventsRead += events.length;
  context.head = Math.max(context.head, last.globalPosition);
  const slots = activeSlots(context).filter((slot) => slot.position < last.globalPosition);
  try {
    if (slots.length > 0) {
      try {
        await commitBatch(context, slots, events);
      } catch (error) {
        if (error instanceof CheckpointMoved || error instanceof LeaseLost) throw error;
        for (const slot of slots) await isolateFailure(context, slot, events);
      }
    }
  } catch (error) {
    if (error instanceof CheckpointMoved) {
      await refreshSlots(context);
      return 'restart';
    }
    throw error;
  }
  reportProgress(context);
  context.afterBatch();
  return 'ok';
};

const lowestPosition = (context: RunContext): number => {
  const active = activeSlots(context);
  return active.length === 0 ? context.head : Math.min(...active.map((slot) => slot.position));
};

const reportProgress = (context: RunContext): void => {
  if (context.settings.onProgress === undefined) return;
  const position = lowestPosition(context);
  const seconds = (Date.now() - context.startedAt) / 1000;
  const eventsPerSecond = seconds > 0 ? context.eventsRead / seconds : 0;
  const lag = Math.max(0, context.head - position);
  context.settings.onProgress({
    projections: context.slots.map((slot) => `${slot.projection.name}@v${slot.projection.version}`),
    position,
    head: context.head,
    lag,
    eventsRead: context.eventsRead,
    eventsPerSecond,
    etaSeconds: eventsPerSecond > 0 ? lag / eventsPerSecond : undefined,
  });
};

type PassResult = 'done' | 'interrupted';

/** Reads the log from the lowest checkpoint to its end, batch by batch. */
const catchUp = async (context: RunContext): Promise<PassResult> => {
  const head = await context.store.headPosition();
  if (head._tag === 'Right') context.head = Math.max(context.head, head.right);
  for (;;) {
    if (activeSlots(context).length === 0) return 'done';
    let restart = false;
    let batch: RecordedEvent[] = [];
    for await (const event of context.store.readAll(lowestPosition(context))) {
      batch.push(event);
      if (batch.length < context.batchSize) continue;
      const result = await projectBatch(context, batch);
      batch = [];
      if (result === 'restart') {
        restart = true;
        break;
      }
      if (context.settings.signal?.aborted === true) return 'interrupted';
    }
    if (!restart && batch.length > 0) restart = (await projectBatch(context, batch)) === 'restart';
    if (!restart) return 'done';
  }
};

/** Swaps in every `building` version that has caught up. */
const swapCaughtUp = async (context: RunContext): Promise<void> => {
  if (context.settings.swapWhenCaughtUp === false) return;
  for (const slot of activeSlots(context)) {
    if (slot.state !== 'building') continue;
    if (await swapInProjectionVersion(context.db, slot.projection, now(context))) {
      slot.state = 'live';
      slot.swapped = true;
    }
  }
};

const outcomesOf = (context: RunContext, interrupted: boolean): ProjectionOutcome[] =>
  context.slots.map((slot): ProjectionOutcome => {
    if (slot.stopped !== undefined) return slot.stopped;
    const base = { projection: slot.projection.name, version: slot.projection.version, position: slot.position };
    return interrupted
      ? { _tag: 'Interrupted', ...base }
      : { _tag: 'CaughtUp', ...base, state: slot.state, swapped: slot.swapped };
  });

/** Validates, registers and migrates the projections; builds the run context. */
const prepare = async (
  db: ReadModels,
  store: EventStore,
  projections: readonly AnyProjection[],
  lease: LeaseSettings,
  renewInTransactions: boolean,
  settings: ProjectionRunSettings,
  afterBatch: () => void,
): Promise<Either<ProjectionRunError, RunContext>> => {
  const slots: Slot[] = [];
  for (const projection of projections) {
    const registered = await registerProjectionVersion(db, projection, lease.now);
    const slot: Slot = {
      projection,
      handles: new Set(projection.handles),
      names: tableNamesOf(projection),
      plugin: new VersionedTablesPlugin(projection),
      position: 0,
      state: 'building',
      swapped: false,
    };
    if (registered._tag === 'Left') {
      slots.push({ ...slot, stopped: registered.left });
      continue;
    }
    const migrated = await migrateProjection(db, projection);
    if (migrated._tag === 'Left') return migrated;
    slot.position = registered.right.position;
    slot.state = registered.right.state;
    if (slot.state === 'live') await db.transaction().execute((trx) => pointViewsAt(trx, projection));
    slots.push(slot);
  }
  return right({
    db,
    store,
    slots,
    batchSize: Math.max(1, settings.batchSize ?? 1000),
    renewInTransactions,
    lease,
    settings,
    startedAt: Date.now(),
    eventsRead: 0,
    head: 0,
    afterBatch,
  });
};

const checkDefinitions = (projections: readonly AnyProjection[]): Either<ProjectionRunError, void> => {
  const seen = new Set<string>();
  for (const projection of projections) {
    const problem = projectionDefinitionProblem(projection);
    if (problem !== undefined) return left({ _tag: 'InvalidProjection', projection: projection.name, reason: problem });
    if (seen.has(projection.name))
      return left({ _tag: 'InvalidProjection', projection: projection.name, reason: 'listed twice in one run' });
    seen.add(projection.name);
  }
  return right(undefined);
};

/** Runs `body` with leases held and read failures turned into values. */
const guarded = async <T>(
  db: ReadModels,
  projections: readonly AnyProjection[],
  lease: LeaseSettings,
  body: (db: ReadModels, renewInTransactions: boolean) => Promise<Either<ProjectionRunError, T>>,
): Promise<Either<ProjectionRunError, T>> => {
  const definitions = checkDefinitions(projections);
  if (definitions._tag === 'Left') return definitions;
  await ensureProjectionRegistry(db);
  try {
    const result = await withProjectionLeases(db, projections.map(keyOf), lease, (held) =>
      body(held.db, held.renewInTransactions),
    );
    return result._tag === 'Left' ? result : result.right;
  } catch (error) {
    if (error instanceof EventStoreFailure) return left({ _tag: 'ProjectionReadFailed', error: error.error });
    if (error instanceof LeaseLost)
      return left({ _tag: 'ProjectionLeaseHeld', projection: error.key.projection, version: error.key.version });
    throw error;
  }
};

/**
 * Catches the projections up with the log and stops. A `building` version
 * that caught up is swapped in. Stopped by `signal` after the current batch.
 */
export const runProjections = async (
  db: ReadModels,
  store: EventStore,
  projections: readonly AnyProjection[],
  settings: ProjectionRunSettings = {},
): Promise<Either<ProjectionRunError, ProjectionRunReport>> => {
  const lease = resolved(settings);
  return guarded(db, projections, lease, async (writer, renew) => {
    const prepared = await prepare(writer, store, projections, lease, renew, settings, () => undefined);
    if (prepared._tag === 'Left') return prepared;
    const context = prepared.right;
    const result = await catchUp(context);
    if (result === 'done') await swapCaughtUp(context);
    return right({ outcomes: outcomesOf(context, result === 'interrupted'), eventsRead: context.eventsRead });
  });
};

/** Catches one projection up: its outcome, or why it could not run or stopped. */
export const runProjection = async (
  db: ReadModels,
  store: EventStore,
  projection: AnyProjection,
  settings: ProjectionRunSettings = {},
): Promise<Either<ProjectionRunError | ProjectionFailed, ProjectionCaughtUp | ProjectionInterrupted>> => {
  const run = await runProjections(db, store, [projection], settings);
  if (run._tag === 'Left') return run;
  const outcome = run.right.outcomes[0];
  if (outcome === undefined) throw new Error('a run of one projection reported no outcome');
  return outcome._tag === 'CaughtUp' || outcome._tag === 'Interrupted' ? right(outcome) : left(outcome);
};

/** A running continuous worker. */
export interface ProjectionWorker {
  /** Stops after the current batch and releases the leases; resolves with the run's report. */
  readonly stop: () => Promise<Either<ProjectionRunError, ProjectionRunReport>>;
  /** Resolves when every running projection has projected up to `position` (or stopped for good). */
  readonly caughtUpTo: (position: number) => Promise<void>;
  /** Resolves when the worker ended by itself (a setup failure, a lost lease, every projection stopped). */
  readonly done: Promise<Either<ProjectionRunError, ProjectionRunReport>>;
}

/**
 * Starts a worker that catches the projections up, then follows the log:
 * pushed by `subscribeToAll` when the store has it, else polling
 * `headPosition` every `pollIntervalMs`.
 */
export const startProjectionWorker = (
  db: ReadModels,
  store: EventStore,
  projections: readonly AnyProjection[],
  settings: ProjectionWorkerSettings = {},
): ProjectionWorker => {
  const lease = resolved(settings);
  let stopping = false;
  let wake: (() => void) | undefined;
  let stopSubscription: (() => Promise<void>) | undefined;
  const waiters: { position: number; resolve: () => void }[] = [];
  let context: RunContext | undefined;
  const checkWaiters = () => {
    if (context === undefined) return;
    const position = lowestPosition(context);
    for (const waiter of waiters.splice(0)) {
      if (position >= waiter.position || activeSlots(context).length === 0) waiter.resolve();
      else waiters.push(waiter);
    }
  };
  const pollIntervalMs = settings.pollIntervalMs ?? 200;

  const follow = async (ctx: RunContext): Promise<void> => {
    for (;;) {
      if (stopping) return;
      await catchUp(ctx);
      await swapCaughtUp(ctx);
      checkWaiters();
      if (stopping || activeSlots(ctx).length === 0) return;
      if (store.subscribeToAll !== undefined) {
        const subscription = store.subscribeToAll(lowestPosition(ctx));
        stopSubscription = subscription.stop;
        let batch: RecordedEvent[] = [];
        let restart = false;
        for await (const message of subscription) {
          if (stopping) break;
          if (message._tag === 'Event') {
            if (message.event.globalPosition <= lowestPosition(ctx) && batch.length === 0) continue;
            batch.push(message.event);
            if (batch.length < ctx.batchSize) continue;
          } else if (message._tag === 'FellBehind') continue;
          if (batch.length > 0) {
            restart = (await projectBatch(ctx, batch)) === 'restart';
            batch = [];
          }
          if (message._tag === 'CaughtUp') {
            ctx.head = Math.max(ctx.head, message.position);
            await swapCaughtUp(ctx);
            checkWaiters();
          }
          if (restart || activeSlots(ctx).length === 0) break;
        }
        await subscription.stop();
        stopSubscription = undefined;
        if (!restart) return;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollIntervalMs);
        });
        wake = undefined;
      }
    }
  };

  const done = guarded(db, projections, lease, async (writer, renew) => {
    const prepared = await prepare(writer, store, projections, lease, renew, settings, checkWaiters);
    if (prepared._tag === 'Left') return prepared;
    context = prepared.right;
    checkWaiters();
    await follow(context);
    checkWaiters();
    return right({ outcomes: outcomesOf(context, stopping), eventsRead: context.eventsRead });
  }).finally(() => {
    for (const waiter of waiters.splice(0)) waiter.resolve();
  });

  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await stopSubscription?.();
      return done;
    },
    caughtUpTo: (position) =>
      new Promise<void>((resolve) => {
        waiters.push({ position, resolve });
        checkWaiters();
      }),
    done,
  };
};

/** The state of one projection version, with its lag behind the log. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly state: ProjectionVersionState;
  readonly position: number;
  readonly head: number;
  /** `head − position`. */
  readonly lag: number;
  /** The last failure, if the projection is stopped on an event. */
  readonly lastError: ProjectionFailed | undefined;
}

/** Every registered projection version with its checkpoint and lag (log head − checkpoint). */
export const projectionStatus = async (db: ReadModels, store: EventStore): Promise<ProjectionStatus[]> => {
  await ensureProjectionRegistry(db);
  const head = await store.headPosition();
  const headPosition = head._tag === 'Right' ? head.right : Number.NaN;
  const rows = await projectionVersions(db);
  return rows.map((row) => ({
    name: row.name,
    version: row.version,
    state: row.state,
    position: row.position,
    head: headPosition,
    lag: headPosition - row.position,
    lastError: row.last_error === null ? undefined : (JSON.parse(row.last_error) as ProjectionFailed),
  }));
};
