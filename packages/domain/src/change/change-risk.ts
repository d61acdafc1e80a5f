/**
 * Risk assessment as data: a questionnaire whose answers carry scores, score
 * thresholds that give a risk level, and the approver groups each level
 * requires. {@link assessRisk} is pure, so the same answers always give the
 * same level; the effective level and the approvals it required are recorded
 * in the change's events.
 *
 * Limits: the score is the sum of the chosen answers' scores; weighting is
 * expressed in the scores themselves.
 *
 * @module
 */
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { ShortText } from '../shared/text.js';
import type { RiskAnswer, RiskLevel } from './change-commands.js';
import type { ChangeRiskAnswerInvalid, ChangeRiskAnswersMissing } from './change-errors.js';

/** One possible answer to a risk question, with its score (codec and type). */
export const RiskQuestionAnswer = t.readonly(
  t.type({ id: ShortText, text: ShortText, score: t.number }),
  'RiskQuestionAnswer',
);
/** One possible answer to a risk question. */
export type RiskQuestionAnswer = t.TypeOf<typeof RiskQuestionAnswer>;

/** One risk question and its answers (codec and type). */
export const RiskQuestion = t.readonly(
  t.type({ id: ShortText, text: ShortText, answers: t.readonlyArray(RiskQuestionAnswer) }),
  'RiskQuestion',
);
/** One risk question and its answers. */
export type RiskQuestion = t.TypeOf<typeof RiskQuestion>;

/** The questionnaire and the score thresholds of each level (codec and type). */
export const RiskQuestionnaire = t.readonly(
  t.type({
    questions: t.readonlyArray(RiskQuestion),
    /** A score at or above `medium` is medium risk; at or above `high`, high risk; below, low. */
    thresholds: t.readonly(t.type({ medium: t.number, high: t.number })),
  }),
  'RiskQuestionnaire',
);
/** The questionnaire and its thresholds. */
export type RiskQuestionnaire = t.TypeOf<typeof RiskQuestionnaire>;

/** The outcome of scoring a questionnaire. */
export interface RiskAssessment {
  readonly score: number;
  readonly riskLevel: RiskLevel;
}

const text = (value: string): ShortText => {
  if (ShortText.is(value)) return value;
  // Default questionnaire texts are literals in this file; an invalid one is a bug.
  throw new Error(`"${value}" is not a short text`);
};

const question = (
  id: string,
  questionText: string,
  answers: readonly (readonly [string, string, number])[],
): RiskQuestion => ({
  id: text(id),
  text: text(questionText),
  answers: answers.map(([answerId, answerText, score]) => ({ id: text(answerId), text: text(answerText), score })),
});

/** The default questionnaire: five questions; medium from 4 points, high from 9. */
export const defaultRiskQuestionnaire: RiskQuestionnaire = {
  questions: [
    question('users-affected', 'How many users does the change affect?', [
      ['none', 'None or only IT staff', 0],
      ['some', 'One team or site', 2],
      ['many', 'Several teams, customers or the whole organisation', 4],
    ]),
    question('complexity', 'How complex is the implementation?', [
      ['simple', 'A routine, documented procedure', 0],
      ['moderate', 'Several steps or teams', 1],
      ['complex', 'New, untried or many dependent steps', 3],
    ]),
    question('backout', 'Is there a back-out plan?', [
      ['tested', 'Yes, tested', 0],
      ['untested', 'Yes, untested', 2],
      ['none', 'No', 4],
    ]),
    question('history', 'Have changes like this failed before?', [
      ['never', 'Never', 0],
      ['rarely', 'Rarely', 1],
      ['often', 'Often', 3],
    ]),
    question('outage', 'Does it need a service outage?', [
      ['no', 'No', 0],
      ['yes', 'Yes', 3],
    ]),
  ],
  thresholds: { medium: 4, high: 9 },
};

/** The risk level of a score under the questionnaire's thresholds. */
export const riskLevelOf = (questionnaire: RiskQuestionnaire, score: number): RiskLevel =>
  score >= questionnaire.thresholds.high ? 'high' : score >= questionnaire.thresholds.medium ? 'medium' : 'low';

/**
 * Scores answers against a questionnaire. Every question must be answered
 * exactly once with one of its answers; anything else is refused, naming the
 * question.
 */
export const assessRisk = (
  questionnaire: RiskQuestionnaire,
  answers: readonly RiskAnswer[],
): Either<ChangeRiskAnswerInvalid | ChangeRiskAnswersMissing, RiskAssessment> => {
  const seen = new Set<string>();
  let score = 0;
  for (const answer of answers) {
    const asked = questionnaire.questions.find((q) => q.id === answer.questionId);
    if (asked === undefined)
      return left({
        _tag: 'ChangeRiskAnswerInvalid',
        questionId: answer.questionId,
        answerId: answer.answerId,
        reason: 'unknown question',
      });
    if (seen.has(answer.questionId))
      return left({
        _tag: 'ChangeRiskAnswerInvalid',
        questionId: answer.questionId,
        answerId: answer.answerId,
        reason: 'answered twice',
      });
    seen.add(answer.questionId);
    const chosen = asked.answers.find((a) => a.id === answer.answerId);
    if (chosen === undefined)
      return left({
        _tag: 'ChangeRiskAnswerInvalid',
        questionId: answer.questionId,
        answerId: answer.answerId,
        reason: 'unknown answer',
      });
    score += chosen.score;
  }
  const missing = questionnaire.questions.filter((q) => !seen.has(q.id)).map((q) => q.id);
  if (missing.length > 0) return left({ _tag: 'ChangeRiskAnswersMissing', questionIds: missing });
  return right({ score, riskLevel: riskLevelOf(questionnaire, score) });
};
