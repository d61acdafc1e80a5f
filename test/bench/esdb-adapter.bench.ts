/**
 * Benchmarks of `@itsm/event-store-esdb`: the adapter's overhead over the raw
 * `@eventstore/db-client` calls, both against the same in-process EventStoreDB
 * protocol test server (so the network and the server cost the same for
 * both), contenders alternating in rounds:
 *
 * - (a) single-event append at the stream's head (`Exact`), ids scoped to the
 *   stream, vs the raw client appending the same JSON at the same exact
 *   revision (target ≥ 0.83×, i.e. at most 1.2× the raw time);
 * - (a1) informational: the raw client appending the same JSON with the
 *   metadata the adapter stores (recorded-at, schema version, the 64-hex
 *   hash, the correlation id as `$correlationId`): how much of (a)'s gap is
 *   the hash chain's bytes on the wire and in the server, and how much the
 *   adapter's own work;
 * - (a2) the same with the default store-wide event ids (one claim write per
 *   event before the append): reported against the same raw figure, no target
 *   (it does two writes where the raw client does one);
 * - (b) read a 20-event stream (decode, upcast, check) vs the raw client
 *   reading it (target ≥ 0.83×);
 * - (c) scan 5,000 events through `readAll` (system events skipped) vs the raw
 *   client paging `$all` with the same page size (target ≥ 0.83×).
 *
 * Limits: the test server is not EventStoreDB; with a real server across a
 * network the round trip dominates and the ratios get closer to 1.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  NO_STREAM,
  START,
  type AppendExpectedRevision,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  ExpectedVersion,
  createEventSchemaRegistry,
  defaultEventStoreSettings,
  type EventMetadataInput,
  type EventStore,
} from '@itsm/event-store';
import { createEsdbEventStore } from '@itsm/event-store-esdb';
// The subpath: the package root also exports the jest contract suite, which cannot load outside jest.
import { startEsdbProtocolTestServer } from '@itsm/testing/esdb-protocol-server';
import { measureAlternating, type BenchModule, type BenchResult } from './bench-result.js';

const ROUNDS = 12;
const SECONDS_PER_ROUND = 0.25;
const APPEND_STREAMS = 50;
const READ_STREAMS = 200;
const EVENTS_PER_READ_STREAM = 20;
const SCANNED_EVENTS = 5_000;
const PAGE_SIZE = 500;
const TARGET = 1 / 1.2;

const settings = defaultEventStoreSettings(createEventSchemaRegistry([{ type: 'TicketNoted', schemaVersion: 1 }]));
const metadata: EventMetadataInput = {
  actor: 'agent:bench',
  occurredAt: '2026-01-01T09:00:00Z',
  correlationId: 'bench',
};
const data = (n: number) => ({ ticket: 'INC-1', note: `note ${n}`, visibility: 'work-note' });

/** Appends to a rotating set of streams, always at the head, and counts appends. */
const headAppender = (append: (streamId: string, version: number, n: number) => Promise<void>, prefix: string) => {
  const versions = new Map<string, number>();
  let n = 0;
  return async (): Promise<number> => {
    const streamId = `${prefix}-${n % APPEND_STREAMS}`;
    const version = versions.get(streamId) ?? 0;
    await append(streamId, version, n++);
    versions.set(streamId, version + 1);
    return 1;
  };
};

const drain = async (read: AsyncIterable<unknown>): Promise<number> => {
  let count = 0;
  for await (const item of read) if (item) count++;
  return count;
};

