import { describe, expect, it } from '@jest/globals';
import { projectionSpec, type GivenEvent } from '@itsm/testing';
import { olaCompliance, slaAtRisk, slaBreaches, slaCompliance, slaProjection } from './sla.js';

// The SLA read model's update intervals and OLA per assignment group, told as one incident's story on wall-clock
// time (the equivalence with the domain's clock over random histories is sla-domain-equivalence.test.ts).

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();
const ev = (type: string, minutes: number, data: Record<string, unknown> = {}): GivenEvent => ({
  type,
  data: { incidentId: 'INC1', at: at(minutes), by: 'agent', ...data },
});
const fact = (
  type: 'SlaBreached' | 'SlaWarningReached',
  minutes: number,
  data: Record<string, unknown>,
): GivenEvent => ({
  type,
  data: { record: { category: 'incident', id: 'INC1' }, cycle: 1, baseline: 0, at: at(minutes), by: 'sla', ...data },
});

const attached: GivenEvent = {
  type: 'SlaAttached',
  data: {
    record: { category: 'incident', id: 'INC1' },
    policy: {
      policyId: 'sla-email',
      policyVersion: 1,
      policyName: 'email',
      service: 'email',
      calendar: { timeZone: 'UTC' },
      pausing: { timeToOwn: [], timeToResolve: ['OnHold:awaiting-caller'], updateInterval: [] },
      warningThresholds: [50, 75, 90],
      reopenPolicy: 'cumulative',
      baseline: {
        priority: 2,
        targets: { timeToOwnMinutes: 30, timeToResolveMinutes: 600, updateIntervalMinutes: 60 },
        olaTargets: [
          { group: 'network', timeToResolveMinutes: 120 },
          { group: 'database', timeToResolveMinutes: 60 },
        ],
      },
    },
    at: at(0),
    by: 'desk',
  },
};

/** Network holds the record 60 minutes, database 85 (a hold excluded); a public update at 20; resolved at 180. */
const untilResumed: GivenEvent[] = [
  ev('IncidentLogged', 0, { service: 'email', priority: 2 }),
  attached,
  ev('IncidentAssignedToGroup', 5, { group: 'network' }),
  ev('IncidentCommentAdded', 20, { text: 'we are on it', byCaller: false }),
  ev('IncidentCommentAdded', 30, { text: 'any news?', byCaller: true }),
  ev('IncidentAssignedToGroup', 65, { group: 'database' }),
  fact('SlaBreached', 80, { target: 'update-interval/2', breachedAt: at(80) }),
  ev('IncidentPutOnHold', 100, { reason: 'awaiting-caller' }),
  ev('IncidentResumed', 130, { automatic: false }),
];
const story: GivenEvent[] = [
  ...untilResumed,
  ev('IncidentAssignedToAgent', 140, { group: 'database', agent: 'ann' }),
  fact('SlaWarningReached', 150, { target: 'ola/database', threshold: 90, reachedAt: at(149) }),
  fact('SlaBreached', 170, { target: 'ola/database', breachedAt: at(155) }),
  ev('IncidentResolved', 180, { resolutionCode: 'solved-remotely', resolutionNotes: 'ok', resolvedChildren: [] }),
];

