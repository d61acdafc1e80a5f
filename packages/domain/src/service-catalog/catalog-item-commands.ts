/**
 * Commands of the service catalog item aggregate, as io-ts codecs: draft a
 * first version, revise (a new draft version), publish the draft, retire.
 *
 * @module
 */
import * as t from 'io-ts';
import { CatalogItemId } from '../shared/ids.js';
import { ShortText } from '../shared/text.js';
import { CatalogItemDefinition } from './catalog-item-definition.js';
import { messageUnion } from '../shared/message-codec.js';
import { commandCodec } from '../shared/message-envelope.js';

/** Data of `DraftCatalogItem`: a new catalog item with its first (draft) version (codec and type). */
export const DraftCatalogItemData = t.readonly(
  t.exact(t.type({ catalogItemId: CatalogItemId, definition: CatalogItemDefinition })),
);
/** Data of `DraftCatalogItem`. */
export type DraftCatalogItemData = t.TypeOf<typeof DraftCatalogItemData>;

/** Data of `ReviseCatalogItem`: the content of the next version (or the open draft's new content) (codec and type). */
export const ReviseCatalogItemData = t.readonly(
  t.exact(t.type({ catalogItemId: CatalogItemId, definition: CatalogItemDefinition })),
);
/** Data of `ReviseCatalogItem`. */
export type ReviseCatalogItemData = t.TypeOf<typeof ReviseCatalogItemData>;

/** Data of `PublishCatalogItem`: publish the open draft version (codec and type). */
export const PublishCatalogItemData = t.readonly(t.exact(t.type({ catalogItemId: CatalogItemId })));
/** Data of `PublishCatalogItem`. */
export type PublishCatalogItemData = t.TypeOf<typeof PublishCatalogItemData>;

/** Data of `RetireCatalogItem`: no new requests from now on (codec and type). */
export const RetireCatalogItemData = t.readonly(t.exact(t.type({ catalogItemId: CatalogItemId, reason: ShortText })));
/** Data of `RetireCatalogItem`. */
export type RetireCatalogItemData = t.TypeOf<typeof RetireCatalogItemData>;

/** Any catalog item command, with its type, data and metadata (codec and type). */
export const CatalogItemCommand = messageUnion('CatalogItemCommand', {
  DraftCatalogItem: commandCodec('DraftCatalogItem', DraftCatalogItemData),
  ReviseCatalogItem: commandCodec('ReviseCatalogItem', ReviseCatalogItemData),
  PublishCatalogItem: commandCodec('PublishCatalogItem', PublishCatalogItemData),
  RetireCatalogItem: commandCodec('RetireCatalogItem', RetireCatalogItemData),
});
/** Any catalog item command. */
export type CatalogItemCommand = t.TypeOf<typeof CatalogItemCommand>;
/** The type names of catalog item commands. */
export type CatalogItemCommandType = CatalogItemCommand['type'];
