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
 * in a fresh plain-`node` child process on the built packages
 * (`projections-rebuild.child.mjs`; run `npx tsc -b` first), the raw
 * reference likewise, so peak RSS is the rebuild's own and not a TypeScript
 * loader's. `ITSM_BENCH_EVENTS` overrides the size.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExpectedVersion, defaultEventStoreSettings, permissiveEventSchemas } from '@itsm/event-store';
import { SqliteDurability, openSqliteEventStore } from '@itsm/event-store-sqlite';
import { syntheticHistory } from '../../packages/projections/src/synthetic-history.test-fixture.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const EVENTS = Number(process.env['ITSM_BENCH_EVENTS'] ?? 1_000_000);
const childScript = fileURLToPath(new URL('./projections-rebuild.child.mjs', import.meta.url));

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

/**
 * Runs one measurement in a fresh plain-`node` process on the built packages
 * (`projections-rebuild.child.mjs <mode> …`): the same process setup for the
 * rebuild and the raw reference, and no TypeScript loader in the RSS figure.
 */
const inChild = (mode: 'raw' | 'rebuild', eventsFile: string, outFile: string): ChildReport => {
  const result = spawnSync(process.execPath, [childScript, mode, eventsFile, outFile], {
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
