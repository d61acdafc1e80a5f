/**
 * Incidents in the demo: callers report them with a weekday/hour pattern
 * across services and priorities; the service desk assigns them, resolver
 * groups work them in office hours (P1/P2 on call around the clock), some
 * wait on hold for the caller or a vendor, some are escalated or declared
 * major, callers confirm, reject or reopen resolutions, and the auto-close
 * process closes the rest. Every step is a real command.
 *
 * @module
 */
import { Incident } from '@itsm/domain';
import type { DemoDesk } from './demo-desk.js';
import { afterWorkingMinutes, incidentRatePerHour } from './demo-clock.js';
import {
  demoCallers,
  demoServices,
  groupOf,
  incidentManager,
  processActor,
  type DemoActor,
  type DemoService,
} from './demo-organization.js';
import type { SimulationAgenda } from './simulation-agenda.js';
import type { SeededRandom } from './seeded-random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What the simulation remembers of one incident (the store holds the truth). */
export interface SimulatedIncident {
  readonly id: string;
  readonly service: DemoService;
  readonly caller: DemoActor;
  readonly priority: number;
  agent?: DemoActor;
  resolvedAt?: number;
  status: string;
  reopened: number;
  workStarted: boolean;
  /** On hold awaiting a problem's fix: its agent stops working on it. */
  heldByProblem: boolean;
}

/** Mean resolution effort in working minutes by priority. */
const effortMinutes: Readonly<Record<number, number>> = { 1: 90, 2: 240, 3: 540, 4: 900, 5: 1600 };

/** Drives the incident part of the demo. */
export class IncidentSimulation {
  /** Every incident logged, by id. */
  readonly incidents = new Map<string, SimulatedIncident>();
  /** Published knowledge articles agents apply, by service id. */
  readonly knowledgeArticles = new Map<string, string>();
  private sequence = 0;

  /** Creates the simulation. */
  constructor(
    private readonly desk: DemoDesk,
    private readonly agenda: SimulationAgenda,
    private readonly random: SeededRandom,
    private readonly scale: number,
  ) {}

  /** Schedules hourly arrivals from `start` to `end`. */
  scheduleArrivals(start: number, end: number): void {
    for (let hour = start; hour < end; hour += HOUR) {
      const expected = incidentRatePerHour(hour, this.scale);
      let at = hour + this.random.exponential(HOUR / Math.max(expected, 0.0001));
      while (at < hour + HOUR && at < end) {
        const when = Math.floor(at);
        this.agenda.schedule(when, 'log incident', () => this.logIncident(when));
        at += this.random.exponential(HOUR / Math.max(expected, 0.0001));
      }
    }
  }

  /** Schedules the daily auto-close process at 02:00 UTC. */
  scheduleAutoClose(start: number, end: number): void {
    for (let day = start - (start % DAY) + 2 * HOUR; day < end; day += DAY)
      this.agenda.schedule(day, 'auto-close', () => this.autoClose(day));
  }

  private async issue(
    incident: SimulatedIncident,
    actor: DemoActor,
    at: number,
    type: string,
    data: Record<string, unknown> = {},
  ) {
    const outcome = await this.desk.issue(
      Incident,
      actor,
      at,
      { type, data: { incidentId: incident.id, ...data } },
      `incident:${incident.id}`,
    );
    if (outcome.ok) incident.status = (outcome.state as { status: string }).status;
    return outcome;
  }

  private async startWork(incident: SimulatedIncident, agent: DemoActor, at: number): Promise<void> {
    // Work starts once (the first response); after an escalation the new group just continues.
    if (incident.workStarted) return;
    const started = await this.issue(incident, agent, at, 'StartIncidentWork');
    if (started.ok) incident.workStarted = true;
  }

  private nextId(): string {
    this.sequence++;
    return `INC${String(this.sequence).padStart(5, '0')}`;
  }

  private async logIncident(at: number): Promise<void> {
    const r = this.random;
    const service = r.weighted(demoServices.map((s) => [s, s.weight] as const));
    const caller = r.pick(demoCallers);
    const impact = r.weighted([
      [1, 1],
      [2, 4],
      [3, 10],
    ] as const);
    const urgency = r.weighted([
      [1, 2],
      [2, 5],
      [3, 8],
    ] as const);
    const priority =
      [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ][impact - 1]?.[urgency - 1] ?? 5;
    const channel = r.weighted([
      ['self-service', 4],
      ['email', 3],
      ['phone', 3],
      ['chat', 2],
      ['monitoring', 1],
    ] as const);
    const reporter =
      channel === 'phone' || channel === 'chat' || channel === 'monitoring'
        ? r.pick(groupOf('service-desk').agents)
        : caller;
    const id = this.nextId();
    const incident: SimulatedIncident = {
      id,
      service,
      caller,
      priority,
      status: 'New',
      reopened: 0,
      workStarted: false,
      heldByProblem: false,
    };
    this.incidents.set(id, incident);
    const category = r.pick(service.categories);
    const logged = await this.issue(incident, reporter, at, 'LogIncident', {
      caller: caller.id,
      service: service.id,
      category,
      impact,
      urgency,
      channel,
      shortDescription: `${service.name}: ${category} problem reported by ${caller.id}`,
      description: `Caller ${caller.id} reports a ${category} problem with ${service.name}.`,
      configurationItem: service.configurationItem,
    });
    if (!logged.ok) return;
    const urgent = priority <= 2;
    if (r.chance(0.03)) {
      const cancelAt = afterWorkingMinutes(at, r.integer(5, 30));
      this.agenda.schedule(cancelAt, 'cancel', async () => {
        await this.issue(incident, r.pick(groupOf('service-desk').agents), cancelAt, 'CancelIncident', {
          reason: 'duplicate',
          reference: `duplicate of an earlier ${service.name} report`,
        });
      });
      return;
    }
    const triageAt = urgent ? at + r.integer(2, 15) * MINUTE : afterWorkingMinutes(at, r.integer(5, 45));
    this.agenda.schedule(triageAt, 'triage', () => this.triage(incident, triageAt));
  }

