import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createBusinessCalendar } from './business-calendar.js';
import { incidentSlaSignals, incidentSlaSignalsOf, type SlaSourceEvent } from './incident-sla-signals.js';
import { computeSlaClock, type SlaClock } from './sla-clock.js';
import { slaHistoriesOf } from './sla-deadlines.js';
import type { ReopenPolicy, SlaPolicySnapshot } from './sla-policy-snapshot.js';
import {
  MINUTE,
  baselineOf,
  berlinOfficeHours,
  incident,
  instant,
  sla,
  snapshot,
  twentyFourSeven,
} from './sla.test-fixture.js';

type Step =
  | { readonly kind: 'toGroup' | 'toAgent'; readonly group: string }
  | { readonly kind: 'onHold'; readonly reason: string }
  | { readonly kind: 'comment' | 'workNote' | 'resumed' | 'resolved' | 'reopened' }
  | { readonly kind: 'priority'; readonly priority: 1 | 2 | 3 };

const steps: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('toGroup' as const, 'toAgent' as const),
    group: fc.constantFrom('network', 'desk'),
  }),
  fc.record({ kind: fc.constant('onHold' as const), reason: fc.constantFrom('awaiting-caller', 'awaiting-vendor') }),
  fc.record({
    kind: fc.constantFrom(
      'comment' as const,
      'workNote' as const,
      'resumed' as const,
      'resolved' as const,
      'reopened' as const,
    ),
  }),
  fc.record({ kind: fc.constant('priority' as const), priority: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
);

const START = Date.parse('2026-03-20T07:00:00Z');
const iso = (milliseconds: number): string => new Date(milliseconds).toISOString();

const eventOf = (step: Step, at: string): SlaSourceEvent => {
  switch (step.kind) {
    case 'toGroup':
      return incident.toGroup(at, step.group);
    case 'toAgent':
      return incident.toAgent(at, step.group);
    case 'onHold':
      return incident.onHold(at, step.reason);
    case 'priority':
      return incident.priorityChanged(at, step.priority, 3);
    default:
      return incident[step.kind](at);
  }
};

const policies: fc.Arbitrary<SlaPolicySnapshot> = fc
  .record({
    office: fc.boolean(),
    reopenPolicy: fc.constantFrom<ReopenPolicy>('cumulative', 'restart', 'new-cycle'),
    resolve: fc.integer({ min: 60, max: 3000 }),
    own: fc.integer({ min: 5, max: 600 }),
    update: fc.integer({ min: 30, max: 600 }),
  })
  .map(({ office, reopenPolicy, resolve, own, update }) =>
    snapshot({
      calendar: office ? berlinOfficeHours : twentyFourSeven,
      reopenPolicy,
      baseline: baselineOf(3, resolve, own, update, { network: resolve, desk: Math.max(1, Math.floor(resolve / 2)) }),
    }),
  );

/** A history: logged + attached at START, then steps at non-decreasing instants (gaps up to 3 days, often 0). */
const histories = fc
  .record({
    policy: policies,
    steps: fc.array(fc.tuple(steps, fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * 24 * 60 }))), {
      minLength: 1,
      maxLength: 25,
    }),
  })
  .map(({ policy, steps: timed }) => {
    let at = START;
    const events: SlaSourceEvent[] = [incident.logged(iso(START)), sla.attached(iso(START), policy)];
    const times: number[] = [START, START];
    for (const [step, gap] of timed) {
      at += gap * MINUTE;
      events.push(eventOf(step, iso(at)));
      times.push(at);
    }
    return { policy, events, times, end: at };
  });

const clockAt = (events: readonly SlaSourceEvent[], now: number): SlaClock =>
  computeSlaClock(incidentSlaSignalsOf(events), instant(iso(now)));
const byKey = (clock: SlaClock) => new Map(clock.targets.map((target) => [`${target.cycle}|${target.target}`, target]));

const checked = { count: 0 };

