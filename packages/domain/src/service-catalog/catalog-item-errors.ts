/**
 * Errors of the service catalog item aggregate: each names the rule a
 * command breaks.
 *
 * @module
 */
import type { CommandNotAuthorized } from '../shared/domain-errors.js';

/** `DraftCatalogItem` for an id that already has a catalog item. */
export interface CatalogItemAlreadyExists {
  readonly _tag: 'CatalogItemAlreadyExists';
  readonly catalogItemId: string;
}
/** A command for a catalog item that was never drafted. */
export interface CatalogItemNotFound {
  readonly _tag: 'CatalogItemNotFound';
  readonly catalogItemId: string;
}
/** A command that would change a retired catalog item. */
export interface CatalogItemAlreadyRetired {
  readonly _tag: 'CatalogItemAlreadyRetired';
  readonly catalogItemId: string;
}
/** A definition with duplicate or dangling task ids, or an unsound form. */
export interface CatalogItemDefinitionInvalid {
  readonly _tag: 'CatalogItemDefinitionInvalid';
  readonly problems: readonly string[];
}
/** `PublishCatalogItem` when no draft version is open. */
export interface NoCatalogItemDraftToPublish {
  readonly _tag: 'NoCatalogItemDraftToPublish';
  readonly catalogItemId: string;
}

/** Any error of the catalog item decider. */
export type CatalogItemError =
  | CommandNotAuthorized
  | CatalogItemAlreadyExists
  | CatalogItemNotFound
  | CatalogItemAlreadyRetired
  | CatalogItemDefinitionInvalid
  | NoCatalogItemDraftToPublish;
