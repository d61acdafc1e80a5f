import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { permissiveEventSchemas, defaultEventStoreSettings, verifyAll, type RecordedEvent } from '@itsm/event-store';
import { openSqliteEventStore } from './index.js';
import {
  parseCrashLog,
  seededRandom,
  temporaryFolder,
  tsxChild,
  type CrashLogLine,
} from './sqlite-test-support.test-fixture.js';

/** Two kill loops on one file, each killing its writer this many times. */
const KILLS_PER_LOOP = 50;
const LOOPS = ['p', 'q'];

const seed = Number(process.env['ITSM_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const replay = `(replay with ITSM_CRASH_SEED=${seed})`;

const temporary = temporaryFolder('crash');
afterAll(() => temporary.remove());

interface KillLoopReport {
  readonly kills: number;
  readonly exitedOnItsOwn: string[];
}

/** Starts the writer, waits until it appends, lets it run 20–150 ms, kills it; again and again. */
const killLoop = async (file: string, logFile: string, loopId: string, loopSeed: number): Promise<KillLoopReport> => {
  const random = seededRandom(loopSeed);
  const exitedOnItsOwn: string[] = [];
  let kills = 0;
  for (let round = 0; round < KILLS_PER_LOOP; round++) {
    const child = tsxChild('./crash-writer.test-fixture.ts', [
      file,
      logFile,
      loopId,
      String(Math.floor(random() * 2 ** 31)),
    ]);
    const runFor = 20 + Math.floor(random() * 131);
    await new Promise<void>((resolve, reject) => {
      const writer = spawn(child.command, child.args, { env: child.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let killed = false;
      writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      writer.stdout.on('data', (chunk: Buffer) => {
        if (!killed && chunk.toString().includes('ready'))
          setTimeout(() => {
            killed = writer.kill('SIGKILL');
          }, runFor);
      });
      writer.on('error', reject);
      writer.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') kills++;
        else exitedOnItsOwn.push(`loop ${loopId} round ${round}: exit ${code} ${stderr.slice(-2000)}`);
        resolve();
      });
    });
  }
  return { kills, exitedOnItsOwn };
};

describe('a writer killed at random while appending', () => {
  it(`loses no acknowledged append, duplicates nothing, leaves no version gap ${replay}`, async () => {
    console.log(`crash test seed ${seed} ${replay}`);
    const file = join(temporary.folder, 'crash.db');
    const random = seededRandom(seed);
    const logs = LOOPS.map((loopId) => join(temporary.folder, `writer-${loopId}.log`));
    const reports = await Promise.all(
      LOOPS.map((loopId, index) => killLoop(file, logs[index]!, loopId, Math.floor(random() * 2 ** 31))),
    );

    expect(reports.flatMap((report) => report.exitedOnItsOwn)).toEqual([]);
    expect(reports.reduce((sum, report) => sum + report.kills, 0)).toBeGreaterThanOrEqual(100);

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const opened = openSqliteEventStore(file, defaultEventStoreSettings(permissiveEventSchemas));
    if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left));
    const store = opened.right;
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    expect(await verifyAll(store)).toMatchObject({ right: { ok: true, eventsChecked: events.length } });
    await store.close();

    const texts = logs.map((log) => readFileSync(log, 'utf8'));
    const lines = texts.flatMap(parseCrashLog);
    // Only a kill can tear a line (at most one per kill); every other line is whole.
    const torn = texts.flatMap((text) => text.split('\n').filter((line) => line.length > 0)).length - lines.length;
    expect(torn).toBeLessThanOrEqual(reports.reduce((sum, report) => sum + report.kills, 0));
    const byId = new Map(events.map((event) => [event.eventId, event]));
    expect(byId.size).toBe(events.length);

    // 0 acknowledged events lost, each acknowledged append whole and in its stream.
    const acknowledged = lines.filter((line): line is Extract<CrashLogLine, { kind: 'A' }> => line.kind === 'A');
    const lost = acknowledged.flatMap((ack) => ack.eventIds.filter((id) => byId.get(id)?.streamId !== ack.streamId));
    expect(lost).toEqual([]);

    // Every stored event belongs to a logged intent, and no intent is stored in part.
    const intents = lines.filter((line): line is Extract<CrashLogLine, { kind: 'I' }> => line.kind === 'I');
    const intended = new Set(intents.flatMap((intent) => intent.events.map((event) => event.eventId)));
    expect(events.filter((event) => !intended.has(event.eventId))).toEqual([]);
    for (const intent of intents) {
      const stored = intent.events.filter((event) => byId.has(event.eventId)).length;
      expect([0, intent.events.length]).toContain(stored);
    }

    // No version gaps: every stream counts 1, 2, 3… in log order.
    const versions = new Map<string, number>();
    for (const event of events) {
      expect(event.streamVersion).toBe((versions.get(event.streamId) ?? 0) + 1);
      versions.set(event.streamId, event.streamVersion);
    }

    const retried = acknowledged.filter((ack) => ack.retried);
    console.log(
      `crash test seed ${seed}: ${reports.reduce((sum, report) => sum + report.kills, 0)} kills, ${events.length} events, ` +
        `${acknowledged.length} acknowledged appends, ${retried.length} unknown outcomes retried, ${torn} torn log lines ` +
        `(${retried.filter((ack) => ack.alreadyAppended).length} had been committed, reported as already appended)`,
    );
    // Some kills must have hit between commit and acknowledgement, or the retry path was never exercised.
    expect(retried.length).toBeGreaterThan(0);
  }, 300_000);
});