describe('SLA clock properties', () => {
  it('elapsed business time is monotonic in wall time, never exceeds it, and a breach stays a breach', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.integer({ min: 0, max: 20 * 24 * 60 }), { minLength: 2, maxLength: 5 }),
        ({ events, end }, offsets) => {
          const nows = [...offsets].sort((a, b) => a - b).map((offset) => end + offset * MINUTE);
          let previous: Map<string, SlaClock['targets'][number]> | undefined;
          for (const now of nows) {
            const current = byKey(clockAt(events, now));
            for (const [key, target] of current) {
              expect(target.elapsedMilliseconds).toBeGreaterThanOrEqual(0);
              expect(target.elapsedMilliseconds).toBeLessThanOrEqual(now - Date.parse(target.startedAt));
              const before = previous?.get(key);
              if (before === undefined) continue;
              expect(target.elapsedMilliseconds).toBeGreaterThanOrEqual(before.elapsedMilliseconds);
              if (before.status === 'breached') expect(target.status).toBe('breached');
            }
            previous = current;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a pause never counts: holding the record over [t1, t2] removes exactly the business time of [t1, t2] from time to resolve', () => {
    fc.assert(
      fc.property(
        histories,
        fc.nat(),
        fc.integer({ min: 1, max: 4 * 24 * 60 }),
        ({ policy, events, times, end }, pick, lengthMinutes) => {
          // Insert an on-hold of `lengthMinutes`, then a resume, right after event `index` and before the next one.
          const index = 1 + (pick % (events.length - 1));
          const t1 = times[index] as number;
          const t2 = t1 + lengthMinutes * MINUTE;
          // Later events move by the hold's length, in both histories, so the hold is the only difference.
          const later = events.slice(index + 1).map((event) => {
            const data = event.data as { at: string };
            return { ...event, data: { ...data, at: iso(Date.parse(data.at) + lengthMinutes * MINUTE) } };
          });
          const base = [...events.slice(0, index + 1), ...later];
          const prefixClock = byKey(clockAt(base.slice(0, index + 1), t1));
          const withHold = [
            ...events.slice(0, index + 1),
            incident.onHold(iso(t1), 'awaiting-caller'),
            incident.resumed(iso(t2)),
            ...later,
          ];
          const now = Math.max(end, t2) + 10 * 24 * 60 * MINUTE;
          const without = byKey(clockAt(base, now));
          const held = byKey(clockAt(withHold, now));
          const calendar = createBusinessCalendar(policy.calendar);
          if (calendar._tag === 'Left') throw new Error('calendar refused');
          for (const [key, target] of prefixClock) {
            if (target.status !== 'running' && !(target.status === 'breached' && target.clock === 'running')) continue;
            const a = without.get(key);
            const b = held.get(key);
            if (a === undefined || b === undefined) continue;
            checked.count += 1;
            if (target.kind === 'time-to-resolve' || target.kind === 'ola')
              expect(a.elapsedMilliseconds - b.elapsedMilliseconds).toBe(
                calendar.right.businessMillisecondsBetween(t1, t2),
              );
            // OnHold does not pause time to own or the update interval by default.
            if (target.kind === 'time-to-own' || target.kind === 'update-interval')
              expect(b.elapsedMilliseconds).toBe(a.elapsedMilliseconds);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property must compare running targets, not pass vacuously.
    expect(checked.count).toBeGreaterThan(300);
  });

  it('gives the same clocks whatever order records are interleaved in the log, and work notes change nothing', () => {
    fc.assert(
      fc.property(
        histories,
        histories,
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        (first, second, choices) => {
          const tag = (id: string, event: SlaSourceEvent) => ({ streamId: `incident-${id}`, ...event });
          const a = first.events.map((event) => tag('A', event));
          const b = second.events.map((event) => tag('B', event));
          const interleaved = [];
          let i = 0;
          let j = 0;
          for (const choice of choices) {
            if ((choice && i < a.length) || j >= b.length) {
              if (i < a.length) interleaved.push(a[i++]);
            } else interleaved.push(b[j++]);
          }
          interleaved.push(...a.slice(i), ...b.slice(j));
          const now = instant(iso(Math.max(first.end, second.end) + 60 * MINUTE));
          const replayed = slaHistoriesOf(interleaved as never[], { incident: incidentSlaSignals });
          const clockA = computeSlaClock(
            replayed.find((history) => history.streamId === 'incident-A')?.signals ?? [],
            now,
          );
          expect(clockA).toEqual(computeSlaClock(incidentSlaSignalsOf(first.events), now));
          const withNotes = first.events.flatMap((event) => [
            event,
            incident.workNote((event.data as { at: string }).at),
          ]);
          expect(computeSlaClock(incidentSlaSignalsOf(withNotes), now)).toEqual(clockA);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a clock that jumps back or stands still causes no anomaly: no negative time, no instant before its start', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.integer({ min: -5 * 24 * 60, max: 0 }), { minLength: 30, maxLength: 30 }),
        fc.boolean(),
        ({ events, end }, jumps, frozen) => {
          const jumped = events.map((event, index) => {
            const data = event.data as { at: string };
            const at = frozen
              ? START
              : Date.parse(data.at) + (index < 2 ? 0 : (jumps[index % jumps.length] as number) * MINUTE);
            return { ...event, data: { ...data, at: iso(at) } };
          });
          // "Now" may also be read from a clock that is behind the last event.
          const clock = clockAt(jumped, frozen ? START : end - 60 * MINUTE);
          const asOf = Date.parse(clock.asOf);
          for (const target of clock.targets) {
            const started = Date.parse(target.startedAt);
            expect(target.elapsedMilliseconds).toBeGreaterThanOrEqual(0);
            expect(started).toBeLessThanOrEqual(asOf);
            if (target.dueAt !== undefined) expect(Date.parse(target.dueAt)).toBeGreaterThanOrEqual(started);
            if (target.breachedAt !== undefined) expect(Date.parse(target.breachedAt)).toBeGreaterThanOrEqual(started);
            const reached = target.warnings.map((warning) => Date.parse(warning.reachedAt));
            expect([...reached].sort((x, y) => x - y)).toEqual(reached);
            if (frozen) expect(target).toMatchObject({ elapsedMilliseconds: 0, warnings: [] });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
