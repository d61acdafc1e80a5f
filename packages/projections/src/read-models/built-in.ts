/**
 * The built-in read models as one list, for running them in one pass.
 *
 * @module
 */
import type { AnyProjection } from '../projection.js';
import { rowProjection, type RowProjectionDefinition } from '../row-projection.js';
import { auditTrailDefinition } from './audit-trail.js';
import { serviceMetricsDefinitionWith } from './service-metrics.js';
import { slaDefinitionWith, type BusinessClockFactory } from './sla.js';
import { workQueueDefinition } from './work-queue.js';

/** The definitions of every built-in read model (work queue, SLA, audit trail, service metrics). */
export const builtInDefinitions = (clockFactory: BusinessClockFactory = () => undefined): RowProjectionDefinition[] => [
  workQueueDefinition,
  slaDefinitionWith(clockFactory),
  auditTrailDefinition,
  serviceMetricsDefinitionWith(clockFactory),
];

/** Every built-in projection; pass a clock factory (e.g. over the domain's business calendars) for business time. */
export const builtInProjections = (clockFactory: BusinessClockFactory = () => undefined): AnyProjection[] =>
  builtInDefinitions(clockFactory).map(rowProjection);
