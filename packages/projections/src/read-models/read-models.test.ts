import { describe, expect, it } from '@jest/globals';
import { projectionSpec, type GivenEvent } from '@itsm/testing';
import { agentQueue, groupQueue, unassignedQueue, workQueueProjection } from './work-queue.js';
import { slaAtRisk, slaBreaches, slaCompliance, slaProjection, slaProjectionWith } from './sla.js';
import {
  actorAuditTrail,
  auditTrailProjection,
  auditTrailToCsv,
  auditTrailToJson,
  recordAuditTrail,
} from './audit-trail.js';
import {
  backlogAging,
  changeMetrics,
  incidentMetrics,
  knowledgeUse,
  serviceMetricsProjection,
} from './service-metrics.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const logged = (id: string, minutes: number, priority: number, extra: Record<string, unknown> = {}): GivenEvent => ({
  type: 'IncidentLogged',
  data: {
    incidentId: id,
    at: at(minutes),
    by: 'desk',
    caller: 'carol',
    service: 'email',
    category: 'software',
    impact: 2,
    urgency: 2,
    priority,
    channel: 'phone',
    shortDescription: `incident ${id}`,
    description: 'broken',
    ...extra,
  },
});
const ev = (
  type: string,
  id: string,
  minutes: number,
  data: Record<string, unknown> = {},
  by = 'agent',
): GivenEvent => ({
  type,
  data: { incidentId: id, at: at(minutes), by, ...data },
});
const slaAttached = (
  id: string,
  minutes: number,
  own: number,
  resolve: number,
  extra: Record<string, unknown> = {},
): GivenEvent => ({
  type: 'SlaAttached',
  data: {
    record: { category: 'incident', id },
    policy: {
      policyId: 'sla-email',
      policyVersion: 1,
      policyName: 'email',
      service: 'email',
      calendar: { timeZone: 'UTC' },
      pausing: { timeToOwn: [], timeToResolve: ['OnHold:awaiting-caller'], updateInterval: [] },
      warningThresholds: [50, 75, 90],
      reopenPolicy: 'cumulative',
      baseline: { priority: 2, targets: { timeToOwnMinutes: own, timeToResolveMinutes: resolve }, olaTargets: [] },
      ...extra,
    },
    at: at(minutes),
    by: 'sla',
  },
});

