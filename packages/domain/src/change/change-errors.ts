/**
 * Change errors: one tag per broken rule, with the facts needed to explain
 * the refusal. A refused command records nothing; the segregation-of-duties
 * refusals ({@link ChangeSegregationViolation}) can be recorded afterwards
 * with `segregationViolationCommandOf` (see `change-segregation`).
 *
 * @module
 */
import type { CommandNotAuthorized } from '../shared/domain-errors.js';
import type { ChangeType, RiskLevel, SegregationRule } from './change-commands.js';
import type { ChangeStatus } from './change-state.js';

/** `RequestChange` on a stream that already holds a change. */
export interface ChangeAlreadyRequested {
  readonly _tag: 'ChangeAlreadyRequested';
  readonly changeId: string;
}

/** A command addressed a change that was never requested. */
export interface ChangeNotFound {
  readonly _tag: 'ChangeNotFound';
  readonly command: string;
}

/** A closed or cancelled change accepts no further lifecycle command. */
export interface ChangeAlreadyFinished {
  readonly _tag: 'ChangeAlreadyFinished';
  readonly changeId: string;
  readonly command: string;
  readonly status: 'Closed' | 'Cancelled';
}

/** The command is not allowed in the change's current status. */
export interface ChangeTransitionNotAllowed {
  readonly _tag: 'ChangeTransitionNotAllowed';
  readonly changeId: string;
  readonly command: string;
  readonly status: ChangeStatus;
  readonly allowedFrom: readonly ChangeStatus[];
}

/** The step is not part of this change type's lifecycle (e.g. assessing a standard change). */
export interface ChangeStepNotInLifecycle {
  readonly _tag: 'ChangeStepNotInLifecycle';
  readonly changeId: string;
  readonly command: string;
  readonly changeType: ChangeType;
}

/** A standard change must reference a standard-change template. */
export interface StandardChangeTemplateRequired {
  readonly _tag: 'StandardChangeTemplateRequired';
  readonly changeId: string;
}

/** The referenced standard-change template is not approved. */
export interface StandardChangeTemplateNotApproved {
  readonly _tag: 'StandardChangeTemplateNotApproved';
  readonly changeId: string;
  readonly templateId: string;
}

/** Only standard changes use a standard-change template. */
export interface StandardChangeTemplateNotAllowed {
  readonly _tag: 'StandardChangeTemplateNotAllowed';
  readonly changeId: string;
  readonly changeType: ChangeType;
}

/** An answer names a question or answer the questionnaire does not have, or answers a question twice. */
export interface ChangeRiskAnswerInvalid {
  readonly _tag: 'ChangeRiskAnswerInvalid';
  readonly questionId: string;
  readonly answerId: string;
  readonly reason: 'unknown question' | 'unknown answer' | 'answered twice';
}

/** Questions of the questionnaire were left unanswered. */
export interface ChangeRiskAnswersMissing {
  readonly _tag: 'ChangeRiskAnswersMissing';
  readonly questionIds: readonly string[];
}

/** Only a change manager may override the computed risk level. */
export interface ChangeRiskOverrideNotAuthorized {
  readonly _tag: 'ChangeRiskOverrideNotAuthorized';
  readonly changeId: string;
  readonly actor: string;
}

/** Authorisation of a normal change needs a risk assessment. */
export interface ChangeRiskNotAssessed {
  readonly _tag: 'ChangeRiskNotAssessed';
  readonly changeId: string;
}

/** Authorisation (and a standard change's scheduling) needs a planned start and end. */
export interface ChangeNotPlanned {
  readonly _tag: 'ChangeNotPlanned';
  readonly changeId: string;
}

/** The planned end is not after the planned start. */
export interface ChangePlannedWindowInvalid {
  readonly _tag: 'ChangePlannedWindowInvalid';
  readonly changeId: string;
  readonly plannedStart: string;
  readonly plannedEnd: string;
}

/** A non-emergency change may not be planned inside a blackout window. */
export interface ChangeInBlackoutWindow {
  readonly _tag: 'ChangeInBlackoutWindow';
  readonly changeId: string;
  readonly windows: readonly string[];
}

/** An emergency change inside a blackout window needs an override reason. */
export interface EmergencyChangeBlackoutOverrideRequired {
  readonly _tag: 'EmergencyChangeBlackoutOverrideRequired';
  readonly changeId: string;
  readonly windows: readonly string[];
}

/** The group is not one whose approval this change requires. */
export interface ChangeApprovalGroupNotRequired {
  readonly _tag: 'ChangeApprovalGroupNotRequired';
  readonly changeId: string;
  readonly group: string;
  readonly requiredGroups: readonly string[];
}

/** The approver is not a member of the group they approve for. */
export interface ChangeApproverNotInGroup {
  readonly _tag: 'ChangeApproverNotInGroup';
  readonly changeId: string;
  readonly approver: string;
  readonly group: string;
}

/** The approver already approved this round (one person counts once, for one group). */
export interface ChangeApproverAlreadyDecided {
  readonly _tag: 'ChangeApproverAlreadyDecided';
  readonly changeId: string;
  readonly approver: string;
}

