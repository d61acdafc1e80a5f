/**
 * Simulated time for the demo: when agents work (Mon–Fri 08:00–17:00
 * Europe/Berlin, through the domain's DST-correct business calendar) and the
 * arrival rate of incidents by weekday and hour.
 *
 * @module
 */
import { BusinessCalendarDefinition, createBusinessCalendar, type BusinessCalendar } from '@itsm/domain';

const office = [{ from: '08:00', to: '17:00' }];

const officeHoursInput = {
  name: 'berlin-office-hours',
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    monday: office,
    tuesday: office,
    wednesday: office,
    thursday: office,
    friday: office,
    saturday: [],
    sunday: [],
  },
  holidays: [
    { yearly: '01-01', name: "New Year's Day" },
    { yearly: '05-01', name: 'Labour Day' },
    { yearly: '10-03', name: 'German Unity Day' },
    { yearly: '12-25', name: 'Christmas Day' },
    { yearly: '12-26', name: 'Boxing Day' },
  ],
};

/** The office-hours calendar agents work by (Mon–Fri 08:00–17:00 Europe/Berlin, German national holidays). */
export const officeHoursDefinition: BusinessCalendarDefinition = (() => {
  const decoded = BusinessCalendarDefinition.decode(officeHoursInput);
  if (decoded._tag === 'Left') throw new Error('the demo calendar definition does not match its codec');
  return decoded.right;
})();

/** The built office-hours calendar. */
export const officeHours: BusinessCalendar = (() => {
  const built = createBusinessCalendar(officeHoursDefinition);
  if (built._tag === 'Left') throw new Error(`demo calendar invalid: ${JSON.stringify(built.left)}`);
  return built.right;
})();

const MINUTE = 60_000;

/** The instant `minutes` working minutes after `at` (off-hours work waits for the next morning). */
export const afterWorkingMinutes = (at: number, minutes: number): number =>
  officeHours.addBusinessMilliseconds(at, Math.max(0, minutes) * MINUTE) + 1;

const berlin = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  weekday: 'short',
  hour: 'numeric',
  hourCycle: 'h23',
});

/** Incidents expected per hour at a simulated instant: office peaks, quiet nights and weekends. */
export const incidentRatePerHour = (at: number, scale: number): number => {
  const parts = berlin.formatToParts(new Date(at));
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const weekend = weekday === 'Sat' || weekday === 'Sun';
  const base = hour >= 8 && hour < 18 ? (hour >= 9 && hour < 12 ? 4.2 : 2.8) : hour >= 6 && hour < 22 ? 0.6 : 0.15;
  const monday = weekday === 'Mon' ? 1.3 : 1;
  return (weekend ? base * 0.15 : base * monday) * scale;
};
