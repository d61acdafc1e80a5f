/**
 * Problem histories for tests, decided by the domain: commands written as
 * plain literals are decoded with the domain's command codec and decided by
 * its problem decider against each problem's folded state, so every event is
 * one the domain would record (no hand-written event shapes to drift from
 * its codecs). A refused or malformed command throws: it is a bug of the
 * test that issued it.
 */
import {
  PROBLEM_CATEGORY,
  ProblemCommand,
  decodeInput,
  eventMetadataOf,
  isLoggedProblem,
  problemDecider,
  type LoggedProblem,
  type ProblemState,
} from '@itsm/domain';
import type { EventMetadataInput } from '@itsm/event-store';

/** An event the problem decider decided, with its stream and the metadata the store records. */
export interface DecidedProblemEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadataInput;
}

/** The actor every command is issued as: a problem manager (every problem command is theirs). */
export const problemManager = { id: 'problem-manager', roles: ['problem-manager'], groups: [] } as const;

/** Decides problem commands, one stream per problem, keeping each problem's state. */
export interface ProblemDesk {
  /**
   * Decides a command on problem `problemId` at instant `at` (ISO) and
   * returns its events (none when the domain decided nothing).
   */
  readonly issue: (type: string, problemId: string, data: Record<string, unknown>, at: string) => DecidedProblemEvent[];
  /** The problem's state after the commands issued so far, or undefined when not logged. */
  readonly problem: (problemId: string) => LoggedProblem | undefined;
}

/** A new desk with no problems. */
export const problemDesk = (): ProblemDesk => {
  const states = new Map<string, ProblemState>();
  return {
    issue: (type, problemId, data, at) => {
      const command = decodeInput(ProblemCommand, {
        type,
        data: { problemId, ...data },
        metadata: { actor: problemManager, occurredAt: at, correlationId: `corr-${problemId}` },
      });
      if (command._tag === 'Left')
        throw new Error(`problem desk: ${type} is malformed: ${command.left.problems.join('; ')}`);
      const state = states.get(problemId) ?? problemDecider.initialState;
      const decided = problemDecider.decide(command.right, state);
      if (decided._tag === 'Left') throw new Error(`problem desk: ${type} refused: ${JSON.stringify(decided.left)}`);
      states.set(problemId, decided.right.reduce(problemDecider.evolve, state));
      const metadata = eventMetadataOf(command.right.metadata);
      return decided.right.map((event) => ({
        streamId: `${PROBLEM_CATEGORY}-${problemId}`,
        type: event.type,
        data: event.data,
        metadata,
      }));
    },
    problem: (problemId) => {
      const state = states.get(problemId);
      return state !== undefined && isLoggedProblem(state) ? state : undefined;
    },
  };
};
