/**
 * The SLA read model: one row per SLA target of a record (`time-to-own`,
 * `time-to-resolve`), its clock (business time used, running or paused, due
 * time, next warning), warnings and breach as recorded by the deadline
 * process, and the outcome when the clock stopped. Queries: targets at risk
 * (crossing a warning threshold, or due, within a window), breached targets,
 * and compliance (% met) per service, priority and period.
 *
 * The clock follows the policy snapshot attached with `SlaAttached`: its
 * business calendar (through the {@link BusinessClockFactory}, by default
 * the domain's business calendar when given, else 24×7), its pausing rules
 * (`OnHold`, `OnHold:<reason>`) and its reopen policy (`cumulative` keeps
 * the time used; `restart` and `new-cycle` start time to resolve afresh in a
 * new cycle). Time to own stops at the first agent assignment or work
 * started; time to resolve at resolution.
 *
 * Limits: update-interval and OLA targets are not tracked here; warnings and
 * breaches are taken from the events the deadline process recorded (they are
 * the source of truth), the due and warning times are this model's
 * computation from the same history.
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
import { dataOf, epochOf, numeric, occurredAt, periodOf, text, utc, type EventData } from './event-data.js';
import { slaEventTypes } from './event-types.js';
import { withoutRowid } from './table-options.js';
import type { AnyDatabase } from '../projection.js';

/** Business-time arithmetic of one calendar, on epoch milliseconds. */
export interface BusinessClock {
  /** Business milliseconds between two instants. */
  readonly between: (from: number, to: number) => number;
  /** The instant at which `duration` business milliseconds have passed since `start`. */
  readonly add: (start: number, duration: number) => number;
}

/** Builds the clock of a calendar definition (from an SLA policy snapshot); undefined for 24×7. */
export type BusinessClockFactory = (calendarDefinition: unknown) => BusinessClock | undefined;

/** Wall-clock time: every millisecond counts. */
export const wallClock: BusinessClock = {
  between: (from, to) => to - from,
  add: (start, duration) => start + duration,
};

/** A row of `sla_target`: one SLA target of one record. */
export interface SlaTargetTable {
  /** The record's stream id. */
  record_id: string;
  /** `time-to-own` or `time-to-resolve`. */
  target: string;
  record_type: string;
  service: string | null;
  priority: number | null;
  policy_id: string | null;
  policy_version: number | null;
  target_minutes: number;
  /** 1, then +1 per restart on reopen (`restart`, `new-cycle` policies). */
  cycle: number;
  /** `running`, `paused` or `stopped`. */
  state: string;
  attached_at: string;
  /** Business milliseconds used before `running_since` (or in total, when not running). */
  elapsed_ms: number;
  running_since: string | null;
  /** When it will be breached if it keeps running (null when paused or stopped). */
  due_at: string | null;
  /** When it crosses its next warning threshold (null when none is left, paused or stopped). */
  next_warning_at: string | null;
  next_warning_threshold: number | null;
  /** The highest warning threshold recorded (percent), or null. */
  last_warning: number | null;
  /** 1 once `SlaBreached` was recorded for this cycle. */
  breached: number;
  breached_at: string | null;
  stopped_at: string | null;
  /** `met`, `breached` or `cancelled` once stopped; `breached` as soon as breached; else null. */
  outcome: string | null;
  /** The month (`YYYY-MM`) the outcome counts in, once there is one. */
  period: string | null;
  position: number;
}

/** A row of `sla_policy`: the policy snapshot a record's clocks follow. */
export interface SlaPolicyTable {
  record_id: string;
  /** The calendar definition, JSON. */
  calendar: string;
  /** The pausing rules, JSON. */
  pausing: string;
  /** The warning thresholds (percent), JSON array. */
  warning_thresholds: string;
  reopen_policy: string;
  /** The record's current hold reason (`OnHold:<reason>` is matched against the pausing rules), or null. */
  hold_reason: string | null;
}

/** The database interface of the SLA read model (logical names). */
export interface SlaDatabase {
  sla_target: SlaTargetTable;
  sla_policy: SlaPolicyTable;
}

const targetTable: RowTable = {
  name: 'sla_target',
  key: ['record_id', 'target'],
  columns: [
    'record_id',
    'target',
    'record_type',
    'service',
    'priority',
    'policy_id',
    'policy_version',
    'target_minutes',
    'cycle',
    'state',
    'attached_at',
    'elapsed_ms',
    'running_since',
    'due_at',
    'next_warning_at',
    'next_warning_threshold',
    'last_warning',
    'breached',
    'breached_at',
    'stopped_at',
    'outcome',
    'period',
    'position',
  ],
};
const policyTable: RowTable = {
  name: 'sla_policy',
  key: ['record_id'],
  columns: ['record_id', 'calendar', 'pausing', 'warning_thresholds', 'reopen_policy', 'hold_reason'],
};

