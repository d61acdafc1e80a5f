import { describe, expect, it } from '@jest/globals';
import { problemEventSchemas } from '@itsm/domain';
import { projectionSpec, type GivenEvent } from '@itsm/testing';
import type { Kysely } from 'kysely';
import { problemDesk, type ProblemDesk } from '../problem-desk.test-fixture.js';
import type { AnyDatabase } from '../projection.js';
import { problemEventTypes } from './event-types.js';
import { knownErrorsFor, problemById, problemQueue, problemsDefinition, problemsProjection } from './problems.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A history decided by the domain's problem decider, command by command. */
const story = () => {
  const desk: ProblemDesk = problemDesk();
  const events: GivenEvent[] = [];
  let minutes = 0;
  return {
    events,
    /** Issues a command one minute after the previous one. */
    issue: (type: string, problemId: string, data: Record<string, unknown> = {}) => {
      minutes += 1;
      events.push(...desk.issue(type, problemId, data, at(minutes)));
      return at(minutes);
    },
  };
};

/** Runs a query on the problems read model projected from `events`. */
const given = <T>(events: readonly GivenEvent[], query: (db: Kysely<AnyDatabase>) => Promise<T>): Promise<T> =>
  projectionSpec(problemsProjection)
    .givenEvents(...events)
    .thenQuery(query)
    .result();

const knownErrorItems = async (db: Kysely<AnyDatabase>) =>
  (
    await db
      .selectFrom('known_error_ci')
      .selectAll()
      .orderBy('known_error_id')
      .orderBy('configuration_item_id')
      .execute()
  ).map((row) => [row['known_error_id'], row['configuration_item_id']]);

const content = (workaround: string, affectedCis: string[]) => ({
  symptom: 'Logins hang for a minute',
  rootCause: 'The connection pool is exhausted at peak',
  workaround,
  affectedCis,
});

const logProblem = (impact: number, urgency: number, extra: Record<string, unknown> = {}) => ({
  title: 'Repeated login hangs',
  description: 'Five incidents this week',
  impact,
  urgency,
  ...extra,
});

