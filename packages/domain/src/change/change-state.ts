/**
 * The change's state, folded from its events by {@link evolveChange}: the
 * lifecycle status and everything the rules read — requester, risk, plan,
 * required approvals and those given this round, everyone who ever approved
 * (for segregation of duties), implementer, outcome and review.
 *
 * @module
 */
import type { ChangeId, ConfigurationItemId, GroupId, StandardChangeTemplateId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/instant.js';
import type { ShortText } from '../shared/text.js';
import type { ChangeType, ImplementationOutcome, RiskLevel } from './change-commands.js';
import type { ApprovalRequirement, ChangeEvent } from './change-events.js';

/** The statuses of a change's lifecycle (not every type visits every status). */
export type ChangeStatus =
  'New' | 'Assess' | 'Authorize' | 'Scheduled' | 'Implement' | 'Review' | 'Closed' | 'Cancelled';

/** One approval given in the current authorisation round. */
export interface GivenApproval {
  readonly group: GroupId;
  readonly approver: UserId;
  readonly at: Instant;
}

/** The recorded risk assessment. */
export interface ChangeRisk {
  readonly score: number;
  readonly assessedRiskLevel: RiskLevel;
  /** The effective level (the override's, when overridden). */
  readonly riskLevel: RiskLevel;
  readonly overrideReason?: ShortText;
}

/** A requested change. */
export interface RequestedChange {
  readonly status: ChangeStatus;
  readonly changeId: ChangeId;
  readonly changeType: ChangeType;
  readonly title: ShortText;
  readonly configurationItems: readonly ConfigurationItemId[];
  readonly requester: UserId;
  readonly requestedAt: Instant;
  readonly standardTemplateId?: StandardChangeTemplateId;
  readonly risk?: ChangeRisk;
  readonly plannedStart?: Instant;
  readonly plannedEnd?: Instant;
  /** The approvals required in the current round (empty until authorisation is requested). */
  readonly requiredApprovals: readonly ApprovalRequirement[];
  /** Approvals given in the current round; a rejection starts a new round. */
  readonly approvals: readonly GivenApproval[];
  /** Everyone who ever approved the change, in any round or retrospectively (segregation of duties). */
  readonly approvers: readonly UserId[];
  readonly authorized: boolean;
  /** How many times approvers rejected the change. */
  readonly rejections: number;
  readonly implementer?: UserId;
  readonly outcome?: ImplementationOutcome;
  readonly reviewed: boolean;
  readonly retrospectiveApprovers: readonly UserId[];
  /** Conflicts recorded, as `<conflictingChangeId> <configurationItemId>`. */
  readonly conflictWarnings: readonly string[];
  readonly segregationViolations: number;
}

/** The state of a change stream: nothing yet, or a change. */
export type ChangeState = { readonly status: 'None' } | RequestedChange;

/** The state of a change stream with no events. */
export const initialChangeState: ChangeState = { status: 'None' };

/** Whether the state holds a requested change. */
export const isRequestedChange = (state: ChangeState): state is RequestedChange => state.status !== 'None';

/** Whether a change is closed or cancelled (terminal). */
export const isFinishedChange = (change: RequestedChange): boolean =>
  change.status === 'Closed' || change.status === 'Cancelled';

/** The key a conflict warning is recorded under. */
export const conflictKeyOf = (conflictingChangeId: string, configurationItemId: string): string =>
  `${conflictingChangeId} ${configurationItemId}`;

/** Folds one change event into the state (total on every history the decider produces). */
export const evolveChange = (state: ChangeState, event: ChangeEvent): ChangeState => {
  if (event.type === 'ChangeRequested') {
    const { data } = event;
    const requested: RequestedChange = {
      status: 'New',
      changeId: data.changeId,
      changeType: data.changeType,
      title: data.title,
      configurationItems: data.configurationItems,
      requester: data.by,
      requestedAt: data.at,
      requiredApprovals: [],
      approvals: [],
      approvers: [],
      authorized: false,
      rejections: 0,
      reviewed: false,
      retrospectiveApprovers: [],
      conflictWarnings: [],
      segregationViolations: 0,
    };
    return data.standardTemplateId === undefined
      ? requested
      : { ...requested, standardTemplateId: data.standardTemplateId };
  }
  // Events other than ChangeRequested only ever follow it; an orphan is ignored rather than invented.
  if (!isRequestedChange(state)) return state;
  switch (event.type) {
    case 'ChangeAssessmentStarted':
      return { ...state, status: 'Assess' };
    case 'ChangeRiskAssessed': {
      const { score, assessedRiskLevel, riskLevel, overrideReason } = event.data;
      return {
        ...state,
        risk:
          overrideReason === undefined
            ? { score, assessedRiskLevel, riskLevel }
            : { score, assessedRiskLevel, riskLevel, overrideReason },
      };
    }
    case 'ChangePlanned':
      return { ...state, plannedStart: event.data.plannedStart, plannedEnd: event.data.plannedEnd };
    case 'ChangeAuthorizationRequested':
      return { ...state, status: 'Authorize', requiredApprovals: event.data.requiredApprovals, approvals: [] };
    case 'ChangeApproved':
      return {
        ...state,
        approvals: [...state.approvals, { group: event.data.group, approver: event.data.by, at: event.data.at }],
        approvers: state.approvers.includes(event.data.by) ? state.approvers : [...state.approvers, event.data.by],
      };
    case 'ChangeRejected':
      return { ...state, status: 'New', approvals: [], requiredApprovals: [], rejections: state.rejections + 1 };
    case 'ChangeAuthorized':
      return { ...state, authorized: true };
    case 'ChangeScheduled':
      return {
        ...state,
        status: 'Scheduled',
        plannedStart: event.data.plannedStart,
        plannedEnd: event.data.plannedEnd,
      };
    case 'ChangeImplementerAssigned':
      return { ...state, implementer: event.data.implementer };
    case 'ChangeImplementationStarted':
      return { ...state, status: 'Implement', implementer: event.data.implementer };
    case 'ChangeImplemented':
      return { ...state, status: 'Review', outcome: event.data.outcome };
    case 'ChangeReviewed':
      return { ...state, reviewed: true };
    case 'ChangeRetrospectivelyApproved':
      return {
        ...state,
        retrospectiveApprovers: [...state.retrospectiveApprovers, event.data.by],
        approvers: state.approvers.includes(event.data.by) ? state.approvers : [...state.approvers, event.data.by],
      };
    case 'ChangeClosed':
      return { ...state, status: 'Closed' };
    case 'ChangeCancelled':
      return { ...state, status: 'Cancelled' };
    case 'ChangeConflictWarningRecorded':
      return {
        ...state,
        conflictWarnings: [
          ...state.conflictWarnings,
          conflictKeyOf(event.data.conflictingChangeId, event.data.configurationItemId),
        ],
      };
    case 'ChangeSegregationViolationRecorded':
      return { ...state, segregationViolations: state.segregationViolations + 1 };
  }
};
