import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ExpectedVersion } from '@itsm/event-store';
import {
  impactedConfigurationItems,
  relationshipGraphOf,
  type ConfigurationItemEvent,
  type RelationshipType,
} from '@itsm/domain';
import { projectionSpec, type GivenEvent } from '@itsm/testing';
import { openSqliteReadModels } from '../read-model-database.js';
import { runProjection } from '../projection-runner.js';
import { memoryStore } from '../runner-support.test-fixture.js';
import { configurationItemsProjection, impactAnalysis, recordImpact, recordsLinkedTo } from './configuration-items.js';

const at = '2026-03-02T09:00:00.000Z';

const registered = (id: string, ciClass: string): GivenEvent => ({
  type: 'ConfigurationItemRegistered',
  streamId: `configurationItem-${id}`,
  data: { configurationItemId: id, name: `CI ${id}`, ciClass, ownerGroup: 'ops', attributes: {}, at, by: 'cmdb' },
});
const related = (source: string, relationshipType: RelationshipType, target: string, removed = false): GivenEvent => ({
  type: removed ? 'ConfigurationItemRelationshipRemoved' : 'ConfigurationItemRelationshipAdded',
  streamId: `configurationItem-${source}`,
  data: removed
    ? { configurationItemId: source, relationshipType, targetId: target, at, by: 'cmdb' }
    : { configurationItemId: source, relationshipType, targetId: target, targetClass: 'server', at, by: 'cmdb' },
});

/** Two services on an application, its database and a host; a cycle of dependencies; a connection that does not propagate. */
const cmdb: GivenEvent[] = [
  registered('svc-hr', 'service'),
  registered('svc-payroll', 'service'),
  registered('app-payroll', 'application'),
  registered('db-payroll', 'database'),
  registered('srv-1', 'server'),
  registered('fw-1', 'network-device'),
  related('svc-payroll', 'depends-on', 'app-payroll'),
  related('app-payroll', 'depends-on', 'db-payroll'),
  related('db-payroll', 'runs-on', 'srv-1'),
  related('svc-hr', 'depends-on', 'svc-payroll'),
  // A cycle: the database depends on the application too.
  related('db-payroll', 'depends-on', 'app-payroll'),
  related('srv-1', 'connected-to', 'fw-1'),
];

describe('configuration items read model: impact analysis', () => {
  it('lists every CI and service affected by a CI going down, nearest first, through a dependency cycle', async () => {
    await projectionSpec(configurationItemsProjection)
      .givenEvents(...cmdb)
      .thenQuery((db) => impactAnalysis(db, 'srv-1'))
      .returns({
        configurationItems: [
          { configurationItemId: 'srv-1', name: 'CI srv-1', ciClass: 'server', distance: 0 },
          { configurationItemId: 'db-payroll', name: 'CI db-payroll', ciClass: 'database', distance: 1 },
          { configurationItemId: 'app-payroll', name: 'CI app-payroll', ciClass: 'application', distance: 2 },
          { configurationItemId: 'svc-payroll', name: 'CI svc-payroll', ciClass: 'service', distance: 3 },
          { configurationItemId: 'svc-hr', name: 'CI svc-hr', ciClass: 'service', distance: 4 },
        ],
        services: ['svc-hr', 'svc-payroll'],
      });
  });

  it('follows a removed relationship no more, and a connection never', async () => {
    const spec = projectionSpec(configurationItemsProjection).givenEvents(
      ...cmdb,
      related('svc-hr', 'depends-on', 'svc-payroll', true),
    );
    await spec.thenQuery(async (db) => (await impactAnalysis(db, 'srv-1')).services).returns(['svc-payroll']);
    await spec.thenQuery(async (db) => (await impactAnalysis(db, 'fw-1')).services).returns([]);
  });

  it('answers for incidents and changes through the CIs linked to them', async () => {
    const spec = projectionSpec(configurationItemsProjection).givenEvents(
      ...cmdb,
      {
        type: 'IncidentLogged',
        streamId: 'incident-INC1',
        data: { incidentId: 'INC1', configurationItem: 'db-payroll', at, by: 'desk' },
      },
      {
        type: 'ChangeRequested',
        streamId: 'change-CHG1',
        data: { changeId: 'CHG1', configurationItems: ['fw-1', 'app-payroll'], at, by: 'cm' },
      },
      {
        type: 'IncidentConfigurationItemLinked',
        streamId: 'incident-INC1',
        data: { incidentId: 'INC1', configurationItem: 'fw-1', at, by: 'desk' },
      },
    );
    await spec
      .thenQuery((db) => recordImpact(db, 'incident-INC1'))
      .returns({ configurationItems: ['db-payroll', 'fw-1'], services: ['svc-hr', 'svc-payroll'] });
    await spec
      .thenQuery((db) => recordImpact(db, 'change-CHG1'))
      .returns({ configurationItems: ['app-payroll', 'fw-1'], services: ['svc-hr', 'svc-payroll'] });
    await spec.thenQuery((db) => recordsLinkedTo(db, 'fw-1')).returns(['change-CHG1', 'incident-INC1']);
  });

  it('equals the domain’s impact analysis over the whole graph, for random graphs with cycles (200 runs)', async () => {
    const relationshipTypes: RelationshipType[] = ['depends-on', 'runs-on', 'part-of', 'connected-to'];
    const classes = ['service', 'application', 'database', 'server'];
    const step = fc.record({
      source: fc.integer({ min: 0, max: 7 }),
      type: fc.constantFrom(...relationshipTypes),
      target: fc.integer({ min: 0, max: 7 }),
      removed: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...classes), { minLength: 8, maxLength: 8 }),
        fc.array(step, { maxLength: 30 }),
        fc.integer({ min: 0, max: 7 }),
        async (ciClasses, steps, down) => {
          const given = [
            ...ciClasses.map((ciClass, i) => registered(`ci-${i}`, ciClass)),
            ...steps
              .filter((s) => s.source !== s.target)
              .map((s) => related(`ci-${s.source}`, s.type, `ci-${s.target}`, s.removed)),
          ];
          const store = memoryStore();
          for (const event of given) {
            const appended = await store.appendToStream(
              event.streamId ?? 'x',
              [
                {
                  eventId: randomUUID(),
                  type: event.type,
                  data: event.data,
                  metadata: { actor: 'cmdb', occurredAt: at, correlationId: 'c' },
                },
              ],
              ExpectedVersion.any,
            );
            if (appended._tag === 'Left') throw new Error(JSON.stringify(appended.left));
          }
          const db = openSqliteReadModels(':memory:');
          try {
            expect((await runProjection(db, store, configurationItemsProjection))._tag).toBe('Right');
            const graph = relationshipGraphOf(
              given.map((event) => ({ type: event.type, data: event.data }) as unknown as ConfigurationItemEvent),
            );
            // The domain lists CIs at the same distance in graph order; the read model by id.
            const expected = [...impactedConfigurationItems(graph, `ci-${down}`)].sort(
              (a, b) => a.distance - b.distance || (a.configurationItemId < b.configurationItemId ? -1 : 1),
            );
            const actual = await impactAnalysis(db, `ci-${down}`);
            expect(
              actual.configurationItems.map(({ configurationItemId, ciClass, distance }) => ({
                configurationItemId,
                ciClass,
                distance,
              })),
            ).toEqual(expected);
          } finally {
            await db.destroy();
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
