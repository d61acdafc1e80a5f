/**
 * Instants: points in time as ISO-8601 strings with an explicit offset
 * (`2026-03-29T01:30:00Z`, `2026-03-29T03:30:00+02:00`). Zone-less or
 * non-ISO input is refused, so no instant ever depends on the machine's
 * time zone. The domain never reads a clock: instants arrive in commands.
 *
 * @module
 */
import * as t from 'io-ts';
import { Temporal } from 'temporal-polyfill';

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The brand of a valid instant string. */
export interface InstantBrand {
  readonly Instant: unique symbol;
}

/** An ISO-8601 instant with seconds and an offset (codec and type). */
export const Instant = t.brand(
  t.string,
  (value): value is t.Branded<string, InstantBrand> => {
    if (!instantPattern.test(value)) return false;
    try {
      Temporal.Instant.from(value);
      return true;
    } catch {
      return false;
    }
  },
  'Instant',
);
/** An ISO-8601 instant with seconds and an offset. */
export type Instant = t.TypeOf<typeof Instant>;

/** Epoch milliseconds of an instant (for ordering and arithmetic). */
export const instantToEpochMilliseconds = (instant: Instant): number =>
  Temporal.Instant.from(instant).epochMilliseconds;

/** The instant at epoch milliseconds, rendered in UTC. */
export const instantFromEpochMilliseconds = (milliseconds: number): Instant =>
  Temporal.Instant.fromEpochMilliseconds(milliseconds).toString() as Instant;

/** Whether `a` is strictly before `b`. */
export const isBefore = (a: Instant, b: Instant): boolean =>
  instantToEpochMilliseconds(a) < instantToEpochMilliseconds(b);
