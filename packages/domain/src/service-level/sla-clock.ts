/**
 * The SLA clock: a pure function from a record's SLA signals (its events,
 * through an adapter), the policy and calendar, and "now" to the state of
 * each target — running, paused, met, breached or stopped — with elapsed and
 * remaining business time, the due instant, the breach instant and the
 * warning thresholds crossed. Nothing is stored: the clocks are recomputed
 * from history whenever they are needed, so they are always explainable and
 * a policy change can be replayed ("repaired").
 *
 * Rules (see docs/domain/sla.md):
 * - Clocks start when the record starts; a target runs while the record is
 *   open, not in a status its pausing rule names, not yet met, and (OLA) while
 *   its group holds the record. Resolved pauses everything; closed or
 *   cancelled stops everything.
 * - Time to own is met by the first owner (or by the resolution); an update
 *   interval is met by each public update, which starts the next interval;
 *   time to resolve is met by the resolution.
 * - Reopen: `cumulative` resumes time to resolve with the time already used
 *   (the time spent resolved never counts) and starts a new update interval;
 *   `restart` starts a new cycle for time to resolve, update intervals and
 *   OLA (the earlier cycle's measurements are superseded; time to own stays
 *   met); `new-cycle` starts a new cycle of every target, the earlier cycle
 *   kept as its own result.
 * - A priority change does not move targets by itself: targets change with
 *   an explicit re-baseline (`SlaRebaselined`), which replaces the target
 *   durations for the elapsed time already counted; until then the clock
 *   reports `rebaselineDue`.
 * - A target at exactly 100 % is met if it was met then, breached if it was
 *   still open; warnings count from their threshold inclusive.
 * - Signal instants that go backwards (a clock jump) are read as the latest
 *   instant seen so far, and "now" earlier than the last signal is read as
 *   that signal's instant, so elapsed time never runs backwards.
 *
 * Cost: linear in the signals, plus a few binary searches per target and
 * threshold; independent of the days spanned (see `business-calendar.ts`).
 *
 * @module
 */
import type { Instant } from '../shared/instant.js';
import type { Priority } from '../shared/priority.js';
import { createBusinessCalendar, type BusinessCalendar } from './business-calendar.js';
import { epochMillisecondsOf, instantOfEpochMilliseconds } from './epoch-time.js';
import {
  targetKindOf,
  targetMinutesOf,
  type PauseCondition,
  type SlaBaseline,
  type SlaPolicySnapshot,
  type SlaTargetId,
  type SlaTargetKind,
} from './sla-policy-snapshot.js';
import { slaBaselineFor, slaPolicySnapshotFor, type SlaPolicy } from './sla-policy.js';
import type { SlaSignal } from './sla-signals.js';
import { slaMeasurementKey } from './sla-record.js';
import type { ServiceId } from '../shared/ids.js';

const MINUTE = 60_000;

/** The state of one target. */
export type SlaTargetStatus = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

/** A warning threshold a target has crossed. */
export interface SlaWarningCrossed {
  readonly threshold: number;
  /** When the business time used reached the threshold. */
  readonly reachedAt: Instant;
  /** Whether `SlaWarningReached` for it is in the history. */
  readonly recorded: boolean;
}

/** The clock of one target of one cycle. */
export interface SlaTargetClock {
  readonly target: SlaTargetId;
  readonly kind: SlaTargetKind;
  /** `ola` for group targets, `sla` for the rest. */
  readonly agreement: 'sla' | 'ola';
  readonly cycle: number;
  /** The baseline the target duration comes from (0: attached, then +1 per re-baseline). */
  readonly baselineNumber: number;
  readonly targetMilliseconds: number;
  readonly status: SlaTargetStatus;
  /** Whether business time is counting right now. */
  readonly clock: 'running' | 'paused' | 'stopped';
  readonly startedAt: Instant;
  readonly elapsedMilliseconds: number;
  readonly remainingMilliseconds: number;
  /** Business time used, in percent of the target (may exceed 100). */
  readonly percentUsed: number;
  /** When the target runs out if the clock keeps running (running targets, and breached ones: the breach). */
  readonly dueAt: Instant | undefined;
  readonly breachedAt: Instant | undefined;
  /** When the target was met (or stopped). */
  readonly endedAt: Instant | undefined;
  readonly warnings: readonly SlaWarningCrossed[];
  /** Whether `SlaBreached` for it is in the history. */
  readonly breachRecorded: boolean;
  /** True for measurements a `restart` reopen replaced. */
  readonly superseded: boolean;
}

