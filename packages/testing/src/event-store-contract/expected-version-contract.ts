/**
 * Contract: optimistic concurrency. Every case of the expected-version union
 * is enforced exactly, a refused append changes nothing, a conflict names the
 * stream's actual version, and racing appenders on one version produce
 * exactly one winner.
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import { ExpectedVersion, type EventStore, type StreamVersionConflict } from '@itsm/event-store';
import fc from 'fast-check';
import type { OpenContractSubject } from './contract-subject.js';
import {
  contractSettings,
  freshStreamId,
  headOf,
  leftOf,
  notes,
  readStream,
  rightOf,
  SLOW_TEST_TIMEOUT_MS,
  withSubject,
} from './contract-fixtures.js';

const expectConflict = (
  error: { readonly _tag: string },
  streamId: string,
  expected: ExpectedVersion,
  actual: number,
): void => {
  const conflict: StreamVersionConflict = { _tag: 'StreamVersionConflict', streamId, expected, actual };
  expect(error).toEqual(conflict);
};

/** Appends `count` events with `Any` and returns the version reached. */
const seed = async (store: EventStore, streamId: string, count: number): Promise<number> =>
  rightOf(await store.appendToStream(streamId, notes(count, 'seed '), ExpectedVersion.any)).nextExpectedVersion;

/** Asserts that a refused append left the stream and the log as they were. */
const expectUnchanged = async (store: EventStore, streamId: string, before: readonly unknown[], head: number) => {
  expect(await readStream(store, streamId)).toEqual(before);
  expect(await headOf(store)).toBe(head);
};

