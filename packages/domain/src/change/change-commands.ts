/**
 * Change commands: io-ts codecs for each command's data and the union of
 * every change command. Unknown fields in the data are stripped; malformed
 * input is refused with path-level messages by `decodeInput`.
 *
 * Limits: facts the application checked arrive in the data and are not looked
 * up here — whether a standard-change template is approved
 * (`standardTemplate.approved`), the groups an approver belongs to (the
 * actor's `groups`), and the overlap behind a conflict warning. The decider
 * refuses inconsistent facts; it cannot detect misreported ones.
 *
 * @module
 */
import * as t from 'io-ts';
import { messageUnion } from '../shared/message-codec.js';
import { ChangeId, ConfigurationItemId, GroupId, StandardChangeTemplateId, UserId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { LongText, ShortText } from '../shared/text.js';
import { commandCodec } from '../shared/message-envelope.js';

/** Standard (pre-authorised template), normal (assessed and authorised) or emergency (codec and type). */
export const ChangeType = t.keyof({ standard: null, normal: null, emergency: null }, 'ChangeType');
/** The type of a change. */
export type ChangeType = t.TypeOf<typeof ChangeType>;

/** The risk level a risk assessment arrives at (codec and type). */
export const RiskLevel = t.keyof({ low: null, medium: null, high: null }, 'RiskLevel');
/** A risk level. */
export type RiskLevel = t.TypeOf<typeof RiskLevel>;

/** How an implementation went (codec and type). */
export const ImplementationOutcome = t.keyof(
  { successful: null, failed: null, 'backed-out': null },
  'ImplementationOutcome',
);
/** How an implementation went. */
export type ImplementationOutcome = t.TypeOf<typeof ImplementationOutcome>;

/** The segregation-of-duties rules the decider enforces (codec and type). */
export const SegregationRule = t.keyof(
  { 'requester-approves': null, 'implementer-approves': null, 'approver-implements': null },
  'SegregationRule',
);
/** A segregation-of-duties rule. */
export type SegregationRule = t.TypeOf<typeof SegregationRule>;

/** The standard-change template a standard change uses, with the application's finding that it is approved (codec and type). */
export const StandardTemplateReference = t.readonly(
  t.exact(t.type({ templateId: StandardChangeTemplateId, approved: t.boolean })),
  'StandardTemplateReference',
);
/** The standard-change template a standard change uses. */
export type StandardTemplateReference = t.TypeOf<typeof StandardTemplateReference>;

/** One answer to the risk questionnaire: a question id and the id of the chosen answer (codec and type). */
export const RiskAnswer = t.readonly(t.exact(t.type({ questionId: ShortText, answerId: ShortText })), 'RiskAnswer');
/** One answer to the risk questionnaire. */
export type RiskAnswer = t.TypeOf<typeof RiskAnswer>;

/** A change manager's override of the computed risk level, with the reason (codec and type). */
export const RiskOverride = t.readonly(t.exact(t.type({ riskLevel: RiskLevel, reason: ShortText })), 'RiskOverride');
/** An override of the computed risk level. */
export type RiskOverride = t.TypeOf<typeof RiskOverride>;

const commandData = <P extends t.Props, O extends t.Props>(name: string, required: P, optional: O) =>
  t.readonly(t.exact(t.intersection([t.type({ changeId: ChangeId, ...required }), t.partial(optional)])), name);

/** Data of {@link RequestChange}; standard changes name their template (codec and type). */
export const RequestChangeData = commandData(
  'RequestChangeData',
  {
    changeType: ChangeType,
    title: ShortText,
    description: LongText,
    configurationItems: t.readonlyArray(ConfigurationItemId),
  },
  { justification: LongText, standardTemplate: StandardTemplateReference },
);
/** Data of {@link RequestChange}. */
export type RequestChangeData = t.TypeOf<typeof RequestChangeData>;
/** Requests a change; the actor is its requester (command codec and type). */
export const RequestChange = commandCodec('RequestChange', RequestChangeData);
/** Requests a change. */
export type RequestChange = t.TypeOf<typeof RequestChange>;

/** Data of the commands that only name the change (codec and type). */
export const ChangeRefData = commandData('ChangeRefData', {}, {});
/** Data of the commands that only name the change. */
export type ChangeRefData = t.TypeOf<typeof ChangeRefData>;

/** Moves a new normal change into assessment (command codec and type). */
export const SubmitChangeForAssessment = commandCodec('SubmitChangeForAssessment', ChangeRefData);
/** Moves a new normal change into assessment. */
export type SubmitChangeForAssessment = t.TypeOf<typeof SubmitChangeForAssessment>;

/** Data of {@link AssessChangeRisk}: the questionnaire's answers and an optional override (codec and type). */
export const AssessChangeRiskData = commandData(
  'AssessChangeRiskData',
  { answers: t.readonlyArray(RiskAnswer) },
  { override: RiskOverride },
);
/** Data of {@link AssessChangeRisk}. */
export type AssessChangeRiskData = t.TypeOf<typeof AssessChangeRiskData>;
/** Assesses a change's risk from the questionnaire (command codec and type). */
export const AssessChangeRisk = commandCodec('AssessChangeRisk', AssessChangeRiskData);
/** Assesses a change's risk. */
export type AssessChangeRisk = t.TypeOf<typeof AssessChangeRisk>;

/** Data of {@link PlanChange}; an emergency change inside a blackout window needs the override reason (codec and type). */
export const PlanChangeData = commandData(
  'PlanChangeData',
  { plannedStart: Instant, plannedEnd: Instant },
  { blackoutOverrideReason: ShortText },
);
/** Data of {@link PlanChange}. */
export type PlanChangeData = t.TypeOf<typeof PlanChangeData>;
/** Sets the planned start and end; a standard change is scheduled by it (command codec and type). */
export const PlanChange = commandCodec('PlanChange', PlanChangeData);
/** Sets the planned start and end. */
export type PlanChange = t.TypeOf<typeof PlanChange>;

/** Asks the approvers the risk (or emergency) requires to authorise the change (command codec and type). */
export const RequestChangeAuthorization = commandCodec('RequestChangeAuthorization', ChangeRefData);
/** Asks the approvers to authorise the change. */
export type RequestChangeAuthorization = t.TypeOf<typeof RequestChangeAuthorization>;

/** Data of {@link ApproveChange} and {@link RejectChange}: the group the approver speaks for and a comment (codec and type). */
export const ChangeDecisionData = commandData('ChangeDecisionData', { group: GroupId, comment: LongText }, {});
/** Data of {@link ApproveChange} and {@link RejectChange}. */
export type ChangeDecisionData = t.TypeOf<typeof ChangeDecisionData>;
/** Approves the change for one approver group (command codec and type). */
export const ApproveChange = commandCodec('ApproveChange', ChangeDecisionData);
/** Approves the change for one approver group. */
export type ApproveChange = t.TypeOf<typeof ApproveChange>;
/** Rejects the change for one approver group; it returns to New (command codec and type). */
export const RejectChange = commandCodec('RejectChange', ChangeDecisionData);
/** Rejects the change; it returns to New. */
export type RejectChange = t.TypeOf<typeof RejectChange>;

/** Data of {@link AssignChangeImplementer} (codec and type). */
export const AssignChangeImplementerData = commandData('AssignChangeImplementerData', { implementer: UserId }, {});
/** Data of {@link AssignChangeImplementer}. */
export type AssignChangeImplementerData = t.TypeOf<typeof AssignChangeImplementerData>;
/** Names who will implement the change (command codec and type). */
export const AssignChangeImplementer = commandCodec('AssignChangeImplementer', AssignChangeImplementerData);
/** Names who will implement the change. */
export type AssignChangeImplementer = t.TypeOf<typeof AssignChangeImplementer>;

/** The implementer starts implementing a scheduled change (command codec and type). */
export const StartChangeImplementation = commandCodec('StartChangeImplementation', ChangeRefData);
/** Starts implementing a scheduled change. */
export type StartChangeImplementation = t.TypeOf<typeof StartChangeImplementation>;

/** Data of {@link RecordChangeImplementationOutcome} (codec and type). */
export const RecordChangeImplementationOutcomeData = commandData(
  'RecordChangeImplementationOutcomeData',
  { outcome: ImplementationOutcome, notes: LongText },
  {},
);
/** Data of {@link RecordChangeImplementationOutcome}. */
export type RecordChangeImplementationOutcomeData = t.TypeOf<typeof RecordChangeImplementationOutcomeData>;
/** Records how the implementation went; the change moves to Review (command codec and type). */
export const RecordChangeImplementationOutcome = commandCodec(
  'RecordChangeImplementationOutcome',
  RecordChangeImplementationOutcomeData,
);
/** Records how the implementation went. */
export type RecordChangeImplementationOutcome = t.TypeOf<typeof RecordChangeImplementationOutcome>;

/** Data of {@link RecordPostImplementationReview} (codec and type). */
export const RecordPostImplementationReviewData = commandData(
  'RecordPostImplementationReviewData',
  { findings: LongText, objectivesMet: t.boolean },
  {},
);
/** Data of {@link RecordPostImplementationReview}. */
export type RecordPostImplementationReviewData = t.TypeOf<typeof RecordPostImplementationReviewData>;
/** Records the post-implementation review (command codec and type). */
export const RecordPostImplementationReview = commandCodec(
  'RecordPostImplementationReview',
  RecordPostImplementationReviewData,
);
/** Records the post-implementation review. */
export type RecordPostImplementationReview = t.TypeOf<typeof RecordPostImplementationReview>;

/** Data of {@link ApproveEmergencyChangeRetrospectively} (codec and type). */
export const ApproveEmergencyChangeRetrospectivelyData = commandData(
  'ApproveEmergencyChangeRetrospectivelyData',
  { comment: LongText },
  {},
);
/** Data of {@link ApproveEmergencyChangeRetrospectively}. */
export type ApproveEmergencyChangeRetrospectivelyData = t.TypeOf<typeof ApproveEmergencyChangeRetrospectivelyData>;
/** Records the retrospective approval of an implemented emergency change (command codec and type). */
export const ApproveEmergencyChangeRetrospectively = commandCodec(
  'ApproveEmergencyChangeRetrospectively',
  ApproveEmergencyChangeRetrospectivelyData,
);
/** Records the retrospective approval of an emergency change. */
export type ApproveEmergencyChangeRetrospectively = t.TypeOf<typeof ApproveEmergencyChangeRetrospectively>;

/** Data of {@link CloseChange} (codec and type). */
export const CloseChangeData = commandData('CloseChangeData', { closureNotes: LongText }, {});
/** Data of {@link CloseChange}. */
export type CloseChangeData = t.TypeOf<typeof CloseChangeData>;
/** Closes a reviewed change; closed is terminal (command codec and type). */
export const CloseChange = commandCodec('CloseChange', CloseChangeData);
/** Closes a change. */
export type CloseChange = t.TypeOf<typeof CloseChange>;

/** Data of {@link CancelChange} (codec and type). */
export const CancelChangeData = commandData('CancelChangeData', { reason: ShortText }, {});
/** Data of {@link CancelChange}. */
export type CancelChangeData = t.TypeOf<typeof CancelChangeData>;
/** Cancels a change before implementation; cancelled is terminal (command codec and type). */
export const CancelChange = commandCodec('CancelChange', CancelChangeData);
/** Cancels a change. */
export type CancelChange = t.TypeOf<typeof CancelChange>;

/** Data of {@link RecordChangeConflictWarning}: the other change, the shared CI and the overlap found (codec and type). */
export const RecordChangeConflictWarningData = commandData(
  'RecordChangeConflictWarningData',
  {
    conflictingChangeId: ChangeId,
    configurationItemId: ConfigurationItemId,
    overlapStart: Instant,
    overlapEnd: Instant,
  },
  {},
);
/** Data of {@link RecordChangeConflictWarning}. */
export type RecordChangeConflictWarningData = t.TypeOf<typeof RecordChangeConflictWarningData>;
/** Records on the change that another change touches the same CI at an overlapping time (command codec and type). */
export const RecordChangeConflictWarning = commandCodec('RecordChangeConflictWarning', RecordChangeConflictWarningData);
/** Records a schedule conflict warning. */
export type RecordChangeConflictWarning = t.TypeOf<typeof RecordChangeConflictWarning>;

/** Data of {@link RecordChangeSegregationViolation}: who attempted what, and the rule it broke (codec and type). */
export const RecordChangeSegregationViolationData = commandData(
  'RecordChangeSegregationViolationData',
  { attemptedCommand: ShortText, attemptedBy: UserId, rule: SegregationRule, attemptedAt: Instant },
  {},
);
/** Data of {@link RecordChangeSegregationViolation}. */
export type RecordChangeSegregationViolationData = t.TypeOf<typeof RecordChangeSegregationViolationData>;
/** Records a refused segregation-of-duties violation for the audit trail (command codec and type). */
export const RecordChangeSegregationViolation = commandCodec(
  'RecordChangeSegregationViolation',
  RecordChangeSegregationViolationData,
);
/** Records a refused segregation-of-duties violation. */
export type RecordChangeSegregationViolation = t.TypeOf<typeof RecordChangeSegregationViolation>;

/** Every change command, dispatched on `type` so errors name the fields of that command (codec and type). */
export const ChangeCommand = messageUnion('ChangeCommand', {
  RequestChange,
  SubmitChangeForAssessment,
  AssessChangeRisk,
  PlanChange,
  RequestChangeAuthorization,
  ApproveChange,
  RejectChange,
  AssignChangeImplementer,
  StartChangeImplementation,
  RecordChangeImplementationOutcome,
  RecordPostImplementationReview,
  ApproveEmergencyChangeRetrospectively,
  CloseChange,
  CancelChange,
  RecordChangeConflictWarning,
  RecordChangeSegregationViolation,
});
/** Every change command. */
export type ChangeCommand = t.TypeOf<typeof ChangeCommand>;
/** The name of a change command. */
export type ChangeCommandType = ChangeCommand['type'];
