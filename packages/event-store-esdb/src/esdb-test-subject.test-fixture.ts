/**
 * Contract subjects for the EventStoreDB store: over the protocol test server
 * of @itsm/testing (a fresh server per subject, with tampering on its
 * storage), and over a real EventStoreDB/KurrentDB given a connection string
 * (no tampering; the log is shared, so the contract's own fresh stream ids
 * and start positions keep tests apart).
 *
 * @module
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { GENESIS_HASH, chainHash, type EventMetadata, type EventStoreSettings } from '@itsm/event-store';
import {
  startEsdbProtocolTestServer,
  type ContractSubject,
  type EsdbProtocolTestServer,
  type StoreTampering,
} from '@itsm/testing';
import { createEsdbEventStore, type EsdbEventStoreTuning } from './esdb-event-store.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The test server's tampering, plus `rewriteEvent`, which recomputes the chain kept in the adapter's metadata. */
export const esdbTestServerTampering = (server: EsdbProtocolTestServer): Required<StoreTampering> => ({
  flipByte: server.tampering.flipByte,
  deleteEvent: server.tampering.deleteEvent,
  swapEvents: server.tampering.swapEvents,
  insertEvent: server.tampering.insertEvent,
  rewriteEvent: async (position, data) =>
    server.tampering.rewriteRecords((records) => {
      const target = records.find((record) => record.position === position);
      if (!target) throw new Error(`no event at position ${position}`);
      let previous = GENESIS_HASH;
      return records.map((record) => {
        if (record.streamId !== target.streamId) return record;
        const metadata = JSON.parse(decoder.decode(record.customMetadata)) as Record<string, unknown> & EventMetadata;
        if (record.revision < target.revision) {
          previous = String(metadata['hash']);
          return record;
        }
        const recordData = record === target ? data : (JSON.parse(decoder.decode(record.data)) as unknown);
        const { actor, occurredAt, recordedAt } = metadata;
        const correlationId = String(metadata['$correlationId']);
        const causationId = metadata['$causationId'] === undefined ? undefined : String(metadata['$causationId']);
        const chained: EventMetadata =
          causationId === undefined
            ? { actor, occurredAt, correlationId, recordedAt }
            : { actor, occurredAt, correlationId, causationId, recordedAt };
        const hash = chainHash(previous, {
          streamId: record.streamId,
          streamVersion: record.revision + 1,
          eventId: record.eventId,
          type: record.type,
          schemaVersion: Number(metadata['schemaVersion']),
          data: recordData,
          metadata: chained,
        });
        previous = hash;
        return {
          ...record,
          data: encoder.encode(JSON.stringify(recordData)),
          customMetadata: encoder.encode(JSON.stringify({ ...metadata, hash })),
        };
      });
    }),
});

/** Opens a store over a fresh protocol test server; `close` stops the server. */
export const openEsdbTestServerSubject =
  (tuning: EsdbEventStoreTuning = {}) =>
  async (settings: EventStoreSettings): Promise<ContractSubject> => {
    const server = await startEsdbProtocolTestServer();
    const store = createEsdbEventStore(EventStoreDBClient.connectionString(server.connectionString), settings, tuning);
    return {
      store,
      reopen: async (other) =>
        createEsdbEventStore(EventStoreDBClient.connectionString(server.connectionString), other, tuning),
      tampering: esdbTestServerTampering(server),
      close: async () => {
        await store.close();
        await server.stop();
      },
    };
  };

/** Opens a store over a real server; every store has its own client. */
export const openRealEsdbSubject =
  (connectionString: string) =>
  async (settings: EventStoreSettings): Promise<ContractSubject> => {
    const store = createEsdbEventStore(EventStoreDBClient.connectionString(connectionString), settings);
    return {
      store,
      reopen: async (other) => createEsdbEventStore(EventStoreDBClient.connectionString(connectionString), other),
      close: () => store.close(),
    };
  };
