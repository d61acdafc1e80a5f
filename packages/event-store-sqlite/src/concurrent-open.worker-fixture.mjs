/**
 * A thread of the concurrent-open test (plain JavaScript on the built
 * package, as a worker thread runs it): for each trial, waits at the trial's
 * barrier until every thread is there, then opens the trial's new file as an
 * event store and closes it. Posts the failures it got.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { defaultEventStoreSettings, permissiveEventSchemas } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';

const { files, barrier, threads } = workerData;
const failures = [];
for (const [trial, file] of files.entries()) {
  Atomics.add(barrier, trial, 1);
  while (Atomics.load(barrier, trial) < threads);
  const opened = openSqliteEventStore(file, defaultEventStoreSettings(permissiveEventSchemas));
  if (opened._tag === 'Left') failures.push(opened.left);
  else await opened.right.close();
}
parentPort.postMessage(failures);
