/**
 * Business calendars: {@link createBusinessCalendar} validates a
 * {@link BusinessCalendarDefinition} and builds the arithmetic
 * ({@link addBusinessDuration}, {@link businessDurationBetween}), DST-correct
 * in the calendar's IANA time zone.
 *
 * How it stays fast: a calendar lazily builds, per local calendar year, the
 * working intervals of that year as epoch milliseconds with running totals
 * (one sorted table per year). Business time is then a cumulative function
 * `B(t)`: "business milliseconds between a and b" is `B(b) − B(a)` and "add
 * d" is the inverse of `B` at `B(start) + d`, both binary searches. The cost
 * of a call does not grow with the days it spans; building a year costs a
 * few Temporal calls (the zone's offset transitions of that year, its
 * holidays) and plain arithmetic for its days.
 *
 * Time-zone rules: offsets and transitions come from Temporal
 * (`temporal-polyfill`). A wall-clock time that does not exist (inside a
 * spring-forward gap) counts from the transition instant, so a working range
 * shrinks by the skipped hour; a wall-clock time that occurs twice (autumn)
 * is taken at its first occurrence, so a range spanning the repeated hour
 * grows by it. Business time is always elapsed real time.
 *
 * Limits: a calendar keeps the tables of every year between the earliest and
 * the latest instant it was asked about (a few kilobytes per year); offsets
 * are assumed to change at most once within any 24 hours (true of every IANA
 * zone in use).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../shared/instant.js';
import {
  type BusinessCalendarDefinition,
  type Holiday,
  type WorkingRange,
  twentyFourSevenCalendarDefinition,
  weekdays,
} from './business-calendar-definition.js';
import { epochMillisecondsOf, instantOfEpochMilliseconds } from './epoch-time.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
// No zone's offset comes near a day; a guard against a malformed zone database.
const MAX_YEARS_SEARCHED = 1_000;

/** The time zone is not an IANA zone Temporal knows. */
export interface UnknownTimeZone {
  readonly _tag: 'UnknownTimeZone';
  readonly timeZone: string;
}
/** A working range ends at or before it starts. */
export interface InvertedWorkingRange {
  readonly _tag: 'InvertedWorkingRange';
  readonly weekday: string;
  readonly range: WorkingRange;
}
/** Two working ranges of one weekday overlap. */
export interface OverlappingWorkingRanges {
  readonly _tag: 'OverlappingWorkingRanges';
  readonly weekday: string;
  readonly first: WorkingRange;
  readonly second: WorkingRange;
}
/** A holiday names a date that does not exist. */
export interface InvalidHoliday {
  readonly _tag: 'InvalidHoliday';
  readonly holiday: Holiday;
}
/** The calendar has no working time at all, so no target could ever finish. */
export interface NoWorkingTime {
  readonly _tag: 'NoWorkingTime';
  readonly calendar: string;
  readonly reason: string;
}

/** What can be wrong with a calendar definition. */
export type CalendarError =
  UnknownTimeZone | InvertedWorkingRange | OverlappingWorkingRanges | InvalidHoliday | NoWorkingTime;

/** A validated business calendar: its definition and its arithmetic on epoch milliseconds. */
export interface BusinessCalendar {
  readonly definition: BusinessCalendarDefinition;
  /** Working minutes of a week without holidays or DST changes. */
  readonly weeklyWorkingMinutes: number;
  /** Business milliseconds from `from` to `to` (negative when `to` is earlier). */
  readonly businessMillisecondsBetween: (from: number, to: number) => number;
  /**
   * The earliest epoch millisecond at which `duration` business milliseconds
   * have passed since `start` (`start` itself for 0; earlier for negative).
   */
  readonly addBusinessMilliseconds: (start: number, duration: number) => number;
}

