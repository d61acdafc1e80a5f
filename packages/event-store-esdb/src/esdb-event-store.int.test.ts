import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import {
  EventStoreFailure,
  ExpectedVersion,
  catchReadFailure,
  createEventSchemaRegistry,
  defaultEventStoreSettings,
  readStreamEvents,
  verifyAll,
  type NewEvent,
  type RecordedEvent,
} from '@itsm/event-store';
import { startEsdbProtocolTestServer, type EsdbProtocolTestServer } from '@itsm/testing';
import {
  EVENT_ID_CLAIM_CATEGORY,
  createEsdbEventStore,
  type EsdbEventStore,
  type EsdbEventStoreTuning,
} from './esdb-event-store.js';

jest.setTimeout(120_000);

const settings = defaultEventStoreSettings(
  createEventSchemaRegistry([{ type: 'NoteAdded', schemaVersion: 2, upcasters: { 1: (data) => data } }]),
);
const note = (text: string, causationId?: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'NoteAdded',
  data: { text },
  metadata: {
    actor: 'tester',
    occurredAt: '2026-05-01T10:00:00+02:00',
    correlationId: 'adapter',
    ...(causationId === undefined ? {} : { causationId }),
  },
});
const decoder = new TextDecoder();

let server: EsdbProtocolTestServer;
let clients: EventStoreDBClient[] = [];
let stores: EsdbEventStore[] = [];
const connect = (): EventStoreDBClient => {
  const client = EventStoreDBClient.connectionString(server.connectionString);
  clients.push(client);
  return client;
};
const open = (tuning: EsdbEventStoreTuning = {}): EsdbEventStore => {
  const store = createEsdbEventStore(connect(), settings, tuning);
  stores.push(store);
  return store;
};

beforeEach(async () => {
  server = await startEsdbProtocolTestServer();
});
afterEach(async () => {
  for (const store of stores) await store.close();
  for (const client of clients) await client.dispose();
  stores = [];
  clients = [];
  await server.stop();
});

const rightOf = <A>(
  either: { readonly _tag: 'Left'; readonly left: unknown } | { readonly _tag: 'Right'; readonly right: A },
): A => {
  if (either._tag === 'Left') throw new Error(`expected success, got ${JSON.stringify(either.left)}`);
  return either.right;
};
const collect = async (iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
};

