/**
 * The work-queue read model: one row per open record (incidents; service
 * requests when their events are present), with its assignment group,
 * assignee, priority, status and on-hold reason. Queues are read by group,
 * by agent and unassigned, ordered by priority, then SLA due (the earliest
 * running SLA target in the `sla_target` view, when the SLA projection
 * runs), then age.
 *
 * A record leaves the queue when it is closed or cancelled; a resolved
 * record stays with status `resolved` (it may be reopened) and is left out
 * of the queue queries unless asked for.
 *
 * Limits: records of types whose events this projection does not handle
 * never appear.
 *
 * @module
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { RecordedEvent } from '@itsm/event-store';
import {
  rowProjection,
  type Row,
  type RowAccess,
  type RowProjectionDefinition,
  type RowTable,
} from '../row-projection.js';
import { dataOf, flag, numeric, occurredAt, recordNumberOf, recordTypeOf, text } from './event-data.js';
import { incidentEventTypes, serviceRequestEventTypes } from './event-types.js';
import type { AnyDatabase } from '../projection.js';

/** A row of the `work_queue` table (one open record). */
export interface WorkQueueTable {
  /** The record's stream id (`incident-INC1`). */
  record_id: string;
  /** `incident` or `serviceRequest`. */
  record_type: string;
  /** The record's own id (`INC1`). */
  record_number: string;
  short_description: string | null;
  service: string | null;
  category: string | null;
  /** 1 Critical … 5 Planning (service requests: null). */
  priority: number | null;
  /** `new`, `assigned`, `in-progress`, `on-hold`, `resolved`, `awaiting-approval`, `approved`, `fulfilment`. */
  status: string;
  /** Why it is on hold (`awaiting-caller`, `awaiting-change`, `awaiting-problem`, `awaiting-vendor`), else null. */
  on_hold_reason: string | null;
  assignment_group: string | null;
  assignee: string | null;
  /** 1 when declared a major incident. */
  major: number;
  opened_at: string;
  updated_at: string;
  /** Global position of the last event applied. */
  position: number;
}

/** The database interface of the work-queue read model (logical names). */
export interface WorkQueueDatabase {
  work_queue: WorkQueueTable;
}

const table: RowTable = {
  name: 'work_queue',
  key: ['record_id'],
  columns: [
    'record_id',
    'record_type',
    'record_number',
    'short_description',
    'service',
    'category',
    'priority',
    'status',
    'on_hold_reason',
    'assignment_group',
    'assignee',
    'major',
    'opened_at',
    'updated_at',
    'position',
  ],
};

const migrations: Record<string, Migration> = {
  '0001_work_queue': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createTable('work_queue')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('record_type', 'text', (c) => c.notNull())
        .addColumn('record_number', 'text', (c) => c.notNull())
        .addColumn('short_description', 'text')
        .addColumn('service', 'text')
        .addColumn('category', 'text')
        .addColumn('priority', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('on_hold_reason', 'text')
        .addColumn('assignment_group', 'text')
        .addColumn('assignee', 'text')
        .addColumn('major', 'integer', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('work_queue_by_group')
        .on('work_queue')
        .columns(['assignment_group', 'priority', 'opened_at'])
        .execute();
      await db.schema
        .createIndex('work_queue_by_assignee')
        .on('work_queue')
        .columns(['assignee', 'priority', 'opened_at'])
        .execute();
    },
  },
  // The queue queries read a level of a queue from the index alone (status
  // filter, age order and record id included), and the rows only for the page.
  '0002_covering_queue_indexes': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema.dropIndex('work_queue_by_group').execute();
      await db.schema.dropIndex('work_queue_by_assignee').execute();
      await db.schema
        .createIndex('work_queue_by_group')
        .on('work_queue')
        .columns(['assignment_group', 'priority', 'status', 'opened_at', 'record_id'])
        .execute();
      await db.schema
        .createIndex('work_queue_by_assignee')
        .on('work_queue')
        .columns(['assignee', 'priority', 'status', 'opened_at', 'record_id'])
        .execute();
    },
  },
};

