/**
 * The CI relationship graph as plain data, built from configuration item
 * events, and impact analysis over it: which CIs, and which services, are
 * affected when a CI is down.
 *
 * The graph is a JSON-friendly adjacency structure (nodes by id, edges by
 * source and by target), so a read model can store it or rebuild it from
 * rows and feed it to {@link impactedServices}. {@link evolveRelationshipGraph}
 * is pure and copies the indexes it touches (O(number of CIs) per event);
 * {@link relationshipGraphOf} folds a whole history in one pass.
 *
 * Impact follows {@link ImpactPropagation}: by default, when a CI is down,
 * whatever `depends-on` or `runs-on` it is affected, and whatever it is
 * `part-of` is affected; `connected-to` does not propagate. Traversal is
 * breadth-first with a visited set, so cycles (allowed for depends-on and
 * connected-to) terminate. Limits: "affected" means possibly degraded — the
 * graph knows no redundancy (a cluster with one node down is reported).
 *
 * @module
 */
import type { ConfigurationItemId } from '../shared/ids.js';
import type { IncomingRelationship, RelationshipTargetFacts } from './configuration-item-commands.js';
import type { ConfigurationItemEvent } from './configuration-item-events.js';
import type {
  ConfigurationItemClass,
  ConfigurationItemLifecycle,
  RelationshipType,
} from './configuration-item-vocabulary.js';

/** A CI as the graph knows it. */
export interface RelationshipGraphNode {
  readonly name: string;
  readonly ciClass: ConfigurationItemClass;
  readonly lifecycle: ConfigurationItemLifecycle;
}

/** One relationship: "source <type> target". */
export interface RelationshipEdge {
  readonly source: string;
  readonly relationshipType: RelationshipType;
  readonly target: string;
}

/** The relationship graph: nodes by CI id, edges indexed by source and by target. */
export interface RelationshipGraph {
  readonly nodes: Readonly<Record<string, RelationshipGraphNode>>;
  /** Edges by source CI id (the relationships a CI has). */
  readonly outgoing: Readonly<Record<string, readonly RelationshipEdge[]>>;
  /** Edges by target CI id (the relationships other CIs have to it). */
  readonly incoming: Readonly<Record<string, readonly RelationshipEdge[]>>;
}

/** The graph with no CIs. */
export const emptyRelationshipGraph: RelationshipGraph = { nodes: {}, outgoing: {}, incoming: {} };

/** For each relationship type, which way a failure travels: to the source when the target is down, to the target when the source is down. */
export type ImpactPropagation = Readonly<
  Record<RelationshipType, { readonly toSource: boolean; readonly toTarget: boolean }>
>;

/** The default propagation: dependants of a down CI and wholes of a down part are affected; connections are not followed. */
export const defaultImpactPropagation: ImpactPropagation = {
  'depends-on': { toSource: true, toTarget: false },
  'runs-on': { toSource: true, toTarget: false },
  'part-of': { toSource: false, toTarget: true },
  'connected-to': { toSource: false, toTarget: false },
};

// CI ids are data (`constructor` is a valid id): read records only through own properties.
const own = <A>(record: Readonly<Record<string, A>>, key: string): A | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

// `__proto__` is a valid CI id too: define own properties instead of assigning through the setter.
const put = <A>(record: Record<string, A>, key: string, value: A): void => {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
};

const sameEdge = (a: RelationshipEdge, b: RelationshipEdge): boolean =>
  a.source === b.source && a.target === b.target && a.relationshipType === b.relationshipType;

/** A mutable view used by both the pure evolve (on copies) and the one-pass fold. */
interface GraphBuilder {
  nodes: Record<string, RelationshipGraphNode>;
  outgoing: Record<string, readonly RelationshipEdge[]>;
  incoming: Record<string, readonly RelationshipEdge[]>;
}

const withoutEmpty = (
  index: Record<string, readonly RelationshipEdge[]>,
  key: string,
  edges: readonly RelationshipEdge[],
) => {
  if (edges.length === 0) delete index[key];
  else put(index, key, edges);
};

