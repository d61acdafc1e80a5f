import { describe, expect, it } from '@jest/globals';
import { hoursLater } from '../service-catalog/service-catalog.test-fixture.js';
import type { ConfigurationItemEvent } from './configuration-item-events.js';
import type { ConfigurationItemClass, RelationshipType } from './configuration-item-vocabulary.js';
import {
  defaultImpactPropagation,
  emptyRelationshipGraph,
  evolveRelationshipGraph,
  impactedConfigurationItems,
  impactedServices,
  incomingRelationshipFactsOf,
  partOfAncestors,
  relationshipGraphOf,
  relationshipTargetFactsOf,
} from './relationship-graph.js';

const who = { at: hoursLater(0), by: 'cm-1' };
const register = (id: string, ciClass: ConfigurationItemClass): ConfigurationItemEvent =>
  ({
    type: 'ConfigurationItemRegistered',
    data: { configurationItemId: id, name: id, ciClass, ownerGroup: 'ops', attributes: {}, ...who },
  }) as never;
const relate = (
  source: string,
  relationshipType: RelationshipType,
  target: string,
  targetClass: ConfigurationItemClass = 'server',
): ConfigurationItemEvent =>
  ({
    type: 'ConfigurationItemRelationshipAdded',
    data: { configurationItemId: source, relationshipType, targetId: target, targetClass, ...who },
  }) as never;
const unrelate = (source: string, relationshipType: RelationshipType, target: string): ConfigurationItemEvent =>
  ({
    type: 'ConfigurationItemRelationshipRemoved',
    data: { configurationItemId: source, relationshipType, targetId: target, ...who },
  }) as never;

/** A small CMDB: two services on a shared cluster, a depends-on cycle and a switch. */
const cmdb: ConfigurationItemEvent[] = [
  register('svc-sales', 'service'),
  register('svc-email', 'service'),
  register('svc-portal', 'service'),
  register('app-crm', 'application'),
  register('app-mail', 'application'),
  register('app-portal', 'application'),
  register('db-1', 'database'),
  register('vm-1', 'virtual-machine'),
  register('host-1', 'server'),
  register('host-2', 'server'),
  register('cluster-1', 'cluster'),
  register('switch-1', 'network'),
  relate('svc-sales', 'depends-on', 'app-crm', 'application'),
  relate('app-crm', 'runs-on', 'vm-1', 'virtual-machine'),
  relate('vm-1', 'runs-on', 'host-1'),
  relate('db-1', 'runs-on', 'host-1'),
  relate('app-crm', 'depends-on', 'db-1', 'database'),
  relate('host-1', 'part-of', 'cluster-1', 'cluster'),
  relate('host-2', 'part-of', 'cluster-1', 'cluster'),
  relate('svc-email', 'depends-on', 'app-mail', 'application'),
  relate('app-mail', 'runs-on', 'host-2'),
  relate('svc-portal', 'depends-on', 'app-portal', 'application'),
  relate('svc-portal', 'depends-on', 'svc-sales', 'service'),
  relate('app-portal', 'depends-on', 'app-crm', 'application'),
  relate('app-crm', 'depends-on', 'app-portal', 'application'),
  relate('switch-1', 'connected-to', 'host-1'),
];
const graph = relationshipGraphOf(cmdb);

