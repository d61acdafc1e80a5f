/**
 * The problem policy: configurable defaults as data. Override any part with
 * a spread (`{ ...defaultProblemPolicy, priorityMatrix: glpiPriorityMatrix }`)
 * and pass it to `createProblemDecider`.
 *
 * @module
 */
import type { AuthorizationRules } from '../shared/authorization.js';
import { itilPriorityMatrix, type PriorityMatrix } from '../shared/priority.js';
import type { ProblemClosureCode, ProblemCommandType } from './problem-commands.js';

/** What a problem decider is configured with. */
export interface ProblemPolicy {
  /** Impact × urgency → priority. Default: the ITIL 3×3 matrix. */
  readonly priorityMatrix: PriorityMatrix;
  /** Which roles may issue each command. */
  readonly authorization: AuthorizationRules<ProblemCommandType>;
  /**
   * Closure codes that retire the problem's active known error in the same
   * decision. Default: every code but `risk-accepted`, whose known error
   * (and its workaround) stays in use.
   */
  readonly retireKnownErrorOnClosure: readonly ProblemClosureCode[];
}

/** The default authorization rules for problem commands. */
export const defaultProblemAuthorization: AuthorizationRules<ProblemCommandType> = {
  LogProblem: ['problem-manager', 'incident-manager', 'service-desk-agent', 'resolver'],
  AssignProblem: ['problem-manager'],
  StartProblemAssessment: ['problem-manager', 'resolver'],
  StartRootCauseAnalysis: ['problem-manager', 'resolver'],
  RecordProblemRootCause: ['problem-manager', 'resolver'],
  StartProblemFix: ['problem-manager', 'resolver'],
  ResolveProblem: ['problem-manager'],
  ReanalyseProblem: ['problem-manager'],
  CloseProblem: ['problem-manager'],
  LinkProblemIncident: ['problem-manager', 'incident-manager', 'resolver', 'service-desk-agent'],
  UnlinkProblemIncident: ['problem-manager', 'incident-manager', 'resolver'],
  LinkProblemChange: ['problem-manager', 'change-manager'],
  UnlinkProblemChange: ['problem-manager', 'change-manager'],
  RaiseKnownError: ['problem-manager', 'resolver'],
  UpdateKnownError: ['problem-manager', 'resolver', 'knowledge-manager'],
  RetireKnownError: ['problem-manager'],
};

/** The default problem policy: ITIL 3×3 priority, the default roles, known errors retired on every closure but risk-accepted. */
export const defaultProblemPolicy: ProblemPolicy = {
  priorityMatrix: itilPriorityMatrix,
  authorization: defaultProblemAuthorization,
  retireKnownErrorOnClosure: ['fix-applied', 'duplicate', 'cancelled'],
};
