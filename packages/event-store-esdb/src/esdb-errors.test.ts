import { describe, expect, it } from '@jest/globals';
import { NO_STREAM, WrongExpectedVersionError, convertToCommandError } from '@eventstore/db-client';
import { actualVersionOfConflict, unavailableOf } from './esdb-errors.js';

/** A gRPC failure as the client sees it (status code, details, optional server metadata). */
const grpcFailure = (code: number, details: string, metadata: Record<string, string> = {}): Error =>
  convertToCommandError(
    Object.assign(new Error(`${code} ${details}`), { code, details, metadata: { getMap: () => metadata } }),
  );

const status = { CANCELLED: 1, UNKNOWN: 2, DEADLINE_EXCEEDED: 4, ABORTED: 10, UNAVAILABLE: 14, UNAUTHENTICATED: 16 };

describe('EventStoreDB client errors → @itsm failures', () => {
  it('a wrong expected version gives the actual version (revision + 1, no stream = 0)', () => {
    const conflict = (current: bigint | typeof NO_STREAM) =>
      new WrongExpectedVersionError(undefined as never, { streamName: 'ticket-1', current, expected: 0n });
    expect(actualVersionOfConflict(conflict(4n))).toBe(5);
    expect(actualVersionOfConflict(conflict(NO_STREAM))).toBe(0);
    expect(actualVersionOfConflict(new Error('other'))).toBeUndefined();
  });

  it('an append that may have reached the server has an unknown outcome; a read never does', () => {
    for (const error of [
      grpcFailure(status.UNAVAILABLE, 'Connection dropped'),
      grpcFailure(status.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      grpcFailure(status.CANCELLED, 'Call cancelled'),
      grpcFailure(status.ABORTED, 'Timeout'),
      grpcFailure(status.UNKNOWN, 'boom'),
    ]) {
      expect(unavailableOf(error, 'append')).toMatchObject({ _tag: 'EventStoreUnavailable', outcomeUnknown: true });
      expect(unavailableOf(error, 'read')).toMatchObject({ _tag: 'EventStoreUnavailable', outcomeUnknown: false });
    }
  });

  it('refusals before anything was written have a known outcome: no connection, not leader, access denied', () => {
    const neverSent = grpcFailure(status.UNAVAILABLE, 'No connection established. Last error: connect ECONNREFUSED');
    expect(unavailableOf(neverSent, 'append')).toMatchObject({ outcomeUnknown: false });
    const notLeader = grpcFailure(status.UNKNOWN, 'not leader', {
      exception: 'not-leader',
      'leader-endpoint-host': 'esdb-2',
      'leader-endpoint-port': '2113',
    });
    expect(unavailableOf(notLeader, 'append')).toMatchObject({
      outcomeUnknown: false,
      reason: expect.stringMatching(/leader/),
    });
    expect(unavailableOf(grpcFailure(status.UNAUTHENTICATED, 'denied'), 'append')).toMatchObject({
      outcomeUnknown: false,
    });
  });

  it('anything that is not an error of the client is not mapped (a bug: callers rethrow it)', () => {
    expect(unavailableOf(new TypeError('x is undefined'), 'append')).toBeUndefined();
    expect(unavailableOf('a string', 'read')).toBeUndefined();
  });
});
