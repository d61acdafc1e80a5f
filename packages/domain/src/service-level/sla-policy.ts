/**
 * SLA/OLA policies as data: targets per service and priority (time to own,
 * time to resolve, optional update interval), OLA targets per assignment
 * group, which statuses pause which target, warning thresholds, the reopen
 * policy and the business calendar. {@link createSlaPolicy} validates a
 * definition; {@link slaPolicySnapshotFor} picks the targets for one record
 * and returns the snapshot `SlaAttached` records.
 *
 * Target choice: a rule naming the record's service wins over a rule for any
 * service; for OLA, a rule naming the priority wins over one for any
 * priority. A priority without a rule is not measured (no targets).
 *
 * @module
 */
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { decodeInput } from '../shared/codec-decoding.js';
import { GroupId, ServiceId, SlaPolicyId } from '../shared/ids.js';
import { Priority } from '../shared/priority.js';
import { ShortText } from '../shared/text.js';
import { BusinessCalendarDefinition, twentyFourSevenCalendarDefinition } from './business-calendar-definition.js';
import { createBusinessCalendar, type BusinessCalendar, type CalendarError } from './business-calendar.js';
import {
  MAX_TARGET_MINUTES,
  PausingRules,
  ReopenPolicy,
  TargetMinutes,
  WarningThreshold,
  type OlaTarget,
  type SlaBaseline,
  type SlaPolicySnapshot,
  type SlaTargets,
} from './sla-policy-snapshot.js';

/** One SLA target rule: the targets of a priority, for one service or any (codec and type). */
export const SlaTargetRule = t.readonly(
  t.intersection([
    t.strict({ priority: Priority }),
    t.partial({
      /** Absent: the rule applies to any service without a rule of its own. */
      service: ServiceId,
      timeToOwnMinutes: TargetMinutes,
      timeToResolveMinutes: TargetMinutes,
      updateIntervalMinutes: TargetMinutes,
    }),
  ]),
  'SlaTargetRule',
);
/** One SLA target rule. */
export type SlaTargetRule = t.TypeOf<typeof SlaTargetRule>;

/** One OLA target rule: how long a group may hold a record, for one priority or any (codec and type). */
export const OlaTargetRule = t.readonly(
  t.intersection([
    t.strict({ group: GroupId, timeToResolveMinutes: TargetMinutes }),
    t.partial({ priority: Priority }),
  ]),
  'OlaTargetRule',
);
/** One OLA target rule. */
export type OlaTargetRule = t.TypeOf<typeof OlaTargetRule>;

/** An SLA/OLA policy as data (codec and type). */
export const SlaPolicyDefinition = t.readonly(
  t.strict({
    policyId: SlaPolicyId,
    policyVersion: t.refinement(t.number, (value) => Number.isInteger(value) && value >= 1, 'PolicyVersion'),
    policyName: ShortText,
    calendar: BusinessCalendarDefinition,
    targets: t.readonlyArray(SlaTargetRule),
    olaTargets: t.readonlyArray(OlaTargetRule),
    pausing: PausingRules,
    warningThresholds: t.readonlyArray(WarningThreshold),
    reopenPolicy: ReopenPolicy,
  }),
  'SlaPolicyDefinition',
);
/** An SLA/OLA policy as data. */
export type SlaPolicyDefinition = t.TypeOf<typeof SlaPolicyDefinition>;

/** An untrusted policy definition does not match the codec; each problem names its field path. */
export interface MalformedSlaPolicy {
  readonly _tag: 'MalformedSlaPolicy';
  readonly problems: readonly string[];
}
/** The policy's calendar is invalid. */
export interface InvalidPolicyCalendar {
  readonly _tag: 'InvalidPolicyCalendar';
  readonly error: CalendarError;
}
/** Two target rules cover the same service (or any service) and priority. */
export interface DuplicateSlaTargetRule {
  readonly _tag: 'DuplicateSlaTargetRule';
  readonly service: string | undefined;
  readonly priority: Priority;
}
/** Two OLA rules cover the same group and priority (or any priority). */
export interface DuplicateOlaTargetRule {
  readonly _tag: 'DuplicateOlaTargetRule';
  readonly group: string;
  readonly priority: Priority | undefined;
}
/** A target duration is not a whole number of minutes between 1 and the maximum (zero, negative, fractional). */
export interface InvalidTargetDuration {
  readonly _tag: 'InvalidTargetDuration';
  readonly where: string;
  readonly minutes: number;
}
/** A warning threshold is outside 1–99 % or appears twice. */
export interface InvalidWarningThresholds {
  readonly _tag: 'InvalidWarningThresholds';
  readonly thresholds: readonly number[];
}

