/**
 * The read-model databases the dialect-parametrised tests run on: a SQLite
 * file in a temp directory, and PostgreSQL (a fresh schema per test) when
 * `node scripts/test-setup.mjs` wrote `.tmp/postgres-url`.
 */
import { afterEach, beforeEach, describe } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { openPostgresReadModels, openSqliteReadModels } from './read-model-database.js';
import { tempDirectory } from './runner-support.test-fixture.js';
import type { AnyDatabase } from './projection.js';

const urlFile = resolve(process.cwd(), '.tmp/postgres-url');

/** The PostgreSQL URL from the test setup, if any. */
export const postgresUrl: string | undefined = existsSync(urlFile)
  ? readFileSync(urlFile, 'utf8').trim() || undefined
  : undefined;

/** A place read models live for one test: open as many connections (workers) to it as needed. */
export interface ReadModelPlace {
  /** Opens a new connection (a new pool / a new SQLite handle) to the same database. */
  readonly open: () => Kysely<AnyDatabase>;
  /** Destroys every connection opened and removes the database. */
  readonly dispose: () => Promise<void>;
}

/** A dialect under test. */
export interface DialectUnderTest {
  readonly name: 'sqlite' | 'postgres';
  /** Why it is skipped, or undefined. */
  readonly skip: string | undefined;
  readonly place: () => Promise<ReadModelPlace>;
}

const sqlitePlace = async (): Promise<ReadModelPlace> => {
  const dir = tempDirectory();
  const opened: Kysely<AnyDatabase>[] = [];
  return {
    open: () => {
      const db = openSqliteReadModels(join(dir.path, 'read-models.db'));
      opened.push(db);
      return db;
    },
    dispose: async () => {
      for (const db of opened) await db.destroy();
      dir.remove();
    },
  };
};

const postgresPlace = async (): Promise<ReadModelPlace> => {
  const url = postgresUrl as string;
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const opened: Kysely<AnyDatabase>[] = [];
  return {
    open: () => {
      const db = openPostgresReadModels(url, { schema, maxConnections: 3 });
      opened.push(db);
      return db;
    },
    dispose: async () => {
      for (const db of opened) await db.destroy();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema "${schema}" cascade`);
      await cleanup.end();
    },
  };
};

/** SQLite always; PostgreSQL when the test setup found a server. */
export const dialectsUnderTest: readonly DialectUnderTest[] = [
  { name: 'sqlite', skip: undefined, place: sqlitePlace },
  {
    name: 'postgres',
    skip:
      postgresUrl === undefined
        ? 'no PostgreSQL: .tmp/postgres-url is missing (run node scripts/test-setup.mjs)'
        : undefined,
    place: postgresPlace,
  },
];

/**
 * Declares the tests of `body` once per dialect under test, in a suite named
 * `<title><dialect>` (a dialect without its server is skipped, the reason in
 * the title); `open()` opens a connection to the test's own fresh place.
 */
export const describeEachDialect = (
  title: string,
  body: (open: () => Kysely<AnyDatabase>, dialect: DialectUnderTest) => void,
): void => {
  for (const dialect of dialectsUnderTest) {
    const suite = dialect.skip === undefined ? describe : describe.skip;
    suite(`${title}${dialect.name}${dialect.skip === undefined ? '' : ` — skipped: ${dialect.skip}`}`, () => {
      let place: ReadModelPlace | undefined;
      beforeEach(async () => {
        place = await dialect.place();
      });
      afterEach(async () => {
        await place?.dispose();
        place = undefined;
      });
      body(() => {
        if (place === undefined) throw new Error('open() is for inside a test');
        return place.open();
      }, dialect);
    });
  }
};
