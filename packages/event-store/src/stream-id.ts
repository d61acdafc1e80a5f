/**
 * Stream ids: `<category>-<id>`, one stream per aggregate instance.
 *
 * The grammar is an ASCII allow-list so that every adapter can store any valid
 * id verbatim: the category is a lower-camel-case word (`incident`,
 * `serviceRequest`), the id is 1–128 characters of `A–Z a–z 0–9 . _ : -`.
 * `$` (reserved by EventStoreDB for system streams), spaces, `/` and anything
 * non-ASCII are refused before any I/O. A whole stream id is at most
 * {@link MAX_STREAM_ID_LENGTH} characters.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { invalidStreamId, type InvalidStreamId } from './errors.js';

/** The longest stream id accepted, in characters. */
export const MAX_STREAM_ID_LENGTH = 161;

const categoryPattern = /^[a-z][a-zA-Z0-9]{0,31}$/;
const idPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** A stream id that passed {@link parseStreamId}; build one with {@link streamIdOf}. */
export type StreamId = string & { readonly __brand: 'StreamId' };

/** The two parts of a stream id. */
export interface StreamIdParts {
  /** The aggregate category before the first `-`, e.g. `incident`. */
  readonly category: string;
  /** The aggregate id after the first `-`. */
  readonly id: string;
}

const describeNonString = (value: unknown): string =>
  typeof value === 'object' && value !== null ? Object.prototype.toString.call(value) : String(value);

/** Validates a whole stream id against the grammar; returns why it is refused. */
export const parseStreamId = (value: unknown): Either<InvalidStreamId, StreamId> => {
  if (typeof value !== 'string')
    // Not String(value): an object's own toString may throw, and this function takes anything.
    return left(invalidStreamId(describeNonString(value), 'stream id must be a string'));
  if (value.length === 0) return left(invalidStreamId(value, 'stream id is empty'));
  if (value.length > MAX_STREAM_ID_LENGTH)
    return left(
      invalidStreamId(value, `stream id is ${value.length} characters, the limit is ${MAX_STREAM_ID_LENGTH}`),
    );
  const dash = value.indexOf('-');
  if (dash < 0) return left(invalidStreamId(value, 'stream id must be <category>-<id>'));
  const category = value.slice(0, dash);
  const id = value.slice(dash + 1);
  if (!categoryPattern.test(category))
    return left(invalidStreamId(value, `category "${category}" must match ${categoryPattern.source}`));
  if (!idPattern.test(id)) return left(invalidStreamId(value, `id part must match ${idPattern.source}`));
  return right(value as StreamId);
};

/** Builds the stream id of one aggregate instance; refuses ids outside the grammar. */
export const streamIdOf = (category: string, id: string): Either<InvalidStreamId, StreamId> =>
  parseStreamId(`${category}-${id}`);

/** Splits a valid stream id into category and id. */
export const streamIdParts = (streamId: StreamId): StreamIdParts => {
  const dash = streamId.indexOf('-');
  return { category: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
};
