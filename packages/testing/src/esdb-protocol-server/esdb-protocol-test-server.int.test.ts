import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { startEsdbProtocolTestServer, type EsdbProtocolTestServer } from './esdb-protocol-test-server.js';

let server: EsdbProtocolTestServer;
let client: EventStoreDBClient;

beforeEach(async () => {
  server = await startEsdbProtocolTestServer();
  client = EventStoreDBClient.connectionString(server.connectionString);
});
afterEach(async () => {
  await client.dispose();
  await server.stop();
});

const event = (id: string = randomUUID()) => jsonEvent({ id, type: 'Noted', data: { id } });
const collect = async <E>(read: AsyncIterable<E>): Promise<E[]> => {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
};
const revisions = (events: readonly ResolvedEvent[]) => events.map((resolved) => resolved.event?.revision);
const appendFails = async (
  stream: string,
  events: ReturnType<typeof event>[],
  expectedRevision: AppendExpectedRevision,
) => {
  try {
    await client.appendToStream(stream, events, { expectedRevision });
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return error;
    throw error;
  }
  throw new Error('the append was accepted');
};

describe('EventStoreDB protocol test server: Streams.Append', () => {
  it('enforces no_stream, stream_exists, an exact revision and any, and reports the current revision', async () => {
    const stream = `ticket-${randomUUID()}`;
    expect((await appendFails(stream, [event()], STREAM_EXISTS)).actualVersion).toBe(NO_STREAM);
    expect(
      (await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM })).nextExpectedRevision,
    ).toBe(1n);
    expect((await appendFails(stream, [event()], NO_STREAM)).actualVersion).toBe(1n);
    expect((await appendFails(stream, [event()], 0n)).actualVersion).toBe(1n);
    expect((await appendFails(stream, [event()], 5n)).actualVersion).toBe(1n);
    expect((await client.appendToStream(stream, event(), { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
    expect(
      (await client.appendToStream(stream, event(), { expectedRevision: STREAM_EXISTS })).nextExpectedRevision,
    ).toBe(3n);
    const appended = await client.appendToStream(stream, event(), { expectedRevision: ANY });
    expect(appended.nextExpectedRevision).toBe(4n);
    expect(appended.position?.commit).toBe(BigInt(server.records().at(-1)!.position));
  });

  it('treats a repeat of events stored at the expected place as idempotent (no position, nothing written); a partial repeat is refused', async () => {
    const stream = `ticket-${randomUUID()}`;
    const [a, b, c] = [event(), event(), event()];
    await client.appendToStream(stream, [a, b], { expectedRevision: NO_STREAM });
    await client.appendToStream(stream, [c], { expectedRevision: 1n });
    const stored = server.records().length;
    const repeat = await client.appendToStream(stream, [a, b], { expectedRevision: NO_STREAM });
    expect(repeat).toMatchObject({ success: true, nextExpectedRevision: 1n, position: undefined });
    const repeatAny = await client.appendToStream(stream, [b, c], { expectedRevision: ANY });
    expect(repeatAny).toMatchObject({ success: true, nextExpectedRevision: 2n, position: undefined });
    await appendFails(stream, [a, c], NO_STREAM);
    await appendFails(stream, [b, event()], ANY);
    expect(server.records()).toHaveLength(stored);
  });
});

describe('EventStoreDB protocol test server: Streams.Read', () => {
  it('reads a stream forwards and backwards from a revision, bounded by maxCount; an unknown stream is not found', async () => {
    const stream = `ticket-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event(), event(), event()]);
    expect(revisions(await collect(client.readStream(stream)))).toEqual([0n, 1n, 2n, 3n]);
    expect(revisions(await collect(client.readStream(stream, { fromRevision: 1n, maxCount: 2 })))).toEqual([1n, 2n]);
    expect(
      revisions(await collect(client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 3 }))),
    ).toEqual([3n, 2n, 1n]);
    expect(revisions(await collect(client.readStream(stream, { fromRevision: 1n, direction: BACKWARDS })))).toEqual([
      1n,
      0n,
    ]);
    await expect(collect(client.readStream(`ticket-${randomUUID()}`))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all in position order, forwards from a position (inclusive) and backwards (before it), system events included', async () => {
    await client.appendToStream(`a-${randomUUID()}`, [event(), event()]);
    await client.appendToStream(`b-${randomUUID()}`, [event()]);
    const all = await collect(client.readAll());
    expect(all.map((resolved) => resolved.event?.streamId.startsWith('$'))).toEqual([true, false, false, false]);
    const positions = all.map((resolved) => resolved.event!.position.commit);
    expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
    const from = all[2]!.event!.position;
    expect((await collect(client.readAll({ fromPosition: from }))).map((resolved) => resolved.event?.id)).toEqual(
      all.slice(2).map((resolved) => resolved.event?.id),
    );
    expect(
      (await collect(client.readAll({ fromPosition: from, direction: BACKWARDS }))).map(
        (resolved) => resolved.event?.id,
      ),
    ).toEqual(
      all
        .slice(0, 2)
        .reverse()
        .map((resolved) => resolved.event?.id),
    );
    expect(
      (await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })))[0]?.event?.id,
    ).toBe(all[3]!.event!.id);
  });

  it('subscribes to $all: confirmation, filtered catch-up after a position, caught-up, then live events', async () => {
    const stream = `ticket-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event(), event()]);
    const first = (await collect(client.readAll({ maxCount: 2 })))[1]!.event!.position;
    const subscription = client.subscribeToAll({ fromPosition: first, filter: excludeSystemEvents() });
    const seen: string[] = [];
    const confirmed = new Promise<void>((resolve) => subscription.once('confirmation', () => resolve()));
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const received: AllStreamResolvedEvent[] = [];
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      received.push(resolved);
      seen.push('event');
    });
    subscription.on('caughtUp', () => seen.push('caughtUp'));
    await confirmed;
    await caughtUp;
    await client.appendToStream(stream, event());
    while (received.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.unsubscribe();
    expect(received.map((resolved) => resolved.event?.revision)).toEqual([1n, 2n, 3n]);
    expect(seen).toEqual(['event', 'event', 'caughtUp', 'event']);
  });
});

