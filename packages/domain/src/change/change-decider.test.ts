import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import type { Actor } from '../shared/actor.js';
import { decodeInput } from '../shared/codec-decoding.js';
import { actor, metadataOf, valid } from '../problem/problem-change-spec.test-fixture.js';
import { ChangeCommand } from './change-commands.js';
import type { ChangeError } from './change-errors.js';
import { changeDecider, createChangeDecider } from './change-decider.js';
import { ChangeEvent } from './change-events.js';
import { defaultChangePolicy } from './change-policy.js';
import { BlackoutWindow } from './change-schedule.js';
import { segregationViolationCommandOf } from './change-segregation.js';
import { Change, changeStreamId } from './change.js';

const T0 = '2026-03-02T09:00:00Z';
const requester = actor('req-1', ['change-implementer']);
const manager = actor('mgr-1', ['change-manager'], ['change-managers']);
const cab1 = actor('cab-1', ['cab-member'], ['cab']);
const cab2 = actor('cab-2', ['cab-member'], ['cab']);
const cab3 = actor('cab-3', ['cab-member'], ['cab']);
const ecab = actor('ecab-1', ['emergency-cab-member'], ['ecab']);
const implementer = actor('impl-1', ['change-implementer']);
const approverImplementer = actor('dual-1', ['cab-member', 'change-implementer'], ['cab']);
const process = actor('process', ['process']);

const cmd = (type: string, data: Record<string, unknown> = {}, who: Actor = requester, at = T0): ChangeCommand =>
  valid(ChangeCommand, { type, data: { changeId: 'CHG1', ...data }, metadata: metadataOf(who, at) });
const ev = (type: string, data: Record<string, unknown> = {}, who: Actor = requester, at = T0): ChangeEvent =>
  valid(ChangeEvent, { type, data: { changeId: 'CHG1', at, by: who.id, ...data } });

const lowAnswers = [
  { questionId: 'users-affected', answerId: 'none' },
  { questionId: 'complexity', answerId: 'simple' },
  { questionId: 'backout', answerId: 'tested' },
  { questionId: 'history', answerId: 'never' },
  { questionId: 'outage', answerId: 'no' },
];
const highAnswers = [
  { questionId: 'users-affected', answerId: 'many' },
  { questionId: 'complexity', answerId: 'complex' },
  { questionId: 'backout', answerId: 'untested' },
  { questionId: 'history', answerId: 'never' },
  { questionId: 'outage', answerId: 'yes' },
];
const window = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };
const requestOf = (changeType: string) =>
  ev('ChangeRequested', {
    changeType,
    title: 'Raise DB pool',
    description: 'pool 50 → 200',
    configurationItems: ['CI-DB1'],
  });

const normalNew = [requestOf('normal')];
const assessing = [...normalNew, ev('ChangeAssessmentStarted')];
const assessedHigh = [
  ...assessing,
  ev('ChangeRiskAssessed', { answers: highAnswers, score: 12, assessedRiskLevel: 'high', riskLevel: 'high' }),
  ev('ChangePlanned', window),
];
const highRequirements = [
  { group: 'change-managers', quorum: 1 },
  { group: 'cab', quorum: 2 },
];
const authorizing = [
  ...assessedHigh,
  ev('ChangeAuthorizationRequested', { requiredApprovals: highRequirements, riskLevel: 'high' }),
];
const twoApprovals = [
  ...authorizing,
  ev('ChangeApproved', { group: 'change-managers', comment: 'ok' }, manager),
  ev('ChangeApproved', { group: 'cab', comment: 'ok' }, cab1),
];
const scheduled = [
  ...twoApprovals,
  ev('ChangeApproved', { group: 'cab', comment: 'ok' }, cab2),
  ev(
    'ChangeAuthorized',
    {
      approvals: [
        { group: 'change-managers', approvers: ['mgr-1'] },
        { group: 'cab', approvers: ['cab-1', 'cab-2'] },
      ],
    },
    cab2,
  ),
  ev('ChangeScheduled', window, cab2),
];
const implementing = [...scheduled, ev('ChangeImplementationStarted', { implementer: 'impl-1' }, implementer)];
const failed = [...implementing, ev('ChangeImplemented', { outcome: 'failed', notes: 'rolled back' }, implementer)];
const succeeded = [...implementing, ev('ChangeImplemented', { outcome: 'successful', notes: 'fine' }, implementer)];

