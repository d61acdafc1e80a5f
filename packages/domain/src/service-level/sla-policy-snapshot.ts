/**
 * What an SLA attachment records on a record's own stream: the policy that
 * applied, in full (policy id and version, calendar, pausing rules, warning
 * thresholds, reopen policy) and the baseline (priority and the targets
 * chosen for the record's service and priority), so history alone says which
 * rules measured the record and the clocks can be recomputed by replay.
 *
 * Limits: durations are whole business minutes, at most
 * {@link MAX_TARGET_MINUTES}; thresholds are whole percentages 1–99 (100 % is
 * the breach).
 *
 * @module
 */
import * as t from 'io-ts';
import { GroupId, ServiceId, SlaPolicyId } from '../shared/ids.js';
import { Priority } from '../shared/priority.js';
import { ShortText } from '../shared/text.js';
import { BusinessCalendarDefinition } from './business-calendar-definition.js';

/** The longest target: 100 years of business minutes on a 24×7 calendar. */
export const MAX_TARGET_MINUTES = 100 * 366 * 24 * 60;

/** The brand of a target duration. */
export interface TargetMinutesBrand {
  readonly TargetMinutes: unique symbol;
}
/** A target duration in whole business minutes, 1 … {@link MAX_TARGET_MINUTES} (codec and type). */
export const TargetMinutes = t.brand(
  t.number,
  (value): value is t.Branded<number, TargetMinutesBrand> =>
    Number.isInteger(value) && value >= 1 && value <= MAX_TARGET_MINUTES,
  'TargetMinutes',
);
/** A target duration in whole business minutes. */
export type TargetMinutes = t.TypeOf<typeof TargetMinutes>;

/** The brand of a warning threshold. */
export interface WarningThresholdBrand {
  readonly WarningThreshold: unique symbol;
}
/** A warning threshold in whole percent of a target, 1–99 (codec and type). */
export const WarningThreshold = t.brand(
  t.number,
  (value): value is t.Branded<number, WarningThresholdBrand> => Number.isInteger(value) && value >= 1 && value <= 99,
  'WarningThreshold',
);
/** A warning threshold in whole percent of a target, 1–99. */
export type WarningThreshold = t.TypeOf<typeof WarningThreshold>;

/** The SLA targets of one service and priority (codec and type); an absent target is not measured. */
export const SlaTargets = t.readonly(
  t.partial({
    /** Time to own (first response): until an agent owns the record. */
    timeToOwnMinutes: TargetMinutes,
    /** Time to resolve: until the record is resolved. */
    timeToResolveMinutes: TargetMinutes,
    /** Update interval: the longest gap between public updates. */
    updateIntervalMinutes: TargetMinutes,
  }),
  'SlaTargets',
);
/** The SLA targets of one service and priority. */
export type SlaTargets = t.TypeOf<typeof SlaTargets>;

/** An OLA target: how long one assignment group may hold the record (codec and type). */
export const OlaTarget = t.readonly(t.strict({ group: GroupId, timeToResolveMinutes: TargetMinutes }), 'OlaTarget');
/** An OLA target: how long one assignment group may hold the record. */
export type OlaTarget = t.TypeOf<typeof OlaTarget>;

/** The part of an attachment a re-baseline replaces: priority and targets (codec and type). */
export const SlaBaseline = t.readonly(
  t.strict({ priority: Priority, targets: SlaTargets, olaTargets: t.readonlyArray(OlaTarget) }),
  'SlaBaseline',
);
/** The part of an attachment a re-baseline replaces. */
export type SlaBaseline = t.TypeOf<typeof SlaBaseline>;

const pauseConditionPattern = /^[A-Za-z][A-Za-z0-9-]{0,40}(?::[A-Za-z0-9-]{1,40})?$/;

/**
 * A record status that pauses a target: `OnHold` (any reason) or
 * `OnHold:awaiting-vendor` (that reason only) (codec and type).
 */
