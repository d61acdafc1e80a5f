/**
 * The problem decider: `decide` checks authorization first, then the
 * lifecycle rule, then builds the events. Pure: no clock, no I/O; time and
 * actor come from the command's metadata.
 *
 * Lifecycle: New → Assess → RootCauseAnalysis → FixInProgress → Resolved →
 * Closed, with reanalysis from Resolved back to RootCauseAnalysis. Closed is
 * terminal except for the known error, which may outlive the problem (a
 * risk-accepted problem keeps its workaround in use).
 *
 * @module
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import { authorize } from '../shared/authorization.js';
import { isLevelOf, priorityOf } from '../shared/priority.js';
import { ShortText } from '../shared/text.js';
import type { ProblemClosureCode, ProblemCommand } from './problem-commands.js';
import type { ProblemError } from './problem-errors.js';
import type { KnownErrorContentData, ProblemEvent } from './problem-events.js';
import { defaultProblemPolicy, type ProblemPolicy } from './problem-policy.js';
import {
  evolveProblem,
  initialProblemState,
  isLoggedProblem,
  type LoggedProblem,
  type ProblemState,
  type ProblemStatus,
} from './problem-state.js';

/** The problem decider's type. */
export type ProblemDecider = Decider<ProblemCommand, ProblemEvent, ProblemState, ProblemError>;

type Decision = Either<ProblemError, readonly ProblemEvent[]>;

const requireStatus = (
  problem: LoggedProblem,
  command: string,
  allowedFrom: readonly ProblemStatus[],
): ProblemError | undefined =>
  allowedFrom.includes(problem.status)
    ? undefined
    : {
        _tag: 'ProblemTransitionNotAllowed',
        problemId: problem.problemId,
        command,
        status: problem.status,
        allowedFrom,
      };

const retirementReasonOf = (closureCode: ProblemClosureCode): ShortText => {
  const reason = `problem closed: ${closureCode}`;
  if (ShortText.is(reason)) return reason;
  // Closure codes are short fixed words; a reason outside ShortText is a bug.
  throw new Error(`retirement reason "${reason}" is not a short text`);
};

const openStatuses: readonly ProblemStatus[] = ['New', 'Assess', 'RootCauseAnalysis', 'FixInProgress', 'Resolved'];
const beforeResolution: readonly ProblemStatus[] = ['New', 'Assess', 'RootCauseAnalysis', 'FixInProgress'];
const knownErrorStatuses: readonly ProblemStatus[] = ['Assess', 'RootCauseAnalysis', 'FixInProgress', 'Resolved'];

const sameContent = (a: KnownErrorContentData['content'], b: KnownErrorContentData['content']): boolean =>
  a.symptom === b.symptom &&
  a.rootCause === b.rootCause &&
  a.workaround === b.workaround &&
  a.affectedCis.length === b.affectedCis.length &&
  a.affectedCis.every((ci, index) => b.affectedCis[index] === ci);