const migrations: Record<string, Migration> = {
  '0001_sla': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createTable('sla_target')
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('record_type', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('priority', 'integer')
        .addColumn('policy_id', 'text')
        .addColumn('policy_version', 'integer')
        .addColumn('target_minutes', 'double precision', (c) => c.notNull())
        .addColumn('cycle', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attached_at', 'text', (c) => c.notNull())
        .addColumn('elapsed_ms', 'double precision', (c) => c.notNull())
        .addColumn('running_since', 'text')
        .addColumn('due_at', 'text')
        .addColumn('next_warning_at', 'text')
        .addColumn('next_warning_threshold', 'integer')
        .addColumn('last_warning', 'integer')
        .addColumn('breached', 'integer', (c) => c.notNull())
        .addColumn('breached_at', 'text')
        .addColumn('stopped_at', 'text')
        .addColumn('outcome', 'text')
        .addColumn('period', 'text')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sla_target_pk', ['record_id', 'target'])
        .$call(withoutRowid(db))
        .execute();
      // No index leads with `state`: the queue's per-record lookup must use the primary key, not scan running targets.
      await db.schema.createIndex('sla_target_next_warning').on('sla_target').column('next_warning_at').execute();
      await db.schema.createIndex('sla_target_due').on('sla_target').column('due_at').execute();
      await db.schema
        .createIndex('sla_target_outcome')
        .on('sla_target')
        .columns(['service', 'priority', 'period'])
        .execute();
      await db.schema
        .createTable('sla_policy')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('calendar', 'text', (c) => c.notNull())
        .addColumn('pausing', 'text', (c) => c.notNull())
        .addColumn('warning_thresholds', 'text', (c) => c.notNull())
        .addColumn('reopen_policy', 'text', (c) => c.notNull())
        .addColumn('hold_reason', 'text')
        .execute();
    },
  },
  // The work queue's per-record lookup of the earliest running due reads this
  // index alone (one seek per record) instead of the wide target rows.
  '0002_sla_running_due': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema
        .createIndex('sla_target_running_due')
        .on('sla_target')
        .columns(['record_id', 'state', 'due_at'])
        .execute();
    },
  },
};

const TARGETS = ['time-to-own', 'time-to-resolve'] as const;
const iso = (ms: number): string => new Date(ms).toISOString();
const parseJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value !== 'string') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};

/** The clocks of each factory, cached by calendar text (a factory is pure). */
const clockCaches = new WeakMap<BusinessClockFactory, Map<string, BusinessClock>>();
const clockOf = (factory: BusinessClockFactory, policy: Row | undefined): BusinessClock => {
  const calendar = typeof policy?.['calendar'] === 'string' ? policy['calendar'] : 'null';
  let clockCache = clockCaches.get(factory);
  if (clockCache === undefined) clockCaches.set(factory, (clockCache = new Map()));
  let clock = clockCache.get(calendar);
  if (clock === undefined) {
    clock = factory(parseJson<unknown>(calendar, null)) ?? wallClock;
    if (clockCache.size > 1000) clockCache.clear();
    clockCache.set(calendar, clock);
  }
  return clock;
};

/** Due time and next warning of a running target; nulls otherwise. */
const withDeadlines = (row: Row, policy: Row | undefined, clock: BusinessClock): Row => {
  const since = epochOf(row['running_since']);
  if (row['state'] !== 'running' || since === null)
    return { ...row, due_at: null, next_warning_at: null, next_warning_threshold: null };
  const targetMs = Number(row['target_minutes']) * 60_000;
  const elapsed = Number(row['elapsed_ms']);
  const thresholds = parseJson<number[]>(policy?.['warning_thresholds'], [])
    .slice()
    .sort((a, b) => a - b);
  const last = row['last_warning'] === null || row['last_warning'] === undefined ? 0 : Number(row['last_warning']);
  const next = row['breached'] === 1 ? undefined : thresholds.find((t) => t > last);
  return {
    ...row,
    due_at: iso(clock.add(since, targetMs - elapsed)),
    next_warning_at: next === undefined ? null : iso(clock.add(since, (targetMs * next) / 100 - elapsed)),
    next_warning_threshold: next ?? null,
  };
};

