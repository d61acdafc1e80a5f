/**
 * `@itsm/projections`: what turns the event log into the tables people
 * query. The projection runner (exactly-once batches, one pass for several
 * projections, continuous or catch-up), rebuild beside the live version,
 * leases, SQLite and PostgreSQL read-model databases, row projections, the
 * built-in read models (work queues, SLA, audit trail, service metrics, the
 * change schedule, configuration items with impact analysis, problems and
 * the known error database) and temporal queries.
 *
 * @packageDocumentation
 */

// ── projections and the runner ────────────────────────────────────────────
export { projectionDefinitionProblem } from './projection.js';
export type { AnyDatabase, AnyProjection, Projection, ReadModels, TableNames } from './projection.js';
export { describeProjectionError } from './projection-errors.js';
export type {
  InvalidProjection,
  ProjectionFailed,
  ProjectionLeaseHeld,
  ProjectionMigrationFailed,
  ProjectionReadFailed,
  ProjectionRunError,
  ProjectionVersionSuperseded,
} from './projection-errors.js';
export { projectionStatus, runProjection, runProjections, startProjectionWorker } from './projection-runner.js';
export type {
  ProjectionCaughtUp,
  ProjectionInterrupted,
  ProjectionOutcome,
  ProjectionProgress,
  ProjectionRunReport,
  ProjectionRunSettings,
  ProjectionStatus,
  ProjectionWorker,
  ProjectionWorkerSettings,
} from './projection-runner.js';
export { rebuildProjection } from './rebuild.js';
export {
  dropProjection,
  ensureProjectionRegistry,
  projectionVersions,
  swapInProjectionVersion,
} from './projection-registry.js';
export type {
  ProjectionLeaseTable,
  ProjectionRegistryDatabase,
  ProjectionRegistryTable,
  ProjectionVersionState,
} from './projection-registry.js';
export { isAdvisoryLockFree, withProjectionLeases } from './projection-lease.js';
export type { HeldLeases, LeaseKey, LeaseSettings } from './projection-lease.js';
export { VersionedTablesPlugin, physicalTableName, tableNamesOf } from './versioned-tables.js';

// ── read-model databases ──────────────────────────────────────────────────
export {
  ImmediateSqliteDialect,
  dialectOf,
  openPostgresReadModels,
  openSqliteReadModels,
} from './read-model-database.js';
export type { PostgresReadModelSettings, ReadModelDialect, SqliteReadModelSettings } from './read-model-database.js';

// ── row projections ───────────────────────────────────────────────────────
export { foldRowProjection, rowProjection, sortRows } from './row-projection.js';
export type { Row, RowAccess, RowProjectionDefinition, RowRef, RowTable } from './row-projection.js';
export { insertRows, rowsPerStatement } from './sql-statements.js';
export type { SqlValue } from './sql-statements.js';

// ── built-in read models ──────────────────────────────────────────────────
export { builtInDefinitions, builtInProjections } from './read-models/built-in.js';
export { domainBusinessClock } from './read-models/domain-business-clock.js';
export {
  catalogItemEventTypes,
  changeEventTypes,
  configurationItemEventTypes,
  incidentEventTypes,
  knowledgeEventTypes,
  problemEventTypes,
  serviceRequestEventTypes,
  slaEventTypes,
} from './read-models/event-types.js';
export {
  agentQueue,
  groupQueue,
  unassignedQueue,
  workQueueDefinition,
  workQueueEventTypes,
  workQueueProjection,
} from './read-models/work-queue.js';
export type { QueueEntry, QueueQuery, WorkQueueDatabase, WorkQueueTable } from './read-models/work-queue.js';
export {
  slaAtRisk,
  slaBreaches,
  slaCompliance,
  slaDefinition,
  slaDefinitionWith,
  slaProjection,
  slaProjectionWith,
  wallClock,
} from './read-models/sla.js';
export type {
  BusinessClock,
  BusinessClockFactory,
  SlaComplianceRow,
  SlaDatabase,
  SlaPolicyTable,
  SlaTargetTable,
} from './read-models/sla.js';
export { olaCompliance } from './read-models/sla.js';
export type { OlaComplianceRow } from './read-models/sla.js';
export {
  actorAuditTrail,
  auditTrailDefinition,
  auditTrailDefinitionFor,
  auditTrailProjection,
  auditTrailToCsv,
  auditTrailToJson,
  auditedEventTypes,
  fieldChanges,
  recordAuditTrail,
} from './read-models/audit-trail.js';
export type {
  AuditEntry,
  AuditEventTable,
  AuditRecordStateTable,
  AuditTrailDatabase,
  FieldChange,
} from './read-models/audit-trail.js';
export {
  backlogAging,
  changeMetrics,
  incidentMetrics,
  knowledgeUse,
  serviceMetricsDefinition,
  serviceMetricsDefinitionWith,
  serviceMetricsProjection,
  serviceMetricsProjectionWith,
} from './read-models/service-metrics.js';
export type {
  BacklogAgingRow,
  ChangeFactTable,
  ChangeMetricsRow,
  IncidentFactTable,
  IncidentMetricsRow,
  KnowledgeUseTable,
  MetricDimension,
  ServiceMetricsDatabase,
} from './read-models/service-metrics.js';

// ── change schedule (conflict detection) ─────────────────────────────────
export {
  changeSchedule,
  changeScheduleConflicts,
  changeScheduleDefinition,
  changeScheduleProjection,
  changeScheduleWithConflicts,
} from './read-models/change-schedule.js';
export type {
  ChangeScheduleConflicts,
  ChangeScheduleDatabase,
  ChangeScheduleItemTable,
  ChangeScheduleQuery,
  ChangeScheduleTable,
  ScheduledChange,
  ScheduledChangeWithConflicts,
} from './read-models/change-schedule.js';

// ── configuration items (CMDB view, impact analysis) ─────────────────────
export {
  configurationItemsDefinition,
  configurationItemsProjection,
  impactAnalysis,
  recordImpact,
  recordsLinkedTo,
} from './read-models/configuration-items.js';
export type {
  ConfigurationItemLinkTable,
  ConfigurationItemRelationshipTable,
  ConfigurationItemTable,
  ConfigurationItemsDatabase,
  ImpactAnalysis,
  ImpactedItem,
  RecordImpact,
} from './read-models/configuration-items.js';

// ── problems (problem queue, known error database) ───────────────────────
export {
  knownErrorsFor,
  problemById,
  problemQueue,
  problemsDefinition,
  problemsProjection,
} from './read-models/problems.js';
export type {
  KnownErrorConfigurationItemTable,
  KnownErrorEntry,
  KnownErrorQuery,
  KnownErrorTable,
  ProblemEntry,
  ProblemQueueQuery,
  ProblemTable,
  ProblemsDatabase,
} from './read-models/problems.js';

// ── temporal queries ──────────────────────────────────────────────────────
export { genericRecordStateAsOf, queryAsOf, recordStateAsOf } from './temporal-queries.js';
export type { GenericRecordState, RecordStateAsOf, Timeline } from './temporal-queries.js';
