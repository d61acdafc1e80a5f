/**
 * The projection registry: one row per projection version in the read-model
 * database (`itsm_projections`), holding its state (`building`, `live`,
 * `retired`), its checkpoint (the global position of the last event it
 * covers) and its physical tables. The checkpoint is updated in the same
 * transaction as the rows it covers, so a read model is exactly once.
 *
 * A version is registered `live` when no version of the projection is live,
 * `building` beside a live older version (a rebuild), and refused when a
 * newer version is live. The swap makes a caught-up `building` version live
 * in one transaction: views re-pointed, the old version retired and its
 * tables dropped.
 *
 * @module
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type Transaction } from 'kysely';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { AnyProjection, ReadModels } from './projection.js';
import type { ProjectionMigrationFailed, ProjectionVersionSuperseded } from './projection-errors.js';
import { VersionedTablesPlugin, physicalTableName } from './versioned-tables.js';
import { dialectOf } from './read-model-database.js';
import type { AnyDatabase } from './projection.js';

/** The state of a projection version. */
export type ProjectionVersionState = 'building' | 'live' | 'retired';

/** The `itsm_projections` table: one row per projection version. */
export interface ProjectionRegistryTable {
  name: string;
  version: number;
  state: ProjectionVersionState;
  /** The checkpoint: global position of the last event covered (0: none). */
  position: number;
  /** JSON array of the physical tables of this version. */
  tables: string;
  /** The last failure (`ProjectionFailed` as JSON), cleared by the next successful batch. */
  last_error: string | null;
  updated_at: string;
}

/** The `itsm_projection_leases` table (SQLite): who writes which projection version until when. */
export interface ProjectionLeaseTable {
  lease: string;
  owner: string;
  /** Milliseconds since the epoch. */
  expires_at: number;
}

/** The tables the runner keeps beside the read models. */
export interface ProjectionRegistryDatabase {
  itsm_projections: ProjectionRegistryTable;
  itsm_projection_leases: ProjectionLeaseTable;
}

/** The registry's tables, created if missing (idempotent; tolerates a concurrent creator). */
export const ensureProjectionRegistry = async (db: ReadModels): Promise<void> => {
  const create = () =>
    db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('itsm_projections')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('tables', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('itsm_projections_pk', ['name', 'version'])
        .execute();
      await trx.schema
        .createTable('itsm_projection_leases')
        .ifNotExists()
        .addColumn('lease', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    });
  try {
    await create();
  } catch {
    // PostgreSQL's CREATE TABLE IF NOT EXISTS races with a concurrent creator
    // (unique violation on the catalog); the second attempt sees the table.
    await create();
  }
};

const registry = (db: ReadModels | Transaction<AnyDatabase>) => db as unknown as Kysely<ProjectionRegistryDatabase>;

/** The registry rows of every projection version (all names, or one). */
export const projectionVersions = async (db: ReadModels, name?: string): Promise<ProjectionRegistryTable[]> => {
  let query = registry(db).selectFrom('itsm_projections').selectAll();
  if (name !== undefined) query = query.where('name', '=', name);
  const rows = await query.orderBy('name').orderBy('version').execute();
  return rows.map((row) => ({ ...row, version: Number(row.version), position: Number(row.position) }));
};

/** The registered version of a projection: its state and checkpoint. */
export interface RegisteredVersion {
  readonly state: ProjectionVersionState;
  readonly position: number;
}

/**
 * Registers a projection version (or finds it): `live` when no version is
 * live, `building` beside an older live version; refused when superseded.
 */
export const registerProjectionVersion = async (
  db: ReadModels,
  projection: AnyProjection,
  now: () => Date,
): Promise<Either<ProjectionVersionSuperseded, RegisteredVersion>> =>
  db.transaction().execute(async (trx) => {
    const rows = await registry(trx)
      .selectFrom('itsm_projections')
      .selectAll()
      .where('name', '=', projection.name)
      .execute();
    const live = rows.find((row) => row.state === 'live');
    const mine = rows.find((row) => Number(row.version) === projection.version);
    const superseded = (liveVersion: number): Either<ProjectionVersionSuperseded, RegisteredVersion> =>
      left({
        _tag: 'ProjectionVersionSuperseded',
        projection: projection.name,
        version: projection.version,
        liveVersion,
      });
    if (mine?.state === 'retired') return superseded(live === undefined ? projection.version : Number(live.version));
    if (live !== undefined && Number(live.version) > projection.version) return superseded(Number(live.version));
    if (mine !== undefined) return right({ state: mine.state, position: Number(mine.position) });
    const state: ProjectionVersionState = live === undefined ? 'live' : 'building';
    await registry(trx)
      .insertInto('itsm_projections')
      .values({
        name: projection.name,
        version: projection.version,
        state,
        position: 0,
        tables: JSON.stringify(projection.tables.map((table) => physicalTableName(table, projection.version))),
        last_error: null,
        updated_at: now().toISOString(),
      })
      .execute();
    return right({ state, position: 0 });
  });

const migrationTableOf = (projection: Pick<AnyProjection, 'name' | 'version'>): string =>
  `itsm_migrations_${projection.name}_v${projection.version}`;