/** Applies one event to a builder, calling `copy` before the first change to each index. */
const applyEvent = (
  graph: GraphBuilder,
  event: ConfigurationItemEvent,
  copy: (part: keyof GraphBuilder) => void,
): void => {
  const id = event.data.configurationItemId;
  const setLifecycle = (lifecycle: ConfigurationItemLifecycle) => {
    const node = own(graph.nodes, id);
    if (node === undefined || node.lifecycle === lifecycle) return;
    copy('nodes');
    put(graph.nodes, id, { ...node, lifecycle });
  };
  switch (event.type) {
    case 'ConfigurationItemRegistered':
      copy('nodes');
      put(graph.nodes, id, { name: event.data.name, ciClass: event.data.ciClass, lifecycle: 'planned' });
      return;
    case 'ConfigurationItemPutIntoProduction':
    case 'ConfigurationItemMaintenanceEnded':
      return setLifecycle('in-production');
    case 'ConfigurationItemMaintenanceStarted':
      return setLifecycle('maintenance');
    case 'ConfigurationItemRetired':
      return setLifecycle('retired');
    case 'ConfigurationItemRelationshipAdded': {
      const edge: RelationshipEdge = {
        source: id,
        relationshipType: event.data.relationshipType,
        target: event.data.targetId,
      };
      const outgoing = own(graph.outgoing, edge.source) ?? [];
      if (outgoing.some((candidate) => sameEdge(candidate, edge))) return;
      copy('outgoing');
      copy('incoming');
      put(graph.outgoing, edge.source, [...outgoing, edge]);
      put(graph.incoming, edge.target, [...(own(graph.incoming, edge.target) ?? []), edge]);
      return;
    }
    case 'ConfigurationItemRelationshipRemoved': {
      const edge: RelationshipEdge = {
        source: id,
        relationshipType: event.data.relationshipType,
        target: event.data.targetId,
      };
      const outgoing = own(graph.outgoing, edge.source) ?? [];
      if (!outgoing.some((candidate) => sameEdge(candidate, edge))) return;
      copy('outgoing');
      copy('incoming');
      withoutEmpty(
        graph.outgoing,
        edge.source,
        outgoing.filter((candidate) => !sameEdge(candidate, edge)),
      );
      withoutEmpty(
        graph.incoming,
        edge.target,
        (own(graph.incoming, edge.target) ?? []).filter((candidate) => !sameEdge(candidate, edge)),
      );
      return;
    }
    case 'ConfigurationItemAttributesUpdated':
    case 'ConfigurationItemOwnerChanged':
      return;
  }
};

/**
 * The graph after one configuration item event. Pure: the input graph is
 * not modified, and an event that changes nothing returns it as is.
 */
export const evolveRelationshipGraph = (graph: RelationshipGraph, event: ConfigurationItemEvent): RelationshipGraph => {
  const next: GraphBuilder = { nodes: graph.nodes, outgoing: graph.outgoing, incoming: graph.incoming } as GraphBuilder;
  const copied = new Set<keyof GraphBuilder>();
  applyEvent(next, event, (part) => {
    if (copied.has(part)) return;
    copied.add(part);
    next[part] = { ...next[part] } as never;
  });
  return copied.size === 0 ? graph : next;
};

/** The graph of a whole history of configuration item events (oldest first), in one pass. */
export const relationshipGraphOf = (events: Iterable<ConfigurationItemEvent>): RelationshipGraph => {
  const graph: GraphBuilder = { nodes: {}, outgoing: {}, incoming: {} };
  for (const event of events) applyEvent(graph, event, () => undefined);
  return graph;
};

/** The relationships a CI has (edges from it). */
export const relationshipsFrom = (graph: RelationshipGraph, configurationItemId: string): readonly RelationshipEdge[] =>
  own(graph.outgoing, configurationItemId) ?? [];

