/**
 * Properties of configuration items and their relationship graph, over
 * 10,000 random sequences of 10–30 commands against a small CMDB (eight
 * CIs), issued the way an application would: with the facts read from the
 * relationship graph. After every step: no edge touches an unknown or
 * retired CI (retirements with relationships are refused), the part-of
 * relation stays acyclic, the graph's two indexes mirror each other and
 * agree with the CIs' own states; adding then removing a relationship gives
 * the graph back; impact analysis terminates, lists each CI once and only
 * through propagating relationships; one-pass and event-by-event graphs
 * agree; every decided event matches its stored schema.
 */
import { describe, expect, it } from '@jest/globals';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { createEventSchemaRegistry } from '@itsm/event-store';
import { metadataOf, type RawActor } from '../service-catalog/service-catalog.test-fixture.js';
import { ConfigurationItem } from './configuration-item.js';
import type { ConfigurationItemCommand } from './configuration-item-commands.js';
import type { ConfigurationItemEvent } from './configuration-item-events.js';
import type { ConfigurationItemState } from './configuration-item-state.js';
import type { ConfigurationItemClass, RelationshipType } from './configuration-item-vocabulary.js';
import {
  defaultImpactPropagation,
  emptyRelationshipGraph,
  evolveRelationshipGraph,
  impactedConfigurationItems,
  incomingRelationshipFactsOf,
  relationshipGraphOf,
  relationshipTargetFactsOf,
  relationshipsFrom,
  type RelationshipEdge,
  type RelationshipGraph,
} from './relationship-graph.js';

const manager: RawActor = { id: 'cm-1', roles: ['configuration-manager'], groups: [] };
const registry = createEventSchemaRegistry(ConfigurationItem.eventSchemas);
const ids = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
const classes: readonly ConfigurationItemClass[] = [
  'service',
  'application',
  'server',
  'virtual-machine',
  'cluster',
  'database',
];
const types: readonly RelationshipType[] = ['depends-on', 'runs-on', 'part-of', 'connected-to'];

type Step = { readonly kind: string; readonly a: number; readonly b: number; readonly c: number };
const weightedKinds: readonly (readonly [string, number])[] = [
  ['register', 4],
  ['produce', 2],
  ['maintain', 1],
  ['endMaintenance', 1],
  ['retire', 2],
  ['add', 8],
  ['addPartOf', 4],
  ['remove', 3],
  ['removeExisting', 3],
];
const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  kind: fc.oneof(...weightedKinds.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  a: fc.nat({ max: ids.length - 1 }),
  b: fc.nat({ max: ids.length - 1 }),
  c: fc.nat({ max: 23 }),
});

const edgeKey = (edge: RelationshipEdge) => `${edge.source}|${edge.relationshipType}|${edge.target}`;
const allEdges = (index: RelationshipGraph['outgoing']) => Object.values(index).flat().map(edgeKey).sort();

/** Fails the property with a message; plain checks keep 300,000 steps fast (jest's expect is slow in hot loops). */
const check = (condition: boolean, message: () => string): void => {
  if (!condition) throw new Error(message());
};

/** Whether the part-of relation has a cycle, by a depth-first search independent of the code under test. */
const hasPartOfCycle = (graph: RelationshipGraph): boolean => {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'visiting') return true;
    state.set(id, 'visiting');
    const cyclic = relationshipsFrom(graph, id).some(
      (edge) => edge.relationshipType === 'part-of' && visit(edge.target),
    );
    state.set(id, 'done');
    return cyclic;
  };
  return Object.keys(graph.nodes).some(visit);
};

/** The command a step stands for, with the facts an application reads from its relationship graph. */
const commandOf = (
  step: Step,
  hour: number,
  graph: RelationshipGraph,
  states: ReadonlyMap<string, ConfigurationItemState>,
) => {
  const source = ids[step.a] as string;
  const target = ids[step.b] as string;
  const data = (() => {
    switch (step.kind) {
      case 'register':
        return {
          type: 'RegisterConfigurationItem',
          data: { name: source, ciClass: classes[step.c % classes.length], ownerGroup: 'ops', attributes: {} },
        };
      case 'produce':
        return { type: 'PutConfigurationItemIntoProduction', data: {} };
      case 'maintain':
        return { type: 'StartConfigurationItemMaintenance', data: { reason: 'Patching' } };
      case 'endMaintenance':
        return { type: 'EndConfigurationItemMaintenance', data: {} };
      case 'retire':
        return {
          type: 'RetireConfigurationItem',
          data: { reason: 'Gone', incomingRelationships: incomingRelationshipFactsOf(graph, source) },
        };
      case 'add':
      case 'addPartOf':
        return {
          type: 'AddConfigurationItemRelationship',
          data: {
            relationshipType: step.kind === 'addPartOf' ? 'part-of' : types[step.c % types.length],
            target: relationshipTargetFactsOf(graph, target as never),
          },
        };
      case 'remove':
        return {
          type: 'RemoveConfigurationItemRelationship',
          data: { relationshipType: types[step.c % types.length], targetId: target },
        };
      default: {
        const state = states.get(source);
        const existing =
          state && state.status !== 'none'
            ? state.relationships[step.c % Math.max(1, state.relationships.length)]
            : undefined;
        return {
          type: 'RemoveConfigurationItemRelationship',
          data: {
            relationshipType: existing?.relationshipType ?? 'depends-on',
            targetId: existing?.targetId ?? target,
          },
        };
      }
    }
  })();
  // Built directly: every value is valid by construction, and the codecs have their own tests.
  return {
    type: data.type,
    data: { configurationItemId: source, ...data.data },
    metadata: metadataOf(manager, hour),
  } as unknown as ConfigurationItemCommand;
};

