import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import fc from 'fast-check';
import { checkRebuildEquivalence, createSpecStore, readModelSnapshot, type GivenEvent } from '@itsm/testing';
import { openSqliteReadModels } from '../read-model-database.js';
import { runProjections } from '../projection-runner.js';
import { builtInDefinitions, builtInProjections } from './built-in.js';
import { agentQueue, groupQueue, unassignedQueue } from './work-queue.js';
import { olaCompliance, slaAtRisk, slaBreaches, slaCompliance } from './sla.js';
import { actorAuditTrail, recordAuditTrail } from './audit-trail.js';
import { backlogAging, changeMetrics, incidentMetrics, knowledgeUse } from './service-metrics.js';
import { knownErrorsFor, problemQueue } from './problems.js';
import { syntheticHistory } from '../synthetic-history.test-fixture.js';
import { dialectsUnderTest, type ReadModelPlace } from '../read-model-dialects.test-fixture.js';
import type { AnyDatabase } from '../projection.js';

const toGiven = (seed: number, incidents: number, everySlaTargetKind = false): GivenEvent[] =>
  syntheticHistory({
    seed,
    incidents,
    changes: Math.ceil(incidents / 5),
    problems: Math.ceil(incidents / 10),
    everySlaTargetKind,
  }).map((h) => ({
    streamId: h.streamId,
    type: h.event.type,
    data: h.event.data,
    metadata: h.event.metadata,
  }));

/** Every query of the built-in read models, on one database. */
const everyQuery = async (db: Kysely<AnyDatabase>) => {
  const now = new Date('2026-01-06T12:00:00Z');
  return {
    network: await groupQueue(db, 'network', { limit: 20 }),
    networkAll: await groupQueue(db, 'network', { includeResolved: true, limit: 500 }),
    ann: await agentQueue(db, 'ann'),
    unassigned: await unassignedQueue(db),
    atRisk: await slaAtRisk(db, { now, withinMs: 4 * 3_600_000 }),
    breaches: await slaBreaches(db),
    compliance: await slaCompliance(db),
    updateIntervalsAtRisk: await slaAtRisk(db, { now, withinMs: 4 * 3_600_000, kind: 'update-interval' }),
    olaBreaches: await slaBreaches(db, { kind: 'ola' }),
    olaCompliance: await olaCompliance(db),
    olaComplianceOfNetwork: await olaCompliance(db, { assignmentGroup: 'network', fromPeriod: '2026-01' }),
    trail: await recordAuditTrail(db, 'incident-INC99x3'),
    actor: await actorAuditTrail(db, 'ann', { limit: 50 }),
    byService: await incidentMetrics(db, { by: ['service', 'period'] }),
    byGroupPriority: await incidentMetrics(db, { by: ['group', 'priority'] }),
    overall: await incidentMetrics(db, { by: [] }),
    backlog: await backlogAging(db, { asOf: now, by: 'group' }),
    changes: await changeMetrics(db),
    knowledge: await knowledgeUse(db),
    problems: await problemQueue(db, { limit: 50 }),
    problemsOfNetwork: await problemQueue(db, { assignmentGroup: 'network', includeResolved: true }),
    knownErrorsOnDatabase: await knownErrorsFor(db, { configurationItem: 'erp-db' }),
    knownErrorsOfPayroll: await knownErrorsFor(db, { service: 'payroll', includeRetired: true }),
  };
};

/** Floating-point averages may differ in the last digits between engines. */
const rounded = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e6) / 1e6 : v,
  );

describe('built-in read models on every dialect', () => {
  // Incidents measured with every kind of SLA target (update intervals, OLA per group) after the main history.
  const history = [...toGiven(99, 250), ...toGiven(98, 80, true)];
  const spec = createSpecStore();
  let reference: { snapshot: unknown; queries: unknown };
  beforeAll(async () => {
    await spec.append(history);
    const sqlite = openSqliteReadModels(':memory:');
    await runProjections(sqlite, spec.store, builtInProjections(), { batchSize: 300 });
    reference = {
      snapshot: await readModelSnapshot(sqlite, builtInDefinitions()),
      queries: rounded(await everyQuery(sqlite)),
    };
    await sqlite.destroy();
  }, 60_000);

  it('the reference history exercises every query', () => {
    const queries = reference.queries as Record<string, unknown[]>;
    for (const [name, rows] of Object.entries(queries)) expect([name, rows.length > 0]).toEqual([name, true]);
  });

  for (const dialect of dialectsUnderTest) {
    const suite = dialect.skip === undefined ? describe : describe.skip;
    suite(`${dialect.name}${dialect.skip === undefined ? '' : ` — skipped: ${dialect.skip}`}`, () => {
      let place: ReadModelPlace;
      beforeEach(async () => {
        place = await dialect.place();
      });
      afterEach(async () => {
        await place.dispose();
      });

      it('projects the same rows and answers every query the same as the in-memory SQLite reference', async () => {
        const db = place.open();
        const run = await runProjections(db, spec.store, builtInProjections(), { batchSize: 250 });
        expect(run._tag).toBe('Right');
        expect(await readModelSnapshot(db, builtInDefinitions())).toEqual(reference.snapshot);
        expect(rounded(await everyQuery(db))).toEqual(reference.queries);
      }, 60_000);

      it('keeps rebuild equivalence over generated histories', async () => {
        const places: ReadModelPlace[] = [];
        const histories = fc
          .record({
            seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
            incidents: fc.integer({ min: 0, max: 4 }),
            everySlaTargetKind: fc.boolean(),
          })
          .map(({ seed, incidents, everySlaTargetKind }) => toGiven(seed, incidents, everySlaTargetKind));
        try {
          const runs = await checkRebuildEquivalence({
            definitions: builtInDefinitions(),
            histories,
            numRuns: dialect.name === 'postgres' ? 10 : 25,
            openReadModels: async () => {
              const p = await dialect.place();
              places.push(p);
              return p.open();
            },
          });
          expect(runs).toBeGreaterThanOrEqual(10);
        } finally {
          for (const p of places) await p.dispose().catch(() => undefined);
        }
      }, 120_000);
    });
  }
});
