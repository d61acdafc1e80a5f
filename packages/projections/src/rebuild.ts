/**
 * Rebuilding a read model: run a new version of a projection beside the
 * live one and swap it in when it has caught up.
 *
 * A rebuild is the runner applied to a version that is not live yet: its
 * tables are `<table>_v<new>`, filled from position 0 while the live version
 * keeps serving (and may keep being updated by its own worker); when the
 * new version reaches the head it is swapped in, in one transaction (views
 * re-pointed, the old version retired and its tables dropped). Progress
 * (events/s, ETA) is reported after every batch. An interrupted rebuild
 * (signal, crash) keeps its own checkpoint and resumes from it.
 *
 * To rebuild the same version from scratch, `dropProjection` it and run it
 * again (readers then see it fill up), or bump its version.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { EventStore } from '@itsm/event-store';
import type { AnyProjection, ReadModels } from './projection.js';
import type { ProjectionFailed, ProjectionRunError } from './projection-errors.js';
import {
  runProjection,
  type ProjectionCaughtUp,
  type ProjectionInterrupted,
  type ProjectionRunSettings,
} from './projection-runner.js';

/**
 * Builds `projection` (a new version) beside the live one and swaps it in
 * once caught up. Resumes an interrupted rebuild of the same version.
 */
export const rebuildProjection = (
  db: ReadModels,
  store: EventStore,
  projection: AnyProjection,
  settings: ProjectionRunSettings = {},
): Promise<Either<ProjectionRunError | ProjectionFailed, ProjectionCaughtUp | ProjectionInterrupted>> =>
  runProjection(db, store, projection, { batchSize: 2000, ...settings, swapWhenCaughtUp: true });
