import { describe, expect, it } from '@jest/globals';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { prepareAppend } from './append-preparation.js';
import type { Decider } from './decider.js';
import { createEventSchemaRegistry, permissiveEventSchemas } from './event-schemas.js';
import { defaultEventStoreSettings } from './event-store.js';
import { ExpectedVersion } from './expected-version.js';
import { deterministicEventId, handleCommand, retryOnConflict } from './handle-command.js';
import { createInMemoryEventStore } from './in-memory/in-memory-event-store.js';
import { aggregateStream, readStreamEvents } from './read-helpers.js';

type Command = { readonly type: 'Add'; readonly amount: number } | { readonly type: 'Touch' };
type Event = { readonly type: 'Added'; readonly data: { readonly amount: number } };
type CounterError = { readonly _tag: 'LimitExceeded'; readonly limit: number };

/** A counter capped at 10: adding past the cap breaks the rule; touching decides nothing; adding n records n events of 1. */
const counter: Decider<Command, Event, number, CounterError> = {
  initialState: 0,
  decide: (command, total) => {
    if (command.type === 'Touch') return right([]);
    if (total + command.amount > 10) return left({ _tag: 'LimitExceeded', limit: 10 });
    return right(Array.from({ length: command.amount }, () => ({ type: 'Added' as const, data: { amount: 1 } })));
  },
  evolve: (total, event) => total + event.data.amount,
};

const schemas = createEventSchemaRegistry([{ type: 'Added', schemaVersion: 1 }]);
const metadata = { actor: 'alice', occurredAt: '2026-01-01T09:00:00Z', correlationId: 'c-1' };
const newStore = () => createInMemoryEventStore(defaultEventStoreSettings(schemas));

describe('deterministicEventId', () => {
  it('is a lowercase UUID the stores accept, the same for the same inputs and different otherwise (fast-check)', () => {
    const settings = defaultEventStoreSettings(permissiveEventSchemas);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(100), fc.nat(100), (causation, other, index, otherIndex) => {
        const id = deterministicEventId('ticket-1', causation, index);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(deterministicEventId('ticket-1', causation, index)).toBe(id);
        if (other !== causation) expect(deterministicEventId('ticket-1', other, index)).not.toBe(id);
        if (otherIndex !== index) expect(deterministicEventId('ticket-1', causation, otherIndex)).not.toBe(id);
        expect(deterministicEventId('ticket-2', causation, index)).not.toBe(id);
        const accepted = prepareAppend('ticket-1', [{ eventId: id, type: 'T', data: null, metadata }], settings);
        expect(accepted._tag).toBe('Right');
      }),
      { numRuns: 300 },
    );
  });
});

describe('handleCommand', () => {
  it('reads, decides and appends; the next command sees the new state', async () => {
    const store = newStore();
    const first = await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 3 }, metadata);
    expect(first).toMatchObject({ _tag: 'Right', right: { state: 3, nextExpectedVersion: 3, alreadyHandled: false } });
    if (first._tag === 'Right') expect(first.right.events.map((event) => event.streamVersion)).toEqual([1, 2, 3]);
    const second = await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 2 }, metadata);
    expect(second).toMatchObject({ right: { state: 5, nextExpectedVersion: 5 } });
  });

  it('returns the broken rule as a value and writes nothing', async () => {
    const store = newStore();
    await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 9 }, metadata);
    const refused = await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 2 }, metadata);
    expect(refused).toEqual(left({ _tag: 'LimitExceeded', limit: 10 }));
    expect(await store.headPosition()).toEqual(right(9));
  });

  it('appends nothing when the decider decides nothing', async () => {
    const store = newStore();
    const touched = await handleCommand(store, counter, 'counter-1', { type: 'Touch' }, metadata);
    expect(touched).toEqual(right({ state: 0, events: [], nextExpectedVersion: 0, alreadyHandled: false }));
    expect(await store.headPosition()).toEqual(right(0));
  });

  it("returns the store's failures as values: invalid stream id, undecodable history, refused append", async () => {
    const store = newStore();
    expect(await handleCommand(store, counter, 'not a stream', { type: 'Add', amount: 1 }, metadata)).toMatchObject({
      left: { _tag: 'InvalidStreamId' },
    });
    expect(
      await handleCommand(
        store,
        counter,
        'counter-1',
        { type: 'Add', amount: 1 },
        { ...metadata, occurredAt: 'today' },
      ),
    ).toMatchObject({
      left: { _tag: 'InvalidEvent' },
    });
    const permissive = store.reopen(defaultEventStoreSettings(permissiveEventSchemas));
    await permissive.appendToStream(
      'counter-2',
      [{ eventId: deterministicEventId('x', 'y', 0), type: 'Foreign', data: {}, metadata }],
      ExpectedVersion.any,
    );
    expect(await handleCommand(store, counter, 'counter-2', { type: 'Add', amount: 1 }, metadata)).toMatchObject({
      left: { _tag: 'EventDecodeFailed', streamId: 'counter-2', type: 'Foreign', streamVersion: 1 },
    });
  });

  it('appends with NoStream on an empty stream, so a concurrent creation is a conflict', async () => {
    const store = newStore();
    const racing = {
      ...store,
      readStream: (streamId: string) => ({
        async *[Symbol.asyncIterator]() {
          yield* store.readStream(streamId);
          await store.appendToStream(
            streamId,
            [{ eventId: deterministicEventId(streamId, 'other', 0), type: 'Added', data: { amount: 1 }, metadata }],
            ExpectedVersion.any,
          );
        },
      }),
    };
    expect(await handleCommand(racing, counter, 'counter-1', { type: 'Add', amount: 1 }, metadata)).toEqual(
      left({ _tag: 'StreamVersionConflict', streamId: 'counter-1', expected: ExpectedVersion.noStream, actual: 1 }),
    );
  });

  it('with a causation id, handling the same command again is alreadyHandled and decides nothing twice', async () => {
    const store = newStore();
    const once = { ...metadata, causationId: 'command-1' };
    await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 2 }, once);
    const again = await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 2 }, once);
    expect(again).toEqual(right({ state: 2, events: [], nextExpectedVersion: 2, alreadyHandled: true }));
    const events = await readStreamEvents(store, 'counter-1');
    if (events._tag === 'Left') throw new Error('read failed');
    expect(events.right.map((event) => event.eventId)).toEqual(
      [0, 1].map((index) => deterministicEventId('counter-1', 'command-1', index)),
    );
    expect(events.right.every((event) => event.metadata.causationId === 'command-1')).toBe(true);
    // Another command id is handled normally.
    expect(
      await handleCommand(
        store,
        counter,
        'counter-1',
        { type: 'Add', amount: 1 },
        { ...metadata, causationId: 'command-2' },
      ),
    ).toMatchObject({
      right: { state: 3, alreadyHandled: false },
    });
  });
});

