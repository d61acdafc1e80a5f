/**
 * The one place where @itsm stream versions meet EventStoreDB revisions.
 *
 * @itsm versions count events (a stream with no events is at version 0, its
 * first event is version 1); EventStoreDB revisions are 0-based event
 * numbers. So version n ↔ revision n − 1, and version 0 ↔ `no_stream`.
 *
 * | @itsm expected version | EventStoreDB expected revision                      |
 * | ---------------------- | --------------------------------------------------- |
 * | `NoStream`             | `no_stream`                                         |
 * | `Exact(0)`             | `no_stream`                                         |
 * | `Exact(n)`, n ≥ 1      | revision `n − 1`                                    |
 * | `StreamExists`         | `stream_exists`, sent as the exact head revision    |
 * | `Any`                  | `any`, sent as the exact head revision              |
 *
 * The adapter never sends `any` or `stream_exists` on the wire: it reads the
 * stream's head and appends at that exact revision, so the hash chain (which
 * links each event to the previous one of its stream) stays linear even when
 * writers race; a lost race is retried from a fresh read.
 *
 * @module
 */
import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision } from '@eventstore/db-client';
import type { ExpectedVersion } from '@itsm/event-store';

/** The EventStoreDB expected revision that states exactly "the stream is at `version`". */
export const revisionOfVersion = (version: number): AppendExpectedRevision =>
  version === 0 ? NO_STREAM : BigInt(version - 1);

/** The direct translation of an expected version (what the condition means on the server). */
export const expectedRevisionOf = (expected: ExpectedVersion): AppendExpectedRevision => {
  switch (expected._tag) {
    case 'Any':
      return ANY;
    case 'NoStream':
      return NO_STREAM;
    case 'StreamExists':
      return STREAM_EXISTS;
    case 'Exact':
      return revisionOfVersion(expected.version);
  }
};

/**
 * The revision an append is sent with, given the stream's head version as
 * read: exact cases map directly, `Any` and `StreamExists` pin the head read.
 */
export const appendRevisionFor = (expected: ExpectedVersion, headVersion: number): AppendExpectedRevision => {
  const direct = expectedRevisionOf(expected);
  return direct === ANY || direct === STREAM_EXISTS ? revisionOfVersion(headVersion) : direct;
};

/** The @itsm stream version of an event at an EventStoreDB revision. */
export const versionOfRevision = (revision: bigint): number => Number(revision) + 1;

/** The @itsm stream version of a stream whose current revision is `current` (`no_stream` → 0). */
export const versionOfCurrentRevision = (current: bigint | string): number =>
  typeof current === 'bigint' ? Number(current) + 1 : 0;
