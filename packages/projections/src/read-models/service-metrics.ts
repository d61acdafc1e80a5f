/**
 * The service-metrics read model: one fact row per incident and per change,
 * and one row per knowledge article used to resolve an incident, from which
 * the queries compute, per service, assignment group and month:
 *
 * - MTTA: mean time from logging to acknowledgement (first agent
 *   assignment or work started);
 * - MTTR: mean time from logging to the (last) resolution, wall-clock and
 *   business time (the calendar of the SLA policy attached to the incident,
 *   through a {@link BusinessClockFactory}; null without one);
 * - first-contact resolution: resolved by the first group it was assigned
 *   to (or none), without escalation and never reopened;
 * - reopen rate: resolved incidents reopened at least once;
 * - backlog aging: incidents open at an instant, by age bucket;
 * - change success rate and % emergency changes (closed changes, by month);
 * - knowledge use: articles linked to resolutions.
 *
 * SLA compliance lives in the SLA read model (`slaCompliance`).
 *
 * Limits: a month is a UTC calendar month; an incident counts in the month
 * of its last resolution. Changes carry no service, so change metrics are
 * by change type and month.
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
import { dataOf, epochOf, numeric, occurredAt, periodOf, text } from './event-data.js';
import { changeEventTypes } from './event-types.js';
import type { BusinessClock, BusinessClockFactory } from './sla.js';
import type { AnyDatabase } from '../projection.js';

/** A row of `incident_fact`: the measures of one incident. */
export interface IncidentFactTable {
  record_id: string;
  service: string | null;
  /** The current (or last) assignment group. */
  assignment_group: string | null;
  priority: number | null;
  channel: string | null;
  /** `open`, `resolved`, `closed` or `cancelled`. */
  state: string;
  opened_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  reopen_count: number;
  /** How many times it was assigned to a group (the first included). */
  group_assignments: number;
  escalated: number;
  /** 1/0 once resolved (see the module doc), null while open. */
  first_contact: number | null;
  time_to_acknowledge_ms: number | null;
  time_to_resolve_ms: number | null;
  business_time_to_resolve_ms: number | null;
  knowledge_article: string | null;
  /** `YYYY-MM` of the last resolution. */
  resolved_period: string | null;
  /** The SLA policy's calendar definition (JSON), when one is attached. */
  calendar: string | null;
}

/** A row of `change_fact`: one change. */
export interface ChangeFactTable {
  record_id: string;
  /** `standard`, `normal` or `emergency`. */
  change_type: string | null;
  /** `open`, `closed` or `cancelled`. */
  state: string;
  opened_at: string;
  closed_at: string | null;
  /** `successful`, `failed` or `backed-out` once implemented/closed. */
  outcome: string | null;
  /** `YYYY-MM` of closure. */
  closed_period: string | null;
}

/** A row of `knowledge_use`: an article linked to an incident's resolution. */
export interface KnowledgeUseTable {
  article_id: string;
  record_id: string;
  service: string | null;
  used_at: string;
  period: string;
}

/** The database interface of the metrics read model (logical names). */
export interface ServiceMetricsDatabase {
  incident_fact: IncidentFactTable;
  change_fact: ChangeFactTable;
  knowledge_use: KnowledgeUseTable;
}

const incidentTable: RowTable = {
  name: 'incident_fact',
  key: ['record_id'],
  columns: [
    'record_id',
    'service',
    'assignment_group',
    'priority',
    'channel',
    'state',
    'opened_at',
    'acknowledged_at',
    'resolved_at',
    'closed_at',
    'reopen_count',
    'group_assignments',
    'escalated',
    'first_contact',
    'time_to_acknowledge_ms',
    'time_to_resolve_ms',
    'business_time_to_resolve_ms',
    'knowledge_article',
    'resolved_period',
    'calendar',
  ],
};
const changeTable: RowTable = {
  name: 'change_fact',
  key: ['record_id'],
  columns: ['record_id', 'change_type', 'state', 'opened_at', 'closed_at', 'outcome', 'closed_period'],
};
const knowledgeTable: RowTable = {
  name: 'knowledge_use',
  key: ['article_id', 'record_id'],
  columns: ['article_id', 'record_id', 'service', 'used_at', 'period'],
};

