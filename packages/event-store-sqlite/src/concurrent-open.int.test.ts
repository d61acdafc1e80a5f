import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { runThreadsAtOnce } from '@itsm/testing';
import { SQLITE_APPLICATION_ID, SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
import { temporaryFolder } from './sqlite-test-support.test-fixture.js';

const temporary = temporaryFolder('concurrent-open');
afterAll(() => temporary.remove());

const THREADS = 4;
const TRIALS = 150;

describe('several connections opening the same new file at once', () => {
  it('all get the store, and the file is initialised once (SQLite answers the WAL switch busy without waiting)', async () => {
    const files = Array.from({ length: TRIALS }, (_, trial) => join(temporary.folder, `store-${trial}.db`));
    // Threads of one process lock a SQLite file as processes do (SQLite keeps its own table of a process's locks).
    const failures = await runThreadsAtOnce(
      new URL('./concurrent-open.worker-fixture.mjs', import.meta.url),
      files,
      THREADS,
    );
    expect(failures).toEqual([]);
    for (const file of files) {
      const db = new Database(file, { readonly: true });
      expect([db.pragma('application_id', { simple: true }), db.pragma('user_version', { simple: true })]).toEqual([
        SQLITE_APPLICATION_ID,
        SQLITE_SCHEMA_VERSION,
      ]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    }
  }, 60_000);
});
