/**
 * The audit trail read model: every event of every record, with who (the
 * actor), when (occurred and recorded), what changed (before → after for
 * each field the event set), why (correlation and causation ids) and where
 * it sits in the hash chain (stream version and hash, which
 * `verifyStream` in `@itsm/event-store` checks against the log). Readable
 * per record and per actor, exportable as CSV or JSON.
 *
 * "What changed" is a generic fold: the record's fields are the union of
 * the data fields of its events (except `at` and `by`); a change lists
 * each field whose value differs from the last value seen on that record.
 * Fields named `previous…` are the events' own before-values and are not
 * listed as fields.
 *
 * Limits: the trail mirrors the log; it is evidence only together with the
 * hash chain verification of the log itself.
 *
 * @module
 */
import type { Kysely, Migration } from 'kysely';
import type { RecordedEvent } from '@itsm/event-store';
import {
  rowProjection,
  type Row,
  type RowAccess,
  type RowProjectionDefinition,
  type RowTable,
} from '../row-projection.js';
import { dataOf, recordTypeOf, utc } from './event-data.js';
import { positionKeyType } from './table-options.js';
import {
  catalogItemEventTypes,
  changeEventTypes,
  configurationItemEventTypes,
  incidentEventTypes,
  knowledgeEventTypes,
  problemEventTypes,
  serviceRequestEventTypes,
  slaEventTypes,
} from './event-types.js';
import type { AnyDatabase } from '../projection.js';

/** A row of `audit_event`: one event of a record. */
export interface AuditEventTable {
  /** The event's global position (the trail's order). */
  position: number;
  event_id: string;
  /** The record's stream id. */
  record_id: string;
  record_type: string;
  /** The event's version in its stream: its place in the record's hash chain. */
  stream_version: number;
  event_type: string;
  actor: string;
  occurred_at: string;
  recorded_at: string;
  correlation_id: string;
  causation_id: string | null;
  /** JSON array of `{ field, before, after }` (every field the event set; its payload is in the log at `position`). */
  changes: string;
  /** The hash-chain link of the event (lowercase hex SHA-256). */
  hash: string;
}

/** A row of `audit_record_state`: the last value of every field of a record (JSON). */
export interface AuditRecordStateTable {
  record_id: string;
  state: string;
}

/** The database interface of the audit trail (logical names). */
export interface AuditTrailDatabase {
  audit_event: AuditEventTable;
  audit_record_state: AuditRecordStateTable;
}

/** One changed field. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

const eventTable: RowTable = {
  name: 'audit_event',
  key: ['position'],
  columns: [
    'position',
    'event_id',
    'record_id',
    'record_type',
    'stream_version',
    'event_type',
    'actor',
    'occurred_at',
    'recorded_at',
    'correlation_id',
    'causation_id',
    'changes',
    'hash',
  ],
};
const stateTable: RowTable = { name: 'audit_record_state', key: ['record_id'], columns: ['record_id', 'state'] };

const migrations: Record<string, Migration> = {
  '0001_audit_trail': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createTable('audit_event')
        .addColumn('position', positionKeyType(db), (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('record_type', 'text', (c) => c.notNull())
        .addColumn('stream_version', 'integer', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('correlation_id', 'text', (c) => c.notNull())
        .addColumn('causation_id', 'text')
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_event_by_record')
        .on('audit_event')
        .columns(['record_id', 'stream_version'])
        .execute();
      await db.schema.createIndex('audit_event_by_actor').on('audit_event').columns(['actor', 'position']).execute();
      await db.schema
        .createTable('audit_record_state')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

const ignored = new Set(['at', 'by']);

/** The field changes an event makes to a record's last known fields (mutates `state`). */
export const fieldChanges = (
  state: Record<string, unknown>,
  data: Readonly<Record<string, unknown>>,
): FieldChange[] => {
  const changes: FieldChange[] = [];
  for (const [field, after] of Object.entries(data)) {
    if (ignored.has(field) || field.startsWith('previous')) continue;
    const before = state[field];
    if (before === after) continue;
    // Only objects and arrays need a structural comparison.
    if (
      before !== undefined &&
      typeof before === 'object' &&
      typeof after === 'object' &&
      JSON.stringify(before) === JSON.stringify(after)
    )
      continue;
    changes.push({ field, before: before ?? null, after });
    state[field] = after;
  }
  return changes;
};

/**
 * Record states being worked on in the current batch: a row put by `evolve`
 * holds the marker {@link WORKING} and its state lives here, keyed by the
 * row object itself (so concurrent batches never share anything); the state
 * is serialised once, when the batch is written. A row read from the
 * database holds JSON text.
 */
const WORKING = '\u0000working';
const workingStates = new WeakMap<object, Record<string, unknown>>();

