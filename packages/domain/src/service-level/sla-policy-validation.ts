/**
 * Rules a policy snapshot must keep beyond its codec: a valid business
 * calendar, distinct warning thresholds, one OLA target per group.
 *
 * @module
 */
import { createBusinessCalendar, describeCalendarError } from './business-calendar.js';
import type { SlaBaseline, SlaPolicySnapshot } from './sla-policy-snapshot.js';

/** The problems of a baseline (duplicate OLA groups); empty when valid. */
export const slaBaselineProblems = (baseline: SlaBaseline): readonly string[] => {
  const groups = new Set(baseline.olaTargets.map((ola) => ola.group));
  return groups.size === baseline.olaTargets.length ? [] : ['baseline.olaTargets: a group appears more than once'];
};

/** The problems of a policy snapshot; empty when it is valid. */
export const slaPolicySnapshotProblems = (policy: SlaPolicySnapshot): readonly string[] => {
  const problems: string[] = [];
  const calendar = createBusinessCalendar(policy.calendar);
  if (calendar._tag === 'Left') problems.push(`calendar: ${describeCalendarError(calendar.left)}`);
  if (new Set(policy.warningThresholds).size !== policy.warningThresholds.length)
    problems.push('warningThresholds: a threshold appears more than once');
  problems.push(...slaBaselineProblems(policy.baseline));
  return problems;
};