/** The EventStoreDB adapter bench module. */
export const esdbAdapterBench: BenchModule = {
  name: 'esdb-adapter',
  run: async (): Promise<BenchResult[]> => {
    const server = await startEsdbProtocolTestServer({ systemEvents: true });
    // One client (one channel) for every contender, so connection effects hit them alike.
    const raw = EventStoreDBClient.connectionString(server.connectionString);
    const streamScoped = createEsdbEventStore(raw, settings, { eventIdScope: 'stream', pageSize: PAGE_SIZE });
    const storeScoped = createEsdbEventStore(raw, settings, { pageSize: PAGE_SIZE });
    try {
      const adapterAppend = (store: EventStore) => async (streamId: string, version: number, n: number) => {
        const result = await store.appendToStream(
          streamId,
          [{ eventId: randomUUID(), type: 'TicketNoted', data: data(n), metadata }],
          version === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version),
        );
        if (result._tag === 'Left') throw new Error(`append failed: ${JSON.stringify(result.left)}`);
      };
      /** The raw client appending the same JSON at the same exact revision, with the metadata `metadataOf` gives. */
      const rawAppendWith =
        (metadataOf: () => Record<string, unknown>) => async (streamId: string, version: number, n: number) => {
          const expectedRevision: AppendExpectedRevision = version === 0 ? NO_STREAM : BigInt(version - 1);
          await raw.appendToStream(
            streamId,
            {
              id: randomUUID(),
              type: 'TicketNoted',
              contentType: 'application/json',
              data: data(n),
              metadata: metadataOf(),
            },
            { expectedRevision },
          );
        };
      const rawAppend = rawAppendWith(() => ({ ...metadata }));
      // The metadata the adapter stores with each event (same fields and sizes; the hash is a fixed 64-hex string).
      const rawAppendWithChainMetadata = rawAppendWith(() => ({
        actor: metadata.actor,
        occurredAt: metadata.occurredAt,
        $correlationId: metadata.correlationId,
        recordedAt: new Date().toISOString(),
        schemaVersion: 1,
        hash: 'ab'.repeat(32),
      }));
      const [appendStream, appendRaw, appendStore, appendRawChain] = await measureAlternating(
        ROUNDS,
        SECONDS_PER_ROUND,
        [
          headAppender(adapterAppend(streamScoped), `appendStream${randomUUID().slice(0, 8)}`),
          headAppender(rawAppend, `appendRaw${randomUUID().slice(0, 8)}`),
          headAppender(adapterAppend(storeScoped), `appendStore${randomUUID().slice(0, 8)}`),
          headAppender(rawAppendWithChainMetadata, `appendRawChain${randomUUID().slice(0, 8)}`),
        ],
      );

      // Streams to read: written through the adapter, so both contenders read @itsm events.
      const readStreams: string[] = [];
      for (let stream = 0; stream < READ_STREAMS; stream++) {
        const streamId = `read-${randomUUID()}`;
        const result = await streamScoped.appendToStream(
          streamId,
          Array.from({ length: EVENTS_PER_READ_STREAM }, (_, n) => ({
            eventId: randomUUID(),
            type: 'TicketNoted',
            data: data(n),
            metadata,
          })),
          ExpectedVersion.noStream,
        );
        if (result._tag === 'Left') throw new Error('seeding failed');
        readStreams.push(streamId);
      }
      let readIndex = 0;
      const nextStream = () => readStreams[readIndex++ % readStreams.length]!;
      const [readAdapter, readRaw] = await measureAlternating(ROUNDS, SECONDS_PER_ROUND, [
        async () => ((await drain(streamScoped.readStream(nextStream()))) === EVENTS_PER_READ_STREAM ? 1 : 0),
        async () =>
          (await drain(raw.readStream(nextStream(), { maxCount: PAGE_SIZE }))) === EVENTS_PER_READ_STREAM ? 1 : 0,
      ]);

      // A log of SCANNED_EVENTS events (including the append and read streams above) scanned from the start.
      server.reset();
      for (let written = 0; written < SCANNED_EVENTS; written += 100) {
        const result = await streamScoped.appendToStream(
          `scan-${randomUUID()}`,
          Array.from({ length: 100 }, (_, n) => ({
            eventId: randomUUID(),
            type: 'TicketNoted',
            data: data(n),
            metadata,
          })),
          ExpectedVersion.noStream,
        );
        if (result._tag === 'Left') throw new Error('seeding failed');
      }
      const rawScan = async (): Promise<number> => {
        let from: ReadPosition = START;
        let count = 0;
        for (;;) {
          let page = 0;
          let last: ReadPosition | undefined;
          for await (const resolved of raw.readAll({ fromPosition: from, maxCount: PAGE_SIZE })) {
            page++;
            if (resolved.event && !resolved.event.type.startsWith('$')) count++;
            last = resolved.event?.position;
          }
          if (page < PAGE_SIZE || !last) return count;
          from = last;
        }
      };
      const [scanAdapter, scanRaw] = await measureAlternating(3, 1, [
        async () => drain(streamScoped.readAll()),
        rawScan,
      ]);

      const rawAppendReference = { name: 'raw client append, same exact revision', opsPerSecond: appendRaw! };
      return [
        {
          name: '(a) single-event append at the head, ids scoped to the stream',
          opsPerSecond: appendStream!,
          reference: rawAppendReference,
          targetRatio: TARGET,
          note: `${APPEND_STREAMS} streams round robin; target = at most 1.2x the raw time`,
        },
        {
          name: '(a1) single-event append, ids scoped to the stream, vs raw with the same metadata',
          opsPerSecond: appendStream!,
          reference: { name: 'raw client append, chain metadata', opsPerSecond: appendRawChain! },
          note: 'informational: the raw client sends the metadata fields the adapter stores, so the ratio is the adapter’s own overhead',
        },
        {
          name: '(a2) single-event append at the head, store-wide ids (default)',
          opsPerSecond: appendStore!,
          reference: rawAppendReference,
          note: 'one id-claim write per event before the append: two round trips where the raw client makes one',
        },
        {
          name: `(b) read a ${EVENTS_PER_READ_STREAM}-event stream`,
          opsPerSecond: readAdapter!,
          reference: { name: 'raw client readStream', opsPerSecond: readRaw! },
          targetRatio: TARGET,
        },
        {
          name: `(c) readAll scan, events/s`,
          opsPerSecond: scanAdapter!,
          reference: { name: 'raw client readAll pages', opsPerSecond: scanRaw! },
          targetRatio: TARGET,
          note: `${SCANNED_EVENTS} events, ${PAGE_SIZE} per page`,
        },
      ];
    } finally {
      // The stores share the raw client: closing one disposes its streams.
      await streamScoped.close();
      await storeScoped.close();
      await server.stop();
    }
  },
};
