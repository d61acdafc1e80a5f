/**
 * The data that defines a business calendar: weekly working hours per
 * weekday (several ranges a day), holidays (single dates and yearly
 * recurring) and an IANA time zone. This is what policies store and what
 * `SlaAttached` records; {@link createBusinessCalendar} in
 * `business-calendar.ts` validates it and builds the arithmetic.
 *
 * Limits: times of day have minute precision (`HH:MM`, `24:00` ends a day);
 * the codec checks shapes only, the rules (known zone, ordered and
 * non-overlapping ranges, some working time) are checked when the calendar is
 * built.
 *
 * @module
 */
import * as t from 'io-ts';
import { ShortText } from '../shared/text.js';

const timeOfDayPattern = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const monthDayPattern = /^\d{2}-\d{2}$/;

/** The brand of a time of day. */
export interface TimeOfDayBrand {
  readonly TimeOfDay: unique symbol;
}
/** A wall-clock time of day `HH:MM` (00:00–24:00; `24:00` is the end of the day) (codec and type). */
export const TimeOfDay = t.brand(
  t.string,
  (value): value is t.Branded<string, TimeOfDayBrand> => timeOfDayPattern.test(value),
  'TimeOfDay',
);
/** A wall-clock time of day `HH:MM`. */
export type TimeOfDay = t.TypeOf<typeof TimeOfDay>;

/** A working range within one day, `from` inclusive, `to` exclusive (codec and type). */
export const WorkingRange = t.readonly(t.strict({ from: TimeOfDay, to: TimeOfDay }), 'WorkingRange');
/** A working range within one day. */
export type WorkingRange = t.TypeOf<typeof WorkingRange>;

/** The working ranges of each weekday (codec and type); a day without ranges is not worked. */
export const WeeklyHours = t.readonly(
  t.strict({
    monday: t.readonlyArray(WorkingRange),
    tuesday: t.readonlyArray(WorkingRange),
    wednesday: t.readonlyArray(WorkingRange),
    thursday: t.readonlyArray(WorkingRange),
    friday: t.readonlyArray(WorkingRange),
    saturday: t.readonlyArray(WorkingRange),
    sunday: t.readonlyArray(WorkingRange),
  }),
  'WeeklyHours',
);
/** The working ranges of each weekday. */
export type WeeklyHours = t.TypeOf<typeof WeeklyHours>;

/** The weekdays in ISO order (Monday first), as keys of {@link WeeklyHours}. */
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A holiday on one calendar date, `YYYY-MM-DD` (codec and type). */
export const DateHoliday = t.readonly(
  t.intersection([
    t.strict({ date: t.refinement(t.string, (value) => datePattern.test(value), 'IsoDate') }),
    t.partial({ name: ShortText }),
  ]),
  'DateHoliday',
);
/** A holiday on one calendar date. */
export type DateHoliday = t.TypeOf<typeof DateHoliday>;

/** A holiday recurring every year on a month and day, `MM-DD` (codec and type); `02-29` falls only in leap years. */
export const YearlyHoliday = t.readonly(
  t.intersection([
    t.strict({ yearly: t.refinement(t.string, (value) => monthDayPattern.test(value), 'MonthDay') }),
    t.partial({ name: ShortText }),
  ]),
  'YearlyHoliday',
);
/** A holiday recurring every year on a month and day. */
export type YearlyHoliday = t.TypeOf<typeof YearlyHoliday>;

/** A holiday: a single date or a yearly recurring one (codec and type). */
export const Holiday = t.union([DateHoliday, YearlyHoliday], 'Holiday');
/** A holiday: a single date or a yearly recurring one. */
export type Holiday = t.TypeOf<typeof Holiday>;

/** A business calendar as data (codec and type). */
export const BusinessCalendarDefinition = t.readonly(
  t.strict({
    /** A name for people and audit, e.g. `berlin-office-hours`. */
    name: ShortText,
    /** An IANA time zone, e.g. `Europe/Berlin`. */
    timeZone: t.string,
    weeklyHours: WeeklyHours,
    holidays: t.readonlyArray(Holiday),
  }),
  'BusinessCalendarDefinition',
);
/** A business calendar as data. */
export type BusinessCalendarDefinition = t.TypeOf<typeof BusinessCalendarDefinition>;

const allDay: readonly WorkingRange[] = [{ from: '00:00' as TimeOfDay, to: '24:00' as TimeOfDay }];

/** The built-in 24×7 calendar: every minute of every day counts, in UTC, no holidays. */
export const twentyFourSevenCalendarDefinition: BusinessCalendarDefinition = {
  name: '24x7' as ShortText,
  timeZone: 'UTC',
  weeklyHours: {
    monday: allDay,
    tuesday: allDay,
    wednesday: allDay,
    thursday: allDay,
    friday: allDay,
    saturday: allDay,
    sunday: allDay,
  },
  holidays: [],
};
