import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ExpectedVersion, formatExpectedVersion, satisfiesExpectedVersion } from './expected-version.js';

describe('expected version', () => {
  it('each case holds exactly on the versions it names (fast-check)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 }), (current, exact) => {
        expect(satisfiesExpectedVersion(ExpectedVersion.any, current)).toBe(true);
        expect(satisfiesExpectedVersion(ExpectedVersion.noStream, current)).toBe(current === 0);
        expect(satisfiesExpectedVersion(ExpectedVersion.streamExists, current)).toBe(current >= 1);
        expect(satisfiesExpectedVersion(ExpectedVersion.exact(exact), current)).toBe(exact === current);
        expect(satisfiesExpectedVersion(ExpectedVersion.exact(current), current)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('Exact(0) and NoStream agree; StreamExists is the complement of NoStream', () => {
    for (const current of [0, 1, 2, 50]) {
      expect(satisfiesExpectedVersion(ExpectedVersion.exact(0), current)).toBe(
        satisfiesExpectedVersion(ExpectedVersion.noStream, current),
      );
      expect(satisfiesExpectedVersion(ExpectedVersion.streamExists, current)).toBe(
        !satisfiesExpectedVersion(ExpectedVersion.noStream, current),
      );
    }
  });

  it('formats for error messages', () => {
    expect(
      [ExpectedVersion.any, ExpectedVersion.noStream, ExpectedVersion.streamExists, ExpectedVersion.exact(3)].map(
        formatExpectedVersion,
      ),
    ).toEqual(['Any', 'NoStream', 'StreamExists', 'Exact(3)']);
  });
});
