import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  createEventSchemaRegistry,
  mergeEventSchemas,
  permissiveEventSchemas,
  type EventSchema,
  type Upcaster,
} from './event-schemas.js';

/** A schema whose upcaster from v to v+1 appends `v` to `data.trail`, so the steps applied are visible. */
const trailSchema = (current: number): EventSchema => {
  const upcasters: Record<number, Upcaster> = {};
  for (let v = 1; v < current; v++) upcasters[v] = (data) => ({ trail: [...(data as { trail: number[] }).trail, v] });
  return { type: 'Traced', schemaVersion: current, upcasters };
};

describe('event schema registry', () => {
  it('upcasts any stored version through every later step, in order, to the current version (fast-check)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((current) => fc.tuple(fc.constant(current), fc.integer({ min: 1, max: current }))),
        ([current, stored]) => {
          const registry = createEventSchemaRegistry([trailSchema(current)]);
          const decoded = registry.decode('Traced', stored, { trail: [] });
          expect(decoded).toEqual({
            _tag: 'Right',
            right: {
              schemaVersion: current,
              data: { trail: Array.from({ length: current - stored }, (_, index) => stored + index) },
            },
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('composes upcasters: decoding v1 equals decoding the v2 that v1 upcasts to (fast-check)', () => {
    const registry = createEventSchemaRegistry([
      {
        type: 'Renamed',
        schemaVersion: 3,
        upcasters: {
          1: (data) => ({ title: (data as { name: string }).name }),
          2: (data) => ({ ...(data as object), language: 'en' }),
        },
      },
    ]);
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(registry.decode('Renamed', 1, { name })).toEqual(registry.decode('Renamed', 2, { title: name }));
      }),
      { numRuns: 200 },
    );
  });

  it('writes new events with the current version and validates their data', () => {
    const registry = createEventSchemaRegistry([
      {
        ...trailSchema(3),
        validate: (data) => (Array.isArray((data as { trail?: unknown }).trail) ? undefined : 'trail must be an array'),
      },
    ]);
    expect(registry.schemaVersionFor('Traced', { trail: [] })).toEqual({ _tag: 'Right', right: 3 });
    expect(registry.schemaVersionFor('Traced', {})).toEqual({
      _tag: 'Left',
      left: 'Traced data is invalid: trail must be an array',
    });
    expect(registry.schemaVersionFor('Unknown', {})).toEqual({
      _tag: 'Left',
      left: 'event type "Unknown" is not registered',
    });
  });

  it('validates data after upcasting on read', () => {
    const registry = createEventSchemaRegistry([
      {
        type: 'Checked',
        schemaVersion: 2,
        upcasters: { 1: (data) => data },
        validate: (data) => (typeof data === 'string' ? undefined : 'not a string'),
      },
    ]);
    expect(registry.decode('Checked', 1, 'fine')._tag).toBe('Right');
    expect(registry.decode('Checked', 1, 5)).toEqual({
      _tag: 'Left',
      left: 'data does not match Checked v2: not a string',
    });
  });

  it('turns an upcaster that cannot handle stored data into a reason, not an exception', () => {
    const registry = createEventSchemaRegistry([
      {
        type: 'Renamed',
        schemaVersion: 2,
        upcasters: { 1: (data) => ({ title: (data as { name: { trim: () => string } }).name.trim() }) },
      },
    ]);
    expect(registry.decode('Renamed', 1, { name: ' x ' })).toEqual({
      _tag: 'Right',
      right: { schemaVersion: 2, data: { title: 'x' } },
    });
    const failed = registry.decode('Renamed', 1, {});
    expect(failed._tag).toBe('Left');
    if (failed._tag === 'Left') expect(failed.left).toMatch(/^the upcaster from Renamed v1 failed: /);
  });

  it('refuses unknown types and versions on read with a reason naming them', () => {
    const registry = createEventSchemaRegistry([trailSchema(2)]);
    expect(registry.decode('Other', 1, {})).toEqual({ _tag: 'Left', left: 'unknown event type "Other"' });
    for (const version of [0, 3, 1.5, -1, Number.NaN])
      expect(registry.decode('Traced', version, { trail: [] })).toEqual({
        _tag: 'Left',
        left: `unknown schema version ${version} of Traced (current is 2)`,
      });
  });

  it('refuses a malformed registry when it is built (a bug, so it throws)', () => {
    expect(() => createEventSchemaRegistry([{ type: 'Gap', schemaVersion: 3, upcasters: { 1: (d) => d } }])).toThrow(
      /missing upcaster from v2 to v3/,
    );
    expect(() => createEventSchemaRegistry([{ type: 'Zero', schemaVersion: 0 }])).toThrow(/integer ≥ 1/);
    expect(() =>
      createEventSchemaRegistry([
        { type: 'Twice', schemaVersion: 1 },
        { type: 'Twice', schemaVersion: 1 },
      ]),
    ).toThrow(/registered twice/);
    expect(() =>
      mergeEventSchemas(
        [{ type: 'A', schemaVersion: 1 }],
        [{ type: 'A', schemaVersion: 2, upcasters: { 1: (d) => d } }],
      ),
    ).toThrow(/registered twice/);
  });

  it('merges the schemas of several modules', () => {
    const registry = mergeEventSchemas([{ type: 'A', schemaVersion: 1 }], [{ type: 'B', schemaVersion: 1 }]);
    expect(registry.schemaVersionFor('A', null)._tag).toBe('Right');
    expect(registry.schemaVersionFor('B', null)._tag).toBe('Right');
    expect(registry.schemaVersionFor('C', null)._tag).toBe('Left');
  });

  it('the permissive registry reads anything as stored', () => {
    const data = { any: 'thing' };
    expect(permissiveEventSchemas.decode('Whatever', 7, data)).toEqual({
      _tag: 'Right',
      right: { schemaVersion: 7, data },
    });
    expect(permissiveEventSchemas.schemaVersionFor('Whatever', data)).toEqual({ _tag: 'Right', right: 1 });
  });
});
