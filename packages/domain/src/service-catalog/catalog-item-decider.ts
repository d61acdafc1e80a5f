/**
 * The catalog item decider: draft → publish → (revise → publish)* → retire.
 * A published version never changes; revising opens a new draft version
 * beside it, and publishing that draft replaces it for new requests.
 *
 * @module
 */
import type * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import { authorize } from '../shared/authorization.js';
import type { CatalogItemCommand } from './catalog-item-commands.js';
import { definitionProblems, type CatalogItemDefinition } from './catalog-item-definition.js';
import type { CatalogItemError } from './catalog-item-errors.js';
import type { CatalogItemEvent } from './catalog-item-events.js';
import { defaultCatalogItemPolicy, type CatalogItemPolicy } from './catalog-item-policy.js';
import { evolveCatalogItem, initialCatalogItemState, type CatalogItemState } from './catalog-item-state.js';

const sound = (definition: CatalogItemDefinition): Either<CatalogItemError, void> => {
  const problems = definitionProblems(definition);
  return problems.length === 0 ? right(undefined) : left({ _tag: 'CatalogItemDefinitionInvalid', problems });
};

/** Decides a catalog item command against the item's state, under a policy. */
export const decideCatalogItem =
  (policy: CatalogItemPolicy) =>
  (command: CatalogItemCommand, state: CatalogItemState): Either<CatalogItemError, readonly CatalogItemEvent[]> => {
    const authorized = authorize(policy.authorization, command.type, command.metadata.actor);
    if (authorized._tag === 'Left') return authorized;
    const who = { at: command.metadata.occurredAt, by: command.metadata.actor.id };
    const { catalogItemId } = command.data;

    if (command.type === 'DraftCatalogItem') {
      if (state.status !== 'none') return left({ _tag: 'CatalogItemAlreadyExists', catalogItemId });
      const checked = sound(command.data.definition);
      if (checked._tag === 'Left') return checked;
      return right([
        {
          type: 'CatalogItemDrafted',
          data: { catalogItemId, version: 1 as t.Int, definition: command.data.definition, ...who },
        },
      ]);
    }
    if (state.status === 'none') return left({ _tag: 'CatalogItemNotFound', catalogItemId });
    if (state.status === 'retired') return left({ _tag: 'CatalogItemAlreadyRetired', catalogItemId });

    switch (command.type) {
      case 'ReviseCatalogItem': {
        const checked = sound(command.data.definition);
        if (checked._tag === 'Left') return checked;
        // An open draft is edited in place; otherwise the next version number opens a new draft.
        const version = (state.draft?.version ?? state.latestVersion + 1) as t.Int;
        return right([
          { type: 'CatalogItemRevised', data: { catalogItemId, version, definition: command.data.definition, ...who } },
        ]);
      }
      case 'PublishCatalogItem': {
        if (state.draft === undefined) return left({ _tag: 'NoCatalogItemDraftToPublish', catalogItemId });
        return right([
          {
            type: 'CatalogItemPublished',
            data: { catalogItemId, version: state.draft.version as t.Int, definition: state.draft.definition, ...who },
          },
        ]);
      }
      case 'RetireCatalogItem':
        return right([{ type: 'CatalogItemRetired', data: { catalogItemId, reason: command.data.reason, ...who } }]);
    }
  };

/** Builds a catalog item decider with a policy (see {@link defaultCatalogItemPolicy}). */
export const createCatalogItemDecider = (
  policy: CatalogItemPolicy,
): Decider<CatalogItemCommand, CatalogItemEvent, CatalogItemState, CatalogItemError> => ({
  decide: decideCatalogItem(policy),
  evolve: evolveCatalogItem,
  initialState: initialCatalogItemState,
});

/** The catalog item decider with the default policy. */
export const catalogItemDecider = createCatalogItemDecider(defaultCatalogItemPolicy);
