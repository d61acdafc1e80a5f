/**
 * Rebuild benchmark of `@itsm/projections`: rebuild every built-in read
 * model (work queue, SLA, audit trail, service metrics) from a
 * 1,000,000-event SQLite log into a SQLite read-model file, and compare with
 * the raw pipeline measured in the same run: scan the events table with
 * better-sqlite3, `JSON.parse` data and metadata, and insert one row per
 * event with a prepared 500-row multi-row INSERT, 2,000 events per
 * transaction (target: rebuild ≥ 0.5× that). Also reported: peak RSS of the
 * rebuild process (target ≤ 256 MB) and p99 latency of queue and audit
 * queries on the rebuilt database (target ≤ 5 ms).
 *
 * The log is generated once (a realistic synthetic service desk: incidents
 * with SLAs, holds, escalations, resolutions, reopens; changes) and cached
 * as `bench-results/cache/projections-<n>-events.db`. Each measurement runs
 * in a fresh child process, so peak RSS is the rebuild's own.
 * `ITSM_BENCH_EVENTS` overrides the size.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ExpectedVersion, defaultEventStoreSettings, permissiveEventSchemas } from '@itsm/event-store';
import { SqliteDurability, openSqliteEventStore } from '@itsm/event-store-sqlite';
import {
  agentQueue,
  groupQueue,
  recordAuditTrail,
  actorAuditTrail,
  unassignedQueue,
} from '../../packages/projections/src/index.js';
import { builtInProjections } from '../../packages/projections/src/read-models/built-in.js';
import { openSqliteReadModels } from '../../packages/projections/src/read-model-database.js';
import { runProjections } from '../../packages/projections/src/projection-runner.js';
import { syntheticHistory } from '../../packages/projections/src/synthetic-history.test-fixture.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const EVENTS = Number(process.env['ITSM_BENCH_EVENTS'] ?? 1_000_000);
const thisFile = fileURLToPath(import.meta.url);

/** Generates (or reuses) the cached event log of `EVENTS` events. */
const eventLog = async (): Promise<string> => {
  const folder = join(process.cwd(), 'bench-results', 'cache');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `projections-${EVENTS}-events.db`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const opened = openSqliteEventStore(
    partial,
    defaultEventStoreSettings(permissiveEventSchemas),
    SqliteDurability.normalSynchronous,
  );
  if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left));
  const store = opened.right;
  let appended = 0;
  let startMs = Date.parse('2025-01-06T08:00:00Z');
  const started = performance.now();
  for (let segment = 1; appended < EVENTS; segment++) {
    const history = syntheticHistory({ seed: segment, incidents: 1000, changes: 100, startMs, spacingMinutes: 3 });
    startMs = (history[history.length - 1]?.atMs ?? startMs) + 60_000;
    const slice = history.slice(0, EVENTS - appended);
    for (let i = 0; i < slice.length; i += 512) {
      // Concurrent appends are group-committed; per-stream order is the call order.
      const results = await Promise.all(
        slice.slice(i, i + 512).map((h) => store.appendToStream(h.streamId, [h.event], ExpectedVersion.any)),
      );
      for (const result of results) if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
    }
    appended += slice.length;
    if (segment % 10 === 0)
      console.log(
        `  generated ${appended.toLocaleString()} events (${Math.round(appended / ((performance.now() - started) / 1000)).toLocaleString()}/s)`,
      );
  }
  await store.close();
  renameSync(partial, file);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  return file;
};

interface ChildReport {
  readonly events: number;
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly queries?: { readonly queueP99Ms: number; readonly auditP99Ms: number; readonly samples: number };
}

/** The raw reference pipeline: scan + parse + batched multi-row insert into one table. */
const rawPipeline = (eventsFile: string, outFile: string): ChildReport => {
  const source = new Database(eventsFile, { readonly: true });
  const target = new Database(outFile);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.exec(
    'create table audit (position integer primary key, record_id text, event_type text, actor text, occurred_at text, correlation_id text, data text, hash text)',
  );
  const rowsPerInsert = 500;
  const insertMany = target.prepare(
    `insert into audit values ${Array.from({ length: rowsPerInsert }, () => '(?,?,?,?,?,?,?,?)').join(',')}`,
  );
  const insertOne = target.prepare('insert into audit values (?,?,?,?,?,?,?,?)');
  const started = performance.now();
  let count = 0;
  let buffer: unknown[][] = [];
  const flush = () => {
    target.transaction(() => {
      let i = 0;
      for (; i + rowsPerInsert <= buffer.length; i += rowsPerInsert)
        insertMany.run(buffer.slice(i, i + rowsPerInsert).flat());
      for (; i < buffer.length; i++) insertOne.run(buffer[i]);
    })();
    buffer = [];
  };
  for (const row of source
    .prepare('select global_position, stream_id, type, data, metadata, hash from events order by global_position')
    .iterate() as Iterable<{
    global_position: number;
    stream_id: string;
    type: string;
    data: string;
    metadata: string;
    hash: string;
  }>) {
    const data = JSON.parse(row.data) as unknown;
    const metadata = JSON.parse(row.metadata) as { actor: string; occurredAt: string; correlationId: string };
    buffer.push([
      row.global_position,
      row.stream_id,
      row.type,
      metadata.actor,
      metadata.occurredAt,
      metadata.correlationId,
      JSON.stringify(data),
      row.hash,
    ]);
    count++;
    if (buffer.length === 2000) flush();
  }
  flush();
  const seconds = (performance.now() - started) / 1000;
  source.close();
  target.close();
  return { events: count, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 };
};

