import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  isIsoInstant,
  metadataInputJsonOf,
  prepareAppend,
  replayVerdict,
  type PreparedAppend,
  type StoredEventIdentity,
} from './append-preparation.js';
import { canonicalJson } from './canonical-json.js';
import { createEventSchemaRegistry } from './event-schemas.js';
import { defaultEventStoreSettings, type EventStoreSettings } from './event-store.js';
import type { NewEvent } from './events.js';
import { ExpectedVersion } from './expected-version.js';

const settings: EventStoreSettings = {
  ...defaultEventStoreSettings(
    createEventSchemaRegistry([{ type: 'Noted', schemaVersion: 2, upcasters: { 1: (d) => d } }]),
  ),
  maxPayloadBytes: 512,
};
const metadata = { actor: 'alice', occurredAt: '2026-01-01T09:00:00+01:00', correlationId: 'c-1' };
const noted = (text: string, id: string = randomUUID()): NewEvent => ({
  eventId: id,
  type: 'Noted',
  data: { text },
  metadata,
});

const prepared = (events: readonly NewEvent[], streamId = 'ticket-1'): PreparedAppend => {
  const result = prepareAppend(streamId, events, settings);
  if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
  return result.right;
};

describe('prepareAppend', () => {
  it('serialises data canonically, writes the current schema version and keeps only known metadata', () => {
    const event = {
      ...noted('hi'),
      data: { b: 1, a: 'x' },
      metadata: { ...metadata, extra: 'dropped' } as typeof metadata,
    };
    const [result] = prepared([event]).events;
    expect(result).toMatchObject({ dataJson: '{"a":"x","b":1}', schemaVersion: 2, metadataInput: metadata });
  });

  it('checks the stream id first, then each event in order, naming the index', () => {
    expect(prepareAppend('bad id', [{ ...noted('x'), eventId: 'nope' }], settings)).toMatchObject({
      left: { _tag: 'InvalidStreamId' },
    });
    const result = prepareAppend(
      'ticket-1',
      [noted('ok'), { ...noted('x'), eventId: 'NOT-A-UUID' }, { ...noted('y'), type: 'Unknown' }],
      settings,
    );
    expect(result).toMatchObject({ left: { _tag: 'InvalidEvent', streamId: 'ticket-1', index: 1 } });
  });

  it('refuses uppercase UUIDs, since ids are compared as strings', () => {
    expect(prepareAppend('ticket-1', [noted('x', randomUUID().toUpperCase())], settings)).toMatchObject({
      left: { _tag: 'InvalidEvent', index: 0 },
    });
  });

  it('counts payload bytes as UTF-8 over data and metadata, before asking the registry', () => {
    const big = { ...noted('é'.repeat(250)), type: 'NotEvenRegistered' };
    const result = prepareAppend('ticket-1', [big], settings);
    expect(result).toMatchObject({ left: { _tag: 'PayloadTooLarge', eventId: big.eventId, limit: 512 } });
    if (result._tag === 'Left' && result.left._tag === 'PayloadTooLarge')
      expect(result.left.bytes).toBeGreaterThan(500);
  });

  it('accepts any JSON data under the cap (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (data) => {
        const result = prepareAppend('ticket-1', [{ ...noted(''), data }], { ...settings, maxPayloadBytes: 1_000_000 });
        expect(result._tag).toBe('Right');
      }),
      { numRuns: 300 },
    );
  });
});

