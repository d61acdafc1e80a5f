/**
 * The SLA facts recorded on a record's own stream (an incident now; service
 * requests and changes later): which policy measures the record
 * (`SlaAttached`), explicit re-baselines (`SlaRebaselined`, e.g. after a
 * priority change), and the warnings and breaches the deadline process found
 * (`SlaWarningReached`, `SlaBreached`).
 *
 * The aggregate that owns the stream composes {@link decideSlaCommand} and
 * {@link evolveSlaRecord} into its own decider; {@link slaRecordDecider} is
 * the same pair as a stand-alone decider.
 *
 * Exactly once: a warning or breach is keyed by cycle, baseline, target and
 * threshold; recording one that is already recorded decides no events (not
 * an error), so the deadline process may run repeatedly and concurrently —
 * the store's optimistic concurrency settles races, the key settles retries.
 * Limits: a record carries at most one attachment; a different policy later
 * is a re-baseline, not a second attachment.
 *
 * @module
 */
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import type { CommandNotAuthorized } from '../shared/domain-errors.js';
import { authorize, type AuthorizationRules } from '../shared/authorization.js';
import { eventSchemasOf } from '../shared/event-schemas.js';
import { UserId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { Priority } from '../shared/priority.js';
import { ShortText } from '../shared/text.js';
import {
  OlaTarget,
  SlaPolicySnapshot,
  SlaTargetId,
  SlaTargets,
  WarningThreshold,
  targetMinutesOf,
  type SlaBaseline,
} from './sla-policy-snapshot.js';
import { slaBaselineProblems, slaPolicySnapshotProblems } from './sla-policy-validation.js';
import { commandCodec, eventCodec } from '../shared/message-envelope.js';

const recordIdPattern = /^[A-Za-z0-9._:-]{1,64}$/;

/** The record categories SLAs measure (codec and type). */
export const SlaRecordCategory = t.keyof({ incident: null, serviceRequest: null, change: null }, 'SlaRecordCategory');
/** The record categories SLAs measure. */
export type SlaRecordCategory = t.TypeOf<typeof SlaRecordCategory>;

/** The record an SLA fact is about: its category and id (its stream is `<category>-<id>`) (codec and type). */
export const SlaRecordReference = t.readonly(
  t.strict({
    category: SlaRecordCategory,
    id: t.refinement(t.string, (value) => recordIdPattern.test(value), 'RecordId'),
  }),
  'SlaRecordReference',
);
/** The record an SLA fact is about. */
export type SlaRecordReference = t.TypeOf<typeof SlaRecordReference>;

/** A cycle number, from 1; a reopen under `restart` or `new-cycle` starts the next (codec and type). */
export const SlaCycle = t.refinement(t.number, (value) => Number.isInteger(value) && value >= 1, 'SlaCycle');
/** A cycle number, from 1. */
export type SlaCycle = t.TypeOf<typeof SlaCycle>;

/** A baseline number: 0 for the attached targets, +1 per re-baseline (codec and type). */
export const SlaBaselineNumber = t.refinement(
  t.number,
  (value) => Number.isInteger(value) && value >= 0,
  'SlaBaselineNumber',
);
/** A baseline number: 0 for the attached targets, +1 per re-baseline. */
export type SlaBaselineNumber = t.TypeOf<typeof SlaBaselineNumber>;

// ── commands ──────────────────────────────────────────────────────────────

/** Data of `AttachSla`: the record and the policy snapshot that measures it (codec and type). */
export const AttachSlaData = t.readonly(
  t.strict({ record: SlaRecordReference, policy: SlaPolicySnapshot }),
  'AttachSlaData',
);
/** Data of `AttachSla`. */
export type AttachSlaData = t.TypeOf<typeof AttachSlaData>;

/** Data of `RecordSlaWarning`: a target crossed a warning threshold (codec and type). */
export const RecordSlaWarningData = t.readonly(
  t.strict({
    record: SlaRecordReference,
    target: SlaTargetId,
    threshold: WarningThreshold,
    cycle: SlaCycle,
    baseline: SlaBaselineNumber,
    /** When the clock crossed the threshold (business time, computed from history). */
    reachedAt: Instant,
  }),
  'RecordSlaWarningData',
);
/** Data of `RecordSlaWarning`. */
export type RecordSlaWarningData = t.TypeOf<typeof RecordSlaWarningData>;

/** Data of `RecordSlaBreach`: a target reached 100 % (codec and type). */
export const RecordSlaBreachData = t.readonly(
  t.strict({
    record: SlaRecordReference,
    target: SlaTargetId,
    cycle: SlaCycle,
    baseline: SlaBaselineNumber,
    /** When the clock reached the target (business time, computed from history). */
    breachedAt: Instant,
  }),
  'RecordSlaBreachData',
);
/** Data of `RecordSlaBreach`. */
export type RecordSlaBreachData = t.TypeOf<typeof RecordSlaBreachData>;

/** Data of `RebaselineSla`: new targets for the record, e.g. after a priority change (codec and type). */
export const RebaselineSlaData = t.readonly(
  t.strict({
    record: SlaRecordReference,
    priority: Priority,
    targets: SlaTargets,
    olaTargets: t.readonlyArray(OlaTarget),
    reason: ShortText,
  }),
  'RebaselineSlaData',
);
/** Data of `RebaselineSla`. */
export type RebaselineSlaData = t.TypeOf<typeof RebaselineSlaData>;

/** Attaches an SLA policy to a record (codec). */
export const AttachSla = commandCodec('AttachSla', AttachSlaData);
/** Attaches an SLA policy to a record. */
export type AttachSla = t.TypeOf<typeof AttachSla>;
/** Records that a target crossed a warning threshold (codec). */
export const RecordSlaWarning = commandCodec('RecordSlaWarning', RecordSlaWarningData);
/** Records that a target crossed a warning threshold. */
export type RecordSlaWarning = t.TypeOf<typeof RecordSlaWarning>;
/** Records that a target was breached (codec). */
export const RecordSlaBreach = commandCodec('RecordSlaBreach', RecordSlaBreachData);
/** Records that a target was breached. */
export type RecordSlaBreach = t.TypeOf<typeof RecordSlaBreach>;
/** Replaces a record's SLA baseline (priority and targets) (codec). */
export const RebaselineSla = commandCodec('RebaselineSla', RebaselineSlaData);
/** Replaces a record's SLA baseline. */
export type RebaselineSla = t.TypeOf<typeof RebaselineSla>;

/** Every SLA command (codec and type). */
export const SlaCommand = t.union([AttachSla, RecordSlaWarning, RecordSlaBreach, RebaselineSla], 'SlaCommand');
/** Every SLA command. */
export type SlaCommand = t.TypeOf<typeof SlaCommand>;

// ── events ────────────────────────────────────────────────────────────────

const who = { at: Instant, by: UserId };

/** Data of `SlaAttached` (codec and type). */
export const SlaAttachedData = t.readonly(
  t.strict({ record: SlaRecordReference, policy: SlaPolicySnapshot, ...who }),
  'SlaAttachedData',
);
/** Data of `SlaAttached`. */
export type SlaAttachedData = t.TypeOf<typeof SlaAttachedData>;

/** Data of `SlaWarningReached` (codec and type). */
export const SlaWarningReachedData = t.readonly(
  t.strict({
    record: SlaRecordReference,
    target: SlaTargetId,
    threshold: WarningThreshold,
    cycle: SlaCycle,
    baseline: SlaBaselineNumber,
    reachedAt: Instant,
    ...who,
  }),
  'SlaWarningReachedData',
);
/** Data of `SlaWarningReached`. */
export type SlaWarningReachedData = t.TypeOf<typeof SlaWarningReachedData>;

/** Data of `SlaBreached` (codec and type). */
export const SlaBreachedData = t.readonly(
  t.strict({
    record: SlaRecordReference,
    target: SlaTargetId,
    cycle: SlaCycle,
    baseline: SlaBaselineNumber,
    breachedAt: Instant,
    ...who,
  }),
  'SlaBreachedData',
);
/** Data of `SlaBreached`. */
export type SlaBreachedData = t.TypeOf<typeof SlaBreachedData>;

/** Data of `SlaRebaselined` (codec and type). */
export const SlaRebaselinedData = t.readonly(
  t.strict({
    record: SlaRecordReference,
    /** The new baseline's number (the attachment is 0). */
    baseline: SlaBaselineNumber,
    priority: Priority,
    previousPriority: Priority,
    targets: SlaTargets,
    olaTargets: t.readonlyArray(OlaTarget),
    reason: ShortText,
    ...who,
  }),
  'SlaRebaselinedData',
);
/** Data of `SlaRebaselined`. */
export type SlaRebaselinedData = t.TypeOf<typeof SlaRebaselinedData>;

/** An SLA policy now measures the record (codec). */
export const SlaAttached = eventCodec('SlaAttached', SlaAttachedData);
/** An SLA policy now measures the record. */
export type SlaAttached = t.TypeOf<typeof SlaAttached>;
/** A target crossed a warning threshold (codec). */
export const SlaWarningReached = eventCodec('SlaWarningReached', SlaWarningReachedData);
/** A target crossed a warning threshold. */
export type SlaWarningReached = t.TypeOf<typeof SlaWarningReached>;
/** A target was breached (codec). */
export const SlaBreached = eventCodec('SlaBreached', SlaBreachedData);
/** A target was breached. */
export type SlaBreached = t.TypeOf<typeof SlaBreached>;
/** The record's baseline was replaced (codec). */
export const SlaRebaselined = eventCodec('SlaRebaselined', SlaRebaselinedData);
/** The record's baseline was replaced. */
export type SlaRebaselined = t.TypeOf<typeof SlaRebaselined>;

/** Every SLA event (codec and type). */
export const SlaEvent = t.union([SlaAttached, SlaWarningReached, SlaBreached, SlaRebaselined], 'SlaEvent');
/** Every SLA event. */
export type SlaEvent = t.TypeOf<typeof SlaEvent>;

/** The SLA event type names. */
export const slaEventTypes: ReadonlySet<string> = new Set([
  'SlaAttached',
  'SlaWarningReached',
  'SlaBreached',
  'SlaRebaselined',
]);

/** Whether an event of any aggregate is an SLA event (for composing deciders). */
export const isSlaEvent = (candidate: { readonly type: string }): candidate is SlaEvent =>
  slaEventTypes.has(candidate.type);

/** Registry entries for the SLA events, for the store's schema registry. */
export const slaEventSchemas = eventSchemasOf({
  SlaAttached: { codec: SlaAttachedData },
  SlaWarningReached: { codec: SlaWarningReachedData },
  SlaBreached: { codec: SlaBreachedData },
  SlaRebaselined: { codec: SlaRebaselinedData },
});

// ── errors ────────────────────────────────────────────────────────────────

/** A warning, breach or re-baseline for a record that has no SLA attached. */
export interface SlaNotAttached {
  readonly _tag: 'SlaNotAttached';
  readonly record: SlaRecordReference;
}
/** A second, different attachment: a later policy is a re-baseline, not another attachment. */
export interface SlaAlreadyAttached {
  readonly _tag: 'SlaAlreadyAttached';
  readonly record: SlaRecordReference;
  readonly policyId: string;
  readonly policyVersion: number;
}
/** The command names another record than the one the SLA is attached to. */
export interface SlaRecordMismatch {
  readonly _tag: 'SlaRecordMismatch';
  readonly attachedTo: SlaRecordReference;
  readonly commandFor: SlaRecordReference;
}
/** The snapshot breaks a policy rule (bad calendar, duplicate thresholds, duplicate OLA groups). */
export interface InvalidSlaPolicy {
  readonly _tag: 'InvalidSlaPolicy';
  readonly problems: readonly string[];
}
/** The target is not measured under the record's current baseline. */
export interface UnknownSlaTarget {
  readonly _tag: 'UnknownSlaTarget';
  readonly target: string;
}
/** The threshold is not one of the attached policy's warning thresholds. */
export interface UnknownSlaThreshold {
  readonly _tag: 'UnknownSlaThreshold';
  readonly threshold: number;
  readonly thresholds: readonly number[];
}
/** The warning or breach was measured against another baseline than the current one. */
export interface SlaBaselineMismatch {
  readonly _tag: 'SlaBaselineMismatch';
  readonly baseline: number;
  readonly currentBaseline: number;
}

/** The rules an SLA command can break. */
export type SlaRecordError =
  | CommandNotAuthorized
  | SlaNotAttached
  | SlaAlreadyAttached
  | SlaRecordMismatch
  | InvalidSlaPolicy
  | UnknownSlaTarget
  | UnknownSlaThreshold
  | SlaBaselineMismatch;

// ── state ─────────────────────────────────────────────────────────────────

/** What the SLA facts of a record say now. */
export interface SlaRecordState {
  /** The attachment, or `undefined` while no SLA measures the record. */
  readonly attachment: SlaAttachment | undefined;
  /** Keys ({@link slaMeasurementKey}) of the warnings recorded. */
  readonly warnings: ReadonlySet<string>;
  /** Keys ({@link slaMeasurementKey}, threshold 100) of the breaches recorded. */
  readonly breaches: ReadonlySet<string>;
}

/** An SLA attachment with its current baseline. */
export interface SlaAttachment {
  readonly record: SlaRecordReference;
  readonly policy: SlaPolicySnapshot;
  readonly attachedAt: Instant;
  /** The current baseline's number (0 until the first re-baseline). */
  readonly baselineNumber: number;
  readonly baseline: SlaBaseline;
}

/** The SLA state of a record with no SLA facts. */
export const initialSlaRecordState: SlaRecordState = {
  attachment: undefined,
  warnings: new Set(),
  breaches: new Set(),
};

/** The key that makes a warning (threshold 1–99) or breach (threshold 100) exactly-once. */
export const slaMeasurementKey = (cycle: number, baseline: number, target: string, threshold: number): string =>
  `${cycle}|${baseline}|${target}|${threshold}`;

/** Folds one SLA event into the SLA state. */
export const evolveSlaRecord = (state: SlaRecordState, event: SlaEvent): SlaRecordState => {
  switch (event.type) {
    case 'SlaAttached':
      return {
        ...state,
        attachment: {
          record: event.data.record,
          policy: event.data.policy,
          attachedAt: event.data.at,
          baselineNumber: 0,
          baseline: event.data.policy.baseline,
        },
      };
    case 'SlaRebaselined':
      return state.attachment === undefined
        ? state
        : {
            ...state,
            attachment: {
              ...state.attachment,
              baselineNumber: event.data.baseline,
              baseline: {
                priority: event.data.priority,
                targets: event.data.targets,
                olaTargets: event.data.olaTargets,
              },
            },
          };
    case 'SlaWarningReached': {
      const { cycle, baseline, target, threshold } = event.data;
      return { ...state, warnings: new Set(state.warnings).add(slaMeasurementKey(cycle, baseline, target, threshold)) };
    }
    case 'SlaBreached': {
      const { cycle, baseline, target } = event.data;
      return { ...state, breaches: new Set(state.breaches).add(slaMeasurementKey(cycle, baseline, target, 100)) };
    }
  }
};

// ── decide ────────────────────────────────────────────────────────────────

/** Default authorization: who may issue each SLA command. */
export const defaultSlaAuthorization: AuthorizationRules<SlaCommand['type']> = {
  AttachSla: ['process', 'service-desk-agent', 'incident-manager', 'service-level-manager'],
  RecordSlaWarning: ['process', 'service-level-manager'],
  RecordSlaBreach: ['process', 'service-level-manager'],
  RebaselineSla: ['process', 'incident-manager', 'service-level-manager'],
};

const sameRecord = (a: SlaRecordReference, b: SlaRecordReference): boolean =>
  a.category === b.category && a.id === b.id;

// Canonical JSON (sorted keys) so an identical snapshot is recognised whatever its key order.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );

const attached = (
  state: SlaRecordState,
  record: SlaRecordReference,
): Either<SlaNotAttached | SlaRecordMismatch, SlaAttachment> => {
  const attachment = state.attachment;
  if (attachment === undefined) return left({ _tag: 'SlaNotAttached', record });
  if (!sameRecord(attachment.record, record))
    return left({ _tag: 'SlaRecordMismatch', attachedTo: attachment.record, commandFor: record });
  return right(attachment);
};

const measured = (
  attachment: SlaAttachment,
  target: SlaTargetId,
  baseline: number,
): Either<SlaBaselineMismatch | UnknownSlaTarget, void> => {
  if (baseline !== attachment.baselineNumber)
    return left({ _tag: 'SlaBaselineMismatch', baseline, currentBaseline: attachment.baselineNumber });
  if (targetMinutesOf(attachment.baseline, target) === undefined) return left({ _tag: 'UnknownSlaTarget', target });
  return right(undefined);
};

/** Decides an SLA command with the given authorization rules (see {@link decideSlaCommand} for the defaults). */
export const decideSlaCommandWith =
  (authorization: AuthorizationRules<SlaCommand['type']>) =>
  (command: SlaCommand, state: SlaRecordState): Either<SlaRecordError, readonly SlaEvent[]> => {
    const allowed = authorize(authorization, command.type, command.metadata.actor);
    if (allowed._tag === 'Left') return allowed;
    const who = { at: command.metadata.occurredAt, by: command.metadata.actor.id };
    switch (command.type) {
      case 'AttachSla': {
        const { record, policy } = command.data;
        const current = state.attachment;
        if (current !== undefined) {
          // Attaching the same policy again (a retried or concurrent attach) changes nothing.
          if (sameRecord(current.record, record) && canonical(current.policy) === canonical(policy)) return right([]);
          return left({
            _tag: 'SlaAlreadyAttached',
            record: current.record,
            policyId: current.policy.policyId,
            policyVersion: current.policy.policyVersion,
          });
        }
        const problems = slaPolicySnapshotProblems(policy);
        if (problems.length > 0) return left({ _tag: 'InvalidSlaPolicy', problems });
        return right([{ type: 'SlaAttached', data: { record, policy, ...who } }]);
      }
      case 'RecordSlaWarning': {
        const { record, target, threshold, cycle, baseline, reachedAt } = command.data;
        const attachment = attached(state, record);
        if (attachment._tag === 'Left') return attachment;
        const known = measured(attachment.right, target, baseline);
        if (known._tag === 'Left') return known;
        const thresholds = attachment.right.policy.warningThresholds;
        if (!thresholds.includes(threshold)) return left({ _tag: 'UnknownSlaThreshold', threshold, thresholds });
        if (state.warnings.has(slaMeasurementKey(cycle, baseline, target, threshold))) return right([]);
        return right([
          { type: 'SlaWarningReached', data: { record, target, threshold, cycle, baseline, reachedAt, ...who } },
        ]);
      }
      case 'RecordSlaBreach': {
        const { record, target, cycle, baseline, breachedAt } = command.data;
        const attachment = attached(state, record);
        if (attachment._tag === 'Left') return attachment;
        const known = measured(attachment.right, target, baseline);
        if (known._tag === 'Left') return known;
        if (state.breaches.has(slaMeasurementKey(cycle, baseline, target, 100))) return right([]);
        return right([{ type: 'SlaBreached', data: { record, target, cycle, baseline, breachedAt, ...who } }]);
      }
      case 'RebaselineSla': {
        const { record, priority, targets, olaTargets, reason } = command.data;
        const attachment = attached(state, record);
        if (attachment._tag === 'Left') return attachment;
        const current = attachment.right.baseline;
        const next: SlaBaseline = { priority, targets, olaTargets };
        // Re-baselining to the baseline already in force (a retry, a concurrent run) changes nothing.
        if (canonical(current) === canonical(next)) return right([]);
        const problems = slaBaselineProblems(next);
        if (problems.length > 0) return left({ _tag: 'InvalidSlaPolicy', problems });
        return right([
          {
            type: 'SlaRebaselined',
            data: {
              record,
              baseline: attachment.right.baselineNumber + 1,
              priority,
              previousPriority: current.priority,
              targets,
              olaTargets,
              reason,
              ...who,
            },
          },
        ]);
      }
    }
  };

/**
 * Decides an SLA command with the default authorization: events, none when
 * the fact is already recorded, or the rule the command breaks.
 */
export const decideSlaCommand: (
  command: SlaCommand,
  state: SlaRecordState,
) => Either<SlaRecordError, readonly SlaEvent[]> = decideSlaCommandWith(defaultSlaAuthorization);

/**
 * The SLA facts as a stand-alone decider. Its `evolve` ignores events of
 * other types, so it folds a whole record stream (e.g. an incident's).
 */
export const slaRecordDecider: Decider<SlaCommand, SlaEvent, SlaRecordState, SlaRecordError> = {
  decide: decideSlaCommand,
  evolve: (state, event) => (isSlaEvent(event) ? evolveSlaRecord(state, event) : state),
  initialState: initialSlaRecordState,
};
