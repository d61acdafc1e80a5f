import { describe, expect, it } from '@jest/globals';
import { decodeInput } from '../shared/codec-decoding.js';
import { glpiPriorityMatrix } from '../shared/priority.js';
import { overrideRules } from '../shared/authorization.js';
import type { Actor } from '../shared/actor.js';
import { ProblemCommand } from './problem-commands.js';
import { createProblemDecider, problemDecider } from './problem-decider.js';
import { ProblemEvent } from './problem-events.js';
import { defaultProblemPolicy } from './problem-policy.js';
import { Problem, problemStreamId } from './problem.js';
import { knownErrorPublicationOf } from './known-error.js';
import { deciderSpec } from '@itsm/testing';
import { actor, metadataOf, valid } from './problem-change-spec.test-fixture.js';

const T0 = '2026-03-02T09:00:00Z';
const pm = actor('pm-1', ['problem-manager']);
const resolver = actor('res-1', ['resolver']);
const caller = actor('caller-1', ['caller']);

const cmd = (type: string, data: Record<string, unknown> = {}, who: Actor = pm, at = T0): ProblemCommand =>
  valid(ProblemCommand, { type, data: { problemId: 'PRB1', ...data }, metadata: metadataOf(who, at) });
const ev = (type: string, data: Record<string, unknown> = {}, who: Actor = pm, at = T0): ProblemEvent =>
  valid(ProblemEvent, { type, data: { problemId: 'PRB1', at, by: who.id, ...data } });

const content = {
  symptom: 'Login hangs',
  rootCause: 'Pool exhausted',
  workaround: 'Restart the pool',
  affectedCis: ['CI-DB1'],
};

const logged = ev('ProblemLogged', {
  title: 'Repeated login hangs',
  description: 'Five incidents this week',
  impact: 2,
  urgency: 1,
  priority: 2,
});
const assessing = [logged, ev('ProblemAssessmentStarted')];
const analysing = [...assessing, ev('ProblemRootCauseAnalysisStarted')];
const withCause = [...analysing, ev('ProblemRootCauseRecorded', { rootCause: 'Pool exhausted' })];
const fixing = [...withCause, ev('ProblemFixStarted', { fixPlan: 'Raise the pool size' })];
const resolvedFix = [
  ...fixing,
  ev('ProblemResolved', { resolutionCode: 'fix-applied', resolutionNotes: 'Pool raised', linkedIncidents: [] }),
];
const closed = [...resolvedFix, ev('ProblemClosed', { closureCode: 'fix-applied', closureNotes: 'done' })];

const spec = deciderSpec(problemDecider);

describe('problem: logging', () => {
  it('logs a problem with the priority of the matrix', () => {
    spec
      .given([])
      .when(
        cmd('LogProblem', {
          title: 'Repeated login hangs',
          description: 'Five incidents this week',
          impact: 2,
          urgency: 1,
        }),
      )
      .then([logged]);
  });
  it('uses the configured matrix', () => {
    const glpi = createProblemDecider({ ...defaultProblemPolicy, priorityMatrix: glpiPriorityMatrix });
    const events = deciderSpec(glpi)
      .given([])
      .when(
        cmd('LogProblem', {
          title: 't',
          description: '',
          impact: 5,
          urgency: 5,
          affectedCis: ['CI-1'],
          serviceId: 'SVC-1',
        }),
      )
      .then([
        ev('ProblemLogged', {
          title: 't',
          description: '',
          impact: 5,
          urgency: 5,
          priority: 5,
          affectedCis: ['CI-1'],
          serviceId: 'SVC-1',
        }),
      ]);
    expect(events).toHaveLength(1);
  });
  it('refuses a level beyond the matrix scale', () => {
    expect(
      spec
        .given([])
        .when(cmd('LogProblem', { title: 't', description: '', impact: 4, urgency: 1 }))
        .thenFails('ProblemLevelOutsideMatrix'),
    ).toMatchObject({ field: 'impact', level: 4, levels: 3 });
  });
  it('refuses to log twice', () => {
    spec
      .given([logged])
      .when(cmd('LogProblem', { title: 't', description: '', impact: 1, urgency: 1 }))
      .thenFails('ProblemAlreadyLogged');
  });
  it('refuses commands on a problem never logged', () => {
    spec.given([]).when(cmd('StartProblemAssessment')).thenFails('ProblemNotFound');
  });
  it('checks the role first', () => {
    spec
      .given([])
      .when(cmd('LogProblem', { title: 't', description: '', impact: 4, urgency: 1 }, caller))
      .thenFails('CommandNotAuthorized');
  });
  it('lets the application override the roles', () => {
    const relaxed = createProblemDecider({
      ...defaultProblemPolicy,
      authorization: overrideRules(defaultProblemPolicy.authorization, { ResolveProblem: ['resolver'] }),
    });
    deciderSpec(relaxed)
      .given(fixing)
      .when(cmd('ResolveProblem', { resolutionCode: 'fix-applied', resolutionNotes: 'x' }, resolver))
      .then([
        ev('ProblemResolved', { resolutionCode: 'fix-applied', resolutionNotes: 'x', linkedIncidents: [] }, resolver),
      ]);
  });
});

