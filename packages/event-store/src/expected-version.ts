/**
 * Expected version: the optimistic-concurrency condition of an append.
 *
 * Stream versions count events: a stream with no events is at version 0, its
 * first event has version 1. The union is closed and every adapter enforces
 * each case exactly; a refused append changes nothing.
 *
 * @module
 */

/** Append whatever the stream's version is (no concurrency check). */
export interface AnyVersion {
  readonly _tag: 'Any';
}
/** Append only if the stream has no events. */
export interface NoStream {
  readonly _tag: 'NoStream';
}
/** Append only if the stream has at least one event. */
export interface StreamExists {
  readonly _tag: 'StreamExists';
}
/** Append only if the stream's current version is exactly `version` (0 = no events). */
export interface ExactVersion {
  readonly _tag: 'Exact';
  /** The version the caller read; a non-negative safe integer. */
  readonly version: number;
}

/** The condition an append states about the stream's current version. */
export type ExpectedVersion = AnyVersion | NoStream | StreamExists | ExactVersion;

/** Constructors for {@link ExpectedVersion}. */
export const ExpectedVersion = {
  /** No check. */
  any: { _tag: 'Any' } as ExpectedVersion,
  /** The stream must not exist yet. */
  noStream: { _tag: 'NoStream' } as ExpectedVersion,
  /** The stream must exist. */
  streamExists: { _tag: 'StreamExists' } as ExpectedVersion,
  /** The stream must be exactly at `version`. */
  exact: (version: number): ExpectedVersion => ({ _tag: 'Exact', version }),
} as const;

/** Whether a stream currently at `current` (0 = no events) satisfies `expected`. */
export const satisfiesExpectedVersion = (expected: ExpectedVersion, current: number): boolean => {
  switch (expected._tag) {
    case 'Any':
      return true;
    case 'NoStream':
      return current === 0;
    case 'StreamExists':
      return current > 0;
    case 'Exact':
      return current === expected.version;
  }
};

/** A readable rendering for error messages: `Any`, `NoStream`, `StreamExists`, `Exact(3)`. */
export const formatExpectedVersion = (expected: ExpectedVersion): string =>
  expected._tag === 'Exact' ? `Exact(${expected.version})` : expected._tag;
