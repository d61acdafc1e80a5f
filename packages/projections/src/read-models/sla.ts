/**
 * The SLA read model: one row per SLA or OLA target of a record —
 * `time-to-own`, `time-to-resolve`, each update interval between public
 * updates (`update-interval/<n>`) and each assignment group's OLA
 * (`ola/<group>`: how long the group held the record against its OLA
 * target) — with its clock (business time used, running, paused or
 * stopped, due time, next warning), warnings and breach as recorded by the
 * deadline process, and the outcome once there is one. Queries (see
 * `sla-queries.ts`): targets at risk, breached targets, compliance per
 * service, priority, target kind and month, and OLA compliance per
 * assignment group and month.
 *
 * The clocks follow the domain's rules (`computeSlaClock`): the events
 * become SLA signals through the domain's incident adapter
 * (`incidentSlaSignals`) and are folded one at a time over a small state per
 * record (`sla-clock-fold.ts`), kept in `sla_policy.state`: an event costs
 * the same whatever the record's history. The policy snapshot attached with
 * `SlaAttached` gives the business calendar (through the
 * {@link BusinessClockFactory}, by default the domain's business calendar
 * when given, else 24×7), the pausing rules (`OnHold`, `OnHold:<reason>`;
 * OLA targets follow time to resolve), the warning thresholds and the reopen
 * policy (`cumulative`, `restart`, `new-cycle`).
 *
 * Limits: the clocks start at the attachment (the domain measures from the
 * record's start: they agree when the SLA is attached as the record is
 * logged, as the demo does; an owner or holding group set before a later
 * attachment is not seen); one row per record and target id, so a reopen
 * that starts a new cycle replaces the earlier cycle's row of the same id
 * (the domain keeps both); a re-baseline applies to the measurements that
 * can still change (time to own, time to resolve, the current update
 * interval, the cycle's OLA), not to update intervals already met or to
 * earlier cycles; a breach recorded stays a breach (the domain recomputes
 * it: a target at exactly 100 % met at the instant its breach was recorded
 * is met there). Warnings and breaches are taken from the events the
 * deadline process recorded (they are the source of truth), the due and
 * warning times are this model's computation from the same history.
 * Incidents and service requests move the clocks, each through the
 * domain's adapter for its kind (`incidentSlaSignals`,
 * `serviceRequestSlaSignals`: approvals pause when the policy says so, a
 * task started or assigned to an agent owns the request, fulfilment meets
 * the targets); other records' SLA rows follow only the SLA facts.
 *
 * @module
 */
import type { RecordedEvent } from '@itsm/event-store';
import {
  SERVICE_REQUEST_CATEGORY,
  incidentSlaSignals,
  serviceRequestSlaSignals,
  type ServiceRequestEvent,
  type SlaBaseline,
  type SlaSignal,
} from '@itsm/domain';
import { rowProjection, type Row, type RowAccess, type RowProjectionDefinition } from '../row-projection.js';
import {
  dataOf,
  epochOf,
  numeric,
  occurredAt,
  periodOf,
  recordTypeOf,
  text,
  utc,
  type EventData,
} from './event-data.js';
import { slaEventTypes } from './event-types.js';
import {
  advance,
  applySignal,
  clockStateOf,
  liveMeasurements,
  settleOutcome,
  startClocks,
  targetMillisecondsOf,
  type ClockRules,
  type Measurement,
  type PausingRules,
  type RecordClocks,
} from './sla-clock-fold.js';
import { slaMigrations, slaPolicyTable, slaTargetTable } from './sla-tables.js';

export { olaCompliance, slaAtRisk, slaBreaches, slaCompliance } from './sla-queries.js';
export type { OlaComplianceRow, SlaComplianceRow } from './sla-queries.js';
export type { SlaDatabase, SlaPolicyTable, SlaTargetTable } from './sla-tables.js';

