/**
 * Business time from the domain's service-level calendars: a
 * {@link BusinessClockFactory} over `createBusinessCalendar` of
 * `@itsm/domain`, for the SLA and metrics read models.
 *
 * Limits: a calendar definition that does not decode, or that the domain
 * refuses (unknown time zone, no working time…), gives no clock: the SLA
 * model then counts wall-clock time and business-time MTTR stays null.
 *
 * @module
 */
import { BusinessCalendarDefinition, createBusinessCalendar } from '@itsm/domain';
import type { BusinessClock, BusinessClockFactory } from './sla.js';

/** The business clock of an SLA policy's calendar definition, or undefined when it is not a valid one. */
export const domainBusinessClock: BusinessClockFactory = (definition: unknown): BusinessClock | undefined => {
  const decoded = BusinessCalendarDefinition.decode(definition);
  if (decoded._tag === 'Left') return undefined;
  const calendar = createBusinessCalendar(decoded.right);
  if (calendar._tag === 'Left') return undefined;
  return {
    between: (from, to) => calendar.right.businessMillisecondsBetween(from, to),
    add: (start, duration) => calendar.right.addBusinessMilliseconds(start, duration),
  };
};
