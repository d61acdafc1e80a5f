/**
 * Contract: appends are idempotent by event id. Repeating an append after an
 * unknown outcome never duplicates; any other reuse of a stored event id is
 * refused with `EventIdConflict` and writes nothing.
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import { ExpectedVersion } from '@itsm/event-store';
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
  readStream,
  rightOf,
  withSubject,
} from './contract-fixtures.js';

/** Declares the idempotency tests. */
export const idempotencyContract = (open: OpenContractSubject): void => {
  describe('idempotency by event id', () => {
    it('a full replay of an append reports alreadyAppended, returns the stored events and writes nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const events = notes(3);
        const first = rightOf(await store.appendToStream(streamId, events, ExpectedVersion.noStream));
        const head = await headOf(store);
        const again = rightOf(await store.appendToStream(streamId, events, ExpectedVersion.noStream));
        expect(again.alreadyAppended).toBe(true);
        expect(again.nextExpectedVersion).toBe(first.nextExpectedVersion);
        expect(again.lastPosition).toBe(first.lastPosition);
        expect(
          again.events.map((event) => [event.eventId, event.streamVersion, event.globalPosition, event.hash]),
        ).toEqual(first.events.map((event) => [event.eventId, event.streamVersion, event.globalPosition, event.hash]));
        expect(await readStream(store, streamId)).toHaveLength(3);
        expect(await headOf(store)).toBe(head);
      }));

    it('a replay of an earlier append still reports alreadyAppended after later appends to the stream', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const events = notes(2);
        rightOf(await store.appendToStream(streamId, events, ExpectedVersion.exact(0)));
        rightOf(await store.appendToStream(streamId, notes(2), ExpectedVersion.exact(2)));
        const head = await headOf(store);
        const replay = rightOf(await store.appendToStream(streamId, events, ExpectedVersion.exact(0)));
        expect(replay.alreadyAppended).toBe(true);
        expect(replay.events.map((event) => event.streamVersion)).toEqual([1, 2]);
        expect(replay.nextExpectedVersion).toBe(2);
        expect(await readStream(store, streamId)).toHaveLength(4);
        expect(await headOf(store)).toBe(head);
      }));

    it('a partial overlap with stored ids is an EventIdConflict and writes nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const [a, b] = notes(2) as [ReturnType<typeof newEvent>, ReturnType<typeof newEvent>];
        rightOf(await store.appendToStream(streamId, [a, b], ExpectedVersion.noStream));
        const head = await headOf(store);
        const fresh = newEvent(ContractEventType.noted, { text: 'fresh' });
        for (const events of [
          [b, fresh],
          [fresh, a],
          [a, b, fresh],
          [b, a],
        ]) {
          const refused = leftOf(await store.appendToStream(streamId, events, ExpectedVersion.any));
          expect(refused).toMatchObject({ _tag: 'EventIdConflict', streamId });
        }
        expect((await readStream(store, streamId)).map((event) => event.eventId)).toEqual([a.eventId, b.eventId]);
        expect(await headOf(store)).toBe(head);
      }));

    it('the same id with another payload or other metadata is an EventIdConflict and writes nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const original = newEvent(ContractEventType.noted, { text: 'original' });
        rightOf(await store.appendToStream(streamId, [original], ExpectedVersion.noStream));
        const head = await headOf(store);
        const otherData = { ...original, data: { text: 'forged' } };
        const otherType = { ...original, type: ContractEventType.opened, data: { title: 'original' } };
        const otherMetadata = { ...original, metadata: contractMetadata({ actor: 'someone-else' }) };
        for (const forged of [otherData, otherType, otherMetadata]) {
          const refused = leftOf(await store.appendToStream(streamId, [forged], ExpectedVersion.any));
          expect(refused).toMatchObject({ _tag: 'EventIdConflict', streamId, eventId: original.eventId });
        }
        const stream = await readStream(store, streamId);
        expect(stream.map((event) => event.data)).toEqual([{ text: 'original' }]);
        expect(await headOf(store)).toBe(head);
      }));

    it('the same id in another stream is an EventIdConflict and creates nothing there', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const otherStreamId = freshStreamId();
        const event = newEvent(ContractEventType.noted, { text: 'once' });
        rightOf(await store.appendToStream(streamId, [event], ExpectedVersion.noStream));
        const head = await headOf(store);
        const refused = leftOf(await store.appendToStream(otherStreamId, [event], ExpectedVersion.any));
        expect(refused).toMatchObject({ _tag: 'EventIdConflict', streamId: otherStreamId, eventId: event.eventId });
        expect(await readStream(store, otherStreamId)).toEqual([]);
        expect(await headOf(store)).toBe(head);
      }));

    it('racing retries of one append write it once', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const events = notes(2);
        const results = await Promise.all(
          Array.from({ length: 6 }, () => store.appendToStream(streamId, events, ExpectedVersion.noStream)),
        );
        const appended = results.map((result) => rightOf(result));
        expect(appended.filter((result) => !result.alreadyAppended)).toHaveLength(1);
        expect((await readStream(store, streamId)).map((event) => event.eventId)).toEqual(
          events.map((event) => event.eventId),
        );
      }));
  });
};
