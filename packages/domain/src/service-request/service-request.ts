/**
 * The service request aggregate as applications, the CLI and projections
 * see it: stream naming, decider, the codec of every command a request
 * stream accepts (its own and the SLA commands), and the event schemas
 * (its own and the SLA events).
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { streamIdOf, type InvalidStreamId, type StreamId } from '@itsm/event-store';
import type { AggregateDefinition } from '../shared/aggregate.js';
import type { ServiceRequestId } from '../shared/ids.js';
import { slaEventSchemas } from '../service-level/sla-record.js';
import {
  ServiceRequestCommand,
  serviceRequestDecider,
  serviceRequestIdOf,
  type ServiceRequestError,
  type ServiceRequestEvent,
  type ServiceRequestState,
} from './service-request-decider.js';
import { serviceRequestOwnEventSchemas } from './service-request-events.js';

/** The stream category of service requests (`serviceRequest-<id>`). */
export const SERVICE_REQUEST_CATEGORY = 'serviceRequest';

/** The stream id of a service request. */
export const serviceRequestStreamId = (
  serviceRequestId: ServiceRequestId | string,
): Either<InvalidStreamId, StreamId> => streamIdOf(SERVICE_REQUEST_CATEGORY, serviceRequestId);

/** The service request aggregate definition (request and SLA events). */
export const ServiceRequest: AggregateDefinition<
  ServiceRequestCommand,
  ServiceRequestEvent,
  ServiceRequestState,
  ServiceRequestError
> = {
  category: SERVICE_REQUEST_CATEGORY,
  decider: serviceRequestDecider,
  commandCodec: ServiceRequestCommand,
  recordIdOf: (command) => serviceRequestIdOf(command),
  eventSchemas: [...serviceRequestOwnEventSchemas, ...slaEventSchemas],
};
