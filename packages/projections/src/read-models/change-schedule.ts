/**
 * The change schedule read model: every open change with its status,
 * configuration items and planned window (the forward schedule of change),
 * and one row per CI of each planned change, which is what conflict
 * detection asks: which other changes touch these CIs at an overlapping
 * time?
 *
 * Conflict detection is a query over this model plus the domain's pure
 * `changeConflictsOf`; {@link changeScheduleConflicts} runs both and
 * returns the conflicts, and the application records them on the change
 * with the commands `conflictWarningCommandsOf` builds (a warning never
 * blocks a change: the CAB sees it).
 *
 * A change leaves the schedule when it is closed or cancelled. A rejected
 * change goes back to `New` and keeps its plan (it can be authorised again).
 *
 * @module
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { PlannedChange, changeConflictsOf, validationProblems, type ChangeConflict } from '@itsm/domain';
import type { RecordedEvent } from '@itsm/event-store';
import {
  rowProjection,
  type Row,
  type RowAccess,
  type RowProjectionDefinition,
  type RowTable,
} from '../row-projection.js';
import { selectRowsWhereIn } from '../sql-statements.js';
import { dataOf, text, utc } from './event-data.js';
import { withoutRowid } from './table-options.js';
import type { AnyDatabase } from '../projection.js';

/** A row of `change_schedule`: one open change. */
export interface ChangeScheduleTable {
  /** The change's stream id (`change-CHG1`). */
  record_id: string;
  /** The change's own id (`CHG1`). */
  change_id: string;
  /** `standard`, `normal` or `emergency`. */
  change_type: string;
  title: string;
  /** The lifecycle status: `New`, `Assess`, `Authorize`, `Scheduled`, `Implement` or `Review`. */
  status: string;
  /** The CIs the change touches (JSON array of ids). */
  configuration_items: string;
  /** The planned window `[planned_start, planned_end)` in UTC, once planned. */
  planned_start: string | null;
  planned_end: string | null;
  /** 1 once authorised. */
  authorized: number;
  /** Global position of the last event applied. */
  position: number;
}

/** A row of `change_schedule_item`: one CI of a planned open change. */
export interface ChangeScheduleItemTable {
  configuration_item_id: string;
  change_id: string;
  record_id: string;
  planned_start: string;
  planned_end: string;
}

/** The database interface of the change schedule read model (logical names). */
export interface ChangeScheduleDatabase {
  change_schedule: ChangeScheduleTable;
  change_schedule_item: ChangeScheduleItemTable;
}

const changeTable: RowTable = {
  name: 'change_schedule',
  key: ['record_id'],
  columns: [
    'record_id',
    'change_id',
    'change_type',
    'title',
    'status',
    'configuration_items',
    'planned_start',
    'planned_end',
    'authorized',
    'position',
  ],
};
const itemTable: RowTable = {
  name: 'change_schedule_item',
  key: ['configuration_item_id', 'change_id'],
  columns: ['configuration_item_id', 'change_id', 'record_id', 'planned_start', 'planned_end'],
};

