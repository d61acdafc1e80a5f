/**
 * Commands of the configuration item aggregate, as io-ts codecs. Commands
 * that involve another CI carry the facts the application read about it
 * (whether it exists, its class and lifecycle status, its part-of
 * ancestors, the relationships pointing at a CI being retired); the decider
 * refuses inconsistent ones.
 *
 * @module
 */
import * as t from 'io-ts';
import { ConfigurationItemId, GroupId } from '../shared/ids.js';
import { ShortText } from '../shared/text.js';
import {
  AttributeName,
  Attributes,
  ConfigurationItemClass,
  ConfigurationItemLifecycle,
  RelationshipType,
} from './configuration-item-vocabulary.js';
import { messageUnion } from '../shared/message-codec.js';
import { taggedUnion } from '../shared/tagged-union.js';
import { commandCodec } from '../shared/message-envelope.js';

const item = { configurationItemId: ConfigurationItemId };

/** Data of `RegisterConfigurationItem`: a new CI, planned (codec and type). */
export const RegisterConfigurationItemData = t.readonly(
  t.exact(
    t.type({ ...item, name: ShortText, ciClass: ConfigurationItemClass, ownerGroup: GroupId, attributes: Attributes }),
  ),
);
/** Data of `RegisterConfigurationItem`. */
export type RegisterConfigurationItemData = t.TypeOf<typeof RegisterConfigurationItemData>;

/** Data of `UpdateConfigurationItemAttributes`: values to set and names to remove (codec and type). */
export const UpdateConfigurationItemAttributesData = t.readonly(
  t.exact(t.type({ ...item, set: Attributes, remove: t.readonlyArray(AttributeName) })),
);
/** Data of `UpdateConfigurationItemAttributes`. */
export type UpdateConfigurationItemAttributesData = t.TypeOf<typeof UpdateConfigurationItemAttributesData>;

/** Data of `ChangeConfigurationItemOwner` (codec and type). */
export const ChangeConfigurationItemOwnerData = t.readonly(t.exact(t.type({ ...item, ownerGroup: GroupId })));
/** Data of `ChangeConfigurationItemOwner`. */
export type ChangeConfigurationItemOwnerData = t.TypeOf<typeof ChangeConfigurationItemOwnerData>;

/** Data of `PutConfigurationItemIntoProduction`: planned → in production (codec and type). */
export const PutConfigurationItemIntoProductionData = t.readonly(t.exact(t.type(item)));
/** Data of `PutConfigurationItemIntoProduction`. */
export type PutConfigurationItemIntoProductionData = t.TypeOf<typeof PutConfigurationItemIntoProductionData>;

/** Data of `StartConfigurationItemMaintenance`: in production → maintenance (codec and type). */
export const StartConfigurationItemMaintenanceData = t.readonly(t.exact(t.type({ ...item, reason: ShortText })));
/** Data of `StartConfigurationItemMaintenance`. */
export type StartConfigurationItemMaintenanceData = t.TypeOf<typeof StartConfigurationItemMaintenanceData>;

/** Data of `EndConfigurationItemMaintenance`: maintenance → in production (codec and type). */
export const EndConfigurationItemMaintenanceData = t.readonly(t.exact(t.type(item)));
/** Data of `EndConfigurationItemMaintenance`. */
export type EndConfigurationItemMaintenanceData = t.TypeOf<typeof EndConfigurationItemMaintenanceData>;

/** A relationship of another CI pointing at this one, as the application read it (codec and type). */
export const IncomingRelationship = t.readonly(
  t.exact(t.type({ source: ConfigurationItemId, relationshipType: RelationshipType })),
  'IncomingRelationship',
);
/** A relationship of another CI pointing at this one. */
export type IncomingRelationship = t.TypeOf<typeof IncomingRelationship>;

/** Data of `RetireConfigurationItem`, with the relationships other CIs still have to it (codec and type). */
export const RetireConfigurationItemData = t.readonly(
  t.exact(t.type({ ...item, reason: ShortText, incomingRelationships: t.readonlyArray(IncomingRelationship) })),
);
/** Data of `RetireConfigurationItem`. */
export type RetireConfigurationItemData = t.TypeOf<typeof RetireConfigurationItemData>;

/** What the application read about a relationship's target CI (codec and type). */
export const RelationshipTargetFacts = taggedUnion('RelationshipTargetFacts', 'exists', {
  false: t.readonly(t.exact(t.type({ configurationItemId: ConfigurationItemId, exists: t.literal(false) }))),
  true: t.readonly(
    t.exact(
      t.type({
        configurationItemId: ConfigurationItemId,
        exists: t.literal(true),
        ciClass: ConfigurationItemClass,
        lifecycle: ConfigurationItemLifecycle,
        /** Every CI the target is transitively part of (for the part-of cycle check). */
        partOfAncestors: t.readonlyArray(ConfigurationItemId),
      }),
    ),
  ),
});
/** What the application read about a relationship's target CI. */
export type RelationshipTargetFacts = t.TypeOf<typeof RelationshipTargetFacts>;

/** Data of `AddConfigurationItemRelationship`: "this CI <type> target" (codec and type). */
export const AddConfigurationItemRelationshipData = t.readonly(
  t.exact(t.type({ ...item, relationshipType: RelationshipType, target: RelationshipTargetFacts })),
);
/** Data of `AddConfigurationItemRelationship`. */
export type AddConfigurationItemRelationshipData = t.TypeOf<typeof AddConfigurationItemRelationshipData>;

/** Data of `RemoveConfigurationItemRelationship` (codec and type). */
export const RemoveConfigurationItemRelationshipData = t.readonly(
  t.exact(t.type({ ...item, relationshipType: RelationshipType, targetId: ConfigurationItemId })),
);
/** Data of `RemoveConfigurationItemRelationship`. */
export type RemoveConfigurationItemRelationshipData = t.TypeOf<typeof RemoveConfigurationItemRelationshipData>;

/** Any configuration item command (codec and type). */
export const ConfigurationItemCommand = messageUnion('ConfigurationItemCommand', {
  RegisterConfigurationItem: commandCodec('RegisterConfigurationItem', RegisterConfigurationItemData),
  UpdateConfigurationItemAttributes: commandCodec(
    'UpdateConfigurationItemAttributes',
    UpdateConfigurationItemAttributesData,
  ),
  ChangeConfigurationItemOwner: commandCodec('ChangeConfigurationItemOwner', ChangeConfigurationItemOwnerData),
  PutConfigurationItemIntoProduction: commandCodec(
    'PutConfigurationItemIntoProduction',
    PutConfigurationItemIntoProductionData,
  ),
  StartConfigurationItemMaintenance: commandCodec(
    'StartConfigurationItemMaintenance',
    StartConfigurationItemMaintenanceData,
  ),
  EndConfigurationItemMaintenance: commandCodec('EndConfigurationItemMaintenance', EndConfigurationItemMaintenanceData),
  RetireConfigurationItem: commandCodec('RetireConfigurationItem', RetireConfigurationItemData),
  AddConfigurationItemRelationship: commandCodec(
    'AddConfigurationItemRelationship',
    AddConfigurationItemRelationshipData,
  ),
  RemoveConfigurationItemRelationship: commandCodec(
    'RemoveConfigurationItemRelationship',
    RemoveConfigurationItemRelationshipData,
  ),
});
/** Any configuration item command. */
export type ConfigurationItemCommand = t.TypeOf<typeof ConfigurationItemCommand>;
/** The type names of configuration item commands. */
export type ConfigurationItemCommandType = ConfigurationItemCommand['type'];
