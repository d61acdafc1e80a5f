/**
 * Events of the service catalog item aggregate, as io-ts codecs. Every
 * event names the item, when (`at`) and by whom (`by`). A published
 * version's definition is repeated in `CatalogItemPublished` so that a
 * catalog read model needs no draft bookkeeping.
 *
 * @module
 */
import * as t from 'io-ts';
import type { DomainEvent } from '@itsm/event-store';
import { eventSchemasOf } from '../shared/event-schemas.js';
import { CatalogItemId, UserId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { ShortText } from '../shared/text.js';
import { CatalogItemDefinition } from './catalog-item-definition.js';

const who = { at: Instant, by: UserId };

/** Data of `CatalogItemDrafted`: a new item and its first draft version (codec and type). */
export const CatalogItemDraftedData = t.readonly(
  t.exact(t.type({ catalogItemId: CatalogItemId, version: t.Int, definition: CatalogItemDefinition, ...who })),
);
/** Data of `CatalogItemDrafted`. */
export type CatalogItemDraftedData = t.TypeOf<typeof CatalogItemDraftedData>;

/** Data of `CatalogItemRevised`: the content of a draft version (a new one, or the open draft again) (codec and type). */
export const CatalogItemRevisedData = t.readonly(
  t.exact(t.type({ catalogItemId: CatalogItemId, version: t.Int, definition: CatalogItemDefinition, ...who })),
);
/** Data of `CatalogItemRevised`. */
export type CatalogItemRevisedData = t.TypeOf<typeof CatalogItemRevisedData>;

/** Data of `CatalogItemPublished`: a version became the one requests are made against (codec and type). */
export const CatalogItemPublishedData = t.readonly(
  t.exact(t.type({ catalogItemId: CatalogItemId, version: t.Int, definition: CatalogItemDefinition, ...who })),
);
/** Data of `CatalogItemPublished`. */
export type CatalogItemPublishedData = t.TypeOf<typeof CatalogItemPublishedData>;

/** Data of `CatalogItemRetired`: no new requests for the item (codec and type). */
export const CatalogItemRetiredData = t.readonly(
  t.exact(t.type({ catalogItemId: CatalogItemId, reason: ShortText, ...who })),
);
/** Data of `CatalogItemRetired`. */
export type CatalogItemRetiredData = t.TypeOf<typeof CatalogItemRetiredData>;

/** Any catalog item event. */
export type CatalogItemEvent =
  | DomainEvent<'CatalogItemDrafted', CatalogItemDraftedData>
  | DomainEvent<'CatalogItemRevised', CatalogItemRevisedData>
  | DomainEvent<'CatalogItemPublished', CatalogItemPublishedData>
  | DomainEvent<'CatalogItemRetired', CatalogItemRetiredData>;

/** The data codec of each catalog item event type. */
export const catalogItemEventCodecs = {
  CatalogItemDrafted: CatalogItemDraftedData,
  CatalogItemRevised: CatalogItemRevisedData,
  CatalogItemPublished: CatalogItemPublishedData,
  CatalogItemRetired: CatalogItemRetiredData,
} as const;

/** Registry entries for the catalog item's event types (all at schema version 1). */
export const catalogItemEventSchemas = eventSchemasOf({
  CatalogItemDrafted: { codec: CatalogItemDraftedData },
  CatalogItemRevised: { codec: CatalogItemRevisedData },
  CatalogItemPublished: { codec: CatalogItemPublishedData },
  CatalogItemRetired: { codec: CatalogItemRetiredData },
});

/** Whether an event (of any aggregate) is a catalog item event, by its type. */
export const isCatalogItemEvent = (event: { readonly type: string }): event is CatalogItemEvent =>
  Object.hasOwn(catalogItemEventCodecs, event.type);