interface YearTable {
  readonly year: number;
  /** Start of local 1 January, epoch ms. */
  readonly start: number;
  /** Start of the next local 1 January, epoch ms. */
  readonly end: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Business ms before each interval, within the year. */
  readonly before: Float64Array;
  readonly total: number;
  /** Business ms from the calendar's anchor year to this year's start (negative before the anchor). */
  offset: number;
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const plainDateOfHoliday = (holiday: Holiday, year: number): Temporal.PlainDate | undefined => {
  try {
    if ('date' in holiday) return Temporal.PlainDate.from(holiday.date, { overflow: 'reject' });
    const [month, day] = holiday.yearly.split('-').map(Number) as [number, number];
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return undefined;
  }
};

const epochDayOf = (date: Temporal.PlainDate): number =>
  Math.round(date.toZonedDateTime({ timeZone: 'UTC' }).epochMilliseconds / DAY);

/** The offset transitions of a zone over an interval, with the offset in force before them. */
interface ZoneOffsets {
  readonly initial: number;
  readonly at: readonly number[];
  readonly offsets: readonly number[];
}

const zoneOffsets = (timeZone: string, from: number, to: number): ZoneOffsets => {
  let zoned: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(timeZone);
  const initial = zoned.offsetNanoseconds / 1e6;
  const at: number[] = [];
  const offsets: number[] = [];
  for (;;) {
    zoned = zoned.getTimeZoneTransition('next');
    if (zoned === null || zoned.epochMilliseconds > to) break;
    at.push(zoned.epochMilliseconds);
    offsets.push(zoned.offsetNanoseconds / 1e6);
  }
  return { initial, at, offsets };
};

const offsetAt = (zone: ZoneOffsets, instant: number): number => {
  let offset = zone.initial;
  for (let index = 0; index < zone.at.length && (zone.at[index] as number) <= instant; index++)
    offset = zone.offsets[index] as number;
  return offset;
};

const transitionBetween = (zone: ZoneOffsets, from: number, to: number): number => {
  for (const at of zone.at) if (at > from && at <= to) return at;
  return to;
};

/** Wall-clock ms (as if UTC) → epoch ms; gap times go to the transition, repeated times to the first. */
const instantOfWall = (zone: ZoneOffsets, wall: number): number => {
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyValid = offsetAt(zone, early) === before;
  const lateValid = offsetAt(zone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return transitionBetween(zone, wall - DAY, wall + DAY);
};

const validate = (
  definition: BusinessCalendarDefinition,
): Either<CalendarError, readonly (readonly [number, number][])[]> => {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(definition.timeZone);
  } catch {
    return left({ _tag: 'UnknownTimeZone', timeZone: definition.timeZone });
  }
  const week: (readonly [number, number][])[] = [];
  for (const weekday of weekdays) {
    const ranges = [...definition.weeklyHours[weekday]].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    for (const range of ranges)
      if (minutesOf(range.to) <= minutesOf(range.from)) return left({ _tag: 'InvertedWorkingRange', weekday, range });
    for (let index = 1; index < ranges.length; index++) {
      const first = ranges[index - 1] as WorkingRange;
      const second = ranges[index] as WorkingRange;
      if (minutesOf(second.from) < minutesOf(first.to))
        return left({ _tag: 'OverlappingWorkingRanges', weekday, first, second });
    }
    week.push(ranges.map((range) => [minutesOf(range.from), minutesOf(range.to)] as const));
  }
  const yearlyDays = new Set<string>();
  for (const holiday of definition.holidays) {
    // 2024 is a leap year, so a yearly 02-29 is valid.
    if (plainDateOfHoliday(holiday, 2024) === undefined) return left({ _tag: 'InvalidHoliday', holiday });
    if ('yearly' in holiday) yearlyDays.add(holiday.yearly);
  }
  if (week.every((ranges) => ranges.length === 0))
    return left({ _tag: 'NoWorkingTime', calendar: definition.name, reason: 'no weekday has working hours' });
  if (yearlyDays.size >= 366)
    return left({
      _tag: 'NoWorkingTime',
      calendar: definition.name,
      reason: 'every day of the year is a yearly holiday',
    });
  return right(week);
};

const buildCalendar = (
  definition: BusinessCalendarDefinition,
  week: readonly (readonly [number, number][])[],
): BusinessCalendar => {
  const { timeZone } = definition;
  const singleHolidayDays = new Set<number>();
  const yearlyHolidays: Holiday[] = [];
  for (const holiday of definition.holidays) {
    if ('yearly' in holiday) yearlyHolidays.push(holiday);
    else singleHolidayDays.add(epochDayOf(plainDateOfHoliday(holiday, 2024) as Temporal.PlainDate));
  }

  const buildYear = (year: number): YearTable => {
    const firstDay = epochDayOf(Temporal.PlainDate.from({ year, month: 1, day: 1 }));
    const nextFirstDay = epochDayOf(Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 }));
    const zone = zoneOffsets(timeZone, firstDay * DAY - 3 * DAY, nextFirstDay * DAY + 3 * DAY);
    const holidays = new Set<number>();
    for (const holiday of yearlyHolidays) {
      const date = plainDateOfHoliday(holiday, year);
      if (date !== undefined) holidays.add(epochDayOf(date));
    }
    const starts: number[] = [];
    const ends: number[] = [];
    for (let day = firstDay; day < nextFirstDay; day++) {
      if (singleHolidayDays.has(day) || holidays.has(day)) continue;
      // Epoch day 0 (1970-01-01) was a Thursday: index 3 with Monday as 0.
      const ranges = week[(((day + 3) % 7) + 7) % 7] as readonly [number, number][];
      for (const [from, to] of ranges) {
        const start = instantOfWall(zone, day * DAY + from * MINUTE);
        const end = instantOfWall(zone, day * DAY + to * MINUTE);
        if (end <= start) continue;
        // Ranges meeting at a boundary (17:00–24:00, then 00:00–08:00) merge into one interval.
        if (ends.length > 0 && ends[ends.length - 1] === start) ends[ends.length - 1] = end;
        else {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    const before = new Float64Array(starts.length);
    let total = 0;
    for (let index = 0; index < starts.length; index++) {
      before[index] = total;
      total += (ends[index] as number) - (starts[index] as number);
    }
    return {
      year,
      start: instantOfWall(zone, firstDay * DAY),
      end: instantOfWall(zone, nextFirstDay * DAY),
      starts: Float64Array.from(starts),
      ends: Float64Array.from(ends),
      before,
      total,
      offset: 0,
    };
  };

  // Loaded years, contiguous and ascending; offsets are relative to the first year loaded.
  const years: YearTable[] = [];
  const yearOfInstant = (instant: number): number =>
    Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone).year;

  const extendTo = (year: number): void => {
    if (years.length === 0) {
      years.push(buildYear(year));
      return;
    }
    let first = years[0] as YearTable;
    let last = years[years.length - 1] as YearTable;
    if (Math.abs(year - first.year) > MAX_YEARS_SEARCHED || Math.abs(year - last.year) > MAX_YEARS_SEARCHED)
      throw new RangeError(`business calendar ${definition.name}: year ${year} is out of range`);
    while (last.year < year) {
      const next = buildYear(last.year + 1);
      next.offset = last.offset + last.total;
      years.push(next);
      last = next;
    }
    while (first.year > year) {
      const previous = buildYear(first.year - 1);
      previous.offset = first.offset - previous.total;
      years.unshift(previous);
      first = previous;
    }
  };

  const tableOf = (instant: number): YearTable => {
    const first = years[0];
    const last = years[years.length - 1];
    if (first === undefined || last === undefined || instant < first.start || instant >= last.end) {
      extendTo(yearOfInstant(instant));
      return tableOf(instant);
    }
    let low = 0;
    let high = years.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((years[middle] as YearTable).start <= instant) low = middle;
      else high = middle - 1;
    }
    return years[low] as YearTable;
  };