describe('impact analysis', () => {
  it('follows runs-on and depends-on to the services above a failed server', () => {
    expect(impactedServices(graph, 'host-1')).toEqual(['svc-portal', 'svc-sales']);
  });
  it('reports the whole a failed part belongs to, but not the whole’s other parts', () => {
    const impacted = impactedConfigurationItems(graph, 'host-1').map((item) => item.configurationItemId);
    expect(impacted).toContain('cluster-1');
    expect(impacted).not.toContain('host-2');
    expect(impactedServices(graph, 'host-1')).not.toContain('svc-email');
  });
  it('gives each affected CI its distance, nearest first, the failed CI at 0', () => {
    const impacted = impactedConfigurationItems(graph, 'host-1');
    expect(impacted[0]).toEqual({ configurationItemId: 'host-1', ciClass: 'server', distance: 0 });
    expect(impacted.find((item) => item.configurationItemId === 'vm-1')?.distance).toBe(1);
    expect(impacted.find((item) => item.configurationItemId === 'app-crm')?.distance).toBe(2);
    expect(impacted.find((item) => item.configurationItemId === 'svc-portal')?.distance).toBe(4);
    const distances = impacted.map((item) => item.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });
  it('terminates on depends-on cycles and lists each CI once', () => {
    const impacted = impactedConfigurationItems(graph, 'app-portal').map((item) => item.configurationItemId);
    expect(new Set(impacted).size).toBe(impacted.length);
    expect(impactedServices(graph, 'app-portal')).toEqual(['svc-portal', 'svc-sales']);
  });
  it('includes a failed service itself and the services depending on it', () => {
    expect(impactedServices(graph, 'svc-sales')).toEqual(['svc-portal', 'svc-sales']);
    expect(impactedServices(graph, 'svc-email')).toEqual(['svc-email']);
  });
  it('does not follow connected-to by default, and does when told to', () => {
    expect(impactedServices(graph, 'switch-1')).toEqual([]);
    const bothWays = { ...defaultImpactPropagation, 'connected-to': { toSource: true, toTarget: true } };
    expect(impactedServices(graph, 'switch-1', bothWays)).toEqual(['svc-portal', 'svc-sales']);
  });
  it('knows nothing about an unknown CI', () => {
    expect(impactedServices(graph, 'nowhere')).toEqual([]);
    expect(impactedConfigurationItems(graph, 'nowhere')).toEqual([
      { configurationItemId: 'nowhere', ciClass: undefined, distance: 0 },
    ]);
  });
});

describe('relationship graph', () => {
  it('is the same built in one pass or event by event', () => {
    expect(cmdb.reduce(evolveRelationshipGraph, emptyRelationshipGraph)).toEqual(graph);
  });
  it('never modifies the graph it is given', () => {
    const frozen = JSON.parse(JSON.stringify(graph)) as typeof graph;
    const deepFreeze = (value: unknown): void => {
      if (typeof value === 'object' && value !== null) {
        Object.freeze(value);
        Object.values(value).forEach(deepFreeze);
      }
    };
    deepFreeze(frozen);
    const next = evolveRelationshipGraph(frozen, unrelate('vm-1', 'runs-on', 'host-1'));
    const ids = (g: typeof graph) => impactedConfigurationItems(g, 'host-1').map((item) => item.configurationItemId);
    expect(ids(next)).not.toContain('vm-1');
    expect(ids(frozen)).toContain('vm-1');
    expect(frozen).toEqual(graph);
  });
  it('returns the same graph for events that change nothing in it', () => {
    const attributes = {
      type: 'ConfigurationItemAttributesUpdated',
      data: { configurationItemId: 'vm-1', set: { ram: 8 }, removed: [], ...who },
    } as never;
    expect(evolveRelationshipGraph(graph, attributes)).toBe(graph);
    expect(evolveRelationshipGraph(graph, unrelate('vm-1', 'depends-on', 'host-1'))).toBe(graph);
  });
  it('adding then removing a relationship gives the graph back', () => {
    const added = evolveRelationshipGraph(graph, relate('app-mail', 'depends-on', 'db-1', 'database'));
    expect(added).not.toEqual(graph);
    expect(evolveRelationshipGraph(added, unrelate('app-mail', 'depends-on', 'db-1'))).toEqual(graph);
  });
  it('supplies the facts the commands need: target facts, part-of ancestors, incoming relationships', () => {
    const nested = relationshipGraphOf([
      ...cmdb,
      register('dc-1', 'facility' as never),
      relate('cluster-1', 'part-of', 'dc-1'),
    ]);
    expect([...partOfAncestors(nested, 'host-1')].sort()).toEqual(['cluster-1', 'dc-1']);
    expect(relationshipTargetFactsOf(nested, 'host-1' as never)).toEqual({
      configurationItemId: 'host-1',
      exists: true,
      ciClass: 'server',
      lifecycle: 'planned',
      partOfAncestors: ['cluster-1', 'dc-1'],
    });
    expect(relationshipTargetFactsOf(nested, 'ghost' as never)).toEqual({
      configurationItemId: 'ghost',
      exists: false,
    });
    expect(incomingRelationshipFactsOf(nested, 'host-1')).toEqual([
      { source: 'vm-1', relationshipType: 'runs-on' },
      { source: 'db-1', relationshipType: 'runs-on' },
      { source: 'switch-1', relationshipType: 'connected-to' },
    ]);
  });
  it('stores ids such as __proto__ and constructor as plain data', () => {
    const odd = relationshipGraphOf([
      register('__proto__', 'service'),
      register('constructor', 'application'),
      relate('__proto__', 'depends-on', 'constructor', 'application'),
    ]);
    expect(Object.keys(odd.nodes).sort()).toEqual(['__proto__', 'constructor']);
    expect(impactedServices(odd, 'constructor')).toEqual(['__proto__']);
    expect(impactedServices(odd, 'toString')).toEqual([]);
    expect(JSON.parse(JSON.stringify(odd))).toEqual(odd);
  });
});
