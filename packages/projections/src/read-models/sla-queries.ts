/**
 * The queries of the SLA read model: targets at risk, breached targets,
 * compliance per service, priority, target kind and month, and OLA
 * compliance per assignment group and month. They read the `sla_target`
 * view, so they answer the same on SQLite and PostgreSQL.
 *
 * Compliance counts the targets with an outcome of `met` or `breached`
 * (cancelled, stopped and superseded targets are not counted), in the month
 * the outcome counts in; each update interval and each group's OLA counts
 * once.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely';
import type { SlaTargetKind } from '@itsm/domain';
import type { AnyDatabase } from '../projection.js';
import type { SlaTargetTable } from './sla-tables.js';

const numbers = (row: Record<string, unknown>): SlaTargetTable => ({
  ...(row as unknown as SlaTargetTable),
  priority: row['priority'] === null ? null : Number(row['priority']),
  target_minutes: Number(row['target_minutes']),
  elapsed_ms: Number(row['elapsed_ms']),
  cycle: Number(row['cycle']),
  breached: Number(row['breached']),
  position: Number(row['position']),
});

const percentOf = (met: number, breached: number): number | null =>
  met + breached === 0 ? null : (met * 100) / (met + breached);

/** Orders kinds as an agreement lists them: time to own, time to resolve, update interval, OLA. */
const kindOrder = sql`case kind when 'time-to-own' then 1 when 'time-to-resolve' then 2 when 'update-interval' then 3 else 4 end`;

/**
 * SLA and OLA targets that will cross a warning threshold (or fall due)
 * before `now + withinMs` and are not breached, soonest first; optionally
 * only of one service or one kind of target.
 */
export const slaAtRisk = async (
  db: Kysely<AnyDatabase>,
  query: {
    readonly now: Date;
    readonly withinMs: number;
    readonly service?: string;
    readonly kind?: SlaTargetKind;
    readonly limit?: number;
  },
): Promise<SlaTargetTable[]> => {
  const horizon = new Date(query.now.getTime() + query.withinMs).toISOString();
  let select = db
    .selectFrom('sla_target')
    .selectAll()
    .where('state', '=', 'running')
    .where('breached', '=', 0)
    .where((eb) => eb.or([eb('next_warning_at', '<=', horizon), eb('due_at', '<=', horizon)]));
  if (query.service !== undefined) select = select.where('service', '=', query.service);
  if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
  const rows = await select
    .orderBy(sql`coalesce(next_warning_at, due_at)`)
    .orderBy('record_id')
    .orderBy('target')
    .limit(query.limit ?? 1000)
    .execute();
  return rows.map(numbers);
};

/**
 * Breached SLA and OLA targets, latest breach first; optionally only those
 * still open (not stopped), of one service, one target id, one kind of
 * target or one assignment group's OLA.
 */
export const slaBreaches = async (
  db: Kysely<AnyDatabase>,
  query: {
    readonly openOnly?: boolean;
    readonly service?: string;
    readonly target?: string;
    readonly kind?: SlaTargetKind;
    readonly assignmentGroup?: string;
    readonly limit?: number;
  } = {},
): Promise<SlaTargetTable[]> => {
  let select = db.selectFrom('sla_target').selectAll().where('breached', '=', 1);
  if (query.openOnly === true) select = select.where('state', '<>', 'stopped');
  if (query.service !== undefined) select = select.where('service', '=', query.service);
  if (query.target !== undefined) select = select.where('target', '=', query.target);
  if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
  if (query.assignmentGroup !== undefined) select = select.where('assignment_group', '=', query.assignmentGroup);
  const rows = await select
    .orderBy('breached_at', 'desc')
    .orderBy('record_id')
    .orderBy('target')
    .limit(query.limit ?? 1000)
    .execute();
  return rows.map(numbers);
};

/** SLA compliance of one service, priority, kind of target and month. */
export interface SlaComplianceRow {
  service: string | null;
  priority: number | null;
  /** `time-to-own`, `time-to-resolve`, `update-interval` (each interval counts once) or `ola` (every group's OLA). */
  kind: SlaTargetKind;
  /** `YYYY-MM`. */
  period: string;
  met: number;
  breached: number;
  /** met / (met + breached) × 100, or null when there is nothing to count. */
  compliance_percent: number | null;
}