const spec = deciderSpec(changeDecider);

describe('change: request', () => {
  it('records the requester', () => {
    spec
      .when(
        cmd('RequestChange', {
          changeType: 'normal',
          title: 'Raise DB pool',
          description: 'pool 50 → 200',
          configurationItems: ['CI-DB1'],
        }),
      )
      .then(normalNew);
  });
  it('a standard change must reference an approved template', () => {
    const standard = { changeType: 'standard', title: 't', description: '', configurationItems: [] };
    spec.when(cmd('RequestChange', standard)).thenFails('StandardChangeTemplateRequired');
    spec
      .when(cmd('RequestChange', { ...standard, standardTemplate: { templateId: 'TPL-1', approved: false } }))
      .thenFails('StandardChangeTemplateNotApproved');
    spec
      .when(cmd('RequestChange', { ...standard, standardTemplate: { templateId: 'TPL-1', approved: true } }))
      .then([ev('ChangeRequested', { ...standard, standardTemplateId: 'TPL-1' })]);
    spec
      .when(
        cmd('RequestChange', {
          ...standard,
          changeType: 'normal',
          standardTemplate: { templateId: 'TPL-1', approved: true },
        }),
      )
      .thenFails('StandardChangeTemplateNotAllowed');
  });
  it('refuses a second request and commands on a change never requested', () => {
    spec
      .given(normalNew)
      .when(cmd('RequestChange', { changeType: 'normal', title: 't', description: '', configurationItems: [] }))
      .thenFails('ChangeAlreadyRequested');
    spec.when(cmd('SubmitChangeForAssessment')).thenFails('ChangeNotFound');
  });
  it('checks the role first', () => {
    spec
      .given(authorizing)
      .when(cmd('ApproveChange', { group: 'cab', comment: 'x' }, implementer))
      .thenFails('CommandNotAuthorized');
  });
});

