/**
 * The built-in read models as one list, for running them in one pass.
 *
 * @module
 */
import type { AnyProjection } from '../projection.js';
import { rowProjection, type RowProjectionDefinition } from '../row-projection.js';
import { auditTrailDefinition } from './audit-trail.js';
import { changeScheduleDefinition } from './change-schedule.js';
import { configurationItemsDefinition } from './configuration-items.js';
import { serviceMetricsDefinitionWith } from './service-metrics.js';
import { slaDefinitionWith, type BusinessClockFactory } from './sla.js';
import { workQueueDefinition } from './work-queue.js';
import { domainBusinessClock } from './domain-business-clock.js';
import { problemsDefinition } from './problems.js';

/**
 * The definitions of every built-in read model (work queue, SLA, audit
 * trail, service metrics, change schedule, configuration items, problems);
 * business time follows the domain's calendars unless another clock factory
 * is given.
 */
export const builtInDefinitions = (
  clockFactory: BusinessClockFactory = domainBusinessClock,
): RowProjectionDefinition[] => [
  workQueueDefinition,
  slaDefinitionWith(clockFactory),
  auditTrailDefinition,
  serviceMetricsDefinitionWith(clockFactory),
  changeScheduleDefinition,
  configurationItemsDefinition,
  problemsDefinition,
];

/** Every built-in projection; business time follows the domain's calendars unless another clock factory is given. */
export const builtInProjections = (clockFactory: BusinessClockFactory = domainBusinessClock): AnyProjection[] =>
  builtInDefinitions(clockFactory).map(rowProjection);
