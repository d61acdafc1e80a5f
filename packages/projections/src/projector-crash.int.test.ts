/**
 * The crash test: a projector process is SIGKILLed at random, over and over,
 * while it catches up on a growing SQLite event log into a SQLite read-model
 * file. Afterwards one more run catches up, and the read models must equal a
 * fresh rebuild row for row, with every checkpoint at the head.
 *
 * The child is `crash-projector.test-fixture.ts`, bundled once with esbuild
 * (tsx's own toolchain) and run with plain `node`: loading kysely's ~400 ES
 * modules through the tsx loader takes about 2 s per start on these
 * machines, which 100+ kills cannot afford; the bundle starts in ~0.3 s and
 * is the same code.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { defaultEventStoreSettings, permissiveEventSchemas, ExpectedVersion } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { readModelSnapshot } from '@itsm/testing';
import { openSqliteReadModels } from './read-model-database.js';
import { runProjections } from './projection-runner.js';
import { ensureProjectionRegistry, projectionVersions } from './projection-registry.js';
import { builtInDefinitions, builtInProjections } from './read-models/built-in.js';
import { seededRandom, syntheticHistory, type HistoryEvent } from './synthetic-history.test-fixture.js';
import { tempDirectory } from './runner-support.test-fixture.js';

const packageRoot = resolve(process.cwd(), 'packages/projections');
const bundle = join(packageRoot, 'node_modules/.cache/itsm-crash-projector.mjs');
const KILLS = 110;

const bundleChild = async () => {
  const require = createRequire(join(packageRoot, 'package.json'));
  const esbuild = createRequire(require.resolve('tsx'))('esbuild') as {
    build: (options: Record<string, unknown>) => Promise<unknown>;
  };
  mkdirSync(join(packageRoot, 'node_modules/.cache'), { recursive: true });
  await esbuild.build({
    entryPoints: [join(packageRoot, 'src/crash-projector.test-fixture.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    outfile: bundle,
    logLevel: 'error',
  });
};

/**
 * When a run is killed: `delayMs` after `ready` (anywhere: registering,
 * migrating, mid-batch), or `delayMs` after the child reported its first
 * committed batch (so the run made progress however slow the machine is;
 * the kill then lands in a later batch or between batches). A run waiting
 * for a batch that never comes is killed after {@link STALL_MS} regardless.
 */
interface KillPlan {
  readonly after: 'ready' | 'first batch';
  readonly delayMs: number;
}

/** How long a run that waits for a committed batch may go without one. */
const STALL_MS = 20_000;

/** How a run ended and what the child said: `ready`, `at <position>` per committed batch, its result if it ended. */
interface RunEnded {
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** Lines other than `ready` and `at <position>` (the worker's result, had it ended on its own). */
  readonly otherLines: readonly string[];
  /** The last position the child reported committed, or 0. */
  readonly reported: number;
}

/** Starts the projector and SIGKILLs it as planned. */
const runAndKill = (eventsFile: string, readModelsFile: string, plan: KillPlan) =>
  new Promise<RunEnded>((resolvePromise) => {
    const child = spawn(process.execPath, [bundle, eventsFile, readModelsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timers: NodeJS.Timeout[] = [];
    const killAfter = (ms: number) => timers.push(setTimeout(() => child.kill('SIGKILL'), ms));
    let stdout = '';
    let stderr = '';
    let reported = 0;
    let batches = 0;
    const otherLines: string[] = [];
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) {
        const at = /^at (\d+)$/.exec(line);
        if (line === 'ready') {
          killAfter(plan.after === 'ready' ? plan.delayMs : STALL_MS);
        } else if (at !== null) {
          batches++;
          if (batches === 1 && plan.after === 'first batch') killAfter(plan.delayMs);
          reported = Number(at[1]);
        } else otherLines.push(line);
      }
    });
    child.on('exit', (_code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      resolvePromise({ signal, stderr, otherLines: stdout === '' ? otherLines : [...otherLines, stdout], reported });
    });
  });

