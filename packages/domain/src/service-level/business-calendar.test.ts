import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../shared/instant.js';
import type { ShortText } from '../shared/text.js';
import type { BusinessCalendarDefinition, Holiday, TimeOfDay, WorkingRange } from './business-calendar-definition.js';
import {
  addBusinessDuration,
  businessDurationBetween,
  createBusinessCalendar,
  twentyFourSevenCalendar,
  type BusinessCalendar,
} from './business-calendar.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const range = (from: string, to: string): WorkingRange => ({ from: from as TimeOfDay, to: to as TimeOfDay });
const officeHours = [range('08:00', '17:00')];
const at = (instant: string): Instant => instant as Instant;

const definition = (overrides: Partial<BusinessCalendarDefinition> = {}): BusinessCalendarDefinition => ({
  name: 'berlin-office' as ShortText,
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    monday: officeHours,
    tuesday: officeHours,
    wednesday: officeHours,
    thursday: officeHours,
    friday: officeHours,
    saturday: [],
    sunday: [],
  },
  // Good Friday 2026 as a single date; Christmas Day every year.
  holidays: [{ date: '2026-04-03' }, { yearly: '12-25' }],
  ...overrides,
});

const build = (candidate: BusinessCalendarDefinition): BusinessCalendar => {
  const result = createBusinessCalendar(candidate);
  if (result._tag === 'Left') throw new Error(`calendar refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

const berlin = build(definition());

describe('business calendar: Mon–Fri 08:00–17:00 Europe/Berlin, worked examples', () => {
  it('counts 9 working hours a day, 45 a week', () => {
    expect(berlin.weeklyWorkingMinutes).toBe(45 * 60);
    expect(businessDurationBetween(at('2026-03-09T00:00:00+01:00'), at('2026-03-16T00:00:00+01:00'), berlin)).toBe(
      45 * HOUR,
    );
  });

  it('crosses the weekend of the spring DST change: Fri 15:00 CET + 4 h = Mon 10:00 CEST', () => {
    // Fri 15–17 (2 h), Sat/Sun off (DST starts Sun 29 March), Mon 08–10 CEST (2 h).
    expect(addBusinessDuration(at('2026-03-27T15:00:00+01:00'), 4 * HOUR, berlin)).toBe('2026-03-30T08:00:00.000Z');
    expect(businessDurationBetween(at('2026-03-27T15:00:00+01:00'), at('2026-03-30T10:00:00+02:00'), berlin)).toBe(
      4 * HOUR,
    );
  });

  it('adds five business days across the DST change: Wed 25 Mar 12:00 CET + 45 h = Wed 1 Apr 12:00 CEST', () => {
    // Wed 5 h, Thu 9, Fri 9, Mon 9, Tue 9 = 41 h, Wed 08–12 = 4 h.
    expect(addBusinessDuration(at('2026-03-25T12:00:00+01:00'), 45 * HOUR, berlin)).toBe('2026-04-01T10:00:00.000Z');
  });

  it('skips a single-date holiday: Thu 2 Apr 16:00 + 2 h = Mon 6 Apr 09:00 (Good Friday off)', () => {
    expect(addBusinessDuration(at('2026-04-02T16:00:00+02:00'), 2 * HOUR, berlin)).toBe('2026-04-06T07:00:00.000Z');
    expect(businessDurationBetween(at('2026-04-03T08:00:00+02:00'), at('2026-04-03T17:00:00+02:00'), berlin)).toBe(0);
  });

  it('skips a yearly holiday in any year: Wed 23 Dec 12:00 + 18 h = Mon 28 Dec 12:00 (Christmas Day off)', () => {
    expect(addBusinessDuration(at('2026-12-23T12:00:00+01:00'), 18 * HOUR, berlin)).toBe('2026-12-28T11:00:00.000Z');
    // 25 Dec 2029 is a Tuesday.
    expect(businessDurationBetween(at('2029-12-25T00:00:00+01:00'), at('2029-12-26T00:00:00+01:00'), berlin)).toBe(0);
  });

  it('ends on the earliest instant: Fri 16:00 + 1 h = Fri 17:00, not Monday 08:00', () => {
    expect(addBusinessDuration(at('2026-03-27T16:00:00+01:00'), HOUR, berlin)).toBe('2026-03-27T16:00:00.000Z');
  });

  it('starts counting at the next working minute when started on a weekend', () => {
    expect(addBusinessDuration(at('2026-03-28T10:00:00+01:00'), HOUR, berlin)).toBe('2026-03-30T07:00:00.000Z');
    expect(businessDurationBetween(at('2026-03-28T10:00:00+01:00'), at('2026-03-29T20:00:00+02:00'), berlin)).toBe(0);
  });

  it('subtracts with a negative duration and returns the start for zero', () => {
    expect(addBusinessDuration(at('2026-03-30T09:00:00+02:00'), -2 * HOUR, berlin)).toBe('2026-03-27T15:00:00.000Z');
    expect(addBusinessDuration(at('2026-03-28T10:00:00Z'), 0, berlin)).toBe('2026-03-28T10:00:00.000Z');
  });

  it('handles several ranges a day (lunch break)', () => {
    const split = [range('08:00', '12:00'), range('13:00', '17:00')];
    const lunch = build(definition({ weeklyHours: { ...definition().weeklyHours, monday: split } }));
    expect(addBusinessDuration(at('2026-03-02T11:00:00+01:00'), 2 * HOUR, lunch)).toBe('2026-03-02T13:00:00.000Z');
    expect(lunch.weeklyWorkingMinutes).toBe(44 * 60);
  });

  it('years later and earlier are computed the same way (no drift between lazily built years)', () => {
    const start = at('2031-06-02T08:00:00+02:00');
    const end = addBusinessDuration(start, 1_000 * HOUR, berlin);
    expect(businessDurationBetween(start, end, berlin)).toBe(1_000 * HOUR);
    expect(businessDurationBetween(at('2019-06-03T08:00:00+02:00'), at('2019-06-03T17:00:00+02:00'), berlin)).toBe(
      9 * HOUR,
    );
  });
});

describe('business calendar: DST inside working time', () => {
  const allDay = [range('00:00', '24:00')];
  const berlin24x7 = build(
    definition({
      name: 'berlin-24x7' as ShortText,
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
    }),
  );
  const sundayNight = build(
    definition({
      weeklyHours: {
        monday: [],
        tuesday: [],
        wednesday: [],
        thursday: [],
        friday: [],
        saturday: [],
        sunday: [range('01:00', '04:00')],
      },
      holidays: [],
    }),
  );

  it('a spring DST day has 23 business hours, an autumn one 25', () => {
    expect(businessDurationBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'), berlin24x7)).toBe(
      23 * HOUR,
    );
    expect(businessDurationBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'), berlin24x7)).toBe(
      25 * HOUR,
    );
    expect(addBusinessDuration(at('2026-03-28T12:00:00+01:00'), 24 * HOUR, berlin24x7)).toBe(
      '2026-03-29T11:00:00.000Z',
    );
  });

  it('a working range over the skipped hour shrinks, over the repeated hour grows', () => {
    expect(businessDurationBetween(at('2026-03-22T00:00:00Z'), at('2026-03-23T00:00:00Z'), sundayNight)).toBe(3 * HOUR);
    expect(businessDurationBetween(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'), sundayNight)).toBe(2 * HOUR);
    expect(businessDurationBetween(at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z'), sundayNight)).toBe(4 * HOUR);
  });

  it('wall times in the skipped hour count from the transition; repeated ones at their first occurrence', () => {
    const sunday = (ranges: WorkingRange[]) =>
      build(
        definition({
          weeklyHours: {
            monday: [],
            tuesday: [],
            wednesday: [],
            thursday: [],
            friday: [],
            saturday: [],
            sunday: ranges,
          },
          holidays: [],
        }),
      );
    // 02:30 does not exist on 29 March: 02:30–03:30 is the half hour 03:00–03:30 CEST.
    expect(
      businessDurationBetween(
        at('2026-03-29T00:00:00Z'),
        at('2026-03-30T00:00:00Z'),
        sunday([range('02:30', '03:30')]),
      ),
    ).toBe(30 * MINUTE);
    // 02:30 occurs twice on 25 October: 01:00–02:30 ends at the first 02:30 (CEST), 1 h 30 min.
    expect(
      businessDurationBetween(
        at('2026-10-24T12:00:00Z'),
        at('2026-10-26T00:00:00Z'),
        sunday([range('01:00', '02:30')]),
      ),
    ).toBe(90 * MINUTE);
  });

  it('a range inside the skipped hour has no time that day', () => {
    const gap = build(
      definition({
        weeklyHours: {
          monday: [],
          tuesday: [],
          wednesday: [],
          thursday: [],
          friday: [],
          saturday: [],
          sunday: [range('02:00', '03:00')],
        },
        holidays: [],
      }),
    );
    // Sunday 29 March has no 02:00–03:00, so half an hour from Saturday lands on Sunday 5 April 02:30 CEST.
    expect(addBusinessDuration(at('2026-03-28T12:00:00Z'), 30 * MINUTE, gap)).toBe('2026-04-05T00:30:00.000Z');
  });

  it('the built-in 24×7 calendar counts wall time', () => {
    expect(
      businessDurationBetween(at('2026-03-28T12:00:00Z'), at('2026-04-02T12:00:00Z'), twentyFourSevenCalendar),
    ).toBe(5 * 24 * HOUR);
    expect(addBusinessDuration(at('2026-03-29T00:30:00Z'), 90 * MINUTE, twentyFourSevenCalendar)).toBe(
      '2026-03-29T02:00:00.000Z',
    );
  });
});

describe('business calendar: bad definitions are refused when built', () => {
  const refused = (candidate: BusinessCalendarDefinition) => {
    const result = createBusinessCalendar(candidate);
    if (result._tag === 'Right') throw new Error('expected a refusal');
    return result.left;
  };
  const week = definition().weeklyHours;

  it('refuses an unknown time zone', () => {
    expect(refused(definition({ timeZone: 'Mars/Olympus_Mons' }))).toEqual({
      _tag: 'UnknownTimeZone',
      timeZone: 'Mars/Olympus_Mons',
    });
  });
  it('refuses an inverted or empty range', () => {
    expect(refused(definition({ weeklyHours: { ...week, tuesday: [range('17:00', '08:00')] } }))).toMatchObject({
      _tag: 'InvertedWorkingRange',
      weekday: 'tuesday',
    });
    expect(refused(definition({ weeklyHours: { ...week, tuesday: [range('09:00', '09:00')] } }))._tag).toBe(
      'InvertedWorkingRange',
    );
  });
  it('refuses overlapping ranges, whatever their order', () => {
    expect(
      refused(definition({ weeklyHours: { ...week, friday: [range('12:00', '18:00'), range('08:00', '13:00')] } })),
    ).toEqual({
      _tag: 'OverlappingWorkingRanges',
      weekday: 'friday',
      first: range('08:00', '13:00'),
      second: range('12:00', '18:00'),
    });
  });
  it('refuses a calendar without working time (it would never finish)', () => {
    const none = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
    expect(refused(definition({ weeklyHours: none }))._tag).toBe('NoWorkingTime');
    const everyDay: Holiday[] = [];
    for (let day = Temporal.PlainDate.from('2024-01-01'); day.year === 2024; day = day.add({ days: 1 }))
      everyDay.push({ yearly: day.toString().slice(5) });
    expect(refused(definition({ holidays: everyDay }))._tag).toBe('NoWorkingTime');
  });
  it('refuses holidays on dates that do not exist', () => {
    expect(refused(definition({ holidays: [{ date: '2026-02-30' }] }))._tag).toBe('InvalidHoliday');
    expect(refused(definition({ holidays: [{ yearly: '13-01' }] }))._tag).toBe('InvalidHoliday');
  });
  it('accepts a yearly 29 February and skips it in other years', () => {
    const leap = build(definition({ holidays: [{ yearly: '02-29' }] }));
    // 29 Feb 2028 is a Tuesday; 28 Feb 2027 is a Sunday, 1 Mar 2027 a Monday.
    expect(businessDurationBetween(at('2028-02-29T00:00:00+01:00'), at('2028-03-01T00:00:00+01:00'), leap)).toBe(0);
    expect(businessDurationBetween(at('2027-03-01T00:00:00+01:00'), at('2027-03-02T00:00:00+01:00'), leap)).toBe(
      9 * HOUR,
    );
  });
});

// ── properties ──────────────────────────────────────────────────────────

const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
  'America/Havana',
  'Pacific/Chatham',
];
const timeOf = (minutes: number): TimeOfDay =>
  (minutes === 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`) as TimeOfDay;

/** 0–3 non-overlapping ranges per day on a 15-minute grid; at least one working day. */
const dayRanges = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges: WorkingRange[] = [];
  for (let index = 0; index + 1 < sorted.length; index += 2)
    ranges.push({ from: timeOf((sorted[index] as number) * 15), to: timeOf((sorted[index + 1] as number) * 15) });
  return ranges;
});
const calendarDefinitionsIn = (timeZones: readonly string[]) =>
  fc
    .record({
      timeZone: fc.constantFrom(...timeZones),
      days: fc.array(dayRanges, { minLength: 7, maxLength: 7 }),
      holidays: fc.array(
        fc.oneof(
          fc
            .date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true })
            .map((date) => ({ date: date.toISOString().slice(0, 10) })),
          fc
            .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
            .map((date) => ({ yearly: date.toISOString().slice(5, 10) })),
        ),
        { maxLength: 20 },
      ),
    })
    .filter(({ days }) => days.some((ranges) => ranges.length > 0))
    .map(({ timeZone, days, holidays }): BusinessCalendarDefinition => ({
      name: 'generated' as ShortText,
      timeZone,
      weeklyHours: {
        monday: days[0] ?? [],
        tuesday: days[1] ?? [],
        wednesday: days[2] ?? [],
        thursday: days[3] ?? [],
        friday: days[4] ?? [],
        saturday: days[5] ?? [],
        sunday: days[6] ?? [],
      },
      holidays,
    }));