/** What can be wrong with a policy definition. */
export type SlaPolicyError =
  | MalformedSlaPolicy
  | InvalidPolicyCalendar
  | DuplicateSlaTargetRule
  | DuplicateOlaTargetRule
  | InvalidTargetDuration
  | InvalidWarningThresholds;

/** A validated policy: its definition and its calendar. */
export interface SlaPolicy {
  readonly definition: SlaPolicyDefinition;
  readonly calendar: BusinessCalendar;
}

const durationProblem = (where: string, minutes: number | undefined): InvalidTargetDuration | undefined =>
  minutes === undefined || (Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_TARGET_MINUTES)
    ? undefined
    : { _tag: 'InvalidTargetDuration', where, minutes };

/**
 * Validates a policy definition: its calendar (zone, ranges, working time),
 * one rule per service/priority and group/priority, durations of at least one
 * minute, distinct thresholds within 1–99. Durations are re-checked here
 * because definitions often come from configuration files, not the codec.
 */
export const createSlaPolicy = (definition: SlaPolicyDefinition): Either<SlaPolicyError, SlaPolicy> => {
  const calendar = createBusinessCalendar(definition.calendar);
  if (calendar._tag === 'Left') return left({ _tag: 'InvalidPolicyCalendar', error: calendar.left });
  const seen = new Set<string>();
  for (const [index, rule] of definition.targets.entries()) {
    const key = `${rule.service ?? '*'}|${rule.priority}`;
    if (seen.has(key)) return left({ _tag: 'DuplicateSlaTargetRule', service: rule.service, priority: rule.priority });
    seen.add(key);
    const problem =
      durationProblem(`targets[${index}].timeToOwnMinutes`, rule.timeToOwnMinutes) ??
      durationProblem(`targets[${index}].timeToResolveMinutes`, rule.timeToResolveMinutes) ??
      durationProblem(`targets[${index}].updateIntervalMinutes`, rule.updateIntervalMinutes);
    if (problem) return left(problem);
  }
  const seenOla = new Set<string>();
  for (const [index, rule] of definition.olaTargets.entries()) {
    const key = `${rule.group}|${rule.priority ?? '*'}`;
    if (seenOla.has(key)) return left({ _tag: 'DuplicateOlaTargetRule', group: rule.group, priority: rule.priority });
    seenOla.add(key);
    const problem = durationProblem(`olaTargets[${index}].timeToResolveMinutes`, rule.timeToResolveMinutes);
    if (problem) return left(problem);
  }
  const thresholds = definition.warningThresholds;
  if (
    new Set(thresholds).size !== thresholds.length ||
    thresholds.some((threshold) => !Number.isInteger(threshold) || threshold < 1 || threshold > 99)
  )
    return left({ _tag: 'InvalidWarningThresholds', thresholds });
  return right({ definition, calendar: calendar.right });
};

/** Decodes an untrusted policy definition (e.g. a configuration file) and validates it. */
export const decodeSlaPolicy = (input: unknown): Either<SlaPolicyError, SlaPolicy> => {
  const decoded = decodeInput(SlaPolicyDefinition, input);
  return decoded._tag === 'Left'
    ? left({ _tag: 'MalformedSlaPolicy', problems: decoded.left.problems })
    : createSlaPolicy(decoded.right);
};

const withDefined = <K extends string>(key: K, value: TargetMinutes | undefined): { [P in K]?: TargetMinutes } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: TargetMinutes };

