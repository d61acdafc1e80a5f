/**
 * Deterministic, realistic synthetic ITSM histories for tests, the crash
 * test and the rebuild benchmark: incidents (logging, SLA attach,
 * assignment, holds, escalation, warnings and breaches, resolution with
 * knowledge, reopen, closure, cancellation) and changes, interleaved in time
 * order the way a service desk produces them; optionally problems (linked
 * incidents and changes, known errors raised, updated and retired,
 * resolutions, reanalysis, closures), decided by the domain's problem
 * decider. Seeded: the same seed gives the same history, and a history
 * without problems is the same as before problems could be generated.
 * Optionally ({@link SyntheticSettings.everySlaTargetKind}) the SLA policies
 * also set update intervals and OLA targets per assignment group, the
 * support gives public updates, resolutions are rejected, and warnings and
 * breaches of those targets are recorded; without it the history is the
 * same as before that option existed (the benchmark's cached history).
 */
import type { NewEvent } from '@itsm/event-store';
import { problemDesk } from './problem-desk.test-fixture.js';

/** One event to append, with its stream. */
export interface HistoryEvent {
  readonly streamId: string;
  readonly event: NewEvent;
  /** Epoch ms of `at` (for ordering). */
  readonly atMs: number;
}

/** A small seeded PRNG (mulberry32). */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const uuidFrom = (random: () => number): string => {
  const hex = () =>
    Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
};

/** What to generate. */
export interface SyntheticSettings {
  readonly seed: number;
  readonly incidents: number;
  readonly changes?: number;
  /** How many problems (default 0; they draw from the same seeded sequence after the incidents and changes). */
  readonly problems?: number;
  /** Epoch ms of the first event (default 2026-01-05T08:00:00Z). */
  readonly startMs?: number;
  /** Mean minutes between two incidents being logged (default 7). */
  readonly spacingMinutes?: number;
  /**
   * Every SLA target kind (default false): update intervals and OLA targets in the policies, public updates by
   * the support, `new-cycle` reopens and rejected resolutions, warnings and breaches of OLA and update-interval
   * targets. They draw from the seeded sequence only when set, so the default history does not change.
   */
  readonly everySlaTargetKind?: boolean;
}

const services = ['email', 'vpn', 'erp', 'payroll', 'website', 'printing'];
const groups = ['service-desk', 'network', 'apps', 'database', 'field-support'];
const agents = ['ann', 'bob', 'cyd', 'dee', 'eve', 'fay', 'gus', 'hal'];
const configurationItems = ['erp-db', 'erp-app', 'mail-gw', 'vpn-fw', 'core-switch', 'web-lb'];
const holdReasons = ['awaiting-caller', 'awaiting-change', 'awaiting-problem', 'awaiting-vendor'];
const channels = ['phone', 'email', 'self-service', 'chat', 'walk-in', 'monitoring'];
const matrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
];
const targetsByPriority: Record<number, { own: number; resolve: number }> = {
  1: { own: 15, resolve: 240 },
  2: { own: 30, resolve: 480 },
  3: { own: 60, resolve: 1440 },
  4: { own: 240, resolve: 4320 },
  5: { own: 480, resolve: 10080 },
};
const updateIntervalByPriority: Record<number, number> = { 1: 60, 2: 120, 3: 240, 4: 480, 5: 960 };
const olaTargets = [
  { group: 'service-desk', timeToResolveMinutes: 30 },
  { group: 'network', timeToResolveMinutes: 240 },
  { group: 'database', timeToResolveMinutes: 480 },
];

const office = [{ from: '08:00', to: '18:00' }];
const calendar = {
  name: 'Paris office hours',
  timeZone: 'Europe/Paris',
  weeklyHours: {
    monday: office,
    tuesday: office,
    wednesday: office,
    thursday: office,
    friday: office,
    saturday: [],
    sunday: [],
  },
  holidays: [
    { date: '2026-05-01', name: 'Labour Day' },
    { yearly: '12-25', name: 'Christmas' },
  ],
};