describe('retryOnConflict', () => {
  const conflict = left({ _tag: 'StreamVersionConflict' as const });
  const attempts = (results: readonly Either<{ readonly _tag: string }, string>[]) => {
    let calls = 0;
    return { run: async () => results[Math.min(calls++, results.length - 1)]!, calls: () => calls };
  };

  it('tries again while the attempt conflicts, up to maxAttempts in all', async () => {
    const always = attempts([conflict]);
    expect(await retryOnConflict(always.run, 4)).toEqual(conflict);
    expect(always.calls()).toBe(4);
    const third = attempts([conflict, conflict, right('done')]);
    expect(await retryOnConflict(third.run)).toEqual(right('done'));
    expect(third.calls()).toBe(3);
  });

  it('returns at once on success and on any other failure', async () => {
    const success = attempts([right('done')]);
    expect(await retryOnConflict(success.run)).toEqual(right('done'));
    expect(success.calls()).toBe(1);
    const refused = attempts([left({ _tag: 'LimitExceeded' })]);
    expect(await retryOnConflict(refused.run)).toEqual(left({ _tag: 'LimitExceeded' }));
    expect(refused.calls()).toBe(1);
  });

  it('with handleCommand, decides again on the fresh state after a conflict', async () => {
    const store = newStore();
    let interleave = true;
    const racing = {
      ...store,
      readStream: (streamId: string) => ({
        async *[Symbol.asyncIterator]() {
          yield* store.readStream(streamId);
          if (interleave) {
            interleave = false;
            await store.appendToStream(
              streamId,
              [{ eventId: deterministicEventId(streamId, 'other', 0), type: 'Added', data: { amount: 9 }, metadata }],
              ExpectedVersion.any,
            );
          }
        },
      }),
    };
    // The first decision (on 0) conflicts; the second sees 9 and refuses adding 2.
    expect(
      await retryOnConflict(() => handleCommand(racing, counter, 'counter-1', { type: 'Add', amount: 2 }, metadata)),
    ).toEqual(left({ _tag: 'LimitExceeded', limit: 10 }));
  });
});

describe('aggregateStream', () => {
  it('folds a stream up to a global position, for replay as of a point in the log', async () => {
    const store = newStore();
    await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 2 }, metadata);
    await handleCommand(store, counter, 'counter-2', { type: 'Add', amount: 5 }, metadata);
    await handleCommand(store, counter, 'counter-1', { type: 'Add', amount: 3 }, metadata);
    expect(await aggregateStream(store, counter, 'counter-1')).toMatchObject({ right: { state: 5, version: 5 } });
    expect(await aggregateStream(store, counter, 'counter-1', 7)).toMatchObject({ right: { state: 2, version: 2 } });
    expect(await aggregateStream(store, counter, 'counter-1', 8)).toMatchObject({ right: { state: 3, version: 3 } });
  });
});
