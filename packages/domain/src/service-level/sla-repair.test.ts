import type { GroupId } from '../shared/ids.js';
import { describe, expect, it } from '@jest/globals';
import { incidentSlaSignalsOf, type SlaSourceEvent } from './incident-sla-signals.js';
import type { SlaRecordHistory } from './sla-deadlines.js';
import { createSlaPolicy, type SlaPolicy, type SlaPolicyDefinition } from './sla-policy.js';
import { repairSlaClocks } from './sla-repair.js';
import type { SlaPolicySnapshot } from './sla-policy-snapshot.js';
import { HOUR, incident, instant, minutes, record, sla, snapshot } from './sla.test-fixture.js';

const recorded = snapshot();
/** A policy definition equal to the recorded snapshot's rules, with overrides. */
const policyLike = (snap: SlaPolicySnapshot, overrides: Partial<SlaPolicyDefinition> = {}): SlaPolicy => {
  const created = createSlaPolicy({
    policyId: snap.policyId,
    policyVersion: snap.policyVersion + 1,
    policyName: snap.policyName,
    calendar: snap.calendar,
    targets: [{ priority: 3, timeToOwnMinutes: minutes(120), timeToResolveMinutes: minutes(1080) }],
    olaTargets: [
      { group: 'service-desk' as GroupId, timeToResolveMinutes: minutes(60) },
      { group: 'network' as GroupId, timeToResolveMinutes: minutes(540) },
    ],
    pausing: snap.pausing,
    warningThresholds: snap.warningThresholds,
    reopenPolicy: snap.reopenPolicy,
    ...overrides,
  });
  if (created._tag === 'Left') throw new Error(JSON.stringify(created.left));
  return created.right;
};

const history: readonly SlaSourceEvent[] = [
  incident.logged('2026-03-26T10:00:00+01:00'),
  sla.attached('2026-03-26T10:00:00+01:00', recorded),
  incident.toAgent('2026-03-26T11:00:00+01:00', 'network'),
  incident.onHold('2026-03-27T15:00:00+01:00'),
  incident.resumed('2026-03-30T10:00:00+02:00'),
  incident.resolved('2026-03-31T12:00:00+02:00'),
];
const histories: SlaRecordHistory[] = [{ streamId: 'incident-INC-1', record, signals: incidentSlaSignalsOf(history) }];
const now = instant('2026-04-01T00:00:00Z');

describe('SLA repair', () => {
  it('the same rules again change nothing', () => {
    expect(repairSlaClocks(histories, now, policyLike(recorded)).changes).toEqual([]);
  });

  it('a pausing rule change: if OnHold had not paused, time to resolve would have breached on Monday 10:00, not 14:00', () => {
    const report = repairSlaClocks(
      histories,
      now,
      policyLike(recorded, { pausing: { ...recorded.pausing, timeToResolve: [] } }),
    );
    const resolve = report.changes.find((change) => change.target === 'time-to-resolve');
    expect(resolve).toMatchObject({
      streamId: 'incident-INC-1',
      cycle: 1,
      before: { status: 'breached', elapsedMilliseconds: 25 * HOUR, breachedAt: '2026-03-30T12:00:00.000Z' },
      after: { status: 'breached', elapsedMilliseconds: 29 * HOUR, breachedAt: '2026-03-30T08:00:00.000Z' },
    });
    expect(report.changes.map((change) => change.target).sort()).toEqual(['ola/network', 'time-to-resolve']);
  });

  it('a calendar change: Monday 30 March declared a holiday moves the breach to Tuesday', () => {
    const calendar = { ...recorded.calendar, holidays: [...recorded.calendar.holidays, { date: '2026-03-30' }] };
    const report = repairSlaClocks(histories, now, policyLike(recorded, { calendar }));
    const resolve = report.changes.find((change) => change.target === 'time-to-resolve');
    // 14 h before the hold; Monday off; Tuesday 08:00 CEST + 4 h reaches 18 h exactly at the resolution.
    expect(resolve?.after).toMatchObject({ status: 'met', elapsedMilliseconds: 18 * HOUR, breachedAt: undefined });
    expect(resolve?.before).toMatchObject({ status: 'breached', breachRecorded: false });
  });

  it('a target change is chosen afresh for the priority the record was attached with', () => {
    const report = repairSlaClocks(
      histories,
      now,
      policyLike(recorded, { targets: [{ priority: 3, timeToResolveMinutes: minutes(1800) }] }),
    );
    expect(report.changes.find((change) => change.target === 'time-to-resolve')?.after).toMatchObject({
      status: 'met',
      targetMilliseconds: 30 * HOUR,
    });
    // Time to own is no longer measured under the new rules.
    expect(report.changes.find((change) => change.target === 'time-to-own')).toMatchObject({ after: undefined });
  });

  it('a replacement function can leave records of other policies alone', () => {
    const report = repairSlaClocks(histories, now, (policy) =>
      policy?.policyId === 'another' ? policyLike(recorded) : undefined,
    );
    expect(report.records).toEqual([]);
  });
});