  const businessAt = (instant: number): number => {
    const table = tableOf(instant);
    const { starts, ends, before } = table;
    let low = 0;
    let high = starts.length - 1;
    if (high < 0 || instant < (starts[0] as number)) return table.offset;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= instant) low = middle;
      else high = middle - 1;
    }
    return table.offset + (before[low] as number) + Math.min(instant, ends[low] as number) - (starts[low] as number);
  };

  // The earliest instant at which the business time reaches `business`.
  const instantAt = (business: number): number => {
    if (years.length === 0) extendTo(2000);
    let searched = 0;
    while (business > (years[years.length - 1] as YearTable).offset + (years[years.length - 1] as YearTable).total) {
      extendTo((years[years.length - 1] as YearTable).year + 1);
      if (++searched > MAX_YEARS_SEARCHED)
        throw new RangeError(`business calendar ${definition.name}: no working time ahead`);
    }
    while (business <= (years[0] as YearTable).offset) {
      extendTo((years[0] as YearTable).year - 1);
      if (++searched > MAX_YEARS_SEARCHED)
        throw new RangeError(`business calendar ${definition.name}: no working time before`);
    }
    // The first year whose business time reaches the target, skipping years without working time.
    let low = 0;
    let high = years.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      const table = years[middle] as YearTable;
      if (table.offset + table.total >= business) high = middle;
      else low = middle + 1;
    }
    const table = years[low] as YearTable;
    const within = business - table.offset;
    const { starts, ends, before } = table;
    let first = 0;
    let last = starts.length - 1;
    while (first < last) {
      const middle = (first + last) >> 1;
      if ((before[middle] as number) + (ends[middle] as number) - (starts[middle] as number) >= within) last = middle;
      else first = middle + 1;
    }
    return (starts[first] as number) + within - (before[first] as number);
  };

  const weeklyWorkingMinutes = week.reduce(
    (sum, ranges) => sum + ranges.reduce((daySum, [from, to]) => daySum + to - from, 0),
    0,
  );

  return {
    definition,
    weeklyWorkingMinutes,
    businessMillisecondsBetween: (from, to) => businessAt(to) - businessAt(from),
    addBusinessMilliseconds: (start, duration) => {
      if (!Number.isFinite(duration) || !Number.isFinite(start))
        throw new RangeError(`business calendar ${definition.name}: non-finite instant or duration`);
      if (duration === 0) return start;
      return instantAt(businessAt(start) + duration);
    },
  };
};

