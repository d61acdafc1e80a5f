import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { EventStore } from '@itsm/event-store';
import { openSqliteReadModels } from './read-model-database.js';
import { projectionStatus, runProjection, runProjections, startProjectionWorker } from './projection-runner.js';
import { projectionVersions } from './projection-registry.js';
import {
  appendEvents,
  countingProjection,
  memoryStore,
  positionsProjection,
  tempDirectory,
} from './runner-support.test-fixture.js';
import type { AnyDatabase } from './projection.js';

const counts = async (db: Kysely<AnyDatabase>) =>
  Object.fromEntries(
    (await db.selectFrom('event_counts').selectAll().orderBy('type').execute()).map((r) => [r.type, Number(r.count)]),
  );

describe('projection runner (SQLite read model file, in-memory log)', () => {
  let dir: ReturnType<typeof tempDirectory>;
  let db: Kysely<AnyDatabase>;
  beforeEach(() => {
    dir = tempDirectory();
    db = openSqliteReadModels(join(dir.path, 'read.db'));
  });
  afterEach(async () => {
    await db.destroy();
    dir.remove();
  });

  it('catches up in batches, passes over unhandled types, and leaves the checkpoint at the head', async () => {
    const store = memoryStore();
    await appendEvents(store, 95);
    const batches: number[] = [];
    const result = await runProjection(db, store, countingProjection(), {
      batchSize: 10,
      onProgress: (p) => batches.push(p.position),
    });
    expect(result).toMatchObject({ _tag: 'Right', right: { _tag: 'CaughtUp', position: 95, state: 'live' } });
    expect(await counts(db)).toEqual({ A: 32, B: 32 });
    expect(batches).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    const [row] = await projectionVersions(db);
    expect(row).toMatchObject({ name: 'event_counts', version: 1, state: 'live', position: 95 });
  });

  it('is exactly once across repeated runs and new events', async () => {
    const store = memoryStore();
    await appendEvents(store, 40);
    await runProjection(db, store, countingProjection(), { batchSize: 7 });
    await runProjection(db, store, countingProjection(), { batchSize: 7 });
    await appendEvents(store, 20, ['A', 'B', 'C'], 40);
    await runProjection(db, store, countingProjection(), { batchSize: 3 });
    expect(await counts(db)).toEqual({ A: 20, B: 20 });
    const seen = await db
      .selectFrom('seen_positions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(seen?.n)).toBe(40);
  });

  it('runs several projections in one pass over the log', async () => {
    const store = memoryStore();
    await appendEvents(store, 50);
    const renamed = positionsProjection('c_counts', ['C']);
    const run = await runProjections(db, store, [countingProjection(), renamed], { batchSize: 20 });
    expect(run._tag).toBe('Right');
    if (run._tag === 'Left') return;
    expect(run.right.eventsRead).toBe(50);
    expect(run.right.outcomes.map((o) => o._tag)).toEqual(['CaughtUp', 'CaughtUp']);
    const c = await db
      .selectFrom('c_counts_positions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(c?.n)).toBe(16);
    // The physical tables are versioned, the logical names are views.
    const tables = await db.introspection.getTables();
    expect(tables.filter((t) => !t.isView).map((t) => t.name)).toEqual(
      expect.arrayContaining(['event_counts_v1', 'seen_positions_v1', 'c_counts_positions_v1', 'itsm_projections']),
    );
    expect(
      tables
        .filter((t) => t.isView)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['c_counts_positions', 'event_counts', 'seen_positions']);
  });

  it('stops a throwing projection at the event at fault, keeps the checkpoint before it and never skips it', async () => {
    const store = memoryStore();
    await appendEvents(store, 30);
    const failing = countingProjection(1, ['A', 'B'], (data) => (data as { n: number }).n === 16);
    const first = await runProjection(db, store, failing, { batchSize: 10 });
    expect(first).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'ProjectionFailed',
        projection: 'event_counts',
        version: 1,
        position: 17,
        eventType: 'B',
        streamId: 's-6',
        error: 'refused {"n":16}',
        checkpoint: 16,
      },
    });
    // Events before the faulty one were committed (also those of its batch).
    expect(await counts(db)).toEqual({ A: 6, B: 5 });
    const status = await projectionStatus(db, store);
    expect(status[0]).toMatchObject({ position: 16, head: 30, lag: 14, lastError: { position: 17 } });
    // Running again stops at the same event.
    const again = await runProjection(db, store, failing, { batchSize: 10 });
    expect(again).toMatchObject({ _tag: 'Left', left: { position: 17, checkpoint: 16 } });
    // Fixed code resumes from the checkpoint: every event exactly once.
    const fixed = await runProjection(db, store, countingProjection(), { batchSize: 10 });
    expect(fixed).toMatchObject({ _tag: 'Right', right: { position: 30 } });
    expect(await counts(db)).toEqual({ A: 10, B: 10 });
    expect((await projectionStatus(db, store))[0]?.lastError).toBeUndefined();
  });

  it('keeps the other projections of the pass going when one fails', async () => {
    const store = memoryStore();
    await appendEvents(store, 30);
    const healthy = positionsProjection('healthy', ['A', 'B', 'C']);
    const failing = { ...countingProjection(1, ['A'], (data) => (data as { n: number }).n === 3), name: 'failing' };
    const run = await runProjections(db, store, [failing, healthy], { batchSize: 8 });
    expect(run._tag).toBe('Right');
    if (run._tag === 'Left') return;
    expect(run.right.outcomes[0]).toMatchObject({
      _tag: 'ProjectionFailed',
      projection: 'failing',
      position: 4,
      checkpoint: 3,
    });
    expect(run.right.outcomes[1]).toMatchObject({ _tag: 'CaughtUp', projection: 'healthy', position: 30 });
    const healthyRows = await db
      .selectFrom('healthy_positions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(healthyRows?.n)).toBe(30);
  });

  it('refuses an invalid definition as a value', async () => {
    const store = memoryStore();
    const run = await runProjections(db, store, [{ ...countingProjection(), name: 'Bad Name' }]);
    expect(run).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidProjection', projection: 'Bad Name' } });
  });

  it('stops when interrupted and resumes from its checkpoint', async () => {
    const store = memoryStore();
    await appendEvents(store, 60);
    const controller = new AbortController();
    let batches = 0;
    const first = await runProjection(db, store, countingProjection(), {
      batchSize: 10,
      signal: controller.signal,
      onProgress: () => {
        if (++batches === 2) controller.abort();
      },
    });
    expect(first).toMatchObject({ _tag: 'Right', right: { _tag: 'Interrupted', position: 20 } });
    const second = await runProjection(db, store, countingProjection(), { batchSize: 10 });
    expect(second).toMatchObject({ _tag: 'Right', right: { _tag: 'CaughtUp', position: 60 } });
    expect(await counts(db)).toEqual({ A: 20, B: 20 });
  });

  it('reports progress with rate, lag and ETA', async () => {
    const store = memoryStore();
    await appendEvents(store, 30);
    const seen: { lag: number; eta: number | undefined; rate: number; head: number }[] = [];
    await runProjection(db, store, countingProjection(), {
      batchSize: 10,
      onProgress: (p) => seen.push({ lag: p.lag, eta: p.etaSeconds, rate: p.eventsPerSecond, head: p.head }),
    });
    expect(seen.map((s) => s.lag)).toEqual([20, 10, 0]);
    expect(seen.every((s) => s.head === 30 && s.rate > 0 && s.eta !== undefined)).toBe(true);
    expect(seen[2]?.eta).toBe(0);
  });

  it('follows the log continuously through subscribeToAll', async () => {
    const store = memoryStore();
    await appendEvents(store, 10);
    const worker = startProjectionWorker(db, store, [countingProjection()], { batchSize: 4 });
    await worker.caughtUpTo(10);
    await appendEvents(store, 15, ['A', 'B', 'C'], 10);
    await worker.caughtUpTo(25);
    expect(await counts(db)).toEqual({ A: 9, B: 8 });
    const stopped = await worker.stop();
    expect(stopped).toMatchObject({ _tag: 'Right', right: { outcomes: [{ position: 25 }] } });
  });

  it('follows the log by polling when the store cannot push', async () => {
    const memory = memoryStore();
    const store: EventStore = {
      appendToStream: memory.appendToStream,
      readStream: memory.readStream,
      readAll: memory.readAll,
      headPosition: memory.headPosition,
      close: memory.close,
    };
    await appendEvents(memory, 5);
    const worker = startProjectionWorker(db, store, [countingProjection()], { batchSize: 2, pollIntervalMs: 10 });
    await worker.caughtUpTo(5);
    await appendEvents(memory, 6, ['A', 'B', 'C'], 5);
    await worker.caughtUpTo(11);
    expect(await counts(db)).toEqual({ A: 4, B: 4 });
    await worker.stop();
  });

  it('reports the lag of every projection version', async () => {
    const store = memoryStore();
    await appendEvents(store, 12);
    await runProjection(db, store, countingProjection(), { batchSize: 5, signal: AbortSignal.abort() });
    const [status] = await projectionStatus(db, store);
    expect(status).toMatchObject({ name: 'event_counts', position: 5, head: 12, lag: 7 });
  });
});
