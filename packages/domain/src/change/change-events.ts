/**
 * Change events: io-ts codecs for each event's data and the union. Every
 * event's data carries the change id, `at` (when, from the command's
 * metadata) and `by` (who). The approvals a change needs are recorded when
 * authorisation is requested, so a later policy change never rewrites what a
 * past change required. Events are never renamed; a new shape is a new schema
 * version with an upcaster in {@link changeEventSchemas}.
 *
 * @module
 */
import * as t from 'io-ts';
import type { EventSchema } from '@itsm/event-store';
import { messageUnion } from '../shared/message-codec.js';
import { eventSchemasOf } from '../shared/event-schemas.js';
import { ChangeId, ConfigurationItemId, GroupId, StandardChangeTemplateId, UserId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { LongText, ShortText } from '../shared/text.js';
import { ChangeType, ImplementationOutcome, RiskAnswer, RiskLevel, SegregationRule } from './change-commands.js';
import { eventCodec } from '../shared/message-envelope.js';

/** A positive whole number: how many distinct approvers of a group must approve (codec and type). */
export const Quorum = t.brand(
  t.number,
  (value): value is t.Branded<number, { readonly Quorum: unique symbol }> =>
    Number.isInteger(value) && value >= 1 && value <= 50,
  'Quorum',
);
/** How many distinct approvers of a group must approve (1–50). */
export type Quorum = t.TypeOf<typeof Quorum>;

/** One approver group whose quorum a change needs (codec and type). */
export const ApprovalRequirement = t.readonly(
  t.exact(t.type({ group: GroupId, quorum: Quorum })),
  'ApprovalRequirement',
);
/** One approver group whose quorum a change needs. */
export type ApprovalRequirement = t.TypeOf<typeof ApprovalRequirement>;

/** A blackout window overridden by an emergency change, and why (codec and type). */
export const BlackoutOverride = t.readonly(
  t.exact(t.type({ windows: t.readonlyArray(ShortText), reason: ShortText })),
  'BlackoutOverride',
);
/** A blackout override recorded on an emergency change. */
export type BlackoutOverride = t.TypeOf<typeof BlackoutOverride>;

const recorded = { changeId: ChangeId, at: Instant, by: UserId };

const eventData = <P extends t.Props, O extends t.Props>(name: string, required: P, optional: O) =>
  t.readonly(t.exact(t.intersection([t.type({ ...recorded, ...required }), t.partial(optional)])), name);

/** Data of {@link ChangeRequested}; `by` is the requester (codec and type). */
export const ChangeRequestedData = eventData(
  'ChangeRequestedData',
  {
    changeType: ChangeType,
    title: ShortText,
    description: LongText,
    configurationItems: t.readonlyArray(ConfigurationItemId),
  },
  { justification: LongText, standardTemplateId: StandardChangeTemplateId },
);
/** Data of {@link ChangeRequested}. */
export type ChangeRequestedData = t.TypeOf<typeof ChangeRequestedData>;
/** A change was requested (event codec and type). */
export const ChangeRequested = eventCodec('ChangeRequested', ChangeRequestedData);
/** A change was requested. */
export type ChangeRequested = t.TypeOf<typeof ChangeRequested>;

/** Data of events that carry only who and when (codec and type). */
export const ChangeFactData = eventData('ChangeFactData', {}, {});
/** Data of events that carry only who and when. */
export type ChangeFactData = t.TypeOf<typeof ChangeFactData>;

/** A normal change moved into assessment (event codec and type). */
export const ChangeAssessmentStarted = eventCodec('ChangeAssessmentStarted', ChangeFactData);
/** A normal change moved into assessment. */
export type ChangeAssessmentStarted = t.TypeOf<typeof ChangeAssessmentStarted>;

/** Data of {@link ChangeRiskAssessed}: the answers, score, computed and effective level (codec and type). */
export const ChangeRiskAssessedData = eventData(
  'ChangeRiskAssessedData',
  { answers: t.readonlyArray(RiskAnswer), score: t.number, assessedRiskLevel: RiskLevel, riskLevel: RiskLevel },
  { overrideReason: ShortText },
);
/** Data of {@link ChangeRiskAssessed}. */
export type ChangeRiskAssessedData = t.TypeOf<typeof ChangeRiskAssessedData>;
/** The change's risk was assessed (and possibly overridden) (event codec and type). */
export const ChangeRiskAssessed = eventCodec('ChangeRiskAssessed', ChangeRiskAssessedData);
/** The change's risk was assessed. */
export type ChangeRiskAssessed = t.TypeOf<typeof ChangeRiskAssessed>;

/** Data of {@link ChangePlanned} (codec and type). */
export const ChangePlannedData = eventData(
  'ChangePlannedData',
  { plannedStart: Instant, plannedEnd: Instant },
  { blackoutOverride: BlackoutOverride },
);
/** Data of {@link ChangePlanned}. */
export type ChangePlannedData = t.TypeOf<typeof ChangePlannedData>;
/** The planned start and end were set, with any blackout override (event codec and type). */
export const ChangePlanned = eventCodec('ChangePlanned', ChangePlannedData);
/** The planned start and end were set. */
export type ChangePlanned = t.TypeOf<typeof ChangePlanned>;

/** Data of {@link ChangeAuthorizationRequested}: the approvals required, fixed for this round (codec and type). */
export const ChangeAuthorizationRequestedData = eventData(
  'ChangeAuthorizationRequestedData',
  { requiredApprovals: t.readonlyArray(ApprovalRequirement) },
  { riskLevel: RiskLevel },
);
/** Data of {@link ChangeAuthorizationRequested}. */
export type ChangeAuthorizationRequestedData = t.TypeOf<typeof ChangeAuthorizationRequestedData>;
/** Authorisation was requested from the approver groups (event codec and type). */
export const ChangeAuthorizationRequested = eventCodec(
  'ChangeAuthorizationRequested',
  ChangeAuthorizationRequestedData,
);
/** Authorisation was requested. */
export type ChangeAuthorizationRequested = t.TypeOf<typeof ChangeAuthorizationRequested>;

/** Data of {@link ChangeApproved} and {@link ChangeRejected}; `by` is the approver (codec and type). */
export const ChangeDecisionRecordedData = eventData(
  'ChangeDecisionRecordedData',
  { group: GroupId, comment: LongText },
  {},
);
/** Data of {@link ChangeApproved} and {@link ChangeRejected}. */
export type ChangeDecisionRecordedData = t.TypeOf<typeof ChangeDecisionRecordedData>;
/** An approver approved for a group (event codec and type). */
export const ChangeApproved = eventCodec('ChangeApproved', ChangeDecisionRecordedData);
/** An approver approved for a group. */
export type ChangeApproved = t.TypeOf<typeof ChangeApproved>;
/** An approver rejected for a group; the change returned to New (event codec and type). */
export const ChangeRejected = eventCodec('ChangeRejected', ChangeDecisionRecordedData);
/** An approver rejected; the change returned to New. */
export type ChangeRejected = t.TypeOf<typeof ChangeRejected>;

/** Data of {@link ChangeAuthorized}: the approvers who made each quorum (codec and type). */
export const ChangeAuthorizedData = eventData(
  'ChangeAuthorizedData',
  { approvals: t.readonlyArray(t.readonly(t.exact(t.type({ group: GroupId, approvers: t.readonlyArray(UserId) })))) },
  {},
);
/** Data of {@link ChangeAuthorized}. */
export type ChangeAuthorizedData = t.TypeOf<typeof ChangeAuthorizedData>;
/** Every required quorum was reached (event codec and type). */
export const ChangeAuthorized = eventCodec('ChangeAuthorized', ChangeAuthorizedData);
/** Every required quorum was reached. */
export type ChangeAuthorized = t.TypeOf<typeof ChangeAuthorized>;

/** Data of {@link ChangeScheduled} (codec and type). */
export const ChangeScheduledData = eventData('ChangeScheduledData', { plannedStart: Instant, plannedEnd: Instant }, {});
/** Data of {@link ChangeScheduled}. */
export type ChangeScheduledData = t.TypeOf<typeof ChangeScheduledData>;
/** The change is scheduled for its planned window (event codec and type). */
export const ChangeScheduled = eventCodec('ChangeScheduled', ChangeScheduledData);
/** The change is scheduled. */
export type ChangeScheduled = t.TypeOf<typeof ChangeScheduled>;

/** Data of {@link ChangeImplementerAssigned} (codec and type). */
export const ChangeImplementerAssignedData = eventData('ChangeImplementerAssignedData', { implementer: UserId }, {});
/** Data of {@link ChangeImplementerAssigned}. */
export type ChangeImplementerAssignedData = t.TypeOf<typeof ChangeImplementerAssignedData>;
/** The implementer was named (event codec and type). */
export const ChangeImplementerAssigned = eventCodec('ChangeImplementerAssigned', ChangeImplementerAssignedData);
/** The implementer was named. */
export type ChangeImplementerAssigned = t.TypeOf<typeof ChangeImplementerAssigned>;

/** Data of {@link ChangeImplementationStarted} (codec and type). */
export const ChangeImplementationStartedData = eventData(
  'ChangeImplementationStartedData',
  { implementer: UserId },
  {},
);
/** Data of {@link ChangeImplementationStarted}. */
export type ChangeImplementationStartedData = t.TypeOf<typeof ChangeImplementationStartedData>;
/** Implementation started (event codec and type). */
export const ChangeImplementationStarted = eventCodec('ChangeImplementationStarted', ChangeImplementationStartedData);
/** Implementation started. */
export type ChangeImplementationStarted = t.TypeOf<typeof ChangeImplementationStarted>;

/** Data of {@link ChangeImplemented} (codec and type). */
export const ChangeImplementedData = eventData(
  'ChangeImplementedData',
  { outcome: ImplementationOutcome, notes: LongText },
  {},
);
/** Data of {@link ChangeImplemented}. */
export type ChangeImplementedData = t.TypeOf<typeof ChangeImplementedData>;
/** The implementation ended with an outcome; the change is in Review (event codec and type). */
export const ChangeImplemented = eventCodec('ChangeImplemented', ChangeImplementedData);
/** The implementation ended with an outcome. */
export type ChangeImplemented = t.TypeOf<typeof ChangeImplemented>;

/** Data of {@link ChangeReviewed} (codec and type). */
export const ChangeReviewedData = eventData('ChangeReviewedData', { findings: LongText, objectivesMet: t.boolean }, {});
/** Data of {@link ChangeReviewed}. */
export type ChangeReviewedData = t.TypeOf<typeof ChangeReviewedData>;
/** The post-implementation review was recorded (event codec and type). */
export const ChangeReviewed = eventCodec('ChangeReviewed', ChangeReviewedData);
/** The post-implementation review was recorded. */
export type ChangeReviewed = t.TypeOf<typeof ChangeReviewed>;

/** Data of {@link ChangeRetrospectivelyApproved} (codec and type). */
export const ChangeRetrospectivelyApprovedData = eventData(
  'ChangeRetrospectivelyApprovedData',
  { group: GroupId, comment: LongText },
  {},
);
/** Data of {@link ChangeRetrospectivelyApproved}. */
export type ChangeRetrospectivelyApprovedData = t.TypeOf<typeof ChangeRetrospectivelyApprovedData>;
/** An emergency change was approved after the fact (event codec and type). */
export const ChangeRetrospectivelyApproved = eventCodec(
  'ChangeRetrospectivelyApproved',
  ChangeRetrospectivelyApprovedData,
);
/** An emergency change was approved after the fact. */
export type ChangeRetrospectivelyApproved = t.TypeOf<typeof ChangeRetrospectivelyApproved>;

/** Data of {@link ChangeClosed} (codec and type). */
export const ChangeClosedData = eventData(
  'ChangeClosedData',
  { outcome: ImplementationOutcome, closureNotes: LongText },
  {},
);
/** Data of {@link ChangeClosed}. */
export type ChangeClosedData = t.TypeOf<typeof ChangeClosedData>;
/** The change was closed; closed is terminal (event codec and type). */
export const ChangeClosed = eventCodec('ChangeClosed', ChangeClosedData);
/** The change was closed. */
export type ChangeClosed = t.TypeOf<typeof ChangeClosed>;

/** Data of {@link ChangeCancelled} (codec and type). */
export const ChangeCancelledData = eventData('ChangeCancelledData', { reason: ShortText }, {});
/** Data of {@link ChangeCancelled}. */
export type ChangeCancelledData = t.TypeOf<typeof ChangeCancelledData>;
/** The change was cancelled; cancelled is terminal (event codec and type). */
export const ChangeCancelled = eventCodec('ChangeCancelled', ChangeCancelledData);
/** The change was cancelled. */
export type ChangeCancelled = t.TypeOf<typeof ChangeCancelled>;

/** Data of {@link ChangeConflictWarningRecorded} (codec and type). */
export const ChangeConflictWarningRecordedData = eventData(
  'ChangeConflictWarningRecordedData',
  {
    conflictingChangeId: ChangeId,
    configurationItemId: ConfigurationItemId,
    overlapStart: Instant,
    overlapEnd: Instant,
  },
  {},
);
/** Data of {@link ChangeConflictWarningRecorded}. */
export type ChangeConflictWarningRecordedData = t.TypeOf<typeof ChangeConflictWarningRecordedData>;
/** Another change touches the same CI at an overlapping time (event codec and type). */
export const ChangeConflictWarningRecorded = eventCodec(
  'ChangeConflictWarningRecorded',
  ChangeConflictWarningRecordedData,
);
/** A schedule conflict warning was recorded. */
export type ChangeConflictWarningRecorded = t.TypeOf<typeof ChangeConflictWarningRecorded>;

/** Data of {@link ChangeSegregationViolationRecorded}; `by` recorded it, `attemptedBy` attempted it (codec and type). */
export const ChangeSegregationViolationRecordedData = eventData(
  'ChangeSegregationViolationRecordedData',
  { attemptedCommand: ShortText, attemptedBy: UserId, rule: SegregationRule, attemptedAt: Instant },
  {},
);
/** Data of {@link ChangeSegregationViolationRecorded}. */
export type ChangeSegregationViolationRecordedData = t.TypeOf<typeof ChangeSegregationViolationRecordedData>;
/** A refused segregation-of-duties violation was recorded for the audit trail (event codec and type). */
export const ChangeSegregationViolationRecorded = eventCodec(
  'ChangeSegregationViolationRecorded',
  ChangeSegregationViolationRecordedData,
);
/** A refused segregation-of-duties violation was recorded. */
export type ChangeSegregationViolationRecorded = t.TypeOf<typeof ChangeSegregationViolationRecorded>;

/** Every change event, dispatched on `type` (codec and type). */
export const ChangeEvent = messageUnion('ChangeEvent', {
  ChangeRequested,
  ChangeAssessmentStarted,
  ChangeRiskAssessed,
  ChangePlanned,
  ChangeAuthorizationRequested,
  ChangeApproved,
  ChangeRejected,
  ChangeAuthorized,
  ChangeScheduled,
  ChangeImplementerAssigned,
  ChangeImplementationStarted,
  ChangeImplemented,
  ChangeReviewed,
  ChangeRetrospectivelyApproved,
  ChangeClosed,
  ChangeCancelled,
  ChangeConflictWarningRecorded,
  ChangeSegregationViolationRecorded,
});
/** Every change event. */
export type ChangeEvent = t.TypeOf<typeof ChangeEvent>;
/** The name of a change event. */
export type ChangeEventType = ChangeEvent['type'];

/** Registry entries for every change event type (all at schema version 1). */
export const changeEventSchemas: readonly EventSchema[] = eventSchemasOf({
  ChangeRequested: { codec: ChangeRequestedData },
  ChangeAssessmentStarted: { codec: ChangeFactData },
  ChangeRiskAssessed: { codec: ChangeRiskAssessedData },
  ChangePlanned: { codec: ChangePlannedData },
  ChangeAuthorizationRequested: { codec: ChangeAuthorizationRequestedData },
  ChangeApproved: { codec: ChangeDecisionRecordedData },
  ChangeRejected: { codec: ChangeDecisionRecordedData },
  ChangeAuthorized: { codec: ChangeAuthorizedData },
  ChangeScheduled: { codec: ChangeScheduledData },
  ChangeImplementerAssigned: { codec: ChangeImplementerAssignedData },
  ChangeImplementationStarted: { codec: ChangeImplementationStartedData },
  ChangeImplemented: { codec: ChangeImplementedData },
  ChangeReviewed: { codec: ChangeReviewedData },
  ChangeRetrospectivelyApproved: { codec: ChangeRetrospectivelyApprovedData },
  ChangeClosed: { codec: ChangeClosedData },
  ChangeCancelled: { codec: ChangeCancelledData },
  ChangeConflictWarningRecorded: { codec: ChangeConflictWarningRecordedData },
  ChangeSegregationViolationRecorded: { codec: ChangeSegregationViolationRecordedData },
});
