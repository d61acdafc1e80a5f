import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { runThreadsAtOnce } from '@itsm/testing';

const folder = mkdtempSync(join(tmpdir(), 'itsm-read-models-concurrent-open-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const THREADS = 4;
const TRIALS = 150;

describe('several projectors opening the same new SQLite read-model file at once', () => {
  it('all open it, in WAL mode (SQLite answers the WAL switch busy without waiting)', async () => {
    const files = Array.from({ length: TRIALS }, (_, trial) => join(folder, `read-models-${trial}.db`));
    // Threads of one process lock a SQLite file as processes do (SQLite keeps its own table of a process's locks).
    const failures = await runThreadsAtOnce(
      new URL('./concurrent-open.worker-fixture.mjs', import.meta.url),
      files,
      THREADS,
    );
    expect(failures).toEqual([]);
    for (const file of files) {
      const db = new Database(file, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    }
  }, 60_000);
});