/** Generates a history: every event of every record, in time order. */
export const syntheticHistory = (settings: SyntheticSettings): HistoryEvent[] => {
  const everyKind = settings.everySlaTargetKind === true;
  const random = seededRandom(settings.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const out: HistoryEvent[] = [];
  let clock = settings.startMs ?? Date.parse('2026-01-05T08:00:00Z');
  const spacing = (settings.spacingMinutes ?? 7) * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  // The CMDB: the CIs changes and incidents name, two services on them, random relationships (cycles included).
  const cmdbStart = clock - 24 * 3_600_000;
  const ciEvent = (id: string, type: string, data: Record<string, unknown>, offset: number) => {
    const at = iso(cmdbStart + offset * 60_000);
    out.push({
      streamId: `configurationItem-${id}`,
      atMs: cmdbStart + offset * 60_000,
      event: {
        eventId: uuidFrom(random),
        type,
        data: { configurationItemId: id, ...data, at, by: 'cmdb' },
        metadata: { actor: 'cmdb', occurredAt: at, correlationId: `cmdb-${id}` },
      },
    });
  };
  const cmdbItems = [...configurationItems, 'svc-erp', 'svc-mail'];
  cmdbItems.forEach((id, index) =>
    ciEvent(
      id,
      'ConfigurationItemRegistered',
      {
        name: id,
        ciClass: id.startsWith('svc-') ? 'service' : pick(['application', 'database', 'server']),
        ownerGroup: pick(groups),
        attributes: {},
      },
      index,
    ),
  );
  for (let r = 0; r < 10; r++) {
    const source = pick(cmdbItems);
    const target = pick(cmdbItems);
    if (source === target) continue;
    const relationshipType = pick(['depends-on', 'runs-on', 'part-of', 'connected-to']);
    ciEvent(
      source,
      'ConfigurationItemRelationshipAdded',
      { relationshipType, targetId: target, targetClass: 'server' },
      20 + r,
    );
    if (chance(0.2))
      ciEvent(source, 'ConfigurationItemRelationshipRemoved', { relationshipType, targetId: target }, 40 + r);
  }
  for (const id of cmdbItems) if (chance(0.7)) ciEvent(id, 'ConfigurationItemPutIntoProduction', {}, 60);

  for (let i = 0; i < settings.incidents; i++) {
    clock += Math.floor(random() * 2 * spacing) + 1000;
    const incidentId = `INC${settings.seed}x${i}`;
    const streamId = `incident-${incidentId}`;
    const correlationId = `corr-${incidentId}`;
    let t = clock;
    const add = (type: string, by: string, data: Record<string, unknown>, minutes = 1 + random() * 60) => {
      t += Math.floor(minutes * 60_000);
      const at = iso(t);
      out.push({
        streamId,
        atMs: t,
        event: {
          eventId: uuidFrom(random),
          type,
          data: { incidentId, at, by, ...data },
          metadata: { actor: by, occurredAt: at, correlationId },
        },
      });
    };
    const slaAdd = (type: string, data: Record<string, unknown>) => {
      t += 60_000;
      const at = iso(t);
      out.push({
        streamId,
        atMs: t,
        event: {
          eventId: uuidFrom(random),
          type,
          data: { record: { category: 'incident', id: incidentId }, ...data, at, by: 'sla-deadlines' },
          metadata: { actor: 'sla-deadlines', occurredAt: at, correlationId },
        },
      });
    };
    const impact = 1 + Math.floor(random() * 3);
    const urgency = 1 + Math.floor(random() * 3);
    const priority = matrix[impact - 1]?.[urgency - 1] ?? 3;
    const service = pick(services);
    const caller = `user${Math.floor(random() * 500)}`;
    const desk = pick(agents);
    add(
      'IncidentLogged',
      desk,
      {
        caller,
        service,
        category: pick(['hardware', 'software', 'network', 'access']),
        impact,
        urgency,
        priority,
        channel: pick(channels),
        shortDescription: `Problem with ${service} #${i}`,
        description: `Caller ${caller} reports that ${service} does not work as expected.`,
        ...(chance(0.3) ? { configurationItem: pick(configurationItems) } : {}),
      },
      0,
    );
    if (chance(0.85)) {
      const targets = targetsByPriority[priority] ?? { own: 60, resolve: 1440 };
      const cumulative = chance(0.8);
      slaAdd('SlaAttached', {
        policy: {
          policyId: `sla-${service}`,
          policyVersion: 1,
          policyName: `${service} standard`,
          service,
          calendar,
          pausing: {
            timeToOwn: [],
            timeToResolve: ['OnHold:awaiting-caller', 'OnHold:awaiting-vendor'],
            updateInterval: everyKind ? ['OnHold:awaiting-caller'] : [],
          },
          warningThresholds: [50, 75, 90],
          reopenPolicy: cumulative ? 'cumulative' : everyKind && chance(0.5) ? 'new-cycle' : 'restart',
          baseline: {
            priority,
            targets: {
              timeToOwnMinutes: targets.own,
              timeToResolveMinutes: targets.resolve,
              ...(everyKind ? { updateIntervalMinutes: updateIntervalByPriority[priority] ?? 240 } : {}),
            },
            olaTargets: everyKind ? olaTargets : [],
          },
        },
      });
    }
    if (chance(0.1))
      add('IncidentPriorityChanged', desk, {
        impact,
        urgency,
        priority: Math.max(1, priority - 1),
        previousPriority: priority,
        reason: 'business impact',
        overridden: chance(0.5),
      });
    let group: string | undefined;
    if (chance(0.92)) {
      group = pick(groups);
      add('IncidentAssignedToGroup', desk, { group });
      if (chance(0.15)) {
        group = pick(groups);
        add('IncidentAssignedToGroup', desk, { group });
      }
    }
    if (group !== undefined && chance(0.8)) {
      const agent = pick(agents);
      add('IncidentAssignedToAgent', desk, { group, agent });
      if (chance(0.9)) add('IncidentWorkStarted', agent, {});
    }
    if (chance(0.4)) add('IncidentWorkNoteAdded', pick(agents), { text: 'checked the logs' });
    if (chance(0.3)) add('IncidentCommentAdded', caller, { text: 'any news?', byCaller: true });
    if (everyKind && chance(0.6)) add('IncidentCommentAdded', pick(agents), { text: 'working on it', byCaller: false });
    if (chance(0.2)) {
      add('IncidentPutOnHold', pick(agents), { reason: pick(holdReasons) }, 30);
      add('IncidentResumed', pick(agents), { automatic: chance(0.3) }, 30 + random() * 600);
    }
    if (chance(0.08)) {
      const toGroup = pick(groups);
      add('IncidentEscalated', pick(agents), { kind: 'functional', reason: 'needs specialists', toGroup });
      group = toGroup;
    }
    if (chance(0.05)) add('IncidentMajorDeclared', 'incident-manager', { reason: 'many users affected' });
    if (chance(0.3))
      slaAdd('SlaWarningReached', {
        target: 'time-to-resolve',
        threshold: 50,
        cycle: 1,
        baseline: 0,
        reachedAt: iso(t),
      });
    if (chance(0.08)) slaAdd('SlaBreached', { target: 'time-to-resolve', cycle: 1, baseline: 0, breachedAt: iso(t) });
    if (everyKind && group !== undefined && chance(0.3))
      slaAdd('SlaWarningReached', { target: `ola/${group}`, threshold: 75, cycle: 1, baseline: 0, reachedAt: iso(t) });
    if (everyKind && group !== undefined && chance(0.15))
      slaAdd('SlaBreached', { target: `ola/${group}`, cycle: 1, baseline: 0, breachedAt: iso(t) });
    if (everyKind && chance(0.15))
      slaAdd('SlaBreached', { target: 'update-interval/1', cycle: 1, baseline: 0, breachedAt: iso(t) });
    if (chance(0.04)) {
      add('IncidentCancelled', desk, { reason: 'duplicate' });
      continue;
    }
    if (!chance(0.8)) continue;
    const resolver = pick(agents);
    add(
      'IncidentResolved',
      resolver,
      {
        resolutionCode: pick(['solved-permanently', 'solved-workaround', 'solved-remotely']),
        resolutionNotes: 'fixed',
        resolvedChildren: [],
        ...(chance(0.25) ? { knowledgeArticle: `KB${Math.floor(random() * 40)}` } : {}),
      },
      10 + random() * 900,
    );
    if (chance(0.1)) {
      if (everyKind && chance(0.5)) add('IncidentResolutionRejected', caller, { reason: 'still broken' }, 60);
      else add('IncidentReopened', caller, { reason: 'still broken', reopenCount: 1 }, 60);
      if (everyKind && chance(0.5)) add('IncidentCommentAdded', resolver, { text: 'looking again', byCaller: false });
      add(
        'IncidentResolved',
        resolver,
        { resolutionCode: 'solved-permanently', resolutionNotes: 'fixed again', resolvedChildren: [] },
        120,
      );
    }
    if (chance(0.7)) add('IncidentClosed', caller, { closure: chance(0.6) ? 'confirmed' : 'auto-closed' }, 600);
  }

  for (let i = 0; i < (settings.changes ?? Math.floor(settings.incidents / 10)); i++) {
    const changeId = `CHG${settings.seed}x${i}`;
    const streamId = `change-${changeId}`;
    const base = settings.startMs ?? Date.parse('2026-01-05T08:00:00Z');
    let t = base + Math.floor(random() * Math.max(1, clock - base));
    const add = (type: string, by: string, data: Record<string, unknown>) => {
      t += Math.floor((1 + random() * 600) * 60_000);
      const at = iso(t);
      out.push({
        streamId,
        atMs: t,
        event: {
          eventId: uuidFrom(random),
          type,
          data: { changeId, at, by, ...data },
          metadata: { actor: by, occurredAt: at, correlationId: `corr-${changeId}` },
        },
      });
    };
    const changeType = chance(0.1) ? 'emergency' : chance(0.4) ? 'standard' : 'normal';
    // A few shared CIs, so planned windows of different changes overlap on them.
    const items = chance(0.5) ? [pick(configurationItems)] : [pick(configurationItems), pick(configurationItems)];
    add('ChangeRequested', pick(agents), {
      changeType,
      title: `Change ${i}`,
      description: 'upgrade',
      configurationItems: [...new Set(items)],
    });
    const window = (from: number) => {
      const start = from + Math.floor(random() * 7 * 24) * 3_600_000;
      return { plannedStart: iso(start), plannedEnd: iso(start + (1 + Math.floor(random() * 4)) * 3_600_000) };
    };
    if (chance(0.8)) add('ChangePlanned', pick(agents), window(t));
    if (chance(0.1)) {
      add('ChangeCancelled', pick(agents), { reason: 'not needed' });
      continue;
    }
    if (chance(0.6)) {
      add('ChangeAuthorizationRequested', pick(agents), { requiredApprovals: [] });
      if (chance(0.2)) add('ChangeRejected', 'cab', { group: 'cab', comment: 'not now' });
      else add('ChangeAuthorized', 'cab', { approvers: ['cab'] });
    }
    if (chance(0.5)) add('ChangeScheduled', pick(agents), window(t));
    if (chance(0.7)) add('ChangeImplementationStarted', pick(agents), { implementer: pick(agents) });
    const outcome = chance(0.85) ? 'successful' : chance(0.5) ? 'failed' : 'backed-out';
    add('ChangeImplemented', pick(agents), { outcome, notes: 'done' });
    if (chance(0.9)) add('ChangeClosed', 'change-manager', { outcome, closureNotes: 'closed' });
  }
  const problemsStart = settings.startMs ?? Date.parse('2026-01-05T08:00:00Z');
  const desk = problemDesk();
  const incidentIds = Array.from({ length: settings.incidents }, (_, i) => `INC${settings.seed}x${i}`);
  const changeIds = Array.from(
    { length: settings.changes ?? Math.floor(settings.incidents / 10) },
    (_, i) => `CHG${settings.seed}x${i}`,
  );
  for (let i = 0; i < (settings.problems ?? 0); i++) {
    const problemId = `PRB${settings.seed}x${i}`;
    const knownErrorId = `KE${settings.seed}x${i}`;
    let t = problemsStart + Math.floor(random() * Math.max(1, clock - problemsStart));
    const issue = (type: string, data: Record<string, unknown> = {}) => {
      t += Math.floor((1 + random() * 600) * 60_000);
      for (const decided of desk.issue(type, problemId, data, iso(t)))
        out.push({
          streamId: decided.streamId,
          atMs: t,
          event: { eventId: uuidFrom(random), type: decided.type, data: decided.data, metadata: decided.metadata },
        });
    };
    const knownErrorActive = () => desk.problem(problemId)?.knownError?.status === 'active';
    const content = (revision: number) => ({
      symptom: `Users see time-outs (${problemId}).`,
      rootCause: 'A connection pool too small for the peak load.',
      workaround: `Restart the pool (revision ${revision}).`,
      affectedCis: [pick(configurationItems), pick(configurationItems)],
    });
    const service = chance(0.8) ? pick(services) : undefined;
    issue('LogProblem', {
      title: `Recurring failures #${i}`,
      description: 'Several incidents with the same symptom.',
      impact: 1 + Math.floor(random() * 3),
      urgency: 1 + Math.floor(random() * 3),
      ...(service === undefined ? {} : { serviceId: service }),
      ...(chance(0.4) ? { affectedCis: [pick(configurationItems)] } : {}),
    });
    if (chance(0.85))
      issue('AssignProblem', { assignmentGroup: pick(groups), ...(chance(0.6) ? { assignee: pick(agents) } : {}) });
    const linked = new Set<string>();
    for (let k = Math.floor(random() * 4); k > 0 && incidentIds.length > 0; k--) {
      const incidentId = pick(incidentIds);
      if (linked.has(incidentId)) continue;
      linked.add(incidentId);
      issue('LinkProblemIncident', { incidentId });
    }
    const unlinked = [...linked][0];
    if (unlinked !== undefined && chance(0.2)) issue('UnlinkProblemIncident', { incidentId: unlinked });
    if (chance(0.1)) {
      issue(
        'CloseProblem',
        i === 0
          ? { closureCode: 'cancelled', closureNotes: 'Not a problem.' }
          : { closureCode: 'duplicate', closureNotes: 'Same cause.', duplicateOf: `PRB${settings.seed}x0` },
      );
      continue;
    }
    issue('StartProblemAssessment');
    if (chance(0.6)) issue('RaiseKnownError', { knownErrorId, content: content(1) });
    if (chance(0.1)) {
      issue('CloseProblem', { closureCode: 'cancelled', closureNotes: 'Not worth fixing.' });
      continue;
    }
    issue('StartRootCauseAnalysis');
    issue('RecordProblemRootCause', { rootCause: 'A connection pool too small for the peak load.' });
    const changeId = changeIds.length > 0 && chance(0.3) ? pick(changeIds) : undefined;
    if (changeId !== undefined) {
      issue('LinkProblemChange', { changeId });
      if (chance(0.2)) issue('UnlinkProblemChange', { changeId });
    }
    if (knownErrorActive() && chance(0.5)) issue('UpdateKnownError', { knownErrorId, content: content(2) });
    let resolution: 'fix-applied' | 'risk-accepted' = 'risk-accepted';
    if (chance(0.25))
      issue('ResolveProblem', { resolutionCode: resolution, resolutionNotes: 'The workaround is kept.' });
    else {
      issue('StartProblemFix', { fixPlan: 'Raise the pool size.' });
      if (chance(0.15)) continue;
      resolution = 'fix-applied';
      issue('ResolveProblem', { resolutionCode: resolution, resolutionNotes: 'Pool raised.' });
    }
    if (chance(0.15)) {
      issue('ReanalyseProblem', { reason: 'The incidents came back.' });
      resolution = 'risk-accepted';
      issue('ResolveProblem', { resolutionCode: resolution, resolutionNotes: 'The workaround is kept.' });
    }
    if (chance(0.2)) continue;
    if (knownErrorActive() && chance(0.15)) issue('RetireKnownError', { knownErrorId, reason: 'Superseded.' });
    issue('CloseProblem', { closureCode: resolution, closureNotes: 'Closed.' });
    // A risk-accepted problem keeps its known error in use: it is still updated and retired later.
    if (knownErrorActive() && chance(0.5)) issue('UpdateKnownError', { knownErrorId, content: content(3) });
    if (knownErrorActive() && chance(0.3)) issue('RetireKnownError', { knownErrorId, reason: 'No longer seen.' });
  }
  // Stable sort by time keeps each stream's own order (its times only increase).
  return out.sort((a, b) => a.atMs - b.atMs);
};
