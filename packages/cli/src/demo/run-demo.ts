/**
 * `itsm demo`: simulates a service desk over N days through the real
 * commands, deciders and SQLite event store, runs the built-in projections
 * into a SQLite read-model file, and reports queues, SLA, metrics, one
 * incident's audit trail and the verification of every hash chain.
 *
 * @module
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEventStoreSettings, verifyAll, type ChainVerification, type EventStore } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { builtInProjections, openSqliteReadModels, runProjections, type ProjectionRunReport } from '@itsm/projections';
import type { Kysely } from 'kysely';
import { allEventSchemas } from '../domain-registry.js';
import type { Progress } from '../output/progress.js';
import { domainBusinessClock } from '../read-models/business-clock.js';
import { DemoDesk, SimulatedClock } from './demo-desk.js';
import { IncidentSimulation } from './incident-simulation.js';
import { SimulationAgenda } from './simulation-agenda.js';
import { seededRandom } from './seeded-random.js';
import { SlaSimulation } from './sla-simulation.js';
import { ServiceManagementSimulation } from './service-management-simulation.js';

const DAY = 86_400_000;

/** What the demo is asked to do. */
export interface DemoSettings {
  readonly days: number;
  readonly seed: number;
  /** The event store file; a new temporary folder when absent. */
  readonly eventStoreFile: string | undefined;
  /** The read-model file; beside the event store when absent. */
  readonly readModelFile: string | undefined;
  /** The simulated start, epoch ms (a Monday 00:00 UTC by default). */
  readonly start: number;
  /** Incidents per hour multiplier. */
  readonly scale: number;
}

/** What the demo produced, for reporting. */
export interface DemoRun {
  readonly settings: DemoSettings;
  readonly eventStoreFile: string;
  readonly readModelFile: string;
  readonly simulatedUntil: number;
  readonly desk: DemoDesk;
  readonly projections: ProjectionRunReport;
  readonly verification: ChainVerification;
  readonly readModels: Kysely<unknown>;
  readonly store: EventStore;
  readonly sampleIncident: string | undefined;
  readonly wallSeconds: number;
}

/** A failure of the demo's own machinery (not a business refusal). */
export interface DemoFailed {
  readonly _tag: 'DemoFailed';
  readonly reason: string;
}

/** Runs the simulation, the projections and the verification. */
export const runDemo = async (settings: DemoSettings, progress: Progress): Promise<DemoRun | DemoFailed> => {
  const started = performance.now();
  const folder = settings.eventStoreFile === undefined ? mkdtempSync(join(tmpdir(), 'itsm-demo-')) : undefined;
  const eventStoreFile = settings.eventStoreFile ?? join(folder ?? '.', 'itsm-events.db');
  const readModelFile = settings.readModelFile ?? eventStoreFile.replace(/(\.db)?$/, '-read-models.db');
  // The store records events at simulated time, so `--as-of` replays of the demo's history make sense.
  const clock = new SimulatedClock(settings.start - 7 * DAY);
  const opened = openSqliteEventStore(eventStoreFile, {
    ...defaultEventStoreSettings(allEventSchemas),
    now: () => clock.now(),
  });
  if (opened._tag === 'Left') return { _tag: 'DemoFailed', reason: `${opened.left.file}: ${opened.left.reason}` };
  const store = opened.right;

  const random = seededRandom(settings.seed);
  const agenda = new SimulationAgenda();
  // Command ids from a stream of their own, so the same seed gives the same log (hashes included).
  const desk = new DemoDesk(store, clock, seededRandom(settings.seed ^ 0x5eed1d5).uuid);
  const end = settings.start + settings.days * DAY;
  const incidents = new IncidentSimulation(desk, agenda, random, settings.scale);
  const sla = new SlaSimulation(desk, agenda);
  desk.onRecorded = (events) => sla.observe(events);
  const serviceManagement = new ServiceManagementSimulation(desk, agenda, random, incidents);
  await serviceManagement.prepare(settings.start);
  incidents.scheduleArrivals(settings.start, end);
  incidents.scheduleAutoClose(settings.start, end);
  sla.schedule(settings.start, end);
  serviceManagement.schedule(settings.start, end);

  for (let action = agenda.next(end); action; action = agenda.next(end)) {
    await action.run();
    progress.update(Math.round(((action.at - settings.start) / (end - settings.start)) * 100), 100);
  }
  progress.stop();

  const readModels = openSqliteReadModels(readModelFile);
  const projected = await runProjections(readModels, store, builtInProjections(domainBusinessClock), {
    now: () => new Date(end),
  });
  if (projected._tag === 'Left')
    return { _tag: 'DemoFailed', reason: `projections: ${JSON.stringify(projected.left)}` };
  const verified = await verifyAll(store);
  if (verified._tag === 'Left') return { _tag: 'DemoFailed', reason: `verification: ${JSON.stringify(verified.left)}` };
  const sample =
    [...incidents.incidents.values()].find((incident) => incident.reopened > 0 && incident.status === 'Closed') ??
    [...incidents.incidents.values()].find((incident) => incident.status === 'Closed');
  return {
    settings,
    eventStoreFile,
    readModelFile,
    simulatedUntil: end,
    desk,
    projections: projected.right,
    verification: verified.right,
    readModels,
    store,
    sampleIncident: sample ? `incident-${sample.id}` : undefined,
    wallSeconds: (performance.now() - started) / 1000,
  };
};
