import { describe, expect, it } from '@jest/globals';
import { isRight } from 'fp-ts/lib/Either.js';
import { decodeInput } from '../shared/codec-decoding.js';
import { FormFieldSpec, formCodecOf, formSpecProblems } from './catalog-form.js';
import { decoded } from './service-catalog.test-fixture.js';
import { readonlyArray } from 'io-ts';

const fields = decoded(readonlyArray(FormFieldSpec), [
  { name: 'model', kind: 'choice', required: true, choices: ['standard', 'developer'] },
  { name: 'costCentre', kind: 'text', required: true, maxLength: 10 },
  { name: 'neededBy', kind: 'date', required: false },
  { name: 'monitors', kind: 'number', required: false },
  { name: 'docking', kind: 'boolean', required: false },
  { name: 'note', kind: 'text', required: false },
]);
const form = formCodecOf(fields);
const problemsOf = (answers: unknown): string => {
  const result = decodeInput(form, answers);
  return result._tag === 'Left' ? result.left.problems.join('\n') : '';
};

describe('formCodecOf', () => {
  it('accepts complete answers and strips answers to fields the form does not have', () => {
    const result = decodeInput(form, {
      model: 'developer',
      costCentre: 'CC-1',
      neededBy: '2028-02-29',
      monitors: 2,
      docking: true,
      extra: 'x',
    });
    expect(result).toEqual({
      _tag: 'Right',
      right: { model: 'developer', costCentre: 'CC-1', neededBy: '2028-02-29', monitors: 2, docking: true },
    });
  });
  it('accepts answers with the optional fields left out', () => {
    expect(isRight(decodeInput(form, { model: 'standard', costCentre: 'CC-1' }))).toBe(true);
  });
  it('names every missing required field', () => {
    const problems = problemsOf({});
    expect(problems).toMatch(/model/);
    expect(problems).toMatch(/costCentre/);
    expect(problems).not.toMatch(/neededBy/);
  });
  it.each([
    ['a choice that is not offered', { model: 'gaming', costCentre: 'CC-1' }, 'model'],
    ['text over its maxLength', { model: 'standard', costCentre: 'CC-123456789' }, 'costCentre'],
    ['blank required text', { model: 'standard', costCentre: '   ' }, 'costCentre'],
    ['an impossible date', { model: 'standard', costCentre: 'CC-1', neededBy: '2026-02-29' }, 'neededBy'],
    ['a date with a time', { model: 'standard', costCentre: 'CC-1', neededBy: '2026-02-01T00:00:00Z' }, 'neededBy'],
    ['a number as a string', { model: 'standard', costCentre: 'CC-1', monitors: '2' }, 'monitors'],
    ['a boolean as a string', { model: 'standard', costCentre: 'CC-1', docking: 'yes' }, 'docking'],
    ['text over the global cap', { model: 'standard', costCentre: 'CC-1', note: 'x'.repeat(4_001) }, 'note'],
  ])('refuses %s, naming the field', (_case, answers, field) => {
    const problems = problemsOf(answers);
    expect(problems).not.toBe('');
    expect(problems).toContain(field);
  });
  it('refuses non-finite numbers', () => {
    expect(problemsOf({ model: 'standard', costCentre: 'CC-1', monitors: Number.POSITIVE_INFINITY })).toMatch(
      /monitors/,
    );
  });
});

describe('formSpecProblems', () => {
  it('finds nothing wrong with a sound form', () => expect(formSpecProblems(fields)).toEqual([]));
  it('reports duplicate names, choice fields without choices and misplaced options', () => {
    const unsound = decoded(readonlyArray(FormFieldSpec), [
      { name: 'a', kind: 'text', required: true },
      { name: 'a', kind: 'choice', required: true },
      { name: 'b', kind: 'number', required: true, maxLength: 3, choices: ['x'] },
      { name: 'c', kind: 'choice', required: true, choices: ['x', 'x'] },
    ]);
    const problems = formSpecProblems(unsound).join('\n');
    expect(problems).toMatch(/formFields\.1 \(a\): the name is used twice/);
    expect(problems).toMatch(/formFields\.1 \(a\): a choice field needs at least one choice/);
    expect(problems).toMatch(/formFields\.2 \(b\): only choice fields have choices/);
    expect(problems).toMatch(/formFields\.2 \(b\): only text fields have a maxLength/);
    expect(problems).toMatch(/formFields\.3 \(c\): a choice is listed twice/);
  });
  it('refuses field names that are not lower camel case (no prototype keys)', () => {
    expect(isRight(FormFieldSpec.decode({ name: '__proto__', kind: 'text', required: true }))).toBe(false);
    expect(isRight(FormFieldSpec.decode({ name: 'Cost centre', kind: 'text', required: true }))).toBe(false);
  });
});
