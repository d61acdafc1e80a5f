import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openSqliteReadModels } from './read-model-database.js';
import { tempDirectory } from './runner-support.test-fixture.js';

describe('openSqliteReadModels', () => {
  const dir = tempDirectory();
  afterAll(() => dir.remove());

  it('checkpoints the WAL every 10,000 pages unless told otherwise', async () => {
    const pragma = async (file: string, settings = {}) => {
      const db = openSqliteReadModels(join(dir.path, file), settings);
      try {
        return (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0];
      } finally {
        await db.destroy();
      }
    };
    expect(await pragma('default.db')).toEqual({ wal_autocheckpoint: 10_000 });
    expect(await pragma('small.db', { walAutocheckpointPages: 500 })).toEqual({ wal_autocheckpoint: 500 });
  });

  it('refuses a setting that is not a whole number (it would go into a PRAGMA)', () => {
    expect(() => openSqliteReadModels(':memory:', { walAutocheckpointPages: 1.5 })).toThrow(/walAutocheckpointPages/);
    expect(() => openSqliteReadModels(':memory:', { cacheSizeKiB: -1 })).toThrow(/cacheSizeKiB/);
  });
});
