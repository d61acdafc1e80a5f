/**
 * The incident adapter of the SLA clock: incident events (and the SLA facts
 * on an incident's stream) → SLA signals.
 *
 * Mapping: `IncidentLogged` starts the clocks; `IncidentAssignedToAgent` and
 * `IncidentWorkStarted` own the incident (time to own); the agent's group
 * also becomes the holding group; `IncidentAssignedToGroup` changes the
 * holding group and releases the owner; a public `IncidentCommentAdded` by
 * the support side (not the caller) is an update; `IncidentPutOnHold` pauses
 * with status `OnHold` and its reason; `IncidentResumed` resumes;
 * `IncidentResolved` meets; `IncidentReopened` and
 * `IncidentResolutionRejected` reopen; `IncidentClosed` and
 * `IncidentCancelled` stop; `IncidentPriorityChanged` changes the priority.
 * Work notes, links, escalations (a functional one is followed by its
 * group assignment), major-incident flags and recategorisation do not
 * touch the clocks.
 *
 * Limits: events are read defensively (their data was validated by the
 * store's registry); an event of an unknown type yields no signal.
 *
 * @module
 */
import type { Instant } from '../shared/instant.js';
import type { Priority } from '../shared/priority.js';
import type { SlaSignal } from './sla-signals.js';
import { isSlaEvent } from './sla-record.js';
import { slaSignalOfEvent } from './sla-signals.js';

/** An event as read from an incident stream: its type and data. */
export interface SlaSourceEvent {
  readonly type: string;
  readonly data: unknown;
}

type Data = Readonly<Record<string, unknown>> & { readonly at: Instant };

/** The SLA signals of one incident event (none, one or two). */
export const incidentSlaSignals = (event: SlaSourceEvent): readonly SlaSignal[] => {
  if (isSlaEvent(event)) return [slaSignalOfEvent(event)];
  const data = event.data as Data;
  const at = data.at;
  switch (event.type) {
    case 'IncidentLogged':
      return [{ kind: 'started', at, priority: data['priority'] as Priority, service: String(data['service']) }];
    case 'IncidentAssignedToAgent':
      return [
        { kind: 'group-changed', at, group: String(data['group']) },
        { kind: 'owned', at },
      ];
    case 'IncidentWorkStarted':
      return [{ kind: 'owned', at }];
    case 'IncidentAssignedToGroup':
      return [
        { kind: 'group-changed', at, group: String(data['group']) },
        { kind: 'disowned', at },
      ];
    case 'IncidentCommentAdded':
      return data['byCaller'] === true ? [] : [{ kind: 'updated', at }];
    case 'IncidentPutOnHold':
      return [{ kind: 'paused', at, status: 'OnHold', reason: String(data['reason']) }];
    case 'IncidentResumed':
      return [{ kind: 'resumed', at }];
    case 'IncidentResolved':
      return [{ kind: 'met', at }];
    case 'IncidentReopened':
    case 'IncidentResolutionRejected':
      return [{ kind: 'reopened', at }];
    case 'IncidentClosed':
      return [{ kind: 'stopped', at, reason: 'closed' }];
    case 'IncidentCancelled':
      return [{ kind: 'stopped', at, reason: 'cancelled' }];
    case 'IncidentPriorityChanged':
      return [{ kind: 'priority-changed', at, priority: data['priority'] as Priority }];
    default:
      return [];
  }
};

/** The SLA signals of an incident's history, in stream order. */
export const incidentSlaSignalsOf = (events: Iterable<SlaSourceEvent>): readonly SlaSignal[] => {
  const signals: SlaSignal[] = [];
  for (const event of events) for (const signal of incidentSlaSignals(event)) signals.push(signal);
  return signals;
};
