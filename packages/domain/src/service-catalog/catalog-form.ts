/**
 * Requester-visible form fields described as data, and the io-ts codec they
 * compile to ({@link formCodecOf}), so a service request's answers are
 * validated against the catalog item version it was made against.
 *
 * Limits: five field kinds (text, number, boolean, choice, date); no
 * conditional fields, no cross-field rules. Unknown answers are stripped
 * (the codec is exact), like every command codec. Dates are calendar dates
 * `YYYY-MM-DD` without a time zone. A text answer is at most
 * {@link FORM_TEXT_MAX} characters even when the field states no
 * `maxLength`.
 *
 * @module
 */
import * as t from 'io-ts';
import { ShortText } from '../shared/text.js';
import { exactRecord } from '../shared/message-codec.js';

/** The longest text answer, in characters, when a field states no smaller `maxLength`. */
export const FORM_TEXT_MAX = 4_000;
/** The most fields one form may have. */
export const FORM_FIELDS_MAX = 50;
/** The most choices one choice field may offer. */
export const FORM_CHOICES_MAX = 100;

const fieldNamePattern = /^[a-z][A-Za-z0-9_]{0,63}$/;

/** The brand of a form field name. */
export interface FormFieldNameBrand {
  readonly FormFieldName: unique symbol;
}
/** A form field's name: lower camel case, 1–64 characters of `A–Z a–z 0–9 _` (codec and type). */
export const FormFieldName = t.brand(
  t.string,
  (value): value is t.Branded<string, FormFieldNameBrand> => fieldNamePattern.test(value),
  'FormFieldName',
);
/** A form field's name. */
export type FormFieldName = t.TypeOf<typeof FormFieldName>;

/** The kinds of form field (codec and type). */
export const FormFieldKind = t.keyof(
  { text: null, number: null, boolean: null, choice: null, date: null },
  'FormFieldKind',
);
/** A kind of form field. */
export type FormFieldKind = t.TypeOf<typeof FormFieldKind>;

/** One requester-visible form field (codec and type). `choices` only for `choice`, `maxLength` only for `text`. */
export const FormFieldSpec = exactRecord(
  'FormFieldSpec',
  { name: FormFieldName, kind: FormFieldKind, required: t.boolean },
  {
    /** What the requester sees; defaults to the name. */
    label: ShortText,
    choices: t.readonlyArray(ShortText),
    maxLength: t.Int,
  },
);
/** One requester-visible form field. */
export type FormFieldSpec = t.TypeOf<typeof FormFieldSpec>;

/** A request's answers, by field name, after validation against a form. */
export type FormAnswers = Readonly<Record<string, string | number | boolean>>;

/** Why a form specification cannot be published, one message per problem (empty when it is sound). */
export const formSpecProblems = (fields: readonly FormFieldSpec[]): readonly string[] => {
  const problems: string[] = [];
  if (fields.length > FORM_FIELDS_MAX)
    problems.push(`a form has at most ${FORM_FIELDS_MAX} fields, got ${fields.length}`);
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const at = `formFields.${index} (${field.name})`;
    if (seen.has(field.name)) problems.push(`${at}: the name is used twice`);
    seen.add(field.name);
    if (field.kind === 'choice') {
      const choices = field.choices ?? [];
      if (choices.length === 0) problems.push(`${at}: a choice field needs at least one choice`);
      if (choices.length > FORM_CHOICES_MAX) problems.push(`${at}: at most ${FORM_CHOICES_MAX} choices`);
      if (new Set(choices).size !== choices.length) problems.push(`${at}: a choice is listed twice`);
    } else if (field.choices !== undefined) problems.push(`${at}: only choice fields have choices`);
    if (field.kind === 'text') {
      if (field.maxLength !== undefined && (field.maxLength < 1 || field.maxLength > FORM_TEXT_MAX))
        problems.push(`${at}: maxLength must be 1–${FORM_TEXT_MAX}`);
    } else if (field.maxLength !== undefined) problems.push(`${at}: only text fields have a maxLength`);
  });
  return problems;
};

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date `YYYY-MM-DD` (leap years included). */
const isCalendarDate = (value: string): boolean => {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
};

const answerCodecOf = (field: FormFieldSpec): t.Mixed => {
  switch (field.kind) {
    case 'text': {
      const max = Math.min(field.maxLength ?? FORM_TEXT_MAX, FORM_TEXT_MAX);
      // A required text must say something; an optional one may be left out but not sent blank-and-huge.
      return t.refinement(
        t.string,
        (value) => value.length <= max && (!field.required || value.trim().length > 0),
        field.required ? `non-blank text of at most ${max} characters` : `text of at most ${max} characters`,
      );
    }
    case 'number':
      return t.refinement(t.number, Number.isFinite, 'finite number');
    case 'boolean':
      return t.boolean;
    case 'choice': {
      const choices = field.choices ?? [];
      return t.refinement(
        t.string,
        (value) => choices.includes(value as ShortText),
        choices.map((c) => JSON.stringify(c)).join(' | ') || 'no choice',
      );
    }
    case 'date':
      return t.refinement(t.string, isCalendarDate, 'calendar date YYYY-MM-DD');
  }
};

/**
 * The codec a form's fields compile to: required fields must be answered,
 * optional ones may be left out, every answer must match its field's kind;
 * answers to fields the form does not have are stripped.
 */
export const formCodecOf = (fields: readonly FormFieldSpec[]): t.Type<FormAnswers, FormAnswers, unknown> => {
  const required: Record<string, t.Mixed> = {};
  const optional: Record<string, t.Mixed> = {};
  for (const field of fields) (field.required ? required : optional)[field.name] = answerCodecOf(field);
  return exactRecord('FormAnswers', required, optional) as unknown as t.Type<FormAnswers, FormAnswers, unknown>;
};