/** Business-time arithmetic of one calendar, on epoch milliseconds. */
export interface BusinessClock {
  /** Business milliseconds between two instants. */
  readonly between: (from: number, to: number) => number;
  /** The instant at which `duration` business milliseconds have passed since `start`. */
  readonly add: (start: number, duration: number) => number;
}

/** Builds the clock of a calendar definition (from an SLA policy snapshot); undefined for 24×7. */
export type BusinessClockFactory = (calendarDefinition: unknown) => BusinessClock | undefined;

/** Wall-clock time: every millisecond counts. */
export const wallClock: BusinessClock = {
  between: (from, to) => to - from,
  add: (start, duration) => start + duration,
};

// Most instants a row shows are the instants of recent events: remember their ISO form.
const isoCache = new Map<number, string>();
const iso = (ms: number): string => {
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size >= 4096) isoCache.clear();
    isoCache.set(ms, (text = new Date(ms).toISOString()));
  }
  return text;
};
const parseJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value !== 'string') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};
const objectOf = (value: unknown): EventData =>
  typeof value === 'object' && value !== null ? (value as EventData) : {};
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const ascending = (thresholds: unknown): number[] =>
  (Array.isArray(thresholds) ? thresholds : [])
    .filter((threshold): threshold is number => typeof threshold === 'number')
    .sort((a, b) => a - b);

/** The clocks of each factory, cached by calendar text (a factory is pure). */
const clockCaches = new WeakMap<BusinessClockFactory, Map<string, BusinessClock>>();
const clockOf = (factory: BusinessClockFactory, policy: Row): BusinessClock => {
  const calendar = typeof policy['calendar'] === 'string' ? policy['calendar'] : 'null';
  let clockCache = clockCaches.get(factory);
  if (clockCache === undefined) clockCaches.set(factory, (clockCache = new Map()));
  let clock = clockCache.get(calendar);
  if (clock === undefined) {
    clock = factory(parseJson<unknown>(calendar, null)) ?? wallClock;
    if (clockCache.size > 1000) clockCache.clear();
    clockCache.set(calendar, clock);
  }
  return clock;
};

/** A baseline as recorded (`SlaAttached`'s `policy.baseline`, `SlaRebaselined`), read defensively. */
const baselineOf = (data: EventData): SlaBaseline => {
  const targets = objectOf(data['targets']);
  const minutes: Record<string, number> = {};
  for (const field of ['timeToOwnMinutes', 'timeToResolveMinutes', 'updateIntervalMinutes']) {
    const value = numeric(targets, field);
    if (value !== null) minutes[field] = value;
  }
  const olaTargets = (Array.isArray(data['olaTargets']) ? data['olaTargets'] : []).flatMap((item: unknown) => {
    const ola = objectOf(item);
    const group = text(ola, 'group');
    const value = numeric(ola, 'timeToResolveMinutes');
    return group === null || value === null ? [] : [{ group, timeToResolveMinutes: value }];
  });
  return { priority: numeric(data, 'priority'), targets: minutes, olaTargets } as unknown as SlaBaseline;
};

const pausingOf = (value: unknown): PausingRules => {
  const pausing = objectOf(value);
  return {
    timeToOwn: strings(pausing['timeToOwn']),
    timeToResolve: strings(pausing['timeToResolve']),
    updateInterval: strings(pausing['updateInterval']),
  };
};

/**
 * A record's clock state being worked on in the current batch: the policy
 * row put by `evolve` holds the marker {@link WORKING} and its state lives
 * here, keyed by the row object (so concurrent batches share nothing); it
 * is serialised once, when the batch is written. A row read from the
 * database holds JSON text.
 */
interface Working {
  readonly clocks: RecordClocks;
  readonly rules: ClockRules;
  readonly clock: BusinessClock;
  /** The warning thresholds, ascending. */
  readonly thresholds: readonly number[];
}
const WORKING = '\u0000working';
const workingStates = new WeakMap<object, Working>();

