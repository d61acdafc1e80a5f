/**
 * The change aggregate's public face: stream naming, the default decider,
 * the command codec and the event schemas, for applications, the CLI and
 * projections. Streams are `change-<changeId>`.
 *
 * @module
 */
import { streamIdOf, type InvalidStreamId, type StreamId } from '@itsm/event-store';
import type { Either } from 'fp-ts/lib/Either.js';
import type { AggregateDefinition } from '../shared/aggregate.js';
import type { ChangeId } from '../shared/ids.js';
import { ChangeCommand } from './change-commands.js';
import { changeDecider } from './change-decider.js';
import type { ChangeError } from './change-errors.js';
import { changeEventSchemas, type ChangeEvent } from './change-events.js';
import type { ChangeState } from './change-state.js';

/** The stream category of changes. */
export const CHANGE_CATEGORY = 'change';

/** The stream id of a change: `change-<changeId>`. */
export const changeStreamId = (changeId: ChangeId | string): Either<InvalidStreamId, StreamId> =>
  streamIdOf(CHANGE_CATEGORY, changeId);

/** The change aggregate: category, default decider, command codec and event schemas. */
export const Change: AggregateDefinition<ChangeCommand, ChangeEvent, ChangeState, ChangeError> = {
  category: CHANGE_CATEGORY,
  decider: changeDecider,
  commandCodec: ChangeCommand,
  recordIdOf: (command) => command.data.changeId,
  eventSchemas: changeEventSchemas,
};