const calendarDefinitions = calendarDefinitionsIn(zones);
const transitionsOf = (zone: string): number[] => {
  const found: number[] = [];
  let zoned: Temporal.ZonedDateTime | null = Temporal.Instant.from('2025-09-01T00:00:00Z').toZonedDateTimeISO(zone);
  while (
    (zoned = zoned.getTimeZoneTransition('next')) !== null &&
    zoned.epochMilliseconds < Date.parse('2027-03-01T00:00:00Z')
  )
    found.push(zoned.epochMilliseconds);
  return found;
};
const anyInstant = fc.integer({ min: Date.parse('2025-09-01T00:00:00Z'), max: Date.parse('2027-03-01T00:00:00Z') });
const instants = anyInstant;
/** A calendar in a zone with DST and an instant within a day of one of that zone's transitions, where the hard cases are. */
const calendarsNearTransitions = fc
  .constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Havana', 'Pacific/Chatham')
  .chain((zone) =>
    fc.tuple(
      calendarDefinitionsIn([zone]),
      fc
        .tuple(fc.constantFrom(...transitionsOf(zone)), fc.integer({ min: -36 * 60, max: 12 * 60 }))
        .map(([transition, minutes]) => transition + minutes * MINUTE),
    ),
  );

/** An independent reference: every day's ranges converted by Temporal itself, then overlaps summed. */
const referenceBetween = (candidate: BusinessCalendarDefinition, from: number, to: number): number => {
  const wallInstant = (date: Temporal.PlainDate, time: string): number => {
    const wall =
      time === '24:00' ? date.add({ days: 1 }).toPlainDateTime() : date.toPlainDateTime(Temporal.PlainTime.from(time));
    const zoned = wall.toZonedDateTime(candidate.timeZone, { disambiguation: 'earlier' });
    // A wall time in a spring-forward gap counts from the transition.
    if (!zoned.toPlainDateTime().equals(wall))
      return (zoned.getTimeZoneTransition('next') as Temporal.ZonedDateTime).epochMilliseconds;
    return zoned.epochMilliseconds;
  };
  const weekdayKeys = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
  let date = Temporal.Instant.fromEpochMilliseconds(from)
    .toZonedDateTimeISO(candidate.timeZone)
    .toPlainDate()
    .subtract({ days: 1 });
  const last = Temporal.Instant.fromEpochMilliseconds(to)
    .toZonedDateTimeISO(candidate.timeZone)
    .toPlainDate()
    .add({ days: 1 });
  let total = 0;
  for (; Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    const iso = date.toString();
    if (
      candidate.holidays.some((holiday) => ('date' in holiday ? holiday.date === iso : holiday.yearly === iso.slice(5)))
    )
      continue;
    for (const { from: start, to: end } of candidate.weeklyHours[
      weekdayKeys[date.dayOfWeek - 1] as (typeof weekdayKeys)[number]
    ]) {
      const a = Math.max(from, wallInstant(date, start));
      const b = Math.min(to, wallInstant(date, end));
      if (b > a) total += b - a;
    }
  }
  return total;
};

