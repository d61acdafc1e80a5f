/**
 * The failures of projecting, as tagged values.
 *
 * @module
 */
import type { ReadError } from '@itsm/event-store';

/**
 * A projection threw on an event. It stopped there: its checkpoint stays at
 * the event before, nothing of the failing event was written, and the next
 * run starts again at this event (no skipping).
 */
export interface ProjectionFailed {
  readonly _tag: 'ProjectionFailed';
  readonly projection: string;
  readonly version: number;
  /** The global position of the event at fault. */
  readonly position: number;
  readonly eventType: string;
  readonly streamId: string;
  /** The error's message. */
  readonly error: string;
  /** Where the checkpoint stays (the position before the event). */
  readonly checkpoint: number;
}

/** Another worker holds the projection's lease (SQLite lease row or PostgreSQL advisory lock). */
export interface ProjectionLeaseHeld {
  readonly _tag: 'ProjectionLeaseHeld';
  readonly projection: string;
  readonly version: number;
  /** The holder, when known (SQLite leases name their owner; advisory locks do not). */
  readonly owner?: string;
  /** When the SQLite lease expires (ms since the epoch), when known. */
  readonly expiresAt?: number;
}

/** A newer version of the projection is live (or this version was retired): this worker must not write. */
export interface ProjectionVersionSuperseded {
  readonly _tag: 'ProjectionVersionSuperseded';
  readonly projection: string;
  readonly version: number;
  readonly liveVersion: number;
}

/** The projection definition is unusable (bad name, version or table names). */
export interface InvalidProjection {
  readonly _tag: 'InvalidProjection';
  readonly projection: string;
  readonly reason: string;
}

/** The event log could not be read. */
export interface ProjectionReadFailed {
  readonly _tag: 'ProjectionReadFailed';
  readonly error: ReadError;
}

/** A migration of the projection's tables failed. */
export interface ProjectionMigrationFailed {
  readonly _tag: 'ProjectionMigrationFailed';
  readonly projection: string;
  readonly version: number;
  readonly migration: string;
  readonly error: string;
}

/** Why a run could not start or had to stop for every projection. */
export type ProjectionRunError =
  | ProjectionLeaseHeld
  | ProjectionVersionSuperseded
  | InvalidProjection
  | ProjectionReadFailed
  | ProjectionMigrationFailed;

/** One line naming the projection, position, type or holder involved. */
export const describeProjectionError = (error: ProjectionRunError | ProjectionFailed): string => {
  switch (error._tag) {
    case 'ProjectionFailed':
      return `projection ${error.projection} v${error.version} failed on ${error.eventType} at position ${error.position} (stream ${error.streamId}): ${error.error}; checkpoint stays at ${error.checkpoint}`;
    case 'ProjectionLeaseHeld':
      return `projection ${error.projection} v${error.version} is being written by another worker${error.owner === undefined ? '' : ` (${error.owner})`}`;
    case 'ProjectionVersionSuperseded':
      return `projection ${error.projection} v${error.version} is superseded: v${error.liveVersion} is live`;
    case 'InvalidProjection':
      return `projection ${error.projection}: ${error.reason}`;
    case 'ProjectionReadFailed':
      return `reading the event log failed: ${error.error._tag}${'reason' in error.error ? `: ${error.error.reason}` : ''}`;
    case 'ProjectionMigrationFailed':
      return `projection ${error.projection} v${error.version}: migration ${error.migration} failed: ${error.error}`;
  }
};
