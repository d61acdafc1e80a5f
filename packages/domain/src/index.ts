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

// ── every aggregate and event type ──────────────────────────────────────
export {
  aggregateOfCategory,
  itsmAggregates,
  itsmEventSchemaRegistry,
  itsmEventSchemas,
} from './itsm-event-catalog.js';
export type { AnyAggregateDefinition } from './itsm-event-catalog.js';

// ── incident (owner: incident) ────────────────────────────────────────────
export { Incident, INCIDENT_CATEGORY, incidentEventSchemas, incidentStreamId } from './incident/incident.js';
export { IncidentStreamCommand, createIncidentDecider, incidentDecider } from './incident/incident-decider.js';
export type { IncidentDecider, IncidentDecisionError } from './incident/incident-decider.js';
export { defaultIncidentAuthorization, defaultIncidentPolicy } from './incident/incident-policy.js';
export type { IncidentPolicy, IncidentSlaCommandType, IncidentStreamCommandType } from './incident/incident-policy.js';
export { evolveIncident, initialIncidentState, isOpenStatus, isTerminalStatus } from './incident/incident-state.js';
export type {
  IncidentDetails,
  IncidentLinks,
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
  incidentEventCodecs,
  incidentEventDataCodecs,
} from './incident/incident-events.js';
export type { IncidentEventType, NoteTextBrand } from './incident/incident-events.js';
export type {
  ActorNotInAssignedGroup,
  ActorNotTheCaller,
  AgentNotMemberOfAssignedGroup,
  CommandForAnotherIncident,
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
export { ExactRecordType, exactRecord, messageUnion } from './shared/message-codec.js';
export type { RecordOf, RecordOutputOf } from './shared/message-codec.js';

// ── service level management (owner: service-level) ───────────────────────
export {
  BusinessCalendarDefinition,
  DateHoliday,
  Holiday,
  TimeOfDay,
  WeeklyHours,
  WorkingRange,
  YearlyHoliday,
  twentyFourSevenCalendarDefinition,
  weekdays,
} from './service-level/business-calendar-definition.js';
export type { TimeOfDayBrand } from './service-level/business-calendar-definition.js';
export {
  addBusinessDuration,
  businessDurationBetween,
  createBusinessCalendar,
  describeCalendarError,
  twentyFourSevenCalendar,
} from './service-level/business-calendar.js';
export type {
  BusinessCalendar,
  CalendarError,
  InvalidHoliday,
  InvertedWorkingRange,
  NoWorkingTime,
  OverlappingWorkingRanges,
  UnknownTimeZone,
} from './service-level/business-calendar.js';
export {
  MAX_TARGET_MINUTES,
  OlaTarget,
  PauseCondition,
  PausingRules,
  ReopenPolicy,
  SlaBaseline,
  SlaPolicySnapshot,
  SlaTargetId,
  SlaTargets,
  TargetMinutes,
  WarningThreshold,
  targetKindOf,
  targetMinutesOf,
} from './service-level/sla-policy-snapshot.js';
export type { SlaTargetKind, TargetMinutesBrand, WarningThresholdBrand } from './service-level/sla-policy-snapshot.js';
export {
  OlaTargetRule,
  SlaPolicyDefinition,
  SlaTargetRule,
  createSlaPolicy,
  decodeSlaPolicy,
  defaultPausingRules,
  defaultSlaPolicy,
  defaultSlaPolicyDefinition,
  defaultWarningThresholds,
  slaBaselineFor,
  slaPolicySnapshotFor,
} from './service-level/sla-policy.js';
export type {
  DuplicateOlaTargetRule,
  DuplicateSlaTargetRule,
  InvalidPolicyCalendar,
  InvalidTargetDuration,
  InvalidWarningThresholds,
  MalformedSlaPolicy,
  SlaPolicy,
  SlaPolicyError,
} from './service-level/sla-policy.js';
export { slaBaselineProblems, slaPolicySnapshotProblems } from './service-level/sla-policy-validation.js';
export {
  AttachSla,
  AttachSlaData,
  RebaselineSla,
  RebaselineSlaData,
  RecordSlaBreach,
  RecordSlaBreachData,
  RecordSlaWarning,
  RecordSlaWarningData,
  SlaAttached,
  SlaAttachedData,
  SlaBaselineNumber,
  SlaBreached,
  SlaBreachedData,
  SlaCommand,
  SlaCycle,
  SlaEvent,
  SlaRebaselined,
  SlaRebaselinedData,
  SlaRecordCategory,
  SlaRecordReference,
  SlaWarningReached,
  SlaWarningReachedData,
  decideSlaCommand,
  decideSlaCommandWith,
  defaultSlaAuthorization,
  evolveSlaRecord,
  initialSlaRecordState,
  isSlaEvent,
  slaEventSchemas,
  slaEventTypes,
  slaMeasurementKey,
  slaRecordDecider,
} from './service-level/sla-record.js';
export type {
  InvalidSlaPolicy,
  SlaAlreadyAttached,
  SlaAttachment,
  SlaBaselineMismatch,
  SlaNotAttached,
  SlaRecordError,
  SlaRecordMismatch,
  SlaRecordState,
  UnknownSlaTarget,
  UnknownSlaThreshold,
} from './service-level/sla-record.js';
export { slaSignalOfEvent } from './service-level/sla-signals.js';
export type {
  SlaBaselineReplaced,
  SlaDisowned,
  SlaGroupChanged,
  SlaMeasurementRecorded,
  SlaMet,
  SlaOwned,
  SlaPaused,
  SlaPolicyAttached,
  SlaPriorityChanged,
  SlaReopened,
  SlaResumed,
  SlaSignal,
  SlaStarted,
  SlaStopped,
  SlaUpdated,
} from './service-level/sla-signals.js';
export { incidentSlaSignals, incidentSlaSignalsOf } from './service-level/incident-sla-signals.js';
export type { SlaSourceEvent } from './service-level/incident-sla-signals.js';
export { computeSlaClock } from './service-level/sla-clock.js';
export type {
  SlaClock,
  SlaClockOptions,
  SlaTargetClock,
  SlaTargetStatus,
  SlaWarningCrossed,
} from './service-level/sla-clock.js';
export { slaDeadlineCommands, slaDeadlineProcessActor, slaHistoriesOf } from './service-level/sla-deadlines.js';
export type {
  SlaDeadlineCommand,
  SlaDeadlineSettings,
  SlaLogEvent,
  SlaRecordHistory,
  SlaSignalAdapter,
} from './service-level/sla-deadlines.js';
export { repairSlaClocks } from './service-level/sla-repair.js';
export type {
  SlaPolicyReplacement,
  SlaRepairReport,
  SlaRepairedRecord,
  SlaTargetChange,
  SlaTargetOutcome,
} from './service-level/sla-repair.js';

// ── problem and known error (owner: problem-change) ──────────────────────
export { Problem, PROBLEM_CATEGORY, problemStreamId } from './problem/problem.js';
export { createProblemDecider, decideProblem, problemDecider } from './problem/problem-decider.js';
export type { ProblemDecider } from './problem/problem-decider.js';
export { defaultProblemAuthorization, defaultProblemPolicy } from './problem/problem-policy.js';
export type { ProblemPolicy } from './problem/problem-policy.js';
export { evolveProblem, initialProblemState, isLoggedProblem, problemStatuses } from './problem/problem-state.js';
export type { KnownError, LoggedProblem, ProblemState, ProblemStatus } from './problem/problem-state.js';
export {
  AssignProblem,
  AssignProblemData,
  CloseProblem,
  CloseProblemData,
  KnownErrorContent,
  KnownErrorData,
  LinkProblemChange,
  LinkProblemIncident,
  LogProblem,
  LogProblemData,
  ProblemChangeData,
  ProblemClosureCode,
  ProblemCommand,
  ProblemIncidentData,
  ProblemRefData,
  ProblemResolutionCode,
  RaiseKnownError,
  ReanalyseProblem,
  ReanalyseProblemData,
  RecordProblemRootCause,
  RecordProblemRootCauseData,
  ResolveProblem,
  ResolveProblemData,
  RetireKnownError,
  RetireKnownErrorData,
  StartProblemAssessment,
  StartProblemFix,
  StartProblemFixData,
  StartRootCauseAnalysis,
  UnlinkProblemChange,
  UnlinkProblemIncident,
  UpdateKnownError,
} from './problem/problem-commands.js';
export type { ProblemCommandType } from './problem/problem-commands.js';
export {
  KnownErrorContentData,
  KnownErrorRaised,
  KnownErrorRetired,
  KnownErrorRetiredData,
  KnownErrorUpdated,
  ProblemAssessmentStarted,
  ProblemAssigned,
  ProblemAssignedData,
  ProblemChangeLinkData,
  ProblemChangeLinked,
  ProblemChangeUnlinked,
  ProblemClosed,
  ProblemClosedData,
  ProblemEvent,
  problemEventSchemas,
  ProblemFactData,
  ProblemFixStarted,
  ProblemFixStartedData,
  ProblemIncidentLinkData,
  ProblemIncidentLinked,
  ProblemIncidentUnlinked,
  ProblemLogged,
  ProblemLoggedData,
  ProblemReanalysisStarted,
  ProblemReanalysisStartedData,
  ProblemResolved,
  ProblemResolvedData,
  ProblemRootCauseAnalysisStarted,
  ProblemRootCauseRecorded,
  ProblemRootCauseRecordedData,
} from './problem/problem-events.js';
export type { ProblemEventType } from './problem/problem-events.js';
export type {
  KnownErrorAlreadyRaised,
  KnownErrorAlreadyRetired,
  KnownErrorIdMismatch,
  KnownErrorNotRaised,
  ProblemAlreadyClosed,
  ProblemAlreadyLogged,
  ProblemChangeAlreadyLinked,
  ProblemChangeNotLinked,
  ProblemClosureCodeInconsistent,
  ProblemDuplicateOfItself,
  ProblemDuplicateOfMissing,
  ProblemDuplicateOfUnexpected,
  ProblemError,
  ProblemErrorTag,
  ProblemFixNotInProgress,
  ProblemIncidentAlreadyLinked,
  ProblemIncidentNotLinked,
  ProblemLevelOutsideMatrix,
  ProblemNotFound,
  ProblemRootCauseNotRecorded,
  ProblemTransitionNotAllowed,
} from './problem/problem-errors.js';
export { isKnownErrorEvent, knownErrorPublicationOf } from './problem/known-error.js';
export type { KnownErrorPublication } from './problem/known-error.js';
export { defaultProblemIncidentPolicy, problemIncidentCommands } from './problem/problem-incident-process.js';
export type {
  FixAppliedAction,
  ProblemIncidentCommand,
  ProblemIncidentPolicy,
} from './problem/problem-incident-process.js';

// ── change (owner: problem-change) ────────────────────────────────────────
export { Change, CHANGE_CATEGORY, changeStreamId } from './change/change.js';
export { changeDecider, createChangeDecider, decideChange, missingApprovals } from './change/change-decider.js';
export type { ChangeDecider } from './change/change-decider.js';
export { approvalRequirement, defaultChangeAuthorization, defaultChangePolicy } from './change/change-policy.js';
export type { ChangePolicy } from './change/change-policy.js';
export {
  conflictKeyOf,
  evolveChange,
  initialChangeState,
  isFinishedChange,
  isRequestedChange,
} from './change/change-state.js';
export type { ChangeRisk, ChangeState, ChangeStatus, GivenApproval, RequestedChange } from './change/change-state.js';
export {
  ApproveChange,
  ApproveEmergencyChangeRetrospectively,
  ApproveEmergencyChangeRetrospectivelyData,
  AssessChangeRisk,
  AssessChangeRiskData,
  AssignChangeImplementer,
  AssignChangeImplementerData,
  CancelChange,
  CancelChangeData,
  ChangeCommand,
  ChangeDecisionData,
  ChangeRefData,
  ChangeType,
  CloseChange,
  CloseChangeData,
  ImplementationOutcome,
  PlanChange,
  PlanChangeData,
  RecordChangeConflictWarning,
  RecordChangeConflictWarningData,
  RecordChangeImplementationOutcome,
  RecordChangeImplementationOutcomeData,
  RecordChangeSegregationViolation,
  RecordChangeSegregationViolationData,
  RecordPostImplementationReview,
  RecordPostImplementationReviewData,
  RejectChange,
  RequestChange,
  RequestChangeAuthorization,
  RequestChangeData,
  RiskAnswer,
  RiskLevel,
  RiskOverride,
  SegregationRule,
  StandardTemplateReference,
  StartChangeImplementation,
  SubmitChangeForAssessment,
} from './change/change-commands.js';
export type { ChangeCommandType } from './change/change-commands.js';
export {
  ApprovalRequirement,
  BlackoutOverride,
  ChangeApproved,
  ChangeAssessmentStarted,
  ChangeAuthorizationRequested,
  ChangeAuthorizationRequestedData,
  ChangeAuthorized,
  ChangeAuthorizedData,
  ChangeCancelled,
  ChangeCancelledData,
  ChangeClosed,
  ChangeClosedData,
  ChangeConflictWarningRecorded,
  ChangeConflictWarningRecordedData,
  ChangeDecisionRecordedData,
  ChangeEvent,
  changeEventSchemas,
  ChangeFactData,
  ChangeImplementationStarted,
  ChangeImplementationStartedData,
  ChangeImplemented,
  ChangeImplementedData,
  ChangeImplementerAssigned,
  ChangeImplementerAssignedData,
  ChangePlanned,
  ChangePlannedData,
  ChangeRejected,
  ChangeRequested,
  ChangeRequestedData,
  ChangeRetrospectivelyApproved,
  ChangeRetrospectivelyApprovedData,
  ChangeReviewed,
  ChangeReviewedData,
  ChangeRiskAssessed,
  ChangeRiskAssessedData,
  ChangeScheduled,
  ChangeScheduledData,
  ChangeSegregationViolationRecorded,
  ChangeSegregationViolationRecordedData,
  Quorum,
} from './change/change-events.js';
export type { ChangeEventType } from './change/change-events.js';
export type {
  ChangeAlreadyApprovedRetrospectively,
  ChangeAlreadyFinished,
  ChangeAlreadyRequested,
  ChangeAlreadyReviewed,
  ChangeApprovalGroupNotRequired,
  ChangeApprovalsIncomplete,
  ChangeApproverAlreadyDecided,
  ChangeApproverCannotImplement,
  ChangeApproverNotInGroup,
  ChangeConflictOverlapInvalid,
  ChangeConflictWithItself,
  ChangeError,
  ChangeErrorTag,
  ChangeImplementerCannotApprove,
  ChangeImplementerMismatch,
  ChangeInBlackoutWindow,
  ChangeNotFound,
  ChangeNotPlanned,
  ChangePlannedWindowInvalid,
  ChangeRequesterCannotApprove,
  ChangeRetrospectiveApprovalRequired,
  ChangeReviewRequired,
  ChangeRiskAnswerInvalid,
  ChangeRiskAnswersMissing,
  ChangeRiskNotAssessed,
  ChangeRiskOverrideNotAuthorized,
  ChangeRiskOverrideUnchanged,
  ChangeSegregationRecordInconsistent,
  ChangeSegregationViolation,
  ChangeStepNotInLifecycle,
  ChangeTransitionNotAllowed,
  EmergencyChangeBlackoutOverrideRequired,
  StandardChangeTemplateNotAllowed,
  StandardChangeTemplateNotApproved,
  StandardChangeTemplateRequired,
} from './change/change-errors.js';
export {
  assessRisk,
  defaultRiskQuestionnaire,
  riskLevelOf,
  RiskQuestion,
  RiskQuestionAnswer,
  RiskQuestionnaire,
} from './change/change-risk.js';
export type { RiskAssessment } from './change/change-risk.js';
export {
  BlackoutWindow,
  blackoutWindowsHit,
  changeConflictsOf,
  conflictWarningCommandsOf,
  overlapOf,
  PlannedChange,
  windowsOverlap,
} from './change/change-schedule.js';
export type { ChangeConflict, TimeWindow } from './change/change-schedule.js';
export { isSegregationViolation, segregationViolationCommandOf } from './change/change-segregation.js';

// ── service catalog, service request, configuration items, knowledge (owner: request-cmdb) ──
export {
  FORM_CHOICES_MAX,
  FORM_FIELDS_MAX,
  FORM_TEXT_MAX,
  FormFieldKind,
  FormFieldName,
  FormFieldSpec,
  formCodecOf,
  formSpecProblems,
} from './service-catalog/catalog-form.js';
export type { FormAnswers, FormFieldNameBrand } from './service-catalog/catalog-form.js';
export {
  CatalogApprovalRule,
  CatalogItemDefinition,
  CatalogItemVersionSnapshot,
  FulfilmentTaskTemplate,
  TASK_TEMPLATES_MAX,
  definitionProblems,
} from './service-catalog/catalog-item-definition.js';
export {
  CatalogItemCommand,
  DraftCatalogItemData,
  PublishCatalogItemData,
  RetireCatalogItemData,
  ReviseCatalogItemData,
} from './service-catalog/catalog-item-commands.js';
export type { CatalogItemCommandType } from './service-catalog/catalog-item-commands.js';
export {
  CatalogItemDraftedData,
  CatalogItemPublishedData,
  CatalogItemRetiredData,
  CatalogItemRevisedData,
  catalogItemEventCodecs,
  catalogItemEventSchemas,
  isCatalogItemEvent,
} from './service-catalog/catalog-item-events.js';
export type { CatalogItemEvent } from './service-catalog/catalog-item-events.js';
export type {
  CatalogItemAlreadyExists,
  CatalogItemAlreadyRetired,
  CatalogItemDefinitionInvalid,
  CatalogItemError,
  CatalogItemNotFound,
  NoCatalogItemDraftToPublish,
} from './service-catalog/catalog-item-errors.js';
export { defaultCatalogItemPolicy } from './service-catalog/catalog-item-policy.js';
export type { CatalogItemPolicy } from './service-catalog/catalog-item-policy.js';
export {
  catalogItemSnapshotOf,
  evolveCatalogItem,
  initialCatalogItemState,
} from './service-catalog/catalog-item-state.js';
export type { CatalogItemState, CatalogItemVersion } from './service-catalog/catalog-item-state.js';
export {
  catalogItemDecider,
  createCatalogItemDecider,
  decideCatalogItem,
} from './service-catalog/catalog-item-decider.js';
export { CATALOG_ITEM_CATEGORY, CatalogItem, catalogItemStreamId } from './service-catalog/catalog-item.js';

export {
  ApproveServiceRequestData,
  AssignFulfilmentTaskData,
  CancelServiceRequestData,
  CloseServiceRequestIncompleteData,
  CompleteFulfilmentTaskData,
  RejectServiceRequestData,
  ServiceRequestOwnCommand,
  SkipFulfilmentTaskData,
  serviceRequestOwnCommandCodecs,
  StartFulfilmentTaskData,
  SubmitServiceRequestData,
  TaskAssignee,
} from './service-request/service-request-commands.js';
export type { ServiceRequestOwnCommandType } from './service-request/service-request-commands.js';
export {
  FulfilmentTaskAssignedData,
  FulfilmentTaskCompletedData,
  FulfilmentTaskCreatedData,
  FulfilmentTaskSkippedData,
  FulfilmentTaskStartedData,
  ServiceRequestApprovalRequestedData,
  ServiceRequestApprovedData,
  ServiceRequestCancelledData,
  ServiceRequestClosedIncompleteData,
  ServiceRequestFulfilledData,
  ServiceRequestFulfilmentStartedData,
  ServiceRequestRejectedData,
  ServiceRequestSubmittedData,
  StoredFormAnswers,
  isServiceRequestOwnEvent,
  serviceRequestOwnEventCodecs,
  serviceRequestOwnEventSchemas,
} from './service-request/service-request-events.js';
export type { ServiceRequestOwnEvent } from './service-request/service-request-events.js';
export type {
  AnswersDoNotMatchForm,
  ApproverNotInApproverGroup,
  AssigneeNotInAssignmentGroup,
  CatalogItemNotOrderable,
  CatalogItemSnapshotInvalid,
  FulfilmentTaskAlreadyClosed,
  FulfilmentTaskAlreadyStarted,
  FulfilmentTaskDependenciesOpen,
  FulfilmentTaskNotFound,
  FulfilmentTaskNotStarted,
  NotInTaskAssignmentGroup,
  NotRequesterOfServiceRequest,
  RequesterCannotApprove,
  RequiredFulfilmentTaskCannotBeSkipped,
  ServiceRequestAlreadyClosed,
  ServiceRequestAlreadySubmitted,
  ServiceRequestNotAwaitingApproval,
  ServiceRequestNotFound,
  ServiceRequestNotInFulfilment,
  ServiceRequestOwnError,
  ServiceRequestSlaCommandForAnotherRecord,
  ServiceRequestStatus,
  SlaPolicyNotTheCatalogItems,
} from './service-request/service-request-errors.js';
export { defaultServiceRequestPolicy } from './service-request/service-request-policy.js';
export type {
  ServiceRequestPolicy,
  ServiceRequestStreamCommandType,
} from './service-request/service-request-policy.js';
export {
  evolveServiceRequestOwn,
  initialServiceRequestOwnState,
  isTaskClosed,
} from './service-request/service-request-state.js';
export type {
  FulfilmentTask,
  FulfilmentTaskStatus,
  ServiceRequestOwnState,
  SubmittedServiceRequest,
} from './service-request/service-request-state.js';
export { decideServiceRequestOwn } from './service-request/service-request-rules.js';
export {
  ServiceRequestCommand,
  createServiceRequestDecider,
  evolveServiceRequest,
  initialServiceRequestState,
  serviceRequestDecider,
  serviceRequestIdOf,
} from './service-request/service-request-decider.js';
export type {
  ServiceRequestError,
  ServiceRequestEvent,
  ServiceRequestState,
} from './service-request/service-request-decider.js';
export { SERVICE_REQUEST_CATEGORY, ServiceRequest, serviceRequestStreamId } from './service-request/service-request.js';
export {
  AWAITING_APPROVAL_STATUS,
  DEFAULT_REQUEST_PRIORITY,
  serviceRequestSlaSignals,
  serviceRequestSlaSignalsOf,
} from './service-request/service-request-sla-signals.js';

export {
  ATTRIBUTES_MAX,
  ATTRIBUTE_TEXT_MAX,
  AttributeName,
  AttributeValue,
  Attributes,
  ConfigurationItemClass,
  ConfigurationItemLifecycle,
  RelationshipType,
} from './configuration-item/configuration-item-vocabulary.js';
export type { AttributeNameBrand } from './configuration-item/configuration-item-vocabulary.js';
export {
  AddConfigurationItemRelationshipData,
  ChangeConfigurationItemOwnerData,
  ConfigurationItemCommand,
  EndConfigurationItemMaintenanceData,
  IncomingRelationship,
  PutConfigurationItemIntoProductionData,
  RegisterConfigurationItemData,
  RelationshipTargetFacts,
  RemoveConfigurationItemRelationshipData,
  RetireConfigurationItemData,
  StartConfigurationItemMaintenanceData,
  UpdateConfigurationItemAttributesData,
} from './configuration-item/configuration-item-commands.js';
export type { ConfigurationItemCommandType } from './configuration-item/configuration-item-commands.js';
export {
  ConfigurationItemAttributesUpdatedData,
  ConfigurationItemMaintenanceEndedData,
  ConfigurationItemMaintenanceStartedData,
  ConfigurationItemOwnerChangedData,
  ConfigurationItemPutIntoProductionData,
  ConfigurationItemRegisteredData,
  ConfigurationItemRelationshipAddedData,
  ConfigurationItemRelationshipRemovedData,
  ConfigurationItemRetiredData,
  configurationItemEventCodecs,
  configurationItemEventSchemas,
  isConfigurationItemEvent,
} from './configuration-item/configuration-item-events.js';
export type { ConfigurationItemEvent } from './configuration-item/configuration-item-events.js';
export type {
  ConfigurationItemAlreadyRegistered,
  ConfigurationItemAlreadyRetired,
  ConfigurationItemError,
  ConfigurationItemNotFound,
  ConfigurationItemStillRelated,
  ConfigurationItemTransitionNotAllowed,
  PartOfCycle,
  RelationshipAlreadyExists,
  RelationshipNotFound,
  RelationshipTargetClassNotAllowed,
  RelationshipTargetRetired,
  RelationshipTargetUnknown,
  RelationshipToItself,
  TooManyConfigurationItemAttributes,
} from './configuration-item/configuration-item-errors.js';
export { defaultConfigurationItemPolicy } from './configuration-item/configuration-item-policy.js';
export type { ConfigurationItemPolicy } from './configuration-item/configuration-item-policy.js';
export {
  evolveConfigurationItem,
  initialConfigurationItemState,
  sameRelationship,
} from './configuration-item/configuration-item-state.js';
export type {
  ConfigurationItemState,
  OutgoingRelationship,
  RegisteredConfigurationItem,
} from './configuration-item/configuration-item-state.js';
export {
  configurationItemDecider,
  createConfigurationItemDecider,
  decideConfigurationItem,
} from './configuration-item/configuration-item-decider.js';
export {
  CONFIGURATION_ITEM_CATEGORY,
  ConfigurationItem,
  configurationItemStreamId,
} from './configuration-item/configuration-item.js';
export {
  defaultImpactPropagation,
  emptyRelationshipGraph,
  evolveRelationshipGraph,
  impactedConfigurationItems,
  impactedServices,
  incomingRelationshipFactsOf,
  partOfAncestors,
  relationshipGraphOf,
  relationshipTargetFactsOf,
  relationshipsFrom,
  relationshipsTo,
} from './configuration-item/relationship-graph.js';
export type {
  ImpactPropagation,
  ImpactedConfigurationItem,
  RelationshipEdge,
  RelationshipGraph,
  RelationshipGraphNode,
} from './configuration-item/relationship-graph.js';

export {
  ARTICLE_KEYWORDS_MAX,
  ArticleBody,
  ArticleContent,
  ArticleSource,
  KnownErrorAsRead,
  articleContentOfKnownError,
} from './knowledge/article-content.js';
export {
  ArticleCommand,
  DraftArticleData,
  DraftNewArticleVersionData,
  PublishArticleData,
  PublishKnownErrorAsArticleData,
  RetireArticleData,
  ReturnArticleToDraftData,
  ReviseArticleDraftData,
  SubmitArticleForReviewData,
} from './knowledge/article-commands.js';
export type { ArticleCommandType } from './knowledge/article-commands.js';
export {
  ArticleDraftRevisedData,
  ArticleDraftedData,
  ArticleNewVersionDraftedData,
  ArticlePublishedData,
  ArticleRetiredData,
  ArticleReturnedToDraftData,
  ArticleSubmittedForReviewData,
  articleEventCodecs,
  articleEventSchemas,
  isArticleEvent,
} from './knowledge/article-events.js';
export type { ArticleEvent } from './knowledge/article-events.js';
export type {
  ArticleAlreadyExists,
  ArticleAlreadyRetired,
  ArticleAuthorCannotPublish,
  ArticleError,
  ArticleNotFound,
  ArticleNotFromThisKnownError,
  ArticleNotInDraft,
  ArticleNotInReview,
  ArticleNotPublished,
  ArticleVersionPending,
  KnownErrorNotActive,
} from './knowledge/article-errors.js';
export { defaultArticlePolicy } from './knowledge/article-policy.js';
export type { ArticlePolicy } from './knowledge/article-policy.js';
export { evolveArticle, initialArticleState } from './knowledge/article-state.js';
export type { ArticleState, ArticleVersion, ArticleVersionInWork, ExistingArticle } from './knowledge/article-state.js';
export { articleDecider, createArticleDecider, decideArticle } from './knowledge/article-decider.js';
export {
  KNOWLEDGE_ARTICLE_CATEGORY,
  KnowledgeArticle,
  knowledgeArticleStreamId,
} from './knowledge/knowledge-article.js';
