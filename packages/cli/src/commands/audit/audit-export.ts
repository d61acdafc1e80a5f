/**
 * `itsm audit export`: the events of one record, one actor or a time range,
 * with who, when, why and the hash-chain position, as CSV or JSON.
 * Streams the log once; memory holds only the selected rows' text.
 *
 * @module
 */
import { catchReadFailure, type EventStore, type ReadError, type RecordedEvent } from '@itsm/event-store';
import type { Either } from 'fp-ts/lib/Either.js';

/** Which events to export; every given criterion must hold. */
export interface ExportSelection {
  /** A stream id, e.g. `incident-INC-1001`. */
  readonly record?: string;
  /** An actor id as recorded in event metadata. */
  readonly actor?: string;
  /** Inclusive lower bound on `occurredAt`, epoch milliseconds. */
  readonly fromMilliseconds?: number;
  /** Exclusive upper bound on `occurredAt`, epoch milliseconds. */
  readonly toMilliseconds?: number;
}

/** One exported row. */
export interface AuditRow {
  readonly position: number;
  readonly stream: string;
  readonly version: number;
  readonly type: string;
  readonly actor: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly eventId: string;
  readonly hash: string;
  readonly data: string;
}

const CSV_COLUMNS: readonly (keyof AuditRow)[] = [
  'position',
  'stream',
  'version',
  'type',
  'actor',
  'occurredAt',
  'recordedAt',
  'correlationId',
  'causationId',
  'eventId',
  'hash',
  'data',
];

const selected = (selection: ExportSelection, event: RecordedEvent): boolean => {
  if (selection.record !== undefined && event.streamId !== selection.record) return false;
  if (selection.actor !== undefined && event.metadata.actor !== selection.actor) return false;
  if (selection.fromMilliseconds !== undefined || selection.toMilliseconds !== undefined) {
    const at = Date.parse(event.metadata.occurredAt);
    if (selection.fromMilliseconds !== undefined && at < selection.fromMilliseconds) return false;
    if (selection.toMilliseconds !== undefined && at >= selection.toMilliseconds) return false;
  }
  return true;
};

const rowOf = (event: RecordedEvent): AuditRow => ({
  position: event.globalPosition,
  stream: event.streamId,
  version: event.streamVersion,
  type: event.type,
  actor: event.metadata.actor,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId ?? '',
  eventId: event.eventId,
  hash: event.hash,
  data: JSON.stringify(event.asStored ? event.asStored.data : event.data),
});

/** Reads the selected events as audit rows, in log order. */
export const selectAuditRows = (
  store: EventStore,
  selection: ExportSelection,
): Promise<Either<ReadError, AuditRow[]>> =>
  catchReadFailure(async () => {
    const rows: AuditRow[] = [];
    const source = selection.record !== undefined ? store.readStream(selection.record) : store.readAll();
    for await (const event of source) if (selected(selection, event)) rows.push(rowOf(event));
    return rows;
  });

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Renders rows as RFC 4180 CSV with a header line. */
export const auditRowsToCsv = (rows: readonly AuditRow[]): string =>
  [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(','))].join(
    '\r\n',
  ) + '\r\n';