describe('problem: lifecycle', () => {
  it('assigns, and assigning the same again records nothing', () => {
    spec
      .given([logged])
      .when(cmd('AssignProblem', { assignmentGroup: 'dba', assignee: 'res-1' }))
      .then([ev('ProblemAssigned', { assignmentGroup: 'dba', assignee: 'res-1' })]);
    spec
      .given([logged, ev('ProblemAssigned', { assignmentGroup: 'dba', assignee: 'res-1' })])
      .when(cmd('AssignProblem', { assignmentGroup: 'dba', assignee: 'res-1' }))
      .thenNothing();
  });
  it('New → Assess → RootCauseAnalysis', () => {
    spec
      .given([logged])
      .when(cmd('StartProblemAssessment', {}, resolver))
      .then([ev('ProblemAssessmentStarted', {}, resolver)]);
    spec
      .given(assessing)
      .when(cmd('StartRootCauseAnalysis'))
      .then([ev('ProblemRootCauseAnalysisStarted')]);
  });
  it('refuses to skip assessment', () => {
    expect(
      spec.given([logged]).when(cmd('StartRootCauseAnalysis')).thenFails('ProblemTransitionNotAllowed'),
    ).toMatchObject({ status: 'New', allowedFrom: ['Assess'] });
  });
  it('records and revises the root cause; the same text again records nothing', () => {
    spec
      .given(analysing)
      .when(cmd('RecordProblemRootCause', { rootCause: 'Pool exhausted' }))
      .then([ev('ProblemRootCauseRecorded', { rootCause: 'Pool exhausted' })]);
    spec
      .given(withCause)
      .when(cmd('RecordProblemRootCause', { rootCause: 'Pool exhausted' }))
      .thenNothing();
  });
  it('refuses recording a root cause on a new problem', () => {
    spec
      .given([logged])
      .when(cmd('RecordProblemRootCause', { rootCause: 'x' }))
      .thenFails('ProblemTransitionNotAllowed');
  });
  it('starts the fix only with a root cause', () => {
    spec
      .given(analysing)
      .when(cmd('StartProblemFix', { fixPlan: 'p' }))
      .thenFails('ProblemRootCauseNotRecorded');
    spec
      .given(withCause)
      .when(cmd('StartProblemFix', { fixPlan: 'Raise the pool size' }))
      .then([ev('ProblemFixStarted', { fixPlan: 'Raise the pool size' })]);
  });
  it('resolves with fix-applied from FixInProgress, with the linked incidents of the moment', () => {
    spec
      .given([
        ...fixing,
        ev('ProblemIncidentLinked', { incidentId: 'INC1' }),
        ev('ProblemIncidentLinked', { incidentId: 'INC2' }),
      ])
      .when(cmd('ResolveProblem', { resolutionCode: 'fix-applied', resolutionNotes: 'Pool raised' }))
      .then([
        ev('ProblemResolved', {
          resolutionCode: 'fix-applied',
          resolutionNotes: 'Pool raised',
          linkedIncidents: ['INC1', 'INC2'],
        }),
      ]);
  });
  it('refuses fix-applied before the fix started', () => {
    spec
      .given(withCause)
      .when(cmd('ResolveProblem', { resolutionCode: 'fix-applied', resolutionNotes: 'x' }))
      .thenFails('ProblemFixNotInProgress');
  });
  it('accepts the risk from root cause analysis', () => {
    spec
      .given(analysing)
      .when(cmd('ResolveProblem', { resolutionCode: 'risk-accepted', resolutionNotes: 'too costly' }))
      .then([
        ev('ProblemResolved', { resolutionCode: 'risk-accepted', resolutionNotes: 'too costly', linkedIncidents: [] }),
      ]);
  });
  it('refuses resolving a problem still in assessment', () => {
    spec
      .given(assessing)
      .when(cmd('ResolveProblem', { resolutionCode: 'risk-accepted', resolutionNotes: 'x' }))
      .thenFails('ProblemTransitionNotAllowed');
  });
  it('re-analyses from Resolved, clearing the resolution', () => {
    const events = spec
      .given(resolvedFix)
      .when(cmd('ReanalyseProblem', { reason: 'It came back' }))
      .then([ev('ProblemReanalysisStarted', { reason: 'It came back' })]);
    const state = [...resolvedFix, ...events].reduce(problemDecider.evolve, problemDecider.initialState);
    expect(state).toMatchObject({ status: 'RootCauseAnalysis', resolutionCount: 1 });
    expect('resolutionCode' in state).toBe(false);
  });
  it('refuses re-analysis of an unresolved problem', () => {
    spec
      .given(fixing)
      .when(cmd('ReanalyseProblem', { reason: 'x' }))
      .thenFails('ProblemTransitionNotAllowed');
  });
});

