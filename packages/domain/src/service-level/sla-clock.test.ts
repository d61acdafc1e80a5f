import { describe, expect, it } from '@jest/globals';
import { incidentSlaSignalsOf, type SlaSourceEvent } from './incident-sla-signals.js';
import { computeSlaClock, type SlaClock, type SlaTargetClock } from './sla-clock.js';
import type { ReopenPolicy } from './sla-policy-snapshot.js';
import { HOUR, MINUTE, baselineOf, incident, instant, sla, snapshot, twentyFourSeven } from './sla.test-fixture.js';

const clockOf = (events: readonly SlaSourceEvent[], now: string): SlaClock =>
  computeSlaClock(incidentSlaSignalsOf(events), instant(now));
const target = (clock: SlaClock, name: string, cycle = 1): SlaTargetClock => {
  const found = clock.targets.find((candidate) => candidate.target === name && candidate.cycle === cycle);
  if (found === undefined)
    throw new Error(
      `no target ${name} in cycle ${cycle}: ${clock.targets.map((t) => `${t.target}#${t.cycle}`).join(', ')}`,
    );
  return found;
};
const warningsOf = (clock: SlaTargetClock) => clock.warnings.map(({ threshold, reachedAt }) => [threshold, reachedAt]);

/**
 * Example A — office hours Mon–Fri 08:00–17:00 Europe/Berlin, P3: own 2 h, resolve 18 h
 * (two business days), OLA service desk 1 h, network 9 h. Logged Thu 26 Mar 10:00 CET,
 * on hold Fri 15:00 CET → Mon 30 Mar 10:00 CEST (DST began Sunday), resolved Tue 12:00 CEST.
 */
const exampleA: readonly SlaSourceEvent[] = [
  incident.logged('2026-03-26T10:00:00+01:00'),
  sla.attached('2026-03-26T10:00:00+01:00'),
  incident.toGroup('2026-03-26T10:30:00+01:00', 'service-desk'),
  incident.toAgent('2026-03-26T11:00:00+01:00', 'network'),
  incident.onHold('2026-03-27T15:00:00+01:00'),
  incident.resumed('2026-03-30T10:00:00+02:00'),
  incident.resolved('2026-03-31T12:00:00+02:00'),
];

describe('SLA clock, example A: office hours, pause across a weekend with a DST change', () => {
  const clock = clockOf(exampleA, '2026-03-31T12:30:00+02:00');

  it('time to own is met after 1 business hour, having crossed 50 %', () => {
    const own = target(clock, 'time-to-own');
    expect(own).toMatchObject({
      status: 'met',
      elapsedMilliseconds: HOUR,
      endedAt: '2026-03-26T10:00:00.000Z',
      clock: 'stopped',
    });
    expect(warningsOf(own)).toEqual([[50, '2026-03-26T10:00:00.000Z']]);
  });

  it('time to resolve counts Thu 7 h + Fri 7 h + Mon 7 h + Tue 4 h = 25 h, the hold not at all', () => {
    const resolve = target(clock, 'time-to-resolve');
    expect(resolve.elapsedMilliseconds).toBe(25 * HOUR);
    expect(resolve.status).toBe('breached');
    // 18 h: Thu 7 + Fri 7 (14) then Mon 10:00 CEST + 4 h.
    expect(resolve.breachedAt).toBe('2026-03-30T12:00:00.000Z');
    expect(warningsOf(resolve)).toEqual([
      [50, '2026-03-27T09:00:00.000Z'], // 9 h: Fri 10:00 CET
      [75, '2026-03-27T13:30:00.000Z'], // 13.5 h: Fri 14:30 CET
      [90, '2026-03-30T10:12:00.000Z'], // 16.2 h: Mon 12:12 CEST
    ]);
    expect(resolve.endedAt).toBe('2026-03-31T10:00:00.000Z');
  });

  it('OLA: the service desk held it 30 min (met), the network group 24 business hours (breached at 9 h)', () => {
    expect(target(clock, 'ola/service-desk')).toMatchObject({
      status: 'met',
      elapsedMilliseconds: 30 * MINUTE,
      agreement: 'ola',
    });
    const network = target(clock, 'ola/network');
    expect(network).toMatchObject({
      status: 'breached',
      elapsedMilliseconds: 24 * HOUR,
      breachedAt: '2026-03-27T10:00:00.000Z',
    });
  });

  it('while on hold, time to resolve is paused with no due instant; time to own is unaffected', () => {
    const during = clockOf(exampleA.slice(0, 5), '2026-03-28T12:00:00+01:00');
    const resolve = target(during, 'time-to-resolve');
    expect(resolve).toMatchObject({
      status: 'paused',
      clock: 'paused',
      elapsedMilliseconds: 14 * HOUR,
      dueAt: undefined,
    });
    expect(resolve.remainingMilliseconds).toBe(4 * HOUR);
    expect(during.recordStatus).toBe('paused');
  });

  it('while running, the due instant is where the remaining business time runs out', () => {
    const running = clockOf(exampleA.slice(0, 4), '2026-03-26T16:00:00+01:00');
    const resolve = target(running, 'time-to-resolve');
    expect(resolve).toMatchObject({ status: 'running', elapsedMilliseconds: 6 * HOUR });
    // Without a pause: Thu 7 h, Fri 9 h (16 h), Mon 30 Mar 08:00 CEST + 2 h.
    expect(resolve.dueAt).toBe('2026-03-30T08:00:00.000Z');
  });

  it('the same history read at any later instant gives the same final result', () => {
    expect(clockOf(exampleA, '2026-06-01T00:00:00Z').targets).toEqual(clock.targets);
  });
});

