/**
 * The service catalog item aggregate as applications, the CLI and
 * projections see it: stream naming, decider, command codec, event schemas.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { streamIdOf, type InvalidStreamId, type StreamId } from '@itsm/event-store';
import type { AggregateDefinition } from '../shared/aggregate.js';
import type { CatalogItemId } from '../shared/ids.js';
import { CatalogItemCommand } from './catalog-item-commands.js';
import { catalogItemDecider } from './catalog-item-decider.js';
import type { CatalogItemError } from './catalog-item-errors.js';
import { catalogItemEventSchemas, type CatalogItemEvent } from './catalog-item-events.js';
import type { CatalogItemState } from './catalog-item-state.js';

/** The stream category of catalog items (`catalogItem-<id>`). */
export const CATALOG_ITEM_CATEGORY = 'catalogItem';

/** The stream id of a catalog item. */
export const catalogItemStreamId = (catalogItemId: CatalogItemId | string): Either<InvalidStreamId, StreamId> =>
  streamIdOf(CATALOG_ITEM_CATEGORY, catalogItemId);

/** The service catalog item aggregate definition. */
export const CatalogItem: AggregateDefinition<
  CatalogItemCommand,
  CatalogItemEvent,
  CatalogItemState,
  CatalogItemError
> = {
  category: CATALOG_ITEM_CATEGORY,
  decider: catalogItemDecider,
  commandCodec: CatalogItemCommand,
  recordIdOf: (command) => command.data.catalogItemId,
  eventSchemas: catalogItemEventSchemas,
};
