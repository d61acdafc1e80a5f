/**
 * Instants ↔ epoch milliseconds on the SLA hot path (an SLA clock converts
 * about a hundred instants). Instants are validated ISO-8601 strings with an
 * explicit offset (see `shared/instant.ts`). The calendar part of a string
 * (`YYYY-MM-DD`) is converted by Temporal once per day and cached; the time of day, fraction and offset are fixed-width fields added
 * to it. No clock is read. Anything outside the common shape (years beyond
 * 0000–9999, a leap second, an unusual string) goes through Temporal.
 * Sub-millisecond digits are dropped (SLA clocks work in milliseconds).
 *
 * @module
 */
import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../shared/instant.js';

const DAY = 86_400_000;
const CACHE_LIMIT = 8_192;
const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const dayStarts = new Map<string, number>();
const dayPrefixes = new Map<number, string>();
const parsedInstants = new Map<string, number>();
// The years whose days `toISOString` renders as YYYY-MM-DD.
const epochDayOf = (date: string): number =>
  Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: 'UTC' }).epochMilliseconds / DAY;
const FIRST_DAY = epochDayOf('0000-01-01');
const LAST_DAY = epochDayOf('9999-12-31');

const remember = <K, V>(cache: Map<K, V>, key: K, value: V): V => {
  // A bounded cache: SLA instants cluster in a few recent years; start over when full.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
};

const digits = (text: string, from: number, count: number): number => {
  let value = 0;
  for (let index = from; index < from + count; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
};

const slowEpochMilliseconds = (instant: string): number => Temporal.Instant.from(instant).epochMilliseconds;

/** Epoch milliseconds of an instant. */
export const epochMillisecondsOf = (instant: Instant | string): number => {
  // Histories are replayed again and again (every deadline run): most instants were seen before.
  const known = parsedInstants.get(instant);
  return known ?? remember(parsedInstants, instant, parseInstant(instant));
};

const parseInstant = (instant: string): number => {
  if (!shape.test(instant)) return slowEpochMilliseconds(instant);
  const date = instant.slice(0, 10);
  let day = dayStarts.get(date);
  if (day === undefined) {
    let start: number;
    try {
      start = epochDayOf(date) * DAY;
    } catch {
      return slowEpochMilliseconds(instant);
    }
    day = remember(dayStarts, date, start);
  }
  const seconds = digits(instant, 17, 2);
  if (seconds > 59) return slowEpochMilliseconds(instant);
  let position = 19;
  let milliseconds = 0;
  if (instant.charCodeAt(position) === 46) {
    // Read at most three fraction digits; skip the rest.
    let scale = 100;
    position += 1;
    while (position < instant.length && instant.charCodeAt(position) >= 48 && instant.charCodeAt(position) <= 57) {
      milliseconds += (instant.charCodeAt(position) - 48) * scale;
      scale /= 10;
      position += 1;
    }
    milliseconds = Math.floor(milliseconds);
  }
  let offset = 0;
  if (instant.charCodeAt(position) !== 90) {
    const sign = instant.charCodeAt(position) === 45 ? -1 : 1;
    offset = sign * (digits(instant, position + 1, 2) * 60 + digits(instant, position + 4, 2)) * 60_000;
  }
  return (
    day + digits(instant, 11, 2) * 3_600_000 + digits(instant, 14, 2) * 60_000 + seconds * 1000 + milliseconds - offset
  );
};

const two = (value: number): string => (value < 10 ? `0${value}` : `${value}`);
const three = (value: number): string => (value < 10 ? `00${value}` : value < 100 ? `0${value}` : `${value}`);

/** The instant at epoch milliseconds, in UTC (`2026-03-30T06:00:00.000Z`). */
export const instantOfEpochMilliseconds = (milliseconds: number): Instant => {
  const day = Math.floor(milliseconds / DAY);
  if (day < FIRST_DAY || day > LAST_DAY || !Number.isInteger(milliseconds))
    return Temporal.Instant.fromEpochMilliseconds(Math.floor(milliseconds)).toString({
      fractionalSecondDigits: 3,
    }) as Instant;
  const prefix =
    dayPrefixes.get(day) ??
    remember(
      dayPrefixes,
      day,
      Temporal.Instant.fromEpochMilliseconds(day * DAY)
        .toString()
        .slice(0, 11),
    );
  let rest = milliseconds - day * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${two(hours)}:${two(minutes)}:${two(seconds)}.${three(rest - seconds * 1000)}Z` as Instant;
};
