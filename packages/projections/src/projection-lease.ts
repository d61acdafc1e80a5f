/**
 * Leases: only one worker writes a projection version at a time.
 *
 * - PostgreSQL: a session advisory lock (`pg_try_advisory_lock`) on a key
 *   derived from the schema and the projection version, held by the one
 *   connection the worker does all its writes on; it is released when the
 *   worker stops or its connection dies (a killed process loses it at once).
 * - SQLite: a lease row (`itsm_projection_leases`) naming the owner, with an
 *   expiry renewed inside every batch transaction (and while idle). A lease
 *   whose owner stopped without releasing it is taken over after it
 *   expires; a worker restarting with the same owner id takes it back at once.
 *
 * Exactly-once does not rest on the lease alone: every batch also moves the
 * checkpoint only from where this worker left it (see `advanceCheckpoint`).
 *
 * @module
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { ReadModels } from './projection.js';
import type { ProjectionLeaseHeld } from './projection-errors.js';
import type { ProjectionRegistryDatabase } from './projection-registry.js';
import { dialectOf } from './read-model-database.js';
import type { AnyDatabase } from './projection.js';

/** A projection version a worker wants to write. */
export interface LeaseKey {
  readonly projection: string;
  readonly version: number;
}

/** How a worker takes its leases. */
export interface LeaseSettings {
  /** Who the worker is; a restart with the same owner takes its SQLite lease back at once. */
  readonly owner: string;
  /** How long a SQLite lease lasts without renewal, in ms. */
  readonly ttlMs: number;
  /** How long to wait for a held lease before giving up, in ms (0: refuse at once). */
  readonly waitMs: number;
  /** The clock leases expire by. */
  readonly now: () => Date;
}

/** Thrown in a batch transaction when this worker no longer holds its SQLite lease. */
export class LeaseLost extends Error {
  /** The lease key. */
  readonly key: LeaseKey;
  constructor(key: LeaseKey) {
    super(`lease on ${key.projection} v${key.version} was lost`);
    this.name = 'LeaseLost';
    this.key = key;
  }
}

const leaseName = (key: LeaseKey): string => `${key.projection}@v${key.version}`;
const leases = (db: ReadModels | Transaction<AnyDatabase>) => db as unknown as Kysely<ProjectionRegistryDatabase>;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tries to take (or renew) a SQLite lease row; the current holder when refused. */
const trySqliteLease = async (
  db: ReadModels,
  key: LeaseKey,
  settings: LeaseSettings,
): Promise<Either<ProjectionLeaseHeld, void>> =>
  db.transaction().execute(async (trx) => {
    const now = settings.now().getTime();
    const row = await leases(trx)
      .selectFrom('itsm_projection_leases')
      .selectAll()
      .where('lease', '=', leaseName(key))
      .executeTakeFirst();
    if (row !== undefined && row.owner !== settings.owner && Number(row.expires_at) > now)
      return left({
        _tag: 'ProjectionLeaseHeld',
        projection: key.projection,
        version: key.version,
        owner: row.owner,
        expiresAt: Number(row.expires_at),
      } satisfies ProjectionLeaseHeld);
    await leases(trx)
      .insertInto('itsm_projection_leases')
      .values({ lease: leaseName(key), owner: settings.owner, expires_at: now + settings.ttlMs })
      .onConflict((oc) => oc.column('lease').doUpdateSet({ owner: settings.owner, expires_at: now + settings.ttlMs }))
      .execute();
    return right(undefined);
  });

/** Renews this worker's SQLite lease inside a batch transaction; throws {@link LeaseLost} when it is gone. */
export const renewSqliteLease = async (
  trx: Transaction<AnyDatabase>,
  key: LeaseKey,
  settings: LeaseSettings,
): Promise<void> => {
  const result = await leases(trx)
    .updateTable('itsm_projection_leases')
    .set({ expires_at: settings.now().getTime() + settings.ttlMs })
    .where('lease', '=', leaseName(key))
    .where('owner', '=', settings.owner)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new LeaseLost(key);
};