const rulesOf = (policy: Row, pausing: unknown, clock: BusinessClock): ClockRules => ({
  pausing: pausingOf(pausing),
  reopenPolicy: String(policy['reopen_policy']),
  between: clock.between,
});

/** The working state of a policy row read from the database. */
const workingOf = (policy: Row, factory: BusinessClockFactory): Working | undefined => {
  const clocks = parseJson<RecordClocks | null>(policy['state'], null);
  if (clocks === null) return undefined;
  const clock = clockOf(factory, policy);
  return {
    clocks,
    rules: rulesOf(policy, parseJson<unknown>(policy['pausing'], {}), clock),
    clock,
    thresholds: ascending(parseJson<unknown>(policy['warning_thresholds'], [])),
  };
};

/** The row of a measurement: its clock, due time and next warning when running, its outcome. */
const targetRow = (
  recordId: string,
  measurement: Measurement,
  targetMs: number,
  working: Working,
  position: number,
): Row => {
  const { clocks, clock, thresholds } = working;
  const since = measurement.since;
  let due: string | null = null;
  let nextWarningAt: string | null = null;
  let nextThreshold: number | null = null;
  if (since !== null) {
    due = iso(clock.add(since, targetMs - measurement.elapsed));
    const last = measurement.lastWarning ?? 0;
    const next = measurement.breached ? undefined : thresholds.find((threshold) => threshold > last);
    if (next !== undefined) {
      nextWarningAt = iso(clock.add(since, (targetMs * next) / 100 - measurement.elapsed));
      nextThreshold = next;
    }
  }
  return {
    record_id: recordId,
    target: measurement.target,
    kind: measurement.kind,
    assignment_group: measurement.group,
    record_type: clocks.recordType,
    service: clocks.service,
    priority: (clocks.baseline.priority as number | null) ?? null,
    policy_id: clocks.policyId,
    policy_version: clocks.policyVersion,
    target_minutes: targetMs / 60_000,
    cycle: measurement.cycle,
    state: clockStateOf(measurement, clocks),
    attached_at: clocks.attachedAt,
    started_at: iso(measurement.startedAt),
    elapsed_ms: measurement.elapsed,
    running_since: since === null ? null : iso(since),
    due_at: due,
    next_warning_at: nextWarningAt,
    next_warning_threshold: nextThreshold,
    last_warning: measurement.lastWarning,
    breached: measurement.breached ? 1 : 0,
    breached_at: measurement.breachedAt,
    stopped_at: measurement.endedAt === null ? null : iso(measurement.endedAt),
    outcome: measurement.outcome,
    period: measurement.period,
    position,
  };
};

/** Writes a measurement's row (settling its outcome), or removes it when the baseline in force does not measure it. */
const writeMeasurement = (
  rows: RowAccess,
  recordId: string,
  measurement: Measurement,
  working: Working,
  at: string,
  position: number,
): void => {
  const targetMs = targetMillisecondsOf(working.clocks.baseline, measurement.target);
  if (targetMs === undefined) {
    // Not measured under the baseline in force (e.g. a group without an OLA target): tracked, not shown.
    if (measurement.stored) rows.remove('sla_target', [recordId, measurement.target]);
    measurement.stored = false;
    return;
  }
  settleOutcome(measurement, working.clocks, targetMs, at);
  rows.put('sla_target', targetRow(recordId, measurement, targetMs, working, position));
  measurement.stored = true;
};

/**
 * A warning or breach of a measurement that left the state, applied to its
 * row (such a measurement has ended: it has no due time or next warning).
 */
const recordOnRow = (row: Row, event: RecordedEvent, threshold: number | null, at: string): Row => {
  if (event.type !== 'SlaBreached')
    return {
      ...row,
      last_warning: Math.max(row['last_warning'] === null ? 0 : Number(row['last_warning']), threshold ?? 0),
      position: event.globalPosition,
    };
  const breachedAt = utc(dataOf(event)['breachedAt']) ?? at;
  return {
    ...row,
    breached: 1,
    breached_at: breachedAt,
    outcome: row['outcome'] === 'superseded' ? 'superseded' : 'breached',
    period: row['period'] ?? periodOf(breachedAt),
    position: event.globalPosition,
  };
};