describe('change: normal lifecycle', () => {
  it('New → Assess; the step is not in other lifecycles', () => {
    spec
      .given(normalNew)
      .when(cmd('SubmitChangeForAssessment'))
      .then([ev('ChangeAssessmentStarted')]);
    spec
      .given([requestOf('emergency')])
      .when(cmd('SubmitChangeForAssessment'))
      .thenFails('ChangeStepNotInLifecycle');
  });
  it('assesses risk from the questionnaire', () => {
    spec
      .given(assessing)
      .when(cmd('AssessChangeRisk', { answers: highAnswers }))
      .then([
        ev('ChangeRiskAssessed', { answers: highAnswers, score: 12, assessedRiskLevel: 'high', riskLevel: 'high' }),
      ]);
    spec
      .given(assessing)
      .when(cmd('AssessChangeRisk', { answers: lowAnswers }))
      .then([ev('ChangeRiskAssessed', { answers: lowAnswers, score: 0, assessedRiskLevel: 'low', riskLevel: 'low' })]);
  });
  it('refuses incomplete or invalid answers, naming the question', () => {
    expect(
      spec
        .given(assessing)
        .when(cmd('AssessChangeRisk', { answers: lowAnswers.slice(1) }))
        .thenFails('ChangeRiskAnswersMissing'),
    ).toMatchObject({
      questionIds: ['users-affected'],
    });
    expect(
      spec
        .given(assessing)
        .when(
          cmd('AssessChangeRisk', {
            answers: [...lowAnswers.slice(1), { questionId: 'users-affected', answerId: 'everyone' }],
          }),
        )
        .thenFails('ChangeRiskAnswerInvalid'),
    ).toMatchObject({ questionId: 'users-affected', reason: 'unknown answer' });
    expect(
      spec
        .given(assessing)
        .when(cmd('AssessChangeRisk', { answers: [...lowAnswers, { questionId: 'outage', answerId: 'no' }] }))
        .thenFails('ChangeRiskAnswerInvalid'),
    ).toMatchObject({ reason: 'answered twice' });
  });
  it('lets only a change manager override the level, with the reason recorded', () => {
    const override = { riskLevel: 'high', reason: 'Quarter-end traffic' };
    spec
      .given(assessing)
      .when(cmd('AssessChangeRisk', { answers: lowAnswers, override }))
      .thenFails('ChangeRiskOverrideNotAuthorized');
    spec
      .given(assessing)
      .when(cmd('AssessChangeRisk', { answers: lowAnswers, override }, manager))
      .then([
        ev(
          'ChangeRiskAssessed',
          {
            answers: lowAnswers,
            score: 0,
            assessedRiskLevel: 'low',
            riskLevel: 'high',
            overrideReason: 'Quarter-end traffic',
          },
          manager,
        ),
      ]);
    spec
      .given(assessing)
      .when(cmd('AssessChangeRisk', { answers: lowAnswers, override: { riskLevel: 'low', reason: 'x' } }, manager))
      .thenFails('ChangeRiskOverrideUnchanged');
  });
  it('requests authorisation from the groups the risk requires', () => {
    spec
      .given(assessedHigh)
      .when(cmd('RequestChangeAuthorization'))
      .then([ev('ChangeAuthorizationRequested', { requiredApprovals: highRequirements, riskLevel: 'high' })]);
  });
  it('needs a risk assessment and a plan before authorisation', () => {
    spec.given(assessing).when(cmd('RequestChangeAuthorization')).thenFails('ChangeRiskNotAssessed');
    spec
      .given([
        ...assessing,
        ev('ChangeRiskAssessed', { answers: lowAnswers, score: 0, assessedRiskLevel: 'low', riskLevel: 'low' }),
      ])
      .when(cmd('RequestChangeAuthorization'))
      .thenFails('ChangeNotPlanned');
    spec.given(normalNew).when(cmd('RequestChangeAuthorization')).thenFails('ChangeTransitionNotAllowed');
  });
  it('counts approvals until every quorum is reached, then authorises and schedules', () => {
    spec
      .given(authorizing)
      .when(cmd('ApproveChange', { group: 'cab', comment: 'ok' }, cab1))
      .then([ev('ChangeApproved', { group: 'cab', comment: 'ok' }, cab1)]);
    spec
      .given(twoApprovals)
      .when(cmd('ApproveChange', { group: 'cab', comment: 'ok' }, cab2))
      .then(scheduled.slice(twoApprovals.length));
  });
  it('one approver counts once, and only for a required group they belong to', () => {
    spec
      .given(twoApprovals)
      .when(cmd('ApproveChange', { group: 'cab', comment: 'again' }, cab1))
      .thenFails('ChangeApproverAlreadyDecided');
    spec
      .given(authorizing)
      .when(cmd('ApproveChange', { group: 'cab', comment: 'x' }, manager))
      .thenFails('ChangeApproverNotInGroup');
    expect(
      spec
        .given(authorizing)
        .when(cmd('ApproveChange', { group: 'ecab', comment: 'x' }, ecab))
        .thenFails('ChangeApprovalGroupNotRequired'),
    ).toMatchObject({ requiredGroups: ['change-managers', 'cab'] });
  });
  it('a rejection returns the change to New and voids the round', () => {
    const rejected = [...twoApprovals, ev('ChangeRejected', { group: 'cab', comment: 'not now' }, cab2)];
    spec
      .given(twoApprovals)
      .when(cmd('RejectChange', { group: 'cab', comment: 'not now' }, cab2))
      .then(rejected.slice(-1));
    const state = rejected.reduce(changeDecider.evolve, changeDecider.initialState);
    expect(state).toMatchObject({
      status: 'New',
      approvals: [],
      requiredApprovals: [],
      rejections: 1,
      approvers: ['mgr-1', 'cab-1'],
    });
    spec
      .given(rejected)
      .when(cmd('SubmitChangeForAssessment'))
      .then([ev('ChangeAssessmentStarted')]);
  });
  it('implements, records the outcome, and closes a successful change without a review', () => {
    spec
      .given(scheduled)
      .when(cmd('StartChangeImplementation', {}, implementer))
      .then(implementing.slice(-1));
    spec
      .given(implementing)
      .when(cmd('RecordChangeImplementationOutcome', { outcome: 'successful', notes: 'fine' }, implementer))
      .then(succeeded.slice(-1));
    spec
      .given(succeeded)
      .when(cmd('CloseChange', { closureNotes: 'done' }, manager))
      .then([ev('ChangeClosed', { outcome: 'successful', closureNotes: 'done' }, manager)]);
  });
  it('only the implementer (or a change manager) reports the outcome', () => {
    spec
      .given(implementing)
      .when(cmd('RecordChangeImplementationOutcome', { outcome: 'successful', notes: 'x' }, requester))
      .thenFails('ChangeImplementerMismatch');
  });
  it('a failed change needs its post-implementation review before closing', () => {
    expect(
      spec
        .given(failed)
        .when(cmd('CloseChange', { closureNotes: 'x' }, manager))
        .thenFails('ChangeReviewRequired'),
    ).toMatchObject({
      reason: 'failed',
    });
    const reviewed = [
      ...failed,
      ev('ChangeReviewed', { findings: 'pool too big for memory', objectivesMet: false }, manager),
    ];
    spec
      .given(failed)
      .when(
        cmd('RecordPostImplementationReview', { findings: 'pool too big for memory', objectivesMet: false }, manager),
      )
      .then(reviewed.slice(-1));
    spec
      .given(reviewed)
      .when(cmd('RecordPostImplementationReview', { findings: 'x', objectivesMet: true }, manager))
      .thenFails('ChangeAlreadyReviewed');
    spec
      .given(reviewed)
      .when(cmd('CloseChange', { closureNotes: 'x' }, manager))
      .then([ev('ChangeClosed', { outcome: 'failed', closureNotes: 'x' }, manager)]);
  });
  it('cancels before implementation, never after', () => {
    spec
      .given(authorizing)
      .when(cmd('CancelChange', { reason: 'superseded' }))
      .then([ev('ChangeCancelled', { reason: 'superseded' })]);
    spec
      .given(implementing)
      .when(cmd('CancelChange', { reason: 'x' }))
      .thenFails('ChangeTransitionNotAllowed');
  });
  it('Closed and Cancelled are terminal', () => {
    const cancelled = [...normalNew, ev('ChangeCancelled', { reason: 'superseded' })];
    for (const command of [
      cmd('SubmitChangeForAssessment'),
      cmd('CancelChange', { reason: 'x' }),
      cmd('PlanChange', window),
    ])
      expect(spec.given(cancelled).when(command).thenFails('ChangeAlreadyFinished')).toMatchObject({
        status: 'Cancelled',
      });
    const closed = [...succeeded, ev('ChangeClosed', { outcome: 'successful', closureNotes: 'done' }, manager)];
    spec
      .given(closed)
      .when(cmd('CloseChange', { closureNotes: 'again' }, manager))
      .thenFails('ChangeAlreadyFinished');
  });
});

