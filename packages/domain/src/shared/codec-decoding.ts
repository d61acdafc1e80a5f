/**
 * Decoding untrusted input with io-ts, with path-level messages from
 * io-ts-reporters (`data.impact: expected 1 | 2 | 3 but got 7`).
 *
 * @module
 */
import type * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { formatValidationErrors } from 'io-ts-reporters';
import type { MalformedCommand } from './domain-errors.js';

/** Decodes input with a codec; a failure lists every problem with its path. */
export const decodeInput = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): Either<MalformedCommand, A> => {
  const result = codec.decode(input);
  if (result._tag === 'Right') return right(result.right);
  return left({ _tag: 'MalformedCommand', problems: formatValidationErrors(result.left, { truncateLongTypes: true }) });
};

/** Checks data against a codec and returns the problems as one string, or `undefined` when valid. */
export const validationProblems = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): string | undefined => {
  const result = codec.decode(input);
  return result._tag === 'Right'
    ? undefined
    : formatValidationErrors(result.left, { truncateLongTypes: true }).join('; ');
};