const pauses = (policy: Row | undefined, target: string, reason: string | null): boolean => {
  if (reason === null) return false;
  const pausing = parseJson<Record<string, string[]>>(policy?.['pausing'], {});
  const rules = (target === 'time-to-own' ? pausing['timeToOwn'] : pausing['timeToResolve']) ?? [];
  return rules.some((rule) => rule === 'OnHold' || rule === `OnHold:${reason}`);
};

/** Builds the SLA projection's definition with a business-clock factory. */
export const slaDefinitionWith = (clockFactory: BusinessClockFactory): RowProjectionDefinition => {
  const evolve = (rows: RowAccess, event: RecordedEvent): void => {
    const id = event.streamId;
    const data = dataOf(event);
    const at = occurredAt(event);
    const atMs = epochOf(at) ?? 0;
    const policy = rows.get('sla_policy', [id]);
    const clock = clockOf(clockFactory, policy);
    const targets = TARGETS.map((target) => rows.get('sla_target', [id, target])).filter(
      (row): row is Row => row !== undefined,
    );
    const save = (row: Row, policyRow: Row | undefined = policy) =>
      rows.put('sla_target', withDeadlines({ ...row, position: event.globalPosition }, policyRow, clock));
    const stopRunning = (row: Row): Row => {
      const since = epochOf(row['running_since']);
      const elapsed =
        Number(row['elapsed_ms']) +
        (row['state'] === 'running' && since !== null ? Math.max(0, clock.between(since, atMs)) : 0);
      return { ...row, elapsed_ms: elapsed, running_since: null };
    };
    const stop = (row: Row, cancelled: boolean): Row => {
      if (row['state'] === 'stopped') return row;
      const stopped = stopRunning(row);
      const late = Number(stopped['elapsed_ms']) > Number(row['target_minutes']) * 60_000;
      const outcome = cancelled ? 'cancelled' : row['breached'] === 1 || late ? 'breached' : 'met';
      return {
        ...stopped,
        state: 'stopped',
        stopped_at: at,
        outcome,
        period: row['outcome'] === 'breached' ? (row['period'] ?? null) : periodOf(at),
      };
    };
    switch (event.type) {
      case 'SlaAttached': {
        const snapshot = (
          typeof data['policy'] === 'object' && data['policy'] !== null ? data['policy'] : {}
        ) as EventData;
        const record = (
          typeof data['record'] === 'object' && data['record'] !== null ? data['record'] : {}
        ) as EventData;
        const baseline = (
          typeof snapshot['baseline'] === 'object' && snapshot['baseline'] !== null ? snapshot['baseline'] : {}
        ) as EventData;
        const minutes = (
          typeof baseline['targets'] === 'object' && baseline['targets'] !== null ? baseline['targets'] : {}
        ) as EventData;
        const policyRow: Row = {
          record_id: id,
          calendar: JSON.stringify(snapshot['calendar'] ?? null),
          pausing: JSON.stringify(snapshot['pausing'] ?? {}),
          warning_thresholds: JSON.stringify(snapshot['warningThresholds'] ?? [50, 75, 90]),
          reopen_policy: text(snapshot, 'reopenPolicy') ?? 'cumulative',
          hold_reason: policy?.['hold_reason'] ?? null,
        };
        rows.put('sla_policy', policyRow);
        const policyClock = clockOf(clockFactory, policyRow);
        const attachedAt = utc(data['at']) ?? at;
        for (const target of TARGETS) {
          const targetMinutes = numeric(
            minutes,
            target === 'time-to-own' ? 'timeToOwnMinutes' : 'timeToResolveMinutes',
          );
          if (targetMinutes === null) continue;
          const paused = pauses(
            policyRow,
            target,
            typeof policyRow['hold_reason'] === 'string' ? policyRow['hold_reason'] : null,
          );
          rows.put(
            'sla_target',
            withDeadlines(
              {
                record_id: id,
                target,
                record_type: text(record, 'category') ?? 'incident',
                service: text(snapshot, 'service'),
                priority: numeric(baseline, 'priority'),
                policy_id: text(snapshot, 'policyId'),
                policy_version: numeric(snapshot, 'policyVersion'),
                target_minutes: targetMinutes,
                cycle: 1,
                state: paused ? 'paused' : 'running',
                attached_at: attachedAt,
                elapsed_ms: 0,
                running_since: paused ? null : attachedAt,
                due_at: null,
                next_warning_at: null,
                next_warning_threshold: null,
                last_warning: null,
                breached: 0,
                breached_at: null,
                stopped_at: null,
                outcome: null,
                period: null,
                position: event.globalPosition,
              },
              policyRow,
              policyClock,
            ),
          );
        }
        return;
      }
      case 'SlaWarningReached': {
        const row = rows.get('sla_target', [id, text(data, 'target') ?? '']);
        const threshold = numeric(data, 'threshold');
        if (row === undefined || threshold === null) return;
        const last = row['last_warning'] === null ? 0 : Number(row['last_warning']);
        save({ ...row, last_warning: Math.max(last, threshold) });
        return;
      }
      case 'SlaBreached': {
        const row = rows.get('sla_target', [id, text(data, 'target') ?? '']);
        if (row === undefined) return;
        const breachedAt = utc(data['breachedAt']) ?? at;
        save({
          ...row,
          breached: 1,
          breached_at: breachedAt,
          outcome: 'breached',
          period: row['period'] ?? periodOf(breachedAt),
        });
        return;
      }
      case 'SlaRebaselined': {
        const minutes = (
          typeof data['targets'] === 'object' && data['targets'] !== null ? data['targets'] : {}
        ) as EventData;
        for (const row of targets) {
          const targetMinutes = numeric(
            minutes,
            row['target'] === 'time-to-own' ? 'timeToOwnMinutes' : 'timeToResolveMinutes',
          );
          save({
            ...row,
            priority: numeric(data, 'priority') ?? row['priority'] ?? null,
            target_minutes: targetMinutes ?? row['target_minutes'] ?? 0,
          });
        }
        return;
      }
      case 'IncidentPutOnHold': {
        if (policy === undefined) return;
        const reason = text(data, 'reason');
        const held: Row = { ...policy, hold_reason: reason };
        rows.put('sla_policy', held);
        for (const row of targets)
          if (row['state'] === 'running' && pauses(held, String(row['target']), reason))
            save({ ...stopRunning(row), state: 'paused' }, held);
        return;
      }
      case 'IncidentResumed': {
        if (policy === undefined) return;
        const resumed: Row = { ...policy, hold_reason: null };
        rows.put('sla_policy', resumed);
        for (const row of targets)
          if (row['state'] === 'paused') save({ ...row, state: 'running', running_since: at }, resumed);
        return;
      }
      case 'IncidentAssignedToAgent':
      case 'IncidentWorkStarted':
        for (const row of targets)
          if (row['target'] === 'time-to-own' && row['state'] !== 'stopped') save(stop(row, false));
        return;
      case 'IncidentResolved':
        for (const row of targets) if (row['state'] !== 'stopped') save(stop(row, false));
        return;
      case 'IncidentReopened': {
        const policyName = policy?.['reopen_policy'] ?? 'cumulative';
        const held = typeof policy?.['hold_reason'] === 'string' ? policy['hold_reason'] : null;
        for (const row of targets) {
          if (row['target'] !== 'time-to-resolve') continue;
          const paused = pauses(policy, 'time-to-resolve', held);
          const base: Row = {
            ...row,
            state: paused ? 'paused' : 'running',
            running_since: paused ? null : at,
            stopped_at: null,
          };
          if (policyName === 'cumulative')
            save({
              ...base,
              outcome: row['breached'] === 1 ? 'breached' : null,
              period: row['breached'] === 1 ? (row['period'] ?? null) : null,
            });
          else
            save({
              ...base,
              cycle: Number(row['cycle']) + 1,
              elapsed_ms: 0,
              last_warning: null,
              breached: 0,
              breached_at: null,
              outcome: null,
              period: null,
            });
        }
        return;
      }
      case 'IncidentCancelled':
      case 'IncidentClosed':
        for (const row of targets) if (row['state'] !== 'stopped') save(stop(row, event.type === 'IncidentCancelled'));
        return;
      default:
        return;
    }
  };
  return {
    name: 'sla',
    version: 1,
    handles: [
      ...slaEventTypes,
      'IncidentPutOnHold',
      'IncidentResumed',
      'IncidentAssignedToAgent',
      'IncidentWorkStarted',
      'IncidentResolved',
      'IncidentReopened',
      'IncidentCancelled',
      'IncidentClosed',
    ],
    tables: [targetTable, policyTable],
    migrations,
    reads: (event) => [
      { table: 'sla_policy', key: [event.streamId] },
      ...TARGETS.map((target) => ({ table: 'sla_target', key: [event.streamId, target] })),
    ],
    evolve,
  };
};