describe('change: segregation of duties', () => {
  it('the requester never approves their own change', () => {
    const selfApprover = actor('req-1', ['change-implementer', 'cab-member'], ['cab']);
    expect(
      spec
        .given(authorizing)
        .when(cmd('ApproveChange', { group: 'cab', comment: 'mine' }, selfApprover))
        .thenFails('ChangeRequesterCannotApprove'),
    ).toMatchObject({
      rule: 'requester-approves',
    });
    spec
      .given(authorizing)
      .when(cmd('RejectChange', { group: 'cab', comment: 'mine' }, selfApprover))
      .thenFails('ChangeRequesterCannotApprove');
  });
  it('the assigned implementer never approves', () => {
    const assigned = [...authorizing, ev('ChangeImplementerAssigned', { implementer: 'dual-1' }, manager)];
    spec
      .given(assigned)
      .when(cmd('ApproveChange', { group: 'cab', comment: 'x' }, approverImplementer))
      .thenFails('ChangeImplementerCannotApprove');
  });
  it('an approver is never assigned as, nor acts as, the implementer', () => {
    const approvedByDual = [...authorizing, ev('ChangeApproved', { group: 'cab', comment: 'ok' }, approverImplementer)];
    spec
      .given(approvedByDual)
      .when(cmd('AssignChangeImplementer', { implementer: 'dual-1' }, manager))
      .thenFails('ChangeApproverCannotImplement');
    const scheduledByDual = [
      ...authorizing,
      ev('ChangeApproved', { group: 'change-managers', comment: 'ok' }, manager),
      ev('ChangeApproved', { group: 'cab', comment: 'ok' }, cab1),
      ev('ChangeApproved', { group: 'cab', comment: 'ok' }, approverImplementer),
      ev(
        'ChangeAuthorized',
        {
          approvals: [
            { group: 'change-managers', approvers: ['mgr-1'] },
            { group: 'cab', approvers: ['cab-1', 'dual-1'] },
          ],
        },
        approverImplementer,
      ),
      ev('ChangeScheduled', window, approverImplementer),
    ];
    spec
      .given(scheduledByDual)
      .when(cmd('StartChangeImplementation', {}, approverImplementer))
      .thenFails('ChangeApproverCannotImplement');
  });
  it('only the assigned implementer starts the implementation', () => {
    const assigned = [...scheduled, ev('ChangeImplementerAssigned', { implementer: 'impl-1' }, manager)];
    spec
      .given(assigned)
      .when(cmd('StartChangeImplementation', {}, requester))
      .thenFails('ChangeImplementerMismatch');
    spec
      .given(assigned)
      .when(cmd('StartChangeImplementation', {}, implementer))
      .then([ev('ChangeImplementationStarted', { implementer: 'impl-1' }, implementer)]);
  });
  it('turns a refusal into a recorded violation for the audit trail', () => {
    const notFound: ChangeError = { _tag: 'ChangeNotFound', command: 'ApproveChange' };
    const selfApprover = actor('req-1', ['change-implementer', 'cab-member'], ['cab']);
    const refusedCommand = valid(ChangeCommand, {
      type: 'ApproveChange',
      data: { changeId: 'CHG1', group: 'cab', comment: 'mine' },
      metadata: metadataOf(selfApprover, '2026-03-03T10:00:00Z', 'cmd-42'),
    });
    const decided = changeDecider.decide(
      refusedCommand,
      authorizing.reduce(changeDecider.evolve, changeDecider.initialState),
    );
    if (decided._tag === 'Right') throw new Error('expected a refusal');
    const record = segregationViolationCommandOf(refusedCommand, decided.left, process);
    expect(record).toMatchObject({
      type: 'RecordChangeSegregationViolation',
      data: {
        changeId: 'CHG1',
        attemptedCommand: 'ApproveChange',
        attemptedBy: 'req-1',
        rule: 'requester-approves',
        attemptedAt: '2026-03-03T10:00:00Z',
      },
      metadata: { actor: { id: 'process' }, commandId: 'sod:cmd-42' },
    });
    if (record === undefined) throw new Error('expected a record');
    spec
      .given(authorizing)
      .when(record)
      .then([
        ev(
          'ChangeSegregationViolationRecorded',
          {
            attemptedCommand: 'ApproveChange',
            attemptedBy: 'req-1',
            rule: 'requester-approves',
            attemptedAt: '2026-03-03T10:00:00Z',
          },
          process,
          '2026-03-03T10:00:00Z',
        ),
      ]);
    expect(segregationViolationCommandOf(refusedCommand, notFound, process)).toBeUndefined();
  });
  it('names the would-be implementer, not the assigning manager, for an assignment', () => {
    const approvedByDual = [...authorizing, ev('ChangeApproved', { group: 'cab', comment: 'ok' }, approverImplementer)];
    const assign = cmd('AssignChangeImplementer', { implementer: 'dual-1' }, manager);
    const error = spec.given(approvedByDual).when(assign).thenFails('ChangeApproverCannotImplement');
    const record = segregationViolationCommandOf(assign, error, process);
    expect(record?.data).toMatchObject({ attemptedBy: 'dual-1', rule: 'approver-implements' });
    if (record !== undefined)
      spec
        .given(approvedByDual)
        .when(record)
        .then([ev('ChangeSegregationViolationRecorded', { ...record.data }, process)]);
  });
  it('refuses a violation record that does not match the change, and accepts one on a closed change', () => {
    spec
      .given(authorizing)
      .when(
        cmd(
          'RecordChangeSegregationViolation',
          { attemptedCommand: 'ApproveChange', attemptedBy: 'cab-1', rule: 'requester-approves', attemptedAt: T0 },
          process,
        ),
      )
      .thenFails('ChangeSegregationRecordInconsistent');
    const closed = [...succeeded, ev('ChangeClosed', { outcome: 'successful', closureNotes: 'done' }, manager)];
    spec
      .given(closed)
      .when(
        cmd(
          'RecordChangeSegregationViolation',
          { attemptedCommand: 'ApproveChange', attemptedBy: 'req-1', rule: 'requester-approves', attemptedAt: T0 },
          process,
        ),
      )
      .then([
        ev(
          'ChangeSegregationViolationRecorded',
          { attemptedCommand: 'ApproveChange', attemptedBy: 'req-1', rule: 'requester-approves', attemptedAt: T0 },
          process,
        ),
      ]);
  });
});

