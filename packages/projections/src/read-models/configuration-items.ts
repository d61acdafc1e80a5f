/**
 * The configuration items read model (the CMDB view): every CI with its
 * class, lifecycle, owner and attributes; every relationship between CIs;
 * and which records (incidents, changes) are linked to which CIs.
 *
 * **Impact analysis** is a query over it: {@link impactAnalysis} reads the
 * part of the relationship graph a failure can travel through, level by
 * level (one query per level, never the whole graph), and hands it to the
 * domain's `impactedConfigurationItems` / `impactedServices`, so the answer
 * is the domain's own (transitive, cycle-safe, the same propagation rules).
 * {@link recordImpact} answers it for an incident or a change: the services
 * affected through the CIs linked to the record.
 *
 * @module
 */
import type { Kysely, Migration } from 'kysely';
import {
  ConfigurationItemClass,
  ConfigurationItemLifecycle,
  RelationshipType,
  defaultImpactPropagation,
  impactedConfigurationItems,
  type ImpactPropagation,
  type RelationshipEdge,
  type RelationshipGraph,
  type RelationshipGraphNode,
} from '@itsm/domain';
import type { RecordedEvent } from '@itsm/event-store';
import { rowProjection, type RowAccess, type RowProjectionDefinition, type RowTable } from '../row-projection.js';
import { selectRowsWhereIn } from '../sql-statements.js';
import { dataOf, text, utc } from './event-data.js';
import { configurationItemEventTypes } from './event-types.js';
import { withoutRowid } from './table-options.js';
import type { AnyDatabase } from '../projection.js';

/** A row of `configuration_item`: one CI. */
export interface ConfigurationItemTable {
  configuration_item_id: string;
  name: string;
  /** `service`, `application`, `database`, `server`, … (the domain's classes). */
  ci_class: string;
  /** `planned`, `in-production`, `maintenance` or `retired`. */
  lifecycle: string;
  owner_group: string;
  /** The CI's attributes (JSON object). */
  attributes: string;
  updated_at: string;
  /** Global position of the last event applied. */
  position: number;
}

/** A row of `configuration_item_relationship`: "source <type> target". */
export interface ConfigurationItemRelationshipTable {
  source_id: string;
  /** `depends-on`, `runs-on`, `part-of` or `connected-to`. */
  relationship_type: string;
  target_id: string;
  added_at: string;
}

/** A row of `configuration_item_link`: a record (incident, change) linked to a CI. */
export interface ConfigurationItemLinkTable {
  /** The record's stream id (`incident-INC1`, `change-CHG1`). */
  record_id: string;
  configuration_item_id: string;
  linked_at: string;
}

/** The database interface of the configuration items read model (logical names). */
export interface ConfigurationItemsDatabase {
  configuration_item: ConfigurationItemTable;
  configuration_item_relationship: ConfigurationItemRelationshipTable;
  configuration_item_link: ConfigurationItemLinkTable;
}

const itemTable: RowTable = {
  name: 'configuration_item',
  key: ['configuration_item_id'],
  columns: [
    'configuration_item_id',
    'name',
    'ci_class',
    'lifecycle',
    'owner_group',
    'attributes',
    'updated_at',
    'position',
  ],
};
const relationshipTable: RowTable = {
  name: 'configuration_item_relationship',
  key: ['source_id', 'relationship_type', 'target_id'],
  columns: ['source_id', 'relationship_type', 'target_id', 'added_at'],
};
const linkTable: RowTable = {
  name: 'configuration_item_link',
  key: ['record_id', 'configuration_item_id'],
  columns: ['record_id', 'configuration_item_id', 'linked_at'],
};

