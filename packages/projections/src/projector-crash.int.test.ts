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

/** Starts the projector, waits for `ready`, lets it run `runMs`, kills it; resolves with how it ended. */
const runAndKill = (eventsFile: string, readModelsFile: string, runMs: number) =>
  new Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }>((resolvePromise) => {
    const child = spawn(process.execPath, [bundle, eventsFile, readModelsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), runMs));
    child.on('exit', (code, signal) => resolvePromise({ code, signal, stderr }));
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
    const history = syntheticHistory({ seed: 4242, incidents: 420, changes: 40, spacingMinutes: 5 });
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
    const perKill = Math.ceil((history.length - appended) / KILLS);
    const random = seededRandom(7);
    const readModels = openSqliteReadModels(readModelsFile);
    // A projector killed before it created the registry leaves none: the checks below read it regardless.
    await ensureProjectionRegistry(readModels);
    let kills = 0;
    let progressed = 0;
    let lastPosition = 0;
    for (let i = 0; i < KILLS; i++) {
      const growing = appendInOrder(appended + perKill);
      const ended = await runAndKill(eventsFile, readModelsFile, 5 + Math.floor(random() * 120));
      await growing;
      expect(ended.stderr).toBe('');
      if (ended.signal === 'SIGKILL') kills++;
      const positions = await projectionVersions(readModels);
      const lowest = positions.length === 0 ? 0 : Math.min(...positions.map((p) => p.position));
      if (lowest > lastPosition) progressed++;
      lastPosition = lowest;
    }
    await appendInOrder(history.length);
    expect(kills).toBeGreaterThanOrEqual(100);
    // Killed runs made progress (the test is not killing idle processes only).
    expect(progressed).toBeGreaterThan(10);

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
  }, 120_000);
});