  private async triage(incident: SimulatedIncident, at: number): Promise<void> {
    const r = this.random;
    const deskAgent = r.pick(groupOf('service-desk').agents);
    // Every incident lands in the service desk's queue first; the desk solves a share at first contact.
    await this.issue(incident, deskAgent, at, 'AssignIncidentToGroup', { group: 'service-desk' });
    if (incident.priority >= 3 && r.chance(0.22)) {
      await this.issue(incident, deskAgent, at + MINUTE, 'AssignIncidentToAgent', {
        agent: deskAgent.id,
        agentGroups: deskAgent.groups,
      });
      await this.startWork(incident, deskAgent, at + 2 * MINUTE);
      incident.agent = deskAgent;
      const done = at + r.integer(5, 20) * MINUTE;
      this.agenda.schedule(done, 'resolve', () => this.resolve(incident, done));
      return;
    }
    const group = groupOf(incident.service.resolverGroup);
    await this.issue(incident, deskAgent, at + MINUTE, 'AssignIncidentToGroup', { group: group.id });
    if (incident.priority === 1) {
      await this.issue(incident, incidentManager, at + MINUTE, 'DeclareMajorIncident', {
        reason: `${incident.service.name} outage affects many users`,
      });
      await this.issue(incident, incidentManager, at + 2 * MINUTE, 'EscalateIncident', {
        escalation: { kind: 'hierarchic', level: 1 },
        reason: 'major incident: management informed',
      });
    }
    const urgent = incident.priority <= 2;
    const pickupAt = urgent ? at + r.integer(3, 20) * MINUTE : afterWorkingMinutes(at, r.exponential(70));
    this.agenda.schedule(pickupAt, 'pick up', () => this.pickUp(incident, pickupAt, group.id));
  }

  private async pickUp(incident: SimulatedIncident, at: number, groupId: string): Promise<void> {
    const r = this.random;
    const agent = r.pick(groupOf(groupId).agents);
    incident.agent = agent;
    await this.issue(incident, agent, at, 'AssignIncidentToAgent', { agent: agent.id, agentGroups: agent.groups });
    await this.startWork(incident, agent, at + r.integer(1, 15) * MINUTE);
    await this.issue(incident, agent, at + 20 * MINUTE, 'AddIncidentWorkNote', {
      text: 'Reproduced the problem; analysing logs.',
    });
    // Functional escalation: a share turns out to belong to another group.
    if (r.chance(0.08)) {
      const other = r.pick(['network', 'applications', 'database'].filter((g) => g !== groupId));
      const escalateAt = afterWorkingMinutes(at, r.integer(30, 120));
      this.agenda.schedule(escalateAt, 'escalate', async () => {
        await this.issue(incident, agent, escalateAt, 'EscalateIncident', {
          escalation: { kind: 'functional', toGroup: other },
          reason: `root cause lies with ${other}`,
        });
        const next = afterWorkingMinutes(escalateAt, r.integer(10, 60));
        this.agenda.schedule(next, 'pick up after escalation', () => this.pickUp(incident, next, other));
      });
      return;
    }
    if (r.chance(0.15)) {
      const holdAt = afterWorkingMinutes(at, r.integer(20, 90));
      this.agenda.schedule(holdAt, 'on hold', () => this.awaitCaller(incident, holdAt));
      return;
    }
    if (r.chance(0.05)) {
      const holdAt = afterWorkingMinutes(at, r.integer(20, 90));
      this.agenda.schedule(holdAt, 'vendor', async () => {
        const held = await this.issue(incident, agent, holdAt, 'PutIncidentOnHold', {
          reason: 'awaiting-vendor',
          note: 'Vendor ticket opened.',
        });
        if (!held.ok) return;
        const back = afterWorkingMinutes(holdAt, r.integer(240, 1200));
        this.agenda.schedule(back, 'vendor answered', async () => {
          await this.issue(incident, agent, back, 'ResumeIncident');
          this.scheduleResolution(incident, back);
        });
      });
      return;
    }
    this.scheduleResolution(incident, at);
  }