describe('change: emergency', () => {
  const emergencyNew = [requestOf('emergency')];
  const emergencyPlanned = [...emergencyNew, ev('ChangePlanned', window)];
  const emergencyAuthorizing = [
    ...emergencyPlanned,
    ev('ChangeAuthorizationRequested', { requiredApprovals: [{ group: 'ecab', quorum: 1 }] }),
  ];
  const emergencyReview = [
    ...emergencyAuthorizing,
    ev('ChangeApproved', { group: 'ecab', comment: 'go' }, ecab),
    ev('ChangeAuthorized', { approvals: [{ group: 'ecab', approvers: ['ecab-1'] }] }, ecab),
    ev('ChangeScheduled', window, ecab),
    ev('ChangeImplementationStarted', { implementer: 'impl-1' }, implementer),
    ev('ChangeImplemented', { outcome: 'successful', notes: 'patched' }, implementer),
  ];
  it('skips assessment: New → Authorize with the emergency approvers', () => {
    spec.given(emergencyPlanned).when(cmd('RequestChangeAuthorization')).then(emergencyAuthorizing.slice(-1));
    spec
      .given(emergencyAuthorizing)
      .when(cmd('ApproveChange', { group: 'ecab', comment: 'go' }, ecab))
      .then(emergencyReview.slice(emergencyAuthorizing.length, emergencyAuthorizing.length + 3));
  });
  it('needs a review and a retrospective approval before closing', () => {
    expect(
      spec
        .given(emergencyReview)
        .when(cmd('CloseChange', { closureNotes: 'x' }, manager))
        .thenFails('ChangeReviewRequired'),
    ).toMatchObject({
      reason: 'emergency',
    });
    const reviewed = [...emergencyReview, ev('ChangeReviewed', { findings: 'ok', objectivesMet: true }, manager)];
    spec
      .given(reviewed)
      .when(cmd('CloseChange', { closureNotes: 'x' }, manager))
      .thenFails('ChangeRetrospectiveApprovalRequired');
    const approved = [...reviewed, ev('ChangeRetrospectivelyApproved', { group: 'cab', comment: 'justified' }, cab1)];
    spec
      .given(reviewed)
      .when(cmd('ApproveEmergencyChangeRetrospectively', { comment: 'justified' }, cab1))
      .then(approved.slice(-1));
    spec
      .given(approved)
      .when(cmd('ApproveEmergencyChangeRetrospectively', { comment: 'me too' }, cab2))
      .thenFails('ChangeAlreadyApprovedRetrospectively');
    spec
      .given(approved)
      .when(cmd('CloseChange', { closureNotes: 'x' }, manager))
      .then([ev('ChangeClosed', { outcome: 'successful', closureNotes: 'x' }, manager)]);
  });
  it('the retrospective approver obeys segregation of duties and group membership', () => {
    const selfApprover = actor('req-1', ['change-implementer', 'cab-member'], ['cab']);
    spec
      .given(emergencyReview)
      .when(cmd('ApproveEmergencyChangeRetrospectively', { comment: 'x' }, selfApprover))
      .thenFails('ChangeRequesterCannotApprove');
    const implementerInCab = actor('impl-1', ['cab-member'], ['cab']);
    spec
      .given(emergencyReview)
      .when(cmd('ApproveEmergencyChangeRetrospectively', { comment: 'x' }, implementerInCab))
      .thenFails('ChangeImplementerCannotApprove');
    spec
      .given(emergencyReview)
      .when(cmd('ApproveEmergencyChangeRetrospectively', { comment: 'x' }, manager))
      .thenFails('ChangeApproverNotInGroup');
    spec
      .given(succeeded)
      .when(cmd('ApproveEmergencyChangeRetrospectively', { comment: 'x' }, cab3))
      .thenFails('ChangeStepNotInLifecycle');
    const ecabInCab = actor('ecab-1', ['emergency-cab-member', 'cab-member'], ['ecab', 'cab']);
    spec
      .given(emergencyReview)
      .when(cmd('ApproveEmergencyChangeRetrospectively', { comment: 'x' }, ecabInCab))
      .thenFails('ChangeApproverAlreadyDecided');
  });
});

