/**
 * The clocks of the SLA read model: the rules of the domain's
 * `computeSlaClock` (see `@itsm/domain`, service-level/sla-clock.ts) applied
 * one SLA signal at a time to a small state per record, so the projection
 * stays incremental: an event costs the same whatever the record's history.
 *
 * The state holds the record's status (active, paused with a status and
 * reason, resolved, closed), the holding group, whether someone owns the
 * record, the cycle, the number of the current update interval, the
 * baseline in force, and the measurements that an event can still change:
 * time to own, time to resolve, the current update interval and the OLA of
 * every group that held the record in the current cycle. A measurement that
 * can no longer change (an update interval a public update met, the
 * measurements of an earlier cycle) leaves the state once its row is
 * written; only recorded warnings and breaches reach it afterwards, through
 * its row.
 *
 * Rules, as the domain's (docs/domain/sla.md, "Clock rules"): a target runs
 * while the record is active, or paused in a status its pausing rule does
 * not name (OLA targets follow `timeToResolve`), while it is not met, and —
 * for an OLA target — while its group holds the record. Resolution meets
 * every open target and pauses everything; closure or cancellation stops
 * everything (a group that had passed the record on met its OLA). Each
 * public update meets the current update interval and starts the next. An
 * OLA is met when its group passes the record on (it resumes, cumulatively
 * within the cycle, if the group gets the record back). Reopen: `cumulative`
 * resumes time to resolve and the OLA, and starts a new update interval;
 * `restart` supersedes the cycle's time to resolve, current update interval
 * and OLA and starts them afresh in a new cycle; `new-cycle` starts every
 * target afresh in a new cycle (time to own met at once when the record
 * still has an owner). Instants that go backwards are read as the latest
 * instant seen.
 *
 * Limits: the clocks start at the attachment (the domain starts them when
 * the record starts: the two agree when the SLA is attached as the record
 * is logged); a re-baseline applies to the measurements in the state, not
 * to update intervals already met or to earlier cycles.
 *
 * @module
 */
import {
  targetKindOf,
  targetMinutesOf,
  type SlaBaseline,
  type SlaSignal,
  type SlaTargetId,
  type SlaTargetKind,
} from '@itsm/domain';
import { periodOf } from './event-data.js';

/** The status of a record as its SLA clocks see it. */
export type SlaRecordStatus = 'active' | 'paused' | 'resolved' | 'closed';

/** How a measurement ended: met, or stopped by the record's closure or cancellation. */
export type MeasurementEnd = 'met' | 'stopped';

/**
 * What a measurement's row says about its result: `met`, `breached`,
 * `cancelled` (the record was cancelled before the target was met),
 * `stopped` (closed before it was met), `superseded` (a `restart` reopen
 * replaced it: reported, not counted), or null while it is open.
 */
export type SlaOutcome = 'met' | 'breached' | 'cancelled' | 'stopped' | 'superseded';

/** One target of one cycle, as the read model folds it. */
export interface Measurement {
  readonly target: string;
  readonly kind: SlaTargetKind;
  readonly cycle: number;
  /** The assignment group an OLA target measures (null for SLA targets). */
  readonly group: string | null;
  /** Epoch ms the measurement started. */
  readonly startedAt: number;
  /** Business milliseconds of the closed running segments. */
  elapsed: number;
  /** Epoch ms the current running segment started, or null when not running. */
  since: number | null;
  ended: MeasurementEnd | null;
  /** Epoch ms it ended, or null. */
  endedAt: number | null;
  superseded: boolean;
  /** The highest warning threshold recorded (`SlaWarningReached`), or null. */
  lastWarning: number | null;
  /** Whether `SlaBreached` was recorded for it. */
  breached: boolean;
  breachedAt: string | null;
  outcome: SlaOutcome | null;
  /** The month (`YYYY-MM`) its outcome counts in, once it has one. */
  period: string | null;
  /** Whether its row is in `sla_target`. */
  stored: boolean;
}