const evolve = (rows: RowAccess, event: RecordedEvent): void => {
  const id = event.streamId;
  const data = dataOf(event);
  const at = occurredAt(event);
  const current = rows.get('work_queue', [id]);
  const update = (changes: Partial<Record<keyof WorkQueueTable, string | number | null>>) => {
    if (current === undefined) return;
    rows.put('work_queue', { ...current, ...changes, updated_at: at, position: event.globalPosition });
  };
  switch (event.type) {
    case 'IncidentLogged':
      rows.put('work_queue', {
        record_id: id,
        record_type: 'incident',
        record_number: recordNumberOf(id),
        short_description: text(data, 'shortDescription'),
        service: text(data, 'service'),
        category: text(data, 'category'),
        priority: numeric(data, 'priority'),
        status: 'new',
        on_hold_reason: null,
        assignment_group: null,
        assignee: null,
        major: 0,
        opened_at: at,
        updated_at: at,
        position: event.globalPosition,
      } satisfies WorkQueueTable);
      return;
    case 'IncidentRecategorized':
      return update({ category: text(data, 'category') });
    case 'IncidentPriorityChanged':
      return update({ priority: numeric(data, 'priority') });
    case 'IncidentAssignedToGroup':
      return update({
        assignment_group: text(data, 'group'),
        assignee: null,
        status: current?.['status'] === 'new' ? 'assigned' : (current?.['status'] ?? 'assigned'),
      });
    case 'IncidentAssignedToAgent':
      return update({
        assignment_group: text(data, 'group'),
        assignee: text(data, 'agent'),
        status: current?.['status'] === 'new' ? 'assigned' : (current?.['status'] ?? 'assigned'),
      });
    case 'IncidentEscalated': {
      const group = text(data, 'toGroup');
      return group === null ? update({}) : update({ assignment_group: group, assignee: null });
    }
    case 'IncidentWorkStarted':
      return update({ status: 'in-progress' });
    case 'IncidentPutOnHold':
      return update({ status: 'on-hold', on_hold_reason: text(data, 'reason') });
    case 'IncidentResumed':
    case 'IncidentResolutionRejected':
    case 'IncidentReopened':
      return update({ status: 'in-progress', on_hold_reason: null });
    case 'IncidentMajorDeclared':
      return update({ major: flag(true) });
    case 'IncidentMajorUndeclared':
      return update({ major: flag(false) });
    case 'IncidentResolved':
      return update({ status: 'resolved', on_hold_reason: null });
    case 'IncidentClosed':
    case 'IncidentCancelled':
    case 'ServiceRequestFulfilled':
    case 'ServiceRequestClosedIncomplete':
    case 'ServiceRequestCancelled':
    case 'ServiceRequestRejected':
      if (current !== undefined) rows.remove('work_queue', [id]);
      return;
    case 'ServiceRequestSubmitted': {
      const item = data['catalogItem'];
      const itemData = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      rows.put('work_queue', {
        record_id: id,
        record_type: recordTypeOf(id),
        record_number: recordNumberOf(id),
        short_description: text(itemData, 'name') ?? text(itemData, 'title'),
        service: text(itemData, 'service'),
        category: text(itemData, 'category'),
        priority: null,
        status: 'new',
        on_hold_reason: null,
        assignment_group: text(itemData, 'fulfilmentGroup'),
        assignee: null,
        major: 0,
        opened_at: at,
        updated_at: at,
        position: event.globalPosition,
      } satisfies WorkQueueTable);
      return;
    }
    case 'ServiceRequestApprovalRequested':
      return update({
        status: 'awaiting-approval',
        assignment_group: text(data, 'approverGroup') ?? current?.['assignment_group'] ?? null,
      });
    case 'ServiceRequestApproved':
      return update({ status: 'approved' });
    case 'ServiceRequestFulfilmentStarted':
      return update({ status: 'fulfilment' });
    case 'FulfilmentTaskAssigned': {
      const group = text(data, 'group');
      const agent = text(data, 'agent') ?? text(data, 'assignee');
      return update({
        ...(group === null ? {} : { assignment_group: group }),
        ...(agent === null ? {} : { assignee: agent }),
      });
    }
    default:
      return update({});
  }
};

/** The event types the work queue reads. */
export const workQueueEventTypes: readonly string[] = [
  ...incidentEventTypes.filter((type) => !['IncidentCommentAdded', 'IncidentWorkNoteAdded'].includes(type)),
  ...serviceRequestEventTypes,
];

/** The work-queue projection, as a row projection (its definition folds in memory too). */
export const workQueueDefinition: RowProjectionDefinition = {
  name: 'work_queue',
  version: 1,
  handles: workQueueEventTypes,
  tables: [table],
  migrations,
  reads: (event) => [{ table: 'work_queue', key: [event.streamId] }],
  evolve,
};

/** The work-queue projection. */
export const workQueueProjection = rowProjection(workQueueDefinition);