/** The service request events that move SLA clocks (the submission comes before the attachment, which starts them). */
const serviceRequestSignalEventTypes: readonly string[] = [
  'ServiceRequestApprovalRequested',
  'ServiceRequestApproved',
  'FulfilmentTaskAssigned',
  'FulfilmentTaskStarted',
  'ServiceRequestFulfilled',
  'ServiceRequestRejected',
  'ServiceRequestClosedIncomplete',
  'ServiceRequestCancelled',
];

/** The SLA signals of a record's own event, through the domain's adapter for its kind of record. */
const recordSignalsOf = (event: RecordedEvent): readonly SlaSignal[] =>
  recordTypeOf(event.streamId) === SERVICE_REQUEST_CATEGORY
    ? // The store decoded the data with the domain's codec for this type.
      serviceRequestSlaSignals({ type: event.type, data: event.data } as ServiceRequestEvent)
    : incidentSlaSignals({ type: event.type, data: event.data });

const isLive = (measurement: Measurement, clocks: RecordClocks): boolean =>
  measurement === clocks.own ||
  measurement === clocks.resolve ||
  measurement === clocks.update ||
  clocks.ola.includes(measurement);

/** Builds the SLA projection's definition with a business-clock factory. */
export const slaDefinitionWith = (clockFactory: BusinessClockFactory): RowProjectionDefinition => {
  const evolve = (rows: RowAccess, event: RecordedEvent): void => {
    const id = event.streamId;
    const data = dataOf(event);
    const policy = rows.get('sla_policy', [id]);
    const touched = new Set<Measurement>();
    let working: Working | undefined;
    let policyRow: Row;
    if (policy === undefined) {
      if (event.type !== 'SlaAttached') return;
      const snapshot = objectOf(data['policy']);
      policyRow = {
        record_id: id,
        calendar: JSON.stringify(snapshot['calendar'] ?? null),
        pausing: JSON.stringify(snapshot['pausing'] ?? {}),
        warning_thresholds: JSON.stringify(snapshot['warningThresholds'] ?? [50, 75, 90]),
        reopen_policy: text(snapshot, 'reopenPolicy') ?? 'cumulative',
        hold_reason: null,
        state: WORKING,
      };
      const attachedAt = utc(data['at']) ?? occurredAt(event);
      const clock = clockOf(clockFactory, policyRow);
      const rules = rulesOf(policyRow, snapshot['pausing'], clock);
      const clocks = startClocks(
        {
          recordType: text(objectOf(data['record']), 'category') ?? 'incident',
          service: text(snapshot, 'service'),
          policyId: text(snapshot, 'policyId'),
          policyVersion: numeric(snapshot, 'policyVersion'),
          attachedAt,
          baseline: baselineOf(objectOf(snapshot['baseline'])),
        },
        epochOf(attachedAt) ?? 0,
        rules,
        touched,
      );
      working = { clocks, rules, clock, thresholds: ascending(snapshot['warningThresholds'] ?? [50, 75, 90]) };
    } else {
      working = policy['state'] === WORKING ? workingStates.get(policy) : workingOf(policy, clockFactory);
      if (working === undefined) return;
      policyRow = policy;
    }
    const { clocks, rules } = working;

    switch (event.type) {
      case 'SlaAttached':
        // The first attachment measures the record (a record carries one); a repeated one changes nothing.
        advance(clocks, epochOf(data['at']) ?? clocks.last);
        break;
      case 'SlaWarningReached':
      case 'SlaBreached': {
        advance(clocks, epochOf(data['at']) ?? clocks.last);
        const target = text(data, 'target') ?? '';
        const cycle = numeric(data, 'cycle');
        const threshold = numeric(data, 'threshold');
        const breach = event.type === 'SlaBreached';
        if (!breach && threshold === null) break;
        const live = liveMeasurements(clocks).find(
          (measurement) => measurement.target === target && (cycle === null || measurement.cycle === cycle),
        );
        if (live !== undefined) {
          if (breach) {
            live.breached = true;
            live.breachedAt = utc(data['breachedAt']) ?? occurredAt(event);
          } else live.lastWarning = Math.max(live.lastWarning ?? 0, threshold as number);
          touched.add(live);
          break;
        }
        // A measurement that left the state (an update interval met, an earlier cycle): its row is its record.
        const row = rows.get('sla_target', [id, target]);
        if (row !== undefined && (cycle === null || Number(row['cycle']) === cycle))
          rows.put('sla_target', recordOnRow(row, event, threshold, occurredAt(event)));
        break;
      }
      case 'SlaRebaselined':
        advance(clocks, epochOf(data['at']) ?? clocks.last);
        clocks.baseline = baselineOf(data);
        for (const measurement of liveMeasurements(clocks)) touched.add(measurement);
        break;
      default:
        for (const signal of recordSignalsOf(event))
          applySignal(clocks, signal, advance(clocks, epochOf(signal.at) ?? clocks.last), rules, touched);
    }

    if (touched.size > 0) {
      const at = occurredAt(event);
      // Measurements that left the state first: a new one with the same target id (a new cycle) replaces their row.
      for (const measurement of touched)
        if (!isLive(measurement, clocks)) writeMeasurement(rows, id, measurement, working, at, event.globalPosition);
      for (const measurement of touched)
        if (isLive(measurement, clocks)) writeMeasurement(rows, id, measurement, working, at, event.globalPosition);
    }
    const next: Row = {
      ...policyRow,
      hold_reason: clocks.status === 'paused' ? clocks.pauseReason : null,
      state: WORKING,
    };
    workingStates.set(next, working);
    rows.put('sla_policy', next);
  };
  return {
    name: 'sla',
    // 2: every target kind (update intervals, OLA), the domain's clock rules, the clock state in `sla_policy.state`,
    // service requests' own events.
    version: 2,
    handles: [
      ...slaEventTypes,
      'IncidentAssignedToGroup',
      'IncidentAssignedToAgent',
      'IncidentWorkStarted',
      'IncidentCommentAdded',
      'IncidentPutOnHold',
      'IncidentResumed',
      'IncidentResolved',
      'IncidentReopened',
      'IncidentResolutionRejected',
      'IncidentCancelled',
      'IncidentClosed',
      ...serviceRequestSignalEventTypes,
    ],
    tables: [slaTargetTable, slaPolicyTable],
    migrations: slaMigrations,
    reads: (event) => {
      const refs = [{ table: 'sla_policy', key: [event.streamId] }];
      // A warning or breach of a measurement that left the state is applied to its row.
      if (event.type === 'SlaWarningReached' || event.type === 'SlaBreached')
        refs.push({ table: 'sla_target', key: [event.streamId, text(dataOf(event), 'target') ?? ''] });
      return refs;
    },
    evolve,
    serialize: (table, row) => {
      if (table !== 'sla_policy' || row['state'] !== WORKING) return row;
      const working = workingStates.get(row);
      return { ...row, state: working === undefined ? null : JSON.stringify(working.clocks) };
    },
  };
};

/** The SLA projection definition on wall-clock time (use {@link slaDefinitionWith} for business calendars). */
export const slaDefinition: RowProjectionDefinition = slaDefinitionWith(() => undefined);

/** The SLA projection (wall-clock time; see {@link slaProjectionWith}). */
export const slaProjection = rowProjection(slaDefinition);

/** The SLA projection with business calendars (e.g. the domain's `createBusinessCalendar`). */
export const slaProjectionWith = (clockFactory: BusinessClockFactory) => rowProjection(slaDefinitionWith(clockFactory));
