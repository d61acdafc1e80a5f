/**
 * The one place where EventStoreDB client errors become @itsm failures.
 *
 * - `WrongExpectedVersionError` → the stream's actual version, for a
 *   `StreamVersionConflict` (the adapter decides whether to retry first).
 * - Unavailable, deadline exceeded, cancelled by the server, timeout,
 *   not leader, access denied, stream deleted and unknown server errors →
 *   `EventStoreUnavailable`, with `outcomeUnknown` true for an append that
 *   may have reached the server (it may or may not be written: retry with the
 *   same event ids and expected version, and it is written at most once).
 *
 * Anything that is not an error of the client (a `TypeError`…) is a bug and
 * is rethrown by callers.
 *
 * @module
 */
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  isCommandError,
} from '@eventstore/db-client';
import { eventStoreUnavailable, type EventStoreUnavailable } from '@itsm/event-store';
import { versionOfCurrentRevision } from './esdb-expected-revision.js';

/** What an operation was doing when it failed: an append's outcome may be unknown, a read's never is. */
export type EsdbOperation = 'append' | 'read';

/** The stream's actual version reported by a wrong-expected-version error, or `undefined` for other errors. */
export const actualVersionOfConflict = (error: unknown): number | undefined =>
  error instanceof WrongExpectedVersionError ? versionOfCurrentRevision(error.actualVersion) : undefined;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Whether the error says the request never left the client (nothing can have been written). */
const neverSent = (error: unknown): boolean => /No connection established|ECONNREFUSED/i.test(messageOf(error));

/**
 * Maps an error of the EventStoreDB client to `EventStoreUnavailable`;
 * returns `undefined` when it is not an error of the client (a bug: rethrow it).
 */
export const unavailableOf = (error: unknown, operation: EsdbOperation): EventStoreUnavailable | undefined => {
  const unknownOutcome = operation === 'append';
  if (error instanceof NotLeaderError)
    return eventStoreUnavailable(
      `the node is not the leader (${messageOf(error)}); connect with a cluster connection string`,
      false,
    );
  if (error instanceof UnavailableError)
    return eventStoreUnavailable(
      `EventStoreDB is unavailable: ${messageOf(error)}`,
      unknownOutcome && !neverSent(error),
    );
  if (error instanceof DeadlineExceededError || error instanceof TimeoutError)
    return eventStoreUnavailable(`EventStoreDB did not answer in time: ${messageOf(error)}`, unknownOutcome);
  if (error instanceof CancelledError)
    return eventStoreUnavailable(
      `EventStoreDB cancelled the call (connection dropped?): ${messageOf(error)}`,
      unknownOutcome,
    );
  if (error instanceof AccessDeniedError)
    return eventStoreUnavailable(`EventStoreDB refused access: ${messageOf(error)}`, false);
  if (error instanceof StreamDeletedError)
    return eventStoreUnavailable(`the stream was deleted in EventStoreDB: ${messageOf(error)}`, false);
  if (error instanceof UnknownError || (error instanceof Error && isCommandError(error)))
    return eventStoreUnavailable(`EventStoreDB failed: ${messageOf(error)}`, unknownOutcome);
  return undefined;
};