/** Segregation of duties: the requester never approves their own change. */
export interface ChangeRequesterCannotApprove {
  readonly _tag: 'ChangeRequesterCannotApprove';
  readonly changeId: string;
  readonly actor: string;
  readonly rule: 'requester-approves';
}

/** Segregation of duties: the implementer never approves the change they implement. */
export interface ChangeImplementerCannotApprove {
  readonly _tag: 'ChangeImplementerCannotApprove';
  readonly changeId: string;
  readonly actor: string;
  readonly rule: 'implementer-approves';
}

/** Segregation of duties: an approver never implements the change they approved. */
export interface ChangeApproverCannotImplement {
  readonly _tag: 'ChangeApproverCannotImplement';
  readonly changeId: string;
  /** The user who approved and would implement. */
  readonly actor: string;
  readonly rule: 'approver-implements';
}

/** The three segregation-of-duties refusals; each can be recorded for the audit trail. */
export type ChangeSegregationViolation =
  ChangeRequesterCannotApprove | ChangeImplementerCannotApprove | ChangeApproverCannotImplement;

/** The approvals the risk requires are not all in (a guard; the lifecycle already prevents it). */
export interface ChangeApprovalsIncomplete {
  readonly _tag: 'ChangeApprovalsIncomplete';
  readonly changeId: string;
  readonly missing: readonly { readonly group: string; readonly needed: number; readonly given: number }[];
}

/** Someone other than the assigned implementer tried to implement or report the outcome. */
export interface ChangeImplementerMismatch {
  readonly _tag: 'ChangeImplementerMismatch';
  readonly changeId: string;
  /** The implementer on record, if any. */
  readonly implementer?: string;
  readonly actor: string;
}

/** Failed and emergency changes need a post-implementation review before closing. */
export interface ChangeReviewRequired {
  readonly _tag: 'ChangeReviewRequired';
  readonly changeId: string;
  readonly reason: 'failed' | 'backed-out' | 'emergency';
}

/** The post-implementation review is already recorded. */
export interface ChangeAlreadyReviewed {
  readonly _tag: 'ChangeAlreadyReviewed';
  readonly changeId: string;
}

/** An emergency change closes only after its retrospective approval is recorded. */
export interface ChangeRetrospectiveApprovalRequired {
  readonly _tag: 'ChangeRetrospectiveApprovalRequired';
  readonly changeId: string;
  readonly group: string;
}

/** The retrospective approval is already recorded. */
export interface ChangeAlreadyApprovedRetrospectively {
  readonly _tag: 'ChangeAlreadyApprovedRetrospectively';
  readonly changeId: string;
}

/** A change cannot conflict with itself. */
export interface ChangeConflictWithItself {
  readonly _tag: 'ChangeConflictWithItself';
  readonly changeId: string;
}

/** A conflict warning's overlap ends before it starts. */
export interface ChangeConflictOverlapInvalid {
  readonly _tag: 'ChangeConflictOverlapInvalid';
  readonly changeId: string;
}

/** The risk level an override would set is the level already assessed. */
export interface ChangeRiskOverrideUnchanged {
  readonly _tag: 'ChangeRiskOverrideUnchanged';
  readonly changeId: string;
  readonly riskLevel: RiskLevel;
}

/** The recorded segregation violation names a rule that does not match its command. */
export interface ChangeSegregationRecordInconsistent {
  readonly _tag: 'ChangeSegregationRecordInconsistent';
  readonly changeId: string;
  readonly rule: SegregationRule;
  readonly attemptedCommand: string;
}

/** Every reason a change command is refused. */
export type ChangeError =
  | CommandNotAuthorized
  | ChangeAlreadyRequested
  | ChangeNotFound
  | ChangeAlreadyFinished
  | ChangeTransitionNotAllowed
  | ChangeStepNotInLifecycle
  | StandardChangeTemplateRequired
  | StandardChangeTemplateNotApproved
  | StandardChangeTemplateNotAllowed
  | ChangeRiskAnswerInvalid
  | ChangeRiskAnswersMissing
  | ChangeRiskOverrideNotAuthorized
  | ChangeRiskOverrideUnchanged
  | ChangeRiskNotAssessed
  | ChangeNotPlanned
  | ChangePlannedWindowInvalid
  | ChangeInBlackoutWindow
  | EmergencyChangeBlackoutOverrideRequired
  | ChangeApprovalGroupNotRequired
  | ChangeApproverNotInGroup
  | ChangeApproverAlreadyDecided
  | ChangeSegregationViolation
  | ChangeApprovalsIncomplete
  | ChangeImplementerMismatch
  | ChangeReviewRequired
  | ChangeAlreadyReviewed
  | ChangeRetrospectiveApprovalRequired
  | ChangeAlreadyApprovedRetrospectively
  | ChangeConflictWithItself
  | ChangeConflictOverlapInvalid
  | ChangeSegregationRecordInconsistent;

/** The tag of every change error. */
export type ChangeErrorTag = ChangeError['_tag'];
