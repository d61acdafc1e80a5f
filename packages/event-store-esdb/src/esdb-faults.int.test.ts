import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import {
  ExpectedVersion,
  createEventSchemaRegistry,
  defaultEventStoreSettings,
  readStreamEvents,
  verifyAll,
  type NewEvent,
  type SubscriptionMessage,
} from '@itsm/event-store';
import { startEsdbProtocolTestServer, type EsdbProtocolTestServer } from '@itsm/testing';
import { createEsdbEventStore, type EsdbEventStore, type EsdbEventStoreTuning } from './esdb-event-store.js';

jest.setTimeout(120_000);

const settings = defaultEventStoreSettings(createEventSchemaRegistry([{ type: 'NoteAdded', schemaVersion: 1 }]));
const note = (text: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'NoteAdded',
  data: { text },
  metadata: { actor: 'tester', occurredAt: '2026-05-01T10:00:00Z', correlationId: 'faults' },
});

let server: EsdbProtocolTestServer;
let stores: EsdbEventStore[] = [];
const open = (tuning: EsdbEventStoreTuning = {}, query = ''): EsdbEventStore => {
  const store = createEsdbEventStore(
    EventStoreDBClient.connectionString(`${server.connectionString}${query}`),
    settings,
    tuning,
  );
  stores.push(store);
  return store;
};

beforeEach(async () => {
  server = await startEsdbProtocolTestServer();
});
afterEach(async () => {
  for (const store of stores) await store.close();
  stores = [];
  await server.stop();
});

