import { describe, expect, it } from '@jest/globals';
import { right } from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { createEventSchemaRegistry, permissiveEventSchemas } from '../event-schemas.js';
import { defaultEventStoreSettings, type EventStore } from '../event-store.js';
import type { NewEvent, RecordedEvent } from '../events.js';
import { ExpectedVersion } from '../expected-version.js';
import { deterministicEventId } from '../handle-command.js';
import { verifyAll } from '../store-verification.js';
import { createInMemoryEventStore } from './in-memory-event-store.js';

const schemas = createEventSchemaRegistry([{ type: 'Noted', schemaVersion: 1 }]);
const metadata = { actor: 'alice', occurredAt: '2026-01-01T09:00:00Z', correlationId: 'c-1' };
let counter = 0;
const noted = (text: string): NewEvent => ({
  eventId: deterministicEventId('test', 'noted', counter++),
  type: 'Noted',
  data: { text },
  metadata,
});
const collect = async (iterable: AsyncIterable<RecordedEvent>) => {
  const events: RecordedEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
};
const subscribe = (store: EventStore, afterPosition: number) => {
  if (!store.subscribeToAll) throw new Error('the in-memory store subscribes');
  return store.subscribeToAll(afterPosition);
};
const append = async (store: EventStore, streamId: string, ...texts: string[]) => {
  const result = await store.appendToStream(streamId, texts.map(noted), ExpectedVersion.any);
  if (result._tag === 'Left') throw new Error(result.left._tag);
  return result.right;
};

describe('in-memory event store', () => {
  it('answers any input with a value, never a throw, and writes only what it accepted (fast-check)', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(permissiveEventSchemas));
    const anything = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
    });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(anything, anything, anything, async (data, metadataInput, streamId) => {
        const attempts = [
          store.appendToStream('ticket-1', [{ ...noted('x'), data }], ExpectedVersion.any),
          store.appendToStream('ticket-2', [{ ...noted('x'), metadata: metadataInput as never }], ExpectedVersion.any),
          store.appendToStream(streamId as string, [noted('x')], ExpectedVersion.any),
          store.appendToStream('ticket-3', data as never, ExpectedVersion.any),
        ];
        for (const result of await Promise.all(attempts))
          if (result._tag === 'Right') accepted += result.right.events.length;
        expect(await store.headPosition()).toEqual(right(accepted));
      }),
      { numRuns: 500 },
    );
  });

  it('records with the store clock', async () => {
    const store = createInMemoryEventStore({
      ...defaultEventStoreSettings(schemas),
      now: () => new Date('2030-01-01T00:00:00Z'),
    });
    const appended = await append(store, 'ticket-1', 'a');
    expect(appended.events[0]?.metadata.recordedAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('reopen shares the log with other settings', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(schemas));
    const permissive = store.reopen(defaultEventStoreSettings(permissiveEventSchemas));
    await permissive.appendToStream('ticket-1', [{ ...noted('x'), type: 'Unregistered' }], ExpectedVersion.noStream);
    await append(store, 'ticket-2', 'y');
    expect((await collect(permissive.readAll())).map((event) => event.type)).toEqual(['Unregistered', 'Noted']);
    await expect(collect(store.readAll())).rejects.toMatchObject({
      error: { _tag: 'EventDecodeFailed', type: 'Unregistered', globalPosition: 1 },
    });
  });

  it('an upcaster failing on stored data is an EventDecodeFailed naming the event', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(schemas));
    await append(store, 'ticket-1', 'a');
    const upcasting = store.reopen(
      defaultEventStoreSettings(
        createEventSchemaRegistry([
          {
            type: 'Noted',
            schemaVersion: 2,
            upcasters: {
              1: () => {
                throw new Error('cannot upcast');
              },
            },
          },
        ]),
      ),
    );
    await expect(collect(upcasting.readStream('ticket-1'))).rejects.toMatchObject({
      error: {
        _tag: 'EventDecodeFailed',
        streamId: 'ticket-1',
        streamVersion: 1,
        globalPosition: 1,
        type: 'Noted',
        schemaVersion: 1,
      },
    });
  });

  it('storedEvents shows the rows as stored, and tamper edits them behind the store (re-indexed)', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(schemas));
    await append(store, 'ticket-1', 'a', 'b', 'c');
    expect(store.storedEvents().map((row) => [row.streamVersion, row.data])).toEqual([
      [1, { text: 'a' }],
      [2, { text: 'b' }],
      [3, { text: 'c' }],
    ]);
    store.tamper((rows) => {
      rows.pop();
    });
    expect((await collect(store.readStream('ticket-1'))).map((event) => event.streamVersion)).toEqual([1, 2]);
    expect(await store.headPosition()).toEqual(right(2));
    // The store continues from what is there now.
    expect((await store.appendToStream('ticket-1', [noted('d')], ExpectedVersion.exact(2)))._tag).toBe('Right');
    store.tamper((rows) => {
      rows[0] = { ...rows[0]!, data: { text: 'forged' } };
    });
    expect(await verifyAll(store)).toMatchObject({
      right: { ok: false, broken: { reason: 'hash-mismatch', globalPosition: 1 } },
    });
  });

  it('subscribers each get every event, including those appended while they catch up', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(schemas));
    await append(store, 'ticket-1', 'a', 'b');
    const first = subscribe(store, 0);
    const second = subscribe(store, 1);
    const received = { first: [] as number[], second: [] as number[] };
    const drain = async (subscription: typeof first, into: number[], until: number) => {
      for await (const message of subscription) {
        if (message._tag === 'Event') {
          into.push(message.event.globalPosition);
          // Appending from inside the catch-up loop: the subscription must still deliver it.
          if (message.event.globalPosition === 2 && into === received.first) await append(store, 'ticket-2', 'c');
        }
        if (into.at(-1) === until) break;
      }
    };
    await Promise.all([
      drain(first, received.first, 4),
      (async () => {
        await drain(second, received.second, 3);
        await append(store, 'ticket-3', 'd');
      })(),
    ]);
    await first.stop();
    await second.stop();
    expect(received.first).toEqual([1, 2, 3, 4]);
    expect(received.second).toEqual([2, 3]);
  });

  it('a stopped subscription ends its iteration', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(schemas));
    const subscription = subscribe(store, 0);
    await subscription.stop();
    const messages = [];
    for await (const message of subscription) messages.push(message);
    expect(messages).toEqual([]);
  });
});