describe('EventStoreDB adapter: how events are laid out on the server', () => {
  it('passes event ids through, stores revision = version − 1, position = commit position, and @itsm metadata', async () => {
    const store = open();
    const streamId = `ticket-${randomUUID()}`;
    const events = [note('a', 'command-1'), note('b', 'command-1')];
    const appended = rightOf(await store.appendToStream(streamId, events, ExpectedVersion.noStream));
    const records = server.records().filter((record) => record.streamId === streamId);
    expect(records.map((record) => [record.eventId, record.revision, record.position])).toEqual(
      appended.events.map((event) => [event.eventId, event.streamVersion - 1, event.globalPosition]),
    );
    expect(appended.events.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
    const metadata = JSON.parse(decoder.decode(records[1]!.customMetadata)) as Record<string, unknown>;
    expect(metadata).toEqual({
      actor: 'tester',
      occurredAt: '2026-05-01T10:00:00+02:00',
      $correlationId: 'adapter',
      $causationId: 'command-1',
      recordedAt: appended.events[1]!.metadata.recordedAt,
      schemaVersion: 2,
      hash: appended.events[1]!.hash,
    });
    expect(records[0]!.contentType).toBe('application/json');
    expect(JSON.parse(decoder.decode(records[0]!.data))).toEqual({ text: 'a' });
  });

  it('reads events of the first metadata layout (ids also as correlationId/causationId, and the stream version)', async () => {
    const store = open({ eventIdScope: 'stream' });
    const streamId = `ticket-${randomUUID()}`;
    const appended = rightOf(
      await store.appendToStream(streamId, [note('a', 'command-1'), note('b')], ExpectedVersion.noStream),
    );
    await server.tampering.rewriteRecords((records) =>
      records.map((record) => {
        if (record.streamId !== streamId) return record;
        const current = JSON.parse(decoder.decode(record.customMetadata)) as Record<string, unknown>;
        const { $correlationId, $causationId, ...rest } = current;
        const first = {
          ...rest,
          correlationId: $correlationId,
          ...($causationId === undefined ? {} : { causationId: $causationId }),
          streamVersion: record.revision + 1,
        };
        return { ...record, customMetadata: new TextEncoder().encode(JSON.stringify(first)) };
      }),
    );
    const read = await collect(open({ eventIdScope: 'stream' }).readStream(streamId));
    expect(read.map((event) => event.metadata)).toEqual(appended.events.map((event) => event.metadata));
    expect(read[0]!.metadata).toMatchObject({ correlationId: 'adapter', causationId: 'command-1' });
    expect(rightOf(await verifyAll(store))).toMatchObject({ ok: true, eventsChecked: 2 });
  });

  it('each id is claimed in its own stream, which every read skips', async () => {
    const store = open();
    const streamId = `ticket-${randomUUID()}`;
    const event = note('claimed');
    rightOf(await store.appendToStream(streamId, [event], ExpectedVersion.noStream));
    const claim = server.records().find((record) => record.streamId === `${EVENT_ID_CLAIM_CATEGORY}-${event.eventId}`);
    expect(claim?.type.startsWith('$')).toBe(true);
    expect(JSON.parse(decoder.decode(claim!.data))).toEqual({ streamId, eventId: event.eventId });
    const all = await collect(store.readAll());
    expect(all.map((recorded) => recorded.streamId)).toEqual([streamId]);
    expect(rightOf(await store.headPosition())).toBe(all[0]!.globalPosition);
  });

  it("with eventIdScope 'stream' no claims are written, and ids are checked within the stream only (EventStoreDB's scope)", async () => {
    const store = open({ eventIdScope: 'stream' });
    const event = note('twice');
    const first = `ticket-${randomUUID()}`;
    const second = `ticket-${randomUUID()}`;
    rightOf(await store.appendToStream(first, [event], ExpectedVersion.noStream));
    expect(server.records().some((record) => record.streamId.startsWith(EVENT_ID_CLAIM_CATEGORY))).toBe(false);
    expect(rightOf(await store.appendToStream(first, [event], ExpectedVersion.noStream)).alreadyAppended).toBe(true);
    expect(rightOf(await store.appendToStream(second, [event], ExpectedVersion.noStream)).alreadyAppended).toBe(false);
  });

  it('readAll and headPosition skip system events; reads page through small batches', async () => {
    const store = open({ pageSize: 2 });
    const streamId = `ticket-${randomUUID()}`;
    expect(server.records()[0]?.streamId).toBe('$settings');
    expect(rightOf(await store.headPosition())).toBe(0);
    expect(await collect(store.readAll())).toEqual([]);
    let version = 0;
    for (let round = 0; round < 4; round++)
      version = rightOf(
        await store.appendToStream(
          streamId,
          [note(`${round}a`), note(`${round}b`), note(`${round}c`)],
          ExpectedVersion.exact(version),
        ),
      ).nextExpectedVersion;
    const stream = await collect(store.readStream(streamId));
    expect(stream.map((event) => event.streamVersion)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect((await collect(store.readStream(streamId, 8))).map((event) => event.streamVersion)).toEqual([
      8, 9, 10, 11, 12,
    ]);
    const all = await collect(store.readAll());
    expect(all.map((event) => event.eventId)).toEqual(stream.map((event) => event.eventId));
    expect((await collect(store.readAll(all[6]!.globalPosition))).map((event) => event.streamVersion)).toEqual([
      8, 9, 10, 11, 12,
    ]);
    expect(rightOf(await store.headPosition())).toBe(all[11]!.globalPosition);
    expect(rightOf(await verifyAll(store))).toMatchObject({ ok: true, eventsChecked: 12 });
  });
});

describe('EventStoreDB adapter: several writers on one server', () => {
  it('a head remembered by one store goes stale when another writes: Exact is refused with the actual version, Any chains on', async () => {
    const first = open();
    const second = open();
    const streamId = `ticket-${randomUUID()}`;
    rightOf(await first.appendToStream(streamId, [note('1')], ExpectedVersion.noStream));
    rightOf(await second.appendToStream(streamId, [note('2')], ExpectedVersion.exact(1)));
    expect(await first.appendToStream(streamId, [note('stale')], ExpectedVersion.exact(1))).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'StreamVersionConflict', actual: 2 },
    });
    rightOf(await first.appendToStream(streamId, [note('3')], ExpectedVersion.any));
    rightOf(await second.appendToStream(streamId, [note('4')], ExpectedVersion.streamExists));
    const stream = rightOf(await readStreamEvents(first, streamId));
    expect(stream.map((event) => (event.data as { text: string }).text)).toEqual(['1', '2', '3', '4']);
    expect(rightOf(await verifyAll(first))).toMatchObject({ ok: true });
  });

  it('writers in two stores racing with Any keep one linear chain', async () => {
    const stores = [open(), open(), open()];
    const streamId = `ticket-${randomUUID()}`;
    await Promise.all(
      stores.flatMap((store, writer) =>
        Array.from({ length: 4 }, (_, index) =>
          store.appendToStream(streamId, [note(`${writer}-${index}`)], ExpectedVersion.any),
        ),
      ),
    ).then((results) => results.forEach((result) => rightOf(result)));
    const stream = rightOf(await readStreamEvents(stores[0]!, streamId));
    expect(stream.map((event) => event.streamVersion)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect(rightOf(await verifyAll(stores[0]!))).toMatchObject({ ok: true });
  });

  it("an id another store's append already claimed for its stream is an EventIdConflict here", async () => {
    const first = open();
    const second = open();
    const event = note('mine');
    const streamId = `ticket-${randomUUID()}`;
    rightOf(await first.appendToStream(streamId, [event], ExpectedVersion.noStream));
    const otherStream = `ticket-${randomUUID()}`;
    expect(await second.appendToStream(otherStream, [event], ExpectedVersion.any)).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'EventIdConflict', streamId: otherStream, eventId: event.eventId },
    });
  });
});

