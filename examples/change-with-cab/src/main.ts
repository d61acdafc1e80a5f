/**
 * Runs the change-with-CAB walkthrough on a SQLite event store and prints
 * each command's outcome and each change's event trail.
 *
 * ```sh
 * pnpm build                                # the example imports the built packages
 * node --import tsx src/main.ts [file.db]   # default: a new file in the temp directory
 * ```
 *
 * @module
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Change } from '@itsm/domain';
import { createEventSchemaRegistry, defaultEventStoreSettings } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { runChangeWithCab, type WalkthroughReport } from './change-with-cab.js';

/** Opens (or creates) the SQLite file, runs the walkthrough, prints it and returns the report. */
export const main = async (
  file = join(mkdtempSync(join(tmpdir(), 'itsm-change-with-cab-')), 'events.db'),
  print = console.log,
): Promise<WalkthroughReport> => {
  const opened = openSqliteEventStore(file, defaultEventStoreSettings(createEventSchemaRegistry(Change.eventSchemas)));
  if (opened._tag === 'Left') throw new Error(`cannot open ${file}: ${JSON.stringify(opened.left)}`);
  const store = opened.right;
  try {
    const report = await runChangeWithCab(store);
    print(`Event store: ${file}\n`);
    for (const step of report.steps)
      print(
        `${step.command.padEnd(40)} ${step.actor.padEnd(14)} ${step.outcome}${step.events.length > 0 ? `: ${step.events.join(', ')}` : ''}`,
      );
    for (const [changeId, trail] of Object.entries(report.trails)) {
      print(`\nTrail of ${changeId}:`);
      for (const line of trail) print(`  ${line}`);
    }
    return report;
  } finally {
    await store.close();
  }
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  await main(process.argv[2]);
