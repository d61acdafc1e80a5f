/**
 * The service request adapter of the SLA clock: service request events (and
 * the SLA facts on a request's stream) → SLA signals, so the clocks of the
 * service level module (`computeSlaClock`) measure requests as they measure
 * incidents.
 *
 * Mapping: `ServiceRequestSubmitted` starts the clocks, with the catalog item
 * version's `priority` (4, Low, when it names none) and `service` (the
 * catalog item id when it names none); `ServiceRequestApprovalRequested`
 * pauses with status `AwaitingApproval` (a policy decides whether that pauses
 * a target, e.g. `timeToResolve: ['AwaitingApproval']`) and
 * `ServiceRequestApproved` resumes; the first `FulfilmentTaskStarted`, or a
 * `FulfilmentTaskAssigned` to an agent, owns the request (time to own);
 * `ServiceRequestFulfilled` meets the targets and stops the clocks;
 * `ServiceRequestRejected` and `ServiceRequestClosedIncomplete` stop them as
 * closed, `ServiceRequestCancelled` as cancelled.
 *
 * Limits: a request has no public updates (no update interval is ever met)
 * and is held by several task groups at once, so OLA clocks (one holding
 * group at a time) are not fed; a request is never reopened.
 *
 * @module
 */
import type { Instant } from '../shared/instant.js';
import type { Priority } from '../shared/priority.js';
import { isSlaEvent } from '../service-level/sla-record.js';
import { slaSignalOfEvent, type SlaSignal } from '../service-level/sla-signals.js';
import type { ServiceRequestEvent } from './service-request-decider.js';

/** The priority of requests whose catalog item version names none: 4 (Low). */
export const DEFAULT_REQUEST_PRIORITY: Priority = 4;

/** The status name a request awaiting approval has for the SLA pausing rules. */
export const AWAITING_APPROVAL_STATUS = 'AwaitingApproval';

/** The SLA signals of one service request event (none, one or two). */
export const serviceRequestSlaSignals = (event: ServiceRequestEvent): readonly SlaSignal[] => {
  if (isSlaEvent(event)) return [slaSignalOfEvent(event)];
  const at: Instant = event.data.at;
  switch (event.type) {
    case 'ServiceRequestSubmitted': {
      const item = event.data.catalogItem;
      return [
        {
          kind: 'started',
          at,
          priority: item.priority ?? DEFAULT_REQUEST_PRIORITY,
          service: item.service ?? item.catalogItemId,
        },
      ];
    }
    case 'ServiceRequestApprovalRequested':
      return [{ kind: 'paused', at, status: AWAITING_APPROVAL_STATUS }];
    case 'ServiceRequestApproved':
      return [{ kind: 'resumed', at }];
    case 'FulfilmentTaskStarted':
      return [{ kind: 'owned', at }];
    case 'FulfilmentTaskAssigned':
      return event.data.agent === undefined ? [] : [{ kind: 'owned', at }];
    case 'ServiceRequestFulfilled':
      return [
        { kind: 'met', at },
        { kind: 'stopped', at, reason: 'closed' },
      ];
    case 'ServiceRequestRejected':
    case 'ServiceRequestClosedIncomplete':
      return [{ kind: 'stopped', at, reason: 'closed' }];
    case 'ServiceRequestCancelled':
      return [{ kind: 'stopped', at, reason: 'cancelled' }];
    default:
      return [];
  }
};

/** The SLA signals of a request's history, in stream order. */
export const serviceRequestSlaSignalsOf = (events: Iterable<ServiceRequestEvent>): readonly SlaSignal[] => {
  const signals: SlaSignal[] = [];
  for (const event of events) for (const signal of serviceRequestSlaSignals(event)) signals.push(signal);
  return signals;
};
