/**
 * The SLA signal vocabulary: what an SLA clock needs to know about a record,
 * whatever kind of record it is. Adapters turn a record type's events into
 * signals (`incident-sla-signals.ts` for incidents; service requests and
 * changes add their own), and the SLA facts on the stream become signals
 * with {@link slaSignalOfEvent}. The clock reads nothing else.
 *
 * @module
 */
import type { Instant } from '../shared/instant.js';
import type { Priority } from '../shared/priority.js';
import type { SlaBaseline, SlaPolicySnapshot } from './sla-policy-snapshot.js';
import type { SlaEvent } from './sla-record.js';

/** The record was opened: every clock of the first cycle starts. */
export interface SlaStarted {
  readonly kind: 'started';
  readonly at: Instant;
  readonly priority: Priority;
  readonly service: string;
  /** The group holding the record from the start, if any. */
  readonly group?: string;
}
/** The record entered a status that may pause targets (`OnHold`, optionally with a reason). */
export interface SlaPaused {
  readonly kind: 'paused';
  readonly at: Instant;
  readonly status: string;
  readonly reason?: string;
}
/** The record is back in an active status. */
export interface SlaResumed {
  readonly kind: 'resumed';
  readonly at: Instant;
}
/** Someone owns the record: time to own is met. */
export interface SlaOwned {
  readonly kind: 'owned';
  readonly at: Instant;
}
/** The record lost its owner (e.g. reassigned to a group queue). */
export interface SlaDisowned {
  readonly kind: 'disowned';
  readonly at: Instant;
}
/** A public update was given: the current update interval is met and the next starts. */
export interface SlaUpdated {
  readonly kind: 'updated';
  readonly at: Instant;
}
/** The record was resolved: time to resolve (and own, the update interval, the holding group's OLA) is met; every clock pauses. */
export interface SlaMet {
  readonly kind: 'met';
  readonly at: Instant;
}
/** The record was closed or cancelled: every clock stops for good. */
export interface SlaStopped {
  readonly kind: 'stopped';
  readonly at: Instant;
  readonly reason: 'closed' | 'cancelled';
}
/** The resolution was undone (reopened, or rejected by the caller); the reopen policy applies. */
export interface SlaReopened {
  readonly kind: 'reopened';
  readonly at: Instant;
}
/** The record's priority changed (the baseline changes only with an explicit re-baseline). */
export interface SlaPriorityChanged {
  readonly kind: 'priority-changed';
  readonly at: Instant;
  readonly priority: Priority;
}
/** Another group holds the record now (OLA clocks switch). */
export interface SlaGroupChanged {
  readonly kind: 'group-changed';
  readonly at: Instant;
  readonly group: string;
}
/** An SLA policy was attached (from `SlaAttached`). */
export interface SlaPolicyAttached {
  readonly kind: 'sla-attached';
  readonly at: Instant;
  readonly policy: SlaPolicySnapshot;
}
/** The baseline was replaced (from `SlaRebaselined`). */
export interface SlaBaselineReplaced {
  readonly kind: 'sla-rebaselined';
  readonly at: Instant;
  readonly baselineNumber: number;
  readonly baseline: SlaBaseline;
  readonly reason: string;
}
/** A warning or breach was recorded (from `SlaWarningReached` / `SlaBreached`; threshold 100 is the breach). */
export interface SlaMeasurementRecorded {
  readonly kind: 'sla-recorded';
  readonly at: Instant;
  readonly cycle: number;
  readonly baselineNumber: number;
  readonly target: string;
  readonly threshold: number;
}

/** Everything an SLA clock reacts to. */
export type SlaSignal =
  | SlaStarted
  | SlaPaused
  | SlaResumed
  | SlaOwned
  | SlaDisowned
  | SlaUpdated
  | SlaMet
  | SlaStopped
  | SlaReopened
  | SlaPriorityChanged
  | SlaGroupChanged
  | SlaPolicyAttached
  | SlaBaselineReplaced
  | SlaMeasurementRecorded;

/** The signal of an SLA fact recorded on a record's stream. */
export const slaSignalOfEvent = (event: SlaEvent): SlaSignal => {
  switch (event.type) {
    case 'SlaAttached':
      return { kind: 'sla-attached', at: event.data.at, policy: event.data.policy };
    case 'SlaRebaselined': {
      const { baseline, priority, targets, olaTargets, reason, at } = event.data;
      return {
        kind: 'sla-rebaselined',
        at,
        baselineNumber: baseline,
        baseline: { priority, targets, olaTargets },
        reason,
      };
    }
    case 'SlaWarningReached': {
      const { cycle, baseline, target, threshold, at } = event.data;
      return { kind: 'sla-recorded', at, cycle, baselineNumber: baseline, target, threshold };
    }
    case 'SlaBreached': {
      const { cycle, baseline, target, at } = event.data;
      return { kind: 'sla-recorded', at, cycle, baselineNumber: baseline, target, threshold: 100 };
    }
  }
};