/** The SLA clocks of one record at one instant. */
export interface SlaClock {
  /** Whether a policy measures the record (attached, or given for a repair). */
  readonly attached: boolean;
  readonly policy: SlaPolicySnapshot | undefined;
  readonly baselineNumber: number;
  readonly baseline: SlaBaseline | undefined;
  /** The record's current priority (from its signals). */
  readonly priority: Priority | undefined;
  /** The record's service (from its signals). */
  readonly service: string | undefined;
  /** True when the record's priority differs from the baseline's: a re-baseline is due. */
  readonly rebaselineDue: boolean;
  readonly cycle: number;
  readonly recordStatus: 'not-started' | 'active' | 'paused' | 'resolved' | 'closed';
  /** The instant the clocks were read at (never before the last signal). */
  readonly asOf: Instant;
  /** The targets of every cycle, measured under the current baseline. */
  readonly targets: readonly SlaTargetClock[];
}

/** How to compute a clock: replay with the recorded policy (default) or with another policy (repair). */
export interface SlaClockOptions {
  /**
   * Measures with this policy instead of the recorded one: the attachment's
   * and each re-baseline's targets are chosen afresh from it, with its calendar.
   */
  readonly policy?: SlaPolicy;
}

interface Measurement {
  readonly target: SlaTargetId;
  readonly kind: SlaTargetKind;
  readonly cycle: number;
  readonly startedAt: number;
  readonly group: string | undefined;
  elapsed: number;
  runningSince: number;
  readonly starts: number[];
  readonly lengths: number[];
  ended: 'met' | 'stopped' | undefined;
  endedAt: number;
  superseded: boolean;
}

const matches = (conditions: readonly PauseCondition[], status: string, reason: string | undefined): boolean =>
  conditions.some((condition) => condition === status || (reason !== undefined && condition === `${status}:${reason}`));

const policyOf = (signals: readonly SlaSignal[], override: SlaPolicy | undefined): SlaPolicySnapshot | undefined => {
  let attached: SlaPolicySnapshot | undefined;
  let started: { service: string; priority: Priority } | undefined;
  for (const signal of signals) {
    if (signal.kind === 'sla-attached' && attached === undefined) attached = signal.policy;
    if (signal.kind === 'started' && started === undefined) started = signal;
  }
  if (override === undefined) return attached;
  // A repair measures with the new policy, for the priority the record had when it was attached.
  const service = (attached?.service ?? started?.service) as ServiceId | undefined;
  const priority = attached?.baseline.priority ?? started?.priority;
  if (service === undefined || priority === undefined) return undefined;
  return slaPolicySnapshotFor(override, service, priority);
};

const calendarOf = (policy: SlaPolicySnapshot, override: SlaPolicy | undefined): BusinessCalendar => {
  if (override !== undefined) return override.calendar;
  const calendar = createBusinessCalendar(policy.calendar);
  // SlaAttached is only decided for a valid calendar; an invalid one in history is a bug or a tampered log.
  if (calendar._tag === 'Left')
    throw new Error(`SLA policy ${policy.policyId} has an invalid calendar: ${calendar.left._tag}`);
  return calendar.right;
};

