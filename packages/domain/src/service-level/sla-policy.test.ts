import { describe, expect, it } from '@jest/globals';
import type { GroupId, ServiceId } from '../shared/ids.js';
import {
  createSlaPolicy,
  decodeSlaPolicy,
  defaultSlaPolicy,
  defaultSlaPolicyDefinition,
  slaBaselineFor,
  slaPolicySnapshotFor,
  type SlaPolicyDefinition,
} from './sla-policy.js';
import { berlinOfficeHours, minutes } from './sla.test-fixture.js';

const definition = (overrides: Partial<SlaPolicyDefinition> = {}): SlaPolicyDefinition => ({
  ...defaultSlaPolicyDefinition,
  calendar: berlinOfficeHours,
  targets: [
    { priority: 1, timeToOwnMinutes: minutes(15), timeToResolveMinutes: minutes(240) },
    { priority: 1, service: 'payroll' as ServiceId, timeToResolveMinutes: minutes(120) },
    { priority: 3, timeToResolveMinutes: minutes(1080), updateIntervalMinutes: minutes(480) },
  ],
  olaTargets: [
    { group: 'network' as GroupId, timeToResolveMinutes: minutes(540) },
    { group: 'network' as GroupId, priority: 1, timeToResolveMinutes: minutes(60) },
  ],
  ...overrides,
});
const refused = (candidate: unknown) => {
  const result = decodeSlaPolicy(candidate);
  if (result._tag === 'Right') throw new Error('expected a refusal');
  return result.left;
};

describe('SLA policies', () => {
  it('the default policy: 24×7, five priorities, 50/75/90 % warnings, OnHold pauses time to resolve, cumulative reopen', () => {
    const { definition: defaults } = defaultSlaPolicy;
    expect(defaults.calendar.name).toBe('24x7');
    expect(defaults.targets.map((rule) => rule.priority)).toEqual([1, 2, 3, 4, 5]);
    expect(defaults.warningThresholds).toEqual([50, 75, 90]);
    expect(defaults.pausing).toEqual({ timeToOwn: [], timeToResolve: ['OnHold'], updateInterval: [] });
    expect(defaults.reopenPolicy).toBe('cumulative');
  });

  it('chooses a service rule over the generic one, and a priority OLA rule over the generic one', () => {
    const created = createSlaPolicy(definition());
    if (created._tag === 'Left') throw new Error('refused');
    const policy = created.right;
    expect(slaBaselineFor(policy, 'payroll' as ServiceId, 1)).toEqual({
      priority: 1,
      targets: { timeToResolveMinutes: 120 },
      olaTargets: [{ group: 'network', timeToResolveMinutes: 60 }],
    });
    expect(slaBaselineFor(policy, 'email' as ServiceId, 1).targets).toEqual({
      timeToOwnMinutes: 15,
      timeToResolveMinutes: 240,
    });
    expect(slaBaselineFor(policy, 'email' as ServiceId, 3).olaTargets).toEqual([
      { group: 'network', timeToResolveMinutes: 540 },
    ]);
    expect(slaBaselineFor(policy, 'email' as ServiceId, 5).targets).toEqual({});
  });

  it('the snapshot records the whole policy: id, version, calendar, pausing, thresholds, reopen policy and baseline', () => {
    const created = createSlaPolicy(definition());
    if (created._tag === 'Left') throw new Error('refused');
    const snapshot = slaPolicySnapshotFor(created.right, 'email' as ServiceId, 3);
    expect(snapshot).toMatchObject({
      policyId: 'default-sla',
      policyVersion: 1,
      service: 'email',
      calendar: berlinOfficeHours,
      pausing: { timeToResolve: ['OnHold'] },
      warningThresholds: [50, 75, 90],
      reopenPolicy: 'cumulative',
      baseline: { priority: 3, targets: { timeToResolveMinutes: 1080, updateIntervalMinutes: 480 } },
    });
  });

  it('refuses bad policies with a typed error naming what is wrong', () => {
    expect(refused({ ...definition(), calendar: { ...berlinOfficeHours, timeZone: 'Europe/Atlantis' } })).toEqual({
      _tag: 'InvalidPolicyCalendar',
      error: { _tag: 'UnknownTimeZone', timeZone: 'Europe/Atlantis' },
    });
    expect(refused({ ...definition(), targets: [{ priority: 2 }, { priority: 2 }] })).toEqual({
      _tag: 'DuplicateSlaTargetRule',
      service: undefined,
      priority: 2,
    });
    expect(
      refused({ ...definition(), olaTargets: [0, 1].map(() => ({ group: 'db', timeToResolveMinutes: 5 })) })._tag,
    ).toBe('DuplicateOlaTargetRule');
    expect(refused({ ...definition(), warningThresholds: [50, 50] })._tag).toBe('InvalidWarningThresholds');
    // A negative duration is refused by the codec (decoding configuration) …
    const negative = refused({ ...definition(), targets: [{ priority: 1, timeToResolveMinutes: -30 }] });
    expect(negative._tag).toBe('MalformedSlaPolicy');
    expect(negative._tag === 'MalformedSlaPolicy' && negative.problems.join(' ')).toContain('timeToResolveMinutes');
    // … and by the policy check when the definition was built in code.
    expect(createSlaPolicy(definition({ targets: [{ priority: 1, timeToResolveMinutes: -30 as never }] }))).toEqual({
      _tag: 'Left',
      left: { _tag: 'InvalidTargetDuration', where: 'targets[0].timeToResolveMinutes', minutes: -30 },
    });
  });
});
