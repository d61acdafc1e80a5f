import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_STREAM_ID_LENGTH, parseStreamId, streamIdOf, streamIdParts, type StreamId } from './stream-id.js';

// The grammar written out independently of the parser: the properties compare the two.
const grammar = /^[a-z][a-zA-Z0-9]{0,31}-[A-Za-z0-9._:-]{1,128}$/;
const category = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,31}$/);
const idPart = fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/);
const anyString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.tuple(category, idPart).map(([c, i]) => `${c}-${i}`),
  fc
    .tuple(category, fc.constantFrom('$', ' ', '/', 'é', '\u0000', '-', '_', 'A'), idPart)
    .map(([c, x, i]) => `${c}${x}-${i}`),
);

describe('stream ids', () => {
  it('accepts exactly the strings of the grammar (fast-check)', () => {
    fc.assert(
      fc.property(anyString, (candidate) => {
        expect(parseStreamId(candidate)._tag === 'Right').toBe(grammar.test(candidate));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every category and id inside the grammar, and splits them back (fast-check)', () => {
    fc.assert(
      fc.property(category, idPart, (c, i) => {
        const built = streamIdOf(c, i);
        if (built._tag === 'Left') throw new Error(built.left.reason);
        expect(built.right).toBe(`${c}-${i}`);
        expect(streamIdParts(built.right)).toEqual({ category: c, id: i });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses with a reason naming what is wrong', () => {
    const reasonOf = (value: unknown) => {
      const parsed = parseStreamId(value);
      if (parsed._tag === 'Right') throw new Error(`${String(value)} was accepted`);
      expect(parsed.left._tag).toBe('InvalidStreamId');
      return parsed.left.reason;
    };
    expect(reasonOf('')).toMatch(/empty/);
    expect(reasonOf('incident')).toMatch(/<category>-<id>/);
    expect(reasonOf('$all')).toMatch(/<category>-<id>/);
    expect(reasonOf('$et-incident')).toMatch(/category "\$et"/);
    expect(reasonOf('Incident-1')).toMatch(/category "Incident"/);
    expect(reasonOf('incident-')).toMatch(/id part/);
    expect(reasonOf('incident-a b')).toMatch(/id part/);
    expect(reasonOf('incident-ünicode')).toMatch(/id part/);
    expect(reasonOf(`incident-${'x'.repeat(160)}`)).toMatch(/limit is 161/);
    expect(reasonOf(42)).toMatch(/must be a string/);
    expect(reasonOf(undefined)).toMatch(/must be a string/);
    // Anything at all is refused as a value, even an object whose toString throws.
    expect(
      reasonOf({
        toString: () => {
          throw new Error('no');
        },
      }),
    ).toMatch(/must be a string/);
    expect(reasonOf(Symbol('s'))).toMatch(/must be a string/);
  });

  it('bounds the whole id at MAX_STREAM_ID_LENGTH characters', () => {
    const longest = `${'c'.repeat(32)}-${'i'.repeat(128)}`;
    expect(longest).toHaveLength(MAX_STREAM_ID_LENGTH);
    expect(parseStreamId(longest)._tag).toBe('Right');
    expect(parseStreamId(`${'c'.repeat(33)}-1`)._tag).toBe('Left');
    expect(parseStreamId(`c-${'i'.repeat(129)}`)._tag).toBe('Left');
  });

  it('keeps the id part whole when it contains dashes', () => {
    expect(streamIdParts('serviceRequest-SR-2026-001' as StreamId)).toEqual({
      category: 'serviceRequest',
      id: 'SR-2026-001',
    });
  });
});
