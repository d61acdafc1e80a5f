/**
 * The known error as publishable content. A known error lives inside its
 * problem's stream (one per problem, with its own {@link KnownErrorId}); this
 * module exposes it in the shape a knowledge article is written from, so the
 * knowledge practice never reads problem internals.
 *
 * Limits: the publication is a snapshot of the problem's state; to follow
 * revisions, read the `KnownErrorRaised` / `KnownErrorUpdated` /
 * `KnownErrorRetired` events of the problem stream, whose data carry the
 * whole content.
 *
 * @module
 */
import type { ConfigurationItemId, KnownErrorId, ProblemId } from '../shared/ids.js';
import type { Instant } from '../shared/instant.js';
import type { LongText, ShortText } from '../shared/text.js';
import type { ProblemEvent } from './problem-events.js';
import { isLoggedProblem, type ProblemState } from './problem-state.js';

/** A known error ready to be published as a knowledge article. */
export interface KnownErrorPublication {
  readonly knownErrorId: KnownErrorId;
  readonly problemId: ProblemId;
  /** The problem's title, a natural article title. */
  readonly title: ShortText;
  readonly symptom: LongText;
  readonly rootCause: LongText;
  readonly workaround: LongText;
  readonly affectedCis: readonly ConfigurationItemId[];
  /** 1 when raised, +1 per update: republish when it grows. */
  readonly revision: number;
  /** `retired` known errors should be retired in the knowledge base too. */
  readonly status: 'active' | 'retired';
  readonly updatedAt: Instant;
}

/** The problem's known error as publishable content, or `undefined` when none was raised. */
export const knownErrorPublicationOf = (state: ProblemState): KnownErrorPublication | undefined => {
  if (!isLoggedProblem(state) || state.knownError === undefined) return undefined;
  const { knownError } = state;
  return {
    knownErrorId: knownError.knownErrorId,
    problemId: state.problemId,
    title: state.title,
    symptom: knownError.content.symptom,
    rootCause: knownError.content.rootCause,
    workaround: knownError.content.workaround,
    affectedCis: knownError.content.affectedCis,
    revision: knownError.revision,
    status: knownError.status,
    updatedAt: knownError.updatedAt,
  };
};

/** Whether a problem event changes its known error (raise, update or retire): the events a publisher subscribes to. */
export const isKnownErrorEvent = (
  event: ProblemEvent,
): event is Extract<ProblemEvent, { type: 'KnownErrorRaised' | 'KnownErrorUpdated' | 'KnownErrorRetired' }> =>
  event.type === 'KnownErrorRaised' || event.type === 'KnownErrorUpdated' || event.type === 'KnownErrorRetired';
