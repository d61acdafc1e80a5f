/** Shared pieces of the runner tests: a counting projection written with kysely, stores and temp files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  ExpectedVersion,
  createInMemoryEventStore,
  permissiveEventSchemas,
  type InMemoryEventStore,
} from '@itsm/event-store';
import type { Kysely } from 'kysely';
import type { Projection } from './projection.js';
import type { AnyDatabase } from './projection.js';

/** The tables of the counting projection. */
export interface CountsDatabase {
  event_counts: { type: string; count: number };
  seen_positions: { position: number };
}

/** A projection counting events per type (and recording each position once: a duplicate would violate the key). */
export const countingProjection = (
  version = 1,
  handles: readonly string[] = ['A', 'B'],
  failOn?: (data: unknown) => boolean,
): Projection<CountsDatabase> => ({
  name: 'event_counts',
  version,
  handles,
  tables: ['event_counts', 'seen_positions'],
  migrations: {
    '0001_counts': {
      up: async (db: Kysely<AnyDatabase>) => {
        await db.schema
          .createTable('event_counts')
          .addColumn('type', 'text', (c) => c.primaryKey())
          .addColumn('count', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('seen_positions')
          .addColumn('position', 'bigint', (c) => c.primaryKey())
          .execute();
        await db.schema.createIndex('event_counts_by_count').on('event_counts').column('count').execute();
      },
    },
  },
  apply: async (trx, event) => {
    if (failOn?.(event.data) === true) throw new Error(`refused ${JSON.stringify(event.data)}`);
    await trx.insertInto('seen_positions').values({ position: event.globalPosition }).execute();
    await trx
      .insertInto('event_counts')
      .values({ type: event.type, count: 1 })
      .onConflict((oc) => oc.column('type').doUpdateSet((eb) => ({ count: eb('event_counts.count', '+', 1) })))
      .execute();
  },
});

/** An in-memory store. */
export const memoryStore = (): InMemoryEventStore =>
  createInMemoryEventStore({
    schemas: permissiveEventSchemas,
    maxPayloadBytes: 1024 * 1024,
    now: () => new Date('2026-02-01T10:00:00Z'),
  });

/** Appends `count` events of the given types (cycled) to streams `s-0`…`s-9`. */
export const appendEvents = async (
  store: InMemoryEventStore,
  count: number,
  types: readonly string[] = ['A', 'B', 'C'],
  offset = 0,
): Promise<void> => {
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const result = await store.appendToStream(
      `s-${n % 10}`,
      [
        {
          eventId: randomUUID(),
          type: types[n % types.length] ?? 'A',
          data: { n },
          metadata: { actor: 'tester', occurredAt: '2026-02-01T10:00:00Z', correlationId: 'c' },
        },
      ],
      ExpectedVersion.any,
    );
    if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
  }
};

/** A fresh temp directory and its cleanup. */
export const tempDirectory = (): { readonly path: string; readonly remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), 'itsm-projections-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
};

/** A unique name. */
export const uniqueName = (prefix: string): string => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** A projection that records the positions of the events it handles in `<name>_positions`. */
export const positionsProjection = (name: string, handles: readonly string[], version = 1): Projection => ({
  name,
  version,
  handles,
  tables: [`${name}_positions`],
  migrations: {
    '0001_positions': {
      up: async (db: Kysely<AnyDatabase>) => {
        await db.schema
          .createTable(`${name}_positions`)
          .addColumn('position', 'bigint', (c) => c.primaryKey())
          .execute();
      },
    },
  },
  apply: async (trx, event) => {
    await trx.insertInto(`${name}_positions`).values({ position: event.globalPosition }).execute();
  },
});
