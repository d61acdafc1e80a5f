import { describe, expect, it } from '@jest/globals';
import {
  EventStoreFailure,
  describeEventStoreError,
  eventStoreUnavailable,
  invalidStreamId,
  isEventStoreError,
  streamVersionConflict,
  type EventStoreError,
} from './errors.js';
import { ExpectedVersion } from './expected-version.js';

describe('event store errors', () => {
  it('describes each failure in one line naming what is involved', () => {
    const cases: [EventStoreError, string][] = [
      [
        streamVersionConflict('ticket-1', ExpectedVersion.exact(2), 3),
        'stream ticket-1: expected version Exact(2), but it is at 3',
      ],
      [invalidStreamId('a b', 'id part must match …'), 'invalid stream id "a b": id part must match …'],
      [
        { _tag: 'PayloadTooLarge', streamId: 'ticket-1', eventId: 'e', type: 'T', bytes: 2000, limit: 1024 },
        'stream ticket-1: event e (T) is 2000 bytes, the limit is 1024',
      ],
      [
        { _tag: 'InvalidEvent', streamId: 'ticket-1', index: 2, reason: 'bad' },
        'stream ticket-1: event #2 is invalid: bad',
      ],
      [
        { _tag: 'EventIdConflict', streamId: 'ticket-1', eventId: 'e', reason: 'is already stored' },
        'stream ticket-1: event id e is already stored',
      ],
      [
        {
          _tag: 'EventDecodeFailed',
          streamId: 'ticket-1',
          streamVersion: 4,
          globalPosition: 90,
          type: 'T',
          schemaVersion: 7,
          reason: 'unknown',
        },
        'stream ticket-1 version 4 (position 90): cannot read T v7: unknown',
      ],
      [
        eventStoreUnavailable('connection refused', true),
        'event store unavailable (outcome unknown): connection refused',
      ],
      [eventStoreUnavailable('timeout', false), 'event store unavailable: timeout'],
    ];
    for (const [error, text] of cases) expect(describeEventStoreError(error)).toBe(text);
  });

  it('EventStoreFailure carries the typed read failure out of an iteration', () => {
    const failure = new EventStoreFailure(invalidStreamId('$all', 'reserved'));
    expect(failure).toBeInstanceOf(Error);
    expect(failure.name).toBe('EventStoreFailure');
    expect(failure.error).toEqual({ _tag: 'InvalidStreamId', streamId: '$all', reason: 'reserved' });
    expect(failure.message).toBe('invalid stream id "$all": reserved');
  });

  it('tells store failures from domain errors', () => {
    expect(isEventStoreError(streamVersionConflict('ticket-1', ExpectedVersion.noStream, 2))).toBe(true);
    expect(isEventStoreError(eventStoreUnavailable('down', false))).toBe(true);
    expect(isEventStoreError({ _tag: 'IncidentAlreadyClosed' })).toBe(false);
    expect(isEventStoreError({ _tag: 'CommandNotAuthorized' })).toBe(false);
  });
});