/**
 * Compliance (% of targets met) per service, priority, kind of target and
 * month, over targets with an outcome; optionally over a range of months,
 * for one service or one kind.
 */
export const slaCompliance = async (
  db: Kysely<AnyDatabase>,
  query: {
    readonly fromPeriod?: string;
    readonly toPeriod?: string;
    readonly service?: string;
    readonly kind?: SlaTargetKind;
  } = {},
): Promise<SlaComplianceRow[]> => {
  let select = db
    .selectFrom('sla_target')
    .select([
      'service',
      'priority',
      'kind',
      'period',
      sql<number>`sum(case when outcome = 'met' then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when outcome = 'breached' then 1 else 0 end)`.as('breached'),
    ])
    .where('outcome', 'in', ['met', 'breached'])
    .where('period', 'is not', null);
  if (query.fromPeriod !== undefined) select = select.where('period', '>=', query.fromPeriod);
  if (query.toPeriod !== undefined) select = select.where('period', '<=', query.toPeriod);
  if (query.service !== undefined) select = select.where('service', '=', query.service);
  if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
  const rows = await select
    .groupBy(['service', 'priority', 'kind', 'period'])
    .orderBy(sql`service is null`, 'desc')
    .orderBy('service')
    .orderBy(sql`priority is null`, 'desc')
    .orderBy('priority')
    .orderBy(kindOrder)
    .orderBy('period')
    .execute();
  return rows.map((row) => {
    const met = Number(row.met);
    const breached = Number(row.breached);
    return {
      service: row.service as string | null,
      priority: row.priority === null ? null : Number(row.priority),
      kind: row.kind as SlaTargetKind,
      period: String(row.period),
      met,
      breached,
      compliance_percent: percentOf(met, breached),
    };
  });
};

/** OLA compliance of one assignment group and month. */
export interface OlaComplianceRow {
  assignment_group: string;
  /** `YYYY-MM`. */
  period: string;
  /** Records the group held within its OLA target. */
  met: number;
  /** Records the group held beyond its OLA target. */
  breached: number;
  /** met / (met + breached) × 100, or null when there is nothing to count. */
  compliance_percent: number | null;
  /**
   * The mean business time the group held a record (milliseconds), over the counted records it no longer holds
   * (a record it still holds, breached already, has no final time yet); null when there are none.
   */
  mean_held_ms: number | null;
  /** How many records `mean_held_ms` averages over (to combine months). */
  held_records: number;
}

/**
 * OLA compliance per assignment group and month: how many records each
 * group held within its OLA target (the business time it held the record,
 * cumulated within a cycle), over OLA targets with an outcome; optionally
 * over a range of months or for one group.
 */
export const olaCompliance = async (
  db: Kysely<AnyDatabase>,
  query: { readonly fromPeriod?: string; readonly toPeriod?: string; readonly assignmentGroup?: string } = {},
): Promise<OlaComplianceRow[]> => {
  let select = db
    .selectFrom('sla_target')
    .select([
      'assignment_group',
      'period',
      sql<number>`sum(case when outcome = 'met' then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when outcome = 'breached' then 1 else 0 end)`.as('breached'),
      // A group still holding the record has not finished its time: only ended (or paused) measurements count.
      sql<number | null>`avg(case when state <> 'running' then elapsed_ms end)`.as('mean_held_ms'),
      sql<number>`sum(case when state <> 'running' then 1 else 0 end)`.as('held_records'),
    ])
    .where('kind', '=', 'ola')
    .where('outcome', 'in', ['met', 'breached'])
    .where('period', 'is not', null);
  if (query.fromPeriod !== undefined) select = select.where('period', '>=', query.fromPeriod);
  if (query.toPeriod !== undefined) select = select.where('period', '<=', query.toPeriod);
  if (query.assignmentGroup !== undefined) select = select.where('assignment_group', '=', query.assignmentGroup);
  const rows = await select
    .groupBy(['assignment_group', 'period'])
    .orderBy('assignment_group')
    .orderBy('period')
    .execute();
  return rows.map((row) => {
    const met = Number(row.met);
    const breached = Number(row.breached);
    return {
      assignment_group: String(row.assignment_group),
      period: String(row.period),
      met,
      breached,
      compliance_percent: percentOf(met, breached),
      mean_held_ms: row.mean_held_ms === null ? null : Number(row.mean_held_ms),
      held_records: Number(row.held_records),
    };
  });
};
