/**
 * The change policy: configurable defaults as data — who may issue each
 * command, the risk questionnaire, which approver groups (and quorums) each
 * risk level and emergency changes require, who approves emergency changes
 * retrospectively, and the blackout windows. Override any part with a spread
 * and pass it to `createChangeDecider`.
 *
 * Limits: blackout windows are read from the policy the decider was built
 * with; an application whose freeze calendar changes builds a decider with
 * the current windows (the windows a change overrode are recorded in its
 * events, so history never depends on today's policy).
 *
 * @module
 */
import type { AuthorizationRules } from '../shared/authorization.js';
import { GroupId } from '../shared/ids.js';
import type { ChangeCommandType, RiskLevel } from './change-commands.js';
import { Quorum, type ApprovalRequirement } from './change-events.js';
import { defaultRiskQuestionnaire, type RiskQuestionnaire } from './change-risk.js';
import type { BlackoutWindow } from './change-schedule.js';

/** What a change decider is configured with. */
export interface ChangePolicy {
  /** Which roles may issue each command. */
  readonly authorization: AuthorizationRules<ChangeCommandType>;
  /** The risk questionnaire and its thresholds. */
  readonly riskQuestionnaire: RiskQuestionnaire;
  /** The approver groups and quorums a normal change of each risk level needs. */
  readonly approvalsByRisk: Readonly<Record<RiskLevel, readonly ApprovalRequirement[]>>;
  /** The approver groups and quorums an emergency change needs before implementation. */
  readonly emergencyApprovals: readonly ApprovalRequirement[];
  /** The group (and quorum) that approves an emergency change after the fact, before it closes. */
  readonly retrospectiveApproval: ApprovalRequirement;
  /** Freeze windows: non-emergency changes may not be planned inside them. */
  readonly blackoutWindows: readonly BlackoutWindow[];
}

/** Builds an approval requirement from literals; refuses invalid ones at configuration time. */
export const approvalRequirement = (group: string, quorum: number): ApprovalRequirement => {
  if (!GroupId.is(group)) throw new Error(`approval requirement: "${group}" is not a valid group id`);
  if (!Quorum.is(quorum)) throw new Error(`approval requirement: quorum ${quorum} must be a whole number from 1 to 50`);
  return { group, quorum };
};

/** The default authorization rules for change commands. */
export const defaultChangeAuthorization: AuthorizationRules<ChangeCommandType> = {
  RequestChange: ['change-implementer', 'change-manager', 'resolver', 'problem-manager'],
  SubmitChangeForAssessment: ['change-implementer', 'change-manager', 'resolver', 'problem-manager'],
  AssessChangeRisk: ['change-manager', 'change-implementer'],
  PlanChange: ['change-manager', 'change-implementer'],
  RequestChangeAuthorization: ['change-manager', 'change-implementer'],
  ApproveChange: ['change-manager', 'cab-member', 'emergency-cab-member'],
  RejectChange: ['change-manager', 'cab-member', 'emergency-cab-member'],
  AssignChangeImplementer: ['change-manager'],
  StartChangeImplementation: ['change-implementer'],
  RecordChangeImplementationOutcome: ['change-implementer', 'change-manager'],
  RecordPostImplementationReview: ['change-manager'],
  ApproveEmergencyChangeRetrospectively: ['change-manager', 'cab-member'],
  CloseChange: ['change-manager'],
  CancelChange: ['change-manager', 'change-implementer'],
  RecordChangeConflictWarning: ['process', 'change-manager'],
  RecordChangeSegregationViolation: ['process', 'change-manager'],
};

/**
 * The default change policy: low risk needs one change manager; medium a
 * change manager and one CAB member; high a change manager and two CAB
 * members; emergency changes one emergency CAB member, and one CAB member
 * retrospectively. No blackout windows.
 */
export const defaultChangePolicy: ChangePolicy = {
  authorization: defaultChangeAuthorization,
  riskQuestionnaire: defaultRiskQuestionnaire,
  approvalsByRisk: {
    low: [approvalRequirement('change-managers', 1)],
    medium: [approvalRequirement('change-managers', 1), approvalRequirement('cab', 1)],
    high: [approvalRequirement('change-managers', 1), approvalRequirement('cab', 2)],
  },
  emergencyApprovals: [approvalRequirement('ecab', 1)],
  retrospectiveApproval: approvalRequirement('cab', 1),
  blackoutWindows: [],
};