export const PauseCondition = t.refinement(t.string, (value) => pauseConditionPattern.test(value), 'PauseCondition');
/** A record status, optionally with a reason, that pauses a target. */
export type PauseCondition = t.TypeOf<typeof PauseCondition>;

/** Which statuses pause which SLA target (codec and type); OLA targets follow `timeToResolve`. */
export const PausingRules = t.readonly(
  t.strict({
    timeToOwn: t.readonlyArray(PauseCondition),
    timeToResolve: t.readonlyArray(PauseCondition),
    updateInterval: t.readonlyArray(PauseCondition),
  }),
  'PausingRules',
);
/** Which statuses pause which SLA target. */
export type PausingRules = t.TypeOf<typeof PausingRules>;

/**
 * What a reopen does to the clocks (codec and type): `cumulative` resumes
 * with the time already used; `restart` starts time to resolve (and the
 * update interval) from zero in a new cycle that supersedes the earlier one;
 * `new-cycle` starts every target afresh in a new cycle reported on its own.
 */
export const ReopenPolicy = t.keyof({ cumulative: null, restart: null, 'new-cycle': null }, 'ReopenPolicy');
/** What a reopen does to the clocks. */
export type ReopenPolicy = t.TypeOf<typeof ReopenPolicy>;

/** The full policy an attachment recorded (codec and type). */
export const SlaPolicySnapshot = t.readonly(
  t.strict({
    policyId: SlaPolicyId,
    policyVersion: t.refinement(t.number, (value) => Number.isInteger(value) && value >= 1, 'PolicyVersion'),
    policyName: ShortText,
    /** The service the targets were chosen for. */
    service: ServiceId,
    calendar: BusinessCalendarDefinition,
    pausing: PausingRules,
    warningThresholds: t.readonlyArray(WarningThreshold),
    reopenPolicy: ReopenPolicy,
    baseline: SlaBaseline,
  }),
  'SlaPolicySnapshot',
);
/** The full policy an attachment recorded. */
export type SlaPolicySnapshot = t.TypeOf<typeof SlaPolicySnapshot>;

const targetIdPattern = /^(?:time-to-own|time-to-resolve|update-interval\/\d{1,6}|ola\/[A-Za-z0-9._:-]{1,64})$/;

/**
 * Names one measured target of a record (codec and type): `time-to-own`,
 * `time-to-resolve`, `update-interval/<n>` (the n-th interval between public
 * updates, from 1) or `ola/<group>`.
 */
export const SlaTargetId = t.refinement(t.string, (value) => targetIdPattern.test(value), 'SlaTargetId');
/** Names one measured target of a record. */
export type SlaTargetId = t.TypeOf<typeof SlaTargetId>;

/** The kinds of target, as {@link SlaTargetId} prefixes. */
export type SlaTargetKind = 'time-to-own' | 'time-to-resolve' | 'update-interval' | 'ola';

/** The kind of a target id. */
export const targetKindOf = (target: SlaTargetId): SlaTargetKind => {
  if (target.startsWith('update-interval/')) return 'update-interval';
  if (target.startsWith('ola/')) return 'ola';
  return target as 'time-to-own' | 'time-to-resolve';
};

/** The target duration in business minutes a baseline sets for a target id, if it measures it. */
export const targetMinutesOf = (baseline: SlaBaseline, target: SlaTargetId): TargetMinutes | undefined => {
  switch (targetKindOf(target)) {
    case 'time-to-own':
      return baseline.targets.timeToOwnMinutes;
    case 'time-to-resolve':
      return baseline.targets.timeToResolveMinutes;
    case 'update-interval':
      return baseline.targets.updateIntervalMinutes;
    case 'ola': {
      const group = target.slice('ola/'.length);
      return baseline.olaTargets.find((ola) => ola.group === group)?.timeToResolveMinutes;
    }
  }
};