/** The SLA clock state of one record (stored as JSON in `sla_policy.state`). */
export interface RecordClocks {
  readonly recordType: string;
  readonly service: string | null;
  readonly policyId: string | null;
  readonly policyVersion: number | null;
  readonly attachedAt: string;
  baseline: SlaBaseline;
  status: SlaRecordStatus;
  /** Why the record was closed, once it is. */
  closedAs: 'closed' | 'cancelled' | null;
  pauseStatus: string | null;
  pauseReason: string | null;
  /** The assignment group holding the record, or null. */
  holder: string | null;
  owned: boolean;
  cycle: number;
  /** The number of the current update interval (from 1 in each cycle). */
  updateIndex: number;
  /** The latest instant seen (epoch ms). */
  last: number;
  own: Measurement | null;
  resolve: Measurement | null;
  update: Measurement | null;
  /** The OLA of every group that held the record in the current cycle, in the order they first held it. */
  ola: Measurement[];
}

/** Which record statuses pause which target (the policy's pausing rules). */
export interface PausingRules {
  readonly timeToOwn: readonly string[];
  readonly timeToResolve: readonly string[];
  readonly updateInterval: readonly string[];
}

/** What the rules of a record's clocks need besides its state. */
export interface ClockRules {
  readonly pausing: PausingRules;
  readonly reopenPolicy: string;
  /** Business milliseconds between two instants (epoch ms). */
  readonly between: (from: number, to: number) => number;
}

/** The record-level facts of an attachment. */
export interface Attachment {
  readonly recordType: string;
  readonly service: string | null;
  readonly policyId: string | null;
  readonly policyVersion: number | null;
  readonly attachedAt: string;
  readonly baseline: SlaBaseline;
}

const openMeasurement = (target: string, cycle: number, at: number, group: string | null = null): Measurement => ({
  target,
  kind: targetKindOf(target as SlaTargetId),
  cycle,
  group,
  startedAt: at,
  elapsed: 0,
  since: null,
  ended: null,
  endedAt: null,
  superseded: false,
  lastWarning: null,
  breached: false,
  breachedAt: null,
  outcome: null,
  period: null,
  stored: false,
});

/** The target duration in business milliseconds the baseline sets for a target, if it measures it. */
export const targetMillisecondsOf = (baseline: SlaBaseline, target: string): number | undefined => {
  const minutes = targetMinutesOf(baseline, target as SlaTargetId);
  return minutes === undefined ? undefined : minutes * 60_000;
};

/** The measurements an event can still change, in a stable order. */
export const liveMeasurements = (clocks: RecordClocks): Measurement[] => {
  const live: Measurement[] = [];
  if (clocks.own !== null) live.push(clocks.own);
  if (clocks.resolve !== null) live.push(clocks.resolve);
  if (clocks.update !== null) live.push(clocks.update);
  for (const measurement of clocks.ola) live.push(measurement);
  return live;
};

const matches = (conditions: readonly string[], status: string | null, reason: string | null): boolean =>
  conditions.some((condition) => condition === status || (reason !== null && condition === `${status}:${reason}`));

const shouldRun = (measurement: Measurement, clocks: RecordClocks, rules: ClockRules): boolean => {
  if (measurement.ended !== null || measurement.superseded) return false;
  if (clocks.status === 'paused') {
    const conditions =
      measurement.kind === 'time-to-own'
        ? rules.pausing.timeToOwn
        : measurement.kind === 'update-interval'
          ? rules.pausing.updateInterval
          : rules.pausing.timeToResolve;
    if (matches(conditions, clocks.pauseStatus, clocks.pauseReason)) return false;
  } else if (clocks.status !== 'active') return false;
  return measurement.kind !== 'ola' || measurement.group === clocks.holder;
};

/** Closes a running segment at `at`. */
const pause = (measurement: Measurement, at: number, rules: ClockRules): void => {
  if (measurement.since === null) return;
  measurement.elapsed += rules.between(measurement.since, at);
  measurement.since = null;
};

/** Starts or stops every live measurement as the rules say at `at`; the changed ones go into `touched`. */
const sync = (clocks: RecordClocks, at: number, rules: ClockRules, touched: Set<Measurement>): void => {
  for (const measurement of liveMeasurements(clocks)) {
    const run = shouldRun(measurement, clocks, rules);
    if (run && measurement.since === null) {
      measurement.since = at;
      touched.add(measurement);
    } else if (!run && measurement.since !== null) {
      pause(measurement, at, rules);
      touched.add(measurement);
    }
  }
};