describe('EventStoreDB protocol test server: filtered subscription checkpoints', () => {
  it('reports a checkpoint every multiplier × 32 records looked at, even when the filter lets none through', async () => {
    const stream = `ticket-${randomUUID()}`;
    await client.appendToStream(
      stream,
      Array.from({ length: 70 }, () => event()),
    );
    const checkpoints: bigint[] = [];
    const caughtUp = new Promise<void>((resolve) => {
      const subscription = client.subscribeToAll({
        filter: eventTypeFilter({
          regex: '^NothingMatches$',
          checkpointInterval: 1,
          checkpointReached: (_subscription, position) => {
            checkpoints.push(position.commit);
          },
        }),
      });
      subscription.on('caughtUp', () => {
        void subscription.unsubscribe().then(resolve);
      });
      subscription.on('data', () => undefined);
    });
    await caughtUp;
    const positions = server.records().map((record) => BigInt(record.position));
    // 71 records (the system event and 70 events): after the 32nd, the 64th, and at caught-up (the last).
    expect(checkpoints).toEqual([positions[31], positions[63], positions[70]]);
  });
});

describe('EventStoreDB protocol test server: faults and tampering', () => {
  it('keeps its data across restart; reset empties it; a dropped append is stored but unanswered', async () => {
    const stream = `ticket-${randomUUID()}`;
    await client.appendToStream(stream, [event()]);
    await server.restart();
    const reconnected = EventStoreDBClient.connectionString(server.connectionString);
    try {
      expect(await collect(reconnected.readStream(stream))).toHaveLength(1);
      server.failNextAppends('drop-after-store', 1, stream);
      await expect(reconnected.appendToStream(stream, [event()])).rejects.toThrow();
      expect(server.records().filter((record) => record.streamId === stream)).toHaveLength(2);
      server.reset();
      expect(server.records().map((record) => record.streamId)).toEqual(['$settings']);
    } finally {
      await reconnected.dispose();
    }
  });

  it('tampering edits records behind the server: flip, delete, swap, insert', async () => {
    const stream = `ticket-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event(), event()]);
    const [one, two, three] = server.records().filter((record) => record.streamId === stream);
    await server.tampering.flipByte(one!.position);
    const flipped = server.records().find((record) => record.position === one!.position)!;
    expect(flipped.data).not.toEqual(one!.data);
    expect(() => JSON.parse(new TextDecoder().decode(flipped.data)) as unknown).not.toThrow();
    await server.tampering.swapEvents(two!.position, three!.position);
    expect(server.records().find((record) => record.position === two!.position)?.eventId).toBe(three!.eventId);
    await server.tampering.insertEvent(one!.position);
    expect(
      server
        .records()
        .filter((record) => record.streamId === stream)
        .map((record) => record.revision),
    ).toEqual([0, 1, 3, 2]);
    await server.tampering.deleteEvent(one!.position);
    expect(server.records().some((record) => record.position === one!.position)).toBe(false);
    await expect(server.tampering.deleteEvent(one!.position)).rejects.toThrow(/no event at position/);
  });
});
