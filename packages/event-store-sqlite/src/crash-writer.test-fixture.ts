/**
 * The writer of the crash test, killed with SIGKILL at a random moment.
 *
 * It keeps an fsync'd log beside the database: `I` (intent) lines before an
 * append, with its event ids and expected version, and `A` (acknowledged)
 * lines only after the append's commit returned. On start it first retries
 * the last unacknowledged intent of each of its streams with the same event
 * ids and expected version (the "unknown outcome" case), which must succeed
 * either as already appended or as a fresh append, then prints `ready` and
 * appends forever on its streams, several loops at once so that group commit
 * is what gets killed. Any refused append is logged as `F` and ends the
 * process with a failure.
 *
 * Usage: crash-writer <db-file> <log-file> <loop-id> <seed>
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { ExpectedVersion } from '@itsm/event-store';
import { openSqliteEventStore } from './index.js';
import {
  newEvent,
  parseCrashLog,
  seededRandom,
  testSettings,
  type CrashLogLine,
} from './sqlite-test-support.test-fixture.js';

const [file, logFile, loopId, seedArgument] = process.argv.slice(2) as [string, string, string, string];
const random = seededRandom(Number(seedArgument));
const STREAMS = [`ticket-${loopId}x`, `ticket-${loopId}y`, `ticket-${loopId}z`];

const log = openSync(logFile, 'a');
const write = (line: CrashLogLine) => {
  writeSync(log, `${JSON.stringify(line)}\n`);
  fsyncSync(log);
};
// The previous writer may have been killed mid-line: end that torn line, so this writer's first line stands alone.
if (existsSync(logFile)) {
  const text = readFileSync(logFile, 'utf8');
  if (text.length > 0 && !text.endsWith('\n')) {
    writeSync(log, '\n');
    fsyncSync(log);
  }
}
const fail = (streamId: string, error: unknown) => {
  write({ kind: 'F', streamId, error });
  closeSync(log);
  // The test reports stderr of a writer that ended by itself: say why here too.
  process.stderr.write(`crash writer ${loopId} refused on ${streamId}: ${JSON.stringify(error)}\n`);
  process.exit(1);
};

/** The complete lines of the log (a line torn by the kill has no newline and is ignored). */
const previousLines = (): CrashLogLine[] => (existsSync(logFile) ? parseCrashLog(readFileSync(logFile, 'utf8')) : []);

const opened = openSqliteEventStore(file, testSettings());
if (opened._tag === 'Left') fail('-', opened.left);
const store = opened._tag === 'Right' ? opened.right : undefined!;

// The unknown outcomes: the last intent of each stream that has no acknowledgement after it.
const pending = new Map<string, Extract<CrashLogLine, { kind: 'I' }>>();
for (const line of previousLines()) {
  if (line.kind === 'I') pending.set(line.streamId, line);
  if (line.kind === 'A') pending.delete(line.streamId);
}
for (const intent of pending.values()) {
  const retried = await store.appendToStream(intent.streamId, intent.events, ExpectedVersion.exact(intent.expected));
  if (retried._tag === 'Left') fail(intent.streamId, retried.left);
  else
    write({
      kind: 'A',
      streamId: intent.streamId,
      eventIds: intent.events.map((event) => event.eventId),
      alreadyAppended: retried.right.alreadyAppended,
      retried: true,
    });
}

const versionOf = async (streamId: string): Promise<number> => {
  let version = 0;
  for await (const event of store.readStream(streamId)) version = event.streamVersion;
  return version;
};

const appendForever = async (streamId: string) => {
  let version = await versionOf(streamId);
  for (let index = 0; ; index++) {
    const count = 1 + Math.floor(random() * 3);
    const events = Array.from({ length: count }, (_, at) =>
      newEvent('WriterAppended', {
        loopId,
        streamId,
        version: version + at + 1,
        pad: 'x'.repeat(Math.floor(random() * 200)),
      }),
    );
    write({ kind: 'I', streamId, expected: version, events });
    const result = await store.appendToStream(streamId, events, ExpectedVersion.exact(version));
    if (result._tag === 'Left') fail(streamId, result.left);
    else {
      write({
        kind: 'A',
        streamId,
        eventIds: events.map((event) => event.eventId),
        alreadyAppended: result.right.alreadyAppended,
        retried: false,
      });
      version = result.right.nextExpectedVersion;
    }
  }
};

process.stdout.write('ready\n');
await Promise.all(STREAMS.map(appendForever));
