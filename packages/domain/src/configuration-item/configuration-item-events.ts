/**
 * Events of the configuration item aggregate, as io-ts codecs. Every event
 * names the CI, when (`at`) and by whom (`by`). A relationship lives on its
 * source CI's stream; `ConfigurationItemRelationshipAdded` records the
 * target's class as read, so a relationship graph can be built from CI
 * events alone (see `relationship-graph`).
 *
 * @module
 */
import * as t from 'io-ts';
import type { DomainEvent } from '@itsm/event-store';
import { eventSchemasOf } from '../shared/event-schemas.js';
import { ConfigurationItemId, GroupId, UserId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { ShortText } from '../shared/text.js';
import {
  AttributeName,
  Attributes,
  ConfigurationItemClass,
  RelationshipType,
} from './configuration-item-vocabulary.js';

const who = { at: Instant, by: UserId };
const item = { configurationItemId: ConfigurationItemId };

/** Data of `ConfigurationItemRegistered`: a new CI, planned (codec and type). */
export const ConfigurationItemRegisteredData = t.readonly(
  t.exact(
    t.type({
      ...item,
      name: ShortText,
      ciClass: ConfigurationItemClass,
      ownerGroup: GroupId,
      attributes: Attributes,
      ...who,
    }),
  ),
);
/** Data of `ConfigurationItemRegistered`. */
export type ConfigurationItemRegisteredData = t.TypeOf<typeof ConfigurationItemRegisteredData>;

/** Data of `ConfigurationItemAttributesUpdated`: values set and names removed (codec and type). */
export const ConfigurationItemAttributesUpdatedData = t.readonly(
  t.exact(t.type({ ...item, set: Attributes, removed: t.readonlyArray(AttributeName), ...who })),
);
/** Data of `ConfigurationItemAttributesUpdated`. */
export type ConfigurationItemAttributesUpdatedData = t.TypeOf<typeof ConfigurationItemAttributesUpdatedData>;

/** Data of `ConfigurationItemOwnerChanged` (codec and type). */
export const ConfigurationItemOwnerChangedData = t.readonly(
  t.exact(t.type({ ...item, ownerGroup: GroupId, previousOwnerGroup: GroupId, ...who })),
);
/** Data of `ConfigurationItemOwnerChanged`. */
export type ConfigurationItemOwnerChangedData = t.TypeOf<typeof ConfigurationItemOwnerChangedData>;

/** Data of `ConfigurationItemPutIntoProduction` (codec and type). */
export const ConfigurationItemPutIntoProductionData = t.readonly(t.exact(t.type({ ...item, ...who })));
/** Data of `ConfigurationItemPutIntoProduction`. */
export type ConfigurationItemPutIntoProductionData = t.TypeOf<typeof ConfigurationItemPutIntoProductionData>;

/** Data of `ConfigurationItemMaintenanceStarted` (codec and type). */
export const ConfigurationItemMaintenanceStartedData = t.readonly(
  t.exact(t.type({ ...item, reason: ShortText, ...who })),
);
/** Data of `ConfigurationItemMaintenanceStarted`. */
export type ConfigurationItemMaintenanceStartedData = t.TypeOf<typeof ConfigurationItemMaintenanceStartedData>;

/** Data of `ConfigurationItemMaintenanceEnded` (codec and type). */
export const ConfigurationItemMaintenanceEndedData = t.readonly(t.exact(t.type({ ...item, ...who })));
/** Data of `ConfigurationItemMaintenanceEnded`. */
export type ConfigurationItemMaintenanceEndedData = t.TypeOf<typeof ConfigurationItemMaintenanceEndedData>;

/** Data of `ConfigurationItemRetired` (codec and type). */
export const ConfigurationItemRetiredData = t.readonly(t.exact(t.type({ ...item, reason: ShortText, ...who })));
/** Data of `ConfigurationItemRetired`. */
export type ConfigurationItemRetiredData = t.TypeOf<typeof ConfigurationItemRetiredData>;

/** Data of `ConfigurationItemRelationshipAdded`: "this CI <type> target" (codec and type). */
export const ConfigurationItemRelationshipAddedData = t.readonly(
  t.exact(
    t.type({
      ...item,
      relationshipType: RelationshipType,
      targetId: ConfigurationItemId,
      targetClass: ConfigurationItemClass,
      ...who,
    }),
  ),
);
/** Data of `ConfigurationItemRelationshipAdded`. */
export type ConfigurationItemRelationshipAddedData = t.TypeOf<typeof ConfigurationItemRelationshipAddedData>;

/** Data of `ConfigurationItemRelationshipRemoved` (codec and type). */
export const ConfigurationItemRelationshipRemovedData = t.readonly(
  t.exact(t.type({ ...item, relationshipType: RelationshipType, targetId: ConfigurationItemId, ...who })),
);
/** Data of `ConfigurationItemRelationshipRemoved`. */
export type ConfigurationItemRelationshipRemovedData = t.TypeOf<typeof ConfigurationItemRelationshipRemovedData>;

/** Any configuration item event. */
export type ConfigurationItemEvent =
  | DomainEvent<'ConfigurationItemRegistered', ConfigurationItemRegisteredData>
  | DomainEvent<'ConfigurationItemAttributesUpdated', ConfigurationItemAttributesUpdatedData>
  | DomainEvent<'ConfigurationItemOwnerChanged', ConfigurationItemOwnerChangedData>
  | DomainEvent<'ConfigurationItemPutIntoProduction', ConfigurationItemPutIntoProductionData>
  | DomainEvent<'ConfigurationItemMaintenanceStarted', ConfigurationItemMaintenanceStartedData>
  | DomainEvent<'ConfigurationItemMaintenanceEnded', ConfigurationItemMaintenanceEndedData>
  | DomainEvent<'ConfigurationItemRetired', ConfigurationItemRetiredData>
  | DomainEvent<'ConfigurationItemRelationshipAdded', ConfigurationItemRelationshipAddedData>
  | DomainEvent<'ConfigurationItemRelationshipRemoved', ConfigurationItemRelationshipRemovedData>;

/** The data codec of each configuration item event type. */
export const configurationItemEventCodecs = {
  ConfigurationItemRegistered: ConfigurationItemRegisteredData,
  ConfigurationItemAttributesUpdated: ConfigurationItemAttributesUpdatedData,
  ConfigurationItemOwnerChanged: ConfigurationItemOwnerChangedData,
  ConfigurationItemPutIntoProduction: ConfigurationItemPutIntoProductionData,
  ConfigurationItemMaintenanceStarted: ConfigurationItemMaintenanceStartedData,
  ConfigurationItemMaintenanceEnded: ConfigurationItemMaintenanceEndedData,
  ConfigurationItemRetired: ConfigurationItemRetiredData,
  ConfigurationItemRelationshipAdded: ConfigurationItemRelationshipAddedData,
  ConfigurationItemRelationshipRemoved: ConfigurationItemRelationshipRemovedData,
} as const;

/** Registry entries for the configuration item's event types (all at schema version 1). */
export const configurationItemEventSchemas = eventSchemasOf(
  Object.fromEntries(Object.entries(configurationItemEventCodecs).map(([type, codec]) => [type, { codec }])),
);

/** Whether an event (of any aggregate) is a configuration item event, by its type. */
export const isConfigurationItemEvent = (event: { readonly type: string }): event is ConfigurationItemEvent =>
  Object.hasOwn(configurationItemEventCodecs, event.type);
