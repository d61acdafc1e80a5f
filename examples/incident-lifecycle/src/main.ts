/**
 * Runs the incident lifecycle walkthrough on a SQLite event store file and
 * prints each command, the events it recorded, and the final state.
 *
 * `pnpm start [file]` — the file defaults to a fresh one in the system's
 * temporary folder, so the walkthrough can be run again and again.
 *
 * @module
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Incident } from '@itsm/domain';
import { createEventSchemaRegistry, defaultEventStoreSettings, type RecordedEvent } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { runIncidentLifecycle, type LifecycleReport, type LifecycleStep } from './incident-lifecycle.js';

const describeEvent = (event: RecordedEvent): string => {
  const { incidentId: _incidentId, at: _at, by: _by, ...rest } = event.data as Record<string, unknown>;
  const details = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `  #${event.streamVersion} ${event.type} by ${event.metadata.actor} at ${event.metadata.occurredAt}${details ? ` — ${details}` : ''}`;
};

const printStep = (step: LifecycleStep): void => {
  console.log(`${step.command} (${step.actor}): ${step.outcome}`);
  for (const event of step.events) console.log(describeEvent(event));
};

/** Opens the store, runs the walkthrough, prints it and returns the report. */
export const main = async (file: string, print = true): Promise<LifecycleReport> => {
  const opened = openSqliteEventStore(
    file,
    defaultEventStoreSettings(createEventSchemaRegistry(Incident.eventSchemas)),
  );
  if (opened._tag === 'Left') throw new Error(`cannot open ${file}: ${opened.left.problem}: ${opened.left.reason}`);
  const store = opened.right;
  try {
    const report = await runIncidentLifecycle(store, 'INC-1001', print ? printStep : undefined);
    if (print) {
      const { status, priority, group, agent, reopenCount, closure, resolution } = report.finalState;
      console.log(`\n${report.trail.length} events on incident-${report.incidentId} in ${file}`);
      console.log(
        'final state:',
        JSON.stringify({ status, priority, group, agent, reopenCount, closure, resolution }, null, 2),
      );
    }
    return report;
  } finally {
    await store.close();
  }
};

if (process.argv[1]?.endsWith('main.ts'))
  await main(process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'itsm-incident-')), 'events.sqlite'));
