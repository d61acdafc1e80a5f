/**
 * The measured child processes of the projections rebuild benchmark
 * (`projections-rebuild.bench.ts`), plain JavaScript run with plain `node`
 * on the built packages (`npx tsc -b` first), so peak RSS measures the
 * rebuild and the raw reference, not a TypeScript loader. Both modes run
 * with the same process setup:
 *
 * - `raw <events.db> <out.db>`: scan the events table with better-sqlite3,
 *   `JSON.parse` data and metadata, insert one row per event with a
 *   prepared 500-row multi-row INSERT, 2,000 events per transaction;
 * - `rebuild <events.db> <out.db>`: rebuild every built-in read model with
 *   `runProjections`, then time queue and audit queries on the result.
 *
 * Prints one JSON line: events, seconds, maxRssMb (and query p99s).
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { defaultEventStoreSettings, permissiveEventSchemas } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import {
  actorAuditTrail,
  agentQueue,
  builtInProjections,
  groupQueue,
  openSqliteReadModels,
  recordAuditTrail,
  runProjections,
  unassignedQueue,
} from '@itsm/projections';

/** The raw reference pipeline: scan + parse + batched multi-row insert into one table. */
const rawPipeline = (eventsFile, outFile) => {
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
  let buffer = [];
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
    .iterate()) {
    const data = JSON.parse(row.data);
    const metadata = JSON.parse(row.metadata);
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

const p99 = (samples) => {
  const sorted = samples.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
};

/** Rebuilds every built-in read model, then times queue and audit queries on the result. */
const rebuild = async (eventsFile, outFile) => {
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
  const queue = [];
  const audit = [];
  const time = async (into, query) => {
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

const [mode, eventsFile, outFile] = process.argv.slice(2);
if (eventsFile === undefined || outFile === undefined || (mode !== 'raw' && mode !== 'rebuild'))
  throw new Error('usage: node projections-rebuild.child.mjs raw|rebuild <events.db> <out.db>');
const report = mode === 'raw' ? rawPipeline(eventsFile, outFile) : await rebuild(eventsFile, outFile);
process.stdout.write(`${JSON.stringify(report)}\n`);
