import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { verifyAll, type RecordedEvent } from '@itsm/event-store';
import { openSqliteEventStore } from './index.js';
import { temporaryFolder, testSettings, tsxChild } from './sqlite-test-support.test-fixture.js';

const WRITERS = 4;
const APPENDS_PER_LOOP = 120;

interface WriterReport {
  readonly acknowledged: { streamId: string; eventIds: string[] }[];
  readonly failures: unknown[];
  readonly conflicts: number;
}

/** A writer process: `ready` resolves when it has opened the file, `start` lets it go, `report` is its result. */
interface Writer {
  readonly ready: Promise<void>;
  readonly start: () => void;
  readonly report: Promise<WriterReport>;
}

const startWriter = (file: string, writer: number): Writer => {
  const command = tsxChild('./multi-process-writer.test-fixture.ts', [file, String(writer), String(APPENDS_PER_LOOP)]);
  const writerProcess = spawn(command.command, command.args, { env: command.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  writerProcess.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) signalReady();
  });
  writerProcess.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const report = new Promise<WriterReport>((resolve, reject) => {
    writerProcess.on('error', reject);
    writerProcess.on('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as WriterReport);
      } catch {
        reject(new Error(`writer ${writer} exited with ${code} without a report: ${stderr}`));
      }
    });
  });
  // A writer that dies before `ready` must not leave the test waiting for it.
  void report.then(signalReady, signalReady);
  return { ready, start: () => writerProcess.stdin.end('go\n'), report };
};

const temporary = temporaryFolder('multi');
afterAll(() => temporary.remove());

describe('several processes on one file', () => {
  it('4 writer processes: nothing lost, nothing duplicated, no busy error reaches a caller', async () => {
    const file = join(temporary.folder, 'shared.db');
    // Every writer starts appending when all have opened the file, however long their start-up took.
    const writers = Array.from({ length: WRITERS }, (_, writer) => startWriter(file, writer));
    await Promise.all(writers.map((writer) => writer.ready));
    for (const writer of writers) writer.start();
    const reports = await Promise.all(writers.map((writer) => writer.report));
    expect(reports.flatMap((report) => report.failures)).toEqual([]);

    const opened = openSqliteEventStore(file, testSettings());
    if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left));
    const store = opened.right;
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);

    const acknowledged = reports.flatMap((report) => report.acknowledged);
    const expectedIds = acknowledged.flatMap((append) => append.eventIds);
    expect(acknowledged).toHaveLength(WRITERS * 4 * APPENDS_PER_LOOP);
    expect(events).toHaveLength(expectedIds.length);
    expect(new Set(events.map((event) => event.eventId))).toEqual(new Set(expectedIds));

    // Each acknowledged append is whole and contiguous in the stream it named.
    const byId = new Map(events.map((event) => [event.eventId, event]));
    for (const append of acknowledged) {
      const stored = append.eventIds.map((id) => byId.get(id));
      expect(stored.every((event) => event?.streamId === append.streamId)).toBe(true);
      const versions = stored.map((event) => event?.streamVersion ?? 0);
      expect(versions).toEqual(versions.map((_, index) => versions[0]! + index));
    }
    // Versions contiguous per stream, positions strictly increasing, chains intact.
    const versions = new Map<string, number>();
    for (const event of events) {
      expect(event.streamVersion).toBe((versions.get(event.streamId) ?? 0) + 1);
      versions.set(event.streamId, event.streamVersion);
    }
    expect(await verifyAll(store)).toMatchObject({ right: { ok: true, eventsChecked: expectedIds.length } });
    await store.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    // The processes really wrote at the same time: waiting writers poll for the lock, so their appends interleave in the log.
    const writerOf = (event: RecordedEvent) => (event.data as { writer: number }).writer;
    const switches = events.filter(
      (event, index) => index > 0 && writerOf(event) !== writerOf(events[index - 1]!),
    ).length;
    expect(switches).toBeGreaterThan(WRITERS * 4);
    console.log(
      `multi-process: ${expectedIds.length} events from ${WRITERS} processes, ${reports.reduce((sum, report) => sum + report.conflicts, 0)} version conflicts retried, ${switches} writer switches in the log`,
    );
  }, 120_000);
});
