/**
 * The in-memory store as a contract subject: the store, `reopen` over the
 * same log, and tampering through the store's `tamper` hook. Also handy for
 * any test that needs a tamperable store.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import {
  GENESIS_HASH,
  canonicalJson,
  chainHash,
  createInMemoryEventStore,
  type EventStoreSettings,
  type InMemoryEventStore,
  type StoredEvent,
} from '@itsm/event-store';
import type { ContractSubject, StoreTampering } from './event-store-contract/contract-subject.js';

const indexAt = (rows: readonly StoredEvent[], position: number): number => {
  const index = rows.findIndex((row) => row.globalPosition === position);
  if (index < 0) throw new Error(`no stored event at position ${position}`);
  return index;
};

/** Changes one character of the data's JSON such that it stays JSON and means something else. */
const flipOneCharacter = (data: unknown): unknown => {
  const json = canonicalJson(data);
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    const flipped = `${json.slice(0, index)}${String.fromCharCode(code ^ 1)}${json.slice(index + 1)}`;
    try {
      const parsed: unknown = JSON.parse(flipped);
      if (canonicalJson(parsed) !== json) return parsed;
    } catch {
      // This character was structural; try the next one.
    }
  }
  throw new Error(`cannot flip a character of ${json}`);
};

/** Tampering with an in-memory store's rows, as an attacker with access to its storage would. */
export const inMemoryTampering = (store: InMemoryEventStore): Required<StoreTampering> => ({
  flipByte: async (position) =>
    store.tamper((rows) => {
      const index = indexAt(rows, position);
      const row = rows[index]!;
      rows[index] = { ...row, data: flipOneCharacter(row.data) };
    }),
  deleteEvent: async (position) =>
    store.tamper((rows) => {
      rows.splice(indexAt(rows, position), 1);
    }),
  swapEvents: async (a, b) =>
    store.tamper((rows) => {
      const first = indexAt(rows, a);
      const second = indexAt(rows, b);
      const x = rows[first]!;
      const y = rows[second]!;
      if (x.streamId !== y.streamId) throw new Error(`positions ${a} and ${b} are in different streams`);
      rows[first] = { ...y, globalPosition: x.globalPosition };
      rows[second] = { ...x, globalPosition: y.globalPosition };
    }),
  insertEvent: async (afterPosition) =>
    store.tamper((rows) => {
      const index = indexAt(rows, afterPosition);
      const original = rows[index]!;
      for (let later = index + 1; later < rows.length; later++) {
        const row = rows[later]!;
        rows[later] = {
          ...row,
          globalPosition: row.globalPosition + 1,
          streamVersion: row.streamId === original.streamId ? row.streamVersion + 1 : row.streamVersion,
        };
      }
      const forged: StoredEvent = {
        ...original,
        eventId: randomUUID(),
        streamVersion: original.streamVersion + 1,
        globalPosition: original.globalPosition + 1,
      };
      rows.splice(index + 1, 0, forged);
    }),
  rewriteEvent: async (position, data) =>
    store.tamper((rows) => {
      const index = indexAt(rows, position);
      const target = rows[index]!;
      rows[index] = { ...target, data };
      let previous = GENESIS_HASH;
      for (const [at, row] of rows.entries()) {
        if (row.streamId !== target.streamId) continue;
        if (row.streamVersion >= target.streamVersion) {
          const { streamId, streamVersion, eventId, type, schemaVersion, metadata } = row;
          rows[at] = {
            ...row,
            hash: chainHash(previous, {
              streamId,
              streamVersion,
              eventId,
              type,
              schemaVersion,
              data: row.data,
              metadata,
            }),
          };
        }
        previous = rows[at]!.hash;
      }
    }),
});

/** Opens a fresh in-memory store as a {@link ContractSubject}, with tampering. */
export const openInMemoryContractSubject = async (settings: EventStoreSettings): Promise<ContractSubject> => {
  const store = createInMemoryEventStore(settings);
  return {
    store,
    reopen: async (other) => store.reopen(other),
    tampering: inMemoryTampering(store),
    close: () => store.close(),
  };
};