  private async awaitCaller(incident: SimulatedIncident, at: number): Promise<void> {
    const r = this.random;
    const agent = incident.agent;
    if (!agent) return;
    const held = await this.issue(incident, agent, at, 'PutIncidentOnHold', {
      reason: 'awaiting-caller',
      note: 'Asked the caller for a screenshot.',
    });
    if (!held.ok) return;
    const reply = at + r.integer(1, 30) * HOUR;
    this.agenda.schedule(reply, 'caller replies', async () => {
      // The caller's reply resumes the incident automatically.
      await this.issue(incident, incident.caller, reply, 'AddIncidentComment', {
        text: 'Here is the screenshot you asked for.',
      });
      this.scheduleResolution(incident, reply);
    });
  }

  private scheduleResolution(incident: SimulatedIncident, from: number): void {
    const r = this.random;
    const effort = r.exponential(effortMinutes[incident.priority] ?? 600);
    const urgent = incident.priority <= 2;
    const at = urgent ? from + effort * MINUTE : afterWorkingMinutes(from, effort);
    this.agenda.schedule(at, 'resolve', () => this.resolve(incident, at));
  }

  private async resolve(incident: SimulatedIncident, at: number): Promise<void> {
    const r = this.random;
    const agent = incident.agent;
    if (!agent || incident.heldByProblem) return;
    // Where a knowledge article exists, agents apply its workaround half of the time (the knowledge-use metric).
    const article = this.knowledgeArticles.get(incident.service.id);
    const resolved = await this.issue(
      incident,
      agent,
      at,
      'ResolveIncident',
      article !== undefined && r.chance(0.5)
        ? {
            resolutionCode: 'solved-workaround',
            resolutionNotes: `Applied the workaround of knowledge article ${article}.`,
            resolvedChildren: [],
            knowledgeArticle: article,
          }
        : {
            resolutionCode: r.chance(0.8) ? 'solved-permanently' : 'solved-workaround',
            resolutionNotes: `Fixed the ${incident.service.name} problem and verified with the caller.`,
            resolvedChildren: [],
          },
    );
    if (!resolved.ok) return;
    incident.resolvedAt = at;
    const roll = r.next();
    if (roll < 0.55) {
      const confirmAt = at + r.integer(10, 20 * 60) * MINUTE;
      this.agenda.schedule(confirmAt, 'confirm', async () => {
        await this.issue(incident, incident.caller, confirmAt, 'ConfirmIncidentResolution');
      });
    } else if (roll < 0.6) {
      const rejectAt = at + r.integer(30, 8 * 60) * MINUTE;
      this.agenda.schedule(rejectAt, 'reject', async () => {
        const rejected = await this.issue(incident, incident.caller, rejectAt, 'RejectIncidentResolution', {
          reason: 'Still happening.',
        });
        if (rejected.ok) this.scheduleResolution(incident, rejectAt);
      });
    } else if (roll < 0.68 && incident.reopened === 0) {
      const reopenAt = at + r.integer(4, 48) * HOUR;
      this.agenda.schedule(reopenAt, 'reopen', async () => {
        const reopened = await this.issue(incident, incident.caller, reopenAt, 'ReopenIncident', {
          reason: 'The problem came back.',
        });
        if (!reopened.ok) return;
        incident.reopened++;
        // A reopened incident is back in progress with its agent.
        this.scheduleResolution(incident, afterWorkingMinutes(reopenAt, r.integer(10, 60)));
      });
    }
    // Otherwise the caller never answers and the auto-close process closes it.
  }

  private async autoClose(at: number): Promise<void> {
    for (const incident of this.incidents.values())
      if (incident.status === 'Resolved' && incident.resolvedAt !== undefined && at - incident.resolvedAt >= 3 * DAY)
        await this.issue(incident, processActor, at, 'AutoCloseIncident', {});
  }

  /** Puts an incident on hold awaiting a problem's fix (its agent does it); false when it cannot wait. */
  async holdForProblem(incident: SimulatedIncident, at: number): Promise<boolean> {
    if (!incident.agent || incident.status !== 'InProgress') return false;
    const held = await this.issue(incident, incident.agent, at, 'PutIncidentOnHold', {
      reason: 'awaiting-problem',
      note: 'Waiting for the fix of the linked problem.',
    });
    incident.heldByProblem = held.ok;
    return held.ok;
  }

  /** Takes note that the problem → incident process resolved an incident: the caller confirms later. */
  resolvedByProblem(incidentId: string, at: number, status: string): void {
    const incident = this.incidents.get(incidentId);
    if (!incident) return;
    incident.heldByProblem = false;
    incident.status = status;
    if (status !== 'Resolved') return;
    incident.resolvedAt = at;
    const confirmAt = at + this.random.integer(30, 20 * 60) * MINUTE;
    this.agenda.schedule(confirmAt, 'confirm', async () => {
      await this.issue(incident, incident.caller, confirmAt, 'ConfirmIncidentResolution');
    });
  }

  /** Incidents of a service logged so far (for problem management). */
  incidentsOf(serviceId: string): SimulatedIncident[] {
    return [...this.incidents.values()].filter((incident) => incident.service.id === serviceId);
  }
}