describe('work queue', () => {
  const history = [
    logged('INC1', 0, 3),
    logged('INC2', 1, 1),
    logged('INC3', 2, 3),
    logged('INC4', 3, 2),
    ev('IncidentAssignedToGroup', 'INC1', 5, { group: 'network' }),
    ev('IncidentAssignedToGroup', 'INC2', 6, { group: 'network' }),
    ev('IncidentAssignedToGroup', 'INC3', 7, { group: 'network' }),
    ev('IncidentAssignedToAgent', 'INC3', 8, { group: 'network', agent: 'ann' }),
    ev('IncidentPutOnHold', 'INC3', 9, { reason: 'awaiting-vendor' }),
    ev('IncidentAssignedToGroup', 'INC4', 10, { group: 'apps' }),
    ev('IncidentResolved', 'INC4', 11, {
      resolutionCode: 'solved-remotely',
      resolutionNotes: 'ok',
      resolvedChildren: [],
    }),
  ];

  it('orders a group queue by priority, then age, and shows the on-hold reason', async () => {
    const rows = await projectionSpec(workQueueProjection)
      .givenEvents(...history)
      .thenQuery((db) => groupQueue(db, 'network'))
      .result();
    expect(rows.map((r) => [r.record_number, r.priority, r.status, r.on_hold_reason, r.assignee])).toEqual([
      ['INC2', 1, 'assigned', null, null],
      ['INC1', 3, 'assigned', null, null],
      ['INC3', 3, 'on-hold', 'awaiting-vendor', 'ann'],
    ]);
  });

  it('lists the agent queue, the unassigned queue, and leaves resolved records out unless asked', async () => {
    const spec = projectionSpec(workQueueProjection).givenEvents(...history);
    await spec
      .thenQuery(async (db) => (await agentQueue(db, 'ann')).map((r) => r.record_id))
      .returns(['incident-INC3']);
    await spec.thenQuery(async (db) => (await unassignedQueue(db)).map((r) => r.record_id)).returns([]);
    await spec.thenQuery(async (db) => (await groupQueue(db, 'apps')).map((r) => r.record_id)).returns([]);
    await spec
      .thenQuery(async (db) =>
        (await groupQueue(db, 'apps', { includeResolved: true })).map((r) => [r.record_id, r.status]),
      )
      .returns([['incident-INC4', 'resolved']]);
    await spec
      .thenQuery(async (db) => (await groupQueue(db, 'network', { onHold: true })).map((r) => r.record_number))
      .returns(['INC3']);
  });

  it('shows a new record as unassigned and removes closed and cancelled ones', async () => {
    await projectionSpec(workQueueProjection)
      .givenEvents(
        logged('INC1', 0, 3),
        logged('INC2', 1, 3),
        logged('INC3', 2, 3),
        ev('IncidentCancelled', 'INC2', 3, { reason: 'duplicate' }),
        ev('IncidentResolved', 'INC3', 4, {
          resolutionCode: 'solved-remotely',
          resolutionNotes: 'ok',
          resolvedChildren: [],
        }),
        ev('IncidentClosed', 'INC3', 5, { closure: 'confirmed' }),
      )
      .thenQuery(async (db) =>
        (await unassignedQueue(db, { includeResolved: true })).map((r) => [r.record_number, r.status]),
      )
      .returns([['INC1', 'new']]);
  });

  it('orders equal priorities by the earliest SLA due when the SLA projection runs', async () => {
    await projectionSpec(workQueueProjection, slaProjection)
      .givenEvents(
        logged('INC1', 0, 2),
        slaAttached('INC1', 0, 600, 600),
        logged('INC2', 1, 2),
        slaAttached('INC2', 1, 60, 60),
        ev('IncidentAssignedToGroup', 'INC1', 2, { group: 'g' }),
        ev('IncidentAssignedToGroup', 'INC2', 2, { group: 'g' }),
      )
      .thenQuery(async (db) => (await groupQueue(db, 'g')).map((r) => [r.record_number, r.sla_due_at]))
      .returns([
        ['INC2', at(61)],
        ['INC1', at(600)],
      ]);
  });
});

