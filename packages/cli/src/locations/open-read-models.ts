/**
 * Opening the read-model database a `--read-models` value names: a SQLite
 * file (default) or PostgreSQL. A file that is missing when it must exist,
 * or that SQLite cannot read, is reported as a value with what to do.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { openPostgresReadModels, openSqliteReadModels } from '@itsm/projections';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { sql, type Kysely } from 'kysely';
import type { CreateMode } from './open-event-store.js';
import type { ReadModelLocation } from './store-location.js';

/** The read-model database could not be opened. */
export interface ReadModelsUnavailable {
  readonly _tag: 'ReadModelsUnavailable';
  readonly location: string;
  readonly reason: string;
  readonly hint: string;
}

/** Opens the read models and checks that the database answers. */
export const openReadModels = async (
  location: ReadModelLocation,
  mode: CreateMode,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<Either<ReadModelsUnavailable, Kysely<any>>> => {
  const name =
    location._tag === 'Sqlite' ? `sqlite:${location.file}` : location.connectionString.replace(/:[^:@/]*@/, ':***@');
  if (location._tag === 'Sqlite' && mode === 'must-exist' && !existsSync(location.file))
    return left({
      _tag: 'ReadModelsUnavailable',
      location: name,
      reason: `no such file ${location.file}`,
      hint: 'run `itsm projections run --store … --read-models …` first, or point --read-models at the demo’s read-model file',
    });
  let db: Kysely<unknown> | undefined;
  try {
    db =
      location._tag === 'Sqlite'
        ? openSqliteReadModels(location.file)
        : openPostgresReadModels(location.connectionString);
    await sql`select 1`.execute(db);
  } catch (error) {
    // A pool that never connected still holds timers; release it so the process can exit.
    await db?.destroy().catch(() => undefined);
    return left({
      _tag: 'ReadModelsUnavailable',
      location: name,
      reason: (error as Error).message,
      hint:
        location._tag === 'Sqlite'
          ? 'point --read-models at an @itsm read-model SQLite file'
          : 'check that PostgreSQL is running and the URL is right',
    });
  }
  return right(db);
};
