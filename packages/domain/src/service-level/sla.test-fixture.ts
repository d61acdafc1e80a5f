/**
 * Fixtures for the service-level tests: calendars, policy snapshots and
 * incident event builders (the shapes the incident adapter reads).
 *
 * @module
 */
import type { Actor } from '../shared/actor.js';
import type { CommandMetadata } from '../shared/command-metadata.js';
import type { GroupId, ServiceId, SlaPolicyId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/instant.js';
import type { Priority } from '../shared/priority.js';
import type { ShortText } from '../shared/text.js';
import type { BusinessCalendarDefinition, TimeOfDay, WorkingRange } from './business-calendar-definition.js';
import { twentyFourSevenCalendarDefinition } from './business-calendar-definition.js';
import type { SlaSourceEvent } from './incident-sla-signals.js';
import type { SlaBaseline, SlaPolicySnapshot, TargetMinutes, WarningThreshold } from './sla-policy-snapshot.js';
import type { SlaEvent, SlaRecordReference } from './sla-record.js';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

const range = (from: string, to: string): WorkingRange => ({ from: from as TimeOfDay, to: to as TimeOfDay });
const office = [range('08:00', '17:00')];

/** Mon–Fri 08:00–17:00 Europe/Berlin; Good Friday 2026 and Christmas Day off. */
export const berlinOfficeHours: BusinessCalendarDefinition = {
  name: 'berlin-office' as ShortText,
  timeZone: 'Europe/Berlin',
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
    { date: '2026-04-03', name: 'Good Friday' as ShortText },
    { yearly: '12-25', name: 'Christmas Day' as ShortText },
  ],
};

export const minutes = (value: number): TargetMinutes => value as TargetMinutes;
export const instant = (value: string): Instant => value as Instant;

export const baselineOf = (
  priority: Priority,
  resolve?: number,
  own?: number,
  update?: number,
  ola: Record<string, number> = {},
): SlaBaseline => ({
  priority,
  targets: {
    ...(own === undefined ? {} : { timeToOwnMinutes: minutes(own) }),
    ...(resolve === undefined ? {} : { timeToResolveMinutes: minutes(resolve) }),
    ...(update === undefined ? {} : { updateIntervalMinutes: minutes(update) }),
  },
  olaTargets: Object.entries(ola).map(([group, value]) => ({
    group: group as GroupId,
    timeToResolveMinutes: minutes(value),
  })),
});

export const snapshot = (overrides: Partial<SlaPolicySnapshot> = {}): SlaPolicySnapshot => ({
  policyId: 'office-sla' as SlaPolicyId,
  policyVersion: 1,
  policyName: 'Office hours SLA' as ShortText,
  service: 'email' as ServiceId,
  calendar: berlinOfficeHours,
  pausing: { timeToOwn: [], timeToResolve: ['OnHold'], updateInterval: [] },
  warningThresholds: [50, 75, 90] as WarningThreshold[],
  reopenPolicy: 'cumulative',
  baseline: baselineOf(3, 1080, 120, undefined, { 'service-desk': 60, network: 540 }),
  ...overrides,
});

export const twentyFourSeven = twentyFourSevenCalendarDefinition;

export const record: SlaRecordReference = { category: 'incident', id: 'INC-1' };
export const agent = 'agent-1' as UserId;

/** Incident events as the adapter reads them. */
export const incident = {
  logged: (at: string, priority: Priority = 3): SlaSourceEvent => ({
    type: 'IncidentLogged',
    data: { incidentId: record.id, at, by: agent, service: 'email', impact: 2, urgency: 2, priority },
  }),
  toGroup: (at: string, group: string): SlaSourceEvent => ({
    type: 'IncidentAssignedToGroup',
    data: { incidentId: record.id, at, by: agent, group },
  }),
  toAgent: (at: string, group: string): SlaSourceEvent => ({
    type: 'IncidentAssignedToAgent',
    data: { incidentId: record.id, at, by: agent, group, agent },
  }),
  comment: (at: string, byCaller = false): SlaSourceEvent => ({
    type: 'IncidentCommentAdded',
    data: { incidentId: record.id, at, by: agent, text: 'update', byCaller },
  }),
  workNote: (at: string): SlaSourceEvent => ({
    type: 'IncidentWorkNoteAdded',
    data: { incidentId: record.id, at, by: agent, text: 'note' },
  }),
  onHold: (at: string, reason = 'awaiting-caller'): SlaSourceEvent => ({
    type: 'IncidentPutOnHold',
    data: { incidentId: record.id, at, by: agent, reason },
  }),
  resumed: (at: string): SlaSourceEvent => ({
    type: 'IncidentResumed',
    data: { incidentId: record.id, at, by: agent, automatic: false },
  }),
  resolved: (at: string): SlaSourceEvent => ({
    type: 'IncidentResolved',
    data: {
      incidentId: record.id,
      at,
      by: agent,
      resolutionCode: 'solved-permanently',
      resolutionNotes: 'fixed',
      resolvedChildren: [],
    },
  }),
  reopened: (at: string, reopenCount = 1): SlaSourceEvent => ({
    type: 'IncidentReopened',
    data: { incidentId: record.id, at, by: agent, reason: 'not fixed', reopenCount },
  }),
  closed: (at: string): SlaSourceEvent => ({
    type: 'IncidentClosed',
    data: { incidentId: record.id, at, by: agent, closure: 'confirmed' },
  }),
  cancelled: (at: string): SlaSourceEvent => ({
    type: 'IncidentCancelled',
    data: { incidentId: record.id, at, by: agent, reason: 'duplicate' },
  }),
  priorityChanged: (at: string, priority: Priority, previousPriority: Priority): SlaSourceEvent => ({
    type: 'IncidentPriorityChanged',
    data: {
      incidentId: record.id,
      at,
      by: agent,
      impact: 1,
      urgency: 1,
      priority,
      previousPriority,
      reason: 'business impact',
      overridden: false,
    },
  }),
};

/** SLA events on the same stream. */
export const sla = {
  attached: (at: string, policy: SlaPolicySnapshot = snapshot()): SlaEvent => ({
    type: 'SlaAttached',
    data: { record, policy, at: instant(at), by: agent },
  }),
  rebaselined: (at: string, baseline: number, next: SlaBaseline, previousPriority: Priority): SlaEvent => ({
    type: 'SlaRebaselined',
    data: {
      record,
      baseline,
      ...next,
      previousPriority,
      reason: 'priority changed' as ShortText,
      at: instant(at),
      by: agent,
    },
  }),
};

export const processActor: Actor = { id: 'sla-process' as UserId, roles: ['process'], groups: [] };
export const agentActor: Actor = { id: agent, roles: ['resolver'], groups: [] };

export const metadataAt = (at: string, actor: Actor = processActor, commandId?: string): CommandMetadata => ({
  actor,
  occurredAt: instant(at),
  correlationId: 'test' as ShortText,
  ...(commandId === undefined ? {} : { commandId: commandId as ShortText }),
});