const p99 = (samples: number[]): number => {
  const sorted = samples.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
};

/** Rebuilds every built-in read model, then times queue and audit queries on the result. */
const rebuild = async (eventsFile: string, outFile: string): Promise<ChildReport> => {
  const opened = openSqliteEventStore(eventsFile, defaultEventStoreSettings(permissiveEventSchemas));
  if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left));
  const db = openSqliteReadModels(outFile);
  const started = performance.now();
  const run = await runProjections(db, opened.right, builtInProjections(), { batchSize: 2000, owner: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  if (run._tag === 'Left') throw new Error(JSON.stringify(run.left));
  const failed = run.right.outcomes.find((o) => o._tag !== 'CaughtUp');
  if (failed !== undefined) throw new Error(JSON.stringify(failed));
  const maxRssMb = process.resourceUsage().maxRSS / 1024;

  const groups = ['service-desk', 'network', 'apps', 'database', 'field-support'];
  const agents = ['ann', 'bob', 'cyd', 'dee', 'eve', 'fay', 'gus', 'hal'];
  const records = (await db.selectFrom('work_queue').select('record_id').limit(200).execute()).map((r) =>
    String(r.record_id),
  );
  const queue: number[] = [];
  const audit: number[] = [];
  const time = async (into: number[], query: () => Promise<unknown>) => {
    const t = performance.now();
    await query();
    into.push(performance.now() - t);
  };
  for (let round = 0; round < 40; round++) {
    for (const group of groups) await time(queue, () => groupQueue(db, group, { limit: 50, withSla: true }));
    for (const agent of agents) await time(queue, () => agentQueue(db, agent, { limit: 50, withSla: true }));
    await time(queue, () => unassignedQueue(db, { limit: 50, withSla: true }));
    for (let i = 0; i < 5; i++)
      await time(audit, () => recordAuditTrail(db, records[(round * 5 + i) % records.length] ?? 'x'));
    await time(audit, () => actorAuditTrail(db, agents[round % agents.length] ?? 'ann', { limit: 100 }));
  }
  await db.destroy();
  await opened.right.close();
  return {
    events: run.right.eventsRead,
    seconds,
    maxRssMb,
    queries: { queueP99Ms: p99(queue), auditP99Ms: p99(audit), samples: queue.length + audit.length },
  };
};

/** Runs one measurement in a fresh process (`node --import tsx <this file> <mode> …`). */
const inChild = (mode: 'raw' | 'rebuild', eventsFile: string, outFile: string): ChildReport => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', thisFile, mode, eventsFile, outFile], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${mode} child failed: ${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildReport;
};

/** The rebuild benchmark module. */
export const projectionsRebuildBench: BenchModule = {
  name: 'projections-rebuild',
  run: async (): Promise<BenchResult[]> => {
    const eventsFile = await eventLog();
    const folder = mkdtempSync(join(tmpdir(), 'itsm-projections-bench-'));
    try {
      const raw = inChild('raw', eventsFile, join(folder, 'raw.db'));
      const built = inChild('rebuild', eventsFile, join(folder, 'read-models.db'));
      const rawRate = raw.events / raw.seconds;
      const rate = built.events / built.seconds;
      const queries = built.queries;
      return [
        {
          name: `rebuild all built-in read models from ${built.events.toLocaleString()} events (SQLite → SQLite)`,
          opsPerSecond: rate,
          reference: { name: 'raw scan + parse + batched insert', opsPerSecond: rawRate },
          targetRatio: 0.5,
          note: `${built.seconds.toFixed(1)} s; peak RSS ${built.maxRssMb.toFixed(0)} MB (target ≤ 256 MB${built.maxRssMb <= 256 ? ', met' : ', MISSED'}); raw pipeline peak RSS ${raw.maxRssMb.toFixed(0)} MB; absolute target ≥ 100,000 events/s ${rate >= 100_000 ? 'met' : 'MISSED'}`,
        },
        {
          name: 'queue and audit queries on the rebuilt database (p99 ms)',
          opsPerSecond: queries === undefined ? 0 : 1000 / Math.max(queries.queueP99Ms, queries.auditP99Ms),
          note:
            queries === undefined
              ? 'not measured'
              : `queue p99 ${queries.queueP99Ms.toFixed(2)} ms, audit p99 ${queries.auditP99Ms.toFixed(2)} ms over ${queries.samples} queries (target ≤ 5 ms${Math.max(queries.queueP99Ms, queries.auditP99Ms) <= 5 ? ', met' : ', MISSED'})`,
        },
      ];
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, eventsFile, outFile] = process.argv.slice(2);
  if (eventsFile === undefined || outFile === undefined)
    throw new Error('usage: projections-rebuild.bench.ts raw|rebuild <events.db> <out.db>');
  const report = mode === 'raw' ? rawPipeline(eventsFile, outFile) : await rebuild(eventsFile, outFile);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
