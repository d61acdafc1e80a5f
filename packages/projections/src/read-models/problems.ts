/**
 * The problems read model: the problem queue and the known error database
 * (KEDB). One row per problem, open or closed, with its lifecycle status,
 * priority, assignment, root cause, known error and how many incidents and
 * changes are linked to it; one row per known error with its content
 * (symptom, root cause, workaround), status and revision; and one row per
 * CI a known error affects, which is what the service desk asks when an
 * incident arrives on a CI: is there a known error, and what is its
 * workaround?
 *
 * {@link problemQueue} lists the open problems of a group or a person by
 * priority, then age (a resolved problem stays out unless asked for: it may
 * go back to root cause analysis; a closed one never returns).
 * {@link knownErrorsFor} is the KEDB lookup by CI or service. A known error
 * may outlive its problem (the domain accepts updates and retirement after
 * closure), so the KEDB never depends on the problem being open.
 *
 * Limits: the title and service of a known error are its problem's, copied
 * when it is raised (the domain never changes either afterwards). Linked
 * incidents and changes are counted, not listed (the problem's stream holds
 * the set). Events of a problem whose `ProblemLogged` was not projected are
 * ignored, as the domain's own fold ignores them.
 *
 * @module
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { problemStatuses, type ProblemStatus } from '@itsm/domain';
import type { RecordedEvent } from '@itsm/event-store';
import {
  rowProjection,
  type Row,
  type RowAccess,
  type RowProjectionDefinition,
  type RowTable,
} from '../row-projection.js';
import type { SqlValue } from '../sql-statements.js';
import { dataOf, numeric, occurredAt, text, type EventData } from './event-data.js';
import { problemEventTypes } from './event-types.js';
import { withoutRowid } from './table-options.js';
import type { AnyDatabase } from '../projection.js';

/** A row of `problem`: one problem, open or closed. */
export interface ProblemTable {
  /** The problem's stream id (`problem-PRB1`). */
  record_id: string;
  /** The problem's own id (`PRB1`). */
  problem_id: string;
  title: string;
  /** The domain's lifecycle status: `New`, `Assess`, `RootCauseAnalysis`, `FixInProgress`, `Resolved` or `Closed`. */
  status: string;
  /** 1 Critical … 5 Planning, from the priority matrix when the problem was logged. */
  priority: number;
  /** The impact level the problem was logged with. */
  impact: number;
  /** The urgency level the problem was logged with. */
  urgency: number;
  /** The affected service, if one was given. */
  service: string | null;
  /** The group that owns the investigation, null until assigned. */
  assignment_group: string | null;
  /** The person who owns it, null when only a group is assigned. */
  assignee: string | null;
  /** The root cause as last recorded, null until recorded. */
  root_cause: string | null;
  /** `fix-applied` or `risk-accepted` while Resolved (kept when closed from Resolved); cleared by reanalysis. */
  resolution_code: string | null;
  /** `fix-applied`, `risk-accepted`, `duplicate` or `cancelled` once closed. */
  closure_code: string | null;
  /** The id of the problem's known error once raised (it stays when the known error is retired). */
  known_error_id: string | null;
  /** How many incidents are linked to the problem now. */
  linked_incidents: number;
  /** How many changes the problem waits on now. */
  linked_changes: number;
  /** When it was logged. */
  logged_at: string;
  /** When any of its events last happened (its known error's included). */
  updated_at: string;
  /** When it was last resolved; null while not resolved (reanalysis clears it). */
  resolved_at: string | null;
  /** When it was closed, else null. */
  closed_at: string | null;
  /** Global position of the last event applied. */
  position: number;
}

/** A row of `known_error`: one known error (an entry of the KEDB). */
export interface KnownErrorTable {
  /** The known error's own id (`KE1`). */
  known_error_id: string;
  /** The problem it was raised from. */
  problem_id: string;
  /** The problem's stream id (`problem-PRB1`): the known error lives in it. */
  record_id: string;
  /** The problem's title. */
  title: string;
  /** The problem's service, if it has one. */
  service: string | null;
  /** What users and the service desk observe. */
  symptom: string;
  /** The cause, as far as it is known. */
  root_cause: string;
  /** How to restore service until the fix is in place. */
  workaround: string;
  /** The CIs that show the error (JSON array of ids, as given). */
  affected_cis: string;
  /** `active` until retired; a retired known error stays for the record. */
  status: string;
  /** 1 when raised, +1 per update. */
  revision: number;
  /** When it was raised. */
  raised_at: string;
  /** When it was raised, last updated or retired. */
  updated_at: string;
  /** When it was retired, else null. */
  retired_at: string | null;
  /** Global position of the last event applied. */
  position: number;
}

