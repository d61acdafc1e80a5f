/**
 * A projection's migrations commit with their bookkeeping or not at all:
 * a migration that fails (or a projector killed in the middle of one)
 * leaves no half-created tables behind, so the next start runs it again
 * instead of failing on "table already exists" forever.
 */
import { describe, expect, it } from '@jest/globals';
import { sql, type Kysely } from 'kysely';
import { migrateProjection } from './projection-registry.js';
import { describeEachDialect } from './read-model-dialects.test-fixture.js';
import type { AnyDatabase, AnyProjection } from './projection.js';

/** A two-table projection whose second migration step fails when `failSecond` is set. */
const twoStepProjection = (failSecond: boolean): AnyProjection => ({
  name: 'two_steps',
  version: 1,
  handles: [],
  tables: ['first_table', 'second_table'],
  migrations: {
    '0001_first': {
      up: async (db: Kysely<AnyDatabase>) => {
        await db.schema
          .createTable('first_table')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .execute();
      },
    },
    '0002_second': {
      up: async (db: Kysely<AnyDatabase>) => {
        await db.schema
          .createTable('second_table')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .execute();
        if (failSecond) throw new Error('the second step failed');
      },
    },
  },
  apply: async () => undefined,
});

const tableExists = async (db: Kysely<AnyDatabase>, name: string): Promise<boolean> =>
  (await db.introspection.getTables()).some((table) => table.name === name);

describe('projection migrations are atomic', () => {
  describeEachDialect('', (open) => {
    it('a failed migration leaves no table of the run behind, and the next run completes', async () => {
      const db = open();
      const failed = await migrateProjection(db, twoStepProjection(true));
      expect(failed).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'ProjectionMigrationFailed', projection: 'two_steps', migration: '0002_second' },
      });
      expect(await tableExists(db, 'first_table_v1')).toBe(false);
      expect(await tableExists(db, 'second_table_v1')).toBe(false);

      expect(await migrateProjection(db, twoStepProjection(false))).toEqual({ _tag: 'Right', right: undefined });
      expect(await tableExists(db, 'first_table_v1')).toBe(true);
      expect(await tableExists(db, 'second_table_v1')).toBe(true);
      // Done once: running again has nothing to do and changes nothing.
      expect(await migrateProjection(db, twoStepProjection(false))).toEqual({ _tag: 'Right', right: undefined });
      const recorded = await sql<{
        name: string;
      }>`select name from itsm_migrations_two_steps_v1 order by name`.execute(db);
      expect(recorded.rows.map((row) => row.name)).toEqual(['0001_first', '0002_second']);
    });

    it('two workers migrating the same version at once both succeed and run each step once', async () => {
      const [a, b] = [open(), open()];
      const results = await Promise.all([
        migrateProjection(a, twoStepProjection(false)),
        migrateProjection(b, twoStepProjection(false)),
      ]);
      expect(results).toEqual([
        { _tag: 'Right', right: undefined },
        { _tag: 'Right', right: undefined },
      ]);
      expect(await tableExists(a, 'second_table_v1')).toBe(true);
    });
  });
});
