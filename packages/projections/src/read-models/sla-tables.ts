/**
 * The tables of the SLA read model: `sla_target` (one row per record and
 * target id: time to own, time to resolve, each update interval, each
 * assignment group's OLA) and `sla_policy` (the policy snapshot and the
 * clock state of each record with an SLA), their row types and migrations.
 *
 * Limits: one row per record and target id: a reopen that starts a new
 * cycle (`restart`, `new-cycle`) replaces the earlier cycle's row of the
 * same id (`cycle` says which one a row is).
 *
 * @module
 */
import type { Kysely, Migration } from 'kysely';
import type { SlaTargetKind } from '@itsm/domain';
import type { RowTable } from '../row-projection.js';
import type { AnyDatabase } from '../projection.js';
import { withoutRowid } from './table-options.js';

/** A row of `sla_target`: one SLA or OLA target of one record. */
export interface SlaTargetTable {
  /** The record's stream id. */
  record_id: string;
  /** The target id: `time-to-own`, `time-to-resolve`, `update-interval/<n>` or `ola/<group>`. */
  target: string;
  /** The kind of target: `time-to-own`, `time-to-resolve`, `update-interval` or `ola`. */
  kind: SlaTargetKind;
  /** The assignment group an OLA target measures (null for SLA targets). */
  assignment_group: string | null;
  record_type: string;
  service: string | null;
  priority: number | null;
  policy_id: string | null;
  policy_version: number | null;
  target_minutes: number;
  /** 1, then +1 per reopen that starts a new cycle (`restart`, `new-cycle` policies). */
  cycle: number;
  /** `running`, `paused` or `stopped`. */
  state: string;
  attached_at: string;
  /** When this target's measurement started (the attachment, the previous public update, the group taking the record, a reopen). */
  started_at: string;
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
  /** When the target was met or stopped (null while it can still run, and for an OLA its group passed on). */
  stopped_at: string | null;
  /**
   * `met`, `breached`, `cancelled` (the record was cancelled first), `stopped`
   * (closed first), `superseded` (replaced by a `restart` reopen: not counted),
   * or null while open; `breached` as soon as a breach is recorded.
   */
  outcome: string | null;
  /** The month (`YYYY-MM`) the outcome counts in, once there is one. */
  period: string | null;
  position: number;
}

/** A row of `sla_policy`: the policy snapshot a record's clocks follow, and the clocks' state. */
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
  /** The clock state (record status, holding group, cycle, the measurements still open), JSON. */
  state: string | null;
}

/** The database interface of the SLA read model (logical names). */
export interface SlaDatabase {
  sla_target: SlaTargetTable;
  sla_policy: SlaPolicyTable;
}

/** The `sla_target` table of the row projection. */
export const slaTargetTable: RowTable = {
  name: 'sla_target',
  key: ['record_id', 'target'],
  columns: [
    'record_id',
    'target',
    'kind',
    'assignment_group',
    'record_type',
    'service',
    'priority',
    'policy_id',
    'policy_version',
    'target_minutes',
    'cycle',
    'state',
    'attached_at',
    'started_at',
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

/** The `sla_policy` table of the row projection. */
export const slaPolicyTable: RowTable = {
  name: 'sla_policy',
  key: ['record_id'],
  columns: ['record_id', 'calendar', 'pausing', 'warning_thresholds', 'reopen_policy', 'hold_reason', 'state'],
};

/** The migrations of the SLA read model (written with logical names). */
export const slaMigrations: Record<string, Migration> = {
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
  // Every target kind (update intervals, OLA per assignment group) and the clock state that makes them incremental.
  // The columns are filled by every row the projection writes (version 2 builds its tables afresh); one column per
  // statement, as SQLite alters a table.
  '0003_sla_every_target_kind': {
    up: async (db: Kysely<AnyDatabase>) => {
      await db.schema.alterTable('sla_target').addColumn('kind', 'text').execute();
      await db.schema.alterTable('sla_target').addColumn('assignment_group', 'text').execute();
      await db.schema.alterTable('sla_target').addColumn('started_at', 'text').execute();
      await db.schema.alterTable('sla_policy').addColumn('state', 'text').execute();
      await db.schema
        .createIndex('sla_target_by_kind')
        .on('sla_target')
        .columns(['kind', 'assignment_group', 'period'])
        .execute();
    },
  },
};
