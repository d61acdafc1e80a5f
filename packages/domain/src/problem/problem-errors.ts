/**
 * Problem and known error errors: one tag per broken rule, with the facts
 * needed to explain the refusal. A refused command records nothing.
 *
 * @module
 */
import type { CommandNotAuthorized } from '../shared/domain-errors.js';
import type { ProblemClosureCode, ProblemResolutionCode } from './problem-commands.js';
import type { ProblemStatus } from './problem-state.js';

/** `LogProblem` on a stream that already holds a problem. */
export interface ProblemAlreadyLogged {
  readonly _tag: 'ProblemAlreadyLogged';
  readonly problemId: string;
}

/** The impact or urgency is beyond the priority matrix's scale (e.g. 4 on a 3×3 matrix). */
export interface ProblemLevelOutsideMatrix {
  readonly _tag: 'ProblemLevelOutsideMatrix';
  readonly field: 'impact' | 'urgency';
  readonly level: number;
  readonly levels: number;
}

/** A command addressed a problem that was never logged. */
export interface ProblemNotFound {
  readonly _tag: 'ProblemNotFound';
  readonly command: string;
}

/** A closed problem accepts no lifecycle command (closed is terminal). */
export interface ProblemAlreadyClosed {
  readonly _tag: 'ProblemAlreadyClosed';
  readonly problemId: string;
  readonly command: string;
}

/** The command is not allowed in the problem's current status. */
export interface ProblemTransitionNotAllowed {
  readonly _tag: 'ProblemTransitionNotAllowed';
  readonly problemId: string;
  readonly command: string;
  readonly status: ProblemStatus;
  /** The statuses in which the command is allowed. */
  readonly allowedFrom: readonly ProblemStatus[];
}

/** Fixing, or resolving with `fix-applied`, needs a recorded root cause. */
export interface ProblemRootCauseNotRecorded {
  readonly _tag: 'ProblemRootCauseNotRecorded';
  readonly problemId: string;
  readonly command: string;
}

/** `fix-applied` resolution needs the fix to have been started (status FixInProgress). */
export interface ProblemFixNotInProgress {
  readonly _tag: 'ProblemFixNotInProgress';
  readonly problemId: string;
}

/** The closure code does not match the problem's state (e.g. `fix-applied` on an unresolved problem). */
export interface ProblemClosureCodeInconsistent {
  readonly _tag: 'ProblemClosureCodeInconsistent';
  readonly problemId: string;
  readonly closureCode: ProblemClosureCode;
  readonly status: ProblemStatus;
  /** How the problem was resolved, when it is resolved. */
  readonly resolutionCode?: ProblemResolutionCode;
}

/** Closing as `duplicate` needs the problem it duplicates. */
export interface ProblemDuplicateOfMissing {
  readonly _tag: 'ProblemDuplicateOfMissing';
  readonly problemId: string;
}

/** A problem cannot be closed as a duplicate of itself. */
export interface ProblemDuplicateOfItself {
  readonly _tag: 'ProblemDuplicateOfItself';
  readonly problemId: string;
}

/** `duplicateOf` was given with a closure code other than `duplicate`. */
export interface ProblemDuplicateOfUnexpected {
  readonly _tag: 'ProblemDuplicateOfUnexpected';
  readonly problemId: string;
  readonly closureCode: ProblemClosureCode;
}

/** The incident is already in the problem's linked incidents. */
export interface ProblemIncidentAlreadyLinked {
  readonly _tag: 'ProblemIncidentAlreadyLinked';
  readonly problemId: string;
  readonly incidentId: string;
}

/** The incident is not in the problem's linked incidents. */
export interface ProblemIncidentNotLinked {
  readonly _tag: 'ProblemIncidentNotLinked';
  readonly problemId: string;
  readonly incidentId: string;
}

/** The change is already linked to the problem. */
export interface ProblemChangeAlreadyLinked {
  readonly _tag: 'ProblemChangeAlreadyLinked';
  readonly problemId: string;
  readonly changeId: string;
}

/** The change is not linked to the problem. */
export interface ProblemChangeNotLinked {
  readonly _tag: 'ProblemChangeNotLinked';
  readonly problemId: string;
  readonly changeId: string;
}

/** The problem already raised its known error (one per problem; update it instead). */
export interface KnownErrorAlreadyRaised {
  readonly _tag: 'KnownErrorAlreadyRaised';
  readonly problemId: string;
  readonly knownErrorId: string;
}

/** The problem has no known error to update or retire. */
export interface KnownErrorNotRaised {
  readonly _tag: 'KnownErrorNotRaised';
  readonly problemId: string;
}

/** The command names a known error other than the problem's. */
export interface KnownErrorIdMismatch {
  readonly _tag: 'KnownErrorIdMismatch';
  readonly problemId: string;
  readonly knownErrorId: string;
  readonly expected: string;
}

/** The known error is retired: it can no longer be updated or retired again. */
export interface KnownErrorAlreadyRetired {
  readonly _tag: 'KnownErrorAlreadyRetired';
  readonly problemId: string;
  readonly knownErrorId: string;
}

/** Every reason a problem command is refused. */
export type ProblemError =
  | CommandNotAuthorized
  | ProblemAlreadyLogged
  | ProblemLevelOutsideMatrix
  | ProblemNotFound
  | ProblemAlreadyClosed
  | ProblemTransitionNotAllowed
  | ProblemRootCauseNotRecorded
  | ProblemFixNotInProgress
  | ProblemClosureCodeInconsistent
  | ProblemDuplicateOfMissing
  | ProblemDuplicateOfItself
  | ProblemDuplicateOfUnexpected
  | ProblemIncidentAlreadyLinked
  | ProblemIncidentNotLinked
  | ProblemChangeAlreadyLinked
  | ProblemChangeNotLinked
  | KnownErrorAlreadyRaised
  | KnownErrorNotRaised
  | KnownErrorIdMismatch
  | KnownErrorAlreadyRetired;

/** The tag of every problem error. */
export type ProblemErrorTag = ProblemError['_tag'];
