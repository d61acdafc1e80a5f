/**
 * Benchmarks of `@itsm/event-store-sqlite`, side by side in one run, on files
 * in one folder, all with WAL and `synchronous=FULL`:
 *
 * - (a) single-event append through the store vs the same SQL on raw
 *   better-sqlite3 (target ≥ 0.7×);
 * - (b) read a 20-event stream + decide + append (the kernel's
 *   `handleCommand`) vs the same SQL raw: the store's read query, data and
 *   metadata parsed, then the append's statements (target ≥ 0.7×);
 * - (c) 64 concurrent callers with group commit vs the raw
 *   one-transaction-per-append rate of (a) (target ≥ 4×);
 * - (e) a full scan of a 200,000-event log through `readAll` vs raw
 *   `iterate()` + `JSON.parse`, with the heap growth seen during the scan
 *   (memory stays flat: reads fetch 500 rows per query);
 * - (d) Emmett's SQLite store (`@event-driven-io/emmett-sqlite` 0.42.4, on the
 *   `sqlite3` package, used as documented: `getSQLiteEventStore({ fileName })`)
 *   on (a) and (b) (target: ours ≥ 10×).
 *
 * Contenders alternate in rounds so that drift in disk speed hits them alike.
 * Limits: the figures are dominated by the disk's fsync rate; the ratios are
 * what carries over between machines.
 *
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import {
  ExpectedVersion,
  createEventSchemaRegistry,
  defaultEventStoreSettings,
  handleCommand,
  type Decider,
  type EventMetadataInput,
  type NewEvent,
} from '@itsm/event-store';
import { SqliteCommitMode, openSqliteEventStore, type SqliteEventStore } from '@itsm/event-store-sqlite';
import Database from 'better-sqlite3';
import sqlite3 from 'sqlite3';
import { measureAlternating, type BenchModule, type BenchResult } from './bench-result.js';

/** Contenders alternate in many short rounds: the machine's disk and CPU are shared and drift. */
const ROUNDS = 8;
const SECONDS_PER_ROUND = 0.4;
const PREPARED_STREAMS = 3000;
const EVENTS_PER_PREPARED_STREAM = 20;
const EMMETT_PREPARED_STREAMS = 1000;
const CONCURRENT_CALLERS = 64;
const SCANNED_EVENTS = 200_000;

const settings = defaultEventStoreSettings(createEventSchemaRegistry([{ type: 'TicketNoted', schemaVersion: 1 }]));
const metadata: EventMetadataInput = {
  actor: 'agent:bench',
  occurredAt: '2026-01-01T09:00:00Z',
  correlationId: 'bench',
};
const noteData = (ticket: string, n: number) => ({
  ticket,
  note: 'Customer reports the VPN drops every few minutes.',
  by: 'agent-7',
  n,
});
const noteEvent = (ticket: string, n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'TicketNoted',
  data: noteData(ticket, n),
  metadata,
});

/** A decider whose state is the number of notes: enough to read, fold, decide and append. */
const noteDecider: Decider<
  { readonly ticket: string },
  { readonly type: 'TicketNoted'; readonly data: unknown },
  number,
  never
> = {
  initialState: 0,
  evolve: (count) => count + 1,
  decide: (command, count) => ({
    _tag: 'Right',
    right: [{ type: 'TicketNoted', data: noteData(command.ticket, count + 1) }],
  }),
};

const openStore = (file: string, mode = SqliteCommitMode.groupCommit): SqliteEventStore => {
  const opened = openSqliteEventStore(file, settings, undefined, mode);
  if (opened._tag === 'Left') throw new Error(`cannot open ${file}: ${opened.left.reason}`);
  if (opened.right.connectionSettings().synchronous !== 'FULL') throw new Error('the store is not synchronous=FULL');
  return opened.right;
};