describe('metadataInputJsonOf', () => {
  it('writes what canonicalJson writes for the same metadata, with and without a causation id (fast-check)', () => {
    const text = fc.string({ unit: 'binary', minLength: 1 });
    fc.assert(
      fc.property(
        text,
        text,
        text,
        fc.option(text, { nil: undefined }),
        (actor, occurredAt, correlationId, causationId) => {
          const input =
            causationId === undefined
              ? { actor, occurredAt, correlationId }
              : { actor, occurredAt, correlationId, causationId };
          expect(metadataInputJsonOf(input)).toBe(canonicalJson(input));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isIsoInstant', () => {
  it('accepts instants with seconds and an offset', () => {
    for (const value of [
      '2026-01-01T00:00:00Z',
      '2026-03-29T01:30:00.250+02:00',
      '2024-02-29T23:59:59.123456789-05:30',
      '2026-12-31T23:59:59Z',
    ])
      expect(isIsoInstant(value)).toBe(true);
  });

  it('refuses local times, dates, impossible dates and other strings', () => {
    for (const value of [
      '2026-01-01T00:00:00',
      '2026-01-01',
      '2026-01-01T00:00Z',
      '2026-02-30T10:00:00Z',
      '2025-02-29T10:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      'now',
      42,
      null,
    ])
      expect(isIsoInstant(value)).toBe(false);
  });

  it('accepts every real instant in ISO form (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        (date) => {
          expect(isIsoInstant(date.toISOString())).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('replayVerdict', () => {
  const storedFrom = (append: PreparedAppend, firstVersion: number, streamId: string = append.streamId) =>
    new Map<string, StoredEventIdentity>(
      append.events.map((event, index) => [
        event.eventId,
        {
          streamId,
          streamVersion: firstVersion + index,
          type: event.type,
          dataJson: event.dataJson,
          metadata: event.metadataInput,
        },
      ]),
    );

  it('is New when no id is stored', () => {
    expect(replayVerdict(prepared([noted('a')]), ExpectedVersion.noStream, new Map())).toEqual({ _tag: 'New' });
  });

  it('is AlreadyAppended for the same events, contiguous, in order, where the expected version held', () => {
    const append = prepared([noted('a'), noted('b')]);
    expect(replayVerdict(append, ExpectedVersion.exact(4), storedFrom(append, 5))).toEqual({
      _tag: 'AlreadyAppended',
      firstVersion: 5,
    });
    expect(replayVerdict(append, ExpectedVersion.any, storedFrom(append, 5))).toEqual({
      _tag: 'AlreadyAppended',
      firstVersion: 5,
    });
    expect(replayVerdict(append, ExpectedVersion.streamExists, storedFrom(append, 5))).toEqual({
      _tag: 'AlreadyAppended',
      firstVersion: 5,
    });
    expect(replayVerdict(append, ExpectedVersion.noStream, storedFrom(append, 1))).toEqual({
      _tag: 'AlreadyAppended',
      firstVersion: 1,
    });
  });

  it('is a Conflict for every other overlap', () => {
    const [a, b, c] = [noted('a'), noted('b'), noted('c')];
    const stored = storedFrom(prepared([a!, b!]), 1);
    const reason = (events: NewEvent[], expected = ExpectedVersion.any, store = stored) => {
      const verdict = replayVerdict(prepared(events), expected, store);
      if (verdict._tag !== 'Conflict') throw new Error(`not a conflict: ${verdict._tag}`);
      expect(verdict.error._tag).toBe('EventIdConflict');
      return verdict.error.reason;
    };
    expect(reason([a!, b!, c!])).toMatch(/partial replay/);
    expect(reason([c!, a!])).toMatch(/new while other events/);
    expect(reason([b!, a!])).toMatch(/another place/);
    expect(reason([b!], ExpectedVersion.noStream)).toMatch(/another expected version/);
    expect(reason([{ ...a!, data: { text: 'changed' } }])).toMatch(/different content/);
    expect(reason([{ ...a!, metadata: { ...metadata, causationId: 'x' } }])).toMatch(/different content/);
    expect(reason([a!, b!], ExpectedVersion.exact(3))).toMatch(/another expected version/);
    expect(reason([a!, b!], ExpectedVersion.streamExists)).toMatch(/another expected version/);
    expect(reason([a!, b!], ExpectedVersion.any, storedFrom(prepared([a!, b!]), 1, 'ticket-2'))).toMatch(
      /stream ticket-2/,
    );
  });
});
