/**
 * Runs the service request walkthrough on a SQLite event store file and
 * prints each command, its outcome (or the rule that refused it) and the
 * events it recorded, then the request's final state and the impact
 * analysis.
 *
 * `node --import tsx src/main.ts [file]` (or `pnpm start`) — the file
 * defaults to a fresh one in the system's temporary folder, so the
 * walkthrough can be run again and again.
 *
 * @module
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEventStoreSettings, type RecordedEvent } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import {
  runServiceRequestScenario,
  scenarioSchemas,
  type ScenarioReport,
  type ScenarioStep,
} from './service-desk-scenario.js';

const describeEvent = (event: RecordedEvent): string => {
  const { at: _at, by: _by, catalogItem, ...rest } = event.data as Record<string, unknown>;
  const shown =
    catalogItem === undefined
      ? rest
      : {
          ...rest,
          catalogItem: `${(catalogItem as { catalogItemId: string }).catalogItemId} v${(catalogItem as { version: number }).version}`,
        };
  const details = Object.entries(shown)
    .filter(([key]) => key !== 'definition' && key !== 'policy' && key !== 'content')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `    ${event.streamId}#${event.streamVersion} ${event.type}${details ? ` — ${details}` : ''}`;
};

const printStep = (step: ScenarioStep): void => {
  const why = step.refusal === undefined ? '' : ` ${JSON.stringify(step.refusal)}`;
  console.log(`${step.command} (${step.actor}): ${step.outcome}${why}`);
  for (const event of step.events) console.log(describeEvent(event));
};

/** Opens the store, runs the walkthrough, prints it and returns the report. */
export const main = async (file: string, print = true): Promise<ScenarioReport> => {
  const opened = openSqliteEventStore(file, defaultEventStoreSettings(scenarioSchemas()));
  if (opened._tag === 'Left') throw new Error(`cannot open ${file}: ${opened.left.problem}: ${opened.left.reason}`);
  const store = opened.right;
  try {
    const report = await runServiceRequestScenario(store, print ? printStep : undefined);
    if (print && report.request.request.status !== 'none') {
      const { status, catalogItem, tasks } = report.request.request;
      console.log(
        `\nREQ-2001 is ${status}, made against ${catalogItem.catalogItemId} v${catalogItem.version}, ${report.requestTrail.length} events in ${file}`,
      );
      for (const task of tasks)
        console.log(`  task ${task.taskId}: ${task.status}${task.optional ? ' (optional)' : ''}`);
      console.log(`SLA attached: ${report.request.sla.attachment?.policy.policyName ?? 'none'}`);
      console.log(`services affected if srv-mdm-1 is down: ${report.impactedByServerOutage.join(', ') || 'none'}`);
    }
    return report;
  } finally {
    await store.close();
  }
};

if (process.argv[1]?.endsWith('main.ts'))
  await main(process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'itsm-service-request-')), 'events.sqlite'));
