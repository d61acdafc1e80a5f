/**
 * A writer process of the multi-process test: opens the shared file and runs
 * several concurrent append loops (so group commit is in play), some on
 * streams shared with the other writers (optimistic concurrency, retried on
 * conflict with the version the conflict reports), some on its own. Prints one
 * JSON line with every acknowledged event id and every failure.
 *
 * Start: it prints `ready` once the file is open and begins when a line
 * arrives on stdin (the test sends it to every writer when all are ready).
 *
 * Usage: writer <file> <writer-index> <appends-per-loop>
 */
import { ExpectedVersion } from '@itsm/event-store';
import { openSqliteEventStore } from './index.js';
import { newEvent, testSettings } from './sqlite-test-support.test-fixture.js';

const [file, writerArgument, countArgument] = process.argv.slice(2);
const writer = Number(writerArgument);
const perLoop = Number(countArgument);
const opened = openSqliteEventStore(file!, testSettings());
if (opened._tag === 'Left') {
  console.log(JSON.stringify({ acknowledged: [], failures: [opened.left], conflicts: 0 }));
  process.exit(1);
}
const store = opened.right;
const acknowledged: { streamId: string; eventIds: string[] }[] = [];
const failures: unknown[] = [];
let conflicts = 0;

const loop = async (streamId: string) => {
  let version = 0;
  for (let index = 0; index < perLoop; index++) {
    const events = [newEvent('WriterAppended', { writer, streamId, index })];
    if (index % 5 === 0) events.push(newEvent('WriterAppended', { writer, streamId, index, second: true }));
    for (;;) {
      const result = await store.appendToStream(streamId, events, ExpectedVersion.exact(version));
      if (result._tag === 'Right') {
        version = result.right.nextExpectedVersion;
        acknowledged.push({ streamId, eventIds: events.map((event) => event.eventId) });
        break;
      }
      if (result.left._tag === 'StreamVersionConflict') {
        conflicts++;
        version = result.left.actual;
        continue;
      }
      failures.push(result.left);
      break;
    }
  }
};

// Every writer starts at the same moment, whatever its start-up took, so their appends interleave.
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
await Promise.all([
  loop('ticket-shared1'),
  loop('ticket-shared2'),
  loop(`ticket-own${writer}a`),
  loop(`ticket-own${writer}b`),
]);
await store.close();
console.log(JSON.stringify({ acknowledged, failures, conflicts }));