const migrations: Record<string, Migration> = {
  '0001_configuration_items': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createTable('configuration_item')
        .addColumn('configuration_item_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('ci_class', 'text', (c) => c.notNull())
        .addColumn('lifecycle', 'text', (c) => c.notNull())
        .addColumn('owner_group', 'text', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('configuration_item_by_class')
        .on('configuration_item')
        .columns(['ci_class', 'lifecycle'])
        .execute();
      await db.schema
        .createTable('configuration_item_relationship')
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('relationship_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('configuration_item_relationship_pk', ['source_id', 'relationship_type', 'target_id'])
        .$call(withoutRowid(db))
        .execute();
      await db.schema
        .createIndex('configuration_item_relationship_by_target')
        .on('configuration_item_relationship')
        .columns(['target_id', 'relationship_type'])
        .execute();
      await db.schema
        .createTable('configuration_item_link')
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('configuration_item_id', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('configuration_item_link_pk', ['record_id', 'configuration_item_id'])
        .$call(withoutRowid(db))
        .execute();
      await db.schema
        .createIndex('configuration_item_link_by_item')
        .on('configuration_item_link')
        .column('configuration_item_id')
        .execute();
    },
  },
};

const lifecycleAfter: Readonly<Record<string, string>> = {
  ConfigurationItemPutIntoProduction: 'in-production',
  ConfigurationItemMaintenanceStarted: 'maintenance',
  ConfigurationItemMaintenanceEnded: 'in-production',
  ConfigurationItemRetired: 'retired',
};

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const link = (rows: RowAccess, recordId: string, item: string, at: string | null, event: RecordedEvent) => {
  // The first link is the one recorded: linking again keeps its time.
  if (rows.get('configuration_item_link', [recordId, item]) !== undefined) return;
  rows.put('configuration_item_link', {
    record_id: recordId,
    configuration_item_id: item,
    linked_at: at ?? event.metadata.occurredAt,
  } satisfies ConfigurationItemLinkTable);
};

const evolve = (rows: RowAccess, event: RecordedEvent): void => {
  const data = dataOf(event);
  const at = utc(data['at']);
  switch (event.type) {
    case 'IncidentLogged':
    case 'IncidentConfigurationItemLinked': {
      const item = text(data, 'configurationItem');
      if (item !== null) link(rows, event.streamId, item, at, event);
      return;
    }
    case 'ChangeRequested':
      for (const item of stringsOf(data['configurationItems'])) link(rows, event.streamId, item, at, event);
      return;
  }
  const id = text(data, 'configurationItemId');
  if (id === null) return;
  if (event.type === 'ConfigurationItemRelationshipAdded' || event.type === 'ConfigurationItemRelationshipRemoved') {
    const key = [id, text(data, 'relationshipType'), text(data, 'targetId')];
    if (event.type === 'ConfigurationItemRelationshipRemoved') rows.remove('configuration_item_relationship', key);
    else if (rows.get('configuration_item_relationship', key) === undefined)
      rows.put('configuration_item_relationship', {
        source_id: id,
        relationship_type: key[1] ?? null,
        target_id: key[2] ?? null,
        added_at: at ?? event.metadata.occurredAt,
      });
    return;
  }
  if (event.type === 'ConfigurationItemRegistered') {
    rows.put('configuration_item', {
      configuration_item_id: id,
      name: text(data, 'name') ?? id,
      ci_class: text(data, 'ciClass') ?? 'other',
      lifecycle: 'planned',
      owner_group: text(data, 'ownerGroup') ?? '',
      attributes: JSON.stringify(data['attributes'] ?? {}),
      updated_at: at ?? event.metadata.occurredAt,
      position: event.globalPosition,
    } satisfies ConfigurationItemTable);
    return;
  }
  const current = rows.get('configuration_item', [id]);
  if (current === undefined) return;
  const changed = { ...current, updated_at: at ?? event.metadata.occurredAt, position: event.globalPosition };
  const lifecycle = lifecycleAfter[event.type];
  if (lifecycle !== undefined) return rows.put('configuration_item', { ...changed, lifecycle });
  if (event.type === 'ConfigurationItemOwnerChanged')
    return rows.put('configuration_item', { ...changed, owner_group: text(data, 'ownerGroup') ?? '' });
  if (event.type === 'ConfigurationItemAttributesUpdated') {
    const attributes: Record<string, unknown> = {
      ...(JSON.parse(String(current['attributes'])) as Record<string, unknown>),
      ...(typeof data['set'] === 'object' && data['set'] !== null ? (data['set'] as Record<string, unknown>) : {}),
    };
    for (const name of stringsOf(data['removed'])) delete attributes[name];
    rows.put('configuration_item', { ...changed, attributes: JSON.stringify(attributes) });
  }
};

/** Reads the rows an event needs: its CI, relationship or links (so repeats are recognised). */
const reads: RowProjectionDefinition['reads'] = (event) => {
  const data = dataOf(event);
  switch (event.type) {
    case 'IncidentLogged':
    case 'IncidentConfigurationItemLinked': {
      const item = text(data, 'configurationItem');
      return item === null ? [] : [{ table: 'configuration_item_link', key: [event.streamId, item] }];
    }
    case 'ChangeRequested':
      return stringsOf(data['configurationItems']).map((item) => ({
        table: 'configuration_item_link',
        key: [event.streamId, item],
      }));
    case 'ConfigurationItemRelationshipAdded':
      return [
        {
          table: 'configuration_item_relationship',
          key: [text(data, 'configurationItemId'), text(data, 'relationshipType'), text(data, 'targetId')],
        },
      ];
    default:
      return [{ table: 'configuration_item', key: [text(data, 'configurationItemId')] }];
  }
};

/** The configuration items read model as a row projection definition. */
export const configurationItemsDefinition: RowProjectionDefinition = {
  name: 'configuration_items',
  version: 1,
  handles: [...configurationItemEventTypes, 'IncidentLogged', 'IncidentConfigurationItemLinked', 'ChangeRequested'],
  tables: [itemTable, relationshipTable, linkTable],
  migrations,
  reads,
  evolve,
};

/** The configuration items projection. */
export const configurationItemsProjection = rowProjection(configurationItemsDefinition);

/** A CI affected by another being down: the domain's answer with the CI's name. */
export interface ImpactedItem {
  readonly configurationItemId: string;
  /** Its name and class (undefined when no `ConfigurationItemRegistered` was projected for it). */
  readonly name: string | undefined;
  readonly ciClass: string | undefined;
  /** 0 for the CI that is down, then +1 per relationship followed. */
  readonly distance: number;
}

/** What is affected when a CI is down. */
export interface ImpactAnalysis {
  /** Every CI affected, the one down first, then nearest first (then by id). */
  readonly configurationItems: readonly ImpactedItem[];
  /** The ids of the affected services (CIs of class `service`), sorted. */
  readonly services: readonly string[];
}

/**
 * Reads the part of the relationship graph a failure of `configurationItemId`
 * can travel through under `propagation`: level by level, the relationships
 * that propagate from the CIs reached so far, until no new CI is reached.
 */
const reachableGraph = async (
  db: Kysely<AnyDatabase>,
  configurationItemId: string,
  propagation: ImpactPropagation,
): Promise<RelationshipGraph> => {
  const edges = new Map<string, RelationshipEdge>();
  const reached = new Set([configurationItemId]);
  /** Keeps a relationship that propagates a failure from `from` and returns the CI it reaches, if new. */
  const follow = (row: Record<string, unknown>, from: 'source' | 'target'): string[] => {
    const relationshipType = String(row['relationship_type']);
    if (!RelationshipType.is(relationshipType)) return [];
    const rule = propagation[relationshipType];
    if (!(from === 'target' ? rule.toSource : rule.toTarget)) return [];
    const edge = { source: String(row['source_id']), relationshipType, target: String(row['target_id']) };
    edges.set(`${edge.source}\u0000${relationshipType}\u0000${edge.target}`, edge);
    const other = from === 'target' ? edge.source : edge.target;
    if (reached.has(other)) return [];
    reached.add(other);
    return [other];
  };
  for (let frontier = [configurationItemId]; frontier.length > 0;) {
    const [toSource, toTarget] = await Promise.all([
      selectRowsWhereIn<Record<string, unknown>>(db, 'configuration_item_relationship', 'target_id', frontier),
      selectRowsWhereIn<Record<string, unknown>>(db, 'configuration_item_relationship', 'source_id', frontier),
    ]);
    frontier = [
      ...toSource.flatMap((row) => follow(row, 'target')),
      ...toTarget.flatMap((row) => follow(row, 'source')),
    ];
  }
  const nodes: Record<string, RelationshipGraphNode> = {};
  for (const row of await selectRowsWhereIn<Record<string, unknown>>(
    db,
    'configuration_item',
    'configuration_item_id',
    [...reached],
  )) {
    const ciClass = String(row['ci_class']);
    const lifecycle = String(row['lifecycle']);
    if (!ConfigurationItemClass.is(ciClass) || !ConfigurationItemLifecycle.is(lifecycle)) continue;
    Object.defineProperty(nodes, String(row['configuration_item_id']), {
      value: { name: String(row['name']), ciClass, lifecycle },
      enumerable: true,
    });
  }
  const outgoing: Record<string, RelationshipEdge[]> = {};
  const incoming: Record<string, RelationshipEdge[]> = {};
  const push = (index: Record<string, RelationshipEdge[]>, key: string, edge: RelationshipEdge) => {
    if (!Object.hasOwn(index, key)) Object.defineProperty(index, key, { value: [], enumerable: true });
    index[key]?.push(edge);
  };
  for (const edge of edges.values()) {
    push(outgoing, edge.source, edge);
    push(incoming, edge.target, edge);
  }
  return { nodes, outgoing, incoming };
};

/**
 * Impact analysis: every CI and every service affected when
 * `configurationItemId` is down (transitive, cycle-safe; the domain's
 * propagation rules, `defaultImpactPropagation` unless given).
 */
export const impactAnalysis = async (
  db: Kysely<AnyDatabase>,
  configurationItemId: string,
  propagation: ImpactPropagation = defaultImpactPropagation,
): Promise<ImpactAnalysis> => {
  const graph = await reachableGraph(db, configurationItemId, propagation);
  const items = impactedConfigurationItems(graph, configurationItemId, propagation)
    .map((item) => ({
      configurationItemId: item.configurationItemId,
      name: Object.hasOwn(graph.nodes, item.configurationItemId)
        ? graph.nodes[item.configurationItemId]?.name
        : undefined,
      ciClass: item.ciClass,
      distance: item.distance,
    }))
    // Nearest first, then by id: the same answer whatever order the rows were read in.
    .sort((a, b) => a.distance - b.distance || (a.configurationItemId < b.configurationItemId ? -1 : 1));
  return {
    configurationItems: items,
    services: items
      .filter((item) => item.ciClass === 'service')
      .map((item) => item.configurationItemId)
      .sort(),
  };
};

/** The impact of a record (incident or change) through the CIs linked to it. */
export interface RecordImpact {
  /** The CIs linked to the record, sorted. */
  readonly configurationItems: readonly string[];
  /** The services affected through any of them, sorted, each once. */
  readonly services: readonly string[];
}

/** The services an incident or a change affects, through the CIs linked to it (by stream id, `change-CHG1`). */
export const recordImpact = async (
  db: Kysely<AnyDatabase>,
  recordId: string,
  propagation: ImpactPropagation = defaultImpactPropagation,
): Promise<RecordImpact> => {
  const items = (
    await db
      .selectFrom('configuration_item_link')
      .select('configuration_item_id')
      .where('record_id', '=', recordId)
      .orderBy('configuration_item_id')
      .execute()
  ).map((row) => String(row['configuration_item_id']));
  const services = new Set<string>();
  for (const item of items)
    for (const service of (await impactAnalysis(db, item, propagation)).services) services.add(service);
  return { configurationItems: items, services: [...services].sort() };
};

/** The records (incidents, changes) linked to a CI, by stream id, sorted. */
export const recordsLinkedTo = async (db: Kysely<AnyDatabase>, configurationItemId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('configuration_item_link')
      .select('record_id')
      .where('configuration_item_id', '=', configurationItemId)
      .orderBy('record_id')
      .execute()
  ).map((row) => String(row['record_id']));