/** The SLA projection definition on wall-clock time (use {@link slaDefinitionWith} for business calendars). */
export const slaDefinition: RowProjectionDefinition = slaDefinitionWith(() => undefined);

/** The SLA projection (wall-clock time; see {@link slaProjectionWith}). */
export const slaProjection = rowProjection(slaDefinition);

/** The SLA projection with business calendars (e.g. the domain's `createBusinessCalendar`). */
export const slaProjectionWith = (clockFactory: BusinessClockFactory) => rowProjection(slaDefinitionWith(clockFactory));

const numbers = (row: Record<string, unknown>): SlaTargetTable => ({
  ...(row as unknown as SlaTargetTable),
  priority: row['priority'] === null ? null : Number(row['priority']),
  target_minutes: Number(row['target_minutes']),
  elapsed_ms: Number(row['elapsed_ms']),
  cycle: Number(row['cycle']),
  breached: Number(row['breached']),
  position: Number(row['position']),
});

/** SLA targets that will cross a warning threshold (or fall due) before `now + withinMs` and are not breached. */
export const slaAtRisk = async (
  db: Kysely<AnyDatabase>,
  query: { readonly now: Date; readonly withinMs: number; readonly service?: string; readonly limit?: number },
): Promise<SlaTargetTable[]> => {
  const horizon = new Date(query.now.getTime() + query.withinMs).toISOString();
  let select = db
    .selectFrom('sla_target')
    .selectAll()
    .where('state', '=', 'running')
    .where('breached', '=', 0)
    .where((eb) => eb.or([eb('next_warning_at', '<=', horizon), eb('due_at', '<=', horizon)]));
  if (query.service !== undefined) select = select.where('service', '=', query.service);
  const rows = await select
    .orderBy(sql`coalesce(next_warning_at, due_at)`)
    .orderBy('record_id')
    .limit(query.limit ?? 1000)
    .execute();
  return rows.map(numbers);
};

