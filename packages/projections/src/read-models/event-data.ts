/**
 * Reading event data in the built-in read models: the record a stream is
 * about, instants normalised to UTC, and field access that tolerates the
 * optional fields of each event type.
 *
 * The built-in projections read the event catalog of `@itsm/domain` by type
 * name and field name (the store validated the data against its codec on
 * read), so a projection never fails on an optional field being absent.
 *
 * @module
 */
import type { RecordedEvent } from '@itsm/event-store';
import type { SqlValue } from '../sql-statements.js';

/** An event's data as a plain record. */
export type EventData = Readonly<Record<string, unknown>>;

/** The data of an event as a record (empty when it is not an object). */
export const dataOf = (event: RecordedEvent): EventData =>
  typeof event.data === 'object' && event.data !== null ? (event.data as EventData) : {};

/** A string field, or null. */
export const text = (data: EventData, field: string): string | null => {
  const value = data[field];
  return typeof value === 'string' ? value : null;
};

/** A number field, or null. */
export const numeric = (data: EventData, field: string): number | null => {
  const value = data[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** The category of a stream (`incident` for `incident-INC1`). */
export const recordTypeOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
};

/** The record id of a stream (`INC1` for `incident-INC1`). */
export const recordNumberOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(dash + 1);
};

/** An ISO instant rendered in UTC with milliseconds (so text order is time order), or null. */
export const utc = (instant: unknown): string | null => {
  if (typeof instant !== 'string') return null;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/** Epoch milliseconds of an ISO instant, or null. */
export const epochOf = (instant: unknown): number | null => {
  if (typeof instant !== 'string') return null;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : ms;
};

/** When an event happened: its data's `at`, else the metadata's `occurredAt`, in UTC. */
export const occurredAt = (event: RecordedEvent): string =>
  utc(dataOf(event)['at']) ?? utc(event.metadata.occurredAt) ?? event.metadata.occurredAt;

/** The calendar month (`YYYY-MM`, UTC) of an instant, or null. */
export const periodOf = (instant: SqlValue | undefined): string | null =>
  typeof instant === 'string' && instant.length >= 7 ? instant.slice(0, 7) : null;

/** 1 or 0 (booleans are stored as integers on both dialects). */
export const flag = (value: boolean): number => (value ? 1 : 0);