describe('SLA', () => {
  it('computes due and warning times, pauses on hold, and reports targets at risk within a window', async () => {
    const spec = projectionSpec(slaProjection).givenEvents(
      logged('INC1', 0, 2),
      slaAttached('INC1', 0, 30, 100),
      ev('IncidentAssignedToAgent', 'INC1', 10, { group: 'g', agent: 'ann' }),
      ev('IncidentPutOnHold', 'INC1', 20, { reason: 'awaiting-caller' }),
      ev('IncidentResumed', 'INC1', 50, { automatic: false }),
    );
    await spec
      .thenQuery((db) =>
        db
          .selectFrom('sla_target')
          .select(['target', 'state', 'outcome', 'elapsed_ms', 'due_at', 'next_warning_at'])
          .orderBy('target')
          .execute(),
      )
      .returns([
        // Owned after 10 of 30 minutes: met.
        {
          target: 'time-to-own',
          state: 'stopped',
          outcome: 'met',
          elapsed_ms: 10 * 60_000,
          due_at: null,
          next_warning_at: null,
        },
        // 20 minutes used before the hold, resumed at 50: due at 50 + 80 = 130; 50 % at 50 + 30 = 80.
        {
          target: 'time-to-resolve',
          state: 'running',
          outcome: null,
          elapsed_ms: 20 * 60_000,
          due_at: at(130),
          next_warning_at: at(80),
        },
      ]);
    await spec
      .thenQuery(async (db) =>
        (await slaAtRisk(db, { now: new Date(at(60)), withinMs: 30 * 60_000 })).map((r) => r.target),
      )
      .returns(['time-to-resolve']);
    await spec
      .thenQuery(async (db) => (await slaAtRisk(db, { now: new Date(at(60)), withinMs: 10 * 60_000 })).length)
      .returns(0);
  });

  it('does not pause for a hold reason the policy does not list', async () => {
    await projectionSpec(slaProjection)
      .givenEvents(
        logged('INC1', 0, 2),
        slaAttached('INC1', 0, 30, 100),
        ev('IncidentPutOnHold', 'INC1', 20, { reason: 'awaiting-vendor' }),
      )
      .thenQuery((db) =>
        db.selectFrom('sla_target').select(['state', 'due_at']).where('target', '=', 'time-to-resolve').execute(),
      )
      .returns([{ state: 'running', due_at: at(100) }]);
  });

  it('records warnings and breaches from the deadline process and computes compliance per service, priority and month', async () => {
    const spec = projectionSpec(slaProjection).givenEvents(
      logged('INC1', 0, 2),
      slaAttached('INC1', 0, 30, 100),
      {
        type: 'SlaWarningReached',
        data: {
          record: { category: 'incident', id: 'INC1' },
          target: 'time-to-resolve',
          threshold: 50,
          cycle: 1,
          baseline: 0,
          reachedAt: at(50),
          at: at(50),
          by: 'sla',
        },
      },
      {
        type: 'SlaBreached',
        data: {
          record: { category: 'incident', id: 'INC1' },
          target: 'time-to-resolve',
          cycle: 1,
          baseline: 0,
          breachedAt: at(100),
          at: at(100),
          by: 'sla',
        },
      },
      ev('IncidentResolved', 'INC1', 120, {
        resolutionCode: 'solved-remotely',
        resolutionNotes: 'ok',
        resolvedChildren: [],
      }),
      logged('INC2', 0, 2),
      slaAttached('INC2', 0, 30, 100),
      ev('IncidentWorkStarted', 'INC2', 40),
      ev('IncidentResolved', 'INC2', 90, {
        resolutionCode: 'solved-remotely',
        resolutionNotes: 'ok',
        resolvedChildren: [],
      }),
      logged('INC3', 0, 2),
      slaAttached('INC3', 0, 30, 100),
      ev('IncidentCancelled', 'INC3', 5, { reason: 'duplicate' }),
    );
    await spec
      .thenQuery(async (db) =>
        (await slaBreaches(db)).map((r) => [r.record_id, r.target, r.breached_at, r.last_warning]),
      )
      .returns([['incident-INC1', 'time-to-resolve', at(100), 50]]);
    await spec
      .thenQuery((db) => slaCompliance(db))
      .returns([
        // Owned at 40 (INC2) and never owned before resolution at 120 (INC1): both late.
        {
          service: 'email',
          priority: 2,
          kind: 'time-to-own',
          period: '2026-03',
          met: 0,
          breached: 2,
          compliance_percent: 0,
        },
        {
          service: 'email',
          priority: 2,
          kind: 'time-to-resolve',
          period: '2026-03',
          met: 1,
          breached: 1,
          compliance_percent: 50,
        },
      ]);
  });

  it('keeps the time used on reopen (cumulative) and uses the business calendar given', async () => {
    // A calendar where only every other minute counts: the due time stretches ×2.
    const halfTime = {
      between: (from: number, to: number) => (to - from) / 2,
      add: (start: number, duration: number) => start + duration * 2,
    };
    await projectionSpec(slaProjectionWith(() => halfTime))
      .givenEvents(
        logged('INC1', 0, 2),
        slaAttached('INC1', 0, 30, 100),
        ev('IncidentResolved', 'INC1', 40, {
          resolutionCode: 'solved-remotely',
          resolutionNotes: 'ok',
          resolvedChildren: [],
        }),
        ev('IncidentReopened', 'INC1', 60, { reason: 'again', reopenCount: 1 }),
      )
      .thenQuery((db) =>
        db
          .selectFrom('sla_target')
          .select(['state', 'elapsed_ms', 'due_at'])
          .where('target', '=', 'time-to-resolve')
          .execute(),
      )
      .returns([{ state: 'running', elapsed_ms: 20 * 60_000, due_at: at(60 + 160) }]);
  });

  it('fails loudly on a projection bug, naming the event (spec helper)', async () => {
    const broken = {
      ...slaProjection,
      apply: async () => {
        throw new Error('boom');
      },
      applyBatch: async () => {
        throw new Error('boom');
      },
    };
    await projectionSpec(broken)
      .givenEvents(logged('INC1', 0, 2), slaAttached('INC1', 0, 30, 100))
      .thenFailsWith({ position: 2, eventType: 'SlaAttached', error: 'boom', checkpoint: 1 });
  });
});

