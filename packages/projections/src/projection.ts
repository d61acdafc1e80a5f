/**
 * What a projection is: a named, versioned function from events to
 * read-model changes, over kysely.
 *
 * `handles` is explicit: events of other types are passed over by design
 * (the checkpoint still moves past them). A projection owns the tables it
 * lists in `tables`; the runner gives each version its own physical tables
 * (`<table>_v<version>`, see `versioned-tables`), so `apply` and the
 * migrations are written against the logical names and a new version can be
 * built beside the live one.
 *
 * Limits: `apply` must only touch the projection's own tables (or tables it
 * creates in its migrations); it runs inside the runner's transaction and
 * must not commit or roll back.
 *
 * @module
 */
import type { Kysely, Migration, Transaction } from 'kysely';
import type { RecordedEvent } from '@itsm/event-store';

/**
 * Any kysely database interface: read models are reached by table names
 * known at run time (versioned physical names, views), so the runner and
 * the helpers work on untyped databases; projections type their own tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- table names are only known at run time
export type AnyDatabase = any;

/** Resolves a projection's logical table name to the physical table of the version being written. */
export type TableNames = (logical: string) => string;

/**
 * A projection: turns the events it handles into rows of its read model.
 *
 * @typeParam DB - the kysely database interface of its tables (logical names)
 */
export interface Projection<DB = AnyDatabase> {
  /** A stable name, `[a-z][a-z0-9_]*` (up to 40 characters); checkpoints and leases are keyed by it. */
  readonly name: string;
  /** The version of the read model; a new version is built beside the live one, then swapped in. */
  readonly version: number;
  /** The event types it handles; every other type is passed over. */
  readonly handles: readonly string[];
  /** The logical names of the tables it owns (views with these names show the live version). */
  readonly tables: readonly string[];
  /** kysely migrations creating its tables, by name (run in name order), written with logical names. */
  readonly migrations: Readonly<Record<string, Migration>>;
  /** Applies one event inside the runner's transaction. */
  readonly apply: (trx: Transaction<DB>, event: RecordedEvent, tables: TableNames) => Promise<void>;
  /**
   * Applies a batch of handled events at once (optional, for speed: load
   * rows once, write them with multi-row statements). Must have the same
   * effect as `apply` on each event in order. When a batch fails the runner
   * replays it event by event with `apply` to find the event at fault.
   */
  readonly applyBatch?: (trx: Transaction<DB>, events: readonly RecordedEvent[], tables: TableNames) => Promise<void>;
}

/** Any projection, whatever its tables. */
export type AnyProjection = Projection<AnyDatabase>;

/** A read-model database (any schema). */
export type ReadModels = Kysely<AnyDatabase>;

const namePattern = /^[a-z][a-z0-9_]{0,39}$/;

/** Why a projection definition is unusable, or `undefined` when it is fine. */
export const projectionDefinitionProblem = (projection: AnyProjection): string | undefined => {
  if (!namePattern.test(projection.name))
    return `projection name ${JSON.stringify(projection.name)} must match ${namePattern.source}`;
  if (!Number.isSafeInteger(projection.version) || projection.version < 1)
    return `projection ${projection.name}: version must be an integer ≥ 1`;
  for (const table of projection.tables)
    if (!/^[a-z][a-z0-9_]{0,40}$/.test(table))
      return `projection ${projection.name}: table name ${JSON.stringify(table)} is not [a-z][a-z0-9_]*`;
  return undefined;
};
