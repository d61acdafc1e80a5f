/**
 * The business clock the SLA and metrics read models use: the domain's
 * DST-correct business calendars, built from the calendar each SLA recorded.
 *
 * @module
 */
import { BusinessCalendarDefinition, createBusinessCalendar } from '@itsm/domain';
import type { BusinessClockFactory } from '@itsm/projections';

/** Builds a business clock from a recorded calendar definition (undefined when it is not one). */
export const domainBusinessClock: BusinessClockFactory = (calendarDefinition) => {
  const definition = BusinessCalendarDefinition.decode(calendarDefinition);
  if (definition._tag === 'Left') return undefined;
  const calendar = createBusinessCalendar(definition.right);
  if (calendar._tag === 'Left') return undefined;
  return {
    between: (from, to) => calendar.right.businessMillisecondsBetween(from, to),
    add: (start, duration) => calendar.right.addBusinessMilliseconds(start, duration),
  };
};
