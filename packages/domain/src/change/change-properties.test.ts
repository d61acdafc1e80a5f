/**
 * Properties of the change decider over random command sequences: 10,000
 * sequences of 10–30 commands per property, with actors drawn from pools that
 * include segregation-of-duties offenders. Each property folds the accepted
 * events and checks the rule on the whole history.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Actor } from '../shared/actor.js';
import { actor, metadataOf, valid } from '../problem/problem-change-spec.test-fixture.js';
import { ChangeCommand } from './change-commands.js';
import { createChangeDecider } from './change-decider.js';
import type { ApprovalRequirement, ChangeEvent } from './change-events.js';
import { changeEventSchemas } from './change-events.js';
import { defaultChangePolicy, type ChangePolicy } from './change-policy.js';
import { BlackoutWindow, windowsOverlap } from './change-schedule.js';
import type { ChangeState } from './change-state.js';

const RUNS = 10_000;

const policy: ChangePolicy = {
  ...defaultChangePolicy,
  blackoutWindows: [
    valid(BlackoutWindow, { name: 'freeze', start: '2026-03-20T00:00:00Z', end: '2026-03-23T00:00:00Z' }),
  ],
};
const decider = createChangeDecider(policy);
const schemas = new Map(changeEventSchemas.map((schema) => [schema.type, schema]));

const people = {
  req: actor('req', ['change-implementer']),
  reqCab: actor('req-cab', ['change-implementer', 'cab-member'], ['cab']),
  mgr1: actor('mgr-1', ['change-manager'], ['change-managers']),
  mgr2: actor('mgr-2', ['change-manager', 'change-implementer'], ['change-managers', 'cab']),
  cab1: actor('cab-1', ['cab-member'], ['cab']),
  cab2: actor('cab-2', ['cab-member'], ['cab']),
  ecab: actor('ecab-1', ['emergency-cab-member'], ['ecab']),
  impl: actor('impl-1', ['change-implementer']),
  dual: actor('dual', ['cab-member', 'change-implementer', 'emergency-cab-member'], ['cab', 'ecab']),
  process: actor('process', ['process']),
};
const everyone = Object.values(people);
const pick = (...actors: Actor[]) => fc.constantFrom(...actors);

const answersOf = {
  low: ['none', 'simple', 'tested', 'never', 'no'],
  medium: ['some', 'moderate', 'tested', 'never', 'no'],
  high: ['many', 'complex', 'untested', 'never', 'yes'],
};
const questionIds = ['users-affected', 'complexity', 'backout', 'history', 'outage'];
const windows = [
  { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' },
  { plannedStart: '2026-03-21T22:00:00Z', plannedEnd: '2026-03-21T23:00:00Z' },
  { plannedStart: '2026-03-19T22:00:00Z', plannedEnd: '2026-03-20T02:00:00Z' },
];

type Step = readonly [string, Record<string, unknown>, Actor];
const step = (
  type: string,
  data: fc.Arbitrary<Record<string, unknown>>,
  who: fc.Arbitrary<Actor>,
): fc.Arbitrary<Step> => fc.tuple(fc.constant(type), data, who);
const none = fc.constant({});

const request = step(
  'RequestChange',
  fc
    .record({
      changeType: fc.constantFrom('standard', 'normal', 'normal', 'emergency'),
      template: fc.constantFrom('approved', 'approved', 'unapproved', 'none'),
    })
    .map(({ changeType, template }) => ({
      changeType,
      title: 'Change',
      description: '',
      configurationItems: ['CI-1'],
      ...(template === 'none' ? {} : { standardTemplate: { templateId: 'TPL-1', approved: template === 'approved' } }),
    })),
  pick(people.req, people.reqCab, people.mgr2),
);

const anyStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: request },
  // Progress steps weigh more, so that many sequences get as far as implementation and closure.
  { weight: 3, arbitrary: step('SubmitChangeForAssessment', none, pick(people.req, people.mgr1)) },
  {
    weight: 3,
    arbitrary: step(
      'AssessChangeRisk',
      fc
        .record({
          level: fc.constantFrom('low', 'medium', 'high'),
          drop: fc.boolean(),
          override: fc.constantFrom(undefined, 'low', 'high'),
        })
        .map(({ level, drop, override }) => ({
          answers: questionIds
            .map((questionId, index) => ({ questionId, answerId: answersOf[level as 'low'][index] }))
            .slice(drop && level === 'medium' ? 1 : 0),
          ...(override === undefined ? {} : { override: { riskLevel: override, reason: 'judgement' } }),
        })),
      pick(people.req, people.mgr1, people.mgr2),
    ),
  },
  {
    weight: 3,
    arbitrary: step(
      'PlanChange',
      fc.record({ window: fc.constantFrom(...windows), reason: fc.boolean() }).map(({ window, reason }) => ({
        ...window,
        ...(reason ? { blackoutOverrideReason: 'outage' } : {}),
      })),
      pick(people.req, people.mgr1),
    ),
  },
  { weight: 3, arbitrary: step('RequestChangeAuthorization', none, pick(people.req, people.mgr1)) },
  {
    weight: 8,
    arbitrary: fc.oneof(
      step(
        'ApproveChange',
        fc.constant({ group: 'cab', comment: 'ok' }),
        pick(people.cab1, people.cab2, people.dual, people.reqCab, people.mgr2),
      ),
      step('ApproveChange', fc.constant({ group: 'change-managers', comment: 'ok' }), pick(people.mgr1, people.mgr2)),
      step('ApproveChange', fc.constant({ group: 'ecab', comment: 'ok' }), pick(people.ecab, people.dual)),
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      'RejectChange',
      fc.constantFrom({ group: 'cab', comment: 'no' }, { group: 'ecab', comment: 'no' }),
      pick(people.cab1, people.dual, people.ecab),
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      'AssignChangeImplementer',
      fc.constantFrom('impl-1', 'dual', 'mgr-2', 'cab-1').map((implementer) => ({ implementer })),
      pick(people.mgr1),
    ),
  },
  {
    weight: 3,
    arbitrary: step('StartChangeImplementation', none, pick(people.impl, people.dual, people.mgr2, people.req)),
  },
  {
    weight: 3,
    arbitrary: step(
      'RecordChangeImplementationOutcome',
      fc.constantFrom('successful', 'failed', 'backed-out').map((outcome) => ({ outcome, notes: 'n' })),
      pick(people.impl, people.dual, people.mgr1),
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      'RecordPostImplementationReview',
      fc.constant({ findings: 'f', objectivesMet: true }),
      pick(people.mgr1),
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      'ApproveEmergencyChangeRetrospectively',
      fc.constant({ comment: 'ok' }),
      pick(people.cab1, people.dual, people.reqCab),
    ),
  },
  { weight: 2, arbitrary: step('CloseChange', fc.constant({ closureNotes: 'done' }), pick(people.mgr1)) },
  {
    weight: 1,
    arbitrary: step('CancelChange', fc.constant({ reason: 'no longer needed' }), pick(people.mgr1, people.req)),
  },
  {
    weight: 1,
    arbitrary: step(
      'RecordChangeConflictWarning',
      fc.constant({
        conflictingChangeId: 'CHG2',
        configurationItemId: 'CI-1',
        overlapStart: windows[0]?.plannedStart,
        overlapEnd: windows[0]?.plannedEnd,
      }),
      pick(people.process),
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      'RecordChangeSegregationViolation',
      fc
        .record({
          rule: fc.constantFrom('requester-approves', 'implementer-approves', 'approver-implements'),
          attemptedBy: fc.constantFrom(...everyone.map((a) => a.id)),
          attemptedCommand: fc.constantFrom('ApproveChange', 'StartChangeImplementation'),
        })
        .map((data) => ({ ...data, attemptedAt: '2026-03-02T09:00:00Z' })),
      pick(people.process),
    ),
  },
);

/** 10–30 commands, the first one a request. */
const sequences = fc
  .tuple(request, fc.array(anyStep, { minLength: 9, maxLength: 29 }))
  .map(([first, rest]) => [first, ...rest]);

