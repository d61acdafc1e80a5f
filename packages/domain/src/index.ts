/**
 * `@itsm/domain`: ITIL practices as pure deciders. No I/O, no clock reads:
 * time, actor and correlation arrive in command metadata.
 *
 * @packageDocumentation
 */

// ── shared kernel ─────────────────────────────────────────────────────────
export { Actor, Role, hasRole, isMemberOf } from './shared/actor.js';
export { authorize, overrideRules } from './shared/authorization.js';
export type { AuthorizationRules } from './shared/authorization.js';
export { decodeInput, validationProblems } from './shared/codec-decoding.js';
export { CommandMetadata, eventMetadataOf } from './shared/command-metadata.js';
export { commandNotAuthorized } from './shared/domain-errors.js';
export type { CommandNotAuthorized, MalformedCommand } from './shared/domain-errors.js';
export { eventSchemasOf } from './shared/event-schemas.js';
export type { EventCodecEntry } from './shared/event-schemas.js';
export type { AggregateDefinition, DomainCommand } from './shared/aggregate.js';
export {
  ArticleId,
  CatalogItemId,
  ChangeId,
  ConfigurationItemId,
  FulfilmentTaskId,
  GroupId,
  IncidentId,
  KnownErrorId,
  ProblemId,
  ServiceId,
  ServiceRequestId,
  SlaPolicyId,
  StandardChangeTemplateId,
  UserId,
} from './shared/ids.js';
export { Instant, instantFromEpochMilliseconds, instantToEpochMilliseconds, isBefore } from './shared/instant.js';
export type { InstantBrand } from './shared/instant.js';
export {
  Level,
  Priority,
  glpiPriorityMatrix,
  isLevelOf,
  itilPriorityMatrix,
  priorityNames,
  priorityOf,
} from './shared/priority.js';
export type { PriorityMatrix } from './shared/priority.js';
export { LONG_TEXT_MAX, LongText, SHORT_TEXT_MAX, ShortText } from './shared/text.js';
export type { LongTextBrand, ShortTextBrand } from './shared/text.js';

// ── incident (owner: incident) ────────────────────────────────────────────

// ── service level management (owner: service-level) ───────────────────────

// ── problem and known error (owner: problem-change) ──────────────────────

// ── change (owner: problem-change) ────────────────────────────────────────

// ── service catalog, service request, configuration items, knowledge (owner: request-cmdb) ──