/** The same SQL as the store's append path, on a raw connection, without the kernel's checks and decoding. */
const rawAppender = (file: string) => {
  const db = new Database(file, { timeout: 10_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('raw connection is not synchronous=FULL');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const lookup = db.prepare('SELECT stream_id, stream_version, type, data, metadata FROM events WHERE event_id = ?');
  const head = db.prepare<[string], { stream_version: number; hash: string }>(
    'SELECT stream_version, hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
  );
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // The store's own read query: every column a recorded event needs, 500 rows per batch.
  const readStream = db.prepare<[string, number, number], { stream_version: number; data: string; metadata: string }>(
    'SELECT global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, hash ' +
      'FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?',
  );
  const append = (streamId: string, expected: number, data: unknown): number => {
    const eventId = randomUUID();
    begin.run();
    lookup.get(eventId);
    const last = head.get(streamId);
    const version = last?.stream_version ?? 0;
    if (version !== expected) {
      db.prepare('ROLLBACK').run();
      throw new Error(`raw conflict on ${streamId}`);
    }
    const json = JSON.stringify(data);
    const metadataJson = JSON.stringify({ ...metadata, recordedAt: new Date().toISOString() });
    const hash = createHash('sha256')
      .update(last?.hash ?? '')
      .update(json)
      .digest('hex');
    insert.run(eventId, streamId, version + 1, 'TicketNoted', 1, json, metadataJson, hash);
    commit.run();
    return version + 1;
  };
  return { db, append, readStream };
};

/** Fills a store with streams of 20 events, group-committed (fast), then closes it. */
const prepareStreams = async (file: string, streams: number) => {
  const store = openStore(file);
  for (let from = 0; from < streams; from += 500)
    await Promise.all(
      Array.from({ length: Math.min(500, streams - from) }, (_, index) => {
        const ticket = `ticket-${from + index}`;
        return store.appendToStream(
          ticket,
          Array.from({ length: EVENTS_PER_PREPARED_STREAM }, (_, n) => noteEvent(ticket, n + 1)),
          ExpectedVersion.noStream,
        );
      }),
    );
  await store.close();
};

/** The journal mode and synchronous level a fresh sqlite3 (Emmett's driver) connection sees on a file. */
const emmettDurability = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.get('PRAGMA journal_mode', (error, journal: { journal_mode: string } | undefined) => {
      if (error) return reject(error);
      db.get('PRAGMA synchronous', (error2, sync: { synchronous: number } | undefined) => {
        db.close();
        if (error2) reject(error2);
        else resolve(`journal_mode=${journal?.journal_mode}, synchronous=${sync?.synchronous} (2 = FULL)`);
      });
    });
  });

/** Heap in use after a full collection (when node runs with --expose-gc, as `pnpm bench` does). */
const settledHeap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/** (e) Full scan through readAll vs raw iterate + JSON.parse, with the heap growth during our scan. */
const measureFullScan = async (folder: string): Promise<BenchResult> => {
  const file = join(folder, 'e-scan.db');
  const store = openStore(file);
  const perAppend = 500;
  for (let from = 0; from < SCANNED_EVENTS; from += perAppend * 50)
    await Promise.all(
      Array.from({ length: 50 }, (_, index) => {
        const ticket = `ticket-${from / perAppend + index}`;
        return store.appendToStream(
          ticket,
          Array.from({ length: perAppend }, (_, n) => noteEvent(ticket, n)),
          ExpectedVersion.noStream,
        );
      }),
    );
  const heapBefore = settledHeap();
  let peakGrowth = 0;
  let started = performance.now();
  let scanned = 0;
  for await (const event of store.readAll()) {
    if (event.globalPosition > 0) scanned++;
    if (scanned % 20_000 === 0) peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - heapBefore);
  }
  const oursRate = scanned / ((performance.now() - started) / 1000);
  await store.close();
  const raw = new Database(file, { readonly: true });
  started = performance.now();
  let rawScanned = 0;
  for (const row of raw
    .prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM events ORDER BY global_position')
    .iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    rawScanned++;
  }
  const rawRate = rawScanned / ((performance.now() - started) / 1000);
  raw.close();
  return {
    name: `(e) full scan of ${SCANNED_EVENTS.toLocaleString('en-US')} events, readAll`,
    opsPerSecond: oursRate,
    reference: { name: 'raw iterate() + JSON.parse', opsPerSecond: rawRate },
    note: `events per second; heap grew at most ${(peakGrowth / 2 ** 20).toFixed(1)} MiB during the scan${
      (globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a settled baseline)'
    }`,
  };
};