/** Declares the expected-version and concurrency tests. */
export const expectedVersionContract = (open: OpenContractSubject): void => {
  describe('expected version', () => {
    it('NoStream: appends to a stream with no events, refuses an existing one and reports its version', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const first = rightOf(await store.appendToStream(streamId, notes(2), ExpectedVersion.noStream));
        expect(first.nextExpectedVersion).toBe(2);
        expect(first.alreadyAppended).toBe(false);
        expect(first.events.map((event) => event.streamVersion)).toEqual([1, 2]);
        const before = await readStream(store, streamId);
        const head = await headOf(store);
        const refused = leftOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.noStream));
        expectConflict(refused, streamId, ExpectedVersion.noStream, 2);
        await expectUnchanged(store, streamId, before, head);
      }));

    it('StreamExists: refuses a stream with no events (actual 0, nothing created), appends to an existing one', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const head = await headOf(store);
        const refused = leftOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.streamExists));
        expectConflict(refused, streamId, ExpectedVersion.streamExists, 0);
        await expectUnchanged(store, streamId, [], head);
        await seed(store, streamId, 1);
        const appended = rightOf(await store.appendToStream(streamId, notes(2), ExpectedVersion.streamExists));
        expect(appended.nextExpectedVersion).toBe(3);
        expect((await readStream(store, streamId)).map((event) => event.streamVersion)).toEqual([1, 2, 3]);
      }));

    it('Any: appends whatever the version, to a new and to an existing stream', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        expect(rightOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.any)).nextExpectedVersion).toBe(
          1,
        );
        expect(rightOf(await store.appendToStream(streamId, notes(3), ExpectedVersion.any)).nextExpectedVersion).toBe(
          4,
        );
        expect(await readStream(store, streamId)).toHaveLength(4);
      }));

    it('Exact: 0 means no events; the current version appends; a stale or future version is refused and changes nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        expect(
          rightOf(await store.appendToStream(streamId, notes(2), ExpectedVersion.exact(0))).nextExpectedVersion,
        ).toBe(2);
        const zeroAgain = leftOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.exact(0)));
        expectConflict(zeroAgain, streamId, ExpectedVersion.exact(0), 2);
        expect(
          rightOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.exact(2))).nextExpectedVersion,
        ).toBe(3);
        const before = await readStream(store, streamId);
        const head = await headOf(store);
        const stale = leftOf(await store.appendToStream(streamId, notes(2), ExpectedVersion.exact(2)));
        expectConflict(stale, streamId, ExpectedVersion.exact(2), 3);
        await expectUnchanged(store, streamId, before, head);
        const future = leftOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.exact(9)));
        expectConflict(future, streamId, ExpectedVersion.exact(9), 3);
        await expectUnchanged(store, streamId, before, head);
        // After a conflict the caller re-reads; the version the conflict reported appends.
        const retried = rightOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.exact(3)));
        expect(retried.nextExpectedVersion).toBe(4);
        expect((await readStream(store, streamId)).map((event) => event.streamVersion)).toEqual([1, 2, 3, 4]);
      }));

    it('Exact on a stream with no events refuses any version above 0 and creates nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const head = await headOf(store);
        expectConflict(
          leftOf(await store.appendToStream(streamId, notes(1), ExpectedVersion.exact(1))),
          streamId,
          ExpectedVersion.exact(1),
          0,
        );
        await expectUnchanged(store, streamId, [], head);
      }));

    it('every expected version behaves as the model on random append sequences (fast-check)', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const expectedVersion = fc.oneof(
          fc.constant(ExpectedVersion.any),
          fc.constant(ExpectedVersion.noStream),
          fc.constant(ExpectedVersion.streamExists),
          fc.nat({ max: 6 }).map((version) => ExpectedVersion.exact(version)),
        );
        const step = fc.record({ expected: expectedVersion, count: fc.integer({ min: 1, max: 3 }) });
        await fc.assert(
          fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
            const streamId = freshStreamId();
            let version = 0;
            for (const { expected, count } of steps) {
              // The model, written out independently of the kernel's satisfiesExpectedVersion.
              const allowed =
                expected._tag === 'Any' ||
                (expected._tag === 'NoStream' && version === 0) ||
                (expected._tag === 'StreamExists' && version > 0) ||
                (expected._tag === 'Exact' && expected.version === version);
              const result = await store.appendToStream(streamId, notes(count), expected);
              if (allowed) {
                expect(rightOf(result).nextExpectedVersion).toBe(version + count);
                version += count;
              } else {
                expectConflict(leftOf(result), streamId, expected, version);
              }
              expect((await readStream(store, streamId)).map((event) => event.streamVersion)).toEqual(
                Array.from({ length: version }, (_, index) => index + 1),
              );
            }
          }),
          { numRuns: 25 },
        );
      }));
  });

  describe('concurrency', () => {
    it(
      '8 appenders racing on the same expected version: exactly one wins, 7 get a conflict, 200 rounds',
      () =>
        withSubject(open, contractSettings(), async ({ store }) => {
          const streamId = freshStreamId();
          const rounds = 200;
          const appenders = 8;
          for (let round = 0; round < rounds; round++) {
            const expected = round === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(round);
            const results = await Promise.all(
              Array.from({ length: appenders }, (_, appender) =>
                store.appendToStream(streamId, notes(1, `round ${round} appender ${appender} `), expected),
              ),
            );
            const winners = results.filter((result) => result._tag === 'Right');
            const conflicts = results.filter(
              (result) =>
                result._tag === 'Left' &&
                result.left._tag === 'StreamVersionConflict' &&
                result.left.actual === round + 1,
            );
            const others = results.filter(
              (result) => result._tag === 'Left' && result.left._tag !== 'StreamVersionConflict',
            );
            expect({ round, winners: winners.length, conflicts: conflicts.length, others }).toEqual({
              round,
              winners: 1,
              conflicts: appenders - 1,
              others: [],
            });
          }
          const stream = await readStream(store, streamId);
          expect(stream.map((event) => event.streamVersion)).toEqual(
            Array.from({ length: rounds }, (_, index) => index + 1),
          );
        }),
      SLOW_TEST_TIMEOUT_MS,
    );

    it('concurrent appends with Any all succeed, with distinct versions and increasing positions', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        const results = await Promise.all(
          Array.from({ length: 16 }, () => store.appendToStream(streamId, notes(2), ExpectedVersion.any)),
        );
        const appended = results.map((result) => rightOf(result));
        const versions = appended.flatMap((result) => result.events.map((event) => event.streamVersion));
        expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, index) => index + 1));
        const stream = await readStream(store, streamId);
        expect(stream).toHaveLength(32);
        for (const [index, event] of stream.entries())
          if (index > 0) expect(event.globalPosition).toBeGreaterThan(stream[index - 1]!.globalPosition);
        // Each append's events stay together, in order.
        for (const result of appended)
          expect(result.events[1]!.streamVersion).toBe(result.events[0]!.streamVersion + 1);
      }));
  });
};
