import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { EventMetadata } from '@itsm/event-store';
import { esdbEventDataOf, esdbMetadataJsonOf, type EsdbEventMetadata } from './esdb-event-codec.js';

const text = fc.string({ unit: 'binary', minLength: 1 });
const metadataArbitrary: fc.Arbitrary<EventMetadata> = fc
  .record({ actor: text, occurredAt: text, correlationId: text, recordedAt: text })
  .chain((base) =>
    fc
      .option(text, { nil: undefined })
      .map((causationId) => (causationId === undefined ? base : { ...base, causationId })),
  );

describe('EventStoreDB event layout', () => {
  it('writes metadata JSON that parses to the documented layout, any text included (fast-check)', () => {
    fc.assert(
      fc.property(
        metadataArbitrary,
        fc.integer({ min: 1, max: 1000 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (metadata, schemaVersion, hash) => {
          const expected: EsdbEventMetadata = {
            actor: metadata.actor,
            occurredAt: metadata.occurredAt,
            $correlationId: metadata.correlationId,
            ...(metadata.causationId === undefined ? {} : { $causationId: metadata.causationId }),
            recordedAt: metadata.recordedAt,
            schemaVersion,
            hash,
          };
          expect(JSON.parse(esdbMetadataJsonOf(metadata, schemaVersion, hash))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends the metadata as the UTF-8 bytes of that JSON, in a plain Uint8Array (which the client passes through)', () => {
    const metadata: EventMetadata = { actor: 'agent:é', occurredAt: 'o', correlationId: 'c', recordedAt: 'r' };
    const event = { eventId: 'e', type: 'T', schemaVersion: 2, data: { a: 1 }, dataJson: '{"a":1}' };
    const data = esdbEventDataOf(
      { ...event, metadataInput: metadata, metadataInputJson: '' },
      metadata,
      'ab'.repeat(32),
    );
    expect(data.metadata?.constructor).toBe(Uint8Array);
    expect(new TextDecoder().decode(data.metadata as Uint8Array)).toBe(
      esdbMetadataJsonOf(metadata, 2, 'ab'.repeat(32)),
    );
    expect(data).toMatchObject({ id: 'e', type: 'T', contentType: 'application/json', data: { a: 1 } });
  });
});
