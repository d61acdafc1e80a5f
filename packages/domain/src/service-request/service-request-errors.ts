/**
 * Errors of the service request aggregate: each names the rule a command
 * breaks.
 *
 * @module
 */
import type { CommandNotAuthorized } from '../shared/domain-errors.js';

/** The lifecycle statuses of a service request (see `service-request-state`). */
export type ServiceRequestStatus =
  | 'none'
  | 'submitted'
  | 'awaiting-approval'
  | 'approved'
  | 'rejected'
  | 'in-fulfilment'
  | 'fulfilled'
  | 'closed-incomplete'
  | 'cancelled';

/** `SubmitServiceRequest` for an id that already has a request. */
export interface ServiceRequestAlreadySubmitted {
  readonly _tag: 'ServiceRequestAlreadySubmitted';
  readonly serviceRequestId: string;
}
/** A command for a request that was never submitted. */
export interface ServiceRequestNotFound {
  readonly _tag: 'ServiceRequestNotFound';
  readonly serviceRequestId: string;
}
/** A submission against a retired catalog item. */
export interface CatalogItemNotOrderable {
  readonly _tag: 'CatalogItemNotOrderable';
  readonly catalogItemId: string;
  readonly version: number;
}
/** A submission carrying a catalog item snapshot that no published version could have (dangling task ids, unsound form). */
export interface CatalogItemSnapshotInvalid {
  readonly _tag: 'CatalogItemSnapshotInvalid';
  readonly problems: readonly string[];
}
/** Answers that do not match the item version's form; each problem names the field path (`answers.costCentre`). */
export interface AnswersDoNotMatchForm {
  readonly _tag: 'AnswersDoNotMatchForm';
  readonly problems: readonly string[];
}
/** Approve or reject a request that is not awaiting approval. */
export interface ServiceRequestNotAwaitingApproval {
  readonly _tag: 'ServiceRequestNotAwaitingApproval';
  readonly status: ServiceRequestStatus;
}
/** Segregation of duties: the submitter or the person the request is for cannot approve it. */
export interface RequesterCannotApprove {
  readonly _tag: 'RequesterCannotApprove';
  readonly actor: string;
}
/** The approver is not a member of the item's approver group. */
export interface ApproverNotInApproverGroup {
  readonly _tag: 'ApproverNotInApproverGroup';
  readonly actor: string;
  readonly approverGroup: string;
}
/** A task command while the request is not in fulfilment. */
export interface ServiceRequestNotInFulfilment {
  readonly _tag: 'ServiceRequestNotInFulfilment';
  readonly status: ServiceRequestStatus;
}
/** A task id the request does not have. */
export interface FulfilmentTaskNotFound {
  readonly _tag: 'FulfilmentTaskNotFound';
  readonly taskId: string;
}
/** A command for a task that is already done or skipped. */
export interface FulfilmentTaskAlreadyClosed {
  readonly _tag: 'FulfilmentTaskAlreadyClosed';
  readonly taskId: string;
  readonly status: 'done' | 'skipped';
}
/** `StartFulfilmentTask` for a task already in progress. */
export interface FulfilmentTaskAlreadyStarted {
  readonly _tag: 'FulfilmentTaskAlreadyStarted';
  readonly taskId: string;
}
/** `CompleteFulfilmentTask` for a task that was not started. */
export interface FulfilmentTaskNotStarted {
  readonly _tag: 'FulfilmentTaskNotStarted';
  readonly taskId: string;
}
/** A task cannot start before the tasks it depends on are done or skipped. */
export interface FulfilmentTaskDependenciesOpen {
  readonly _tag: 'FulfilmentTaskDependenciesOpen';
  readonly taskId: string;
  /** The dependencies still open or in progress. */
  readonly openDependencies: readonly string[];
}
/** Only optional tasks may be skipped. */
export interface RequiredFulfilmentTaskCannotBeSkipped {
  readonly _tag: 'RequiredFulfilmentTaskCannotBeSkipped';
  readonly taskId: string;
}
/** The actor works on a task without belonging to its assignment group. */
export interface NotInTaskAssignmentGroup {
  readonly _tag: 'NotInTaskAssignmentGroup';
  readonly actor: string;
  readonly taskId: string;
  readonly assignmentGroup: string;
}
/** An assignment to an agent the application found outside the group. */
export interface AssigneeNotInAssignmentGroup {
  readonly _tag: 'AssigneeNotInAssignmentGroup';
  readonly agent: string;
  readonly assignmentGroup: string;
}
/** Cancel or close a request that is already rejected, fulfilled, closed or cancelled. */
export interface ServiceRequestAlreadyClosed {
  readonly _tag: 'ServiceRequestAlreadyClosed';
  readonly status: ServiceRequestStatus;
}
/** Someone without an on-behalf role cancels a request that is not theirs. */
export interface NotRequesterOfServiceRequest {
  readonly _tag: 'NotRequesterOfServiceRequest';
  readonly actor: string;
}

/** An SLA command on this request's stream names another record. */
export interface ServiceRequestSlaCommandForAnotherRecord {
  readonly _tag: 'SlaCommandForAnotherRecord';
  readonly serviceRequestId: string;
  readonly record: { readonly category: string; readonly id: string };
}
/** Attaching an SLA policy other than the one the request's catalog item version names. */
export interface SlaPolicyNotTheCatalogItems {
  readonly _tag: 'SlaPolicyNotTheCatalogItems';
  readonly expected: string;
  readonly attached: string;
}

/** Any error of the service request's own commands. */
export type ServiceRequestOwnError =
  | CommandNotAuthorized
  | ServiceRequestAlreadySubmitted
  | ServiceRequestNotFound
  | CatalogItemNotOrderable
  | CatalogItemSnapshotInvalid
  | AnswersDoNotMatchForm
  | ServiceRequestNotAwaitingApproval
  | RequesterCannotApprove
  | ApproverNotInApproverGroup
  | ServiceRequestNotInFulfilment
  | FulfilmentTaskNotFound
  | FulfilmentTaskAlreadyClosed
  | FulfilmentTaskAlreadyStarted
  | FulfilmentTaskNotStarted
  | FulfilmentTaskDependenciesOpen
  | RequiredFulfilmentTaskCannotBeSkipped
  | NotInTaskAssignmentGroup
  | AssigneeNotInAssignmentGroup
  | ServiceRequestAlreadyClosed
  | NotRequesterOfServiceRequest
  | ServiceRequestSlaCommandForAnotherRecord
  | SlaPolicyNotTheCatalogItems;