const built = new WeakMap<BusinessCalendarDefinition, Either<CalendarError, BusinessCalendar>>();
const builtByContent = new Map<string, Either<CalendarError, BusinessCalendar>>();
const CONTENT_CACHE_SIZE = 256;

/**
 * Validates a calendar definition and builds its arithmetic: unknown zones,
 * inverted or overlapping ranges, impossible holidays and calendars without
 * working time are refused here, so arithmetic never searches forever.
 * Results are cached per definition (by identity and by content), so
 * building the same calendar again is cheap.
 */
export const createBusinessCalendar = (
  definition: BusinessCalendarDefinition,
): Either<CalendarError, BusinessCalendar> => {
  const cached = built.get(definition);
  if (cached !== undefined) return cached;
  const key = JSON.stringify(definition);
  let result = builtByContent.get(key);
  if (result === undefined) {
    const week = validate(definition);
    result = week._tag === 'Left' ? week : right(buildCalendar(definition, week.right));
    // A bounded cache: policies hold a handful of calendars; forget the oldest beyond that.
    if (builtByContent.size >= CONTENT_CACHE_SIZE) builtByContent.delete(builtByContent.keys().next().value as string);
    builtByContent.set(key, result);
  }
  built.set(definition, result);
  return result;
};

/** The built-in 24×7 calendar: every millisecond counts, in UTC, no holidays. */
export const twentyFourSevenCalendar: BusinessCalendar = (() => {
  const result = createBusinessCalendar(twentyFourSevenCalendarDefinition);
  // The built-in definition is valid; failing here is a bug.
  if (result._tag === 'Left') throw new Error(`the built-in 24x7 calendar is invalid: ${result.left._tag}`);
  return result.right;
})();

/**
 * The instant at which `durationMilliseconds` business milliseconds have
 * passed since `start` on the calendar (the earliest such instant, e.g. the
 * end of a working day rather than the next morning).
 */
export const addBusinessDuration = (
  start: Instant,
  durationMilliseconds: number,
  calendar: BusinessCalendar,
): Instant =>
  instantOfEpochMilliseconds(calendar.addBusinessMilliseconds(epochMillisecondsOf(start), durationMilliseconds));

/** The business milliseconds between two instants on the calendar (negative when `to` is before `from`). */
export const businessDurationBetween = (from: Instant, to: Instant, calendar: BusinessCalendar): number =>
  calendar.businessMillisecondsBetween(epochMillisecondsOf(from), epochMillisecondsOf(to));

/** Describes a calendar error for people. */
export const describeCalendarError = (error: CalendarError): string => {
  switch (error._tag) {
    case 'UnknownTimeZone':
      return `unknown time zone ${JSON.stringify(error.timeZone)}`;
    case 'InvertedWorkingRange':
      return `${error.weekday}: working range ${error.range.from}–${error.range.to} ends before it starts`;
    case 'OverlappingWorkingRanges':
      return `${error.weekday}: working ranges ${error.first.from}–${error.first.to} and ${error.second.from}–${error.second.to} overlap`;
    case 'InvalidHoliday':
      return `holiday ${JSON.stringify(error.holiday)} names a date that does not exist`;
    case 'NoWorkingTime':
      return `calendar ${error.calendar} has no working time: ${error.reason}`;
  }
};
