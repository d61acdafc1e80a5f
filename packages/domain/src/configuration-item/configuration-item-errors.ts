/**
 * Errors of the configuration item aggregate: each names the rule a command
 * breaks.
 *
 * @module
 */
import type { CommandNotAuthorized } from '../shared/domain-errors.js';
import type { IncomingRelationship } from './configuration-item-commands.js';
import type { ConfigurationItemLifecycle, RelationshipType } from './configuration-item-vocabulary.js';

/** `RegisterConfigurationItem` for an id that already has a CI. */
export interface ConfigurationItemAlreadyRegistered {
  readonly _tag: 'ConfigurationItemAlreadyRegistered';
  readonly configurationItemId: string;
}
/** A command for a CI that was never registered. */
export interface ConfigurationItemNotFound {
  readonly _tag: 'ConfigurationItemNotFound';
  readonly configurationItemId: string;
}
/** A command that would change a retired CI. */
export interface ConfigurationItemAlreadyRetired {
  readonly _tag: 'ConfigurationItemAlreadyRetired';
  readonly configurationItemId: string;
}
/** A lifecycle move the lifecycle does not have (e.g. planned → maintenance). */
export interface ConfigurationItemTransitionNotAllowed {
  readonly _tag: 'ConfigurationItemTransitionNotAllowed';
  readonly from: ConfigurationItemLifecycle;
  readonly to: ConfigurationItemLifecycle;
}
/** More attributes than the policy allows. */
export interface TooManyConfigurationItemAttributes {
  readonly _tag: 'TooManyConfigurationItemAttributes';
  readonly count: number;
  readonly max: number;
}
/** A relationship to a CI the application found does not exist. */
export interface RelationshipTargetUnknown {
  readonly _tag: 'RelationshipTargetUnknown';
  readonly targetId: string;
}
/** A relationship to a retired CI. */
export interface RelationshipTargetRetired {
  readonly _tag: 'RelationshipTargetRetired';
  readonly targetId: string;
}
/** A relationship from a CI to itself. */
export interface RelationshipToItself {
  readonly _tag: 'RelationshipToItself';
  readonly configurationItemId: string;
}
/** The same relationship (type and target) already exists. */
export interface RelationshipAlreadyExists {
  readonly _tag: 'RelationshipAlreadyExists';
  readonly relationshipType: RelationshipType;
  readonly targetId: string;
}
/** Removing a relationship the CI does not have. */
export interface RelationshipNotFound {
  readonly _tag: 'RelationshipNotFound';
  readonly relationshipType: RelationshipType;
  readonly targetId: string;
}
/** "A part-of B" where B is (transitively) part of A already: part-of must stay acyclic. */
export interface PartOfCycle {
  readonly _tag: 'PartOfCycle';
  readonly configurationItemId: string;
  readonly targetId: string;
}
/** The policy does not allow this relationship type to a target of that class (e.g. runs-on a database). */
export interface RelationshipTargetClassNotAllowed {
  readonly _tag: 'RelationshipTargetClassNotAllowed';
  readonly relationshipType: RelationshipType;
  readonly targetClass: string;
  readonly allowedClasses: readonly string[];
}
/** Retiring a CI that still has relationships, its own or other CIs' to it: remove them first. */
export interface ConfigurationItemStillRelated {
  readonly _tag: 'ConfigurationItemStillRelated';
  readonly outgoing: readonly { readonly relationshipType: RelationshipType; readonly targetId: string }[];
  readonly incoming: readonly IncomingRelationship[];
}

/** Any error of the configuration item decider. */
export type ConfigurationItemError =
  | CommandNotAuthorized
  | ConfigurationItemAlreadyRegistered
  | ConfigurationItemNotFound
  | ConfigurationItemAlreadyRetired
  | ConfigurationItemTransitionNotAllowed
  | TooManyConfigurationItemAttributes
  | RelationshipTargetUnknown
  | RelationshipTargetRetired
  | RelationshipToItself
  | RelationshipAlreadyExists
  | RelationshipNotFound
  | PartOfCycle
  | RelationshipTargetClassNotAllowed
  | ConfigurationItemStillRelated;