/** The relationships other CIs have to a CI (edges to it): the facts `RetireConfigurationItem` carries. */
export const relationshipsTo = (graph: RelationshipGraph, configurationItemId: string): readonly RelationshipEdge[] =>
  own(graph.incoming, configurationItemId) ?? [];

/** Every CI a CI is transitively part of (cycle-safe): the facts the part-of cycle check needs. */
export const partOfAncestors = (graph: RelationshipGraph, configurationItemId: string): readonly string[] => {
  const seen = new Set<string>();
  const queue = [configurationItemId];
  for (let index = 0; index < queue.length; index++) {
    for (const edge of relationshipsFrom(graph, queue[index] as string)) {
      if (edge.relationshipType !== 'part-of' || seen.has(edge.target)) continue;
      seen.add(edge.target);
      queue.push(edge.target);
    }
  }
  seen.delete(configurationItemId);
  return [...seen];
};

/** A CI affected by another being down, with how many relationships away it is. */
export interface ImpactedConfigurationItem {
  readonly configurationItemId: string;
  /** Its class, when the graph knows the CI. */
  readonly ciClass: ConfigurationItemClass | undefined;
  /** 0 for the CI that is down, then +1 per relationship followed. */
  readonly distance: number;
}

/**
 * Every CI affected when `configurationItemId` is down, itself first, then
 * in breadth-first order (nearest first). Transitive and cycle-safe.
 */
export const impactedConfigurationItems = (
  graph: RelationshipGraph,
  configurationItemId: string,
  propagation: ImpactPropagation = defaultImpactPropagation,
): readonly ImpactedConfigurationItem[] => {
  const distance = new Map<string, number>([[configurationItemId, 0]]);
  const queue = [configurationItemId];
  for (let index = 0; index < queue.length; index++) {
    const down = queue[index] as string;
    const next = (distance.get(down) ?? 0) + 1;
    const reach = (id: string) => {
      if (distance.has(id)) return;
      distance.set(id, next);
      queue.push(id);
    };
    for (const edge of relationshipsTo(graph, down))
      if (propagation[edge.relationshipType].toSource) reach(edge.source);
    for (const edge of relationshipsFrom(graph, down))
      if (propagation[edge.relationshipType].toTarget) reach(edge.target);
  }
  return queue.map((id) => ({
    configurationItemId: id,
    ciClass: own(graph.nodes, id)?.ciClass,
    distance: distance.get(id) ?? 0,
  }));
};

/**
 * The ids of the services (CIs of class `service`) affected when
 * `configurationItemId` is down, including itself if it is a service;
 * sorted, so results compare and store stably.
 */
export const impactedServices = (
  graph: RelationshipGraph,
  configurationItemId: string,
  propagation: ImpactPropagation = defaultImpactPropagation,
): readonly string[] =>
  impactedConfigurationItems(graph, configurationItemId, propagation)
    .filter((item) => item.ciClass === 'service')
    .map((item) => item.configurationItemId)
    .sort();

/**
 * What an application puts in `AddConfigurationItemRelationship.target`,
 * read from the graph: whether the target exists, its class, lifecycle and
 * part-of ancestors.
 */
export const relationshipTargetFactsOf = (
  graph: RelationshipGraph,
  targetId: ConfigurationItemId,
): RelationshipTargetFacts => {
  const node = own(graph.nodes, targetId);
  if (node === undefined) return { configurationItemId: targetId, exists: false };
  return {
    configurationItemId: targetId,
    exists: true,
    ciClass: node.ciClass,
    lifecycle: node.lifecycle,
    partOfAncestors: partOfAncestors(graph, targetId) as readonly ConfigurationItemId[],
  };
};

/** What an application puts in `RetireConfigurationItem.incomingRelationships`, read from the graph. */
export const incomingRelationshipFactsOf = (
  graph: RelationshipGraph,
  configurationItemId: string,
): readonly IncomingRelationship[] =>
  relationshipsTo(graph, configurationItemId).map((edge) => ({
    source: edge.source as ConfigurationItemId,
    relationshipType: edge.relationshipType,
  }));