/** A row of `known_error_ci`: a CI a known error affects (rewritten on every raise and update). */
export interface KnownErrorConfigurationItemTable {
  /** The known error. */
  known_error_id: string;
  /** A CI its current content lists as affected. */
  configuration_item_id: string;
}

/** The database interface of the problems read model (logical names). */
export interface ProblemsDatabase {
  problem: ProblemTable;
  known_error: KnownErrorTable;
  known_error_ci: KnownErrorConfigurationItemTable;
}

const problemTable: RowTable = {
  name: 'problem',
  key: ['record_id'],
  columns: [
    'record_id',
    'problem_id',
    'title',
    'status',
    'priority',
    'impact',
    'urgency',
    'service',
    'assignment_group',
    'assignee',
    'root_cause',
    'resolution_code',
    'closure_code',
    'known_error_id',
    'linked_incidents',
    'linked_changes',
    'logged_at',
    'updated_at',
    'resolved_at',
    'closed_at',
    'position',
  ] satisfies (keyof ProblemTable)[],
};
const knownErrorTable: RowTable = {
  name: 'known_error',
  key: ['known_error_id'],
  columns: [
    'known_error_id',
    'problem_id',
    'record_id',
    'title',
    'service',
    'symptom',
    'root_cause',
    'workaround',
    'affected_cis',
    'status',
    'revision',
    'raised_at',
    'updated_at',
    'retired_at',
    'position',
  ] satisfies (keyof KnownErrorTable)[],
};
const knownErrorItemTable: RowTable = {
  name: 'known_error_ci',
  key: ['known_error_id', 'configuration_item_id'],
  columns: ['known_error_id', 'configuration_item_id'] satisfies (keyof KnownErrorConfigurationItemTable)[],
};