describe('audit trail', () => {
  const history: GivenEvent[] = [
    { ...logged('INC1', 0, 3), metadata: { correlationId: 'call-1', actor: 'desk' } },
    {
      ...ev(
        'IncidentPriorityChanged',
        'INC1',
        5,
        { impact: 1, urgency: 2, priority: 2, previousPriority: 3, reason: 'VIP, "urgent"', overridden: false },
        'mgr',
      ),
      metadata: { correlationId: 'call-1', actor: 'mgr', causationId: 'cmd-7' },
    },
    {
      ...ev('IncidentAssignedToGroup', 'INC1', 6, { group: 'network' }, 'mgr'),
      metadata: { correlationId: 'call-1', actor: 'mgr' },
    },
  ];

  it('lists every event of a record with who, when, what changed and its place in the hash chain', async () => {
    const trail = await projectionSpec(auditTrailProjection)
      .givenEvents(...history)
      .thenQuery((db) => recordAuditTrail(db, 'incident-INC1'))
      .result();
    expect(
      trail.map((e) => [e.stream_version, e.event_type, e.actor, e.occurred_at, e.correlation_id, e.causation_id]),
    ).toEqual([
      [1, 'IncidentLogged', 'desk', at(0), 'call-1', null],
      [2, 'IncidentPriorityChanged', 'mgr', at(5), 'call-1', 'cmd-7'],
      [3, 'IncidentAssignedToGroup', 'mgr', at(6), 'call-1', null],
    ]);
    expect(trail[1]?.changes).toEqual([
      { field: 'impact', before: 2, after: 1 },
      { field: 'overridden', before: null, after: false },
      { field: 'priority', before: 3, after: 2 },
      { field: 'reason', before: null, after: 'VIP, "urgent"' },
    ]);
    expect(trail[2]?.changes).toEqual([{ field: 'group', before: null, after: 'network' }]);
    expect(trail.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(new Set(trail.map((e) => e.hash)).size).toBe(3);
  });

  it('lists what an actor did and exports CSV and JSON', async () => {
    const spec = projectionSpec(auditTrailProjection).givenEvents(...history);
    const mine = await spec.thenQuery((db) => actorAuditTrail(db, 'mgr')).result();
    expect(mine.map((e) => e.event_type)).toEqual(['IncidentPriorityChanged', 'IncidentAssignedToGroup']);
    expect(await spec.thenQuery((db) => actorAuditTrail(db, 'mgr', { from: at(6) })).result()).toHaveLength(1);
    const csv = auditTrailToCsv(mine);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'position,record_id,record_type,stream_version,event_type,event_id,actor,occurred_at,recorded_at,correlation_id,causation_id,changes,hash',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('impact: 2 → 1; overridden: null → false; priority: 3 → 2; reason: null → ""VIP, ');
    const json = JSON.parse(auditTrailToJson(mine)) as { entries: { event_type: string; changes: unknown[] }[] };
    expect(json.entries.map((e) => e.event_type)).toEqual(['IncidentPriorityChanged', 'IncidentAssignedToGroup']);
  });
});

describe('service metrics', () => {
  const resolved = (id: string, minutes: number, extra: Record<string, unknown> = {}) =>
    ev('IncidentResolved', id, minutes, {
      resolutionCode: 'solved-remotely',
      resolutionNotes: 'ok',
      resolvedChildren: [],
      ...extra,
    });
  const history: GivenEvent[] = [
    logged('INC1', 0, 2),
    ev('IncidentAssignedToGroup', 'INC1', 1, { group: 'network' }),
    ev('IncidentAssignedToAgent', 'INC1', 10, { group: 'network', agent: 'ann' }),
    resolved('INC1', 60, { knowledgeArticle: 'KB1' }),
    logged('INC2', 0, 2),
    ev('IncidentAssignedToGroup', 'INC2', 1, { group: 'network' }),
    ev('IncidentAssignedToGroup', 'INC2', 2, { group: 'apps' }),
    ev('IncidentWorkStarted', 'INC2', 30),
    resolved('INC2', 120),
    ev('IncidentReopened', 'INC2', 130, { reason: 'again', reopenCount: 1 }),
    resolved('INC2', 180),
    logged('INC3', 0, 2, { service: 'vpn' }),
    {
      type: 'ChangeRequested',
      data: {
        changeId: 'C1',
        at: at(0),
        by: 'x',
        changeType: 'emergency',
        title: 't',
        description: 'd',
        configurationItems: [],
      },
    },
    { type: 'ChangeClosed', data: { changeId: 'C1', at: at(100), by: 'x', outcome: 'failed', closureNotes: 'n' } },
    {
      type: 'ChangeRequested',
      data: {
        changeId: 'C2',
        at: at(0),
        by: 'x',
        changeType: 'normal',
        title: 't',
        description: 'd',
        configurationItems: [],
      },
    },
    { type: 'ChangeImplemented', data: { changeId: 'C2', at: at(50), by: 'x', outcome: 'successful', notes: 'n' } },
    { type: 'ChangeClosed', data: { changeId: 'C2', at: at(100), by: 'x', outcome: 'successful', closureNotes: 'n' } },
    {
      type: 'ChangeRequested',
      data: {
        changeId: 'C3',
        at: at(0),
        by: 'x',
        changeType: 'normal',
        title: 't',
        description: 'd',
        configurationItems: [],
      },
    },
  ];

  it('computes MTTA, MTTR, first-contact resolution and reopen rate per service and period', async () => {
    await projectionSpec(serviceMetricsProjection)
      .givenEvents(...history)
      .thenQuery((db) => incidentMetrics(db, { by: ['service', 'period'] }))
      .returns([
        {
          service: 'email',
          period: '2026-03',
          resolved: 2,
          mtta_ms: 20 * 60_000,
          mttr_ms: 120 * 60_000,
          mttr_business_ms: null,
          first_contact_resolution_percent: 50,
          reopen_rate_percent: 50,
        },
      ]);
  });

  it('groups by assignment group', async () => {
    const rows = await projectionSpec(serviceMetricsProjection)
      .givenEvents(...history)
      .thenQuery((db) => incidentMetrics(db, { by: ['group'] }))
      .result();
    expect(rows.map((r) => [r.group, r.resolved, r.mttr_ms])).toEqual([
      ['apps', 1, 180 * 60_000],
      ['network', 1, 60 * 60_000],
    ]);
  });

  it('buckets the open backlog by age at an instant', async () => {
    const spec = projectionSpec(serviceMetricsProjection).givenEvents(...history);
    await spec
      .thenQuery((db) => backlogAging(db, { asOf: new Date(T0 + 2 * 86_400_000), by: 'service' }))
      .returns([
        {
          key: 'vpn',
          under_1_day: 0,
          from_1_to_3_days: 1,
          from_3_to_7_days: 0,
          from_7_to_30_days: 0,
          over_30_days: 0,
          total: 1,
        },
      ]);
    // At minute 90 INC2 was still open (resolved at 120).
    const early = await spec.thenQuery((db) => backlogAging(db, { asOf: new Date(at(90)), by: 'service' })).result();
    expect(early.map((r) => [r.key, r.total])).toEqual([
      ['email', 1],
      ['vpn', 1],
    ]);
  });

  it('computes change success rate, % emergency and knowledge use', async () => {
    const spec = projectionSpec(serviceMetricsProjection).givenEvents(...history);
    await spec
      .thenQuery((db) => changeMetrics(db))
      .returns([
        {
          period: '2026-03',
          closed: 2,
          successful: 1,
          failed: 1,
          backed_out: 0,
          success_rate_percent: 50,
          emergency: 1,
          emergency_percent: 50,
        },
      ]);
    await spec
      .thenQuery((db) => knowledgeUse(db))
      .returns([{ article_id: 'KB1', service: 'email', period: '2026-03', uses: 1 }]);
  });
});
