/**
 * The SLA deadline process in the demo: every simulated hour it computes the
 * clocks of open incidents from their histories (kept incrementally from the
 * events the desk records) and issues the commands that attach the demo's SLA
 * policy and record warnings and breaches, exactly once each.
 *
 * @module
 */
import {
  Incident,
  SlaPolicyDefinition,
  createSlaPolicy,
  incidentSlaSignals,
  slaDeadlineCommands,
  type Instant,
  type SlaPolicy,
  type SlaRecordHistory,
  type SlaSignal,
} from '@itsm/domain';
import type { RecordedEvent } from '@itsm/event-store';
import type { DemoDesk } from './demo-desk.js';
import { officeHoursDefinition } from './demo-clock.js';
import type { SimulationAgenda } from './simulation-agenda.js';

const HOUR = 3_600_000;

/** The demo's SLA: office-hours calendar, ITIL-style targets, an OLA for the database group. */
export const demoSlaPolicy: SlaPolicy = (() => {
  const definition = SlaPolicyDefinition.decode({
    policyId: 'demo-standard-sla',
    policyVersion: 1,
    policyName: 'Standard SLA (office hours)',
    calendar: officeHoursDefinition,
    targets: [
      { priority: 1, timeToOwnMinutes: 15, timeToResolveMinutes: 240, updateIntervalMinutes: 60 },
      { priority: 2, timeToOwnMinutes: 30, timeToResolveMinutes: 480 },
      { priority: 3, timeToOwnMinutes: 120, timeToResolveMinutes: 1080 },
      { priority: 4, timeToOwnMinutes: 240, timeToResolveMinutes: 1620 },
      { priority: 5, timeToOwnMinutes: 480, timeToResolveMinutes: 2700 },
    ],
    olaTargets: [{ group: 'database', timeToResolveMinutes: 720 }],
    pausing: { timeToOwn: [], timeToResolve: ['OnHold'], updateInterval: [] },
    warningThresholds: [50, 75, 90],
    reopenPolicy: 'cumulative',
  });
  if (definition._tag === 'Left') throw new Error('the demo SLA policy does not match its codec');
  const policy = createSlaPolicy(definition.right);
  if (policy._tag === 'Left') throw new Error(`the demo SLA policy is invalid: ${policy.left._tag}`);
  return policy.right;
})();

interface TrackedRecord {
  readonly history: { streamId: string; record: SlaRecordHistory['record']; signals: SlaSignal[] };
  /** Runs left before a finished record is dropped (one more run records late facts). */
  finishedRuns: number | undefined;
}

/** Keeps SLA histories of incidents and runs the deadline process hourly. */
export class SlaSimulation {
  private readonly records = new Map<string, TrackedRecord>();

  /** Creates the process over a desk. */
  constructor(
    private readonly desk: DemoDesk,
    private readonly agenda: SimulationAgenda,
  ) {}

  /** Feeds recorded events into the histories. */
  observe(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      if (!event.streamId.startsWith('incident-')) continue;
      let tracked = this.records.get(event.streamId);
      if (!tracked) {
        tracked = {
          history: {
            streamId: event.streamId,
            record: {
              category: 'incident',
              id: event.streamId.slice('incident-'.length),
            } as SlaRecordHistory['record'],
            signals: [],
          },
          finishedRuns: undefined,
        };
        this.records.set(event.streamId, tracked);
      }
      for (const signal of incidentSlaSignals(event)) tracked.history.signals.push(signal);
      // The SLA is attached as soon as the incident is logged, not at the next hourly run.
      if (event.type === 'IncidentLogged') {
        const history = tracked.history;
        const at = Date.parse(event.metadata.occurredAt);
        this.agenda.schedule(at, 'attach sla', () => this.runOn([history], at));
      }
      if (event.type === 'IncidentClosed' || event.type === 'IncidentCancelled') tracked.finishedRuns = 1;
    }
  }

  private async runOn(histories: readonly SlaRecordHistory[], now: number): Promise<void> {
    const commands = slaDeadlineCommands(histories, new Date(now).toISOString() as Instant, { policy: demoSlaPolicy });
    for (const { command } of commands) await this.desk.issueBuilt(Incident, command);
  }

  /** Schedules the process every hour between `start` and `end`, and once at `end`. */
  schedule(start: number, end: number): void {
    for (let at = start + HOUR; at < end; at += HOUR) this.agenda.schedule(at, 'sla deadlines', () => this.run(at));
    this.agenda.schedule(end, 'sla deadlines', () => this.run(end));
  }

  /** Runs the process once at `now`. */
  async run(now: number): Promise<void> {
    await this.runOn(
      [...this.records.values()].map((tracked) => tracked.history),
      now,
    );
    for (const [streamId, tracked] of this.records)
      if (tracked.finishedRuns !== undefined && tracked.finishedRuns-- <= 0) this.records.delete(streamId);
  }
}
