/**
 * The state of a configuration item, folded from its events: lifecycle
 * status, class, owner, attributes and its own (outgoing) relationships.
 *
 * @module
 */
import type { ConfigurationItemId, GroupId } from '../shared/ids.js';
import type { ConfigurationItemEvent } from './configuration-item-events.js';
import type {
  AttributeValue,
  ConfigurationItemClass,
  ConfigurationItemLifecycle,
  RelationshipType,
} from './configuration-item-vocabulary.js';

/** A relationship a CI has to another CI. */
export interface OutgoingRelationship {
  readonly relationshipType: RelationshipType;
  readonly targetId: ConfigurationItemId;
  /** The target's class when the relationship was added. */
  readonly targetClass: ConfigurationItemClass;
}

/** The state of a registered CI. */
export interface RegisteredConfigurationItem {
  readonly status: ConfigurationItemLifecycle;
  readonly configurationItemId: ConfigurationItemId;
  readonly name: string;
  readonly ciClass: ConfigurationItemClass;
  readonly ownerGroup: GroupId;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** In the order they were added. */
  readonly relationships: readonly OutgoingRelationship[];
}

/** The state of a configuration item: none yet, or a registered CI. */
export type ConfigurationItemState = { readonly status: 'none' } | RegisteredConfigurationItem;

/** The state of a configuration item with no events. */
export const initialConfigurationItemState: ConfigurationItemState = { status: 'none' };

/** Whether two relationships are the same (type and target). */
export const sameRelationship = (
  a: { readonly relationshipType: RelationshipType; readonly targetId: string },
  b: { readonly relationshipType: RelationshipType; readonly targetId: string },
): boolean => a.relationshipType === b.relationshipType && a.targetId === b.targetId;

/** Folds one event into a configuration item's state. */
export const evolveConfigurationItem = (
  state: ConfigurationItemState,
  event: ConfigurationItemEvent,
): ConfigurationItemState => {
  if (event.type === 'ConfigurationItemRegistered') {
    const { configurationItemId, name, ciClass, ownerGroup, attributes } = event.data;
    return { status: 'planned', configurationItemId, name, ciClass, ownerGroup, attributes, relationships: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ConfigurationItemAttributesUpdated': {
      // A null-prototype copy: attribute names are data and must never reach Object.prototype.
      const attributes: Record<string, AttributeValue> = Object.assign(
        Object.create(null) as Record<string, AttributeValue>,
        state.attributes,
      );
      for (const name of event.data.removed) delete attributes[name];
      Object.assign(attributes, event.data.set);
      return { ...state, attributes: { ...attributes } };
    }
    case 'ConfigurationItemOwnerChanged':
      return { ...state, ownerGroup: event.data.ownerGroup };
    case 'ConfigurationItemPutIntoProduction':
    case 'ConfigurationItemMaintenanceEnded':
      return { ...state, status: 'in-production' };
    case 'ConfigurationItemMaintenanceStarted':
      return { ...state, status: 'maintenance' };
    case 'ConfigurationItemRetired':
      return { ...state, status: 'retired' };
    case 'ConfigurationItemRelationshipAdded': {
      const { relationshipType, targetId, targetClass } = event.data;
      return { ...state, relationships: [...state.relationships, { relationshipType, targetId, targetClass }] };
    }
    case 'ConfigurationItemRelationshipRemoved':
      return {
        ...state,
        relationships: state.relationships.filter((relationship) => !sameRelationship(relationship, event.data)),
      };
  }
};
