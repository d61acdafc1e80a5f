/**
 * The problem's state, folded from its events by {@link evolveProblem}, and
 * the known error it carries. The state is what `decide` needs plus what
 * callers commonly read (linked incidents, the known error's content); the
 * full history stays in the events.
 *
 * @module
 */
import type {
  ChangeId,
  ConfigurationItemId,
  GroupId,
  IncidentId,
  KnownErrorId,
  ProblemId,
  ServiceId,
  UserId,
} from '../shared/ids.js';
import type { Instant } from '../shared/instant.js';
import type { Level, Priority } from '../shared/priority.js';
import type { LongText, ShortText } from '../shared/text.js';
import type { KnownErrorContent, ProblemClosureCode, ProblemResolutionCode } from './problem-commands.js';
import type { ProblemEvent } from './problem-events.js';

/** The statuses of a problem's lifecycle. */
export type ProblemStatus = 'New' | 'Assess' | 'RootCauseAnalysis' | 'FixInProgress' | 'Resolved' | 'Closed';

/** Every problem status, in lifecycle order. */
export const problemStatuses: readonly ProblemStatus[] = [
  'New',
  'Assess',
  'RootCauseAnalysis',
  'FixInProgress',
  'Resolved',
  'Closed',
];

/** A known error as the problem holds it: its content, whether it is active, and its revision history summary. */
export interface KnownError {
  readonly knownErrorId: KnownErrorId;
  readonly content: KnownErrorContent;
  /** `active` until retired; a retired known error is kept for the record. */
  readonly status: 'active' | 'retired';
  /** 1 when raised, +1 per update. */
  readonly revision: number;
  readonly raisedAt: Instant;
  readonly raisedBy: UserId;
  readonly updatedAt: Instant;
  readonly retiredAt?: Instant;
  readonly retirementReason?: ShortText;
}

/** A logged problem. */
export interface LoggedProblem {
  readonly status: ProblemStatus;
  readonly problemId: ProblemId;
  readonly title: ShortText;
  readonly description: LongText;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  readonly serviceId?: ServiceId;
  readonly affectedCis: readonly ConfigurationItemId[];
  readonly loggedAt: Instant;
  readonly loggedBy: UserId;
  readonly assignmentGroup?: GroupId;
  readonly assignee?: UserId;
  readonly rootCause?: LongText;
  readonly fixPlan?: LongText;
  /** Set while Resolved (and kept when Closed from Resolved); cleared by reanalysis. */
  readonly resolutionCode?: ProblemResolutionCode;
  /** How many times the problem was resolved (reanalysis can lead to another resolution). */
  readonly resolutionCount: number;
  readonly closureCode?: ProblemClosureCode;
  readonly duplicateOf?: ProblemId;
  /** The linked incidents, in the order they were linked. */
  readonly linkedIncidents: readonly IncidentId[];
  /** The changes the problem waits on. */
  readonly linkedChanges: readonly ChangeId[];
  readonly knownError?: KnownError;
}

/** The state of a problem stream: nothing yet, or a problem. */
export type ProblemState = { readonly status: 'None' } | LoggedProblem;

/** The state of a problem stream with no events. */
export const initialProblemState: ProblemState = { status: 'None' };

/** Whether the state holds a logged problem. */
export const isLoggedProblem = (state: ProblemState): state is LoggedProblem => state.status !== 'None';

const without = <A>(items: readonly A[], item: A): readonly A[] => items.filter((x) => x !== item);

const withoutKeys = <A extends object, K extends keyof A>(value: A, ...keys: K[]): Omit<A, K> => {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
};

/** Folds one problem event into the state (total on every history the decider produces). */
export const evolveProblem = (state: ProblemState, event: ProblemEvent): ProblemState => {
  if (event.type === 'ProblemLogged') {
    const { data } = event;
    const logged: LoggedProblem = {
      status: 'New',
      problemId: data.problemId,
      title: data.title,
      description: data.description,
      impact: data.impact,
      urgency: data.urgency,
      priority: data.priority,
      affectedCis: data.affectedCis ?? [],
      loggedAt: data.at,
      loggedBy: data.by,
      resolutionCount: 0,
      linkedIncidents: [],
      linkedChanges: [],
    };
    return data.serviceId === undefined ? logged : { ...logged, serviceId: data.serviceId };
  }
  // Events other than ProblemLogged only ever follow it; an orphan is ignored rather than invented.
  if (!isLoggedProblem(state)) return state;
  switch (event.type) {
    case 'ProblemAssigned': {
      const base = { ...withoutKeys(state, 'assignee'), assignmentGroup: event.data.assignmentGroup };
      return event.data.assignee === undefined ? base : { ...base, assignee: event.data.assignee };
    }
    case 'ProblemAssessmentStarted':
      return { ...state, status: 'Assess' };
    case 'ProblemRootCauseAnalysisStarted':
      return { ...state, status: 'RootCauseAnalysis' };
    case 'ProblemRootCauseRecorded':
      return { ...state, rootCause: event.data.rootCause };
    case 'ProblemFixStarted':
      return { ...state, status: 'FixInProgress', fixPlan: event.data.fixPlan };
    case 'ProblemResolved':
      return {
        ...state,
        status: 'Resolved',
        resolutionCode: event.data.resolutionCode,
        resolutionCount: state.resolutionCount + 1,
      };
    case 'ProblemReanalysisStarted':
      return { ...withoutKeys(state, 'resolutionCode'), status: 'RootCauseAnalysis' };
    case 'ProblemClosed': {
      const closed: LoggedProblem = { ...state, status: 'Closed', closureCode: event.data.closureCode };
      return event.data.duplicateOf === undefined ? closed : { ...closed, duplicateOf: event.data.duplicateOf };
    }
    case 'ProblemIncidentLinked':
      return { ...state, linkedIncidents: [...state.linkedIncidents, event.data.incidentId] };
    case 'ProblemIncidentUnlinked':
      return { ...state, linkedIncidents: without(state.linkedIncidents, event.data.incidentId) };
    case 'ProblemChangeLinked':
      return { ...state, linkedChanges: [...state.linkedChanges, event.data.changeId] };
    case 'ProblemChangeUnlinked':
      return { ...state, linkedChanges: without(state.linkedChanges, event.data.changeId) };
    case 'KnownErrorRaised':
      return {
        ...state,
        knownError: {
          knownErrorId: event.data.knownErrorId,
          content: event.data.content,
          status: 'active',
          revision: 1,
          raisedAt: event.data.at,
          raisedBy: event.data.by,
          updatedAt: event.data.at,
        },
      };
    case 'KnownErrorUpdated':
      return state.knownError === undefined
        ? state
        : {
            ...state,
            knownError: {
              ...state.knownError,
              content: event.data.content,
              revision: state.knownError.revision + 1,
              updatedAt: event.data.at,
            },
          };
    case 'KnownErrorRetired':
      return state.knownError === undefined
        ? state
        : {
            ...state,
            knownError: {
              ...state.knownError,
              status: 'retired',
              retiredAt: event.data.at,
              retirementReason: event.data.reason,
              updatedAt: event.data.at,
            },
          };
  }
};