const migrations: Record<string, Migration> = {
  '0001_problems': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createTable('problem')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('problem_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('impact', 'integer', (c) => c.notNull())
        .addColumn('urgency', 'integer', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('assignment_group', 'text')
        .addColumn('assignee', 'text')
        .addColumn('root_cause', 'text')
        .addColumn('resolution_code', 'text')
        .addColumn('closure_code', 'text')
        .addColumn('known_error_id', 'text')
        .addColumn('linked_incidents', 'integer', (c) => c.notNull())
        .addColumn('linked_changes', 'integer', (c) => c.notNull())
        .addColumn('logged_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('problem_by_problem_id').on('problem').column('problem_id').execute();
      await db.schema
        .createIndex('problem_by_group')
        .on('problem')
        .columns(['assignment_group', 'status', 'priority', 'logged_at'])
        .execute();
      await db.schema
        .createIndex('problem_by_assignee')
        .on('problem')
        .columns(['assignee', 'status', 'priority', 'logged_at'])
        .execute();
      await db.schema
        .createTable('known_error')
        .addColumn('known_error_id', 'text', (c) => c.primaryKey())
        .addColumn('problem_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('symptom', 'text', (c) => c.notNull())
        .addColumn('root_cause', 'text', (c) => c.notNull())
        .addColumn('workaround', 'text', (c) => c.notNull())
        .addColumn('affected_cis', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('known_error_by_service').on('known_error').columns(['service', 'status']).execute();
      await db.schema
        .createTable('known_error_ci')
        .addColumn('known_error_id', 'text', (c) => c.notNull())
        .addColumn('configuration_item_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('known_error_ci_pk', ['known_error_id', 'configuration_item_id'])
        .$call(withoutRowid(db))
        .execute();
      await db.schema
        .createIndex('known_error_ci_by_item')
        .on('known_error_ci')
        .columns(['configuration_item_id', 'known_error_id'])
        .execute();
    },
  },
};

/** The status each status-changing problem event leads to (the domain's lifecycle names). */
const statusAfter: Readonly<Record<string, ProblemStatus>> = {
  ProblemAssessmentStarted: 'Assess',
  ProblemRootCauseAnalysisStarted: 'RootCauseAnalysis',
  ProblemFixStarted: 'FixInProgress',
  ProblemResolved: 'Resolved',
  ProblemReanalysisStarted: 'RootCauseAnalysis',
  ProblemClosed: 'Closed',
};

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const contentOf = (data: EventData): EventData => {
  const content = data['content'];
  return typeof content === 'object' && content !== null ? (content as EventData) : {};
};

/** A count moved by one, never below zero (links and unlinks pair up in every history the domain decides). */
const counted = (value: SqlValue | undefined, step: 1 | -1): number => Math.max(0, Number(value ?? 0) + step);

/** Replaces the CI rows of a known error by the ones of its current content. */
const replaceItems = (rows: RowAccess, knownErrorId: string, before: Row | undefined, items: readonly string[]) => {
  if (before !== undefined)
    for (const item of JSON.parse(String(before['affected_cis'])) as string[])
      rows.remove('known_error_ci', [knownErrorId, item]);
  // A CI listed twice is one row: rows are keyed by (known error, CI).
  for (const item of items)
    rows.put('known_error_ci', {
      known_error_id: knownErrorId,
      configuration_item_id: item,
    } satisfies KnownErrorConfigurationItemTable);
};

/** Applies a known error event to the KEDB rows; the problem row is `problem` (it exists). */
const evolveKnownError = (rows: RowAccess, event: RecordedEvent, problem: Row, at: string): void => {
  const data = dataOf(event);
  const knownErrorId = text(data, 'knownErrorId');
  if (knownErrorId === null) return;
  const current = rows.get('known_error', [knownErrorId]);
  if (event.type === 'KnownErrorRaised' || event.type === 'KnownErrorUpdated') {
    const content = contentOf(data);
    const items = stringsOf(content['affectedCis']);
    if (event.type === 'KnownErrorUpdated' && current === undefined) return;
    const base = {
      symptom: text(content, 'symptom') ?? '',
      root_cause: text(content, 'rootCause') ?? '',
      workaround: text(content, 'workaround') ?? '',
      affected_cis: JSON.stringify(items),
      updated_at: at,
      position: event.globalPosition,
    };
    rows.put(
      'known_error',
      event.type === 'KnownErrorUpdated' && current !== undefined
        ? { ...current, ...base, revision: Number(current['revision']) + 1 }
        : ({
            known_error_id: knownErrorId,
            problem_id: String(problem['problem_id']),
            record_id: event.streamId,
            title: String(problem['title']),
            service: problem['service'] === null ? null : String(problem['service']),
            ...base,
            status: 'active',
            revision: 1,
            raised_at: at,
            retired_at: null,
          } satisfies KnownErrorTable),
    );
    replaceItems(rows, knownErrorId, current, items);
    return;
  }
  if (event.type === 'KnownErrorRetired' && current !== undefined)
    rows.put('known_error', {
      ...current,
      status: 'retired',
      retired_at: at,
      updated_at: at,
      position: event.globalPosition,
    });
};

const evolve = (rows: RowAccess, event: RecordedEvent): void => {
  const id = event.streamId;
  const data = dataOf(event);
  const at = occurredAt(event);
  if (event.type === 'ProblemLogged') {
    rows.put('problem', {
      record_id: id,
      problem_id: text(data, 'problemId') ?? id,
      title: text(data, 'title') ?? '',
      status: 'New',
      priority: numeric(data, 'priority') ?? 0,
      impact: numeric(data, 'impact') ?? 0,
      urgency: numeric(data, 'urgency') ?? 0,
      service: text(data, 'serviceId'),
      assignment_group: null,
      assignee: null,
      root_cause: null,
      resolution_code: null,
      closure_code: null,
      known_error_id: null,
      linked_incidents: 0,
      linked_changes: 0,
      logged_at: at,
      updated_at: at,
      resolved_at: null,
      closed_at: null,
      position: event.globalPosition,
    } satisfies ProblemTable);
    return;
  }
  const current = rows.get('problem', [id]);
  // Events other than ProblemLogged only ever follow it; an orphan is ignored rather than invented.
  if (current === undefined) return;
  const changes: Partial<Record<keyof ProblemTable, SqlValue>> = {};
  const status = statusAfter[event.type];
  if (status !== undefined) changes.status = status;
  switch (event.type) {
    case 'ProblemAssigned':
      changes.assignment_group = text(data, 'assignmentGroup');
      changes.assignee = text(data, 'assignee');
      break;
    case 'ProblemRootCauseRecorded':
      changes.root_cause = text(data, 'rootCause');
      break;
    case 'ProblemResolved':
      changes.resolution_code = text(data, 'resolutionCode');
      changes.resolved_at = at;
      break;
    case 'ProblemReanalysisStarted':
      changes.resolution_code = null;
      changes.resolved_at = null;
      break;
    case 'ProblemClosed':
      changes.closure_code = text(data, 'closureCode');
      changes.closed_at = at;
      break;
    case 'ProblemIncidentLinked':
    case 'ProblemIncidentUnlinked':
      changes.linked_incidents = counted(current['linked_incidents'], event.type === 'ProblemIncidentLinked' ? 1 : -1);
      break;
    case 'ProblemChangeLinked':
    case 'ProblemChangeUnlinked':
      changes.linked_changes = counted(current['linked_changes'], event.type === 'ProblemChangeLinked' ? 1 : -1);
      break;
    case 'KnownErrorRaised':
      changes.known_error_id = text(data, 'knownErrorId');
      evolveKnownError(rows, event, current, at);
      break;
    case 'KnownErrorUpdated':
    case 'KnownErrorRetired':
      evolveKnownError(rows, event, current, at);
      break;
  }
  rows.put('problem', { ...current, ...changes, updated_at: at, position: event.globalPosition });
};

/** Reads the problem's row, and its known error's for the known error events. */
const reads: RowProjectionDefinition['reads'] = (event) => {
  const problem = { table: 'problem', key: [event.streamId] };
  if (event.type !== 'KnownErrorRaised' && event.type !== 'KnownErrorUpdated' && event.type !== 'KnownErrorRetired')
    return [problem];
  return [problem, { table: 'known_error', key: [text(dataOf(event), 'knownErrorId')] }];
};

/** The problems read model (problem queue and KEDB) as a row projection definition. */
export const problemsDefinition: RowProjectionDefinition = {
  name: 'problems',
  version: 1,
  handles: problemEventTypes,
  tables: [problemTable, knownErrorTable, knownErrorItemTable],
  migrations,
  reads,
  evolve,
};

/** The problems projection. */
export const problemsProjection = rowProjection(problemsDefinition);

/** A problem as the queries return it. */
export interface ProblemEntry {
  readonly recordId: string;
  readonly problemId: string;
  readonly title: string;
  readonly status: ProblemStatus;
  /** 1 Critical … 5 Planning. */
  readonly priority: number;
  readonly impact: number;
  readonly urgency: number;
  readonly service: string | null;
  readonly assignmentGroup: string | null;
  readonly assignee: string | null;
  readonly rootCause: string | null;
  readonly resolutionCode: string | null;
  readonly closureCode: string | null;
  /** Its known error's id once raised (active or retired), else null. */
  readonly knownErrorId: string | null;
  /** How many incidents are linked to it now. */
  readonly linkedIncidents: number;
  /** How many changes it waits on now. */
  readonly linkedChanges: number;
  readonly loggedAt: string;
  readonly updatedAt: string;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
}

const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const problemStatusOf = (row: Record<string, unknown>): ProblemStatus => {
  const status = problemStatuses.find((candidate) => candidate === row['status']);
  // The rows were projected from the domain's events: another status is a bug.
  if (status === undefined)
    throw new Error(`problem row ${String(row['record_id'])} has status ${String(row['status'])}`);
  return status;
};

const problemEntryOf = (row: Record<string, unknown>): ProblemEntry => ({
  recordId: String(row['record_id']),
  problemId: String(row['problem_id']),
  title: String(row['title']),
  status: problemStatusOf(row),
  priority: Number(row['priority']),
  impact: Number(row['impact']),
  urgency: Number(row['urgency']),
  service: textOrNull(row['service']),
  assignmentGroup: textOrNull(row['assignment_group']),
  assignee: textOrNull(row['assignee']),
  rootCause: textOrNull(row['root_cause']),
  resolutionCode: textOrNull(row['resolution_code']),
  closureCode: textOrNull(row['closure_code']),
  knownErrorId: textOrNull(row['known_error_id']),
  linkedIncidents: Number(row['linked_incidents']),
  linkedChanges: Number(row['linked_changes']),
  loggedAt: String(row['logged_at']),
  updatedAt: String(row['updated_at']),
  resolvedAt: textOrNull(row['resolved_at']),
  closedAt: textOrNull(row['closed_at']),
});

/** Which problems {@link problemQueue} returns. */
export interface ProblemQueueQuery {
  /** Only the problems of this assignment group; `null` for the problems no group owns yet. */
  readonly assignmentGroup?: string | null;
  /** Only the problems assigned to this person. */
  readonly assignee?: string;
  /** Include resolved problems (default false); closed problems are never in the queue. */
  readonly includeResolved?: boolean;
  /** At most this many (default 100). */
  readonly limit?: number;
}

/**
 * The problem queue: open problems (not closed; not resolved unless asked),
 * optionally of one assignment group or one assignee, by priority (1 first),
 * then age (oldest first), then problem id.
 */
export const problemQueue = async (db: Kysely<AnyDatabase>, query: ProblemQueueQuery = {}): Promise<ProblemEntry[]> => {
  const excluded = query.includeResolved === true ? ['Closed'] : ['Closed', 'Resolved'];
  let select = db.selectFrom('problem').selectAll().where('status', 'not in', excluded);
  if (query.assignmentGroup === null) select = select.where('assignment_group', 'is', null);
  else if (query.assignmentGroup !== undefined) select = select.where('assignment_group', '=', query.assignmentGroup);
  if (query.assignee !== undefined) select = select.where('assignee', '=', query.assignee);
  const rows = await select
    .orderBy('priority')
    .orderBy('logged_at')
    .orderBy('problem_id')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(problemEntryOf);
};

/** A problem by its id (`PRB1`), open or closed, or `undefined` when none was logged. */
export const problemById = async (db: Kysely<AnyDatabase>, problemId: string): Promise<ProblemEntry | undefined> => {
  const row = await db
    .selectFrom('problem')
    .selectAll()
    .where('problem_id', '=', problemId)
    .orderBy('record_id')
    .executeTakeFirst();
  return row === undefined ? undefined : problemEntryOf(row);
};

/** A known error as the KEDB lookup returns it. */
export interface KnownErrorEntry {
  readonly knownErrorId: string;
  readonly problemId: string;
  readonly recordId: string;
  /** The problem's title. */
  readonly title: string;
  /** The problem's service, if it has one. */
  readonly service: string | null;
  readonly symptom: string;
  readonly rootCause: string;
  readonly workaround: string;
  /** The CIs that show the error, as the known error lists them. */
  readonly affectedCis: readonly string[];
  readonly status: 'active' | 'retired';
  /** 1 when raised, +1 per update. */
  readonly revision: number;
  readonly raisedAt: string;
  readonly updatedAt: string;
  readonly retiredAt: string | null;
}

const knownErrorEntryOf = (row: Record<string, unknown>): KnownErrorEntry => {
  const status = row['status'];
  // The rows were projected from the domain's events: another status is a bug.
  if (status !== 'active' && status !== 'retired')
    throw new Error(`known_error row ${String(row['known_error_id'])} has status ${String(status)}`);
  return {
    knownErrorId: String(row['known_error_id']),
    problemId: String(row['problem_id']),
    recordId: String(row['record_id']),
    title: String(row['title']),
    service: textOrNull(row['service']),
    symptom: String(row['symptom']),
    rootCause: String(row['root_cause']),
    workaround: String(row['workaround']),
    affectedCis: JSON.parse(String(row['affected_cis'])) as string[],
    status,
    revision: Number(row['revision']),
    raisedAt: String(row['raised_at']),
    updatedAt: String(row['updated_at']),
    retiredAt: textOrNull(row['retired_at']),
  };
};

/** Which known errors {@link knownErrorsFor} returns. */
export interface KnownErrorQuery {
  /** Only known errors whose affected CIs include this CI. */
  readonly configurationItem?: string;
  /** Only known errors of problems on this service. */
  readonly service?: string;
  /** Include retired known errors (default false). */
  readonly includeRetired?: boolean;
}

/**
 * The KEDB lookup: the active known errors (retired ones too when asked)
 * affecting a CI and/or raised on problems of a service, each with its
 * workaround; active first, then most recently updated, then by id. With
 * neither filter, the whole KEDB.
 */
export const knownErrorsFor = async (
  db: Kysely<AnyDatabase>,
  query: KnownErrorQuery = {},
): Promise<KnownErrorEntry[]> => {
  let select = db.selectFrom('known_error as k').selectAll('k');
  if (query.includeRetired !== true) select = select.where('k.status', '=', 'active');
  if (query.service !== undefined) select = select.where('k.service', '=', query.service);
  const item = query.configurationItem;
  if (item !== undefined)
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('known_error_ci as i')
          .select(sql`1`.as('one'))
          .whereRef('i.known_error_id', '=', 'k.known_error_id')
          .where('i.configuration_item_id', '=', item),
      ),
    );
  const rows = await select.orderBy('k.status').orderBy('k.updated_at', 'desc').orderBy('k.known_error_id').execute();
  return rows.map(knownErrorEntryOf);
};
