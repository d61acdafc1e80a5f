/**
 * Branded identifiers for every record type, user and group. Ids are 1–64
 * characters of `A–Z a–z 0–9 . _ : -`, the same alphabet as stream ids, so
 * any id can name a stream.
 *
 * @module
 */
import * as t from 'io-ts';

const idPattern = /^[A-Za-z0-9._:-]{1,64}$/;

const brandedId = <Name extends string>(name: Name) =>
  t.brand(
    t.string,
    (value): value is t.Branded<string, { readonly [K in Name]: symbol }> => idPattern.test(value),
    name,
  );

/** An incident's id. */
export const IncidentId = brandedId('IncidentId');
/** An incident's id. */
export type IncidentId = t.TypeOf<typeof IncidentId>;
/** A problem's id. */
export const ProblemId = brandedId('ProblemId');
/** A problem's id. */
export type ProblemId = t.TypeOf<typeof ProblemId>;
/** A known error's id. */
export const KnownErrorId = brandedId('KnownErrorId');
/** A known error's id. */
export type KnownErrorId = t.TypeOf<typeof KnownErrorId>;
/** A change's id. */
export const ChangeId = brandedId('ChangeId');
/** A change's id. */
export type ChangeId = t.TypeOf<typeof ChangeId>;
/** A standard-change template's id. */
export const StandardChangeTemplateId = brandedId('StandardChangeTemplateId');
/** A standard-change template's id. */
export type StandardChangeTemplateId = t.TypeOf<typeof StandardChangeTemplateId>;
/** A service request's id. */
export const ServiceRequestId = brandedId('ServiceRequestId');
/** A service request's id. */
export type ServiceRequestId = t.TypeOf<typeof ServiceRequestId>;
/** A service catalog item's id. */
export const CatalogItemId = brandedId('CatalogItemId');
/** A service catalog item's id. */
export type CatalogItemId = t.TypeOf<typeof CatalogItemId>;
/** A fulfilment task's id (unique within its request). */
export const FulfilmentTaskId = brandedId('FulfilmentTaskId');
/** A fulfilment task's id (unique within its request). */
export type FulfilmentTaskId = t.TypeOf<typeof FulfilmentTaskId>;
/** A configuration item's id. */
export const ConfigurationItemId = brandedId('ConfigurationItemId');
/** A configuration item's id. */
export type ConfigurationItemId = t.TypeOf<typeof ConfigurationItemId>;
/** A knowledge article's id. */
export const ArticleId = brandedId('ArticleId');
/** A knowledge article's id. */
export type ArticleId = t.TypeOf<typeof ArticleId>;
/** A business service's id (services are also configuration items of class `service`). */
export const ServiceId = brandedId('ServiceId');
/** A business service's id. */
export type ServiceId = t.TypeOf<typeof ServiceId>;
/** An SLA/OLA policy's id. */
export const SlaPolicyId = brandedId('SlaPolicyId');
/** An SLA/OLA policy's id. */
export type SlaPolicyId = t.TypeOf<typeof SlaPolicyId>;
/** A user's id (callers, agents, managers). */
export const UserId = brandedId('UserId');
/** A user's id. */
export type UserId = t.TypeOf<typeof UserId>;
/** An assignment or approver group's id. */
export const GroupId = brandedId('GroupId');
/** An assignment or approver group's id. */
export type GroupId = t.TypeOf<typeof GroupId>;
