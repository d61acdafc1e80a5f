/**
 * The aggregates the `itsm` command handles, by command-line noun, on top of
 * the domain's catalog of every aggregate and event type.
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
  itsmEventSchemaRegistry,
  type AnyAggregateDefinition,
} from '@itsm/domain';

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

/** The strict registry of every event type @itsm records. */
export const allEventSchemas = itsmEventSchemaRegistry;