describe('problem: closure codes', () => {
  it('closes a fix-applied resolution with fix-applied', () => {
    spec
      .given(resolvedFix)
      .when(cmd('CloseProblem', { closureCode: 'fix-applied', closureNotes: 'done' }))
      .then([ev('ProblemClosed', { closureCode: 'fix-applied', closureNotes: 'done' })]);
  });
  it('refuses a closure code that does not match the resolution', () => {
    expect(
      spec
        .given(resolvedFix)
        .when(cmd('CloseProblem', { closureCode: 'risk-accepted', closureNotes: 'x' }))
        .thenFails('ProblemClosureCodeInconsistent'),
    ).toMatchObject({ status: 'Resolved', resolutionCode: 'fix-applied' });
  });
  it('refuses fix-applied on an unresolved problem', () => {
    expect(
      spec
        .given(fixing)
        .when(cmd('CloseProblem', { closureCode: 'fix-applied', closureNotes: 'x' }))
        .thenFails('ProblemClosureCodeInconsistent'),
    ).toMatchObject({ status: 'FixInProgress' });
  });
  it('refuses cancelling a resolved problem', () => {
    spec
      .given(resolvedFix)
      .when(cmd('CloseProblem', { closureCode: 'cancelled', closureNotes: 'x' }))
      .thenFails('ProblemClosureCodeInconsistent');
  });
  it('cancels an unresolved problem', () => {
    spec
      .given([logged])
      .when(cmd('CloseProblem', { closureCode: 'cancelled', closureNotes: 'not a problem' }))
      .then([ev('ProblemClosed', { closureCode: 'cancelled', closureNotes: 'not a problem' })]);
  });
  it('closes a duplicate naming the original', () => {
    spec
      .given(assessing)
      .when(cmd('CloseProblem', { closureCode: 'duplicate', closureNotes: 'dup', duplicateOf: 'PRB0' }))
      .then([ev('ProblemClosed', { closureCode: 'duplicate', closureNotes: 'dup', duplicateOf: 'PRB0' })]);
  });
  it('refuses a duplicate without the original, of itself, or a stray duplicateOf', () => {
    spec
      .given(assessing)
      .when(cmd('CloseProblem', { closureCode: 'duplicate', closureNotes: 'd' }))
      .thenFails('ProblemDuplicateOfMissing');
    spec
      .given(assessing)
      .when(cmd('CloseProblem', { closureCode: 'duplicate', closureNotes: 'd', duplicateOf: 'PRB1' }))
      .thenFails('ProblemDuplicateOfItself');
    spec
      .given(assessing)
      .when(cmd('CloseProblem', { closureCode: 'cancelled', closureNotes: 'd', duplicateOf: 'PRB0' }))
      .thenFails('ProblemDuplicateOfUnexpected');
  });
  it('Closed is terminal', () => {
    for (const command of [
      cmd('ReanalyseProblem', { reason: 'x' }),
      cmd('CloseProblem', { closureCode: 'fix-applied', closureNotes: 'again' }),
      cmd('LinkProblemIncident', { incidentId: 'INC9' }),
      cmd('AssignProblem', { assignmentGroup: 'g' }),
    ])
      spec.given(closed).when(command).thenFails('ProblemAlreadyClosed');
  });
});