/** Example B — 24×7 UTC, resolve 8 h, own 30 min: resolved after 4 h, reopened 2 h later. */
const reopenHistory = (policy: ReopenPolicy): readonly SlaSourceEvent[] => [
  incident.logged('2026-05-04T08:00:00Z', 2),
  sla.attached(
    '2026-05-04T08:00:00Z',
    snapshot({ calendar: twentyFourSeven, reopenPolicy: policy, baseline: baselineOf(2, 480, 30) }),
  ),
  incident.toAgent('2026-05-04T08:10:00Z', 'network'),
  incident.resolved('2026-05-04T12:00:00Z'),
  incident.reopened('2026-05-04T14:00:00Z'),
];

describe('SLA clock: office hours across a holiday', () => {
  it('Good Friday does not count: logged Thu 2 Apr 15:00 with 4 h to resolve, due Mon 6 Apr 10:00', () => {
    const policy = snapshot({ baseline: baselineOf(3, 240) });
    const clock = clockOf(
      [incident.logged('2026-04-02T15:00:00+02:00'), sla.attached('2026-04-02T15:00:00+02:00', policy)],
      '2026-04-03T12:00:00+02:00',
    );
    // Thu 15–17 (2 h); Friday 3 April is a holiday; Monday 08:00 CEST + 2 h.
    expect(target(clock, 'time-to-resolve')).toMatchObject({
      status: 'running',
      elapsedMilliseconds: 2 * HOUR,
      dueAt: '2026-04-06T08:00:00.000Z',
    });
  });
});