describe('change: standard', () => {
  const standardNew = [
    ev('ChangeRequested', {
      changeType: 'standard',
      title: 't',
      description: '',
      configurationItems: ['CI-DB1'],
      standardTemplateId: 'TPL-1',
    }),
  ];
  it('is pre-authorised: planning schedules it and the implementer starts without approvals', () => {
    const planned = [...standardNew, ev('ChangePlanned', window), ev('ChangeScheduled', window)];
    spec.given(standardNew).when(cmd('PlanChange', window)).then(planned.slice(1));
    spec
      .given(planned)
      .when(cmd('StartChangeImplementation', {}, implementer))
      .then([ev('ChangeImplementationStarted', { implementer: 'impl-1' }, implementer)]);
  });
  it('has no assessment or authorisation step', () => {
    spec.given(standardNew).when(cmd('SubmitChangeForAssessment')).thenFails('ChangeStepNotInLifecycle');
    spec
      .given(standardNew)
      .when(cmd('AssessChangeRisk', { answers: lowAnswers }))
      .thenFails('ChangeStepNotInLifecycle');
    spec.given(standardNew).when(cmd('RequestChangeAuthorization')).thenFails('ChangeStepNotInLifecycle');
  });
});

describe('change: schedule rules', () => {
  const freeze = valid(BlackoutWindow, {
    name: 'Quarter-end freeze',
    start: '2026-03-09T00:00:00Z',
    end: '2026-03-16T00:00:00Z',
  });
  const frozen = deciderSpec(createChangeDecider({ ...defaultChangePolicy, blackoutWindows: [freeze] }));
  it('refuses an end before the start', () => {
    spec
      .given(normalNew)
      .when(cmd('PlanChange', { plannedStart: window.plannedEnd, plannedEnd: window.plannedStart }))
      .thenFails('ChangePlannedWindowInvalid');
  });
  it('refuses planning a non-emergency change inside a blackout window', () => {
    expect(frozen.given(normalNew).when(cmd('PlanChange', window)).thenFails('ChangeInBlackoutWindow')).toMatchObject({
      windows: ['Quarter-end freeze'],
    });
    frozen
      .given(normalNew)
      .when(cmd('PlanChange', { plannedStart: '2026-03-16T00:00:00Z', plannedEnd: '2026-03-16T01:00:00Z' }))
      .then([ev('ChangePlanned', { plannedStart: '2026-03-16T00:00:00Z', plannedEnd: '2026-03-16T01:00:00Z' })]);
  });
  it('a window scoped to other CIs does not freeze this change', () => {
    const scoped = valid(BlackoutWindow, { ...freeze, configurationItems: ['CI-MAIL'] });
    deciderSpec(createChangeDecider({ ...defaultChangePolicy, blackoutWindows: [scoped] }))
      .given(normalNew)
      .when(cmd('PlanChange', window))
      .then([ev('ChangePlanned', window)]);
  });
  it('an emergency change inside a blackout window needs an override reason, which is recorded', () => {
    const emergencyNew = [requestOf('emergency')];
    frozen.given(emergencyNew).when(cmd('PlanChange', window)).thenFails('EmergencyChangeBlackoutOverrideRequired');
    frozen
      .given(emergencyNew)
      .when(cmd('PlanChange', { ...window, blackoutOverrideReason: 'Payment outage' }))
      .then([
        ev('ChangePlanned', {
          ...window,
          blackoutOverride: { windows: ['Quarter-end freeze'], reason: 'Payment outage' },
        }),
      ]);
  });
  it('records a conflict warning once, and never one with itself', () => {
    const conflict = {
      conflictingChangeId: 'CHG2',
      configurationItemId: 'CI-DB1',
      overlapStart: window.plannedStart,
      overlapEnd: window.plannedEnd,
    };
    spec
      .given(assessedHigh)
      .when(cmd('RecordChangeConflictWarning', conflict, process))
      .then([ev('ChangeConflictWarningRecorded', conflict, process)]);
    spec
      .given([...assessedHigh, ev('ChangeConflictWarningRecorded', conflict, process)])
      .when(cmd('RecordChangeConflictWarning', conflict, process))
      .thenNothing();
    spec
      .given(assessedHigh)
      .when(cmd('RecordChangeConflictWarning', { ...conflict, conflictingChangeId: 'CHG1' }, process))
      .thenFails('ChangeConflictWithItself');
    spec
      .given(assessedHigh)
      .when(cmd('RecordChangeConflictWarning', { ...conflict, overlapEnd: conflict.overlapStart }, process))
      .thenFails('ChangeConflictOverlapInvalid');
  });
});

