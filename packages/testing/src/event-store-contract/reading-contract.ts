/**
 * Contract: reading. Events come back exactly as appended (data, metadata,
 * `recordedAt` from the store's clock); `readStream` is in version order from
 * any version; `readAll` is in strictly increasing global position order, is
 * exactly the union of the streams, resumes after any position, and both
 * read in batches across more than a thousand events.
 *
 * Global positions are not required to be contiguous (EventStoreDB's are log
 * offsets); "no gaps that fill later" is checked as: every event appended
 * before a read is in it, and reading again after any position yields exactly
 * the rest.
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import { ExpectedVersion, canonicalJson, isIsoInstant, type RecordedEvent } from '@itsm/event-store';
import fc from 'fast-check';
import type { OpenContractSubject } from './contract-subject.js';
import {
  ContractEventType,
  collect,
  contractMetadata,
  contractSettings,
  freshStreamId,
  headOf,
  newEvent,
  notes,
  readStream,
  rightOf,
  SLOW_TEST_TIMEOUT_MS,
  withSubject,
} from './contract-fixtures.js';

const positions = (events: readonly RecordedEvent[]) => events.map((event) => event.globalPosition);

const expectStrictlyIncreasing = (values: readonly number[]) => {
  for (let index = 1; index < values.length; index++)
    if (!(values[index]! > values[index - 1]!))
      throw new Error(
        `position ${values[index]} follows ${values[index - 1]} at index ${index}: not strictly increasing`,
      );
};

/** Declares the reading tests. */
export const readingContract = (open: OpenContractSubject): void => {
  describe('reading', () => {
    it('returns events as appended: ids, types, data, metadata verbatim, recordedAt from the store clock', () => {
      const recordedAt = new Date('2031-05-06T07:08:09.123Z');
      return withSubject(open, contractSettings({ now: () => recordedAt }), async ({ store }) => {
        const streamId = freshStreamId();
        const withCause = newEvent(
          ContractEventType.opened,
          { title: 'Printer on fire 🔥 — ünïcode' },
          contractMetadata({ causationId: 'command-1' }),
        );
        const withoutCause = newEvent(ContractEventType.recorded, {
          nested: { list: [1, 2.5, -3e-7, null, true, 'x'] },
          empty: {},
        });
        const appended = rightOf(
          await store.appendToStream(streamId, [withCause, withoutCause], ExpectedVersion.noStream),
        );
        const stream = await readStream(store, streamId);
        expect(stream).toEqual(appended.events);
        expect(appended.lastPosition).toBe(stream[1]?.globalPosition);
        for (const [index, input] of [withCause, withoutCause].entries()) {
          const event = stream[index]!;
          expect(event).toMatchObject({
            eventId: input.eventId,
            streamId,
            streamVersion: index + 1,
            type: input.type,
            schemaVersion: 1,
          });
          expect(event.data).toEqual(input.data);
          expect(event.asStored).toBeUndefined();
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
          const { recordedAt: recorded, ...given } = event.metadata;
          expect(given).toEqual(input.metadata);
          expect(isIsoInstant(recorded)).toBe(true);
          expect(new Date(recorded).getTime()).toBe(recordedAt.getTime());
        }
        expect(stream[0]!.metadata.causationId).toBe('command-1');
        expect('causationId' in stream[1]!.metadata).toBe(false);
      });
    });

    it('round-trips any JSON data (fast-check)', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        await fc.assert(
          fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (data) => {
            const appended = rightOf(
              await store.appendToStream(streamId, [newEvent(ContractEventType.recorded, data)], ExpectedVersion.any),
            );
            const version = appended.nextExpectedVersion;
            const [event] = await readStream(store, streamId, version);
            expect(canonicalJson(event?.data)).toBe(canonicalJson(data));
            expect(canonicalJson(appended.events[0]?.data)).toBe(canonicalJson(data));
          }),
          { numRuns: 100 },
        );
        // Holes of sparse arrays are stored as null, as JSON.stringify would write them.
        const sparse = rightOf(
          await store.appendToStream(
            streamId,
            [newEvent(ContractEventType.recorded, { list: Object.assign(new Array<unknown>(3), { 1: 'x' }) })],
            ExpectedVersion.any,
          ),
        );
        const [stored] = await readStream(store, streamId, sparse.nextExpectedVersion);
        expect(stored?.data).toEqual({ list: [null, 'x', null] });
      }));

    it('hands out copies: changing an event read does not change the store', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const appended = rightOf(
          await store.appendToStream(
            streamId,
            [newEvent(ContractEventType.recorded, { list: [1] })],
            ExpectedVersion.any,
          ),
        );
        (appended.events[0]!.data as { list: number[] }).list.push(2);
        const [read] = await readStream(store, streamId);
        expect(read!.data).toEqual({ list: [1] });
        (read!.data as { list: number[] }).list.push(3);
        (read!.metadata as { actor: string }).actor = 'mallory';
        const [again] = await readStream(store, streamId);
        expect(again!.data).toEqual({ list: [1] });
        expect(again!.metadata.actor).toBe('contract-suite');
      }));

    it('readStream reads from any version; an unknown stream or a version past the end reads nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        rightOf(await store.appendToStream(streamId, notes(5), ExpectedVersion.noStream));
        const versions = async (from?: number) =>
          (await readStream(store, streamId, from)).map((event) => event.streamVersion);
        expect(await versions()).toEqual([1, 2, 3, 4, 5]);
        expect(await versions(1)).toEqual([1, 2, 3, 4, 5]);
        expect(await versions(3)).toEqual([3, 4, 5]);
        expect(await versions(5)).toEqual([5]);
        expect(await versions(6)).toEqual([]);
        expect(await readStream(store, freshStreamId())).toEqual([]);
      }));

    it('readAll is in strictly increasing position order and is exactly the union of the streams', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const start = await headOf(store);
        const streamIds = Array.from({ length: 5 }, () => freshStreamId());
        // Interleave appends of 1–3 events over the streams in a fixed pseudo-random order.
        let appended = 0;
        for (let index = 0; index < 40; index++)
          appended += rightOf(
            await store.appendToStream(streamIds[(index * 7) % 5]!, notes(1 + (index % 3)), ExpectedVersion.any),
          ).events.length;
        const all = await collect(store.readAll(start));
        expectStrictlyIncreasing(positions(all));
        expect(all.every((event) => event.globalPosition > start)).toBe(true);
        expect(all).toHaveLength(appended);
        const ours = all.filter((event) => streamIds.includes(event.streamId));
        expect(ours).toHaveLength(all.length);
        for (const streamId of streamIds) {
          const stream = await readStream(store, streamId);
          expect(all.filter((event) => event.streamId === streamId)).toEqual(stream);
        }
        expect(await headOf(store)).toBe(all.at(-1)?.globalPosition);
      }));

    it('readAll(after) resumes exactly after any position it yielded, and after the head reads nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const start = await headOf(store);
        const a = freshStreamId();
        const b = freshStreamId();
        for (let index = 0; index < 10; index++)
          rightOf(await store.appendToStream(index % 2 ? a : b, notes(2), ExpectedVersion.any));
        const all = await collect(store.readAll(start));
        for (const [index, event] of all.entries())
          expect(positions(await collect(store.readAll(event.globalPosition)))).toEqual(
            positions(all.slice(index + 1)),
          );
        expect(await collect(store.readAll(await headOf(store)))).toEqual([]);
        // Reading again yields the same log: nothing appeared in between.
        expect(await collect(store.readAll(start))).toEqual(all);
      }));

    it('a reader tailing readAll while appends race misses nothing: no gap is filled later', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const start = await headOf(store);
        let writing = true;
        const seen: number[] = [];
        const reader = (async () => {
          let after = start;
          for (;;) {
            const lastPass = !writing;
            for await (const event of store.readAll(after)) {
              seen.push(event.globalPosition);
              after = event.globalPosition;
            }
            if (lastPass) return;
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        })();
        const writers = Array.from({ length: 4 }, async (_, writer) => {
          const streamId = freshStreamId();
          for (let index = 0; index < 25; index++)
            rightOf(await store.appendToStream(streamId, notes(1 + ((index + writer) % 2)), ExpectedVersion.any));
        });
        try {
          await Promise.all(writers);
        } finally {
          writing = false;
        }
        await reader;
        expectStrictlyIncreasing(seen);
        expect(seen).toEqual(positions(await collect(store.readAll(start))));
      }));

    it('headPosition is the position of the last event appended', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const before = await headOf(store);
        const appended = rightOf(await store.appendToStream(freshStreamId(), notes(3), ExpectedVersion.any));
        expect(appended.lastPosition).toBeGreaterThan(before);
        expect(await headOf(store)).toBe(appended.lastPosition);
        expect(appended.events.at(-1)?.globalPosition).toBe(appended.lastPosition);
      }));

    it(
      'reads a stream and the log of more than 1000 events, in order, across batches',
      () =>
        withSubject(open, contractSettings(), async ({ store }) => {
          const start = await headOf(store);
          const streamId = freshStreamId();
          const total = 2500;
          let version = 0;
          while (version < total)
            version = rightOf(
              await store.appendToStream(streamId, notes(250, `v${version} `), ExpectedVersion.exact(version)),
            ).nextExpectedVersion;
          const stream = await readStream(store, streamId);
          expect(stream.map((event) => event.streamVersion)).toEqual(
            Array.from({ length: total }, (_, index) => index + 1),
          );
          expectStrictlyIncreasing(positions(stream));
          const tail = await readStream(store, streamId, 1001);
          expect(tail.map((event) => event.streamVersion)).toEqual(
            Array.from({ length: total - 1000 }, (_, index) => index + 1001),
          );
          const all = await collect(store.readAll(start));
          expect(positions(all)).toEqual(positions(stream));
          const resumed = await collect(store.readAll(stream[1499]!.globalPosition));
          expect(positions(resumed)).toEqual(positions(stream.slice(1500)));
          // Leaving a read early is fine and does not disturb the next one.
          let seen = 0;
          for await (const event of store.readAll(start)) {
            expect(event.globalPosition).toBe(stream[seen]!.globalPosition);
            if (++seen === 1200) break;
          }
          expect(await readStream(store, streamId, total)).toHaveLength(1);
        }),
      SLOW_TEST_TIMEOUT_MS,
    );
  });
};