describe('SLA clock, example B: reopen under each policy', () => {
  it('cumulative: the 4 h used continue, the 2 h resolved never count; due 18:00', () => {
    const clock = clockOf(reopenHistory('cumulative'), '2026-05-04T15:00:00Z');
    expect(clock.cycle).toBe(1);
    const resolve = target(clock, 'time-to-resolve');
    expect(resolve).toMatchObject({
      status: 'running',
      elapsedMilliseconds: 5 * HOUR,
      dueAt: '2026-05-04T18:00:00.000Z',
    });
    expect(warningsOf(resolve)).toEqual([[50, '2026-05-04T12:00:00.000Z']]);
    expect(target(clock, 'time-to-own')).toMatchObject({ status: 'met', elapsedMilliseconds: 10 * MINUTE });
  });

  it('cumulative: resolving again at 19:00 makes 9 h — breached at 18:00', () => {
    const clock = clockOf(
      [...reopenHistory('cumulative'), incident.resolved('2026-05-04T19:00:00Z')],
      '2026-05-04T20:00:00Z',
    );
    expect(target(clock, 'time-to-resolve')).toMatchObject({
      status: 'breached',
      elapsedMilliseconds: 9 * HOUR,
      breachedAt: '2026-05-04T18:00:00.000Z',
      endedAt: '2026-05-04T19:00:00.000Z',
    });
  });

  it('restart: time to resolve starts again from zero in cycle 2; cycle 1 is superseded; time to own stays met', () => {
    const clock = clockOf(reopenHistory('restart'), '2026-05-04T15:00:00Z');
    expect(clock.cycle).toBe(2);
    expect(target(clock, 'time-to-resolve', 1)).toMatchObject({ status: 'met', superseded: true });
    expect(target(clock, 'time-to-resolve', 2)).toMatchObject({
      status: 'running',
      elapsedMilliseconds: HOUR,
      dueAt: '2026-05-04T22:00:00.000Z',
      superseded: false,
    });
    expect(clock.targets.filter((candidate) => candidate.target === 'time-to-own').map((own) => own.cycle)).toEqual([
      1,
    ]);
  });

  it('new-cycle: every target starts afresh in cycle 2; cycle 1 keeps its own result', () => {
    const clock = clockOf(reopenHistory('new-cycle'), '2026-05-04T15:00:00Z');
    expect(target(clock, 'time-to-resolve', 1)).toMatchObject({
      status: 'met',
      superseded: false,
      elapsedMilliseconds: 4 * HOUR,
    });
    expect(target(clock, 'time-to-resolve', 2)).toMatchObject({
      status: 'running',
      elapsedMilliseconds: HOUR,
      dueAt: '2026-05-04T22:00:00.000Z',
    });
    // The incident still has its agent, so cycle 2's time to own is met at the reopen.
    expect(target(clock, 'time-to-own', 2)).toMatchObject({
      status: 'met',
      elapsedMilliseconds: 0,
      endedAt: '2026-05-04T14:00:00.000Z',
    });
  });

  it('a closed incident stops every clock; a cancelled one stops open targets without meeting them', () => {
    const closed = clockOf(
      [
        ...reopenHistory('cumulative'),
        incident.resolved('2026-05-04T15:00:00Z'),
        incident.closed('2026-05-05T09:00:00Z'),
      ],
      '2026-05-06T00:00:00Z',
    );
    expect(closed.recordStatus).toBe('closed');
    expect(target(closed, 'time-to-resolve')).toMatchObject({
      status: 'met',
      elapsedMilliseconds: 5 * HOUR,
      clock: 'stopped',
    });
    const cancelled = clockOf(
      [...reopenHistory('cumulative'), incident.cancelled('2026-05-04T15:00:00Z')],
      '2026-05-06T00:00:00Z',
    );
    expect(target(cancelled, 'time-to-resolve')).toMatchObject({
      status: 'stopped',
      elapsedMilliseconds: 5 * HOUR,
      clock: 'stopped',
    });
  });
});

describe('SLA clock, example C: a priority change mid-flight', () => {
  const policy = snapshot({ calendar: twentyFourSeven, baseline: baselineOf(3, 1440) });
  const history: readonly SlaSourceEvent[] = [
    incident.logged('2026-05-04T08:00:00Z', 3),
    sla.attached('2026-05-04T08:00:00Z', policy),
    incident.priorityChanged('2026-05-04T11:00:00Z', 1, 3),
  ];

  it('does not move the target by itself: the clock says a re-baseline is due', () => {
    const clock = clockOf(history, '2026-05-04T11:30:00Z');
    expect(clock).toMatchObject({ rebaselineDue: true, priority: 1, baselineNumber: 0 });
    expect(target(clock, 'time-to-resolve')).toMatchObject({
      targetMilliseconds: 24 * HOUR,
      elapsedMilliseconds: 3.5 * HOUR,
      warnings: [],
    });
  });

  it('after the explicit re-baseline the P1 target (4 h) applies to the time already used', () => {
    const clock = clockOf(
      [...history, sla.rebaselined('2026-05-04T11:30:00Z', 1, baselineOf(1, 240), 3)],
      '2026-05-04T11:30:00Z',
    );
    expect(clock).toMatchObject({ rebaselineDue: false, baselineNumber: 1 });
    const resolve = target(clock, 'time-to-resolve');
    expect(resolve).toMatchObject({
      targetMilliseconds: 4 * HOUR,
      baselineNumber: 1,
      status: 'running',
      dueAt: '2026-05-04T12:00:00.000Z',
    });
    expect(warningsOf(resolve)).toEqual([
      [50, '2026-05-04T10:00:00.000Z'],
      [75, '2026-05-04T11:00:00.000Z'],
    ]);
  });
});