/** Breached SLA targets (optionally only those still running, or of one service), latest first. */
export const slaBreaches = async (
  db: Kysely<AnyDatabase>,
  query: {
    readonly openOnly?: boolean;
    readonly service?: string;
    readonly target?: string;
    readonly limit?: number;
  } = {},
): Promise<SlaTargetTable[]> => {
  let select = db.selectFrom('sla_target').selectAll().where('breached', '=', 1);
  if (query.openOnly === true) select = select.where('state', '<>', 'stopped');
  if (query.service !== undefined) select = select.where('service', '=', query.service);
  if (query.target !== undefined) select = select.where('target', '=', query.target);
  const rows = await select
    .orderBy('breached_at', 'desc')
    .orderBy('record_id')
    .limit(query.limit ?? 1000)
    .execute();
  return rows.map(numbers);
};

/** SLA compliance of one service, priority, target and period. */
export interface SlaComplianceRow {
  service: string | null;
  priority: number | null;
  target: string;
  /** `YYYY-MM`. */
  period: string;
  met: number;
  breached: number;
  /** met / (met + breached) × 100, or null when there is nothing to count. */
  compliance_percent: number | null;
}

/** Compliance (% of targets met) per service, priority, target and month, over targets with an outcome. */
export const slaCompliance = async (
  db: Kysely<AnyDatabase>,
  query: { readonly fromPeriod?: string; readonly toPeriod?: string; readonly service?: string } = {},
): Promise<SlaComplianceRow[]> => {
  let select = db
    .selectFrom('sla_target')
    .select([
      'service',
      'priority',
      'target',
      'period',
      sql<number>`sum(case when outcome = 'met' then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when outcome = 'breached' then 1 else 0 end)`.as('breached'),
    ])
    .where('outcome', 'in', ['met', 'breached'])
    .where('period', 'is not', null);
  if (query.fromPeriod !== undefined) select = select.where('period', '>=', query.fromPeriod);
  if (query.toPeriod !== undefined) select = select.where('period', '<=', query.toPeriod);
  if (query.service !== undefined) select = select.where('service', '=', query.service);
  const rows = await select
    .groupBy(['service', 'priority', 'target', 'period'])
    .orderBy(sql`service is null`, 'desc')
    .orderBy('service')
    .orderBy(sql`priority is null`, 'desc')
    .orderBy('priority')
    .orderBy('target')
    .orderBy('period')
    .execute();
  return rows.map((row) => {
    const met = Number(row.met);
    const breached = Number(row.breached);
    return {
      service: row.service as string | null,
      priority: row.priority === null ? null : Number(row.priority),
      target: String(row.target),
      period: String(row.period),
      met,
      breached,
      compliance_percent: met + breached === 0 ? null : (met * 100) / (met + breached),
    };
  });
};
