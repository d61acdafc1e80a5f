import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import type { GroupId } from '../shared/ids.js';
import type { ShortText } from '../shared/text.js';
import type { SlaPolicySnapshot, SlaTargetId, WarningThreshold } from './sla-policy-snapshot.js';
import {
  SlaCommand,
  SlaEvent,
  decideSlaCommand,
  initialSlaRecordState,
  slaEventSchemas,
  slaRecordDecider,
  type SlaRecordReference,
} from './sla-record.js';
import {
  agentActor,
  baselineOf,
  berlinOfficeHours,
  instant,
  minutes,
  metadataAt,
  processActor,
  record,
  sla,
  snapshot,
} from './sla.test-fixture.js';

const spec = deciderSpec(slaRecordDecider);
const at = '2026-03-26T12:00:00Z';
const who = { at: instant(at), by: processActor.id };

const attach = (policy: SlaPolicySnapshot = snapshot(), actor = processActor): SlaCommand => ({
  type: 'AttachSla',
  data: { record, policy },
  metadata: metadataAt(at, actor),
});
const warn = (
  target: string,
  threshold: number,
  cycle = 1,
  baseline = 0,
  forRecord: SlaRecordReference = record,
): SlaCommand => ({
  type: 'RecordSlaWarning',
  data: {
    record: forRecord,
    target: target as SlaTargetId,
    threshold: threshold as WarningThreshold,
    cycle,
    baseline,
    reachedAt: instant('2026-03-26T11:00:00Z'),
  },
  metadata: metadataAt(at),
});
const breach = (target: string, cycle = 1, baseline = 0): SlaCommand => ({
  type: 'RecordSlaBreach',
  data: { record, target: target as SlaTargetId, cycle, baseline, breachedAt: instant('2026-03-26T11:30:00Z') },
  metadata: metadataAt(at),
});
const rebaseline = (priority: 1 | 2 | 3, resolve: number): SlaCommand => ({
  type: 'RebaselineSla',
  data: { record, ...baselineOf(priority, resolve), reason: 'priority changed' as ShortText },
  metadata: metadataAt(at),
});
const attached = sla.attached(at);
const warned = (target: string, threshold: number, cycle = 1, baseline = 0): SlaEvent => ({
  type: 'SlaWarningReached',
  data: {
    record,
    target: target as SlaTargetId,
    threshold: threshold as WarningThreshold,
    cycle,
    baseline,
    reachedAt: instant('2026-03-26T11:00:00Z'),
    ...who,
  },
});

describe('AttachSla', () => {
  it('records the full policy snapshot', () => {
    spec
      .given([])
      .when(attach())
      .then([{ type: 'SlaAttached', data: { record, policy: snapshot(), ...who } }]);
  });
  it('attaching the same policy again decides nothing; a different one is refused', () => {
    spec.given([attached]).when(attach()).thenNothing();
    spec
      .given([attached])
      .when(attach(snapshot({ policyVersion: 2 })))
      .thenFails('SlaAlreadyAttached');
  });
  it('refuses a snapshot with an invalid calendar, naming the problem', () => {
    const error = spec
      .given([])
      .when(attach(snapshot({ calendar: { ...berlinOfficeHours, timeZone: 'Nowhere/Special' } })))
      .thenFails('InvalidSlaPolicy');
    expect(error.problems).toEqual(['calendar: unknown time zone "Nowhere/Special"']);
  });
  it('refuses duplicate thresholds and duplicate OLA groups', () => {
    spec
      .given([])
      .when(attach(snapshot({ warningThresholds: [50, 50] as WarningThreshold[] })))
      .thenFails('InvalidSlaPolicy');
    const twice = {
      ...baselineOf(3, 60),
      olaTargets: [0, 1].map(() => ({ group: 'network' as GroupId, timeToResolveMinutes: minutes(60) })),
    };
    spec
      .given([])
      .when(attach(snapshot({ baseline: twice })))
      .thenFails('InvalidSlaPolicy');
  });
  it('refuses an actor without an allowed role', () => {
    spec.given([]).when(attach(snapshot(), agentActor)).thenFails('CommandNotAuthorized');
  });
});