const end = (
  measurement: Measurement | null,
  how: MeasurementEnd,
  at: number,
  rules: ClockRules,
  touched: Set<Measurement>,
): void => {
  if (measurement === null || measurement.ended !== null) return;
  // Closing the segment now is what the domain's sync does at the same instant; the measurement may leave the state.
  pause(measurement, at, rules);
  measurement.ended = how;
  measurement.endedAt = at;
  touched.add(measurement);
};

const nextUpdateInterval = (clocks: RecordClocks, at: number, touched: Set<Measurement>): void => {
  clocks.updateIndex += 1;
  clocks.update = openMeasurement(`update-interval/${clocks.updateIndex}`, clocks.cycle, at);
  touched.add(clocks.update);
};

const openOla = (clocks: RecordClocks, group: string, at: number, touched: Set<Measurement>): void => {
  if (clocks.ola.some((measurement) => measurement.group === group)) return;
  const measurement = openMeasurement(`ola/${group}`, clocks.cycle, at, group);
  clocks.ola.push(measurement);
  touched.add(measurement);
};

/** The clocks of a record an SLA was just attached to: the first cycle's targets start at `at`. */
export const startClocks = (
  attachment: Attachment,
  at: number,
  rules: ClockRules,
  touched: Set<Measurement>,
): RecordClocks => {
  // Every property written out: a spread followed by new properties makes V8 build a slow (dictionary) object.
  const clocks: RecordClocks = {
    recordType: attachment.recordType,
    service: attachment.service,
    policyId: attachment.policyId,
    policyVersion: attachment.policyVersion,
    attachedAt: attachment.attachedAt,
    baseline: attachment.baseline,
    status: 'active',
    closedAs: null,
    pauseStatus: null,
    pauseReason: null,
    holder: null,
    owned: false,
    cycle: 1,
    updateIndex: 0,
    last: at,
    own: openMeasurement('time-to-own', 1, at),
    resolve: openMeasurement('time-to-resolve', 1, at),
    update: null,
    ola: [],
  };
  touched.add(clocks.own as Measurement);
  touched.add(clocks.resolve as Measurement);
  nextUpdateInterval(clocks, at, touched);
  sync(clocks, at, rules, touched);
  return clocks;
};

/** The instant a signal is read at: never before the latest instant seen (a clock that jumped back). */
export const advance = (clocks: RecordClocks, at: number): number => {
  const instant = Math.max(clocks.last, at);
  clocks.last = instant;
  return instant;
};

const reopen = (clocks: RecordClocks, at: number, rules: ClockRules, touched: Set<Measurement>): void => {
  clocks.status = 'active';
  if (rules.reopenPolicy !== 'restart' && rules.reopenPolicy !== 'new-cycle') {
    for (const measurement of [clocks.resolve, ...clocks.ola])
      if (measurement !== null) {
        measurement.ended = null;
        measurement.endedAt = null;
        touched.add(measurement);
      }
    if (clocks.holder !== null) openOla(clocks, clocks.holder, at, touched);
    nextUpdateInterval(clocks, at, touched);
    return;
  }
  if (rules.reopenPolicy === 'restart')
    for (const measurement of [clocks.resolve, clocks.update, ...clocks.ola])
      if (measurement !== null) {
        measurement.superseded = true;
        touched.add(measurement);
      }
  clocks.cycle += 1;
  clocks.updateIndex = 0;
  clocks.ola = [];
  if (rules.reopenPolicy === 'new-cycle') {
    clocks.own = openMeasurement('time-to-own', clocks.cycle, at);
    touched.add(clocks.own);
    if (clocks.owned) end(clocks.own, 'met', at, rules, touched);
  }
  clocks.resolve = openMeasurement('time-to-resolve', clocks.cycle, at);
  touched.add(clocks.resolve);
  nextUpdateInterval(clocks, at, touched);
  if (clocks.holder !== null) openOla(clocks, clocks.holder, at, touched);
};

/**
 * Applies one SLA signal of the record's own life (not the SLA facts:
 * attachment, re-baseline, warnings and breaches are the projection's) at
 * `at` (epoch ms, already {@link advance}d); every measurement it changes
 * goes into `touched`, including those that leave the state.
 */