describe('change: malformed input', () => {
  it('names every malformed field with its path', () => {
    const decoded = decodeInput(Change.commandCodec, {
      type: 'PlanChange',
      data: { changeId: 'CHG1', plannedStart: '10 March', plannedEnd: 5 },
      metadata: metadataOf(requester),
    });
    const problems = decoded._tag === 'Left' ? decoded.left.problems.join('\n') : '';
    expect(problems).toMatch(/data\.(\d\.)?plannedStart/);
    expect(problems).toMatch(/data\.(\d\.)?plannedEnd/);
  });
  it('names an unknown change type', () => {
    const decoded = decodeInput(Change.commandCodec, {
      type: 'RequestChange',
      data: { changeId: 'CHG1', changeType: 'urgent', title: 't', description: '', configurationItems: [] },
      metadata: metadataOf(requester),
    });
    expect(decoded._tag === 'Left' && decoded.left.problems.join()).toMatch(/changeType/);
  });
  it('names streams change-<id> and registers every event type', () => {
    expect(changeStreamId('CHG1')).toEqual({ _tag: 'Right', right: 'change-CHG1' });
    expect(Change.recordIdOf(cmd('CancelChange', { reason: 'x' }))).toBe('CHG1');
    expect(Change.eventSchemas).toHaveLength(18);
  });
});
