/**
 * Contract: what is refused before any I/O. Stream ids outside the grammar
 * (checked with fast-check on both sides of the grammar), malformed events
 * and oversized payloads are refused with a typed error and nothing is
 * written.
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import { ExpectedVersion, MAX_STREAM_ID_LENGTH, type EventStore, type NewEvent } from '@itsm/event-store';
import fc from 'fast-check';
import type { OpenContractSubject } from './contract-subject.js';
import {
  ContractEventType,
  contractMetadata,
  contractSettings,
  freshStreamId,
  headOf,
  leftOf,
  newEvent,
  notes,
  readFailure,
  readStream,
  rightOf,
  withSubject,
} from './contract-fixtures.js';

/** The stream id grammar, written out independently of the kernel's parser. */
const streamIdGrammar = /^[a-z][a-zA-Z0-9]{0,31}-[A-Za-z0-9._:-]{1,128}$/;

const validStreamId = fc
  .tuple(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,31}$/), fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/))
  .map(([category, id]) => `${category}-${id}`);

/** Strings just outside the grammar (one forbidden character, one too many) and arbitrary strings that miss it. */
const invalidStreamId = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 200 }),
    fc
      .tuple(
        validStreamId,
        fc.nat(),
        fc.constantFrom('$', ' ', '/', '\\', 'é', '\u0000', '\n', '#', '?', '*', '%', '🙂', '\u200b'),
      )
      .map(([id, at, forbidden]) => {
        const index = at % (id.length + 1);
        return `${id.slice(0, index)}${forbidden}${id.slice(index)}`;
      }),
    fc.stringMatching(/^[A-Z0-9_.:][a-zA-Z0-9]{0,10}-[a-z0-9]{1,10}$/),
    fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/),
    fc.stringMatching(/^[a-z][a-zA-Z0-9]{32,40}-[a-z0-9]{1,10}$/),
    fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}-[A-Za-z0-9._:-]{129,140}$/),
    fc.constantFrom('', '-', 'incident-', '-42', '$all', '$et-incident', 'incident-$1', 'incident 42', 'Incident-1'),
  )
  .filter((candidate) => !streamIdGrammar.test(candidate));

/** Asserts an append is refused with `InvalidEvent` at `index` and nothing is written. */
const expectInvalidEvent = async (store: EventStore, events: readonly NewEvent[], index: number, reason: RegExp) => {
  const streamId = freshStreamId();
  const head = await headOf(store);
  const refused = leftOf(await store.appendToStream(streamId, events, ExpectedVersion.any));
  expect(refused).toMatchObject({ _tag: 'InvalidEvent', streamId, index });
  expect((refused as { reason: string }).reason).toMatch(reason);
  expect(await readStream(store, streamId)).toEqual([]);
  expect(await headOf(store)).toBe(head);
};