/** Wraps a contender to count the CPU time (user + system) it spends per operation: a figure load on the machine does not distort. */
const withCpuTime = (contender: () => Promise<number>) => {
  let micros = 0;
  let operations = 0;
  return {
    contender: async () => {
      const before = process.cpuUsage();
      const done = await contender();
      const spent = process.cpuUsage(before);
      micros += spent.user + spent.system;
      operations += done;
      return done;
    },
    microsPerOperation: () => micros / Math.max(1, operations),
  };
};

type EmmettStore = ReturnType<typeof getSQLiteEventStore>;

/** Emmett 0.42.4 with a connection per operation sometimes fails a COMMIT with SQLITE_BUSY; it is retried as a user would. */
let emmettBusyRetries = 0;
const retryingBusy = async <A>(operation: () => Promise<A>): Promise<A> => {
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      emmettBusyRetries++;
    }
  }
};

/** Fills an Emmett file with streams of 20 events over one shared connection (its fastest setting). */
const prepareEmmettStreams = async (file: string, streams: number) => {
  // Emmett issues `PRAGMA journal_mode = WAL` without waiting for it, and on a new file it can lose the race with
  // its schema creation (the file stays in rollback-journal mode). WAL is persistent: set it first, as for our files.
  const setup = new Database(file);
  setup.pragma('journal_mode = WAL');
  setup.close();
  const connection = sqliteConnection({ fileName: file });
  const emmett = getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection } });
  for (let stream = 0; stream < streams; stream++) {
    const ticket = `ticket-${stream}`;
    await emmett.appendToStream(
      ticket,
      Array.from({ length: EVENTS_PER_PREPARED_STREAM }, (_, n) => ({
        type: 'TicketNoted',
        data: noteData(ticket, n + 1),
      })),
      { expectedStreamVersion: 0n },
    );
  }
  connection.close();
};

/** (a) for Emmett: one event per append, cycling over 100 streams. */
const emmettSingleAppends = (emmett: EmmettStore) => {
  const versions = new Map<string, bigint>();
  let turn = 0;
  return async () => {
    const ticket = `ticket-single${turn++ % 100}`;
    const version = versions.get(ticket) ?? 0n;
    const result = await retryingBusy(() =>
      emmett.appendToStream(ticket, [{ type: 'TicketNoted', data: noteData(ticket, Number(version) + 1) }], {
        expectedStreamVersion: version,
      }),
    );
    versions.set(ticket, result.nextExpectedStreamVersion);
    return 1;
  };
};

/** (b) for Emmett: read the stream, decide, append at the version read. */
const emmettRoundTrips = (emmett: EmmettStore) => {
  let turn = 0;
  return async () => {
    const ticket = `ticket-${turn++ % EMMETT_PREPARED_STREAMS}`;
    await retryingBusy(async () => {
      const read = await emmett.readStream(ticket);
      await emmett.appendToStream(ticket, [{ type: 'TicketNoted', data: noteData(ticket, read.events.length + 1) }], {
        expectedStreamVersion: read.currentStreamVersion,
      });
    });
    return 1;
  };
};

