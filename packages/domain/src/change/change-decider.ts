/**
 * The change decider: `decide` checks authorization first, then the
 * lifecycle rule of the change's type, segregation of duties, approvals and
 * schedule rules, then builds the events. Pure: no clock, no I/O; time and
 * actor come from the command's metadata, blackout windows and approval
 * rules from the policy.
 *
 * Lifecycles — standard: New → Scheduled → Implement → Review → Closed;
 * normal: New → Assess → Authorize → Scheduled → Implement → Review → Closed
 * (a rejection returns it to New); emergency: New → Authorize → Scheduled →
 * Implement → Review → Closed. Any type may be cancelled before
 * implementation starts. Closed and Cancelled are terminal: only the record
 * of a segregation-of-duties violation is still accepted.
 *
 * @module
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import { hasRole, isMemberOf } from '../shared/actor.js';
import { authorize } from '../shared/authorization.js';
import { instantToEpochMilliseconds } from '../shared/instant.js';
import type { ChangeCommand } from './change-commands.js';
import type { ChangeError } from './change-errors.js';
import type { ApprovalRequirement, ChangeEvent } from './change-events.js';
import { defaultChangePolicy, type ChangePolicy } from './change-policy.js';
import { assessRisk } from './change-risk.js';
import { blackoutWindowsHit } from './change-schedule.js';
import {
  conflictKeyOf,
  evolveChange,
  initialChangeState,
  isFinishedChange,
  isRequestedChange,
  type ChangeState,
  type ChangeStatus,
  type GivenApproval,
  type RequestedChange,
} from './change-state.js';

/** The change decider's type. */
export type ChangeDecider = Decider<ChangeCommand, ChangeEvent, ChangeState, ChangeError>;

type Decision = Either<ChangeError, readonly ChangeEvent[]>;

/** The approvals still missing for a round: per required group, how many more distinct approvers it needs. */
export const missingApprovals = (
  required: readonly ApprovalRequirement[],
  given: readonly GivenApproval[],
): readonly { readonly group: string; readonly needed: number; readonly given: number }[] =>
  required
    .map((requirement) => ({
      group: requirement.group,
      needed: requirement.quorum,
      given: new Set(
        given.filter((approval) => approval.group === requirement.group).map((approval) => approval.approver),
      ).size,
    }))
    .filter((count) => count.given < count.needed);

const beforeImplementation: readonly ChangeStatus[] = ['New', 'Assess', 'Authorize', 'Scheduled'];