describe('problem: linked incidents and changes', () => {
  it('keeps the set of linked incidents', () => {
    spec
      .given([logged])
      .when(cmd('LinkProblemIncident', { incidentId: 'INC1' }, resolver))
      .then([ev('ProblemIncidentLinked', { incidentId: 'INC1' }, resolver)]);
    const linked = [logged, ev('ProblemIncidentLinked', { incidentId: 'INC1' })];
    spec
      .given(linked)
      .when(cmd('LinkProblemIncident', { incidentId: 'INC1' }))
      .thenFails('ProblemIncidentAlreadyLinked');
    spec
      .given(linked)
      .when(cmd('UnlinkProblemIncident', { incidentId: 'INC1' }))
      .then([ev('ProblemIncidentUnlinked', { incidentId: 'INC1' })]);
    spec
      .given([logged])
      .when(cmd('UnlinkProblemIncident', { incidentId: 'INC1' }))
      .thenFails('ProblemIncidentNotLinked');
    const state = [
      ...linked,
      ev('ProblemIncidentLinked', { incidentId: 'INC2' }),
      ev('ProblemIncidentUnlinked', { incidentId: 'INC1' }),
    ].reduce(problemDecider.evolve, problemDecider.initialState);
    expect(state).toMatchObject({ linkedIncidents: ['INC2'] });
  });
  it('links the change it waits on, once', () => {
    spec
      .given(fixing)
      .when(cmd('LinkProblemChange', { changeId: 'CHG1' }))
      .then([ev('ProblemChangeLinked', { changeId: 'CHG1' })]);
    const linked = [...fixing, ev('ProblemChangeLinked', { changeId: 'CHG1' })];
    spec
      .given(linked)
      .when(cmd('LinkProblemChange', { changeId: 'CHG1' }))
      .thenFails('ProblemChangeAlreadyLinked');
    spec
      .given(linked)
      .when(cmd('UnlinkProblemChange', { changeId: 'CHG1' }))
      .then([ev('ProblemChangeUnlinked', { changeId: 'CHG1' })]);
    spec
      .given(fixing)
      .when(cmd('UnlinkProblemChange', { changeId: 'CHG1' }))
      .thenFails('ProblemChangeNotLinked');
  });
});

