/**
 * `itsm audit history <record> [--as-of <instant>]`: a record's events as
 * recorded, and its state folded by its aggregate's decider, as the system
 * knew it at an instant (events recorded after it are left out).
 *
 * @module
 */
import {
  catchReadFailure,
  describeEventStoreError,
  parseStreamId,
  streamIdParts,
  type RecordedEvent,
} from '@itsm/event-store';
import type { EventStore } from '@itsm/event-store';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { cliFailure, usageFailure, type CliFailure } from '../../cli-failure.js';
import { ExitCode } from '../../exit-codes.js';
import { aggregateOfCategory } from '@itsm/domain';
import { allEventSchemas } from '../../domain-registry.js';

/** A record's history as of an instant, and its folded state when its aggregate is known. */
export interface RecordHistory {
  readonly events: readonly RecordedEvent[];
  readonly state: unknown;
}

/** Reads a record's stream up to `asOfMilliseconds` (by `recordedAt`, or `occurredAt`) and folds it. */
export const recordHistory = async (
  store: EventStore,
  record: string,
  asOfMilliseconds: number | undefined,
  time: 'recorded' | 'occurred' = 'recorded',
): Promise<Either<CliFailure, RecordHistory>> => {
  const streamId = parseStreamId(record);
  if (streamId._tag === 'Left')
    return left(
      usageFailure(
        `invalid record ${JSON.stringify(record)}: ${streamId.left.reason}`,
        'name a record by its stream, e.g. incident-INC-1001',
      ),
    );
  const read = await catchReadFailure(async () => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(streamId.right))
      if (
        asOfMilliseconds === undefined ||
        Date.parse(time === 'recorded' ? event.metadata.recordedAt : event.metadata.occurredAt) <= asOfMilliseconds
      )
        events.push(event);
    return events;
  });
  if (read._tag === 'Left') return left(cliFailure(describeEventStoreError(read.left), ExitCode.unavailable));
  if (read.right.length === 0)
    return left(
      cliFailure(
        `no events for ${record}${asOfMilliseconds === undefined ? '' : ' as of that instant'}`,
        ExitCode.failed,
      ),
    );
  const aggregate = aggregateOfCategory(streamIdParts(streamId.right).category);
  if (!aggregate) return right({ events: read.right, state: undefined });
  // The audit store reads as stored; decode through the registry before folding.
  let state = aggregate.decider.initialState;
  for (const event of read.right) {
    const decoded = allEventSchemas.decode(
      event.type,
      event.asStored?.schemaVersion ?? event.schemaVersion,
      event.asStored?.data ?? event.data,
    );
    if (decoded._tag === 'Left')
      return right({
        events: read.right,
        state: { unreadable: `${event.type} v${event.schemaVersion}: ${decoded.left}` },
      });
    state = aggregate.decider.evolve(state, { type: event.type, data: decoded.right.data });
  }
  return right({ events: read.right, state });
};
