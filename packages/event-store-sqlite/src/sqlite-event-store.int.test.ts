import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import {
  ExpectedVersion,
  EventStoreFailure,
  canonicalJson,
  createEventSchemaRegistry,
  defaultEventStoreSettings,
  permissiveEventSchemas,
  readStreamEvents,
  verifyAll,
  type RecordedEvent,
} from '@itsm/event-store';
import {
  LOCK_WAIT_TIMEOUT_MS,
  SQLITE_APPLICATION_ID,
  SQLITE_SCHEMA_VERSION,
  SqliteCommitMode,
  SqliteDurability,
  openSqliteEventStore,
  sqliteTampering,
  type SqliteEventStore,
} from './index.js';
import { newEvent, temporaryFolder, testSettings } from './sqlite-test-support.test-fixture.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const folder = (): string => {
  const temporary = temporaryFolder('store');
  cleanups.push(temporary.remove);
  return temporary.folder;
};

const open = (
  file: string,
  durability?: SqliteDurability,
  mode?: SqliteCommitMode,
  settings = testSettings(),
): SqliteEventStore => {
  const opened = openSqliteEventStore(file, settings, durability, mode);
  if (opened._tag === 'Left') throw new Error(`open failed: ${JSON.stringify(opened.left)}`);
  cleanups.push(() => opened.right.close());
  return opened.right;
};

const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('opening a SQLite event store', () => {
  it('creates a new file in WAL mode with synchronous=FULL, a busy timeout and the current schema version', () => {
    const file = join(folder(), 'events.db');
    const store = open(file);
    expect(store.connectionSettings()).toEqual({
      journalMode: 'wal',
      synchronous: 'FULL',
      busyTimeoutMs: 0,
      lockWaitTimeoutMs: LOCK_WAIT_TIMEOUT_MS,
      schemaVersion: SQLITE_SCHEMA_VERSION,
    });
    expect(store.durability).toEqual(SqliteDurability.fullSynchronous);
    expect(store.commitMode).toEqual(SqliteCommitMode.groupCommit);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(SQLITE_APPLICATION_ID);
    expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    raw.close();
  });

  it('uses synchronous=NORMAL only when it is named', () => {
    const store = open(join(folder(), 'events.db'), SqliteDurability.normalSynchronous);
    expect(store.connectionSettings().synchronous).toBe('NORMAL');
  });

  it('keeps events across close and reopen', async () => {
    const file = join(folder(), 'events.db');
    const first = open(file);
    const appended = await first.appendToStream(
      'ticket-1',
      [newEvent('TicketOpened', { title: 'printer' })],
      ExpectedVersion.noStream,
    );
    expect(appended._tag).toBe('Right');
    await first.close();
    const second = open(file);
    const events = await collect(second.readStream('ticket-1'));
    expect(events.map((event) => event.data)).toEqual([{ title: 'printer' }]);
    expect(await second.headPosition()).toEqual({ _tag: 'Right', right: 1 });
  });

  it('refuses a file that is not a SQLite database, naming the file, and leaves it unchanged', () => {
    const file = join(folder(), 'notes.txt');
    writeFileSync(file, 'these are not the events you are looking for\n'.repeat(200));
    const before = digest(file);
    const opened = openSqliteEventStore(file, testSettings());
    expect(opened).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'SqliteStoreOpenFailed', file, problem: 'NotADatabase' },
    });
    expect(digest(file)).toBe(before);
  });

  it("refuses another application's SQLite database and leaves it unchanged", () => {
    const file = join(folder(), 'crm.db');
    const other = new Database(file);
    other.exec(
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada')",
    );
    other.close();
    const before = digest(file);
    const opened = openSqliteEventStore(file, testSettings());
    expect(opened._tag).toBe('Left');
    if (opened._tag === 'Left') {
      expect(opened.left).toMatchObject({ _tag: 'SqliteStoreOpenFailed', file, problem: 'NotAnEventStore' });
      expect(opened.left.reason).toContain('customers');
    }
    expect(digest(file)).toBe(before);
  });

  it('refuses a database with a foreign application id', () => {
    const file = join(folder(), 'foreign.db');
    const other = new Database(file);
    other.pragma('application_id = 1234');
    other.close();
    const opened = openSqliteEventStore(file, testSettings());
    expect(opened).toMatchObject({ _tag: 'Left', left: { problem: 'NotAnEventStore', file } });
  });

  it('refuses a file written with a newer schema version', async () => {
    const file = join(folder(), 'events.db');
    await open(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    raw.close();
    const opened = openSqliteEventStore(file, testSettings());
    expect(opened._tag).toBe('Left');
    if (opened._tag === 'Left') {
      expect(opened.left).toMatchObject({ problem: 'NewerSchemaVersion', file });
      expect(opened.left.reason).toContain(String(SQLITE_SCHEMA_VERSION + 1));
    }
  });

  it('migrates a file of ours at an older schema version, inside one transaction', async () => {
    const file = join(folder(), 'events.db');
    // Schema version 0: the id is set but no migration has run yet.
    const raw = new Database(file);
    raw.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
    raw.close();
    const store = open(file);
    expect(store.connectionSettings().schemaVersion).toBe(SQLITE_SCHEMA_VERSION);
    expect(
      await store.appendToStream('ticket-1', [newEvent('TicketOpened', {})], ExpectedVersion.noStream),
    ).toMatchObject({
      right: { nextExpectedVersion: 1 },
    });
  });

  it('reports a path that cannot be opened', () => {
    const directory = join(folder(), 'a-directory');
    mkdirSync(directory);
    expect(openSqliteEventStore(directory, testSettings())).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'SqliteStoreOpenFailed', file: directory, problem: 'CannotOpen' },
    });
    const missing = join(folder(), 'no', 'such', 'folder', 'events.db');
    expect(openSqliteEventStore(missing, testSettings())).toMatchObject({
      _tag: 'Left',
      left: { problem: 'CannotOpen' },
    });
  });
});

