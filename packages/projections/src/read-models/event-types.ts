/**
 * The event types of the `@itsm/domain` catalog the built-in read models
 * read, by aggregate. Written out (not derived from the domain's codecs) so
 * that `handles` stays explicit and a type added to the domain is a
 * deliberate change here; the tests check these names against the domain's
 * codecs where the domain exports them.
 *
 * @module
 */

/** Every incident event type. */
export const incidentEventTypes: readonly string[] = [
  'IncidentLogged',
  'IncidentRecategorized',
  'IncidentPriorityChanged',
  'IncidentAssignedToGroup',
  'IncidentAssignedToAgent',
  'IncidentWorkStarted',
  'IncidentCommentAdded',
  'IncidentWorkNoteAdded',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentEscalated',
  'IncidentMajorDeclared',
  'IncidentMajorUndeclared',
  'IncidentParentSet',
  'IncidentProblemLinked',
  'IncidentChangeLinked',
  'IncidentConfigurationItemLinked',
  'IncidentResolved',
  'IncidentResolutionConfirmed',
  'IncidentResolutionRejected',
  'IncidentReopened',
  'IncidentClosed',
  'IncidentCancelled',
];

/** Every SLA event type (they are recorded on the record's own stream). */
export const slaEventTypes: readonly string[] = ['SlaAttached', 'SlaWarningReached', 'SlaBreached', 'SlaRebaselined'];

/** Every service request event type (the request's own, fulfilment tasks included). */
export const serviceRequestEventTypes: readonly string[] = [
  'ServiceRequestSubmitted',
  'ServiceRequestApprovalRequested',
  'ServiceRequestApproved',
  'ServiceRequestRejected',
  'ServiceRequestFulfilmentStarted',
  'FulfilmentTaskCreated',
  'FulfilmentTaskAssigned',
  'FulfilmentTaskStarted',
  'FulfilmentTaskCompleted',
  'FulfilmentTaskSkipped',
  'ServiceRequestFulfilled',
  'ServiceRequestClosedIncomplete',
  'ServiceRequestCancelled',
];

/** Every change event type. */
export const changeEventTypes: readonly string[] = [
  'ChangeRequested',
  'ChangeAssessmentStarted',
  'ChangeRiskAssessed',
  'ChangePlanned',
  'ChangeAuthorizationRequested',
  'ChangeApproved',
  'ChangeRejected',
  'ChangeAuthorized',
  'ChangeScheduled',
  'ChangeImplementerAssigned',
  'ChangeImplementationStarted',
  'ChangeImplemented',
  'ChangeReviewed',
  'ChangeRetrospectivelyApproved',
  'ChangeClosed',
  'ChangeCancelled',
  'ChangeConflictWarningRecorded',
  'ChangeSegregationViolationRecorded',
];

/** Every knowledge article event type. */
export const knowledgeEventTypes: readonly string[] = [
  'ArticleDrafted',
  'ArticleDraftRevised',
  'ArticleNewVersionDrafted',
  'ArticleSubmittedForReview',
  'ArticleReturnedToDraft',
  'ArticlePublished',
  'ArticleRetired',
];

/** Every problem and known error event type. */
export const problemEventTypes: readonly string[] = [
  'ProblemLogged',
  'ProblemAssigned',
  'ProblemAssessmentStarted',
  'ProblemRootCauseAnalysisStarted',
  'ProblemRootCauseRecorded',
  'ProblemFixStarted',
  'ProblemResolved',
  'ProblemReanalysisStarted',
  'ProblemClosed',
  'ProblemIncidentLinked',
  'ProblemIncidentUnlinked',
  'ProblemChangeLinked',
  'ProblemChangeUnlinked',
  'KnownErrorRaised',
  'KnownErrorUpdated',
  'KnownErrorRetired',
];

/** Every service catalog item event type. */
export const catalogItemEventTypes: readonly string[] = [
  'CatalogItemDrafted',
  'CatalogItemRevised',
  'CatalogItemPublished',
  'CatalogItemRetired',
];

/** Every configuration item event type. */
export const configurationItemEventTypes: readonly string[] = [
  'ConfigurationItemRegistered',
  'ConfigurationItemAttributesUpdated',
  'ConfigurationItemOwnerChanged',
  'ConfigurationItemPutIntoProduction',
  'ConfigurationItemMaintenanceStarted',
  'ConfigurationItemMaintenanceEnded',
  'ConfigurationItemRetired',
  'ConfigurationItemRelationshipAdded',
  'ConfigurationItemRelationshipRemoved',
];