const releaseSqliteLease = async (db: ReadModels, key: LeaseKey, owner: string): Promise<void> => {
  await db
    .transaction()
    .execute((trx) =>
      leases(trx)
        .deleteFrom('itsm_projection_leases')
        .where('lease', '=', leaseName(key))
        .where('owner', '=', owner)
        .execute(),
    );
};

/** The advisory lock key: the schema and projection version, hashed by PostgreSQL. */
const advisoryKey = (key: LeaseKey) => sql`hashtextextended(current_schema() || ':' || ${leaseName(key)}, 0)`;

/** What a worker can do while it holds its leases. */
export interface HeldLeases {
  /** The database the worker must write with (on PostgreSQL, the connection holding the locks). */
  readonly db: ReadModels;
  /** True on SQLite: renew the lease rows in each batch transaction. */
  readonly renewInTransactions: boolean;
}

/**
 * Runs `body` while holding the leases of every key; refuses (after waiting
 * up to `waitMs`) with {@link ProjectionLeaseHeld} when another worker holds one.
 */
export const withProjectionLeases = async <T>(
  db: ReadModels,
  keys: readonly LeaseKey[],
  settings: LeaseSettings,
  body: (held: HeldLeases) => Promise<T>,
): Promise<Either<ProjectionLeaseHeld, T>> => {
  const deadline = Date.now() + settings.waitMs;
  if (dialectOf(db) === 'postgres') {
    return db.connection().execute(async (connection) => {
      for (;;) {
        const taken: LeaseKey[] = [];
        let refused: LeaseKey | undefined;
        for (const key of keys) {
          const result = await sql<{
            locked: boolean;
          }>`select pg_try_advisory_lock(${advisoryKey(key)}) as locked`.execute(connection);
          if (result.rows[0]?.locked === true) taken.push(key);
          else {
            refused = key;
            break;
          }
        }
        if (refused === undefined) {
          try {
            return right(await body({ db: connection, renewInTransactions: false }));
          } finally {
            for (const key of taken) await sql`select pg_advisory_unlock(${advisoryKey(key)})`.execute(connection);
          }
        }
        for (const key of taken) await sql`select pg_advisory_unlock(${advisoryKey(key)})`.execute(connection);
        if (Date.now() >= deadline)
          return left({
            _tag: 'ProjectionLeaseHeld',
            projection: refused.projection,
            version: refused.version,
          } as const);
        await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
      }
    });
  }
  for (;;) {
    const taken: LeaseKey[] = [];
    let refusal: ProjectionLeaseHeld | undefined;
    for (const key of keys) {
      const result = await trySqliteLease(db, key, settings);
      if (result._tag === 'Right') taken.push(key);
      else {
        refusal = result.left;
        break;
      }
    }
    if (refusal === undefined) {
      // Renew while the body is idle (waiting for new events), so a live worker keeps its lease.
      const timer = setInterval(
        () => {
          for (const key of keys) void trySqliteLease(db, key, settings).catch(() => undefined);
        },
        Math.max(50, Math.floor(settings.ttlMs / 3)),
      );
      timer.unref();
      try {
        return right(await body({ db, renewInTransactions: true }));
      } finally {
        clearInterval(timer);
        for (const key of taken) await releaseSqliteLease(db, key, settings.owner);
      }
    }
    for (const key of taken) await releaseSqliteLease(db, key, settings.owner);
    if (Date.now() >= deadline) return left(refusal);
    await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
};

/** Whether no worker holds the advisory lock of a projection version (PostgreSQL only; for status tools). */
export const isAdvisoryLockFree = async (db: ReadModels, key: LeaseKey): Promise<boolean> =>
  db.connection().execute(async (connection) => {
    const result = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${advisoryKey(key)}) as locked`.execute(
      connection,
    );
    if (result.rows[0]?.locked === true) {
      await sql`select pg_advisory_unlock(${advisoryKey(key)})`.execute(connection);
      return true;
    }
    return false;
  });
