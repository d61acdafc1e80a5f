/**
 * A thread of the read models' concurrent-open test (plain JavaScript on the
 * built package, as a worker thread runs it): for each trial, waits at the
 * trial's barrier until every thread is there, then opens the trial's new
 * file as a SQLite read-model database, runs a query and closes it. Posts the
 * failures it got.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openSqliteReadModels } from '@itsm/projections';

const { files, barrier, threads } = workerData;
const failures = [];
for (const [trial, file] of files.entries()) {
  Atomics.add(barrier, trial, 1);
  while (Atomics.load(barrier, trial) < threads);
  try {
    const db = openSqliteReadModels(file);
    await sql`select 1`.execute(db);
    await db.destroy();
  } catch (error) {
    failures.push(String(error));
  }
}
parentPort.postMessage(failures);
