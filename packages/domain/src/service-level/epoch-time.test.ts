import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { epochMillisecondsOf, instantOfEpochMilliseconds } from './epoch-time.js';

const instants = fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') });
const offsets = fc.integer({ min: -14 * 60, max: 14 * 60 }).map((minutes) => minutes * 60 * 1e9);

describe('epoch time conversions', () => {
  it('renders exactly what toISOString renders', () => {
    fc.assert(
      fc.property(instants, (milliseconds) => {
        expect(instantOfEpochMilliseconds(milliseconds)).toBe(new Date(milliseconds).toISOString());
      }),
      { numRuns: 2_000 },
    );
  });

  it('parses instants with any offset and fraction exactly as Temporal does (to the millisecond)', () => {
    fc.assert(
      fc.property(
        instants,
        offsets,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 999_999 }),
        (milliseconds, offset, fractionDigits, extra) => {
          const offsetText = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 3.6e12)).padStart(2, '0')}:${String((Math.abs(offset) / 6e10) % 60).padStart(2, '0')}`;
          const zoned = Temporal.Instant.fromEpochNanoseconds(
            BigInt(milliseconds) * 1_000_000n + BigInt(extra),
          ).toZonedDateTimeISO(offsetText);
          const text = zoned.toString({
            timeZoneName: 'never',
            fractionalSecondDigits: fractionDigits === 0 ? 0 : (fractionDigits as 1),
          });
          // Sub-millisecond digits are dropped: floor, also before 1970.
          const nanoseconds = Temporal.Instant.from(text).epochNanoseconds;
          const floored = nanoseconds / 1_000_000n - (nanoseconds % 1_000_000n < 0n ? 1n : 0n);
          expect(epochMillisecondsOf(text)).toBe(Number(floored));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('falls back to Temporal for unusual strings', () => {
    expect(epochMillisecondsOf('2026-03-29T01:30:00+00:00')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    expect(epochMillisecondsOf('+010000-01-01T00:00:00Z')).toBe(
      Temporal.Instant.from('+010000-01-01T00:00:00Z').epochMilliseconds,
    );
  });
});