const migrations: Record<string, Migration> = {
  '0001_change_schedule': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createTable('change_schedule')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('change_id', 'text', (c) => c.notNull())
        .addColumn('change_type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('configuration_items', 'text', (c) => c.notNull())
        .addColumn('planned_start', 'text')
        .addColumn('planned_end', 'text')
        .addColumn('authorized', 'integer', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_schedule_by_start').on('change_schedule').column('planned_start').execute();
      await db.schema.createIndex('change_schedule_by_change').on('change_schedule').column('change_id').execute();
      await db.schema
        .createTable('change_schedule_item')
        .addColumn('configuration_item_id', 'text', (c) => c.notNull())
        .addColumn('change_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('planned_start', 'text', (c) => c.notNull())
        .addColumn('planned_end', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('change_schedule_item_pk', ['configuration_item_id', 'change_id'])
        .$call(withoutRowid(db))
        .execute();
      await db.schema
        .createIndex('change_schedule_item_by_window')
        .on('change_schedule_item')
        .columns(['configuration_item_id', 'planned_start', 'planned_end'])
        .execute();
    },
  },
};

/** The status each status-changing event leads to (the domain's lifecycle names). */
const statusAfter: Readonly<Record<string, string>> = {
  ChangeAssessmentStarted: 'Assess',
  ChangeAuthorizationRequested: 'Authorize',
  ChangeRejected: 'New',
  ChangeScheduled: 'Scheduled',
  ChangeImplementationStarted: 'Implement',
  ChangeImplemented: 'Review',
};

const itemsOf = (change: Row): string[] => JSON.parse(String(change['configuration_items'])) as string[];

/** Replaces the CI rows of a change by the ones of its current plan. */
const replaceItems = (rows: RowAccess, before: Row | undefined, after: Row | undefined): void => {
  if (before !== undefined && before['planned_start'] !== null)
    for (const item of itemsOf(before)) rows.remove('change_schedule_item', [item, before['change_id'] ?? null]);
  if (after === undefined || after['planned_start'] === null || after['planned_end'] === null) return;
  for (const item of itemsOf(after))
    rows.put('change_schedule_item', {
      configuration_item_id: item,
      change_id: after['change_id'] ?? null,
      record_id: after['record_id'] ?? null,
      planned_start: after['planned_start'] ?? null,
      planned_end: after['planned_end'] ?? null,
    } satisfies Record<keyof ChangeScheduleItemTable, unknown>);
};

const evolve = (rows: RowAccess, event: RecordedEvent): void => {
  const id = event.streamId;
  const data = dataOf(event);
  const current = rows.get('change_schedule', [id]);
  if (event.type === 'ChangeRequested') {
    const items = data['configurationItems'];
    rows.put('change_schedule', {
      record_id: id,
      change_id: text(data, 'changeId') ?? id,
      change_type: text(data, 'changeType') ?? 'normal',
      title: text(data, 'title') ?? '',
      status: 'New',
      configuration_items: JSON.stringify(Array.isArray(items) ? items.filter((i) => typeof i === 'string') : []),
      planned_start: null,
      planned_end: null,
      authorized: 0,
      position: event.globalPosition,
    } satisfies ChangeScheduleTable);
    return;
  }
  if (current === undefined) return;
  if (event.type === 'ChangeClosed' || event.type === 'ChangeCancelled') {
    replaceItems(rows, current, undefined);
    rows.remove('change_schedule', [id]);
    return;
  }
  let next: Row = { ...current, position: event.globalPosition };
  const status = statusAfter[event.type];
  if (status !== undefined) next = { ...next, status };
  if (event.type === 'ChangeAuthorized') next = { ...next, authorized: 1 };
  if (event.type === 'ChangePlanned' || event.type === 'ChangeScheduled') {
    next = { ...next, planned_start: utc(data['plannedStart']), planned_end: utc(data['plannedEnd']) };
    replaceItems(rows, current, next);
  }
  rows.put('change_schedule', next);
};

/** The change schedule read model as a row projection definition. */
export const changeScheduleDefinition: RowProjectionDefinition = {
  name: 'change_schedule',
  version: 1,
  handles: [
    'ChangeRequested',
    'ChangeAssessmentStarted',
    'ChangePlanned',
    'ChangeAuthorizationRequested',
    'ChangeRejected',
    'ChangeAuthorized',
    'ChangeScheduled',
    'ChangeImplementationStarted',
    'ChangeImplemented',
    'ChangeClosed',
    'ChangeCancelled',
  ],
  tables: [changeTable, itemTable],
  migrations,
  reads: (event) => [{ table: 'change_schedule', key: [event.streamId] }],
  evolve,
};

/** The change schedule projection. */
export const changeScheduleProjection = rowProjection(changeScheduleDefinition);

/** An open change in the schedule. */
export interface ScheduledChange {
  readonly recordId: string;
  readonly changeId: string;
  readonly changeType: string;
  readonly title: string;
  readonly status: string;
  readonly configurationItems: readonly string[];
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly authorized: boolean;
}

const scheduledChangeOf = (row: Record<string, unknown>): ScheduledChange => ({
  recordId: String(row['record_id']),
  changeId: String(row['change_id']),
  changeType: String(row['change_type']),
  title: String(row['title']),
  status: String(row['status']),
  configurationItems: JSON.parse(String(row['configuration_items'])) as string[],
  plannedStart: row['planned_start'] === null ? null : String(row['planned_start']),
  plannedEnd: row['planned_end'] === null ? null : String(row['planned_end']),
  authorized: Number(row['authorized']) === 1,
});

/** Which part of the schedule {@link changeSchedule} returns. */
export interface ChangeScheduleQuery {
  /** Changes whose planned window ends after this instant (ISO). */
  readonly from: string;
  /** Changes whose planned window starts before this instant (ISO). */
  readonly to: string;
  /** Only changes touching this CI. */
  readonly configurationItem?: string;
}

/** The forward schedule of change: planned open changes overlapping `[from, to)`, by planned start. */
export const changeSchedule = async (
  db: Kysely<AnyDatabase>,
  query: ChangeScheduleQuery,
): Promise<ScheduledChange[]> => {
  const from = utc(query.from) ?? query.from;
  const to = utc(query.to) ?? query.to;
  let select = db
    .selectFrom('change_schedule as c')
    .selectAll('c')
    .where('c.planned_start', '<', to)
    .where('c.planned_end', '>', from);
  if (query.configurationItem !== undefined)
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('change_schedule_item as i')
          .select(sql`1`.as('one'))
          .whereRef('i.change_id', '=', 'c.change_id')
          .where('i.configuration_item_id', '=', query.configurationItem ?? ''),
      ),
    );
  const rows = await select.orderBy('c.planned_start').orderBy('c.change_id').execute();
  return rows.map(scheduledChangeOf);
};