/** Declares the stream id, malformed event and payload cap tests. */
export const eventValidationContract = (open: OpenContractSubject): void => {
  describe('stream ids', () => {
    it('accepts every id inside the grammar, verbatim (fast-check)', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        await fc.assert(
          fc.asyncProperty(validStreamId, async (streamId) => {
            const appended = rightOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.any));
            const stream = await readStream(store, streamId);
            expect(stream.at(-1)?.eventId).toBe(appended.events[0]?.eventId);
            expect(stream.every((event) => event.streamId === streamId)).toBe(true);
          }),
          { numRuns: 60 },
        );
        // The bounds of the grammar themselves.
        const longest = `${'c'.repeat(32)}-${'i'.repeat(128)}`;
        expect(longest).toHaveLength(MAX_STREAM_ID_LENGTH);
        for (const streamId of [longest, 'a-1', 'serviceRequest-SR.2026:00_1-b'])
          rightOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.any));
      }));

    it('refuses every id outside the grammar with InvalidStreamId, writing nothing (fast-check)', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const head = await headOf(store);
        await fc.assert(
          fc.asyncProperty(invalidStreamId, async (streamId) => {
            const refused = leftOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.any));
            expect(refused).toMatchObject({ _tag: 'InvalidStreamId', streamId });
            expect(typeof (refused as { reason: unknown }).reason).toBe('string');
          }),
          { numRuns: 300 },
        );
        expect(await headOf(store)).toBe(head);
      }));

    it('refuses to read a stream whose id is outside the grammar with InvalidStreamId', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        for (const streamId of ['$all', 'incident 1', 'incident-ünicode', ''])
          expect(await readFailure(() => readStream(store, streamId))).toMatchObject({
            _tag: 'InvalidStreamId',
            streamId,
          });
      }));
  });

  describe('malformed events', () => {
    const valid = () => newEvent(ContractEventType.noted, { text: 'fine' });

    it('refuses an event id that is not a UUID', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        await expectInvalidEvent(store, [valid(), { ...valid(), eventId: 'not-a-uuid' }], 1, /eventId/);
        await expectInvalidEvent(store, [{ ...valid(), eventId: '' }], 0, /eventId/);
      }));

    it('refuses an append that repeats an event id', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const event = valid();
        await expectInvalidEvent(store, [event, valid(), { ...event, data: { text: 'twice' } }], 2, /twice/);
      }));

    it('refuses an event type the registry does not know, and data the registry finds invalid', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        await expectInvalidEvent(
          store,
          [valid(), newEvent('ContractNeverRegistered', {})],
          1,
          /ContractNeverRegistered/,
        );
        await expectInvalidEvent(store, [newEvent(ContractEventType.noted, { text: 42 })], 0, /text/);
      }));

    it('refuses data with no JSON form: a function, NaN, Infinity, a bigint, a Date', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        for (const data of [
          { run: () => 1 },
          { amount: Number.NaN },
          [Number.POSITIVE_INFINITY],
          { big: 1n },
          { at: new Date(0) },
        ])
          await expectInvalidEvent(store, [newEvent(ContractEventType.recorded, data)], 0, /JSON/);
      }));

    it('refuses metadata without an ISO-8601 instant with offset, an actor or a correlation id', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        for (const occurredAt of ['yesterday', '2026-03-29 10:00', '2026-03-29T10:00:00', '2026-02-30T10:00:00Z', ''])
          await expectInvalidEvent(
            store,
            [newEvent(ContractEventType.noted, { text: 'x' }, contractMetadata({ occurredAt }))],
            0,
            /occurredAt/,
          );
        await expectInvalidEvent(
          store,
          [newEvent(ContractEventType.noted, { text: 'x' }, contractMetadata({ actor: '' }))],
          0,
          /actor/,
        );
        await expectInvalidEvent(
          store,
          [newEvent(ContractEventType.noted, { text: 'x' }, contractMetadata({ correlationId: '' }))],
          0,
          /correlationId/,
        );
      }));

    it('refuses an empty append', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        expect(leftOf(await store.appendToStream(streamId, [], ExpectedVersion.any))).toMatchObject({
          _tag: 'InvalidEvent',
          streamId,
        });
        expect(await readStream(store, streamId)).toEqual([]);
      }));
  });

  describe('payload cap', () => {
    it('refuses an event whose data and metadata exceed maxPayloadBytes with PayloadTooLarge, writing nothing of the append', () =>
      withSubject(open, contractSettings({ maxPayloadBytes: 1024 }), async ({ store }) => {
        const streamId = freshStreamId();
        const head = await headOf(store);
        const large = newEvent(ContractEventType.recorded, { blob: 'x'.repeat(2000) });
        const refused = leftOf(await store.appendToStream(streamId, [...notes(1), large], ExpectedVersion.any));
        expect(refused).toMatchObject({
          _tag: 'PayloadTooLarge',
          streamId,
          eventId: large.eventId,
          type: ContractEventType.recorded,
          limit: 1024,
        });
        expect((refused as { bytes: number }).bytes).toBeGreaterThan(2000);
        // Multi-byte characters count as bytes, not characters.
        const wide = newEvent(ContractEventType.recorded, { blob: 'é'.repeat(600) });
        expect(leftOf(await store.appendToStream(streamId, [wide], ExpectedVersion.any))).toMatchObject({
          _tag: 'PayloadTooLarge',
        });
        expect(await readStream(store, streamId)).toEqual([]);
        expect(await headOf(store)).toBe(head);
        // Under the cap is fine.
        rightOf(
          await store.appendToStream(
            streamId,
            [newEvent(ContractEventType.recorded, { blob: 'x'.repeat(700) })],
            ExpectedVersion.any,
          ),
        );
      }));
  });
};