describe('EventStoreDB adapter: events not written by @itsm', () => {
  it('a foreign event fails loudly on read (EventDecodeFailed), and an append to its stream is refused as a value', async () => {
    const store = open();
    const streamId = `ticket-${randomUUID()}`;
    await connect().appendToStream(streamId, jsonEvent({ type: 'NoteAdded', data: { text: 'foreign' } }));
    const read = await catchReadFailure(() => collect(store.readStream(streamId)));
    expect(read).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'EventDecodeFailed', streamId, streamVersion: 1, type: 'NoteAdded' },
    });
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(EventStoreFailure);
    expect(await store.appendToStream(streamId, [note('mine')], ExpectedVersion.any)).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'EventStoreUnavailable', outcomeUnknown: false },
    });
  });
});

describe('EventStoreDB adapter: subscriptions', () => {
  it('a slow consumer gets every event once, in order, while the client stream is paused and resumed (3 000 events)', async () => {
    const store = open({ eventIdScope: 'stream' });
    const streamId = `ticket-${randomUUID()}`;
    let version = 0;
    while (version < 3_000)
      version = rightOf(
        await store.appendToStream(
          streamId,
          Array.from({ length: 250 }, (_, index) => note(`${version + index + 1}`)),
          ExpectedVersion.exact(version),
        ),
      ).nextExpectedVersion;
    const subscription = store.subscribeToAll(0);
    const texts: string[] = [];
    try {
      for await (const message of subscription) {
        if (message._tag === 'Event') {
          texts.push((message.event.data as { text: string }).text);
          // Let the buffer fill past its high-water mark now and then.
          if (texts.length % 1_000 === 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (message._tag === 'CaughtUp') break;
      }
    } finally {
      await subscription.stop();
    }
    expect(texts).toEqual(Array.from({ length: 3_000 }, (_, index) => `${index + 1}`));
  });

  it('an event @itsm cannot read ends the subscription with EventStoreFailure (EventDecodeFailed)', async () => {
    const store = open();
    await connect().appendToStream(
      `ticket-${randomUUID()}`,
      jsonEvent({ type: 'NoteAdded', data: { text: 'foreign' } }),
    );
    const subscription = store.subscribeToAll(0);
    try {
      const read = await catchReadFailure(async () => {
        for await (const message of subscription) if (message._tag === 'CaughtUp') break;
      });
      expect(read).toMatchObject({ _tag: 'Left', left: { _tag: 'EventDecodeFailed', type: 'NoteAdded' } });
    } finally {
      await subscription.stop();
    }
  });
});