describe.each([
  ['group commit', SqliteCommitMode.groupCommit],
  ['one transaction per append', SqliteCommitMode.transactionPerAppend],
])('appending with %s', (_name, mode) => {
  it('stores data and metadata as the canonical JSON the hash chain covers', async () => {
    const file = join(folder(), 'events.db');
    const store = open(file, undefined, mode);
    const data = { z: 1, a: { y: [1, 'two', null], b: true }, dropped: undefined };
    const appended = await store.appendToStream('ticket-7', [newEvent('TicketOpened', data)], ExpectedVersion.noStream);
    expect(appended._tag).toBe('Right');
    const raw = new Database(file, { readonly: true });
    const row = raw.prepare('SELECT data, metadata, hash FROM events').get() as {
      data: string;
      metadata: string;
      hash: string;
    };
    raw.close();
    expect(row.data).toBe(canonicalJson(data));
    expect(row.data).toBe('{"a":{"b":true,"y":[1,"two",null]},"z":1}');
    const recorded = appended._tag === 'Right' ? appended.right.events[0] : undefined;
    expect(row.metadata).toBe(canonicalJson(recorded?.metadata));
    expect(row.hash).toBe(recorded?.hash);
    expect(await verifyAll(store)).toMatchObject({ _tag: 'Right', right: { ok: true, eventsChecked: 1 } });
  });

  it('reports a retry with the same event ids and expected version as already appended, without duplicating', async () => {
    const store = open(join(folder(), 'events.db'), undefined, mode);
    const events = [newEvent('TicketOpened', { n: 1 }), newEvent('TicketNoted', { n: 2 })];
    const first = await store.appendToStream('ticket-1', events, ExpectedVersion.noStream);
    await store.appendToStream('ticket-1', [newEvent('TicketNoted', { n: 3 })], ExpectedVersion.exact(2));
    const retry = await store.appendToStream('ticket-1', events, ExpectedVersion.noStream);
    expect(retry._tag).toBe('Right');
    if (retry._tag === 'Right' && first._tag === 'Right') {
      expect(retry.right.alreadyAppended).toBe(true);
      expect(retry.right.nextExpectedVersion).toBe(2);
      expect(retry.right.events).toEqual(first.right.events);
    }
    expect((await collect(store.readAll())).map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const changed = await store.appendToStream(
      'ticket-1',
      [events[0]!, { ...events[1]!, data: { n: 99 } }],
      ExpectedVersion.noStream,
    );
    expect(changed).toMatchObject({ _tag: 'Left', left: { _tag: 'EventIdConflict', eventId: events[1]!.eventId } });
    const elsewhere = await store.appendToStream('ticket-2', events, ExpectedVersion.any);
    expect(elsewhere).toMatchObject({ _tag: 'Left', left: { _tag: 'EventIdConflict' } });
    expect(await store.headPosition()).toEqual({ _tag: 'Right', right: 3 });
  });

  it('enforces each expected version exactly and writes nothing when refusing', async () => {
    const store = open(join(folder(), 'events.db'), undefined, mode);
    const append = (expected: ExpectedVersion) =>
      store.appendToStream('ticket-3', [newEvent('TicketNoted', {})], expected);
    expect(await append(ExpectedVersion.streamExists)).toMatchObject({
      left: { _tag: 'StreamVersionConflict', actual: 0 },
    });
    expect(await append(ExpectedVersion.exact(1))).toMatchObject({
      left: { _tag: 'StreamVersionConflict', actual: 0 },
    });
    expect(await append(ExpectedVersion.noStream)).toMatchObject({ right: { nextExpectedVersion: 1 } });
    expect(await append(ExpectedVersion.noStream)).toMatchObject({
      left: { _tag: 'StreamVersionConflict', actual: 1 },
    });
    expect(await append(ExpectedVersion.exact(0))).toMatchObject({
      left: { _tag: 'StreamVersionConflict', actual: 1 },
    });
    expect(await append(ExpectedVersion.streamExists)).toMatchObject({ right: { nextExpectedVersion: 2 } });
    expect(await append(ExpectedVersion.exact(2))).toMatchObject({ right: { nextExpectedVersion: 3 } });
    expect(await append(ExpectedVersion.any)).toMatchObject({ right: { nextExpectedVersion: 4 } });
    expect(await store.headPosition()).toEqual({ _tag: 'Right', right: 4 });
  });

  it('refuses bad input before any I/O', async () => {
    const store = open(join(folder(), 'events.db'), undefined, mode);
    expect(await store.appendToStream('no dollars$', [newEvent('TicketNoted', {})], ExpectedVersion.any)).toMatchObject(
      {
        left: { _tag: 'InvalidStreamId' },
      },
    );
    expect(await store.appendToStream('ticket-1', [newEvent('Unregistered', {})], ExpectedVersion.any)).toMatchObject({
      left: { _tag: 'InvalidEvent' },
    });
    expect(store.commitCounts()).toEqual({ transactions: 0, appends: 0 });
  });
});

describe('group commit', () => {
  it('commits 64 concurrent appends in a few transactions, each answered with its own result', async () => {
    const store = open(join(folder(), 'events.db'));
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, index) =>
        store.appendToStream(`ticket-${index}`, [newEvent('TicketOpened', { index })], ExpectedVersion.noStream),
      ),
    );
    expect(results.every((result) => result._tag === 'Right')).toBe(true);
    const positions = results.map((result) => (result._tag === 'Right' ? result.right.lastPosition : 0));
    expect(new Set(positions).size).toBe(64);
    // The first append of the burst commits at once; the 63 others share the next transaction.
    expect(store.commitCounts()).toEqual({ transactions: 2, appends: 64 });
    const events = await collect(store.readAll());
    expect(events).toHaveLength(64);
    for (const [index, result] of results.entries())
      if (result._tag === 'Right')
        expect(events.find((event) => event.globalPosition === result.right.lastPosition)?.data).toEqual({ index });
    expect(await verifyAll(store)).toMatchObject({ right: { ok: true, eventsChecked: 64 } });
  });

  it('fails a conflicting append alone while the rest of its group commits', async () => {
    const store = open(join(folder(), 'events.db'));
    await store.appendToStream('ticket-shared', [newEvent('TicketOpened', {})], ExpectedVersion.noStream);
    // Ten callers race for version 1 of one stream in one group: exactly one wins.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        store.appendToStream('ticket-shared', [newEvent('TicketNoted', { index })], ExpectedVersion.exact(1)),
      ),
    );
    const others = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        store.appendToStream(
          `ticket-other-${index}`,
          [newEvent('TicketOpened', {}), newEvent('TicketNoted', {})],
          ExpectedVersion.noStream,
        ),
      ),
    );
    expect(racing.filter((result) => result._tag === 'Right')).toHaveLength(1);
    expect(
      racing.filter((result) => result._tag === 'Left' && result.left._tag === 'StreamVersionConflict'),
    ).toHaveLength(9);
    expect(others.every((result) => result._tag === 'Right')).toBe(true);
    const shared = await readStreamEvents(store, 'ticket-shared');
    expect(shared._tag === 'Right' && shared.right.map((event) => event.streamVersion)).toEqual([1, 2]);
    expect(await verifyAll(store)).toMatchObject({ right: { ok: true, eventsChecked: 12 } });
  });

  it('sees earlier appends of the same group: a retry queued beside its original is reported as already appended', async () => {
    const store = open(join(folder(), 'events.db'));
    // Opens a group window, so the next two land in one group transaction.
    const opener = store.appendToStream('ticket-0', [newEvent('TicketOpened', {})], ExpectedVersion.noStream);
    const events = [newEvent('TicketOpened', { n: 1 }), newEvent('TicketNoted', { n: 2 })];
    const [original, retry] = await Promise.all([
      store.appendToStream('ticket-1', events, ExpectedVersion.noStream),
      store.appendToStream('ticket-1', events, ExpectedVersion.noStream),
    ]);
    await opener;
    expect(original).toMatchObject({ right: { alreadyAppended: false, nextExpectedVersion: 2 } });
    expect(retry).toMatchObject({ right: { alreadyAppended: true, nextExpectedVersion: 2 } });
    expect(store.commitCounts().transactions).toBe(2);
    expect(await store.headPosition()).toEqual({ _tag: 'Right', right: 3 });
  });

  it('answers appends queued before close, and refuses appends after it', async () => {
    const store = open(join(folder(), 'events.db'));
    const pending = Array.from({ length: 5 }, (_, index) =>
      store.appendToStream(`ticket-${index}`, [newEvent('TicketOpened', {})], ExpectedVersion.noStream),
    );
    await store.close();
    expect((await Promise.all(pending)).every((result) => result._tag === 'Right')).toBe(true);
    expect(await store.appendToStream('ticket-9', [newEvent('TicketOpened', {})], ExpectedVersion.any)).toMatchObject({
      left: { _tag: 'EventStoreUnavailable', outcomeUnknown: false },
    });
    expect(await store.headPosition()).toMatchObject({ left: { _tag: 'EventStoreUnavailable' } });
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(EventStoreFailure);
  });
});