describe('SLA clock: update intervals and pausing rules', () => {
  const policy = snapshot({ calendar: twentyFourSeven, baseline: baselineOf(2, 480, undefined, 60) });
  const base: readonly SlaSourceEvent[] = [
    incident.logged('2026-05-04T08:00:00Z', 2),
    sla.attached('2026-05-04T08:00:00Z', policy),
    incident.comment('2026-05-04T08:50:00Z'),
    incident.comment('2026-05-04T08:55:00Z', true),
    incident.onHold('2026-05-04T09:00:00Z', 'awaiting-vendor'),
  ];

  it('each public update meets the interval and starts the next; a caller comment is not an update', () => {
    const clock = clockOf(base, '2026-05-04T10:00:00Z');
    expect(target(clock, 'update-interval/1')).toMatchObject({ status: 'met', elapsedMilliseconds: 50 * MINUTE });
    // The default rules do not pause the update interval on hold: it ran out at 09:50.
    expect(target(clock, 'update-interval/2')).toMatchObject({
      status: 'breached',
      breachedAt: '2026-05-04T09:50:00.000Z',
    });
    expect(target(clock, 'time-to-resolve')).toMatchObject({ status: 'paused', elapsedMilliseconds: HOUR });
  });

  it('a pausing rule can name a hold reason: OnHold:awaiting-vendor pauses the update interval', () => {
    const vendor = snapshot({ ...policy, pausing: { ...policy.pausing, updateInterval: ['OnHold:awaiting-vendor'] } });
    const clock = clockOf(
      [base[0] as SlaSourceEvent, sla.attached('2026-05-04T08:00:00Z', vendor), ...base.slice(2)],
      '2026-05-04T10:00:00Z',
    );
    expect(target(clock, 'update-interval/2')).toMatchObject({ status: 'paused', elapsedMilliseconds: 10 * MINUTE });
    const caller = clockOf(
      [
        base[0] as SlaSourceEvent,
        sla.attached('2026-05-04T08:00:00Z', vendor),
        ...base.slice(2, 4),
        incident.onHold('2026-05-04T09:00:00Z', 'awaiting-caller'),
      ],
      '2026-05-04T10:00:00Z',
    );
    expect(target(caller, 'update-interval/2').status).toBe('breached');
  });

  it('without an attachment the clock has no targets', () => {
    const clock = clockOf([incident.logged('2026-05-04T08:00:00Z')], '2026-05-04T10:00:00Z');
    expect(clock).toMatchObject({ attached: false, targets: [], recordStatus: 'active', priority: 3 });
  });

  it('exactly 100 % is met when met at that instant, breached when still open', () => {
    const exact = snapshot({ calendar: twentyFourSeven, baseline: baselineOf(2, 60) });
    const met = clockOf(
      [
        incident.logged('2026-05-04T08:00:00Z', 2),
        sla.attached('2026-05-04T08:00:00Z', exact),
        incident.resolved('2026-05-04T09:00:00Z'),
      ],
      '2026-05-04T12:00:00Z',
    );
    expect(target(met, 'time-to-resolve').status).toBe('met');
    const open = clockOf(
      [incident.logged('2026-05-04T08:00:00Z', 2), sla.attached('2026-05-04T08:00:00Z', exact)],
      '2026-05-04T09:00:00Z',
    );
    expect(target(open, 'time-to-resolve')).toMatchObject({
      status: 'breached',
      breachedAt: '2026-05-04T09:00:00.000Z',
    });
  });
});