describe('projector crash test (SQLite log file + SQLite read-model file)', () => {
  const dir = tempDirectory();
  beforeAll(bundleChild, 60_000);
  afterAll(() => dir.remove());

  it(`read models equal a fresh rebuild after ${KILLS} SIGKILLs while catching up on a growing log`, async () => {
    const eventsFile = join(dir.path, 'events.db');
    const readModelsFile = join(dir.path, 'read-models.db');
    const opened = openSqliteEventStore(eventsFile, defaultEventStoreSettings(permissiveEventSchemas));
    if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left));
    const store = opened.right;
    const history = syntheticHistory({ seed: 4242, incidents: 420, changes: 40, problems: 30, spacingMinutes: 5 });
    let appended = 0;
    const appendUpTo = async (count: number) => {
      const chunk = history.slice(appended, Math.min(history.length, count));
      appended += chunk.length;
      await Promise.all(
        chunk.map((h: HistoryEvent) =>
          store.appendToStream(h.streamId, [h.event], ExpectedVersion.any).then((r) => {
            if (r._tag === 'Left') throw new Error(JSON.stringify(r.left));
          }),
        ),
      );
    };
    // Appends to one stream must keep their order: append stream by stream in history order.
    const appendInOrder = async (count: number) => {
      while (appended < Math.min(history.length, count)) await appendUpTo(appended + 1);
    };
    await appendInOrder(1200);
    // Each run starts with new events in the log (so a run waiting for a batch gets one).
    const initial = appended;
    const grownBy = (run: number) => initial + Math.floor(((history.length - initial) * (run + 1)) / KILLS);
    const random = seededRandom(7);
    const readModels = openSqliteReadModels(readModelsFile);
    // A projector killed before it created the registry leaves none: the checks below read it regardless.
    await ensureProjectionRegistry(readModels);
    let progressed = 0;
    let lastPosition = 0;
    for (let i = 0; i < KILLS; i++) {
      const growing = appendInOrder(grownBy(i));
      // Every other run is killed anywhere; the others soon after their first committed batch.
      const plan: KillPlan =
        i % 2 === 0
          ? { after: 'ready', delayMs: 5 + Math.floor(random() * 120) }
          : { after: 'first batch', delayMs: Math.floor(random() * 40) };
      const ended = await runAndKill(eventsFile, readModelsFile, plan);
      await growing;
      // The worker never ends on its own: a run that did (a refused migration,
      // a lost lease, a failed batch) shows its result here.
      expect({ run: i, stderr: ended.stderr, otherLines: ended.otherLines, signal: ended.signal }).toEqual({
        run: i,
        stderr: '',
        otherLines: [],
        signal: 'SIGKILL',
      });
      const positions = await projectionVersions(readModels);
      const lowest = positions.length === 0 ? 0 : Math.min(...positions.map((p) => p.position));
      // A batch the child reported committed survives the kill.
      expect({ run: i, lowest: lowest >= ended.reported }).toEqual({ run: i, lowest: true });
      if (lowest > lastPosition) progressed++;
      lastPosition = lowest;
    }
    await appendInOrder(history.length);
    // Killed runs made progress (the test is not killing idle processes only):
    // the runs killed after a committed batch did.
    expect(progressed).toBeGreaterThanOrEqual(KILLS / 2);

    const finished = await runProjections(readModels, store, builtInProjections(), {
      owner: 'crash-worker',
      batchSize: 500,
    });
    expect(finished._tag).toBe('Right');
    const head = await store.headPosition();
    expect(head).toEqual({ _tag: 'Right', right: history.length });
    for (const row of await projectionVersions(readModels))
      expect([row.name, row.position]).toEqual([row.name, history.length]);

    const fresh = openSqliteReadModels(join(dir.path, 'fresh.db'));
    await runProjections(fresh, store, builtInProjections(), { batchSize: 1000 });
    const definitions = builtInDefinitions();
    const a = await readModelSnapshot(readModels, definitions);
    const b = await readModelSnapshot(fresh, definitions);
    let mismatches = 0;
    for (const table of Object.keys(b)) {
      const left = a[table] ?? [];
      const right = b[table] ?? [];
      if (left.length !== right.length) mismatches += Math.abs(left.length - right.length);
      for (let r = 0; r < Math.min(left.length, right.length); r++)
        if (JSON.stringify(left[r]) !== JSON.stringify(right[r])) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(a).toEqual(b);
    expect(b['audit_event']?.length).toBe(history.length);
    await readModels.destroy();
    await fresh.destroy();
    await store.close();
  }, 240_000);
});
