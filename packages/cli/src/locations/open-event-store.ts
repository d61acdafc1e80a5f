/**
 * Opening the event store a `--store` value names, with the schema registry
 * the command needs: every @itsm event type for operational commands, or
 * `permissiveEventSchemas` for the auditor's tools (which must read any log
 * as stored). Failures are values with a one-line reason and what to do.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { EventStoreDBClient } from '@eventstore/db-client';
import { defaultEventStoreSettings, type EventSchemaRegistry, type EventStore } from '@itsm/event-store';
import { createEsdbEventStore } from '@itsm/event-store-esdb';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { cliFailure, usageFailure, type CliFailure } from '../cli-failure.js';
import { ExitCode } from '../exit-codes.js';
import { parseStoreLocation, type StoreLocation } from './store-location.js';

/** The store could not be opened; `hint` says what to do. */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable';
  readonly location: string;
  readonly reason: string;
  readonly hint: string;
}

/** Whether the command may create a new, empty store at the location. */
export type CreateMode = 'create-if-missing' | 'must-exist';

const describe = (location: StoreLocation): string =>
  location._tag === 'Sqlite' ? `sqlite:${location.file}` : `esdb:${location.connectionString}`;

/** Opens the store at a location; for EventStoreDB, checks that the server answers. */
export const openEventStore = async (
  location: StoreLocation,
  schemas: EventSchemaRegistry,
  mode: CreateMode,
): Promise<Either<StoreUnavailable, EventStore>> => {
  const settings = defaultEventStoreSettings(schemas);
  const name = describe(location);
  if (location._tag === 'Sqlite') {
    if (mode === 'must-exist' && !existsSync(location.file))
      return left({
        _tag: 'StoreUnavailable',
        location: name,
        reason: `no such file ${location.file}`,
        hint: 'check the path, or run `itsm demo --path <file>` to create a store',
      });
    const opened = openSqliteEventStore(location.file, settings);
    return opened._tag === 'Right'
      ? right(opened.right)
      : left({
          _tag: 'StoreUnavailable',
          location: name,
          reason: opened.left.reason,
          hint: 'point --store at an @itsm SQLite event store file',
        });
  }
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(location.connectionString);
  } catch (error) {
    return left({
      _tag: 'StoreUnavailable',
      location: name,
      reason: `invalid connection string: ${(error as Error).message}`,
      hint: 'use esdb://host:2113?tls=false or a cluster string such as esdb://a:2113,b:2113,c:2113',
    });
  }
  const store = createEsdbEventStore(client, settings);
  const head = await store.headPosition();
  if (head._tag === 'Left') {
    await store.close();
    return left({
      _tag: 'StoreUnavailable',
      location: name,
      reason: head.left.reason,
      hint: 'check that EventStoreDB/KurrentDB is running and the connection string is right',
    });
  }
  return right(store);
};

/**
 * Parses a `--store` value and opens the store it names: the one way every
 * command gets its store, with a usage failure for a bad value and an
 * `unavailable` failure (and what to do) for a store that cannot be opened.
 */
export const openStoreOption = async (
  storeOption: string,
  schemas: EventSchemaRegistry,
  mode: CreateMode,
): Promise<Either<CliFailure, EventStore>> => {
  const location = parseStoreLocation(storeOption);
  if (location._tag === 'Left')
    return left(usageFailure(`invalid --store ${JSON.stringify(storeOption)}`, location.left.hint));
  const opened = await openEventStore(location.right, schemas, mode);
  return opened._tag === 'Right'
    ? opened
    : left(
        cliFailure(
          `cannot open ${opened.left.location}: ${opened.left.reason}`,
          ExitCode.unavailable,
          opened.left.hint,
        ),
      );
};