interface Run {
  readonly history: readonly ChangeEvent[];
  /** Per accepted command: the command type and the state it was decided on. */
  readonly refusalsAfterFinish: number;
  readonly acceptedAfterFinish: readonly string[];
}

// Steps come from a finite set, so each distinct command is decoded once and each distinct event validated once.
const decodedCommands = new Map<string, ChangeCommand>();
const validatedEvents = new Set<string>();

const commandOf = ([type, data, who]: Step, index: number): ChangeCommand => {
  const occurredAt = `2026-03-02T09:${String(index).padStart(2, '0')}:00Z`;
  const key = JSON.stringify([type, data, who.id, occurredAt]);
  let command = decodedCommands.get(key);
  if (command === undefined) {
    command = valid(ChangeCommand, {
      type,
      data: { changeId: 'CHG1', ...data },
      metadata: metadataOf(who, occurredAt),
    });
    decodedCommands.set(key, command);
  }
  return command;
};

const runSequence = (steps: readonly Step[]): Run => {
  let state: ChangeState = decider.initialState;
  const history: ChangeEvent[] = [];
  const acceptedAfterFinish: string[] = [];
  let refusalsAfterFinish = 0;
  steps.forEach((step, index) => {
    const type = step[0];
    const command = commandOf(step, index);
    const finished = state.status === 'Closed' || state.status === 'Cancelled';
    const decided = decider.decide(command, state);
    if (decided._tag === 'Left') {
      if (finished) refusalsAfterFinish++;
      return;
    }
    if (finished && decided.right.length > 0) acceptedAfterFinish.push(type);
    for (const event of decided.right) {
      const key = JSON.stringify(event);
      if (!validatedEvents.has(key)) {
        const invalid = schemas.get(event.type)?.validate?.(event.data);
        if (invalid !== undefined) throw new Error(`${event.type} does not match its schema: ${invalid}`);
        validatedEvents.add(key);
      }
      history.push(event);
      state = decider.evolve(state, event);
    }
  });
  return { history, refusalsAfterFinish, acceptedAfterFinish };
};

