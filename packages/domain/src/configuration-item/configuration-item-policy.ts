/**
 * The configurable defaults of the configuration item decider: who may issue
 * each command, which target classes each relationship type allows, and how
 * many attributes a CI may have.
 *
 * @module
 */
import type { AuthorizationRules } from '../shared/authorization.js';
import type { ConfigurationItemCommandType } from './configuration-item-commands.js';
import { ATTRIBUTES_MAX, type ConfigurationItemClass, type RelationshipType } from './configuration-item-vocabulary.js';

/** What the configuration item decider can be configured with. */
export interface ConfigurationItemPolicy {
  readonly authorization: AuthorizationRules<ConfigurationItemCommandType>;
  /** For each relationship type, the target classes allowed; a type not listed allows any class. */
  readonly relationshipTargetClasses: Readonly<Partial<Record<RelationshipType, readonly ConfigurationItemClass[]>>>;
  /** The most attributes a CI may have. */
  readonly maxAttributes: number;
}

const configurationManagement = ['configuration-manager', 'process'] as const;

/**
 * The default policy: configuration managers (and discovery processes)
 * maintain CIs; something `runs-on` a server, virtual machine or cluster
 * only; other relationship types take any class.
 */
export const defaultConfigurationItemPolicy: ConfigurationItemPolicy = {
  authorization: {
    RegisterConfigurationItem: configurationManagement,
    UpdateConfigurationItemAttributes: configurationManagement,
    ChangeConfigurationItemOwner: ['configuration-manager'],
    PutConfigurationItemIntoProduction: configurationManagement,
    StartConfigurationItemMaintenance: [...configurationManagement, 'change-implementer'],
    EndConfigurationItemMaintenance: [...configurationManagement, 'change-implementer'],
    RetireConfigurationItem: ['configuration-manager'],
    AddConfigurationItemRelationship: configurationManagement,
    RemoveConfigurationItemRelationship: configurationManagement,
  },
  relationshipTargetClasses: { 'runs-on': ['server', 'virtual-machine', 'cluster'] },
  maxAttributes: ATTRIBUTES_MAX,
};
