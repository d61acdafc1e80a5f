/**
 * The projector the crash test SIGKILLs: opens the SQLite event store file
 * and the SQLite read-model file, says `ready`, then projects the built-in
 * read models continuously until killed, writing `at <position>` after
 * every committed batch.
 *
 * Usage: node --import tsx crash-projector.test-fixture.ts <events.db> <read-models.db>
 */
import { permissiveEventSchemas, defaultEventStoreSettings } from '@itsm/event-store';
import { openSqliteEventStore } from '../../event-store-sqlite/src/index.js';
import { openSqliteReadModels } from './read-model-database.js';
import { startProjectionWorker } from './projection-runner.js';
import { builtInProjections } from './read-models/built-in.js';

const [eventsFile, readModelsFile] = process.argv.slice(2);
if (eventsFile === undefined || readModelsFile === undefined)
  throw new Error('usage: crash-projector <events.db> <read-models.db>');
const opened = openSqliteEventStore(eventsFile, defaultEventStoreSettings(permissiveEventSchemas));
if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left));
const db = openSqliteReadModels(readModelsFile);
const worker = startProjectionWorker(db, opened.right, builtInProjections(), {
  batchSize: 40,
  owner: 'crash-worker',
  pollIntervalMs: 5,
  onProgress: (progress) => process.stdout.write(`at ${progress.position}\n`),
});
process.stdout.write('ready\n');
void worker.done.then((result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(result._tag === 'Left' ? 2 : 0);
});