describe('waiting for another connection', () => {
  it('an append waits for a write lock held by another thread instead of failing busy', async () => {
    const file = join(folder(), 'events.db');
    const store = open(file);
    await store.appendToStream('ticket-1', [newEvent('TicketOpened', {})], ExpectedVersion.noStream);
    // Another thread takes the write lock and commits 300 ms later; SQLite's own busy handler is off in the store.
    const holder = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const Database = require(workerData.driver);
       const db = new Database(workerData.file);
       db.prepare('BEGIN IMMEDIATE').run();
       db.prepare("INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, hash) VALUES ('00000000-0000-4000-8000-000000000000', 'ticket-other', 1, 'TicketOpened', 1, '{}', '{}', 'x')").run();
       parentPort.postMessage('locked');
       setTimeout(() => { db.prepare('COMMIT').run(); db.close(); parentPort.postMessage('released'); }, 300);`,
      { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } },
    );
    const messages: string[] = [];
    const released = new Promise<void>((resolve) =>
      holder.on('message', (message: string) => {
        messages.push(message);
        if (message === 'released') resolve();
      }),
    );
    await new Promise<void>((resolve) => holder.once('message', () => resolve()));
    const appended = await store.appendToStream('ticket-1', [newEvent('TicketNoted', {})], ExpectedVersion.exact(1));
    expect(appended).toMatchObject({ _tag: 'Right', right: { nextExpectedVersion: 2 } });
    await released;
    await holder.terminate();
    // The other thread's transaction committed first: its event holds the earlier position.
    const events = await collect(store.readAll());
    expect(events.map((event) => event.streamId)).toEqual(['ticket-1', 'ticket-other', 'ticket-1']);
    expect(messages).toEqual(['locked', 'released']);
  });
});

describe('reading', () => {
  it('reads streams and the log in order across batch boundaries, from any version or position', async () => {
    const store = open(join(folder(), 'events.db'), SqliteDurability.normalSynchronous);
    // 1,234 events over two streams: more than two read batches each way.
    for (let batch = 0; batch < 13; batch++) {
      const events = Array.from({ length: 95 }, (_, index) => newEvent('TicketNoted', { n: batch * 95 + index }));
      const first = await store.appendToStream('ticket-a', events.slice(0, 60), ExpectedVersion.any);
      const second = await store.appendToStream('ticket-b', events.slice(60), ExpectedVersion.any);
      expect(first._tag === 'Right' && second._tag === 'Right').toBe(true);
    }
    const a = await collect(store.readStream('ticket-a'));
    expect(a.map((event) => event.streamVersion)).toEqual(Array.from({ length: 780 }, (_, index) => index + 1));
    const all = await collect(store.readAll());
    expect(all.map((event) => event.globalPosition)).toEqual(
      Array.from({ length: 1235 }, (_, index) => index + 1).slice(0, 1235),
    );
    expect(all.map((event) => (event.data as { n: number }).n)).toEqual(
      Array.from({ length: 1235 }, (_, index) => index),
    );
    expect((await collect(store.readStream('ticket-b', 400))).map((event) => event.streamVersion)[0]).toBe(400);
    expect((await collect(store.readAll(1000))).map((event) => event.globalPosition)[0]).toBe(1001);
    expect(await collect(store.readStream('ticket-none'))).toEqual([]);
    await expect(collect(store.readStream('not a stream'))).rejects.toMatchObject({
      error: { _tag: 'InvalidStreamId' },
    });
  });

  it('fails loudly on an unknown type, naming stream, position, type and version', async () => {
    const file = join(folder(), 'events.db');
    const store = open(file);
    await store.appendToStream(
      'ticket-1',
      [newEvent('TicketOpened', {}), newEvent('TicketNoted', {})],
      ExpectedVersion.noStream,
    );
    const narrow = open(
      file,
      undefined,
      undefined,
      defaultEventStoreSettings(createEventSchemaRegistry([{ type: 'TicketOpened', schemaVersion: 1 }])),
    );
    await expect(collect(narrow.readAll())).rejects.toMatchObject({
      error: {
        _tag: 'EventDecodeFailed',
        streamId: 'ticket-1',
        streamVersion: 2,
        globalPosition: 2,
        type: 'TicketNoted',
        schemaVersion: 1,
      },
    });
  });

  it('upcasts on read without rewriting the stored bytes', async () => {
    const file = join(folder(), 'events.db');
    const store = open(file);
    await store.appendToStream('ticket-1', [newEvent('TicketOpened', { title: 'old' })], ExpectedVersion.noStream);
    const upcasting = open(
      file,
      undefined,
      undefined,
      defaultEventStoreSettings(
        createEventSchemaRegistry([
          {
            type: 'TicketOpened',
            schemaVersion: 2,
            upcasters: { 1: (data) => ({ ...(data as object), priority: 3 }) },
          },
        ]),
      ),
    );
    const [event] = await collect(upcasting.readAll());
    expect(event).toMatchObject({
      schemaVersion: 2,
      data: { title: 'old', priority: 3 },
      asStored: { schemaVersion: 1, data: { title: 'old' } },
    });
    expect(await verifyAll(upcasting)).toMatchObject({ right: { ok: true } });
  });

  it('reports stored text that is not JSON as an unreadable event', async () => {
    const file = join(folder(), 'events.db');
    const store = open(file);
    await store.appendToStream('ticket-1', [newEvent('TicketOpened', {})], ExpectedVersion.noStream);
    const raw = new Database(file);
    raw.prepare("UPDATE events SET data = '{broken' WHERE global_position = 1").run();
    raw.close();
    await expect(collect(store.readAll())).rejects.toMatchObject({
      error: { _tag: 'EventDecodeFailed', globalPosition: 1 },
    });
  });
});

describe('subscribing to the log', () => {
  it("delivers history, then this process's appends at once and another connection's by polling", async () => {
    const file = join(folder(), 'events.db');
    const store = open(file);
    const other = open(file);
    await store.appendToStream('ticket-1', [newEvent('TicketOpened', {})], ExpectedVersion.noStream);
    const subscription = store.subscribeToAll(0);
    const seen: number[] = [];
    const caughtUp: number[] = [];
    const done = (async () => {
      for await (const message of subscription) {
        if (message._tag === 'Event') seen.push(message.event.globalPosition);
        if (message._tag === 'CaughtUp') {
          caughtUp.push(message.position);
          if (message.position === 1)
            await store.appendToStream('ticket-2', [newEvent('TicketOpened', {})], ExpectedVersion.noStream);
          if (message.position === 2)
            await other.appendToStream('ticket-3', [newEvent('TicketOpened', {})], ExpectedVersion.noStream);
          if (message.position === 3) await subscription.stop();
        }
      }
    })();
    await done;
    expect(seen).toEqual([1, 2, 3]);
    expect(caughtUp).toContain(3);
  });
});

describe('tampering (test support)', () => {
  it('each edit is caught by verification', async () => {
    const edits: [string, (file: string) => Promise<void>, string][] = [
      ['flipped byte', (file) => sqliteTampering(file).flipByte(2), 'hash-mismatch'],
      ['deleted event', (file) => sqliteTampering(file).deleteEvent(2), 'version-gap'],
      ['swapped events', (file) => sqliteTampering(file).swapEvents(1, 3), 'version-gap'],
      ['inserted event', (file) => sqliteTampering(file).insertEvent(1), 'hash-mismatch'],
    ];
    for (const [, edit, reason] of edits) {
      const file = join(folder(), 'events.db');
      const store = open(file);
      await store.appendToStream(
        'ticket-1',
        [
          newEvent('TicketOpened', { title: 'disk full' }),
          newEvent('TicketNoted', { text: 'rebooted' }),
          newEvent('TicketNoted', { text: 'fixed' }),
        ],
        ExpectedVersion.noStream,
      );
      expect(await verifyAll(store)).toMatchObject({ right: { ok: true } });
      await edit(file);
      expect(await verifyAll(store)).toMatchObject({ right: { ok: false, broken: { reason } } });
    }
  });

  it('a rewritten chain is consistent in itself', async () => {
    const file = join(folder(), 'events.db');
    const store = open(file, undefined, undefined, defaultEventStoreSettings(permissiveEventSchemas));
    await store.appendToStream(
      'ticket-1',
      [newEvent('TicketOpened', { a: 1 }), newEvent('TicketNoted', { b: 2 })],
      ExpectedVersion.noStream,
    );
    await sqliteTampering(file).rewriteEvent(1, { a: 2 });
    expect(await verifyAll(store)).toMatchObject({ right: { ok: true, eventsChecked: 2 } });
    expect((await collect(store.readAll()))[0]?.data).toEqual({ a: 2 });
  });
});
