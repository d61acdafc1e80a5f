import { randomUUID } from 'node:crypto';
import {
  EventStoreFailure,
  ExpectedVersion,
  createInMemoryEventStore,
  type AllSubscription,
  type EventStore,
  type EventStoreSettings,
  type RecordedEvent,
} from '@itsm/event-store';
import type { ContractSubject, StoreTampering } from './event-store-contract/contract-subject.js';
import { eventStoreContract } from './event-store-contract.js';
import { inMemoryTampering, openInMemoryContractSubject } from './in-memory-contract-subject.js';

eventStoreContract('in-memory', openInMemoryContractSubject);

// The suite must not assume an empty store: a log that already holds events of other streams.
eventStoreContract('in-memory, log already holding events', async (settings: EventStoreSettings) => {
  const subject = await openInMemoryContractSubject(settings);
  const metadata = { actor: 'earlier-run', occurredAt: '2025-12-31T23:59:59Z', correlationId: 'earlier' };
  for (let index = 0; index < 30; index++) {
    const appended = await subject.store.appendToStream(
      `earlier-${index % 4}`,
      [{ eventId: randomUUID(), type: 'ContractNoteAdded', data: { text: `earlier ${index}` }, metadata }],
      ExpectedVersion.any,
    );
    if (appended._tag === 'Left') throw new Error(appended.left._tag);
  }
  return subject;
});

// The suite must not assume contiguous global positions (EventStoreDB's are log offsets):
// the same store seen through positions 10·p + 3.
const sparse = (position: number) => position * 10 + 3;
const dense = (position: number) => Math.floor((position - 3) / 10);
const sparseEvent = (event: RecordedEvent): RecordedEvent => ({
  ...event,
  globalPosition: sparse(event.globalPosition),
});
const sparseIterable = (events: AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> => ({
  async *[Symbol.asyncIterator]() {
    try {
      for await (const event of events) yield sparseEvent(event);
    } catch (error) {
      // Positions in read failures are positions too.
      if (error instanceof EventStoreFailure && error.error._tag === 'EventDecodeFailed')
        throw new EventStoreFailure({ ...error.error, globalPosition: sparse(error.error.globalPosition) });
      throw error;
    }
  },
});
const sparseStore = (store: EventStore): EventStore => ({
  appendToStream: async (streamId, events, expected) => {
    const appended = await store.appendToStream(streamId, events, expected);
    if (appended._tag === 'Left') return appended;
    const result = appended.right;
    return {
      ...appended,
      right: { ...result, lastPosition: sparse(result.lastPosition), events: result.events.map(sparseEvent) },
    };
  },
  readStream: (streamId, fromVersion) => sparseIterable(store.readStream(streamId, fromVersion)),
  readAll: (afterPosition = 0) => sparseIterable(store.readAll(afterPosition === 0 ? 0 : dense(afterPosition))),
  headPosition: async () => {
    const head = await store.headPosition();
    return head._tag === 'Left' || head.right === 0 ? head : { ...head, right: sparse(head.right) };
  },
  subscribeToAll: (afterPosition) => {
    if (!store.subscribeToAll) throw new Error('the in-memory store subscribes');
    const subscription = store.subscribeToAll(afterPosition === 0 ? 0 : dense(afterPosition));
    const mapped: AllSubscription = {
      stop: () => subscription.stop(),
      async *[Symbol.asyncIterator]() {
        for await (const message of subscription)
          if (message._tag === 'Event') yield { ...message, event: sparseEvent(message.event) };
          else if (message._tag === 'CaughtUp')
            yield { ...message, position: message.position === 0 ? 0 : sparse(message.position) };
          else yield message;
      },
    };
    return mapped;
  },
  close: () => store.close(),
});

eventStoreContract(
  'in-memory, sparse global positions',
  async (settings: EventStoreSettings): Promise<ContractSubject> => {
    const store = createInMemoryEventStore(settings);
    const tampering = inMemoryTampering(store);
    const sparseTampering: Required<StoreTampering> = {
      flipByte: (position) => tampering.flipByte(dense(position)),
      deleteEvent: (position) => tampering.deleteEvent(dense(position)),
      swapEvents: (a, b) => tampering.swapEvents(dense(a), dense(b)),
      insertEvent: (afterPosition) => tampering.insertEvent(dense(afterPosition)),
      rewriteEvent: (position, data) => tampering.rewriteEvent(dense(position), data),
    };
    return {
      store: sparseStore(store),
      reopen: async (other) => sparseStore(store.reopen(other)),
      tampering: sparseTampering,
      close: () => store.close(),
    };
  },
);