/** The baseline (priority and targets) a policy sets for a service and priority. */
export const slaBaselineFor = (policy: SlaPolicy, service: ServiceId, priority: Priority): SlaBaseline => {
  const rules = policy.definition.targets;
  const rule =
    rules.find((candidate) => candidate.service === service && candidate.priority === priority) ??
    rules.find((candidate) => candidate.service === undefined && candidate.priority === priority);
  const targets: SlaTargets =
    rule === undefined
      ? {}
      : {
          ...withDefined('timeToOwnMinutes', rule.timeToOwnMinutes),
          ...withDefined('timeToResolveMinutes', rule.timeToResolveMinutes),
          ...withDefined('updateIntervalMinutes', rule.updateIntervalMinutes),
        };
  const olaTargets: OlaTarget[] = [];
  const groups = new Set(policy.definition.olaTargets.map((candidate) => candidate.group));
  for (const group of groups) {
    const ola =
      policy.definition.olaTargets.find((candidate) => candidate.group === group && candidate.priority === priority) ??
      policy.definition.olaTargets.find((candidate) => candidate.group === group && candidate.priority === undefined);
    if (ola !== undefined) olaTargets.push({ group, timeToResolveMinutes: ola.timeToResolveMinutes });
  }
  return { priority, targets, olaTargets };
};

/** The snapshot `SlaAttached` records for a record of a service and priority under a policy. */
export const slaPolicySnapshotFor = (policy: SlaPolicy, service: ServiceId, priority: Priority): SlaPolicySnapshot => {
  const { policyId, policyVersion, policyName, calendar, pausing, warningThresholds, reopenPolicy } = policy.definition;
  return {
    policyId,
    policyVersion,
    policyName,
    service,
    calendar,
    pausing,
    warningThresholds,
    reopenPolicy,
    baseline: slaBaselineFor(policy, service, priority),
  };
};

/** The default pausing rules: OnHold pauses time to resolve (and OLA); Resolved always pauses everything. */
export const defaultPausingRules: PausingRules = { timeToOwn: [], timeToResolve: ['OnHold'], updateInterval: [] };

/** The default warning thresholds: 50, 75 and 90 % of a target. */
export const defaultWarningThresholds: readonly WarningThreshold[] = [50, 75, 90] as WarningThreshold[];

const minutes = (value: number): TargetMinutes => value as TargetMinutes;

/**
 * The default policy definition: 24×7, ITIL-style targets per priority
 * (P1 own 15 min / resolve 4 h / update every 1 h … P5 own 8 h / resolve
 * 5 days), no OLA targets, default pausing, 50/75/90 % warnings,
 * cumulative reopen. Override any part and validate with {@link createSlaPolicy}.
 */
export const defaultSlaPolicyDefinition: SlaPolicyDefinition = {
  policyId: 'default-sla' as SlaPolicyId,
  policyVersion: 1,
  policyName: 'Default SLA (24x7)' as ShortText,
  calendar: twentyFourSevenCalendarDefinition,
  targets: [
    {
      priority: 1,
      timeToOwnMinutes: minutes(15),
      timeToResolveMinutes: minutes(240),
      updateIntervalMinutes: minutes(60),
    },
    {
      priority: 2,
      timeToOwnMinutes: minutes(30),
      timeToResolveMinutes: minutes(480),
      updateIntervalMinutes: minutes(240),
    },
    { priority: 3, timeToOwnMinutes: minutes(120), timeToResolveMinutes: minutes(1440) },
    { priority: 4, timeToOwnMinutes: minutes(240), timeToResolveMinutes: minutes(4320) },
    { priority: 5, timeToOwnMinutes: minutes(480), timeToResolveMinutes: minutes(7200) },
  ],
  olaTargets: [],
  pausing: defaultPausingRules,
  warningThresholds: defaultWarningThresholds,
  reopenPolicy: 'cumulative',
};

/** The default policy, validated (see {@link defaultSlaPolicyDefinition}). */
export const defaultSlaPolicy: SlaPolicy = (() => {
  const result = createSlaPolicy(defaultSlaPolicyDefinition);
  // The built-in definition is valid; failing here is a bug.
  if (result._tag === 'Left') throw new Error(`the default SLA policy is invalid: ${result.left._tag}`);
  return result.right;
})();
