/**
 * The incident aggregate's public face: its stream category and naming, the
 * default decider, the codec of every command an incident stream accepts
 * (incident commands and the SLA commands about it), and the event schemas
 * for the store's registry (incident events and SLA events).
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { streamIdOf, type InvalidStreamId, type StreamId } from '@itsm/event-store';
import type { AggregateDefinition } from '../shared/aggregate.js';
import { eventSchemasOf } from '../shared/event-schemas.js';
import type { IncidentId } from '../shared/ids.js';
import { slaEventSchemas } from '../service-level/sla-record.js';
import { IncidentStreamCommand, incidentDecider, type IncidentDecisionError } from './incident-decider.js';
import { incidentEventDataCodecs } from './incident-events.js';
import type { IncidentState, IncidentStreamEvent } from './incident-state.js';

/** The stream category of incidents: streams are `incident-<id>`. */
export const INCIDENT_CATEGORY = 'incident';

/** The stream id of an incident (`incident-<id>`); refuses ids outside the stream id grammar. */
export const incidentStreamId = (incidentId: IncidentId | string): Either<InvalidStreamId, StreamId> =>
  streamIdOf(INCIDENT_CATEGORY, incidentId);

/** Registry entries for every incident event type (schema version 1). */
export const incidentEventSchemas = eventSchemasOf(
  Object.fromEntries(Object.entries(incidentEventDataCodecs).map(([type, codec]) => [type, { codec }])),
);

/** The incident aggregate: category, default decider, command codec, record id and event schemas (incident and SLA). */
export const Incident: AggregateDefinition<
  IncidentStreamCommand,
  IncidentStreamEvent,
  IncidentState,
  IncidentDecisionError
> = {
  category: INCIDENT_CATEGORY,
  decider: incidentDecider,
  commandCodec: IncidentStreamCommand,
  recordIdOf: (command) => ('incidentId' in command.data ? command.data.incidentId : command.data.record.id),
  eventSchemas: [...incidentEventSchemas, ...slaEventSchemas],
};