describe('business calendar: properties', () => {
  it('agrees with a day-by-day Temporal reference around DST transitions (incl. half-hour DST)', () => {
    fc.assert(
      fc.property(
        calendarsNearTransitions,
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        ([candidate, from], spanMinutes) => {
          const calendar = build(candidate);
          const to = from + spanMinutes * MINUTE;
          expect(calendar.businessMillisecondsBetween(from, to)).toBe(referenceBetween(candidate, from, to));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with a day-by-day Temporal reference (zones with DST, half-hour DST, holidays)', () => {
    fc.assert(
      fc.property(
        calendarDefinitions,
        instants,
        fc.integer({ min: 0, max: 6 * 24 * 60 }),
        (candidate, from, spanMinutes) => {
          const calendar = build(candidate);
          const to = from + spanMinutes * MINUTE;
          expect(calendar.businessMillisecondsBetween(from, to)).toBe(referenceBetween(candidate, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adding then measuring gives the duration back, and the result is the earliest such instant', () => {
    fc.assert(
      fc.property(
        calendarDefinitions,
        instants,
        fc.integer({ min: 1, max: 400 * 60 }),
        (candidate, start, durationMinutes) => {
          const calendar = build(candidate);
          const duration = durationMinutes * MINUTE;
          const end = calendar.addBusinessMilliseconds(start, duration);
          expect(calendar.businessMillisecondsBetween(start, end)).toBe(duration);
          expect(calendar.businessMillisecondsBetween(start, end - 1)).toBeLessThan(duration);
          expect(calendar.addBusinessMilliseconds(end, -duration)).toBeLessThanOrEqual(start);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('business time is monotonic in wall time and never exceeds it', () => {
    fc.assert(
      fc.property(calendarDefinitions, fc.array(instants, { minLength: 2, maxLength: 12 }), (candidate, points) => {
        const calendar = build(candidate);
        const sorted = [...points].sort((a, b) => a - b);
        const origin = sorted[0] as number;
        let previous = 0;
        for (const point of sorted) {
          const business = calendar.businessMillisecondsBetween(origin, point);
          expect(business).toBeGreaterThanOrEqual(previous);
          expect(business).toBeLessThanOrEqual(point - origin);
          previous = business;
        }
      }),
      { numRuns: 200 },
    );
  });
});