/** Runs a projection version's kysely migrations on its physical tables. */
export const migrateProjection = async (
  db: ReadModels,
  projection: AnyProjection,
): Promise<Either<ProjectionMigrationFailed, void>> => {
  const provider: MigrationProvider = {
    getMigrations: async () => projection.migrations as Record<string, Migration>,
  };
  const migrationTableName = migrationTableOf(projection);
  // kysely's Migrator looks its tables up by name in every schema unless told
  // which one: on PostgreSQL, pin it to the schema the read models live in.
  const schema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.withPlugin(new VersionedTablesPlugin(projection)),
    provider,
    migrationTableName,
    migrationLockTableName: `${migrationTableName}_lock`,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const result = await migrator.migrateToLatest();
  if (result.error === undefined) return right(undefined);
  const failed = result.results?.find((r) => r.status === 'Error');
  return left({
    _tag: 'ProjectionMigrationFailed',
    projection: projection.name,
    version: projection.version,
    migration: failed?.migrationName ?? '(setup)',
    error: result.error instanceof Error ? result.error.message : String(result.error),
  });
};

/** Points the logical views of a projection at one version's physical tables. */
export const pointViewsAt = async (
  trx: Transaction<AnyDatabase> | ReadModels,
  projection: Pick<AnyProjection, 'tables' | 'version'>,
): Promise<void> => {
  for (const table of projection.tables) {
    await trx.schema.dropView(table).ifExists().execute();
    await trx.schema
      .createView(table)
      .as(trx.selectFrom(physicalTableName(table, projection.version)).selectAll())
      .execute();
  }
};

/** Thrown inside a batch transaction when the checkpoint is not where this worker left it. */
export class CheckpointMoved extends Error {
  /** The projection whose checkpoint moved. */
  readonly projection: string;
  constructor(projection: string) {
    super(`the checkpoint of ${projection} moved (another writer, or the version was retired)`);
    this.name = 'CheckpointMoved';
    this.projection = projection;
  }
}

/**
 * Moves a checkpoint from `from` to `to` inside the caller's transaction;
 * throws {@link CheckpointMoved} when it is no longer at `from` or the
 * version was retired, which rolls the transaction back.
 */
export const advanceCheckpoint = async (
  trx: Transaction<AnyDatabase>,
  projection: Pick<AnyProjection, 'name' | 'version'>,
  from: number,
  to: number,
  now: () => Date,
): Promise<void> => {
  const result = await registry(trx)
    .updateTable('itsm_projections')
    .set({ position: to, updated_at: now().toISOString(), last_error: null })
    .where('name', '=', projection.name)
    .where('version', '=', projection.version)
    .where('position', '=', from)
    .where('state', '<>', 'retired')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new CheckpointMoved(projection.name);
};

/** Records the last failure of a projection version (outside the failed transaction). */
export const recordProjectionFailure = async (
  db: ReadModels,
  projection: Pick<AnyProjection, 'name' | 'version'>,
  failure: unknown,
  now: () => Date,
): Promise<void> => {
  await db.transaction().execute((trx) =>
    registry(trx)
      .updateTable('itsm_projections')
      .set({ last_error: JSON.stringify(failure), updated_at: now().toISOString() })
      .where('name', '=', projection.name)
      .where('version', '=', projection.version)
      .execute(),
  );
};

/**
 * Makes a caught-up `building` version live in one transaction: the views
 * point at it, older versions are retired and their tables dropped.
 * Returns false when the version is not `building` (already live).
 */
export const swapInProjectionVersion = async (
  db: ReadModels,
  projection: AnyProjection,
  now: () => Date,
): Promise<boolean> =>
  db.transaction().execute(async (trx) => {
    const rows = await registry(trx)
      .selectFrom('itsm_projections')
      .selectAll()
      .where('name', '=', projection.name)
      .execute();
    const mine = rows.find((row) => Number(row.version) === projection.version);
    if (mine?.state !== 'building') return false;
    const older = rows.filter((row) => row.state !== 'retired' && Number(row.version) !== projection.version);
    await pointViewsAt(trx, projection);
    for (const row of older) {
      for (const table of JSON.parse(row.tables) as string[]) await trx.schema.dropTable(table).ifExists().execute();
      const migrations = migrationTableOf({ name: row.name, version: Number(row.version) });
      await trx.schema.dropTable(migrations).ifExists().execute();
      await trx.schema.dropTable(`${migrations}_lock`).ifExists().execute();
    }
    await registry(trx)
      .updateTable('itsm_projections')
      .set({ state: 'retired', updated_at: now().toISOString() })
      .where('name', '=', projection.name)
      .where('version', '<>', projection.version)
      .execute();
    await registry(trx)
      .updateTable('itsm_projections')
      .set({ state: 'live', updated_at: now().toISOString() })
      .where('name', '=', projection.name)
      .where('version', '=', projection.version)
      .execute();
    return true;
  });

/**
 * Drops every version of a projection: its tables, views, migration tables
 * and registry rows (the next run builds it from the start).
 */
export const dropProjection = async (
  db: ReadModels,
  projection: Pick<AnyProjection, 'name' | 'tables'>,
): Promise<void> =>
  db.transaction().execute(async (trx) => {
    const rows = await registry(trx)
      .selectFrom('itsm_projections')
      .selectAll()
      .where('name', '=', projection.name)
      .execute();
    for (const table of projection.tables) await trx.schema.dropView(table).ifExists().execute();
    for (const row of rows) {
      for (const table of JSON.parse(row.tables) as string[]) await trx.schema.dropTable(table).ifExists().execute();
      const migrations = migrationTableOf({ name: row.name, version: Number(row.version) });
      await trx.schema.dropTable(migrations).ifExists().execute();
      await trx.schema.dropTable(`${migrations}_lock`).ifExists().execute();
    }
    await registry(trx).deleteFrom('itsm_projections').where('name', '=', projection.name).execute();
  });