const run = async (): Promise<BenchResult[]> => {
  const folder = mkdtempSync(join(tmpdir(), 'itsm-bench-sqlite-'));
  const at = (name: string) => join(folder, name);
  try {
    // Files for (a) and (c): empty stores; the raw contender works on a copy with the same schema.
    await openStore(at('a-ours.db')).close();
    copyFileSync(at('a-ours.db'), at('a-raw.db'));
    const storeA = openStore(at('a-ours.db'));
    const storeC = openStore(at('c-ours.db'));
    const rawA = rawAppender(at('a-raw.db'));
    // Files for (b): 3000 streams of 20 events each, identical for ours and raw.
    await prepareStreams(at('b-ours.db'), PREPARED_STREAMS);
    copyFileSync(at('b-ours.db'), at('b-raw.db'));
    const storeB = openStore(at('b-ours.db'));
    const rawB = rawAppender(at('b-raw.db'));
    // Emmett: as documented (a connection per operation), and with one shared connection.
    // Each Emmett file is filled on its own: sqlite3 closes (and checkpoints) asynchronously, so a copy could be torn.
    await prepareEmmettStreams(at('emmett-documented.db'), EMMETT_PREPARED_STREAMS);
    await prepareEmmettStreams(at('emmett-shared.db'), EMMETT_PREPARED_STREAMS);
    const emmettDocumented = getSQLiteEventStore({ fileName: at('emmett-documented.db') });
    const sharedConnection = sqliteConnection({ fileName: at('emmett-shared.db') });
    const emmettShared = getSQLiteEventStore({
      fileName: at('emmett-shared.db'),
      connectionOptions: { singleton: true, connection: sharedConnection },
    });
    const emmettSettings = await emmettDurability(at('emmett-documented.db'));
    const emmettSharedSettings = await emmettDurability(at('emmett-shared.db'));

    const versionsOurs = new Map<string, number>();
    const versionsRaw = new Map<string, number>();
    let turnOurs = 0;
    let turnRaw = 0;
    let concurrentTransactions = 0;
    let concurrentAppends = 0;
    const oursCpuA = withCpuTime(async () => {
      const ticket = `ticket-${turnOurs++ % 100}`;
      const version = versionsOurs.get(ticket) ?? 0;
      const result = await storeA.appendToStream(
        ticket,
        [noteEvent(ticket, version + 1)],
        ExpectedVersion.exact(version),
      );
      if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
      versionsOurs.set(ticket, result.right.nextExpectedVersion);
      return 1;
    });
    const rawCpuA = withCpuTime(async () => {
      const ticket = `ticket-${turnRaw++ % 100}`;
      const version = versionsRaw.get(ticket) ?? 0;
      versionsRaw.set(ticket, rawA.append(ticket, version, noteData(ticket, version + 1)));
      return 1;
    });
    const [oursA, rawRateA, emmettA, emmettSharedA] = await measureAlternating(ROUNDS, SECONDS_PER_ROUND, [
      oursCpuA.contender,
      rawCpuA.contender,
      emmettSingleAppends(emmettDocumented),
      emmettSingleAppends(emmettShared),
    ]);

    // (c) alternates with the raw single-append contender only: its bursts of writes would slow whichever contender follows it.
    const [concurrent, rawRateC] = await measureAlternating(ROUNDS, SECONDS_PER_ROUND, [
      async () => {
        // 64 independent callers, each appending to its own stream as fast as it is answered, for a quarter second.
        const before = storeC.commitCounts();
        const deadline = performance.now() + 250;
        let appends = 0;
        await Promise.all(
          Array.from({ length: CONCURRENT_CALLERS }, async (_, caller) => {
            const ticket = `ticket-concurrent${caller}`;
            while (performance.now() < deadline) {
              const result = await storeC.appendToStream(ticket, [noteEvent(ticket, 0)], ExpectedVersion.any);
              if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
              appends++;
            }
          }),
        );
        const after = storeC.commitCounts();
        concurrentTransactions += after.transactions - before.transactions;
        concurrentAppends += after.appends - before.appends;
        return appends;
      },
      rawCpuA.contender,
    ]);

    let ticketOurs = 0;
    let ticketRaw = 0;
    const oursCpuB = withCpuTime(async () => {
      const ticket = `ticket-${ticketOurs++ % PREPARED_STREAMS}`;
      const handled = await handleCommand(storeB, noteDecider, ticket, { ticket }, metadata);
      if (handled._tag === 'Left') throw new Error(JSON.stringify(handled.left));
      return 1;
    });
    const rawCpuB = withCpuTime(async () => {
      const ticket = `ticket-${ticketRaw++ % PREPARED_STREAMS}`;
      let count = 0;
      let version = 0;
      for (const row of rawB.readStream.all(ticket, 1, 500)) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        count++;
        version = row.stream_version;
      }
      rawB.append(ticket, version, noteData(ticket, count + 1));
      return 1;
    });
    const [oursB, rawRateB, emmettB, emmettSharedB] = await measureAlternating(ROUNDS, SECONDS_PER_ROUND, [
      oursCpuB.contender,
      rawCpuB.contender,
      emmettRoundTrips(emmettDocumented),
      emmettRoundTrips(emmettShared),
    ]);

    const fullScan = await measureFullScan(folder);

    rawA.db.close();
    rawB.db.close();
    sharedConnection.close();
    await Promise.all([storeA.close(), storeB.close(), storeC.close()]);

    const raw = (opsPerSecond: number) => ({ name: 'raw better-sqlite3, same SQL', opsPerSecond });
    const emmett = (opsPerSecond: number) => ({ name: 'Emmett SQLite 0.42.4', opsPerSecond });
    const shared = (opsPerSecond: number) => ({ name: 'Emmett, one shared connection', opsPerSecond });
    return [
      {
        name: '(a) single-event append',
        opsPerSecond: oursA!,
        reference: raw(rawRateA!),
        targetRatio: 0.7,
        note:
          `WAL, synchronous=FULL, one caller, 100 streams; CPU per append (user + system, fsync included): ` +
          `ours ${oursCpuA.microsPerOperation().toFixed(0)} µs, raw ${rawCpuA.microsPerOperation().toFixed(0)} µs`,
      },
      {
        name: '(b) read 20 events + decide + append',
        opsPerSecond: oursB!,
        reference: raw(rawRateB!),
        targetRatio: 0.7,
        note:
          `handleCommand over ${PREPARED_STREAMS} streams of ~${EVENTS_PER_PREPARED_STREAM} events (${PREPARED_STREAMS * EVENTS_PER_PREPARED_STREAM} events in the file); ` +
          `CPU per round trip: ours ${oursCpuB.microsPerOperation().toFixed(0)} µs, raw ${rawCpuB.microsPerOperation().toFixed(0)} µs`,
      },
      {
        name: `(c) ${CONCURRENT_CALLERS} concurrent callers, group commit`,
        opsPerSecond: concurrent!,
        reference: { name: 'raw, one transaction per append', opsPerSecond: rawRateC! },
        targetRatio: 4,
        note: `${(concurrentAppends / Math.max(1, concurrentTransactions)).toFixed(1)} appends per transaction; every caller answered after its group COMMIT (fsync) returned`,
      },
      {
        name: '(d) single-event append vs Emmett',
        opsPerSecond: oursA!,
        reference: emmett(emmettA!),
        targetRatio: 10,
        note: `Emmett as documented: getSQLiteEventStore({ fileName }), a connection per operation; ${emmettSettings}; ${emmettBusyRetries} Emmett SQLITE_BUSY commit failures retried`,
      },
      {
        name: '(d) read + decide + append vs Emmett',
        opsPerSecond: oursB!,
        reference: emmett(emmettB!),
        targetRatio: 10,
        note: `Emmett: readStream + appendToStream over ${EMMETT_PREPARED_STREAMS} streams of ${EVENTS_PER_PREPARED_STREAM} events`,
      },
      {
        name: '(d) single-event append vs Emmett, shared connection',
        opsPerSecond: oursA!,
        reference: shared(emmettSharedA!),
        note: `informational: Emmett with connectionOptions { singleton: true }, not its documented default; ${emmettSharedSettings}`,
      },
      {
        name: '(d) read + decide + append vs Emmett, shared connection',
        opsPerSecond: oursB!,
        reference: shared(emmettSharedB!),
      },
      fullScan,
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/** The SQLite event store benchmarks: (a) append, (b) round trip, (c) group commit, (d) vs Emmett. */
export const eventStoreSqliteBench: BenchModule = { name: 'event-store-sqlite', run };