/** Decides a change command against the state with a policy; refusals are values and record nothing. */
export const decideChange =
  (policy: ChangePolicy) =>
  (command: ChangeCommand, state: ChangeState): Decision => {
    const authorized = authorize(policy.authorization, command.type, command.metadata.actor);
    if (isLeft(authorized)) return authorized;
    const actor = command.metadata.actor;
    const fact = { changeId: command.data.changeId, at: command.metadata.occurredAt, by: actor.id };

    if (command.type === 'RequestChange') {
      if (isRequestedChange(state)) return left({ _tag: 'ChangeAlreadyRequested', changeId: state.changeId });
      const { data } = command;
      const template = data.standardTemplate;
      if (data.changeType === 'standard') {
        if (template === undefined) return left({ _tag: 'StandardChangeTemplateRequired', changeId: data.changeId });
        if (!template.approved)
          return left({
            _tag: 'StandardChangeTemplateNotApproved',
            changeId: data.changeId,
            templateId: template.templateId,
          });
      } else if (template !== undefined)
        return left({ _tag: 'StandardChangeTemplateNotAllowed', changeId: data.changeId, changeType: data.changeType });
      return right([
        {
          type: 'ChangeRequested',
          data: {
            ...fact,
            changeType: data.changeType,
            title: data.title,
            description: data.description,
            configurationItems: data.configurationItems,
            ...(data.justification === undefined ? {} : { justification: data.justification }),
            ...(template === undefined ? {} : { standardTemplateId: template.templateId }),
          },
        },
      ]);
    }

    if (!isRequestedChange(state)) return left({ _tag: 'ChangeNotFound', command: command.type });
    const change = state;
    if (isFinishedChange(change) && command.type !== 'RecordChangeSegregationViolation')
      return left({
        _tag: 'ChangeAlreadyFinished',
        changeId: change.changeId,
        command: command.type,
        status: change.status === 'Closed' ? 'Closed' : 'Cancelled',
      });

    const notInLifecycle = (): Decision =>
      left({
        _tag: 'ChangeStepNotInLifecycle',
        changeId: change.changeId,
        command: command.type,
        changeType: change.changeType,
      });
    const requireStatus = (allowedFrom: readonly ChangeStatus[]): ChangeError | undefined =>
      allowedFrom.includes(change.status)
        ? undefined
        : {
            _tag: 'ChangeTransitionNotAllowed',
            changeId: change.changeId,
            command: command.type,
            status: change.status,
            allowedFrom,
          };
    const inStatus = (allowedFrom: readonly ChangeStatus[], decide: () => Decision): Decision => {
      const refused = requireStatus(allowedFrom);
      return refused === undefined ? decide() : left(refused);
    };
    // Segregation of duties for anyone approving: never the requester, never the implementer.
    const approverSegregation = (): ChangeError | undefined => {
      if (actor.id === change.requester)
        return {
          _tag: 'ChangeRequesterCannotApprove',
          changeId: change.changeId,
          actor: actor.id,
          rule: 'requester-approves',
        };
      if (actor.id === change.implementer)
        return {
          _tag: 'ChangeImplementerCannotApprove',
          changeId: change.changeId,
          actor: actor.id,
          rule: 'implementer-approves',
        };
      return undefined;
    };

    switch (command.type) {
      case 'SubmitChangeForAssessment':
        if (change.changeType !== 'normal') return notInLifecycle();
        return inStatus(['New'], () => right([{ type: 'ChangeAssessmentStarted', data: fact }]));

      case 'AssessChangeRisk': {
        if (change.changeType === 'standard') return notInLifecycle();
        return inStatus(change.changeType === 'normal' ? ['Assess'] : ['New'], () => {
          const assessed = assessRisk(policy.riskQuestionnaire, command.data.answers);
          if (isLeft(assessed)) return assessed;
          const { score, riskLevel } = assessed.right;
          const override = command.data.override;
          if (override === undefined)
            return right([
              {
                type: 'ChangeRiskAssessed',
                data: { ...fact, answers: command.data.answers, score, assessedRiskLevel: riskLevel, riskLevel },
              },
            ]);
          if (!hasRole(actor, 'change-manager'))
            return left({ _tag: 'ChangeRiskOverrideNotAuthorized', changeId: change.changeId, actor: actor.id });
          if (override.riskLevel === riskLevel)
            return left({ _tag: 'ChangeRiskOverrideUnchanged', changeId: change.changeId, riskLevel });
          return right([
            {
              type: 'ChangeRiskAssessed',
              data: {
                ...fact,
                answers: command.data.answers,
                score,
                assessedRiskLevel: riskLevel,
                riskLevel: override.riskLevel,
                overrideReason: override.reason,
              },
            },
          ]);
        });
      }

      case 'PlanChange': {
        const allowed: readonly ChangeStatus[] = change.changeType === 'normal' ? ['New', 'Assess'] : ['New'];
        return inStatus(allowed, () => {
          const { plannedStart, plannedEnd, blackoutOverrideReason } = command.data;
          if (instantToEpochMilliseconds(plannedEnd) <= instantToEpochMilliseconds(plannedStart))
            return left({ _tag: 'ChangePlannedWindowInvalid', changeId: change.changeId, plannedStart, plannedEnd });
          const hit = blackoutWindowsHit(
            policy.blackoutWindows,
            { start: plannedStart, end: plannedEnd },
            change.configurationItems,
          ).map((window) => window.name);
          let planned: ChangeEvent = { type: 'ChangePlanned', data: { ...fact, plannedStart, plannedEnd } };
          if (hit.length > 0) {
            if (change.changeType !== 'emergency')
              return left({ _tag: 'ChangeInBlackoutWindow', changeId: change.changeId, windows: hit });
            if (blackoutOverrideReason === undefined)
              return left({ _tag: 'EmergencyChangeBlackoutOverrideRequired', changeId: change.changeId, windows: hit });
            planned = {
              type: 'ChangePlanned',
              data: {
                ...fact,
                plannedStart,
                plannedEnd,
                blackoutOverride: { windows: hit, reason: blackoutOverrideReason },
              },
            };
          }
          // A standard change is pre-authorised: planning it schedules it.
          return change.changeType === 'standard'
            ? right([planned, { type: 'ChangeScheduled', data: { ...fact, plannedStart, plannedEnd } }])
            : right([planned]);
        });
      }

      case 'RequestChangeAuthorization': {
        if (change.changeType === 'standard') return notInLifecycle();
        return inStatus(change.changeType === 'normal' ? ['Assess'] : ['New'], () => {
          if (change.changeType === 'normal' && change.risk === undefined)
            return left({ _tag: 'ChangeRiskNotAssessed', changeId: change.changeId });
          if (change.plannedStart === undefined) return left({ _tag: 'ChangeNotPlanned', changeId: change.changeId });
          const requiredApprovals =
            change.changeType === 'emergency' || change.risk === undefined
              ? policy.emergencyApprovals
              : policy.approvalsByRisk[change.risk.riskLevel];
          return right([
            {
              type: 'ChangeAuthorizationRequested',
              data:
                change.risk === undefined
                  ? { ...fact, requiredApprovals }
                  : { ...fact, requiredApprovals, riskLevel: change.risk.riskLevel },
            },
          ]);
        });
      }

      case 'ApproveChange':
      case 'RejectChange':
        return inStatus(['Authorize'], () => {
          const segregation = approverSegregation();
          if (segregation !== undefined) return left(segregation);
          const { group, comment } = command.data;
          if (!change.requiredApprovals.some((requirement) => requirement.group === group))
            return left({
              _tag: 'ChangeApprovalGroupNotRequired',
              changeId: change.changeId,
              group,
              requiredGroups: change.requiredApprovals.map((requirement) => requirement.group),
            });
          if (!isMemberOf(actor, group))
            return left({ _tag: 'ChangeApproverNotInGroup', changeId: change.changeId, approver: actor.id, group });
          if (change.approvals.some((approval) => approval.approver === actor.id))
            return left({ _tag: 'ChangeApproverAlreadyDecided', changeId: change.changeId, approver: actor.id });
          if (command.type === 'RejectChange')
            return right([{ type: 'ChangeRejected', data: { ...fact, group, comment } }]);
          const approvals = [...change.approvals, { group, approver: actor.id, at: fact.at }];
          const approved: ChangeEvent = { type: 'ChangeApproved', data: { ...fact, group, comment } };
          if (
            missingApprovals(change.requiredApprovals, approvals).length > 0 ||
            change.plannedStart === undefined ||
            change.plannedEnd === undefined
          )
            return right([approved]);
          return right([
            approved,
            {
              type: 'ChangeAuthorized',
              data: {
                ...fact,
                approvals: change.requiredApprovals.map((requirement) => ({
                  group: requirement.group,
                  approvers: approvals
                    .filter((approval) => approval.group === requirement.group)
                    .map((approval) => approval.approver),
                })),
              },
            },
            {
              type: 'ChangeScheduled',
              data: { ...fact, plannedStart: change.plannedStart, plannedEnd: change.plannedEnd },
            },
          ]);
        });

      case 'AssignChangeImplementer':
        return inStatus(beforeImplementation, () => {
          const { implementer } = command.data;
          if (change.approvers.includes(implementer))
            return left({
              _tag: 'ChangeApproverCannotImplement',
              changeId: change.changeId,
              actor: implementer,
              rule: 'approver-implements',
            });
          if (change.implementer === implementer) return right([]);
          return right([{ type: 'ChangeImplementerAssigned', data: { ...fact, implementer } }]);
        });

      case 'StartChangeImplementation':
        return inStatus(['Scheduled'], () => {
          if (change.implementer !== undefined && change.implementer !== actor.id)
            return left({
              _tag: 'ChangeImplementerMismatch',
              changeId: change.changeId,
              implementer: change.implementer,
              actor: actor.id,
            });
          if (change.approvers.includes(actor.id))
            return left({
              _tag: 'ChangeApproverCannotImplement',
              changeId: change.changeId,
              actor: actor.id,
              rule: 'approver-implements',
            });
          // Defence in depth: the lifecycle only schedules authorised changes, but the rule is checked where it matters.
          if (change.changeType !== 'standard') {
            const missing = missingApprovals(change.requiredApprovals, change.approvals);
            if (!change.authorized || change.requiredApprovals.length === 0 || missing.length > 0)
              return left({ _tag: 'ChangeApprovalsIncomplete', changeId: change.changeId, missing });
          }
          return right([{ type: 'ChangeImplementationStarted', data: { ...fact, implementer: actor.id } }]);
        });

      case 'RecordChangeImplementationOutcome':
        return inStatus(['Implement'], () => {
          if (change.implementer !== actor.id && !hasRole(actor, 'change-manager'))
            return left({
              _tag: 'ChangeImplementerMismatch',
              changeId: change.changeId,
              actor: actor.id,
              ...(change.implementer === undefined ? {} : { implementer: change.implementer }),
            });
          return right([
            { type: 'ChangeImplemented', data: { ...fact, outcome: command.data.outcome, notes: command.data.notes } },
          ]);
        });

      case 'RecordPostImplementationReview':
        return inStatus(['Review'], () =>
          change.reviewed
            ? left({ _tag: 'ChangeAlreadyReviewed', changeId: change.changeId })
            : right([
                {
                  type: 'ChangeReviewed',
                  data: { ...fact, findings: command.data.findings, objectivesMet: command.data.objectivesMet },
                },
              ]),
        );

      case 'ApproveEmergencyChangeRetrospectively': {
        if (change.changeType !== 'emergency') return notInLifecycle();
        return inStatus(['Implement', 'Review'], () => {
          const segregation = approverSegregation();
          if (segregation !== undefined) return left(segregation);
          const { group, quorum } = policy.retrospectiveApproval;
          if (!isMemberOf(actor, group))
            return left({ _tag: 'ChangeApproverNotInGroup', changeId: change.changeId, approver: actor.id, group });
          if (change.retrospectiveApprovers.length >= quorum)
            return left({ _tag: 'ChangeAlreadyApprovedRetrospectively', changeId: change.changeId });
          // The retrospective look is a second pair of eyes: nobody who authorised the emergency gives it.
          if (
            change.retrospectiveApprovers.includes(actor.id) ||
            change.approvals.some((approval) => approval.approver === actor.id)
          )
            return left({ _tag: 'ChangeApproverAlreadyDecided', changeId: change.changeId, approver: actor.id });
          return right([
            { type: 'ChangeRetrospectivelyApproved', data: { ...fact, group, comment: command.data.comment } },
          ]);
        });
      }

      case 'CloseChange':
        return inStatus(['Review'], () => {
          const outcome = change.outcome;
          // Review is the only way in, and it always records an outcome.
          if (outcome === undefined) throw new Error(`change ${change.changeId} is in Review without an outcome`);
          if (!change.reviewed && outcome !== 'successful')
            return left({ _tag: 'ChangeReviewRequired', changeId: change.changeId, reason: outcome });
          if (!change.reviewed && change.changeType === 'emergency')
            return left({ _tag: 'ChangeReviewRequired', changeId: change.changeId, reason: 'emergency' });
          if (
            change.changeType === 'emergency' &&
            change.retrospectiveApprovers.length < policy.retrospectiveApproval.quorum
          )
            return left({
              _tag: 'ChangeRetrospectiveApprovalRequired',
              changeId: change.changeId,
              group: policy.retrospectiveApproval.group,
            });
          return right([{ type: 'ChangeClosed', data: { ...fact, outcome, closureNotes: command.data.closureNotes } }]);
        });

      case 'CancelChange':
        return inStatus(beforeImplementation, () =>
          right([{ type: 'ChangeCancelled', data: { ...fact, reason: command.data.reason } }]),
        );

      case 'RecordChangeConflictWarning': {
        const { conflictingChangeId, configurationItemId, overlapStart, overlapEnd } = command.data;
        if (conflictingChangeId === change.changeId)
          return left({ _tag: 'ChangeConflictWithItself', changeId: change.changeId });
        if (instantToEpochMilliseconds(overlapEnd) <= instantToEpochMilliseconds(overlapStart))
          return left({ _tag: 'ChangeConflictOverlapInvalid', changeId: change.changeId });
        // The same conflict found again (another scan, a retried command) is already on record.
        if (change.conflictWarnings.includes(conflictKeyOf(conflictingChangeId, configurationItemId))) return right([]);
        return right([
          {
            type: 'ChangeConflictWarningRecorded',
            data: { ...fact, conflictingChangeId, configurationItemId, overlapStart, overlapEnd },
          },
        ]);
      }

      case 'RecordChangeSegregationViolation': {
        const { attemptedCommand, attemptedBy, rule, attemptedAt } = command.data;
        const consistent = segregationRecordIsConsistent(change, rule, attemptedCommand, attemptedBy);
        if (!consistent)
          return left({
            _tag: 'ChangeSegregationRecordInconsistent',
            changeId: change.changeId,
            rule,
            attemptedCommand,
          });
        return right([
          {
            type: 'ChangeSegregationViolationRecorded',
            data: { ...fact, attemptedCommand, attemptedBy, rule, attemptedAt },
          },
        ]);
      }
    }
  };