/** Appends until the server answers (the first call after a restart may still see the old connection fail). */
const appendEventually = async (
  store: EsdbEventStore,
  streamId: string,
  events: NewEvent[],
  expected: ExpectedVersion,
) => {
  for (let attempt = 0; ; attempt++) {
    const result = await store.appendToStream(streamId, events, expected);
    if (result._tag === 'Right' || result.left._tag !== 'EventStoreUnavailable' || attempt === 20) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('EventStoreDB adapter under faults (protocol test server)', () => {
  for (const eventIdScope of ['store', 'stream'] as const) {
    it(`a connection dropped after the server stored an append: outcome unknown; the retry finds it, one copy (ids scoped to the ${eventIdScope})`, async () => {
      const store = open({ eventIdScope });
      const streamId = `ticket-${randomUUID()}`;
      rightOf(await store.appendToStream(streamId, [note('first')], ExpectedVersion.noStream));
      const events = [note('second'), note('third')];
      // Only the write of the events is dropped (with ids scoped to the store, their claims go through first).
      server.failNextAppends('drop-after-store', 1, streamId);
      const dropped = await store.appendToStream(streamId, events, ExpectedVersion.exact(1));
      expect(dropped).toMatchObject({ _tag: 'Left', left: { _tag: 'EventStoreUnavailable', outcomeUnknown: true } });
      expect(server.records().filter((record) => record.streamId === streamId)).toHaveLength(3);
      const retried = rightOf(await appendEventually(store, streamId, events, ExpectedVersion.exact(1)));
      expect(retried.alreadyAppended).toBe(true);
      expect(retried.events.map((event) => event.streamVersion)).toEqual([2, 3]);
      const stream = rightOf(await readStreamEvents(store, streamId));
      expect(stream.map((event) => (event.data as { text: string }).text)).toEqual(['first', 'second', 'third']);
      expect(rightOf(await verifyAll(store))).toMatchObject({ ok: true });
    });
  }

  it('a connection dropped before the server stored an append: outcome unknown; the retry writes it once', async () => {
    const store = open({ eventIdScope: 'stream' });
    const streamId = `ticket-${randomUUID()}`;
    const events = [note('only')];
    server.failNextAppends('drop-before-store', 1, streamId);
    const dropped = await store.appendToStream(streamId, events, ExpectedVersion.noStream);
    expect(dropped).toMatchObject({ _tag: 'Left', left: { _tag: 'EventStoreUnavailable', outcomeUnknown: true } });
    const retried = rightOf(await appendEventually(store, streamId, events, ExpectedVersion.noStream));
    expect(retried.alreadyAppended).toBe(false);
    expect(rightOf(await readStreamEvents(store, streamId))).toHaveLength(1);
  });

  it('a deadline exceeded is EventStoreUnavailable with an unknown outcome; the retry after it finds the append', async () => {
    const store = open({ eventIdScope: 'stream' }, '&defaultDeadline=200');
    const streamId = `ticket-${randomUUID()}`;
    rightOf(await store.appendToStream(streamId, [note('warm-up')], ExpectedVersion.noStream));
    const events = [note('slow')];
    server.setResponseDelay(1_000);
    const timedOut = await store.appendToStream(streamId, events, ExpectedVersion.exact(1));
    expect(timedOut).toMatchObject({ _tag: 'Left', left: { _tag: 'EventStoreUnavailable', outcomeUnknown: true } });
    server.setResponseDelay(0);
    const retried = rightOf(await appendEventually(store, streamId, events, ExpectedVersion.exact(1)));
    expect(retried.alreadyAppended).toBe(true);
    expect(rightOf(await readStreamEvents(store, streamId))).toHaveLength(2);
  });

  it('a stopped server: appends and reads are EventStoreUnavailable; after it starts again the append goes through', async () => {
    const store = open();
    const streamId = `ticket-${randomUUID()}`;
    await server.stop();
    const refused = await store.appendToStream(streamId, [note('while down')], ExpectedVersion.noStream);
    expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'EventStoreUnavailable' } });
    expect(await store.headPosition()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'EventStoreUnavailable', outcomeUnknown: false },
    });
    expect(await readStreamEvents(store, streamId)).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'EventStoreUnavailable', outcomeUnknown: false },
    });
    await server.start();
    rightOf(await appendEventually(store, streamId, [note('after restart')], ExpectedVersion.noStream));
    expect(rightOf(await readStreamEvents(store, streamId))).toHaveLength(1);
  });

  it('a server restart during a subscription: FellBehind, resubscribes from the last delivered position, nothing lost or repeated', async () => {
    const store = open();
    const streamId = `ticket-${randomUUID()}`;
    const subscription = store.subscribeToAll(0);
    const iterator = subscription[Symbol.asyncIterator]();
    const received: SubscriptionMessage[] = [];
    const pullUntil = async (enough: () => boolean) => {
      while (!enough()) {
        const next = await iterator.next();
        if (next.done) throw new Error('the subscription ended');
        received.push(next.value);
      }
    };
    const events = () => received.flatMap((message) => (message._tag === 'Event' ? [message.event] : []));
    try {
      rightOf(await store.appendToStream(streamId, [note('1'), note('2'), note('3')], ExpectedVersion.noStream));
      await pullUntil(() => events().length === 3 && received.some((message) => message._tag === 'CaughtUp'));
      await server.restart();
      // Appended while the subscription is down or reconnecting: it must catch up on them.
      rightOf(await appendEventually(store, streamId, [note('4')], ExpectedVersion.exact(3)));
      rightOf(await appendEventually(store, streamId, [note('5'), note('6')], ExpectedVersion.exact(4)));
      const fellBehind = () => received.findIndex((message) => message._tag === 'FellBehind');
      const caughtUpAgain = () => received.slice(fellBehind() + 1).some((message) => message._tag === 'CaughtUp');
      await pullUntil(() => events().length === 6 && fellBehind() >= 0 && caughtUpAgain());
      expect(events().map((event) => (event.data as { text: string }).text)).toEqual(['1', '2', '3', '4', '5', '6']);
      const positions = events().map((event) => event.globalPosition);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(6);
      // The drop came after the first three events; every CaughtUp names a position delivered before it.
      expect(received.slice(0, fellBehind()).filter((message) => message._tag === 'Event')).toHaveLength(3);
      let delivered = 0;
      for (const message of received) {
        if (message._tag === 'Event') delivered = message.event.globalPosition;
        if (message._tag === 'CaughtUp') expect(message.position).toBe(delivered);
      }
    } finally {
      await subscription.stop();
    }
  });
});

function rightOf<A>(
  either: { readonly _tag: 'Left'; readonly left: unknown } | { readonly _tag: 'Right'; readonly right: A },
): A {
  if (either._tag === 'Left') throw new Error(`expected success, got ${JSON.stringify(either.left)}`);
  return either.right;
}
