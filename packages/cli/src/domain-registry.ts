/**
 * Every aggregate the `itsm` command knows, by stream category and by
 * command-line noun, and the schema registry of every @itsm event type.
 *
 * @module
 */
import {
  CatalogItem,
  Change,
  ConfigurationItem,
  Incident,
  KnowledgeArticle,
  Problem,
  ServiceRequest,
  type AggregateDefinition,
} from '@itsm/domain';
import { mergeEventSchemas } from '@itsm/event-store';

/** An aggregate definition of any record type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregateDefinition = AggregateDefinition<any, any, any, { readonly _tag: string }>;

/** The aggregates by command-line noun (`itsm incident …`). */
export const aggregatesByNoun: Readonly<Record<string, AnyAggregateDefinition>> = {
  incident: Incident,
  problem: Problem,
  change: Change,
  request: ServiceRequest,
  'catalog-item': CatalogItem,
  'configuration-item': ConfigurationItem,
  article: KnowledgeArticle,
};

const byCategory = new Map<string, AnyAggregateDefinition>(Object.values(aggregatesByNoun).map((aggregate) => [aggregate.category, aggregate]));

/** The aggregate whose streams have this category, if any. */
export const aggregateOfCategory = (category: string): AnyAggregateDefinition | undefined => byCategory.get(category);

/** The strict registry of every event type @itsm records (incident SLA events included once). */
export const allEventSchemas = mergeEventSchemas(
  ...(() => {
    const seen = new Set<string>();
    return Object.values(aggregatesByNoun).map((aggregate) =>
      aggregate.eventSchemas.filter((schema) => (seen.has(schema.type) ? false : (seen.add(schema.type), true))),
    );
  })(),
);