describe('problems read model: the fold', () => {
  it('handles every problem event type the domain records', () => {
    expect(problemsDefinition.handles).toEqual(problemEventTypes);
    expect([...problemsDefinition.handles].sort()).toEqual(problemEventSchemas.map((schema) => schema.type).sort());
  });

  it('follows a problem from logging to its known error being updated and retired', async () => {
    const s = story();
    const loggedAt = s.issue('LogProblem', 'PRB1', logProblem(1, 2, { serviceId: 'erp', affectedCis: ['erp-db'] }));
    s.issue('AssignProblem', 'PRB1', { assignmentGroup: 'database', assignee: 'ann' });
    s.issue('StartProblemAssessment', 'PRB1');
    const assessed = s.events.length;
    s.issue('StartRootCauseAnalysis', 'PRB1');
    s.issue('RecordProblemRootCause', 'PRB1', { rootCause: 'The connection pool is exhausted at peak' });
    const raisedAt = s.issue('RaiseKnownError', 'PRB1', {
      knownErrorId: 'KE1',
      content: content('Restart the pool', ['erp-db', 'erp-app']),
    });
    const raised = s.events.length;
    const updatedAt = s.issue('UpdateKnownError', 'PRB1', {
      knownErrorId: 'KE1',
      content: content('Restart the pool, then clear the cache', ['erp-app', 'mail-gw', 'mail-gw']),
    });
    const updated = s.events.length;
    const retiredAt = s.issue('RetireKnownError', 'PRB1', { knownErrorId: 'KE1', reason: 'Pool resized' });

    expect(await given(s.events.slice(0, assessed), (db) => problemById(db, 'PRB1'))).toEqual({
      recordId: 'problem-PRB1',
      problemId: 'PRB1',
      title: 'Repeated login hangs',
      status: 'Assess',
      priority: 2,
      impact: 1,
      urgency: 2,
      service: 'erp',
      assignmentGroup: 'database',
      assignee: 'ann',
      rootCause: null,
      resolutionCode: null,
      closureCode: null,
      knownErrorId: null,
      linkedIncidents: 0,
      linkedChanges: 0,
      loggedAt,
      updatedAt: at(3),
      resolvedAt: null,
      closedAt: null,
    });

    const afterRaise = await given(s.events.slice(0, raised), async (db) => ({
      problem: await problemById(db, 'PRB1'),
      onDatabase: await knownErrorsFor(db, { configurationItem: 'erp-db' }),
      items: await knownErrorItems(db),
    }));
    expect(afterRaise.problem).toMatchObject({
      status: 'RootCauseAnalysis',
      rootCause: 'The connection pool is exhausted at peak',
      knownErrorId: 'KE1',
    });
    expect(afterRaise.onDatabase).toEqual([
      {
        knownErrorId: 'KE1',
        problemId: 'PRB1',
        recordId: 'problem-PRB1',
        title: 'Repeated login hangs',
        service: 'erp',
        symptom: 'Logins hang for a minute',
        rootCause: 'The connection pool is exhausted at peak',
        workaround: 'Restart the pool',
        affectedCis: ['erp-db', 'erp-app'],
        status: 'active',
        revision: 1,
        raisedAt,
        updatedAt: raisedAt,
        retiredAt: null,
      },
    ]);
    expect(afterRaise.items).toEqual([
      ['KE1', 'erp-app'],
      ['KE1', 'erp-db'],
    ]);

    // The update replaces the content: the CI rows follow (erp-db leaves, mail-gw joins once).
    const afterUpdate = await given(s.events.slice(0, updated), async (db) => ({
      onDatabase: await knownErrorsFor(db, { configurationItem: 'erp-db' }),
      onMail: await knownErrorsFor(db, { configurationItem: 'mail-gw' }),
      items: await knownErrorItems(db),
    }));
    expect(afterUpdate.onDatabase).toEqual([]);
    expect(afterUpdate.onMail).toMatchObject([
      {
        knownErrorId: 'KE1',
        workaround: 'Restart the pool, then clear the cache',
        affectedCis: ['erp-app', 'mail-gw', 'mail-gw'],
        revision: 2,
        raisedAt,
        updatedAt,
        status: 'active',
      },
    ]);
    expect(afterUpdate.items).toEqual([
      ['KE1', 'erp-app'],
      ['KE1', 'mail-gw'],
    ]);

    const afterRetire = await given(s.events, async (db) => ({
      active: await knownErrorsFor(db, { configurationItem: 'mail-gw' }),
      all: await knownErrorsFor(db, { configurationItem: 'mail-gw', includeRetired: true }),
      problem: await problemById(db, 'PRB1'),
    }));
    expect(afterRetire.active).toEqual([]);
    expect(afterRetire.all).toMatchObject([
      { knownErrorId: 'KE1', status: 'retired', revision: 2, retiredAt, updatedAt: retiredAt },
    ]);
    // The retired known error stays the problem's; the problem's row saw the event too.
    expect(afterRetire.problem).toMatchObject({ knownErrorId: 'KE1', updatedAt: retiredAt });
  });

  it('counts the incidents and changes linked now, as links and unlinks come', async () => {
    const s = story();
    s.issue('LogProblem', 'PRB1', logProblem(2, 2));
    for (const incidentId of ['INC1', 'INC2', 'INC3']) s.issue('LinkProblemIncident', 'PRB1', { incidentId });
    s.issue('UnlinkProblemIncident', 'PRB1', { incidentId: 'INC2' });
    s.issue('LinkProblemChange', 'PRB1', { changeId: 'CHG1' });
    s.issue('LinkProblemChange', 'PRB1', { changeId: 'CHG2' });
    s.issue('UnlinkProblemChange', 'PRB1', { changeId: 'CHG1' });
    s.issue('LinkProblemIncident', 'PRB1', { incidentId: 'INC2' });
    s.issue('UnlinkProblemIncident', 'PRB1', { incidentId: 'INC1' });
    const counts = await given(s.events, async (db) => {
      const problem = await problemById(db, 'PRB1');
      return [problem?.linkedIncidents, problem?.linkedChanges];
    });
    expect(counts).toEqual([2, 1]);
  });

  it('keeps resolved problems out of the queue unless asked, closed ones always; reanalysis brings one back', async () => {
    const s = story();
    for (const id of ['PRB1', 'PRB2', 'PRB3']) {
      s.issue('LogProblem', id, logProblem(2, 2));
      s.issue('AssignProblem', id, { assignmentGroup: 'apps' });
      s.issue('StartProblemAssessment', id);
      s.issue('StartRootCauseAnalysis', id);
      s.issue('RecordProblemRootCause', id, { rootCause: 'A race in the session cache' });
    }
    s.issue('StartProblemFix', 'PRB1', { fixPlan: 'Lock the cache' });
    const resolvedAt = s.issue('ResolveProblem', 'PRB1', { resolutionCode: 'fix-applied', resolutionNotes: 'Locked' });
    s.issue('ResolveProblem', 'PRB2', { resolutionCode: 'risk-accepted', resolutionNotes: 'Rare enough' });
    const closedAt = s.issue('CloseProblem', 'PRB2', { closureCode: 'risk-accepted', closureNotes: 'Accepted' });
    const resolved = s.events.length;
    s.issue('ReanalyseProblem', 'PRB1', { reason: 'It happened again' });
    const ids = (entries: readonly { problemId: string; status: string }[]) =>
      entries.map((p) => [p.problemId, p.status]);

    const before = await given(s.events.slice(0, resolved), async (db) => ({
      queue: ids(await problemQueue(db, { assignmentGroup: 'apps' })),
      withResolved: ids(await problemQueue(db, { assignmentGroup: 'apps', includeResolved: true })),
      resolved: await problemById(db, 'PRB1'),
      closed: await problemById(db, 'PRB2'),
    }));
    expect(before.queue).toEqual([['PRB3', 'RootCauseAnalysis']]);
    expect(before.withResolved).toEqual([
      ['PRB1', 'Resolved'],
      ['PRB3', 'RootCauseAnalysis'],
    ]);
    expect(before.resolved).toMatchObject({ resolutionCode: 'fix-applied', resolvedAt, closedAt: null });
    // Closed from Resolved: the problem keeps its resolution, and stays readable by id.
    expect(before.closed).toMatchObject({
      status: 'Closed',
      resolutionCode: 'risk-accepted',
      closureCode: 'risk-accepted',
      closedAt,
    });

    const after = await given(s.events, async (db) => ({
      queue: ids(await problemQueue(db, { assignmentGroup: 'apps' })),
      reanalysed: await problemById(db, 'PRB1'),
    }));
    expect(after.queue).toEqual([
      ['PRB1', 'RootCauseAnalysis'],
      ['PRB3', 'RootCauseAnalysis'],
    ]);
    expect(after.reanalysed).toMatchObject({ resolutionCode: null, resolvedAt: null });
  });

  it('orders the queue by priority, then age, and filters by group, assignee and unassigned', async () => {
    const s = story();
    // priority 3, the oldest
    s.issue('LogProblem', 'PRB1', logProblem(2, 2));
    // priority 1
    s.issue('LogProblem', 'PRB2', logProblem(1, 1));
    // priority 3, younger than PRB1
    s.issue('LogProblem', 'PRB3', logProblem(3, 1));
    // priority 5
    s.issue('LogProblem', 'PRB4', logProblem(3, 3));
    // priority 2, never assigned
    s.issue('LogProblem', 'PRB5', logProblem(2, 1));
    s.issue('AssignProblem', 'PRB1', { assignmentGroup: 'network', assignee: 'bob' });
    s.issue('AssignProblem', 'PRB2', { assignmentGroup: 'network' });
    s.issue('AssignProblem', 'PRB3', { assignmentGroup: 'network', assignee: 'bob' });
    s.issue('AssignProblem', 'PRB4', { assignmentGroup: 'apps', assignee: 'bob' });
    // Reassigned to the group only: bob no longer owns PRB3.
    s.issue('AssignProblem', 'PRB3', { assignmentGroup: 'network' });
    const queues = await given(s.events, async (db) => {
      const ids = (entries: readonly { problemId: string; priority: number }[]) =>
        entries.map((p) => `${p.problemId}:${p.priority}`);
      return {
        all: ids(await problemQueue(db)),
        network: ids(await problemQueue(db, { assignmentGroup: 'network' })),
        bob: ids(await problemQueue(db, { assignee: 'bob' })),
        bobInNetwork: ids(await problemQueue(db, { assignmentGroup: 'network', assignee: 'bob' })),
        unassigned: ids(await problemQueue(db, { assignmentGroup: null })),
        firstTwo: ids(await problemQueue(db, { limit: 2 })),
      };
    });
    expect(queues).toEqual({
      all: ['PRB2:1', 'PRB5:2', 'PRB1:3', 'PRB3:3', 'PRB4:5'],
      network: ['PRB2:1', 'PRB1:3', 'PRB3:3'],
      bob: ['PRB1:3', 'PRB4:5'],
      bobInNetwork: ['PRB1:3'],
      unassigned: ['PRB5:2'],
      firstTwo: ['PRB2:1', 'PRB5:2'],
    });
  });

  it('looks known errors up by CI and by service, active only unless retired ones are asked for', async () => {
    const s = story();
    const raise = (problemId: string, serviceId: string | undefined, knownErrorId: string, items: string[]) => {
      s.issue('LogProblem', problemId, logProblem(2, 2, serviceId === undefined ? {} : { serviceId }));
      s.issue('StartProblemAssessment', problemId);
      return s.issue('RaiseKnownError', problemId, {
        knownErrorId,
        content: content(`Workaround ${knownErrorId}`, items),
      });
    };
    raise('PRB1', 'erp', 'KE1', ['erp-db']);
    raise('PRB2', 'erp', 'KE2', ['erp-app', 'erp-db']);
    raise('PRB3', 'mail', 'KE3', ['mail-gw']);
    raise('PRB4', undefined, 'KE4', ['erp-db']);
    // KE2 is updated last among the active ones: the most recently updated comes first.
    s.issue('UpdateKnownError', 'PRB2', {
      knownErrorId: 'KE2',
      content: content('Workaround KE2, revised', ['erp-app', 'erp-db']),
    });
    // Cancelling a problem retires its known error (the domain's default policy).
    s.issue('CloseProblem', 'PRB4', { closureCode: 'cancelled', closureNotes: 'Not a problem' });
    // Risk accepted: the known error stays in use after the problem is closed, and is still updated.
    s.issue('StartRootCauseAnalysis', 'PRB3');
    s.issue('ResolveProblem', 'PRB3', { resolutionCode: 'risk-accepted', resolutionNotes: 'Rare' });
    s.issue('CloseProblem', 'PRB3', { closureCode: 'risk-accepted', closureNotes: 'Accepted' });
    s.issue('UpdateKnownError', 'PRB3', { knownErrorId: 'KE3', content: content('Use webmail', ['mail-gw']) });

    const found = await given(s.events, async (db) => {
      const ids = (entries: readonly { knownErrorId: string; status: string; revision: number }[]) =>
        entries.map((k) => `${k.knownErrorId}:${k.status}:${k.revision}`);
      return {
        erpDb: ids(await knownErrorsFor(db, { configurationItem: 'erp-db' })),
        erpDbAll: ids(await knownErrorsFor(db, { configurationItem: 'erp-db', includeRetired: true })),
        erp: ids(await knownErrorsFor(db, { service: 'erp' })),
        erpApp: ids(await knownErrorsFor(db, { service: 'erp', configurationItem: 'erp-app' })),
        mailGw: (await knownErrorsFor(db, { configurationItem: 'mail-gw' })).map((k) => k.workaround),
        unknownCi: ids(await knownErrorsFor(db, { configurationItem: 'core-switch' })),
        everyActive: ids(await knownErrorsFor(db)),
      };
    });
    expect(found).toEqual({
      erpDb: ['KE2:active:2', 'KE1:active:1'],
      erpDbAll: ['KE2:active:2', 'KE1:active:1', 'KE4:retired:1'],
      erp: ['KE2:active:2', 'KE1:active:1'],
      erpApp: ['KE2:active:2'],
      mailGw: ['Use webmail'],
      unknownCi: [],
      everyActive: ['KE3:active:2', 'KE2:active:2', 'KE1:active:1'],
    });
  });

  it('knows no problem it was not told of', async () => {
    const s = story();
    s.issue('LogProblem', 'PRB1', logProblem(2, 2));
    expect(await given(s.events, (db) => problemById(db, 'PRB404'))).toBeUndefined();
  });
});