const approvingCommands: readonly string[] = ['ApproveChange', 'RejectChange', 'ApproveEmergencyChangeRetrospectively'];
const implementingCommands: readonly string[] = ['AssignChangeImplementer', 'StartChangeImplementation'];

/** Whether a reported violation matches the change: the rule fits the command and the person held the conflicting duty. */
const segregationRecordIsConsistent = (
  change: RequestedChange,
  rule: 'requester-approves' | 'implementer-approves' | 'approver-implements',
  attemptedCommand: string,
  attemptedBy: string,
): boolean => {
  switch (rule) {
    case 'requester-approves':
      return approvingCommands.includes(attemptedCommand) && attemptedBy === change.requester;
    case 'implementer-approves':
      return approvingCommands.includes(attemptedCommand) && attemptedBy === change.implementer;
    case 'approver-implements':
      return (
        implementingCommands.includes(attemptedCommand) && change.approvers.some((approver) => approver === attemptedBy)
      );
  }
};

/** Builds a change decider with a policy (start from {@link defaultChangePolicy}). */
export const createChangeDecider = (policy: ChangePolicy): ChangeDecider => ({
  decide: decideChange(policy),
  evolve: evolveChange,
  initialState: initialChangeState,
});

/** The change decider with the default policy. */
export const changeDecider: ChangeDecider = createChangeDecider(defaultChangePolicy);