/** A change's conflicts as {@link changeScheduleConflicts} found them. */
export interface ChangeScheduleConflicts {
  /** The change as the conflict check saw it. */
  readonly change: PlannedChange;
  /** Per other change and shared CI, the overlap of their planned windows. */
  readonly conflicts: readonly ChangeConflict[];
}

const plannedChangeOf = (change: ScheduledChange): PlannedChange => {
  const candidate = {
    changeId: change.changeId,
    configurationItems: change.configurationItems,
    plannedStart: change.plannedStart,
    plannedEnd: change.plannedEnd,
  };
  // The rows were projected from events the store validated: a row that does not decode is a bug.
  if (!PlannedChange.is(candidate))
    throw new Error(
      `change_schedule row ${change.recordId} is not a planned change: ${validationProblems(PlannedChange, candidate)}`,
    );
  return candidate;
};

/**
 * The conflicts of one open, planned change (by its change id) with the other
 * open changes on the same CIs at overlapping times; `undefined` when the
 * change is not in the schedule or has no planned window yet.
 */
export const changeScheduleConflicts = async (
  db: Kysely<AnyDatabase>,
  changeId: string,
): Promise<ChangeScheduleConflicts | undefined> => {
  const row = await db.selectFrom('change_schedule').selectAll().where('change_id', '=', changeId).executeTakeFirst();
  if (row === undefined) return undefined;
  const scheduled = scheduledChangeOf(row);
  if (scheduled.plannedStart === null || scheduled.plannedEnd === null) return undefined;
  const change = plannedChangeOf(scheduled);
  if (scheduled.configurationItems.length === 0) return { change, conflicts: [] };
  const others = await db
    .selectFrom('change_schedule as c')
    .selectAll('c')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('change_schedule_item as i')
          .select(sql`1`.as('one'))
          .whereRef('i.change_id', '=', 'c.change_id')
          .where('i.configuration_item_id', 'in', scheduled.configurationItems)
          .where('i.planned_start', '<', scheduled.plannedEnd)
          .where('i.planned_end', '>', scheduled.plannedStart),
      ),
    )
    .where('c.change_id', '<>', changeId)
    .orderBy('c.change_id')
    .execute();
  return { change, conflicts: changeConflictsOf(change, others.map(scheduledChangeOf).map(plannedChangeOf)) };
};

/** A change of the forward schedule with its conflicts, as {@link changeScheduleWithConflicts} lists them. */
export interface ScheduledChangeWithConflicts extends ScheduledChange {
  /** Per other open change and shared CI, the overlap of their planned windows (the other change may lie outside the window asked for). */
  readonly conflicts: readonly ChangeConflict[];
}

/**
 * The forward schedule of a window ({@link changeSchedule}) with each change's
 * conflicts, in three queries whatever the number of changes: the window's
 * changes, the schedule items on their CIs, and the changes those items
 * belong to; the domain's `changeConflictsOf` then runs per change in memory.
 * Each change gets the conflicts {@link changeScheduleConflicts} finds for it
 * alone, ordered by the other change's id (compared by code unit).
 */
export const changeScheduleWithConflicts = async (
  db: Kysely<AnyDatabase>,
  query: ChangeScheduleQuery,
): Promise<ScheduledChangeWithConflicts[]> => {
  const changes = await changeSchedule(db, query);
  const planned = changes.map(plannedChangeOf);
  if (planned.length === 0) return [];
  // Another change conflicts only where it shares a CI and overlaps a listed window, so within [earliest start, latest end).
  const earliestStart = planned.reduce(
    (start, change) => (change.plannedStart < start ? change.plannedStart : start),
    planned[0]!.plannedStart,
  );
  const latestEnd = planned.reduce(
    (end, change) => (change.plannedEnd > end ? change.plannedEnd : end),
    planned[0]!.plannedEnd,
  );
  const items = await selectRowsWhereIn<Record<string, unknown>>(db, 'change_schedule_item', 'configuration_item_id', [
    ...new Set(planned.flatMap((change) => change.configurationItems)),
  ]);
  const candidateIds = new Set(
    items
      .filter((item) => String(item['planned_start']) < latestEnd && String(item['planned_end']) > earliestStart)
      .map((item) => String(item['change_id'])),
  );
  const candidates = (
    await selectRowsWhereIn<Record<string, unknown>>(db, 'change_schedule', 'change_id', [...candidateIds])
  )
    .map(scheduledChangeOf)
    .sort((a, b) => (a.changeId < b.changeId ? -1 : a.changeId > b.changeId ? 1 : 0))
    .map(plannedChangeOf);
  return changes.map((change, index) => ({
    ...change,
    conflicts: changeConflictsOf(planned[index]!, candidates),
  }));
};
