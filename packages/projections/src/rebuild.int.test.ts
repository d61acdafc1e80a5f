import { expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import { rebuildProjection } from './rebuild.js';
import { runProjection, startProjectionWorker } from './projection-runner.js';
import { projectionVersions } from './projection-registry.js';
import { appendEvents, countingProjection, memoryStore } from './runner-support.test-fixture.js';
import { describeEachDialect } from './read-model-dialects.test-fixture.js';
import type { AnyDatabase } from './projection.js';

const counts = async (db: Kysely<AnyDatabase>) =>
  Object.fromEntries(
    (await db.selectFrom('event_counts').selectAll().orderBy('type').execute()).map((r) => [r.type, Number(r.count)]),
  );

// The read models' introspection sees their own schema only (other suites'
// schemas exist while they run in parallel).
const physicalTables = async (db: Kysely<AnyDatabase>) => {
  return (await db.introspection.getTables())
    .filter((t) => !t.isView)
    .map((t) => t.name)
    .filter((n) => !n.startsWith('itsm_'))
    .sort();
};

describeEachDialect('rebuild and leases on ', (open, dialect) => {
  it('builds a new version beside the live one, resumes after an interruption, swaps and drops the old one', async () => {
    const db = open();
    const store = memoryStore();
    await appendEvents(store, 50);
    await runProjection(db, store, countingProjection(1, ['A']), { batchSize: 10 });
    expect(await counts(db)).toEqual({ A: 17 });

    // v2 counts B too; interrupt it after two batches.
    const v2 = countingProjection(2, ['A', 'B']);
    const controller = new AbortController();
    let batches = 0;
    const interrupted = await rebuildProjection(db, store, v2, {
      batchSize: 10,
      signal: controller.signal,
      onProgress: () => {
        if (++batches === 2) controller.abort();
      },
    });
    expect(interrupted).toMatchObject({ _tag: 'Right', right: { _tag: 'Interrupted', position: 20 } });
    expect((await projectionVersions(db)).map((r) => [r.version, r.state, r.position])).toEqual([
      [1, 'live', 50],
      [2, 'building', 20],
    ]);
    // Readers still see v1, and v1 keeps being updated meanwhile.
    await appendEvents(store, 10, ['A', 'B', 'C'], 50);
    await runProjection(db, store, countingProjection(1, ['A']), { batchSize: 10 });
    expect(await counts(db)).toEqual({ A: 20 });
    expect(await physicalTables(db)).toEqual([
      'event_counts_v1',
      'event_counts_v2',
      'seen_positions_v1',
      'seen_positions_v2',
    ]);

    const progress: { rate: number; eta: number | undefined; lag: number }[] = [];
    const resumed = await rebuildProjection(db, store, v2, {
      batchSize: 10,
      onProgress: (p) => progress.push({ rate: p.eventsPerSecond, eta: p.etaSeconds, lag: p.lag }),
    });
    expect(resumed).toMatchObject({
      _tag: 'Right',
      right: { _tag: 'CaughtUp', position: 60, swapped: true, state: 'live' },
    });
    // Resumed at its own checkpoint: 4 batches (20 → 60), not 6.
    expect(progress.map((p) => p.lag)).toEqual([30, 20, 10, 0]);
    expect(progress.every((p) => p.rate > 0 && p.eta !== undefined)).toBe(true);
    expect(await counts(db)).toEqual({ A: 20, B: 20 });
    expect(await physicalTables(db)).toEqual(['event_counts_v2', 'seen_positions_v2']);
    expect((await projectionVersions(db)).map((r) => [r.version, r.state])).toEqual([
      [1, 'retired'],
      [2, 'live'],
    ]);
    // The old version may not write any more.
    const old = await runProjection(db, store, countingProjection(1, ['A']));
    expect(old).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ProjectionVersionSuperseded', version: 1, liveVersion: 2 },
    });
  });

  it('stops a live worker of the old version when the new version is swapped in', async () => {
    const db = open();
    const store = memoryStore();
    await appendEvents(store, 20);
    const worker = startProjectionWorker(db, store, [countingProjection(1, ['A'])], {
      batchSize: 5,
      pollIntervalMs: 10,
    });
    await worker.caughtUpTo(20);
    const rebuilt = await rebuildProjection(open(), store, countingProjection(2, ['A', 'B']), {
      batchSize: 5,
    });
    expect(rebuilt).toMatchObject({ _tag: 'Right', right: { swapped: true } });
    await appendEvents(store, 5, ['A', 'B', 'C'], 20);
    const ended = await worker.done;
    expect(ended).toMatchObject({
      _tag: 'Right',
      right: { outcomes: [{ _tag: 'ProjectionVersionSuperseded', version: 1, liveVersion: 2 }] },
    });
  });

  it('lets only one worker write a projection: a second one is refused, or waits for the lease', async () => {
    const store = memoryStore();
    await appendEvents(store, 30);
    const first = startProjectionWorker(open(), store, [countingProjection()], {
      owner: 'worker-1',
      batchSize: 10,
      pollIntervalMs: 10,
    });
    await first.caughtUpTo(30);
    const refused = await runProjection(open(), store, countingProjection(), { owner: 'worker-2' });
    expect(refused).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ProjectionLeaseHeld', projection: 'event_counts', version: 1 },
    });
    if (dialect.name === 'sqlite') expect(refused).toMatchObject({ left: { owner: 'worker-1' } });

    // A waiting worker gets the lease once the first one stops.
    await appendEvents(store, 6, ['A', 'B', 'C'], 30);
    const waiting = runProjection(open(), store, countingProjection(), {
      owner: 'worker-2',
      waitForLeaseMs: 20_000,
    });
    setTimeout(() => void first.stop(), 200);
    expect(await waiting).toMatchObject({ _tag: 'Right', right: { _tag: 'CaughtUp', position: 36 } });
    const db = open();
    expect(await counts(db)).toEqual({ A: 12, B: 12 });
  });
});
