/**
 * The state of a catalog item, folded from its events, and the snapshot of
 * its published version that commands about requests carry.
 *
 * @module
 */
import type { CatalogItemId } from '../shared/ids.js';
import type { CatalogItemDefinition, CatalogItemVersionSnapshot } from './catalog-item-definition.js';
import type { CatalogItemEvent } from './catalog-item-events.js';

/** One version of a catalog item. */
export interface CatalogItemVersion {
  readonly version: number;
  readonly definition: CatalogItemDefinition;
}

/** The state of a catalog item: none yet, or its lifecycle status with its published and draft versions. */
export type CatalogItemState =
  | { readonly status: 'none' }
  | {
      /** `draft`: never published; `published`: requests can be made; `retired`: no new requests. */
      readonly status: 'draft' | 'published' | 'retired';
      readonly catalogItemId: CatalogItemId;
      /** The version requests are made against, once one is published. */
      readonly published?: CatalogItemVersion;
      /** The open draft version, if any. */
      readonly draft?: CatalogItemVersion;
      /** The highest version number used so far. */
      readonly latestVersion: number;
    };

/** The state of a catalog item with no events. */
export const initialCatalogItemState: CatalogItemState = { status: 'none' };

/** Folds one event into a catalog item's state. */
export const evolveCatalogItem = (state: CatalogItemState, event: CatalogItemEvent): CatalogItemState => {
  switch (event.type) {
    case 'CatalogItemDrafted':
      return {
        status: 'draft',
        catalogItemId: event.data.catalogItemId,
        draft: { version: event.data.version, definition: event.data.definition },
        latestVersion: event.data.version,
      };
    case 'CatalogItemRevised': {
      if (state.status === 'none') return state;
      const { draft: _closed, ...rest } = state;
      return {
        ...rest,
        draft: { version: event.data.version, definition: event.data.definition },
        latestVersion: Math.max(state.latestVersion, event.data.version),
      };
    }
    case 'CatalogItemPublished': {
      if (state.status === 'none') return state;
      const { draft: _published, ...rest } = state;
      return {
        ...rest,
        status: 'published',
        published: { version: event.data.version, definition: event.data.definition },
        latestVersion: Math.max(state.latestVersion, event.data.version),
      };
    }
    case 'CatalogItemRetired': {
      if (state.status === 'none') return state;
      const { draft: _dropped, ...rest } = state;
      return { ...rest, status: 'retired' };
    }
  }
};

/**
 * The snapshot of the item's published version, as an application puts it
 * in `SubmitServiceRequest`; `undefined` when no version was ever published.
 */
export const catalogItemSnapshotOf = (state: CatalogItemState): CatalogItemVersionSnapshot | undefined => {
  if (state.status === 'none' || state.published === undefined) return undefined;
  return {
    catalogItemId: state.catalogItemId,
    version: state.published.version as CatalogItemVersionSnapshot['version'],
    itemStatus: state.status === 'retired' ? 'retired' : 'published',
    ...state.published.definition,
  };
};