describe('configuration item and relationship graph properties', () => {
  it('never corrupts the graph over 10,000 random command sequences', () => {
    let relationshipsAdded = 0;
    let refusedRetirements = 0;
    let refusedCycles = 0;
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: classes.length - 1 }), { minLength: ids.length, maxLength: ids.length }),
        fc.array(stepArbitrary, { minLength: 10, maxLength: 30 }),
        (classPicks, steps) => {
          const decider = ConfigurationItem.decider;
          const states = new Map<string, ConfigurationItemState>();
          const history: ConfigurationItemEvent[] = [];
          let graph = emptyRelationshipGraph;
          // Most CIs are registered (and some in production) before the sequence, so relationships are the focus.
          const setup: Step[] = ids.flatMap((_, a) => [
            ...(classPicks[a] === 0 ? [] : [{ kind: 'register', a, b: 0, c: classPicks[a] ?? 0 }]),
            ...(a % 2 === 0 ? [{ kind: 'produce', a, b: 0, c: 0 }] : []),
          ]);
          [...setup, ...steps].forEach((step, index) => {
            const command = commandOf(step, index, graph, states);
            const id = command.data.configurationItemId;
            const before = states.get(id) ?? decider.initialState;
            const decision = decider.decide(command, before);
            if (decision._tag === 'Left') {
              if (decision.left._tag === 'ConfigurationItemStillRelated') refusedRetirements++;
              if (decision.left._tag === 'PartOfCycle') refusedCycles++;
              return;
            }
            const graphBefore = graph;
            let state = before;
            for (const event of decision.right) {
              const checked = registry.schemaVersionFor(event.type, event.data);
              if (checked._tag === 'Left') throw new Error(checked.left);
              state = decider.evolve(state, event);
              graph = evolveRelationshipGraph(graph, event);
              history.push(event);
            }
            states.set(id, state);

            const added = decision.right.find((event) => event.type === 'ConfigurationItemRelationshipAdded');
            if (added?.type === 'ConfigurationItemRelationshipAdded') {
              relationshipsAdded++;
              // Add then remove is the identity on the graph, with the removal the decider itself decides.
              const { relationshipType, targetId } = added.data;
              const removal = decider.decide(
                {
                  type: 'RemoveConfigurationItemRelationship',
                  data: { configurationItemId: id, relationshipType, targetId },
                  metadata: command.metadata,
                } as ConfigurationItemCommand,
                state,
              );
              if (removal._tag === 'Left') throw new Error(`cannot remove what was just added: ${removal.left._tag}`);
              check(
                isDeepStrictEqual(removal.right.reduce(evolveRelationshipGraph, graph), graphBefore),
                () => 'add then remove changed the graph',
              );
            }

            // No edge touches an unknown or retired CI.
            for (const edge of Object.values(graph.outgoing).flat()) {
              for (const end of [edge.source, edge.target]) {
                const node = graph.nodes[end];
                check(
                  node !== undefined && node.lifecycle !== 'retired',
                  () => `edge ${edgeKey(edge)} touches ${end}: ${node?.lifecycle ?? 'unknown'}`,
                );
              }
            }
            // The two indexes mirror each other, and agree with the CIs' own relationships.
            check(
              isDeepStrictEqual(allEdges(graph.incoming), allEdges(graph.outgoing)),
              () => 'the edge indexes differ',
            );
            const fromStates = [...states.entries()].flatMap(([source, ci]) =>
              ci.status === 'none'
                ? []
                : ci.relationships.map((r) =>
                    edgeKey({ source, relationshipType: r.relationshipType, target: r.targetId }),
                  ),
            );
            check(
              isDeepStrictEqual(fromStates.sort(), allEdges(graph.outgoing)),
              () => 'the graph and the CI states disagree',
            );
            // The lifecycle the graph knows is the CI's own.
            for (const [ciId, ci] of states)
              if (ci.status !== 'none')
                check(graph.nodes[ciId]?.lifecycle === ci.status, () => `${ciId}: lifecycle differs`);
            check(!hasPartOfCycle(graph), () => 'part-of has a cycle');
          });

          // Impact analysis: terminates, lists each CI once, and reaches each one through a propagating relationship.
          for (const ciId of ids) {
            const impacted = impactedConfigurationItems(graph, ciId);
            const distance = new Map(impacted.map((item) => [item.configurationItemId, item.distance]));
            check(distance.size === impacted.length, () => `impact of ${ciId} lists a CI twice`);
            for (const item of impacted) {
              if (item.distance === 0) continue;
              const viaTarget = Object.values(graph.outgoing)
                .flat()
                .some(
                  (edge) =>
                    edge.source === item.configurationItemId &&
                    defaultImpactPropagation[edge.relationshipType].toSource &&
                    distance.get(edge.target) === item.distance - 1,
                );
              const viaSource = (graph.incoming[item.configurationItemId] ?? []).some(
                (edge) =>
                  defaultImpactPropagation[edge.relationshipType].toTarget &&
                  distance.get(edge.source) === item.distance - 1,
              );
              check(
                viaTarget || viaSource,
                () => `${item.configurationItemId} impacted by ${ciId} without a propagating path`,
              );
            }
          }
          check(
            isDeepStrictEqual(relationshipGraphOf(history), graph),
            () => 'one-pass and event-by-event graphs differ',
          );
        },
      ),
      { numRuns: 10_000 },
    );
    // The generator must reach the interesting cases, or the properties above prove little.
    expect(relationshipsAdded).toBeGreaterThan(20_000);
    expect(refusedRetirements).toBeGreaterThan(2_000);
    expect(refusedCycles).toBeGreaterThan(300);
  });
});