/** Computes the SLA clocks of a record from its signals (stream order) at `now`. */
export const computeSlaClock = (
  signals: readonly SlaSignal[],
  now: Instant,
  options: SlaClockOptions = {},
): SlaClock => {
  const override = options.policy;
  const policy = policyOf(signals, override);
  let nowMs = epochMillisecondsOf(now);
  if (policy === undefined) {
    let priority: Priority | undefined;
    let service: string | undefined;
    for (const signal of signals) {
      if (signal.kind === 'started' && service === undefined) ({ priority, service } = signal);
      if (signal.kind === 'priority-changed') priority = signal.priority;
      nowMs = Math.max(nowMs, epochMillisecondsOf(signal.at));
    }
    return {
      attached: false,
      policy: undefined,
      baselineNumber: 0,
      baseline: undefined,
      priority,
      service,
      rebaselineDue: false,
      cycle: 1,
      recordStatus: service === undefined ? 'not-started' : 'active',
      asOf: instantOfEpochMilliseconds(nowMs),
      targets: [],
    };
  }
  const calendar = calendarOf(policy, override);
  const between = calendar.businessMillisecondsBetween;
  const { pausing } = policy;

  let baseline = policy.baseline;
  let baselineNumber = 0;
  let status: SlaClock['recordStatus'] = 'not-started';
  let pausedStatus = '';
  let pausedReason: string | undefined;
  let holder: string | undefined;
  let owned = false;
  let cycle = 1;
  let updateIndex = 0;
  let priority: Priority | undefined;
  let service: string | undefined;
  let last = Number.NEGATIVE_INFINITY;
  const recorded = new Set<string>();
  const measurements: Measurement[] = [];
  let ownTarget: Measurement | undefined;
  let resolveTarget: Measurement | undefined;
  let updateTarget: Measurement | undefined;
  const olaTargets = new Map<string, Measurement>();

  const open = (target: SlaTargetId, at: number, group?: string): Measurement => {
    const measurement: Measurement = {
      target,
      kind: targetKindOf(target),
      cycle,
      startedAt: at,
      group,
      elapsed: 0,
      runningSince: Number.NaN,
      starts: [],
      lengths: [],
      ended: undefined,
      endedAt: Number.NaN,
      superseded: false,
    };
    measurements.push(measurement);
    return measurement;
  };
  const end = (measurement: Measurement | undefined, how: 'met' | 'stopped', at: number): void => {
    if (measurement !== undefined && measurement.ended === undefined) {
      measurement.ended = how;
      measurement.endedAt = at;
    }
  };
  const nextUpdateInterval = (at: number): void => {
    updateIndex += 1;
    updateTarget = open(`update-interval/${updateIndex}` as SlaTargetId, at);
  };
  const openOla = (group: string, at: number): void => {
    if (!olaTargets.has(group)) olaTargets.set(group, open(`ola/${group}` as SlaTargetId, at, group));
  };
  const shouldRun = (measurement: Measurement): boolean => {
    if (measurement.ended !== undefined || measurement.superseded) return false;
    if (status === 'paused') {
      const conditions =
        measurement.kind === 'time-to-own'
          ? pausing.timeToOwn
          : measurement.kind === 'update-interval'
            ? pausing.updateInterval
            : pausing.timeToResolve;
      if (matches(conditions, pausedStatus, pausedReason)) return false;
    } else if (status !== 'active') return false;
    return measurement.kind !== 'ola' || measurement.group === holder;
  };
  const sync = (at: number): void => {
    for (const measurement of measurements) {
      const running = !Number.isNaN(measurement.runningSince);
      const run = shouldRun(measurement);
      if (run && !running) {
        measurement.runningSince = at;
        measurement.starts.push(at);
        measurement.lengths.push(Number.NaN);
      } else if (!run && running) {
        const length = between(measurement.runningSince, at);
        measurement.lengths[measurement.lengths.length - 1] = length;
        measurement.elapsed += length;
        measurement.runningSince = Number.NaN;
      }
    }
  };

  for (const signal of signals) {
    // A clock that jumped back is read as the latest instant seen: no negative intervals.
    const at = Math.max(last, epochMillisecondsOf(signal.at));
    last = at;
    switch (signal.kind) {
      case 'started':
        if (status !== 'not-started') break;
        status = 'active';
        priority = signal.priority;
        service = signal.service;
        ownTarget = open('time-to-own' as SlaTargetId, at);
        resolveTarget = open('time-to-resolve' as SlaTargetId, at);
        nextUpdateInterval(at);
        if (signal.group !== undefined) {
          holder = signal.group;
          openOla(signal.group, at);
        }
        break;
      case 'paused':
        if (status !== 'active' && status !== 'paused') break;
        status = 'paused';
        pausedStatus = signal.status;
        pausedReason = signal.reason;
        break;
      case 'resumed':
        if (status === 'paused') status = 'active';
        break;
      case 'owned':
        owned = true;
        if (status === 'active' || status === 'paused') end(ownTarget, 'met', at);
        break;
      case 'disowned':
        owned = false;
        break;
      case 'updated':
        if (status !== 'active' && status !== 'paused') break;
        end(updateTarget, 'met', at);
        nextUpdateInterval(at);
        break;
      case 'met':
        if (status !== 'active' && status !== 'paused') break;
        status = 'resolved';
        end(ownTarget, 'met', at);
        end(resolveTarget, 'met', at);
        end(updateTarget, 'met', at);
        // Each group's OLA ends with the resolution: released groups had met theirs already.
        for (const measurement of olaTargets.values()) end(measurement, 'met', at);
        break;
      case 'reopened': {
        if (status !== 'resolved') break;
        status = 'active';
        const reopenPolicy = policy.reopenPolicy;
        if (reopenPolicy === 'cumulative') {
          if (resolveTarget !== undefined) {
            resolveTarget.ended = undefined;
            resolveTarget.endedAt = Number.NaN;
          }
          for (const measurement of olaTargets.values()) {
            measurement.ended = undefined;
            measurement.endedAt = Number.NaN;
          }
          if (holder !== undefined) openOla(holder, at);
          nextUpdateInterval(at);
          break;
        }
        for (const measurement of [resolveTarget, updateTarget, ...olaTargets.values()])
          if (measurement !== undefined && reopenPolicy === 'restart') measurement.superseded = true;
        cycle += 1;
        updateIndex = 0;
        olaTargets.clear();
        if (reopenPolicy === 'new-cycle') {
          ownTarget = open('time-to-own' as SlaTargetId, at);
          if (owned) end(ownTarget, 'met', at);
        }
        resolveTarget = open('time-to-resolve' as SlaTargetId, at);
        nextUpdateInterval(at);
        if (holder !== undefined) openOla(holder, at);
        break;
      }
      case 'stopped':
        if (status === 'not-started' || status === 'closed') break;
        status = 'closed';
        // A group that passed the record on had met its OLA; every other open target just stops.
        for (const measurement of measurements)
          end(measurement, measurement.kind === 'ola' && measurement.group !== holder ? 'met' : 'stopped', at);
        break;
      case 'priority-changed':
        priority = signal.priority;
        break;
      case 'group-changed':
        holder = signal.group;
        // A group that takes a resolved record starts its OLA only if the record is reopened.
        if (status === 'active' || status === 'paused') openOla(signal.group, at);
        break;
      case 'sla-attached':
        break;
      case 'sla-rebaselined':
        baselineNumber = signal.baselineNumber;
        // A repair re-chooses the targets the new policy sets for the re-baselined priority.
        baseline =
          override !== undefined && service !== undefined
            ? slaBaselineFor(override, service as ServiceId, signal.baseline.priority)
            : signal.baseline;
        break;
      case 'sla-recorded':
        recorded.add(slaMeasurementKey(signal.cycle, signal.baselineNumber, signal.target, signal.threshold));
        break;
    }
    sync(at);
  }

  nowMs = Math.max(nowMs, last);
  const thresholds = [...policy.warningThresholds].sort((a, b) => a - b);
  const targets: SlaTargetClock[] = [];
  for (const measurement of measurements) {
    const minutes = targetMinutesOf(baseline, measurement.target);
    if (minutes === undefined) continue;
    const limit = minutes * MINUTE;
    const running = !Number.isNaN(measurement.runningSince);
    const openLength = running ? between(measurement.runningSince, nowMs) : 0;
    const elapsed = measurement.elapsed + openLength;
    // The instant the business time used reached `level`, walking the measurement's running segments.
    const crossing = (level: number): number => {
      let before = 0;
      for (let index = 0; index < measurement.starts.length; index++) {
        const length =
          index === measurement.starts.length - 1 && running ? openLength : (measurement.lengths[index] as number);
        if (before + length >= level)
          return calendar.addBusinessMilliseconds(measurement.starts[index] as number, level - before);
        before += length;
      }
      return Number.NaN;
    };
    const olaReleased =
      measurement.kind === 'ola' && measurement.ended === undefined && !running && measurement.group !== holder;
    const met = measurement.ended === 'met' || olaReleased;
    const breached = elapsed > limit || (elapsed === limit && !met && elapsed > 0);
    const breachedAt = breached ? crossing(limit) : Number.NaN;
    const statusOfTarget: SlaTargetStatus = breached
      ? 'breached'
      : met
        ? 'met'
        : measurement.ended === 'stopped' || measurement.superseded
          ? 'stopped'
          : running
            ? 'running'
            : 'paused';
    const warnings: SlaWarningCrossed[] = [];
    for (const threshold of thresholds) {
      const level = (limit * threshold) / 100;
      if (elapsed < level) break;
      warnings.push({
        threshold,
        reachedAt: instantOfEpochMilliseconds(crossing(level)),
        recorded: recorded.has(slaMeasurementKey(measurement.cycle, baselineNumber, measurement.target, threshold)),
      });
    }
    const dueAt = breached
      ? breachedAt
      : running
        ? calendar.addBusinessMilliseconds(measurement.runningSince, limit - measurement.elapsed)
        : Number.NaN;
    const endedAt = measurement.ended !== undefined ? measurement.endedAt : Number.NaN;
    targets.push({
      target: measurement.target,
      kind: measurement.kind,
      agreement: measurement.kind === 'ola' ? 'ola' : 'sla',
      cycle: measurement.cycle,
      baselineNumber,
      targetMilliseconds: limit,
      status: statusOfTarget,
      clock: running
        ? 'running'
        : measurement.ended !== undefined || measurement.superseded || status === 'closed'
          ? 'stopped'
          : 'paused',
      startedAt: instantOfEpochMilliseconds(measurement.startedAt),
      elapsedMilliseconds: elapsed,
      remainingMilliseconds: Math.max(0, limit - elapsed),
      percentUsed: (elapsed / limit) * 100,
      dueAt: Number.isNaN(dueAt) ? undefined : instantOfEpochMilliseconds(dueAt),
      breachedAt: Number.isNaN(breachedAt) ? undefined : instantOfEpochMilliseconds(breachedAt),
      endedAt: Number.isNaN(endedAt) ? undefined : instantOfEpochMilliseconds(endedAt),
      warnings,
      breachRecorded: recorded.has(slaMeasurementKey(measurement.cycle, baselineNumber, measurement.target, 100)),
      superseded: measurement.superseded,
    });
  }
  return {
    attached: true,
    policy,
    baselineNumber,
    baseline,
    priority,
    service,
    rebaselineDue: priority !== undefined && priority !== baseline.priority,
    cycle,
    recordStatus: status,
    asOf: instantOfEpochMilliseconds(nowMs),
    targets,
  };
};