const evolve = (rows: RowAccess, event: RecordedEvent): void => {
  const current = rows.get('audit_record_state', [event.streamId]);
  let state: Record<string, unknown>;
  if (current === undefined) state = {};
  else if (current['state'] === WORKING) state = workingStates.get(current) ?? {};
  else state = JSON.parse(String(current['state'])) as Record<string, unknown>;
  const data = dataOf(event);
  const changes = fieldChanges(state, data);
  const working: Row = { record_id: event.streamId, state: WORKING };
  workingStates.set(working, state);
  rows.put('audit_record_state', working);
  rows.insert('audit_event', {
    position: event.globalPosition,
    event_id: event.eventId,
    record_id: event.streamId,
    record_type: recordTypeOf(event.streamId),
    stream_version: event.streamVersion,
    event_type: event.type,
    actor: event.metadata.actor,
    occurred_at: utc(event.metadata.occurredAt) ?? event.metadata.occurredAt,
    recorded_at: event.metadata.recordedAt,
    correlation_id: event.metadata.correlationId,
    causation_id: event.metadata.causationId ?? null,
    changes: JSON.stringify(changes),
    hash: event.hash,
  } satisfies AuditEventTable);
};

/** Builds an audit-trail definition over the given event types. */
export const auditTrailDefinitionFor = (handles: readonly string[]): RowProjectionDefinition => ({
  name: 'audit_trail',
  version: 1,
  handles,
  tables: [eventTable, stateTable],
  migrations,
  reads: (event) => [{ table: 'audit_record_state', key: [event.streamId] }],
  evolve,
  serialize: (table, row) =>
    table === 'audit_record_state' && row['state'] === WORKING
      ? { ...row, state: JSON.stringify(workingStates.get(row) ?? {}) }
      : row,
});

/** Every event type of the catalog: the audit trail records every record's history by default. */
export const auditedEventTypes: readonly string[] = [
  ...incidentEventTypes,
  ...slaEventTypes,
  ...problemEventTypes,
  ...serviceRequestEventTypes,
  ...catalogItemEventTypes,
  ...changeEventTypes,
  ...configurationItemEventTypes,
  ...knowledgeEventTypes,
];

/** The audit-trail definition over {@link auditedEventTypes}. */
export const auditTrailDefinition: RowProjectionDefinition = auditTrailDefinitionFor(auditedEventTypes);

/** The audit-trail projection. */
export const auditTrailProjection = rowProjection(auditTrailDefinition);

/** An audit trail entry as returned by the queries (changes parsed). */
export interface AuditEntry extends Omit<AuditEventTable, 'changes'> {
  readonly changes: readonly FieldChange[];
}

const entryOf = (row: Record<string, unknown>): AuditEntry => ({
  ...(row as unknown as AuditEventTable),
  position: Number(row['position']),
  stream_version: Number(row['stream_version']),
  changes: JSON.parse(String(row['changes'])) as FieldChange[],
});

/** The trail of one record (by stream id), in stream order. */
export const recordAuditTrail = async (db: Kysely<AnyDatabase>, recordId: string): Promise<AuditEntry[]> => {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('stream_version')
    .execute();
  return rows.map(entryOf);
};

/** What one actor did, in log order, optionally between two instants (occurred-at, inclusive). */
export const actorAuditTrail = async (
  db: Kysely<AnyDatabase>,
  actor: string,
  query: { readonly from?: string; readonly to?: string; readonly limit?: number } = {},
): Promise<AuditEntry[]> => {
  let select = db.selectFrom('audit_event').selectAll().where('actor', '=', actor);
  if (query.from !== undefined) select = select.where('occurred_at', '>=', utc(query.from) ?? query.from);
  if (query.to !== undefined) select = select.where('occurred_at', '<=', utc(query.to) ?? query.to);
  const rows = await select
    .orderBy('position')
    .limit(query.limit ?? 10_000)
    .execute();
  return rows.map(entryOf);
};

const csvColumns = [
  'position',
  'record_id',
  'record_type',
  'stream_version',
  'event_type',
  'event_id',
  'actor',
  'occurred_at',
  'recorded_at',
  'correlation_id',
  'causation_id',
  'changes',
  'hash',
] as const;

const csvCell = (value: unknown): string => {
  const textValue =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(textValue) || /^[=+\-@]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
};

/**
 * An audit trail as CSV (RFC 4180, header row, CRLF): one line per event,
 * changes as `field: before → after` separated by `; `. Cells that a
 * spreadsheet would read as formulas are quoted.
 */
export const auditTrailToCsv = (entries: readonly AuditEntry[]): string => {
  const lines = [csvColumns.join(',')];
  for (const entry of entries) {
    const changes = entry.changes
      .map((c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`)
      .join('; ');
    lines.push(csvColumns.map((column) => csvCell(column === 'changes' ? changes : entry[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
};

/** An audit trail as a JSON document: `{ entries: [...] }`, each with its changes and hash-chain position. */
export const auditTrailToJson = (entries: readonly AuditEntry[]): string => JSON.stringify({ entries }, null, 2);

/** A stored audit row (for snapshots). */
export type AuditRow = Row;
