/**
 * Properties of the problem decider over random command sequences: 10,000
 * sequences of 10–30 commands per property. Each property folds the accepted
 * events and checks the rule on the whole history.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Actor } from '../shared/actor.js';
import { ProblemCommand } from './problem-commands.js';
import { problemDecider } from './problem-decider.js';
import { problemEventSchemas, type ProblemEvent } from './problem-events.js';
import type { ProblemState } from './problem-state.js';
import { defaultProblemIncidentPolicy, problemIncidentCommands } from './problem-incident-process.js';
import { actor, metadataOf, valid } from './problem-change-spec.test-fixture.js';

const RUNS = 10_000;
const schemas = new Map(problemEventSchemas.map((schema) => [schema.type, schema]));
const pm = actor('pm-1', ['problem-manager']);
const resolver = actor('res-1', ['resolver']);
const agent = actor('agent-1', ['service-desk-agent']);
const content = (workaround: string) => ({ symptom: 's', rootCause: 'r', workaround, affectedCis: ['CI-1'] });

type Step = readonly [string, Record<string, unknown>, Actor];
const step = (type: string, data: fc.Arbitrary<Record<string, unknown>>, who: fc.Arbitrary<Actor> = fc.constant(pm)) =>
  fc.tuple(fc.constant(type), data, who) as fc.Arbitrary<Step>;
const none = fc.constant({});
const incident = fc.constantFrom('INC1', 'INC2', 'INC3').map((incidentId) => ({ incidentId }));

const logProblem = step(
  'LogProblem',
  fc.constant({ title: 'p', description: '', impact: 2, urgency: 2 }),
  fc.constantFrom(pm, agent),
);
const anyStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: logProblem },
  {
    weight: 1,
    arbitrary: step(
      'AssignProblem',
      fc.constantFrom({ assignmentGroup: 'dba' }, { assignmentGroup: 'dba', assignee: 'res-1' }),
    ),
  },
  { weight: 3, arbitrary: step('StartProblemAssessment', none, fc.constantFrom(pm, resolver, agent)) },
  { weight: 3, arbitrary: step('StartRootCauseAnalysis', none, fc.constantFrom(pm, resolver)) },
  {
    weight: 3,
    arbitrary: step(
      'RecordProblemRootCause',
      fc.constantFrom({ rootCause: 'pool' }, { rootCause: 'disk' }),
      fc.constantFrom(pm, resolver),
    ),
  },
  {
    weight: 3,
    arbitrary: step('StartProblemFix', fc.constant({ fixPlan: 'raise pool' }), fc.constantFrom(pm, resolver)),
  },
  {
    weight: 3,
    arbitrary: step(
      'ResolveProblem',
      fc
        .constantFrom('fix-applied', 'fix-applied', 'risk-accepted')
        .map((resolutionCode) => ({ resolutionCode, resolutionNotes: 'n' })),
    ),
  },
  { weight: 1, arbitrary: step('ReanalyseProblem', fc.constant({ reason: 'recurred' })) },
  {
    weight: 3,
    arbitrary: step(
      'CloseProblem',
      fc
        .record({
          closureCode: fc.constantFrom('fix-applied', 'risk-accepted', 'duplicate', 'cancelled'),
          dup: fc.constantFrom(undefined, 'PRB0', 'PRB1'),
        })
        .map(({ closureCode, dup }) => ({
          closureCode,
          closureNotes: 'c',
          ...(dup === undefined ? {} : { duplicateOf: dup }),
        })),
    ),
  },
  { weight: 3, arbitrary: step('LinkProblemIncident', incident, fc.constantFrom(pm, agent)) },
  { weight: 1, arbitrary: step('UnlinkProblemIncident', incident) },
  { weight: 1, arbitrary: step('LinkProblemChange', fc.constant({ changeId: 'CHG1' })) },
  {
    weight: 2,
    arbitrary: step(
      'RaiseKnownError',
      fc.constantFrom('KE1', 'KE2').map((knownErrorId) => ({ knownErrorId, content: content('w1') })),
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      'UpdateKnownError',
      fc.constantFrom('w1', 'w2').map((w) => ({ knownErrorId: 'KE1', content: content(w) })),
    ),
  },
  { weight: 1, arbitrary: step('RetireKnownError', fc.constant({ knownErrorId: 'KE1', reason: 'obsolete' })) },
);
const sequences = fc
  .tuple(logProblem, fc.array(anyStep, { minLength: 9, maxLength: 29 }))
  .map(([first, rest]) => [first, ...rest]);

const decoded = new Map<string, ProblemCommand>();
const validated = new Set<string>();

const run = (steps: readonly Step[]): { history: ProblemEvent[]; acceptedAfterClose: string[] } => {
  let state: ProblemState = problemDecider.initialState;
  const history: ProblemEvent[] = [];
  const acceptedAfterClose: string[] = [];
  for (const [type, data, who] of steps) {
    const key = JSON.stringify([type, data, who.id]);
    let command = decoded.get(key);
    if (command === undefined) {
      command = valid(ProblemCommand, { type, data: { problemId: 'PRB1', ...data }, metadata: metadataOf(who) });
      decoded.set(key, command);
    }
    const closed = state.status === 'Closed';
    const decided = problemDecider.decide(command, state);
    if (decided._tag === 'Left') continue;
    if (closed && decided.right.length > 0) acceptedAfterClose.push(type);
    for (const event of decided.right) {
      const eventKey = JSON.stringify(event);
      if (!validated.has(eventKey)) {
        const invalid = schemas.get(event.type)?.validate?.(event.data);
        if (invalid !== undefined) throw new Error(`${event.type} does not match its schema: ${invalid}`);
        validated.add(eventKey);
      }
      history.push(event);
      state = problemDecider.evolve(state, event);
    }
  }
  return { history, acceptedAfterClose };
};

describe('problem properties (10,000 random command sequences each)', () => {
  it('closure codes are consistent with the state the problem was closed from', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history } = run(steps);
        let status = 'New';
        let resolutionCode: string | undefined;
        let rootCause = false;
        for (const event of history) {
          switch (event.type) {
            case 'ProblemRootCauseRecorded':
              rootCause = true;
              break;
            case 'ProblemAssessmentStarted':
              status = 'Assess';
              break;
            case 'ProblemRootCauseAnalysisStarted':
            case 'ProblemReanalysisStarted':
              status = 'RootCauseAnalysis';
              resolutionCode = undefined;
              break;
            case 'ProblemFixStarted':
              if (!rootCause) throw new Error('fix started without a root cause');
              status = 'FixInProgress';
              break;
            case 'ProblemResolved':
              if (event.data.resolutionCode === 'fix-applied' && (status !== 'FixInProgress' || !rootCause))
                throw new Error('fix-applied without a fix in progress and a root cause');
              status = 'Resolved';
              resolutionCode = event.data.resolutionCode;
              break;
            case 'ProblemClosed': {
              const { closureCode, duplicateOf } = event.data;
              seen.add(closureCode);
              if (closureCode === 'fix-applied' || closureCode === 'risk-accepted')
                expect([status, resolutionCode]).toEqual(['Resolved', closureCode]);
              else expect(status).not.toBe('Resolved');
              expect(duplicateOf !== undefined).toBe(closureCode === 'duplicate');
              if (duplicateOf !== undefined) expect(duplicateOf).not.toBe('PRB1');
              status = 'Closed';
              break;
            }
            default:
              break;
          }
        }
      }),
      { numRuns: RUNS },
    );
    // Every closure code was reached by some sequence, so each branch was checked.
    expect([...seen].sort()).toEqual(['cancelled', 'duplicate', 'fix-applied', 'risk-accepted']);
  });

  it('Closed is terminal; only the known error changes afterwards', () => {
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history, acceptedAfterClose } = run(steps);
        expect(acceptedAfterClose.every((type) => type === 'UpdateKnownError' || type === 'RetireKnownError')).toBe(
          true,
        );
        const closedAt = history.findIndex((event) => event.type === 'ProblemClosed');
        if (closedAt < 0) return;
        expect(history.slice(closedAt + 1).every((event) => event.type.startsWith('KnownError'))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('the linked incidents are a set, and a resolution lists exactly the incidents linked at that moment', () => {
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history } = run(steps);
        const linked = new Set<string>();
        for (const event of history) {
          if (event.type === 'ProblemIncidentLinked') {
            expect(linked.has(event.data.incidentId)).toBe(false);
            linked.add(event.data.incidentId);
          }
          if (event.type === 'ProblemIncidentUnlinked') expect(linked.delete(event.data.incidentId)).toBe(true);
          if (event.type === 'ProblemResolved')
            expect([...event.data.linkedIncidents].sort()).toEqual([...linked].sort());
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the problem → incident process is deterministic, with unique ids, only for standing fix-applied resolutions', () => {
    const process = problemIncidentCommands(defaultProblemIncidentPolicy);
    fc.assert(
      fc.property(sequences, (steps) => {
        const { history } = run(steps);
        const commands = process(history);
        expect(process(history)).toEqual(commands);
        const ids = commands.map((command) => command.metadata.commandId);
        expect(new Set(ids).size).toBe(ids.length);
        const lastReanalysis = history.map((event) => event.type).lastIndexOf('ProblemReanalysisStarted');
        const expected = history
          .slice(lastReanalysis + 1)
          .flatMap((event) =>
            event.type === 'ProblemResolved' && event.data.resolutionCode === 'fix-applied'
              ? event.data.linkedIncidents
              : [],
          );
        expect(
          commands.filter((command) => command.type === 'ResolveIncident').map((command) => command.data.incidentId),
        ).toEqual(expected);
        expect(
          commands
            .filter((command) => command.type === 'AddIncidentWorkNote')
            .map((command) => command.data.incidentId),
        ).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