/** A record in a queue: the queue row with the due time of its earliest running SLA target. */
export interface QueueEntry extends WorkQueueTable {
  /** The earliest due time of its running SLA targets (null: none, or the SLA projection does not run). */
  sla_due_at: string | null;
}

/** Which records a queue query returns. */
export interface QueueQuery {
  /** Include resolved records (default false). */
  readonly includeResolved?: boolean;
  /** Only on-hold records (true), only active ones (false), or both (default). */
  readonly onHold?: boolean;
  /** At most this many (default 100). */
  readonly limit?: number;
  /** Whether the `sla_target` view exists in this database (default: looked up). */
  readonly withSla?: boolean;
}

const hasSlaView = async (db: Kysely<AnyDatabase>): Promise<boolean> => {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: false });
  return tables.some((t) => t.name === 'sla_target' && t.isView);
};

const slaViewCache = new WeakMap<object, boolean>();

const queueQuery = async (
  db: Kysely<AnyDatabase>,
  filter: { readonly column: 'assignment_group' | 'assignee'; readonly value: string | null },
  query: QueueQuery,
): Promise<QueueEntry[]> => {
  let withSla = query.withSla ?? slaViewCache.get(db);
  if (withSla === undefined) {
    withSla = await hasSlaView(db);
    if (withSla) slaViewCache.set(db, true);
  }
  const due = withSla
    ? sql<
        string | null
      >`(select min(s.due_at) from sla_target s where s.record_id = q.record_id and s.target in ('time-to-own', 'time-to-resolve') and s.state = 'running')`
    : sql<string | null>`null`;
  const limit = query.limit ?? 100;
  // Per priority level, highest first, until the page is full: first the
  // record ids of the page, ordered, from the covering queue index and the
  // SLA due lookup (so the due is computed only for the levels shown, and
  // no row is read but the page's); then those rows.
  const page: { record_id: string; sla_due_at: string | null }[] = [];
  for (const priority of [1, 2, 3, 4, 5, null]) {
    if (page.length >= limit) break;
    let select = db.selectFrom('work_queue as q').select('q.record_id').select(due.as('sla_due_at'));
    select =
      filter.value === null
        ? select.where(`q.${filter.column}`, 'is', null)
        : select.where(`q.${filter.column}`, '=', filter.value);
    select =
      priority === null
        ? select.where((eb) => eb.or([eb('q.priority', 'is', null), eb('q.priority', 'not in', [1, 2, 3, 4, 5])]))
        : select.where('q.priority', '=', priority);
    if (query.includeResolved !== true) select = select.where('q.status', '<>', 'resolved');
    if (query.onHold === true) select = select.where('q.status', '=', 'on-hold');
    if (query.onHold === false) select = select.where('q.status', '<>', 'on-hold');
    page.push(
      ...(await select
        .orderBy('sla_due_at', (ob) => ob.asc().nullsLast())
        .orderBy('q.opened_at')
        .orderBy('q.record_id')
        .limit(limit - page.length)
        .execute()),
    );
  }
  if (page.length === 0) return [];
  const rows = new Map(
    (
      await db
        .selectFrom('work_queue')
        .selectAll()
        .where(
          'record_id',
          'in',
          page.map((entry) => entry.record_id),
        )
        .execute()
    ).map((row) => [String(row['record_id']), row]),
  );
  return page.flatMap((entry) => {
    const row = rows.get(entry.record_id);
    if (row === undefined) return [];
    return [
      {
        ...(row as unknown as WorkQueueTable),
        sla_due_at: entry.sla_due_at,
        priority: row['priority'] === null ? null : Number(row['priority']),
        position: Number(row['position']),
        major: Number(row['major']),
      },
    ];
  });
};

/** The queue of an assignment group: its open records, by priority, then SLA due, then age. */
export const groupQueue = (db: Kysely<AnyDatabase>, group: string, query: QueueQuery = {}): Promise<QueueEntry[]> =>
  queueQuery(db, { column: 'assignment_group', value: group }, query);

/** The queue of an agent: the open records assigned to them. */
export const agentQueue = (db: Kysely<AnyDatabase>, agent: string, query: QueueQuery = {}): Promise<QueueEntry[]> =>
  queueQuery(db, { column: 'assignee', value: agent }, query);

/** The unassigned queue: open records without an assignment group. */
export const unassignedQueue = (db: Kysely<AnyDatabase>, query: QueueQuery = {}): Promise<QueueEntry[]> =>
  queueQuery(db, { column: 'assignment_group', value: null }, query);

/** A queue row as a plain row (for snapshots and comparisons). */
export type WorkQueueRow = Row;
