/**
 * The catalog of every aggregate and every event type @itsm records: what a
 * store needs to accept and read any @itsm stream, and what tools that
 * handle any record (the CLI, audit replays) dispatch on. The SLA event
 * types, which several aggregates share, appear once.
 *
 * @module
 */
import { createEventSchemaRegistry, type EventSchema, type EventSchemaRegistry } from '@itsm/event-store';
import type { AggregateDefinition } from './shared/aggregate.js';
import { Change } from './change/change.js';
import { ConfigurationItem } from './configuration-item/configuration-item.js';
import { Incident } from './incident/incident.js';
import { KnowledgeArticle } from './knowledge/knowledge-article.js';
import { Problem } from './problem/problem.js';
import { CatalogItem } from './service-catalog/catalog-item.js';
import { ServiceRequest } from './service-request/service-request.js';

/** An aggregate definition of any record type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregateDefinition = AggregateDefinition<any, any, any, { readonly _tag: string }>;

/** Every aggregate, in the order their streams were introduced. */
export const itsmAggregates: readonly AnyAggregateDefinition[] = [
  Incident,
  Problem,
  Change,
  ServiceRequest,
  CatalogItem,
  ConfigurationItem,
  KnowledgeArticle,
];

/** The schema of every event type, each type once (shared SLA types included once). */
export const itsmEventSchemas: readonly EventSchema[] = (() => {
  const byType = new Map<string, EventSchema>();
  for (const aggregate of itsmAggregates)
    for (const schema of aggregate.eventSchemas) if (!byType.has(schema.type)) byType.set(schema.type, schema);
  return [...byType.values()];
})();

/** A strict registry of every @itsm event type, for `defaultEventStoreSettings`. */
export const itsmEventSchemaRegistry: EventSchemaRegistry = createEventSchemaRegistry(itsmEventSchemas);

/** The aggregate whose streams have this category (`incident`, `serviceRequest`, …), if any. */
export const aggregateOfCategory = (category: string): AnyAggregateDefinition | undefined =>
  itsmAggregates.find((aggregate) => aggregate.category === category);