describe('SLA read model: update intervals and OLA per assignment group', () => {
  it('keeps a row per update interval and per group, with the business time each group held the record', async () => {
    await projectionSpec(slaProjection)
      .givenEvents(...story)
      .thenQuery((db) =>
        db
          .selectFrom('sla_target')
          .select(['target', 'kind', 'assignment_group', 'state', 'started_at', 'elapsed_ms', 'outcome', 'breached'])
          .where('kind', 'in', ['update-interval', 'ola'])
          .orderBy('target')
          .execute(),
      )
      .returns([
        // Held 65 → 100 and 130 → 180 (the hold pauses OLA clocks as it pauses time to resolve): 85 of 60 minutes.
        {
          target: 'ola/database',
          kind: 'ola',
          assignment_group: 'database',
          state: 'stopped',
          started_at: at(65),
          elapsed_ms: 85 * MINUTE,
          outcome: 'breached',
          breached: 1,
        },
        // Held 5 → 65, then passed on: met (its clock stopped with the resolution).
        {
          target: 'ola/network',
          kind: 'ola',
          assignment_group: 'network',
          state: 'stopped',
          started_at: at(5),
          elapsed_ms: 60 * MINUTE,
          outcome: 'met',
          breached: 0,
        },
        // The caller's comment is no update; the support's at 20 is.
        {
          target: 'update-interval/1',
          kind: 'update-interval',
          assignment_group: null,
          state: 'stopped',
          started_at: at(0),
          elapsed_ms: 20 * MINUTE,
          outcome: 'met',
          breached: 0,
        },
        {
          target: 'update-interval/2',
          kind: 'update-interval',
          assignment_group: null,
          state: 'stopped',
          started_at: at(20),
          elapsed_ms: 160 * MINUTE,
          outcome: 'breached',
          breached: 1,
        },
      ]);
  });

  it('shows OLA and update-interval targets at risk, and breaches by kind and by assignment group', async () => {
    const spec = projectionSpec(slaProjection).givenEvents(...untilResumed);
    // At 130 the database group has used 35 of its 60 minutes: 50 % is behind it, the breach due at 155.
    await spec
      .thenQuery(async (db) =>
        (await slaAtRisk(db, { now: new Date(at(130)), withinMs: 30 * MINUTE, kind: 'ola' })).map((row) => [
          row.target,
          row.next_warning_threshold,
          row.due_at,
        ]),
      )
      .returns([['ola/database', 50, at(155)]]);
    await spec
      .thenQuery(async (db) =>
        (await slaBreaches(db, { kind: 'update-interval', openOnly: true })).map((row) => [row.target, row.state]),
      )
      .returns([['update-interval/2', 'running']]);
    await spec.thenQuery(async (db) => (await slaBreaches(db, { assignmentGroup: 'database' })).length).returns(0);
    // A group that passed the record on has met its OLA while the record is still open; its clock waits in case
    // the record comes back to it.
    await spec
      .thenQuery((db) =>
        db
          .selectFrom('sla_target')
          .select(['state', 'outcome', 'period', 'stopped_at'])
          .where('target', '=', 'ola/network')
          .execute(),
      )
      .returns([{ state: 'paused', outcome: 'met', period: '2026-03', stopped_at: null }]);
  });

  it('counts compliance per kind of target, and OLA compliance per assignment group with the mean time held', async () => {
    const spec = projectionSpec(slaProjection).givenEvents(...story);
    await spec
      .thenQuery(async (db) =>
        (await slaCompliance(db)).map((row) => [row.kind, row.met, row.breached, row.compliance_percent]),
      )
      .returns([
        // Owned at 140 of 30 minutes.
        ['time-to-own', 0, 1, 0],
        ['time-to-resolve', 1, 0, 100],
        ['update-interval', 1, 1, 50],
        ['ola', 1, 1, 50],
      ]);
    await spec
      .thenQuery((db) => olaCompliance(db))
      .returns([
        {
          assignment_group: 'database',
          period: '2026-03',
          met: 0,
          breached: 1,
          compliance_percent: 0,
          mean_held_ms: 85 * MINUTE,
          held_records: 1,
        },
        {
          assignment_group: 'network',
          period: '2026-03',
          met: 1,
          breached: 0,
          compliance_percent: 100,
          mean_held_ms: 60 * MINUTE,
          held_records: 1,
        },
      ]);
    await spec
      .thenQuery(async (db) => (await slaCompliance(db, { kind: 'ola' })).map((row) => row.kind))
      .returns(['ola']);
    await spec
      .thenQuery(async (db) => (await olaCompliance(db, { assignmentGroup: 'network', fromPeriod: '2026-04' })).length)
      .returns(0);
  });

  it('keeps its per-record state the size of the open measurements, however many updates were given', async () => {
    const updates = (count: number): GivenEvent[] => [
      ev('IncidentLogged', 0, { service: 'email', priority: 2 }),
      attached,
      ev('IncidentAssignedToGroup', 1, { group: 'network' }),
      ...Array.from({ length: count }, (_, index) =>
        ev('IncidentCommentAdded', 2 + index, { text: `update ${index}`, byCaller: false }),
      ),
    ];
    const stateAfter = (count: number) =>
      projectionSpec(slaProjection)
        .givenEvents(...updates(count))
        .thenQuery(async (db) => {
          const policy = await db.selectFrom('sla_policy').select('state').executeTakeFirstOrThrow();
          const intervals = await db
            .selectFrom('sla_target')
            .select((eb) => eb.fn.countAll().as('count'))
            .where('kind', '=', 'update-interval')
            .executeTakeFirstOrThrow();
          return { length: String(policy.state).length, intervals: Number(intervals.count) };
        })
        .result();
    const few = await stateAfter(3);
    const many = await stateAfter(300);
    expect([few.intervals, many.intervals]).toEqual([4, 301]);
    // Only the digits of the current interval's number and instants grow.
    expect(many.length - few.length).toBeLessThan(20);
  });

  it('counts an OLA breached while the group still holds the record, but leaves it out of the mean time held', async () => {
    await projectionSpec(slaProjection)
      .givenEvents(
        ev('IncidentLogged', 0, { service: 'email', priority: 2 }),
        attached,
        ev('IncidentAssignedToGroup', 5, { group: 'database' }),
        fact('SlaBreached', 70, { target: 'ola/database', breachedAt: at(65) }),
      )
      .thenQuery(async (db) => ({
        ola: await olaCompliance(db),
        row: (await slaBreaches(db, { kind: 'ola' })).map((target) => [target.target, target.state, target.outcome]),
      }))
      .returns({
        ola: [
          {
            assignment_group: 'database',
            period: '2026-03',
            met: 0,
            breached: 1,
            compliance_percent: 0,
            mean_held_ms: null,
            held_records: 0,
          },
        ],
        row: [['ola/database', 'running', 'breached']],
      });
  });
});