/** Decides a problem command against the state with a policy; refusals are values and record nothing. */
export const decideProblem =
  (policy: ProblemPolicy) =>
  (command: ProblemCommand, state: ProblemState): Decision => {
    const authorized = authorize(policy.authorization, command.type, command.metadata.actor);
    if (isLeft(authorized)) return authorized;
    const fact = { problemId: command.data.problemId, at: command.metadata.occurredAt, by: command.metadata.actor.id };

    if (command.type === 'LogProblem') {
      if (isLoggedProblem(state)) return left({ _tag: 'ProblemAlreadyLogged', problemId: state.problemId });
      const { data } = command;
      for (const field of ['impact', 'urgency'] as const)
        if (!isLevelOf(policy.priorityMatrix, data[field]))
          return left({
            _tag: 'ProblemLevelOutsideMatrix',
            field,
            level: data[field],
            levels: policy.priorityMatrix.levels,
          });
      const priority = priorityOf(policy.priorityMatrix, data.impact, data.urgency);
      const logged = {
        ...fact,
        title: data.title,
        description: data.description,
        impact: data.impact,
        urgency: data.urgency,
        priority,
        ...(data.serviceId === undefined ? {} : { serviceId: data.serviceId }),
        ...(data.affectedCis === undefined ? {} : { affectedCis: data.affectedCis }),
      };
      return right([{ type: 'ProblemLogged', data: logged }]);
    }

    if (!isLoggedProblem(state)) return left({ _tag: 'ProblemNotFound', command: command.type });
    const problem = state;
    const knownErrorCommand = command.type === 'UpdateKnownError' || command.type === 'RetireKnownError';
    // The known error can outlive its problem; every other command stops at Closed.
    if (problem.status === 'Closed' && !knownErrorCommand)
      return left({ _tag: 'ProblemAlreadyClosed', problemId: problem.problemId, command: command.type });

    const refuse = (error: ProblemError | undefined, decide: () => Decision): Decision =>
      error === undefined ? decide() : left(error);

    switch (command.type) {
      case 'AssignProblem': {
        const { assignmentGroup, assignee } = command.data;
        if (problem.assignmentGroup === assignmentGroup && problem.assignee === assignee) return right([]);
        return right([
          {
            type: 'ProblemAssigned',
            data: assignee === undefined ? { ...fact, assignmentGroup } : { ...fact, assignmentGroup, assignee },
          },
        ]);
      }
      case 'StartProblemAssessment':
        return refuse(requireStatus(problem, command.type, ['New']), () =>
          right([{ type: 'ProblemAssessmentStarted', data: fact }]),
        );
      case 'StartRootCauseAnalysis':
        return refuse(requireStatus(problem, command.type, ['Assess']), () =>
          right([{ type: 'ProblemRootCauseAnalysisStarted', data: fact }]),
        );
      case 'RecordProblemRootCause':
        return refuse(requireStatus(problem, command.type, ['Assess', 'RootCauseAnalysis', 'FixInProgress']), () =>
          problem.rootCause === command.data.rootCause
            ? right([])
            : right([{ type: 'ProblemRootCauseRecorded', data: { ...fact, rootCause: command.data.rootCause } }]),
        );
      case 'StartProblemFix':
        return refuse(requireStatus(problem, command.type, ['RootCauseAnalysis']), () =>
          problem.rootCause === undefined
            ? left({ _tag: 'ProblemRootCauseNotRecorded', problemId: problem.problemId, command: command.type })
            : right([{ type: 'ProblemFixStarted', data: { ...fact, fixPlan: command.data.fixPlan } }]),
        );
      case 'ResolveProblem': {
        const { resolutionCode, resolutionNotes } = command.data;
        const resolved: Decision = right([
          {
            type: 'ProblemResolved',
            data: { ...fact, resolutionCode, resolutionNotes, linkedIncidents: problem.linkedIncidents },
          },
        ]);
        if (resolutionCode === 'risk-accepted')
          return refuse(requireStatus(problem, command.type, ['RootCauseAnalysis', 'FixInProgress']), () => resolved);
        if (problem.status === 'RootCauseAnalysis')
          return left({ _tag: 'ProblemFixNotInProgress', problemId: problem.problemId });
        return refuse(requireStatus(problem, command.type, ['FixInProgress']), () =>
          problem.rootCause === undefined
            ? left({ _tag: 'ProblemRootCauseNotRecorded', problemId: problem.problemId, command: command.type })
            : resolved,
        );
      }
      case 'ReanalyseProblem':
        return refuse(requireStatus(problem, command.type, ['Resolved']), () =>
          right([{ type: 'ProblemReanalysisStarted', data: { ...fact, reason: command.data.reason } }]),
        );
      case 'CloseProblem': {
        const { closureCode, closureNotes, duplicateOf } = command.data;
        if (closureCode === 'duplicate') {
          if (duplicateOf === undefined)
            return left({ _tag: 'ProblemDuplicateOfMissing', problemId: problem.problemId });
          if (duplicateOf === problem.problemId)
            return left({ _tag: 'ProblemDuplicateOfItself', problemId: problem.problemId });
        } else if (duplicateOf !== undefined)
          return left({ _tag: 'ProblemDuplicateOfUnexpected', problemId: problem.problemId, closureCode });
        // fix-applied and risk-accepted close what was resolved that way; duplicate and cancelled end an unresolved problem.
        const consistent =
          closureCode === 'fix-applied' || closureCode === 'risk-accepted'
            ? problem.status === 'Resolved' && problem.resolutionCode === closureCode
            : beforeResolution.includes(problem.status);
        if (!consistent)
          return left({
            _tag: 'ProblemClosureCodeInconsistent',
            problemId: problem.problemId,
            closureCode,
            status: problem.status,
            ...(problem.resolutionCode === undefined ? {} : { resolutionCode: problem.resolutionCode }),
          });
        const closed: ProblemEvent = {
          type: 'ProblemClosed',
          data:
            duplicateOf === undefined
              ? { ...fact, closureCode, closureNotes }
              : { ...fact, closureCode, closureNotes, duplicateOf },
        };
        const knownError = problem.knownError;
        if (knownError?.status === 'active' && policy.retireKnownErrorOnClosure.includes(closureCode))
          return right([
            closed,
            {
              type: 'KnownErrorRetired',
              data: { ...fact, knownErrorId: knownError.knownErrorId, reason: retirementReasonOf(closureCode) },
            },
          ]);
        return right([closed]);
      }
      case 'LinkProblemIncident':
        return refuse(requireStatus(problem, command.type, openStatuses), () =>
          problem.linkedIncidents.includes(command.data.incidentId)
            ? left({
                _tag: 'ProblemIncidentAlreadyLinked',
                problemId: problem.problemId,
                incidentId: command.data.incidentId,
              })
            : right([{ type: 'ProblemIncidentLinked', data: { ...fact, incidentId: command.data.incidentId } }]),
        );
      case 'UnlinkProblemIncident':
        return refuse(requireStatus(problem, command.type, openStatuses), () =>
          problem.linkedIncidents.includes(command.data.incidentId)
            ? right([{ type: 'ProblemIncidentUnlinked', data: { ...fact, incidentId: command.data.incidentId } }])
            : left({
                _tag: 'ProblemIncidentNotLinked',
                problemId: problem.problemId,
                incidentId: command.data.incidentId,
              }),
        );
      case 'LinkProblemChange':
        return refuse(requireStatus(problem, command.type, openStatuses), () =>
          problem.linkedChanges.includes(command.data.changeId)
            ? left({
                _tag: 'ProblemChangeAlreadyLinked',
                problemId: problem.problemId,
                changeId: command.data.changeId,
              })
            : right([{ type: 'ProblemChangeLinked', data: { ...fact, changeId: command.data.changeId } }]),
        );
      case 'UnlinkProblemChange':
        return refuse(requireStatus(problem, command.type, openStatuses), () =>
          problem.linkedChanges.includes(command.data.changeId)
            ? right([{ type: 'ProblemChangeUnlinked', data: { ...fact, changeId: command.data.changeId } }])
            : left({ _tag: 'ProblemChangeNotLinked', problemId: problem.problemId, changeId: command.data.changeId }),
        );
      case 'RaiseKnownError':
        return refuse(requireStatus(problem, command.type, knownErrorStatuses), () =>
          problem.knownError !== undefined
            ? left({
                _tag: 'KnownErrorAlreadyRaised',
                problemId: problem.problemId,
                knownErrorId: problem.knownError.knownErrorId,
              })
            : right([
                {
                  type: 'KnownErrorRaised',
                  data: { ...fact, knownErrorId: command.data.knownErrorId, content: command.data.content },
                },
              ]),
        );
      case 'UpdateKnownError':
      case 'RetireKnownError': {
        const knownError = problem.knownError;
        if (knownError === undefined) return left({ _tag: 'KnownErrorNotRaised', problemId: problem.problemId });
        if (knownError.knownErrorId !== command.data.knownErrorId)
          return left({
            _tag: 'KnownErrorIdMismatch',
            problemId: problem.problemId,
            knownErrorId: command.data.knownErrorId,
            expected: knownError.knownErrorId,
          });
        if (knownError.status === 'retired')
          return left({
            _tag: 'KnownErrorAlreadyRetired',
            problemId: problem.problemId,
            knownErrorId: knownError.knownErrorId,
          });
        if (command.type === 'RetireKnownError')
          return right([
            {
              type: 'KnownErrorRetired',
              data: { ...fact, knownErrorId: knownError.knownErrorId, reason: command.data.reason },
            },
          ]);
        return sameContent(knownError.content, command.data.content)
          ? right([])
          : right([
              {
                type: 'KnownErrorUpdated',
                data: { ...fact, knownErrorId: knownError.knownErrorId, content: command.data.content },
              },
            ]);
      }
    }
  };

/** Builds a problem decider with a policy (start from {@link defaultProblemPolicy}). */
export const createProblemDecider = (policy: ProblemPolicy): ProblemDecider => ({
  decide: decideProblem(policy),
  evolve: evolveProblem,
  initialState: initialProblemState,
});

/** The problem decider with the default policy. */
export const problemDecider: ProblemDecider = createProblemDecider(defaultProblemPolicy);