describe('known error', () => {
  const raised = [...withCause, ev('KnownErrorRaised', { knownErrorId: 'KE1', content })];
  it('is raised with its whole content, once per problem', () => {
    spec
      .given(withCause)
      .when(cmd('RaiseKnownError', { knownErrorId: 'KE1', content }))
      .then([ev('KnownErrorRaised', { knownErrorId: 'KE1', content })]);
    spec
      .given(raised)
      .when(cmd('RaiseKnownError', { knownErrorId: 'KE2', content }))
      .thenFails('KnownErrorAlreadyRaised');
  });
  it('is not raised on a new problem', () => {
    spec
      .given([logged])
      .when(cmd('RaiseKnownError', { knownErrorId: 'KE1', content }))
      .thenFails('ProblemTransitionNotAllowed');
  });
  it('is updated with new content; the same content records nothing', () => {
    const better = { ...content, workaround: 'Restart the pool, then clear the cache' };
    spec
      .given(raised)
      .when(cmd('UpdateKnownError', { knownErrorId: 'KE1', content: better }))
      .then([ev('KnownErrorUpdated', { knownErrorId: 'KE1', content: better })]);
    spec
      .given(raised)
      .when(cmd('UpdateKnownError', { knownErrorId: 'KE1', content }))
      .thenNothing();
  });
  it('refuses updates to an unknown, other or retired known error', () => {
    spec
      .given(withCause)
      .when(cmd('UpdateKnownError', { knownErrorId: 'KE1', content }))
      .thenFails('KnownErrorNotRaised');
    expect(
      spec
        .given(raised)
        .when(cmd('UpdateKnownError', { knownErrorId: 'KE9', content }))
        .thenFails('KnownErrorIdMismatch'),
    ).toMatchObject({ expected: 'KE1' });
    const retired = [...raised, ev('KnownErrorRetired', { knownErrorId: 'KE1', reason: 'fixed' })];
    spec
      .given(retired)
      .when(cmd('UpdateKnownError', { knownErrorId: 'KE1', content }))
      .thenFails('KnownErrorAlreadyRetired');
    spec
      .given(retired)
      .when(cmd('RetireKnownError', { knownErrorId: 'KE1', reason: 'again' }))
      .thenFails('KnownErrorAlreadyRetired');
  });
  it('is retired by a fix-applied closure, in the same decision', () => {
    const resolved = [
      ...raised,
      ev('ProblemFixStarted', { fixPlan: 'p' }),
      ev('ProblemResolved', { resolutionCode: 'fix-applied', resolutionNotes: 'n', linkedIncidents: [] }),
    ];
    spec
      .given(resolved)
      .when(cmd('CloseProblem', { closureCode: 'fix-applied', closureNotes: 'done' }))
      .then([
        ev('ProblemClosed', { closureCode: 'fix-applied', closureNotes: 'done' }),
        ev('KnownErrorRetired', { knownErrorId: 'KE1', reason: 'problem closed: fix-applied' }),
      ]);
  });
  it('outlives a risk-accepted closure and stays updatable', () => {
    const acceptedAndClosed = [
      ...raised,
      ev('ProblemResolved', { resolutionCode: 'risk-accepted', resolutionNotes: 'n', linkedIncidents: [] }),
      ev('ProblemClosed', { closureCode: 'risk-accepted', closureNotes: 'living with it' }),
    ];
    const better = { ...content, workaround: 'Use the replica' };
    spec
      .given(acceptedAndClosed)
      .when(cmd('UpdateKnownError', { knownErrorId: 'KE1', content: better }))
      .then([ev('KnownErrorUpdated', { knownErrorId: 'KE1', content: better })]);
    const state = acceptedAndClosed.reduce(problemDecider.evolve, problemDecider.initialState);
    expect(knownErrorPublicationOf(state)).toEqual({
      knownErrorId: 'KE1',
      problemId: 'PRB1',
      title: 'Repeated login hangs',
      ...content,
      revision: 1,
      status: 'active',
      updatedAt: T0,
    });
  });
  it('publishes nothing when none was raised', () => {
    expect(knownErrorPublicationOf(problemDecider.initialState)).toBeUndefined();
    expect(
      knownErrorPublicationOf(withCause.reduce(problemDecider.evolve, problemDecider.initialState)),
    ).toBeUndefined();
  });
});

describe('problem: malformed input', () => {
  it('names every malformed field with its path', () => {
    const decoded = decodeInput(Problem.commandCodec, {
      type: 'LogProblem',
      data: { problemId: 'bad id', title: '', description: 'x', impact: 7, urgency: 1 },
      metadata: metadataOf(pm),
    });
    expect(decoded._tag).toBe('Left');
    const problems = decoded._tag === 'Left' ? decoded.left.problems.join('\n') : '';
    expect(problems).toMatch(/data\.(\d\.)?problemId/);
    expect(problems).toMatch(/data\.(\d\.)?title/);
    expect(problems).toMatch(/data\.(\d\.)?impact/);
  });
  it('names an unknown command type', () => {
    const decoded = decodeInput(Problem.commandCodec, { type: 'DeleteProblem', data: {}, metadata: metadataOf(pm) });
    expect(decoded._tag === 'Left' && decoded.left.problems.join()).toMatch(/type/);
  });
  it('strips unknown fields', () => {
    const decoded = decodeInput(Problem.commandCodec, {
      type: 'StartProblemAssessment',
      data: { problemId: 'PRB1', sneaky: true },
      metadata: metadataOf(pm),
    });
    expect(decoded._tag === 'Right' && decoded.right.data).toEqual({ problemId: 'PRB1' });
  });
  it('names streams problem-<id> and registers every event type', () => {
    expect(problemStreamId('PRB1')).toEqual({ _tag: 'Right', right: 'problem-PRB1' });
    expect(Problem.recordIdOf(cmd('StartProblemAssessment'))).toBe('PRB1');
    expect(Problem.eventSchemas.map((s) => s.type)).toHaveLength(16);
    const schema = Problem.eventSchemas.find((s) => s.type === 'ProblemClosed');
    expect(
      schema?.validate?.({ problemId: 'PRB1', at: T0, by: 'pm-1', closureCode: 'nope', closureNotes: '' }),
    ).toMatch(/closureCode/);
  });
});