describe('RecordSlaWarning / RecordSlaBreach: exactly once per cycle, baseline, target and threshold', () => {
  it('records a warning, then decides nothing for the same one again', () => {
    spec
      .given([attached])
      .when(warn('time-to-resolve', 50))
      .then([warned('time-to-resolve', 50)]);
    spec
      .given([attached, warned('time-to-resolve', 50)])
      .when(warn('time-to-resolve', 50))
      .thenNothing();
  });
  it('another threshold, target or cycle is another fact', () => {
    const history = [attached, warned('time-to-resolve', 50)];
    spec
      .given(history)
      .when(warn('time-to-resolve', 75))
      .then([warned('time-to-resolve', 75)]);
    spec
      .given(history)
      .when(warn('time-to-own', 50))
      .then([warned('time-to-own', 50)]);
    spec
      .given(history)
      .when(warn('time-to-resolve', 50, 2))
      .then([warned('time-to-resolve', 50, 2)]);
  });
  it('records a breach once', () => {
    const breached: SlaEvent = {
      type: 'SlaBreached',
      data: {
        record,
        target: 'ola/network' as SlaTargetId,
        cycle: 1,
        baseline: 0,
        breachedAt: instant('2026-03-26T11:30:00Z'),
        ...who,
      },
    };
    spec.given([attached]).when(breach('ola/network')).then([breached]);
    spec.given([attached, breached]).when(breach('ola/network')).thenNothing();
  });
  it('refuses facts for a record without an SLA, for another record, for unknown targets, thresholds and baselines', () => {
    spec.given([]).when(warn('time-to-resolve', 50)).thenFails('SlaNotAttached');
    spec
      .given([attached])
      .when(warn('time-to-resolve', 50, 1, 0, { category: 'incident', id: 'INC-2' }))
      .thenFails('SlaRecordMismatch');
    spec.given([attached]).when(warn('update-interval/1', 50)).thenFails('UnknownSlaTarget');
    spec.given([attached]).when(breach('ola/storage')).thenFails('UnknownSlaTarget');
    spec.given([attached]).when(warn('time-to-resolve', 60)).thenFails('UnknownSlaThreshold');
    spec
      .given([attached])
      .when(warn('time-to-resolve', 50, 1, 1))
      .thenFails('SlaBaselineMismatch');
  });
  it('only the process and service level managers record warnings and breaches', () => {
    spec
      .given([attached])
      .when({ ...breach('time-to-resolve'), metadata: metadataAt(at, agentActor) })
      .thenFails('CommandNotAuthorized');
  });
});

describe('RebaselineSla', () => {
  it('records the new baseline with the next number and the previous priority', () => {
    spec
      .given([attached])
      .when(rebaseline(1, 240))
      .then(
        [sla.rebaselined(at, 1, baselineOf(1, 240), 3)].map(
          (event) => ({ ...event, data: { ...event.data, by: processActor.id } }) as SlaEvent,
        ),
      );
  });
  it('re-baselining to the baseline in force decides nothing (retries, concurrent runs)', () => {
    spec
      .given([attached, sla.rebaselined(at, 1, baselineOf(1, 240), 3)])
      .when(rebaseline(1, 240))
      .thenNothing();
  });
  it('after a re-baseline, facts are recorded against the new baseline only', () => {
    const history = [attached, sla.rebaselined(at, 1, baselineOf(1, 240), 3)];
    spec
      .given(history)
      .when(warn('time-to-resolve', 50, 1, 0))
      .thenFails('SlaBaselineMismatch');
    spec
      .given(history)
      .when(warn('time-to-resolve', 50, 1, 1))
      .then([warned('time-to-resolve', 50, 1, 1)]);
  });
  it('refuses a re-baseline before any attachment', () => {
    spec.given([]).when(rebaseline(1, 240)).thenFails('SlaNotAttached');
  });
});

describe('codecs and schemas', () => {
  it('the command codec strips unknown fields and refuses bad thresholds and targets', () => {
    const input = { ...warn('time-to-resolve', 50), extra: true };
    const decoded = SlaCommand.decode(input);
    expect(decoded._tag).toBe('Right');
    expect(SlaCommand.is(decoded._tag === 'Right' ? decoded.right : undefined)).toBe(true);
    expect(SlaCommand.decode({ ...warn('time-to-resolve', 100) })._tag).toBe('Left');
    expect(SlaCommand.decode({ ...warn('time/to/resolve', 50) })._tag).toBe('Left');
  });
  it('every decided event validates against its registered schema', () => {
    const decided = decideSlaCommand(attach(), initialSlaRecordState);
    if (decided._tag === 'Left') throw new Error('refused');
    for (const event of decided.right) {
      const schema = slaEventSchemas.find((candidate) => candidate.type === event.type);
      if (schema?.validate === undefined) throw new Error(`no schema validating ${event.type}`);
      expect(schema.validate(JSON.parse(JSON.stringify(event.data)))).toBeUndefined();
      expect(SlaEvent.is(event)).toBe(true);
    }
    expect(slaEventSchemas.map((schema) => schema.type).sort()).toEqual([
      'SlaAttached',
      'SlaBreached',
      'SlaRebaselined',
      'SlaWarningReached',
    ]);
  });
});
