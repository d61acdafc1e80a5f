/**
 * The configurable defaults of the catalog item decider: who may issue each
 * command.
 *
 * @module
 */
import type { AuthorizationRules } from '../shared/authorization.js';
import type { CatalogItemCommandType } from './catalog-item-commands.js';

/** What the catalog item decider can be configured with. */
export interface CatalogItemPolicy {
  readonly authorization: AuthorizationRules<CatalogItemCommandType>;
}

/** The default policy: catalog managers maintain the catalog. */
export const defaultCatalogItemPolicy: CatalogItemPolicy = {
  authorization: {
    DraftCatalogItem: ['catalog-manager'],
    ReviseCatalogItem: ['catalog-manager'],
    PublishCatalogItem: ['catalog-manager'],
    RetireCatalogItem: ['catalog-manager'],
  },
};
