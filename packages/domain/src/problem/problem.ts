/**
 * The problem aggregate's public face: stream naming, the default decider,
 * the command codec and the event schemas, for applications, the CLI and
 * projections. Streams are `problem-<problemId>`; the known error lives in
 * its problem's stream (see docs/domain/problem.md).
 *
 * @module
 */
import { streamIdOf, type InvalidStreamId, type StreamId } from '@itsm/event-store';
import type { Either } from 'fp-ts/lib/Either.js';
import type { AggregateDefinition } from '../shared/aggregate.js';
import type { ProblemId } from '../shared/ids.js';
import { ProblemCommand } from './problem-commands.js';
import { problemDecider } from './problem-decider.js';
import type { ProblemError } from './problem-errors.js';
import { problemEventSchemas, type ProblemEvent } from './problem-events.js';
import type { ProblemState } from './problem-state.js';

/** The stream category of problems. */
export const PROBLEM_CATEGORY = 'problem';

/** The stream id of a problem: `problem-<problemId>`. */
export const problemStreamId = (problemId: ProblemId | string): Either<InvalidStreamId, StreamId> =>
  streamIdOf(PROBLEM_CATEGORY, problemId);

/** The problem aggregate (with its known error): category, default decider, command codec and event schemas. */
export const Problem: AggregateDefinition<ProblemCommand, ProblemEvent, ProblemState, ProblemError> = {
  category: PROBLEM_CATEGORY,
  decider: problemDecider,
  commandCodec: ProblemCommand,
  recordIdOf: (command) => command.data.problemId,
  eventSchemas: problemEventSchemas,
};
