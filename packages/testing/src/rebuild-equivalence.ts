/**
 * The rebuild-equivalence property: for generated histories, a read model
 * built incrementally (events appended in random chunks, projected in
 * random batch sizes, runs interrupted at random and resumed) equals a
 * fresh rebuild from the whole log, and both equal the in-memory fold of
 * the same row projections (`foldRowProjection`). Every projection's
 * checkpoint must end at the log head.
 *
 * Limits: row projections only (the in-memory fold needs their pure
 * definition); each run opens two read-model databases (in-memory SQLite by
 * default), so keep histories small (tens of events) and runs many.
 *
 * @module
 */
import fc from 'fast-check';
import { expect } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@itsm/event-store';
import {
  describeProjectionError,
  foldRowProjection,
  openSqliteReadModels,
  projectionVersions,
  rowProjection,
  runProjections,
  sortRows,
  type Row,
  type RowProjectionDefinition,
  type AnyDatabase,
} from '@itsm/projections';
import { createSpecStore, type GivenEvent } from './projection-spec.js';

/** What the property checks. */
export interface RebuildEquivalenceSettings {
  /** The row projections under test. */
  readonly definitions: readonly RowProjectionDefinition[];
  /** Generates the histories. */
  readonly histories: fc.Arbitrary<readonly GivenEvent[]>;
  /** How many histories (default 200). */
  readonly numRuns?: number;
  /** The fast-check seed (printed on failure; pass it to replay). */
  readonly seed?: number;
  /** Opens an empty read-model database (default: in-memory SQLite); it is destroyed after each run. */
  readonly openReadModels?: () => Kysely<AnyDatabase> | Promise<Kysely<AnyDatabase>>;
}

/** How a run is cut up: where appends stop, batch sizes, and after how many batches each run is interrupted. */
interface Plan {
  readonly cuts: readonly number[];
  readonly batchSizes: readonly number[];
  readonly interruptAfter: readonly number[];
}

const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
  batchSizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
  interruptAfter: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
});

/** The rows of every table of the definitions, read through the live views, sorted by key. */
export const readModelSnapshot = async (
  db: Kysely<AnyDatabase>,
  definitions: readonly RowProjectionDefinition[],
): Promise<Record<string, Row[]>> => {
  const out: Record<string, Row[]> = {};
  for (const definition of definitions)
    for (const table of definition.tables) {
      const rows = await db.selectFrom(table.name).selectAll().execute();
      const normalised = rows.map((row) => {
        const r: Record<string, string | number | null> = {};
        for (const column of table.columns) {
          const value = (row as Record<string, unknown>)[column];
          r[column] =
            value === undefined || value === null
              ? null
              : typeof value === 'number' || typeof value === 'string'
                ? value
                : Number(value);
        }
        return r;
      });
      out[table.name] = sortRows(table, normalised);
    }
  return out;
};

const foldAll = (
  definitions: readonly RowProjectionDefinition[],
  events: readonly RecordedEvent[],
): Record<string, Row[]> => {
  const out: Record<string, Row[]> = {};
  for (const definition of definitions) Object.assign(out, foldRowProjection(definition, events));
  return out;
};

/**
 * Checks the property over `numRuns` generated histories (default 200);
 * fails the test with the seed and the smallest counter-example.
 * Resolves with how many histories were checked.
 */
export const checkRebuildEquivalence = async (settings: RebuildEquivalenceSettings): Promise<number> => {
  const projections = settings.definitions.map(rowProjection);
  const open = settings.openReadModels ?? (() => openSqliteReadModels(':memory:'));
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(settings.histories, planArbitrary, async (history, plan) => {
      runs++;
      const cutPoints = [...new Set(plan.cuts.map((c) => Math.floor(c * history.length)))].sort((a, b) => a - b);
      cutPoints.push(history.length);
      const incremental = await open();
      const rebuilt = await open();
      try {
        // Incremental: append a chunk, then project it with interruptions.
        const { store, append } = createSpecStore();
        let appended = 0;
        let round = 0;
        for (const cut of cutPoints) {
          await append(history.slice(appended, cut));
          appended = Math.max(appended, cut);
          for (let attempt = 0; ; attempt++) {
            const controller = new AbortController();
            const limit = plan.interruptAfter[round % plan.interruptAfter.length] ?? 0;
            const batchSize = plan.batchSizes[round % plan.batchSizes.length] ?? 10;
            round++;
            let batches = 0;
            const run = await runProjections(incremental, store, projections, {
              batchSize,
              owner: 'equivalence',
              signal: controller.signal,
              onProgress: () => {
                if (limit > 0 && ++batches >= limit && attempt < 5) controller.abort();
              },
            });
            if (run._tag === 'Left') throw new Error(describeProjectionError(run.left));
            const failed = run.right.outcomes.find(
              (o) => o._tag === 'ProjectionFailed' || o._tag === 'ProjectionVersionSuperseded',
            );
            if (failed !== undefined) throw new Error(`projection stopped: ${JSON.stringify(failed)}`);
            if (run.right.outcomes.every((o) => o._tag === 'CaughtUp')) break;
          }
        }
        const head = await store.headPosition();
        const headPosition = head._tag === 'Right' ? head.right : -1;
        for (const row of await projectionVersions(incremental)) expect(row.position).toBe(headPosition);

        const fresh = await runProjections(rebuilt, store, projections, { batchSize: 1000, owner: 'equivalence' });
        if (fresh._tag === 'Left') throw new Error(describeProjectionError(fresh.left));

        const events: RecordedEvent[] = [];
        for await (const event of store.readAll()) events.push(event);
        const folded = foldAll(settings.definitions, events);
        const a = await readModelSnapshot(incremental, settings.definitions);
        const b = await readModelSnapshot(rebuilt, settings.definitions);
        expect(a).toEqual(b);
        expect(b).toEqual(folded);
      } finally {
        await incremental.destroy();
        await rebuilt.destroy();
      }
    }),
    { numRuns: settings.numRuns ?? 200, ...(settings.seed === undefined ? {} : { seed: settings.seed }) },
  );
  return runs;
};
