/**
 * The configuration item decider: lifecycle (planned → in-production ⇄
 * maintenance → retired; retiring is allowed from any status but retired),
 * owner and attributes, and typed relationships with the facts the
 * application read about the other CI.
 *
 * Graph rules kept here: no relationship to an unknown or retired CI, none
 * to itself, no duplicate, no part-of cycle (the target's part-of ancestors
 * arrive in the command), and no retirement while any relationship — the
 * CI's own or another CI's to it — remains, so the graph never holds a
 * dangling edge. Limits: the facts are as fresh as the application's read;
 * two concurrent additions on different streams can still race (a part-of
 * cycle built by two CIs at once); the relationship read model should run
 * the same checks (see `relationship-graph`).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import { authorize } from '../shared/authorization.js';
import type { ConfigurationItemCommand } from './configuration-item-commands.js';
import type { ConfigurationItemError } from './configuration-item-errors.js';
import type { ConfigurationItemEvent } from './configuration-item-events.js';
import { defaultConfigurationItemPolicy, type ConfigurationItemPolicy } from './configuration-item-policy.js';
import {
  evolveConfigurationItem,
  initialConfigurationItemState,
  sameRelationship,
  type ConfigurationItemState,
} from './configuration-item-state.js';
import type { AttributeValue, ConfigurationItemLifecycle } from './configuration-item-vocabulary.js';

type Decision = Either<ConfigurationItemError, readonly ConfigurationItemEvent[]>;

const transition = (
  from: ConfigurationItemLifecycle,
  allowedFrom: ConfigurationItemLifecycle,
  to: ConfigurationItemLifecycle,
) =>
  from === allowedFrom
    ? right(undefined)
    : left<ConfigurationItemError, void>({ _tag: 'ConfigurationItemTransitionNotAllowed', from, to });

/** Decides a configuration item command against the CI's state, under a policy. */
export const decideConfigurationItem =
  (policy: ConfigurationItemPolicy) =>
  (command: ConfigurationItemCommand, state: ConfigurationItemState): Decision => {
    const authorized = authorize(policy.authorization, command.type, command.metadata.actor);
    if (authorized._tag === 'Left') return authorized;
    const who = { at: command.metadata.occurredAt, by: command.metadata.actor.id };
    const { configurationItemId } = command.data;

    if (command.type === 'RegisterConfigurationItem') {
      if (state.status !== 'none') return left({ _tag: 'ConfigurationItemAlreadyRegistered', configurationItemId });
      const count = Object.keys(command.data.attributes).length;
      if (count > policy.maxAttributes)
        return left({ _tag: 'TooManyConfigurationItemAttributes', count, max: policy.maxAttributes });
      const { name, ciClass, ownerGroup, attributes } = command.data;
      return right([
        {
          type: 'ConfigurationItemRegistered',
          data: { configurationItemId, name, ciClass, ownerGroup, attributes, ...who },
        },
      ]);
    }
    if (state.status === 'none') return left({ _tag: 'ConfigurationItemNotFound', configurationItemId });
    if (state.status === 'retired') return left({ _tag: 'ConfigurationItemAlreadyRetired', configurationItemId });

    switch (command.type) {
      case 'UpdateConfigurationItemAttributes': {
        const has = (name: string) => Object.hasOwn(state.attributes, name);
        // Only real changes are recorded; a command that changes nothing decides nothing.
        const set = Object.fromEntries(
          Object.entries(command.data.set).filter(([name, value]) => !has(name) || state.attributes[name] !== value),
        ) as Record<string, AttributeValue>;
        const removed = [...new Set(command.data.remove)].filter(
          (name) => has(name) && !Object.hasOwn(command.data.set, name),
        );
        if (Object.keys(set).length === 0 && removed.length === 0) return right([]);
        const names = new Set(Object.keys(state.attributes));
        for (const name of removed) names.delete(name);
        for (const name of Object.keys(set)) names.add(name);
        if (names.size > policy.maxAttributes)
          return left({ _tag: 'TooManyConfigurationItemAttributes', count: names.size, max: policy.maxAttributes });
        return right([
          {
            type: 'ConfigurationItemAttributesUpdated',
            data: { configurationItemId, set: set as typeof command.data.set, removed, ...who },
          },
        ]);
      }
      case 'ChangeConfigurationItemOwner':
        if (command.data.ownerGroup === state.ownerGroup) return right([]);
        return right([
          {
            type: 'ConfigurationItemOwnerChanged',
            data: {
              configurationItemId,
              ownerGroup: command.data.ownerGroup,
              previousOwnerGroup: state.ownerGroup,
              ...who,
            },
          },
        ]);
      case 'PutConfigurationItemIntoProduction': {
        const allowed = transition(state.status, 'planned', 'in-production');
        if (allowed._tag === 'Left') return allowed;
        return right([{ type: 'ConfigurationItemPutIntoProduction', data: { configurationItemId, ...who } }]);
      }
      case 'StartConfigurationItemMaintenance': {
        const allowed = transition(state.status, 'in-production', 'maintenance');
        if (allowed._tag === 'Left') return allowed;
        return right([
          {
            type: 'ConfigurationItemMaintenanceStarted',
            data: { configurationItemId, reason: command.data.reason, ...who },
          },
        ]);
      }
      case 'EndConfigurationItemMaintenance': {
        const allowed = transition(state.status, 'maintenance', 'in-production');
        if (allowed._tag === 'Left') return allowed;
        return right([{ type: 'ConfigurationItemMaintenanceEnded', data: { configurationItemId, ...who } }]);
      }
      case 'RetireConfigurationItem': {
        const incoming = command.data.incomingRelationships.filter(
          (relationship) => relationship.source !== configurationItemId,
        );
        if (state.relationships.length > 0 || incoming.length > 0)
          return left({
            _tag: 'ConfigurationItemStillRelated',
            outgoing: state.relationships.map(({ relationshipType, targetId }) => ({ relationshipType, targetId })),
            incoming,
          });
        return right([
          { type: 'ConfigurationItemRetired', data: { configurationItemId, reason: command.data.reason, ...who } },
        ]);
      }
      case 'AddConfigurationItemRelationship': {
        const { relationshipType, target } = command.data;
        const targetId = target.configurationItemId;
        if (targetId === configurationItemId) return left({ _tag: 'RelationshipToItself', configurationItemId });
        if (!target.exists) return left({ _tag: 'RelationshipTargetUnknown', targetId });
        if (target.lifecycle === 'retired') return left({ _tag: 'RelationshipTargetRetired', targetId });
        const allowedClasses = policy.relationshipTargetClasses[relationshipType];
        if (allowedClasses !== undefined && !allowedClasses.includes(target.ciClass))
          return left({
            _tag: 'RelationshipTargetClassNotAllowed',
            relationshipType,
            targetClass: target.ciClass,
            allowedClasses,
          });
        if (state.relationships.some((relationship) => sameRelationship(relationship, { relationshipType, targetId })))
          return left({ _tag: 'RelationshipAlreadyExists', relationshipType, targetId });
        // "this part-of target" closes a cycle exactly when this CI is already among the target's wholes.
        if (relationshipType === 'part-of' && target.partOfAncestors.includes(configurationItemId))
          return left({ _tag: 'PartOfCycle', configurationItemId, targetId });
        return right([
          {
            type: 'ConfigurationItemRelationshipAdded',
            data: { configurationItemId, relationshipType, targetId, targetClass: target.ciClass, ...who },
          },
        ]);
      }
      case 'RemoveConfigurationItemRelationship': {
        const { relationshipType, targetId } = command.data;
        if (!state.relationships.some((relationship) => sameRelationship(relationship, { relationshipType, targetId })))
          return left({ _tag: 'RelationshipNotFound', relationshipType, targetId });
        return right([
          {
            type: 'ConfigurationItemRelationshipRemoved',
            data: { configurationItemId, relationshipType, targetId, ...who },
          },
        ]);
      }
    }
  };

/** Builds a configuration item decider with a policy (see {@link defaultConfigurationItemPolicy}). */
export const createConfigurationItemDecider = (
  policy: ConfigurationItemPolicy,
): Decider<ConfigurationItemCommand, ConfigurationItemEvent, ConfigurationItemState, ConfigurationItemError> => ({
  decide: decideConfigurationItem(policy),
  evolve: evolveConfigurationItem,
  initialState: initialConfigurationItemState,
});

/** The configuration item decider with the default policy. */
export const configurationItemDecider = createConfigurationItemDecider(defaultConfigurationItemPolicy);
