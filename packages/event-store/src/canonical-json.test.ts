import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

/** The same value with every object's keys in reverse insertion order. */
const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const reversed: Record<string, unknown> = {};
  // defineProperty, because assigning "__proto__" would set the prototype instead of a member.
  for (const key of Object.keys(value).reverse())
    Object.defineProperty(reversed, key, {
      value: reversedKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return reversed;
};

/** The definition, written the plain way: sorted keys mapped and joined. */
const referenceCanonicalJson = (value: unknown): string => {
  if (Array.isArray(value))
    return `[${Array.from(value as unknown[], (item) => (item === undefined ? 'null' : referenceCanonicalJson(item))).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${referenceCanonicalJson(record[key])}`).join(',')}}`;
};

describe('canonical JSON', () => {
  it('writes exactly what the plain definition writes, undefined members and odd keys included (fast-check)', () => {
    const member = fc.option(fc.jsonValue(), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ unit: 'binary' }), member)), fc.jsonValue(), (objects, value) => {
        expect(canonicalJson(objects)).toBe(referenceCanonicalJson(objects));
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: parsing and serialising again yields the same text (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not depend on key insertion order (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reversedKeys(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('is valid JSON meaning the same value (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units, has no whitespace, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { z: [1, 'x', null], é: true, B: false }, c: undefined })).toBe(
      '{"a":{"B":false,"z":[1,"x",null],"é":true},"b":1}',
    );
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    // Holes of sparse arrays are null, as in JSON.stringify.
    expect(canonicalJson(new Array<unknown>(2))).toBe('[null,null]');
    expect(canonicalJson({ list: Object.assign(new Array<unknown>(3), { 1: 'x' }) })).toBe('{"list":[null,"x",null]}');
    expect(canonicalJson(Object.create(null) as object)).toBe('{}');
  });

  it('writes numbers in the shortest round-trip form', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.1 + 0.2, 2 ** 53])).toBe(
      '[1e+21,1e-7,0,0.30000000000000004,9007199254740992]',
    );
  });

  it('refuses values with no JSON form', () => {
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1n,
      () => 1,
      Symbol('s'),
      undefined,
      new Date(0),
      new Map(),
      { nested: [Number.NaN] },
    ])
      expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});