const sameRequirements = (a: readonly ApprovalRequirement[], b: readonly ApprovalRequirement[]): boolean =>
  a.length === b.length &&
  a.every((requirement, index) => requirement.group === b[index]?.group && requirement.quorum === b[index]?.quorum);

describe('change properties (10,000 random command sequences each)', () => {
  it('no change reaches Implement without the approvals its risk requires', () => {
    let implemented = 0;
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history } = runSequence(steps);
        let changeType = '';
        let riskLevel: 'low' | 'medium' | 'high' | undefined;
        let required: readonly ApprovalRequirement[] | undefined;
        let approvals: { group: string; by: string }[] = [];
        for (const event of history) {
          switch (event.type) {
            case 'ChangeRequested':
              changeType = event.data.changeType;
              if (changeType === 'standard') expect(event.data.standardTemplateId).toBeDefined();
              break;
            case 'ChangeRiskAssessed':
              riskLevel = event.data.riskLevel;
              break;
            case 'ChangeAuthorizationRequested':
              required = event.data.requiredApprovals;
              approvals = [];
              expect(
                sameRequirements(
                  required,
                  changeType === 'emergency' ? policy.emergencyApprovals : policy.approvalsByRisk[riskLevel ?? 'low'],
                ),
              ).toBe(true);
              if (changeType === 'normal') expect(riskLevel).toBeDefined();
              break;
            case 'ChangeApproved':
              // One person counts once per round, for one group: quorums are made of distinct people.
              expect(approvals.some((approval) => approval.by === event.data.by)).toBe(false);
              expect(required?.some((requirement) => requirement.group === event.data.group)).toBe(true);
              approvals.push({ group: event.data.group, by: event.data.by });
              break;
            case 'ChangeRejected':
              required = undefined;
              approvals = [];
              break;
            case 'ChangeImplementationStarted':
              implemented++;
              if (changeType === 'standard') break;
              expect(required).toBeDefined();
              for (const requirement of required ?? []) {
                const distinct = new Set(approvals.filter((a) => a.group === requirement.group).map((a) => a.by));
                expect(distinct.size).toBeGreaterThanOrEqual(requirement.quorum);
              }
              break;
            default:
              break;
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The property is not vacuous: a fair share of the sequences got as far as implementation.
    expect(implemented).toBeGreaterThan(RUNS / 100);
  });

  it('requester ≠ approver ≠ implementer on every history', () => {
    let sodRecorded = 0;
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history } = runSequence(steps);
        let requester = '';
        let assigned: string | undefined;
        const approvers = new Set<string>();
        const implementers = new Set<string>();
        for (const event of history) {
          if (event.type === 'ChangeRequested') requester = event.data.by;
          if (event.type === 'ChangeImplementerAssigned') assigned = event.data.implementer;
          if (
            event.type === 'ChangeApproved' ||
            event.type === 'ChangeRejected' ||
            event.type === 'ChangeRetrospectivelyApproved'
          ) {
            expect(event.data.by).not.toBe(requester);
            expect(event.data.by).not.toBe(assigned);
            if (event.type !== 'ChangeRejected') approvers.add(event.data.by);
          }
          if (event.type === 'ChangeImplementationStarted') {
            implementers.add(event.data.implementer);
            assigned = event.data.implementer;
          }
          if (event.type === 'ChangeSegregationViolationRecorded') sodRecorded++;
        }
        for (const implementer of implementers) expect(approvers.has(implementer)).toBe(false);
      }),
      { numRuns: RUNS },
    );
    expect(sodRecorded).toBeGreaterThan(0);
  });

  it('Closed and Cancelled are terminal; closing needs the reviews and approvals its type and outcome require', () => {
    let finished = 0;
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history, acceptedAfterFinish } = runSequence(steps);
        expect(acceptedAfterFinish.filter((type) => type !== 'RecordChangeSegregationViolation')).toEqual([]);
        const end = history.findIndex((event) => event.type === 'ChangeClosed' || event.type === 'ChangeCancelled');
        if (end < 0) return;
        finished++;
        expect(history.slice(end + 1).every((event) => event.type === 'ChangeSegregationViolationRecorded')).toBe(true);
        const closed = history[end];
        if (closed?.type !== 'ChangeClosed') {
          expect(history.some((event) => event.type === 'ChangeImplementationStarted')).toBe(false);
          return;
        }
        const requested = history[0];
        const reviewed = history.some((event) => event.type === 'ChangeReviewed');
        if (closed.data.outcome !== 'successful') expect(reviewed).toBe(true);
        if (requested?.type === 'ChangeRequested' && requested.data.changeType === 'emergency') {
          expect(reviewed).toBe(true);
          expect(history.some((event) => event.type === 'ChangeRetrospectivelyApproved')).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    expect(finished).toBeGreaterThan(RUNS / 50);
  });

  it('only emergency changes are planned inside a blackout window, always with a recorded override', () => {
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history } = runSequence(steps);
        const requested = history[0];
        for (const event of history)
          if (event.type === 'ChangePlanned') {
            const inside = policy.blackoutWindows.some((window) =>
              windowsOverlap(window, { start: event.data.plannedStart, end: event.data.plannedEnd }),
            );
            if (!inside) expect(event.data.blackoutOverride).toBeUndefined();
            else {
              expect(requested?.type === 'ChangeRequested' && requested.data.changeType).toBe('emergency');
              expect(event.data.blackoutOverride?.reason).toBeDefined();
            }
          }
      }),
      { numRuns: RUNS },
    );
  });
});