const migrations: Record<string, Migration> = {
  '0001_service_metrics': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createTable('incident_fact')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('service', 'text')
        .addColumn('assignment_group', 'text')
        .addColumn('priority', 'integer')
        .addColumn('channel', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('reopen_count', 'integer', (c) => c.notNull())
        .addColumn('group_assignments', 'integer', (c) => c.notNull())
        .addColumn('escalated', 'integer', (c) => c.notNull())
        .addColumn('first_contact', 'integer')
        .addColumn('time_to_acknowledge_ms', 'double precision')
        .addColumn('time_to_resolve_ms', 'double precision')
        .addColumn('business_time_to_resolve_ms', 'double precision')
        .addColumn('knowledge_article', 'text')
        .addColumn('resolved_period', 'text')
        .addColumn('calendar', 'text')
        .execute();
      await db.schema
        .createIndex('incident_fact_by_period')
        .on('incident_fact')
        .columns(['resolved_period', 'service'])
        .execute();
      await db.schema.createIndex('incident_fact_open').on('incident_fact').columns(['state', 'opened_at']).execute();
      await db.schema
        .createTable('change_fact')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('change_type', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('outcome', 'text')
        .addColumn('closed_period', 'text')
        .execute();
      await db.schema
        .createTable('knowledge_use')
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('used_at', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('knowledge_use_pk', ['article_id', 'record_id'])
        .execute();
    },
  },
};

/** Builds the metrics definition with a business-clock factory (for business-time MTTR). */
export const serviceMetricsDefinitionWith = (clockFactory: BusinessClockFactory): RowProjectionDefinition => {
  const clockCache = new Map<string, BusinessClock>();
  const businessClock = (calendar: unknown): BusinessClock | undefined => {
    if (typeof calendar !== 'string') return undefined;
    let clock = clockCache.get(calendar);
    if (clock === undefined) {
      // No business calendar from the factory: business time is unknown (null), not wall time.
      const made = clockFactory(JSON.parse(calendar));
      if (made === undefined) return undefined;
      clock = made;
      if (clockCache.size > 1000) clockCache.clear();
      clockCache.set(calendar, clock);
    }
    return clock;
  };
  const evolve = (rows: RowAccess, event: RecordedEvent): void => {
    const id = event.streamId;
    const data = dataOf(event);
    const at = occurredAt(event);
    if (event.type.startsWith('Change')) return evolveChange(rows, event, id, data, at);
    const fact = rows.get('incident_fact', [id]);
    const put = (changes: Partial<Record<keyof IncidentFactTable, string | number | null>>) => {
      if (fact !== undefined) rows.put('incident_fact', { ...fact, ...changes });
    };
    const sinceOpened = (row: Row) => {
      const opened = epochOf(row['opened_at']);
      const now = epochOf(at);
      return opened === null || now === null ? null : now - opened;
    };
    const acknowledge = () => {
      if (fact === undefined || fact['acknowledged_at'] !== null) return {};
      return { acknowledged_at: at, time_to_acknowledge_ms: sinceOpened(fact) };
    };
    switch (event.type) {
      case 'IncidentLogged':
        rows.put('incident_fact', {
          record_id: id,
          service: text(data, 'service'),
          assignment_group: null,
          priority: numeric(data, 'priority'),
          channel: text(data, 'channel'),
          state: 'open',
          opened_at: at,
          acknowledged_at: null,
          resolved_at: null,
          closed_at: null,
          reopen_count: 0,
          group_assignments: 0,
          escalated: 0,
          first_contact: null,
          time_to_acknowledge_ms: null,
          time_to_resolve_ms: null,
          business_time_to_resolve_ms: null,
          knowledge_article: null,
          resolved_period: null,
          calendar: null,
        } satisfies IncidentFactTable);
        return;
      case 'SlaAttached': {
        const policy = data['policy'];
        const calendar =
          typeof policy === 'object' && policy !== null ? (policy as Record<string, unknown>)['calendar'] : undefined;
        if (calendar !== undefined) put({ calendar: JSON.stringify(calendar) });
        return;
      }
      case 'IncidentPriorityChanged':
        return put({ priority: numeric(data, 'priority') });
      case 'IncidentAssignedToGroup': {
        if (fact === undefined) return;
        const group = text(data, 'group');
        const changed = group !== fact['assignment_group'];
        return put({
          assignment_group: group,
          group_assignments: Number(fact['group_assignments']) + (changed ? 1 : 0),
        });
      }
      case 'IncidentAssignedToAgent': {
        if (fact === undefined) return;
        const group = text(data, 'group');
        const changed = group !== fact['assignment_group'];
        return put({
          assignment_group: group,
          group_assignments: Number(fact['group_assignments']) + (changed ? 1 : 0),
          ...acknowledge(),
        });
      }
      case 'IncidentWorkStarted':
        return put(acknowledge());
      case 'IncidentEscalated': {
        if (fact === undefined) return;
        const group = text(data, 'toGroup');
        const changed = group !== null && group !== fact['assignment_group'];
        return put({
          escalated: 1,
          ...(changed ? { assignment_group: group, group_assignments: Number(fact['group_assignments']) + 1 } : {}),
        });
      }
      case 'IncidentResolved': {
        if (fact === undefined) return;
        const opened = epochOf(fact['opened_at']);
        const resolved = epochOf(at);
        const clock = businessClock(fact['calendar']);
        const article = text(data, 'knowledgeArticle');
        if (article !== null)
          rows.put('knowledge_use', {
            article_id: article,
            record_id: id,
            service: fact['service'] ?? null,
            used_at: at,
            period: periodOf(at) ?? '',
          });
        return put({
          state: 'resolved',
          resolved_at: at,
          resolved_period: periodOf(at),
          time_to_resolve_ms: sinceOpened(fact),
          business_time_to_resolve_ms:
            clock === undefined || opened === null || resolved === null ? null : clock.between(opened, resolved),
          first_contact:
            Number(fact['group_assignments']) <= 1 && fact['escalated'] === 0 && Number(fact['reopen_count']) === 0
              ? 1
              : 0,
          knowledge_article: article ?? fact['knowledge_article'] ?? null,
        });
      }
      case 'IncidentReopened':
        return put({
          state: 'open',
          reopen_count: numeric(data, 'reopenCount') ?? Number(fact?.['reopen_count'] ?? 0) + 1,
          first_contact: 0,
        });
      case 'IncidentClosed':
        return put({ state: 'closed', closed_at: at });
      case 'IncidentCancelled':
        return put({ state: 'cancelled', closed_at: at });
      default:
        return;
    }
  };
  const evolveChange = (
    rows: RowAccess,
    event: RecordedEvent,
    id: string,
    data: Readonly<Record<string, unknown>>,
    at: string,
  ): void => {
    const fact = rows.get('change_fact', [id]);
    if (event.type === 'ChangeRequested') {
      rows.put('change_fact', {
        record_id: id,
        change_type: text(data, 'changeType'),
        state: 'open',
        opened_at: at,
        closed_at: null,
        outcome: null,
        closed_period: null,
      } satisfies ChangeFactTable);
      return;
    }
    if (fact === undefined) return;
    if (event.type === 'ChangeImplemented') rows.put('change_fact', { ...fact, outcome: text(data, 'outcome') });
    else if (event.type === 'ChangeClosed')
      rows.put('change_fact', {
        ...fact,
        state: 'closed',
        closed_at: at,
        closed_period: periodOf(at),
        outcome: text(data, 'outcome') ?? fact['outcome'] ?? null,
      });
    else if (event.type === 'ChangeCancelled')
      rows.put('change_fact', { ...fact, state: 'cancelled', closed_at: at, closed_period: periodOf(at) });
  };
  return {
    name: 'service_metrics',
    version: 1,
    handles: [
      'IncidentLogged',
      'SlaAttached',
      'IncidentPriorityChanged',
      'IncidentAssignedToGroup',
      'IncidentAssignedToAgent',
      'IncidentWorkStarted',
      'IncidentEscalated',
      'IncidentResolved',
      'IncidentReopened',
      'IncidentClosed',
      'IncidentCancelled',
      ...changeEventTypes.filter((type) =>
        ['ChangeRequested', 'ChangeImplemented', 'ChangeClosed', 'ChangeCancelled'].includes(type),
      ),
    ],
    tables: [incidentTable, changeTable, knowledgeTable],
    migrations,
    reads: (event) =>
      event.type.startsWith('Change')
        ? [{ table: 'change_fact', key: [event.streamId] }]
        : [{ table: 'incident_fact', key: [event.streamId] }],
    evolve,
  };
};

/** The metrics definition on wall-clock time only (business-time MTTR null). */
export const serviceMetricsDefinition: RowProjectionDefinition = serviceMetricsDefinitionWith(() => undefined);

/** The service-metrics projection (see {@link serviceMetricsProjectionWith} for business time). */
export const serviceMetricsProjection = rowProjection(serviceMetricsDefinition);

/** The service-metrics projection with business calendars for business-time MTTR. */
export const serviceMetricsProjectionWith = (clockFactory: BusinessClockFactory) =>
  rowProjection(serviceMetricsDefinitionWith(clockFactory));

/** The dimensions incident metrics can be grouped by. */
export type MetricDimension = 'service' | 'group' | 'priority' | 'period';

/** Incident metrics of one combination of the requested dimensions. */
export interface IncidentMetricsRow {
  service?: string | null;
  group?: string | null;
  priority?: number | null;
  /** `YYYY-MM` of resolution. */
  period?: string | null;
  resolved: number;
  mtta_ms: number | null;
  mttr_ms: number | null;
  mttr_business_ms: number | null;
  first_contact_resolution_percent: number | null;
  reopen_rate_percent: number | null;
}

const dimensionColumn: Record<MetricDimension, string> = {
  service: 'service',
  group: 'assignment_group',
  priority: 'priority',
  period: 'resolved_period',
};

/** MTTA, MTTR (wall and business), first-contact resolution and reopen rate of resolved incidents, grouped. */
export const incidentMetrics = async (
  db: Kysely<AnyDatabase>,
  query: { readonly by: readonly MetricDimension[]; readonly fromPeriod?: string; readonly toPeriod?: string },
): Promise<IncidentMetricsRow[]> => {
  let select = db
    .selectFrom('incident_fact')
    .select([
      sql<number>`count(*)`.as('resolved'),
      sql<number | null>`avg(time_to_acknowledge_ms)`.as('mtta_ms'),
      sql<number | null>`avg(time_to_resolve_ms)`.as('mttr_ms'),
      sql<number | null>`avg(business_time_to_resolve_ms)`.as('mttr_business_ms'),
      sql<number | null>`avg(first_contact) * 100.0`.as('first_contact_resolution_percent'),
      sql<number | null>`avg(case when reopen_count > 0 then 1.0 else 0.0 end) * 100.0`.as('reopen_rate_percent'),
    ])
    .where('resolved_at', 'is not', null)
    .where('state', '<>', 'cancelled');
  for (const dimension of query.by) select = select.select(sql.ref(dimensionColumn[dimension]).as(dimension));
  if (query.fromPeriod !== undefined) select = select.where('resolved_period', '>=', query.fromPeriod);
  if (query.toPeriod !== undefined) select = select.where('resolved_period', '<=', query.toPeriod);
  if (query.by.length > 0) select = select.groupBy(query.by.map((d) => dimensionColumn[d]));
  // NULLs first on both dialects (PostgreSQL sorts them last by default).
  for (const dimension of query.by)
    select = select
      .orderBy(sql`${sql.ref(dimensionColumn[dimension])} is null`, 'desc')
      .orderBy(sql.ref(dimensionColumn[dimension]));
  const rows = await select.execute();
  const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return rows.map((row) => {
    const out: IncidentMetricsRow = {
      resolved: Number(row['resolved']),
      mtta_ms: num(row['mtta_ms']),
      mttr_ms: num(row['mttr_ms']),
      mttr_business_ms: num(row['mttr_business_ms']),
      first_contact_resolution_percent: num(row['first_contact_resolution_percent']),
      reopen_rate_percent: num(row['reopen_rate_percent']),
    };
    for (const dimension of query.by) {
      const value = (row as Record<string, unknown>)[dimension];
      if (dimension === 'priority') out.priority = num(value);
      else out[dimension] = (value ?? null) as string | null;
    }
    return out;
  });
};

/** Open incidents at an instant by age: how many in each bucket, per service or group. */
export interface BacklogAgingRow {
  key: string | null;
  under_1_day: number;
  from_1_to_3_days: number;
  from_3_to_7_days: number;
  from_7_to_30_days: number;
  over_30_days: number;
  total: number;
}

/**
 * Backlog aging at `asOf`: incidents logged by then and not resolved,
 * closed or cancelled by then (as far as their last resolution tells),
 * bucketed by age, per service or assignment group.
 */
export const backlogAging = async (
  db: Kysely<AnyDatabase>,
  query: { readonly asOf: Date; readonly by: 'service' | 'group' },
): Promise<BacklogAgingRow[]> => {
  const asOf = query.asOf.toISOString();
  const daysAgo = (days: number) => new Date(query.asOf.getTime() - days * 86_400_000).toISOString();
  const column = query.by === 'service' ? 'service' : 'assignment_group';
  const bucket = (newer: string | null, older: string | null) =>
    sql<number>`sum(case when ${newer === null ? sql`1=1` : sql`opened_at <= ${newer}`} and ${older === null ? sql`1=1` : sql`opened_at > ${older}`} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('incident_fact')
    .select([
      sql.ref(column).as('key'),
      bucket(null, daysAgo(1)).as('under_1_day'),
      bucket(daysAgo(1), daysAgo(3)).as('from_1_to_3_days'),
      bucket(daysAgo(3), daysAgo(7)).as('from_3_to_7_days'),
      bucket(daysAgo(7), daysAgo(30)).as('from_7_to_30_days'),
      bucket(daysAgo(30), null).as('over_30_days'),
      sql<number>`count(*)`.as('total'),
    ])
    .where('opened_at', '<=', asOf)
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>', asOf)]))
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', asOf)]))
    .groupBy(column)
    .orderBy(sql`${sql.ref(column)} is null`, 'desc')
    .orderBy(column)
    .execute();
  return rows.map((row) => ({
    key: (row['key'] ?? null) as string | null,
    under_1_day: Number(row['under_1_day']),
    from_1_to_3_days: Number(row['from_1_to_3_days']),
    from_3_to_7_days: Number(row['from_3_to_7_days']),
    from_7_to_30_days: Number(row['from_7_to_30_days']),
    over_30_days: Number(row['over_30_days']),
    total: Number(row['total']),
  }));
};

/** Change metrics of one month of closure. */
export interface ChangeMetricsRow {
  period: string;
  closed: number;
  successful: number;
  failed: number;
  backed_out: number;
  /** successful / closed-with-an-outcome × 100. */
  success_rate_percent: number | null;
  emergency: number;
  /** emergency / closed × 100. */
  emergency_percent: number | null;
}

/** Change success rate and share of emergency changes per month of closure. */
export const changeMetrics = async (
  db: Kysely<AnyDatabase>,
  query: { readonly fromPeriod?: string; readonly toPeriod?: string } = {},
): Promise<ChangeMetricsRow[]> => {
  let select = db
    .selectFrom('change_fact')
    .select([
      'closed_period',
      sql<number>`count(*)`.as('closed'),
      sql<number>`sum(case when outcome = 'successful' then 1 else 0 end)`.as('successful'),
      sql<number>`sum(case when outcome = 'failed' then 1 else 0 end)`.as('failed'),
      sql<number>`sum(case when outcome = 'backed-out' then 1 else 0 end)`.as('backed_out'),
      sql<number>`sum(case when change_type = 'emergency' then 1 else 0 end)`.as('emergency'),
    ])
    .where('state', '=', 'closed');
  if (query.fromPeriod !== undefined) select = select.where('closed_period', '>=', query.fromPeriod);
  if (query.toPeriod !== undefined) select = select.where('closed_period', '<=', query.toPeriod);
  const rows = await select.groupBy('closed_period').orderBy('closed_period').execute();
  return rows.map((row) => {
    const closed = Number(row.closed);
    const successful = Number(row.successful);
    const withOutcome = successful + Number(row.failed) + Number(row.backed_out);
    return {
      period: String(row.closed_period),
      closed,
      successful,
      failed: Number(row.failed),
      backed_out: Number(row.backed_out),
      success_rate_percent: withOutcome === 0 ? null : (successful * 100) / withOutcome,
      emergency: Number(row.emergency),
      emergency_percent: closed === 0 ? null : (Number(row.emergency) * 100) / closed,
    };
  });
};

/** How often each knowledge article resolved incidents, per service and month. */
export const knowledgeUse = async (
  db: Kysely<AnyDatabase>,
  query: { readonly fromPeriod?: string; readonly toPeriod?: string } = {},
): Promise<{ article_id: string; service: string | null; period: string; uses: number }[]> => {
  let select = db
    .selectFrom('knowledge_use')
    .select(['article_id', 'service', 'period', sql<number>`count(*)`.as('uses')]);
  if (query.fromPeriod !== undefined) select = select.where('period', '>=', query.fromPeriod);
  if (query.toPeriod !== undefined) select = select.where('period', '<=', query.toPeriod);
  const rows = await select
    .groupBy(['article_id', 'service', 'period'])
    .orderBy('article_id')
    .orderBy(sql`service is null`, 'desc')
    .orderBy('service')
    .orderBy('period')
    .execute();
  return rows.map((row) => ({
    article_id: String(row.article_id),
    service: (row.service ?? null) as string | null,
    period: String(row.period),
    uses: Number(row.uses),
  }));
};
