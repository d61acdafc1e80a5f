/**
 * SLA repair: replaying records with a changed policy or calendar gives the
 * recomputed clocks, and a report lists what changed per record and target
 * (before → after: status, target, due and breach instants). Nothing is
 * written: the recorded facts stay as they were; a breach recorded under the
 * old rules that the new rules do not confirm shows up as a change with
 * `breachRecorded` before and a status other than `breached` after, for
 * people to decide on (e.g. a re-baseline).
 *
 * @module
 */
import type { Instant } from '../shared/instant.js';
import { computeSlaClock, type SlaClock, type SlaTargetClock, type SlaTargetStatus } from './sla-clock.js';
import type { SlaRecordHistory } from './sla-deadlines.js';
import type { SlaPolicySnapshot } from './sla-policy-snapshot.js';
import type { SlaPolicy } from './sla-policy.js';
import type { SlaRecordReference } from './sla-record.js';

/** The parts of a target's clock a repair compares. */
export interface SlaTargetOutcome {
  readonly status: SlaTargetStatus;
  readonly targetMilliseconds: number;
  readonly elapsedMilliseconds: number;
  readonly dueAt: Instant | undefined;
  readonly breachedAt: Instant | undefined;
  readonly breachRecorded: boolean;
}

/** One target whose outcome the repair changes (`undefined`: the target is not measured on that side). */
export interface SlaTargetChange {
  readonly streamId: string;
  readonly record: SlaRecordReference;
  readonly cycle: number;
  readonly target: string;
  readonly before: SlaTargetOutcome | undefined;
  readonly after: SlaTargetOutcome | undefined;
}

/** One record replayed under the replacement policy. */
export interface SlaRepairedRecord {
  readonly streamId: string;
  readonly record: SlaRecordReference;
  readonly before: SlaClock;
  readonly after: SlaClock;
}

/** What a repair found. */
export interface SlaRepairReport {
  readonly asOf: Instant;
  /** Records replayed (those with a replacement policy). */
  readonly records: readonly SlaRepairedRecord[];
  /** Every target whose outcome differs, by stream, cycle and target. */
  readonly changes: readonly SlaTargetChange[];
}

/** Which policy replaces the one a record was attached with (`undefined`: leave the record as it is). */
export type SlaPolicyReplacement = SlaPolicy | ((recorded: SlaPolicySnapshot | undefined) => SlaPolicy | undefined);

const outcomeOf = (clock: SlaTargetClock): SlaTargetOutcome => ({
  status: clock.status,
  targetMilliseconds: clock.targetMilliseconds,
  elapsedMilliseconds: clock.elapsedMilliseconds,
  dueAt: clock.dueAt,
  breachedAt: clock.breachedAt,
  breachRecorded: clock.breachRecorded,
});

const sameOutcome = (a: SlaTargetOutcome | undefined, b: SlaTargetOutcome | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.status === b.status &&
  a.targetMilliseconds === b.targetMilliseconds &&
  a.elapsedMilliseconds === b.elapsedMilliseconds &&
  a.dueAt === b.dueAt &&
  a.breachedAt === b.breachedAt;

/** Replays the histories under a replacement policy (or calendar, through a policy) and reports what changes. */
export const repairSlaClocks = (
  histories: Iterable<SlaRecordHistory>,
  now: Instant,
  replacement: SlaPolicyReplacement,
): SlaRepairReport => {
  const records: SlaRepairedRecord[] = [];
  const changes: SlaTargetChange[] = [];
  const sorted = [...histories].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  for (const history of sorted) {
    const before = computeSlaClock(history.signals, now);
    const policy = typeof replacement === 'function' ? replacement(before.policy) : replacement;
    if (policy === undefined) continue;
    const after = computeSlaClock(history.signals, now, { policy });
    records.push({ streamId: history.streamId, record: history.record, before, after });
    const keyOf = (clock: SlaTargetClock): string => `${clock.cycle}|${clock.target}`;
    const beforeTargets = new Map(before.targets.map((clock) => [keyOf(clock), clock]));
    const afterTargets = new Map(after.targets.map((clock) => [keyOf(clock), clock]));
    for (const key of new Set([...beforeTargets.keys(), ...afterTargets.keys()])) {
      const was = beforeTargets.get(key);
      const is = afterTargets.get(key);
      const wasOutcome = was === undefined ? undefined : outcomeOf(was);
      const isOutcome = is === undefined ? undefined : outcomeOf(is);
      if (sameOutcome(wasOutcome, isOutcome)) continue;
      const any = (was ?? is) as SlaTargetClock;
      changes.push({
        streamId: history.streamId,
        record: history.record,
        cycle: any.cycle,
        target: any.target,
        before: wasOutcome,
        after: isOutcome,
      });
    }
  }
  return { asOf: now, records, changes };
};
