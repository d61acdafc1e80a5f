/**
 * PostgreSQL read models introspect their own schema only: another schema's
 * tables are not theirs, and another schema dropped meanwhile cannot fail
 * their migrations (kysely's own introspector looks at every schema by name).
 */
import { describe, expect, it } from '@jest/globals';
import { migrateProjection } from './projection-registry.js';
import { dialectsUnderTest } from './read-model-dialects.test-fixture.js';
import type { AnyProjection } from './projection.js';

const postgres = dialectsUnderTest.find((dialect) => dialect.name === 'postgres');
const suite = postgres?.skip === undefined ? describe : describe.skip;

const oneTable = (name: string): AnyProjection => ({
  name,
  version: 1,
  handles: [],
  tables: [name],
  migrations: {
    '0001': {
      up: async (db) => {
        await db.schema
          .createTable(name)
          .addColumn('id', 'serial', (c) => c.primaryKey())
          .addColumn('note', 'text')
          .execute();
      },
    },
  },
  apply: async () => undefined,
});

suite(
  `PostgreSQL read-model introspection${postgres?.skip === undefined ? '' : ` — skipped: ${postgres.skip}`}`,
  () => {
    it('lists the tables of its own schema only, with their columns', async () => {
      const [mine, theirs] = [await postgres!.place(), await postgres!.place()];
      try {
        const [a, b] = [mine.open(), theirs.open()];
        await migrateProjection(a, oneTable('mine'));
        await migrateProjection(b, oneTable('theirs'));
        const tables = await a.introspection.getTables();
        // Its projection table and migration bookkeeping; nothing of the other schema.
        expect(tables.map((table) => [table.name, table.isView])).toEqual([
          ['itsm_migrations_mine_v1', false],
          ['itsm_migrations_mine_v1_lock', false],
          ['mine_v1', false],
        ]);
        expect(
          tables
            .find((table) => table.name === 'mine_v1')
            ?.columns.map((column) => [column.name, column.isAutoIncrementing, column.isNullable]),
        ).toEqual([
          ['id', true, false],
          ['note', false, true],
        ]);
      } finally {
        await mine.dispose();
        await theirs.dispose();
      }
    });

    it('migrates while other schemas are created and dropped all the time', async () => {
      const mine = await postgres!.place();
      let churning = true;
      const churn = (async () => {
        let rounds = 0;
        while (churning || rounds < 5) {
          const other = await postgres!.place();
          await migrateProjection(other.open(), oneTable('other'));
          await other.dispose();
          rounds++;
        }
        return rounds;
      })();
      try {
        const db = mine.open();
        for (let version = 1; version <= 20; version++)
          expect(await migrateProjection(db, { ...oneTable('churned'), version })).toEqual({
            _tag: 'Right',
            right: undefined,
          });
      } finally {
        churning = false;
        expect(await churn).toBeGreaterThanOrEqual(5);
        await mine.dispose();
      }
    }, 60_000);
  },
);