export const applySignal = (
  clocks: RecordClocks,
  signal: SlaSignal,
  at: number,
  rules: ClockRules,
  touched: Set<Measurement>,
): void => {
  const isOpen = clocks.status === 'active' || clocks.status === 'paused';
  switch (signal.kind) {
    case 'paused':
      if (!isOpen) break;
      clocks.status = 'paused';
      clocks.pauseStatus = signal.status;
      clocks.pauseReason = signal.reason ?? null;
      break;
    case 'resumed':
      if (clocks.status === 'paused') clocks.status = 'active';
      break;
    case 'owned':
      clocks.owned = true;
      if (isOpen) end(clocks.own, 'met', at, rules, touched);
      break;
    case 'disowned':
      clocks.owned = false;
      break;
    case 'updated':
      if (!isOpen) break;
      end(clocks.update, 'met', at, rules, touched);
      nextUpdateInterval(clocks, at, touched);
      break;
    case 'met':
      if (!isOpen) break;
      clocks.status = 'resolved';
      for (const measurement of liveMeasurements(clocks)) end(measurement, 'met', at, rules, touched);
      break;
    case 'reopened':
      if (clocks.status === 'resolved') reopen(clocks, at, rules, touched);
      break;
    case 'stopped':
      if (clocks.status === 'closed') break;
      clocks.status = 'closed';
      clocks.closedAs = signal.reason;
      // A group that passed the record on had met its OLA; every other open target just stops.
      for (const measurement of liveMeasurements(clocks))
        end(
          measurement,
          measurement.kind === 'ola' && measurement.group !== clocks.holder ? 'met' : 'stopped',
          at,
          rules,
          touched,
        );
      break;
    case 'group-changed':
      // A group that takes a resolved record starts its OLA only if the record is reopened.
      if (isOpen) openOla(clocks, signal.group, at, touched);
      // Releasing the record meets the previous group's OLA, taking it back reopens the new group's: their rows
      // change even when their clocks were not running (on hold).
      for (const measurement of clocks.ola)
        if (measurement.group === clocks.holder || measurement.group === signal.group) touched.add(measurement);
      clocks.holder = signal.group;
      break;
    default:
      // Started (the attachment starts this model's clocks), priority changes (targets move only with a
      // re-baseline) and the SLA facts do not change the clocks here.
      break;
  }
  sync(clocks, at, rules, touched);
};

/**
 * Settles a measurement's outcome and period from its state, as the domain
 * derives a target's status: breached when recorded, or when it ended (met,
 * released by its group, stopped) past its target; met, cancelled, stopped
 * or superseded otherwise; open (null) while it can still run. The period
 * is the month of `at` when the outcome appears (of the breach for a
 * recorded one), kept while there is one, cleared when it goes.
 */
export const settleOutcome = (
  measurement: Measurement,
  clocks: RecordClocks,
  targetMilliseconds: number,
  at: string,
): void => {
  const { elapsed } = measurement;
  const released =
    measurement.kind === 'ola' &&
    measurement.ended === null &&
    measurement.since === null &&
    measurement.group !== clocks.holder;
  const met = measurement.ended === 'met' || released;
  let outcome: SlaOutcome | null;
  if (measurement.superseded) outcome = 'superseded';
  else if (measurement.breached) outcome = 'breached';
  else if (met) outcome = elapsed > targetMilliseconds ? 'breached' : 'met';
  else if (measurement.ended === 'stopped' || clocks.status === 'closed')
    outcome =
      elapsed > targetMilliseconds || (elapsed === targetMilliseconds && elapsed > 0)
        ? 'breached'
        : clocks.closedAs === 'cancelled'
          ? 'cancelled'
          : 'stopped';
  else outcome = null;
  if (outcome === null) measurement.period = null;
  else if (measurement.outcome === null)
    measurement.period = periodOf(measurement.breached ? (measurement.breachedAt ?? at) : at);
  measurement.outcome = outcome;
};

/** The state of a measurement's clock for its row: `running`, `paused` or `stopped`. */
export const clockStateOf = (measurement: Measurement, clocks: RecordClocks): 'running' | 'paused' | 'stopped' =>
  measurement.since !== null
    ? 'running'
    : measurement.ended !== null || measurement.superseded || clocks.status === 'closed'
      ? 'stopped'
      : 'paused';
