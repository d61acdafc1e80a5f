import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { prepareAppend, sealEvent } from './append-preparation.js';
import { canonicalJson } from './canonical-json.js';
import { permissiveEventSchemas } from './event-schemas.js';
import { defaultEventStoreSettings } from './event-store.js';
import { canonicalEventJson, chainHash, GENESIS_HASH } from './hash-chain.js';

const settings = defaultEventStoreSettings(permissiveEventSchemas);

describe('hash chain', () => {
  it('seals with exactly the hash of the canonical event (fast path = slow path)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.uuid({ version: 4 }),
        fc.string({ minLength: 1 }),
        fc.option(fc.string({ unit: 'binary', minLength: 1 }), { nil: undefined }),
        (data, eventId, actor, causationId) => {
          const metadata = {
            actor,
            occurredAt: '2026-01-01T00:00:00Z',
            correlationId: 'c',
            ...(causationId === undefined ? {} : { causationId }),
          };
          const prepared = prepareAppend('incident-42', [{ eventId, type: 'Thing', data, metadata }], settings);
          if (prepared._tag === 'Left') throw new Error(JSON.stringify(prepared.left));
          const event = prepared.right.events[0]!;
          const sealed = sealEvent('incident-42', 3, event, '2026-01-02T00:00:00.000Z', GENESIS_HASH);
          const slow = chainHash(GENESIS_HASH, {
            streamId: 'incident-42',
            streamVersion: 3,
            eventId,
            type: 'Thing',
            schemaVersion: 1,
            data: JSON.parse(event.dataJson),
            metadata: sealed.metadata,
          });
          expect(sealed.hash).toBe(slow);
          expect(sealed.metadata).toEqual({ ...metadata, recordedAt: '2026-01-02T00:00:00.000Z' });
          expect(sealed.metadataJson).toBe(canonicalJson(sealed.metadata));
          expect(canonicalJson(JSON.parse(event.dataJson))).toBe(event.dataJson);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('canonical JSON sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }] })).toBe('{"a":[1,{"c":"x"}],"b":1}');
    expect(
      canonicalEventJson({
        streamId: 's-1',
        streamVersion: 1,
        eventId: 'e',
        type: 'T',
        schemaVersion: 1,
        data: null,
        metadata: { actor: 'a', occurredAt: 'o', correlationId: 'c', recordedAt: 'r' },
      }),
    ).toBe(
      '{"data":null,"eventId":"e","metadata":{"actor":"a","correlationId":"c","occurredAt":"o","recordedAt":"r"},"schemaVersion":1,"streamId":"s-1","streamVersion":1,"type":"T"}',
    );
  });
});
