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
export { Incident, INCIDENT_CATEGORY, incidentEventSchemas, incidentStreamId } from './incident/incident.js';
export { IncidentStreamCommand, createIncidentDecider, incidentDecider } from './incident/incident-decider.js';
export type { IncidentDecider, IncidentDecisionError } from './incident/incident-decider.js';
export {
  defaultIncidentAuthorization,
  defaultIncidentPolicy,
} from './incident/incident-policy.js';
export type { IncidentPolicy, IncidentSlaCommandType, IncidentStreamCommandType } from './incident/incident-policy.js';
export { evolveIncident, initialIncidentState, isOpenStatus, isTerminalStatus } from './incident/incident-state.js';
export type {
  IncidentResolution,
  IncidentState,
  IncidentStatus,
  IncidentStreamEvent,
  PriorityOverride,
} from './incident/incident-state.js';
export {
  AddIncidentComment,
  AddIncidentWorkNote,
  AssignIncidentToAgent,
  AssignIncidentToGroup,
  AutoCloseIncident,
  CancelIncident,
  ChangeIncidentImpactUrgency,
  CloseIncident,
  ConfirmIncidentResolution,
  DeclareMajorIncident,
  EscalateIncident,
  FunctionalEscalation,
  HierarchicEscalation,
  IncidentCommand,
  LinkIncidentToChange,
  LinkIncidentToConfigurationItem,
  LinkIncidentToProblem,
  LogIncident,
  OverrideIncidentPriority,
  PutIncidentOnHold,
  RecategorizeIncident,
  RejectIncidentResolution,
  ReopenIncident,
  ResolveIncident,
  ResumeIncident,
  SetIncidentParent,
  StartIncidentWork,
  UndeclareMajorIncident,
  incidentCommandCodecs,
} from './incident/incident-commands.js';
export type { IncidentCommandType } from './incident/incident-commands.js';
export {
  CancellationReason,
  ChangeRelation,
  EscalationKind,
  HierarchicLevel,
  IncidentAssignedToAgent,
  IncidentAssignedToGroup,
  IncidentCancelled,
  IncidentChangeLinked,
  IncidentChannel,
  IncidentClosed,
  IncidentClosure,
  IncidentCommentAdded,
  IncidentConfigurationItemLinked,
  IncidentEscalated,
  IncidentEvent,
  IncidentLogged,
  IncidentMajorDeclared,
  IncidentMajorUndeclared,
  IncidentParentSet,
  IncidentPriorityChanged,
  IncidentProblemLinked,
  IncidentPutOnHold,
  IncidentRecategorized,
  IncidentReopened,
  IncidentResolutionConfirmed,
  IncidentResolutionRejected,
  IncidentResolved,
  IncidentResumed,
  IncidentWorkNoteAdded,
  IncidentWorkStarted,
  NoteText,
  OnHoldReason,
  ResolutionCode,
  incidentEventDataCodecs,
} from './incident/incident-events.js';
export type { IncidentEventType, NoteTextBrand } from './incident/incident-events.js';
export type {
  ActorNotInAssignedGroup,
  ActorNotTheCaller,
  AgentNotMemberOfAssignedGroup,
  ConfigurationItemRetired,
  DuplicateReferenceInvalid,
  EscalationLevelNotRaised,
  EscalationLevelOutOfRange,
  IncidentAlreadyAssignedToAgent,
  IncidentAlreadyAssignedToGroup,
  IncidentAlreadyCancelled,
  IncidentAlreadyClosed,
  IncidentAlreadyLinked,
  IncidentAlreadyLogged,
  IncidentAlreadyMajor,
  IncidentAlreadyOnHold,
  IncidentAlreadyResolved,
  IncidentAutoCloseTooEarly,
  IncidentCategoryUnchanged,
  IncidentError,
  IncidentImpactUrgencyUnchanged,
  IncidentNotAssigned,
  IncidentNotAssignedToGroup,
  IncidentNotFound,
  IncidentNotInProgress,
  IncidentNotMajor,
  IncidentNotOnHold,
  IncidentNotResolved,
  IncidentParentCycle,
  IncidentParentUnchanged,
  IncidentPriorityUnchanged,
  IncidentReopenWindowElapsed,
  IncidentWorkAlreadyStarted,
  InvalidResolvedChildren,
  LevelOutOfMatrixScale,
  SlaCommandForAnotherRecord,
} from './incident/incident-errors.js';
export { messageUnion } from './incident/incident-message-codec.js';

// ── service level management (owner: service-level) ───────────────────────

// ── problem and known error (owner: problem-change) ──────────────────────

// ── change (owner: problem-change) ────────────────────────────────────────

// ── service catalog, service request, configuration items, knowledge (owner: request-cmdb) ──
