import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CommandMetadata } from '../shared/command-metadata.js';
import { instantFromEpochMilliseconds, instantToEpochMilliseconds } from '../shared/instant.js';
import { valid } from '../problem/problem-change-spec.test-fixture.js';
import { RiskAnswer } from './change-commands.js';
import { assessRisk, defaultRiskQuestionnaire, RiskQuestionnaire, riskLevelOf } from './change-risk.js';
import {
  BlackoutWindow,
  blackoutWindowsHit,
  changeConflictsOf,
  conflictWarningCommandsOf,
  overlapOf,
  PlannedChange,
  windowsOverlap,
} from './change-schedule.js';

const BASE = Date.parse('2026-04-01T00:00:00Z');
const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 1, max: 12 }))
  .map(([startHour, hours]) => ({
    start: instantFromEpochMilliseconds(BASE + startHour * 3_600_000),
    end: instantFromEpochMilliseconds(BASE + (startHour + hours) * 3_600_000),
  }));

describe('windows and overlaps', () => {
  it('overlap is symmetric, half-open, and lies inside both windows', () => {
    fc.assert(
      fc.property(windowArb, windowArb, (a, b) => {
        expect(windowsOverlap(a, b)).toBe(windowsOverlap(b, a));
        const overlap = overlapOf(a, b);
        expect(overlap !== undefined).toBe(windowsOverlap(a, b));
        if (overlap === undefined) return;
        for (const w of [a, b]) {
          expect(instantToEpochMilliseconds(overlap.start)).toBeGreaterThanOrEqual(instantToEpochMilliseconds(w.start));
          expect(instantToEpochMilliseconds(overlap.end)).toBeLessThanOrEqual(instantToEpochMilliseconds(w.end));
        }
      }),
      { numRuns: 2_000 },
    );
    const a = { start: instantFromEpochMilliseconds(BASE), end: instantFromEpochMilliseconds(BASE + 3_600_000) };
    const touching = { start: a.end, end: instantFromEpochMilliseconds(BASE + 7_200_000) };
    expect(windowsOverlap(a, touching)).toBe(false);
  });

  it('a blackout window hits a change on any CI unless scoped to others', () => {
    const freeze = valid(BlackoutWindow, {
      name: 'freeze',
      start: '2026-04-01T00:00:00Z',
      end: '2026-04-02T00:00:00Z',
    });
    const mailOnly = valid(BlackoutWindow, { ...freeze, name: 'mail freeze', configurationItems: ['mail'] });
    const planned = {
      start: instantFromEpochMilliseconds(BASE + 3_600_000),
      end: instantFromEpochMilliseconds(BASE + 7_200_000),
    };
    const cis = valid(PlannedChange, {
      changeId: 'C',
      configurationItems: ['erp'],
      plannedStart: planned.start,
      plannedEnd: planned.end,
    }).configurationItems;
    expect(blackoutWindowsHit([freeze, mailOnly], planned, cis).map((w) => w.name)).toEqual(['freeze']);
    expect(BlackoutWindow.decode({ name: 'x', start: 'tomorrow', end: '2026-04-02T00:00:00Z' })._tag).toBe('Left');
  });
});

describe('change conflicts', () => {
  const cis = ['erp', 'mail', 'dns'];
  const plannedArb = (changeId: string) =>
    fc
      .tuple(windowArb, fc.subarray(cis, { minLength: 1 }))
      .map(([w, items]) =>
        valid(PlannedChange, { changeId, configurationItems: items, plannedStart: w.start, plannedEnd: w.end }),
      );

  it('finds exactly the shared CIs of overlapping changes, never the change itself', () => {
    fc.assert(
      fc.property(
        plannedArb('C0'),
        fc.array(
          fc.nat(20).chain((n) => plannedArb(`C${n + 1}`)),
          { maxLength: 6 },
        ),
        (change, others) => {
          const conflicts = changeConflictsOf(change, [change, ...others]);
          const expected = others.flatMap((other) =>
            windowsOverlap(
              { start: change.plannedStart, end: change.plannedEnd },
              { start: other.plannedStart, end: other.plannedEnd },
            )
              ? change.configurationItems
                  .filter((ci) => other.configurationItems.includes(ci))
                  .map((ci) => `${other.changeId} ${ci}`)
              : [],
          );
          expect(conflicts.map((c) => `${c.conflictingChangeId} ${c.configurationItemId}`)).toEqual(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('builds warning commands with deterministic ids', () => {
    const change = valid(PlannedChange, {
      changeId: 'CHG1',
      configurationItems: ['erp'],
      plannedStart: '2026-04-01T22:00:00Z',
      plannedEnd: '2026-04-01T23:00:00Z',
    });
    const other = valid(PlannedChange, {
      changeId: 'CHG2',
      configurationItems: ['erp'],
      plannedStart: '2026-04-01T22:30:00Z',
      plannedEnd: '2026-04-02T01:00:00Z',
    });
    const metadata = valid(CommandMetadata, {
      actor: { id: 'scan', roles: ['process'], groups: [] },
      occurredAt: '2026-03-30T09:00:00Z',
      correlationId: 'scan-1',
    });
    const commands = conflictWarningCommandsOf(change.changeId, changeConflictsOf(change, [other]), metadata);
    expect(commands).toEqual([
      {
        type: 'RecordChangeConflictWarning',
        data: {
          changeId: 'CHG1',
          conflictingChangeId: 'CHG2',
          configurationItemId: 'erp',
          overlapStart: '2026-04-01T22:30:00Z',
          overlapEnd: '2026-04-01T23:00:00Z',
        },
        metadata: { ...metadata, commandId: 'change-conflict:CHG1:CHG2:erp' },
      },
    ]);
  });
});

describe('risk questionnaire', () => {
  it('levels follow the thresholds and are monotonic in the score', () => {
    expect(riskLevelOf(defaultRiskQuestionnaire, 3)).toBe('low');
    expect(riskLevelOf(defaultRiskQuestionnaire, 4)).toBe('medium');
    expect(riskLevelOf(defaultRiskQuestionnaire, 9)).toBe('high');
    const rank = { low: 0, medium: 1, high: 2 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank[riskLevelOf(defaultRiskQuestionnaire, lo)]).toBeLessThanOrEqual(
          rank[riskLevelOf(defaultRiskQuestionnaire, hi)],
        );
      }),
      { numRuns: 500 },
    );
  });

  it('loads a custom questionnaire from JSON and scores it', () => {
    const questionnaire = valid(
      RiskQuestionnaire,
      JSON.parse(
        '{"questions":[{"id":"db","text":"Touches a database?","answers":[{"id":"no","text":"No","score":0},{"id":"yes","text":"Yes","score":5}]}],"thresholds":{"medium":3,"high":5}}',
      ),
    );
    expect(assessRisk(questionnaire, [valid(RiskAnswer, { questionId: 'db', answerId: 'yes' })])).toEqual({
      _tag: 'Right',
      right: { score: 5, riskLevel: 'high' },
    });
    expect(assessRisk(questionnaire, [])).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ChangeRiskAnswersMissing', questionIds: ['db'] },
    });
    expect(
      RiskQuestionnaire.decode({ questions: [{ id: '', text: 'x', answers: [] }], thresholds: { medium: 1, high: 2 } })
        ._tag,
    ).toBe('Left');
  });
});
