/**
 * Deliberately broken stores for the contract suite's own test
 * (`event-store-contract.meta.test.ts` runs this file in a child jest and
 * checks every mutant is caught). Each mutant wraps the in-memory store and
 * breaks one promise of the port.
 */
import { ExpectedVersion, createInMemoryEventStore, type EventStore, type RecordedEvent } from '@itsm/event-store';
import { eventStoreContract } from './event-store-contract.js';
import { inMemoryTampering, openInMemoryContractSubject } from './in-memory-contract-subject.js';

const passThrough = (store: EventStore): EventStore => ({
  appendToStream: (...args) => store.appendToStream(...args),
  readStream: (...args) => store.readStream(...args),
  readAll: (...args) => store.readAll(...args),
  headPosition: () => store.headPosition(),
  subscribeToAll: (afterPosition) => {
    if (!store.subscribeToAll) throw new Error('the in-memory store subscribes');
    return store.subscribeToAll(afterPosition);
  },
  close: () => store.close(),
});

const mutant = (name: string, wrap: (store: EventStore) => EventStore) =>
  eventStoreContract(`mutant: ${name}`, async (settings) => {
    const store = createInMemoryEventStore(settings);
    return {
      store: wrap(store),
      reopen: async (other) => wrap(store.reopen(other)),
      tampering: inMemoryTampering(store),
      close: () => store.close(),
    };
  });

eventStoreContract('correct: in-memory', openInMemoryContractSubject);

mutant('ignores the expected version', (store) => ({
  ...passThrough(store),
  appendToStream: (streamId, events) => store.appendToStream(streamId, events, ExpectedVersion.any),
}));

mutant('treats Exact(n) as StreamExists', (store) => ({
  ...passThrough(store),
  appendToStream: (streamId, events, expected) =>
    store.appendToStream(
      streamId,
      events,
      expected._tag === 'Exact' && expected.version > 0 ? ExpectedVersion.streamExists : expected,
    ),
}));

mutant('splits appends (not atomic)', (store) => ({
  ...passThrough(store),
  appendToStream: async (streamId, events, expected) => {
    if (events.length < 2) return store.appendToStream(streamId, events, expected);
    const first = await store.appendToStream(streamId, events.slice(0, 1), expected);
    if (first._tag === 'Left') return first;
    return store.appendToStream(streamId, events.slice(1), ExpectedVersion.any);
  },
}));

mutant('readAll skips the event after the position', (store) => ({
  ...passThrough(store),
  readAll: (afterPosition = 0) => store.readAll(afterPosition + 1),
}));

mutant('readStream starts one version late', (store) => ({
  ...passThrough(store),
  readStream: (streamId, fromVersion = 1) => store.readStream(streamId, fromVersion + 1),
}));

mutant('headPosition lags by one', (store) => ({
  ...passThrough(store),
  headPosition: async () => {
    const head = await store.headPosition();
    return head._tag === 'Right' && head.right > 0 ? { ...head, right: head.right - 1 } : head;
  },
}));

mutant('swallows read failures', (store) => {
  const tolerant = (read: AsyncIterable<RecordedEvent>) => ({
    async *[Symbol.asyncIterator]() {
      try {
        yield* read;
      } catch {
        // Hides undecodable events and invalid stream ids.
      }
    },
  });
  return {
    ...passThrough(store),
    readStream: (streamId, fromVersion) => tolerant(store.readStream(streamId, fromVersion)),
    readAll: (afterPosition) => tolerant(store.readAll(afterPosition)),
  };
});
