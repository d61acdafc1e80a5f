/**
 * Test fixtures for the service request decider: commands and events built
 * through the real codecs, on request `REQ-1` for the laptop catalog item.
 */
import type * as t from 'io-ts';
import { ServiceRequestCommand, type ServiceRequestEvent } from './service-request-decider.js';
import { serviceRequestOwnEventCodecs } from './service-request-events.js';
import type { ServiceRequestStreamCommandType } from './service-request-policy.js';
import { decoded, hoursLater, metadataOf, type RawActor } from '../service-catalog/service-catalog.test-fixture.js';

export const REQUEST = 'REQ-1';

/** A service request stream command decoded with the stream's codec. */
export const requestCommand = (
  type: ServiceRequestStreamCommandType,
  data: Record<string, unknown>,
  actor: RawActor,
  hours = 1,
): ServiceRequestCommand =>
  decoded(ServiceRequestCommand, {
    type,
    data: { serviceRequestId: REQUEST, ...data },
    metadata: metadataOf(actor, hours),
  });

/** A service request event decoded with its data codec. */
export const requestEvent = (
  type: keyof typeof serviceRequestOwnEventCodecs,
  data: Record<string, unknown>,
  by: RawActor,
  hours = 1,
): ServiceRequestEvent =>
  ({
    type,
    data: decoded(serviceRequestOwnEventCodecs[type] as t.Mixed, {
      serviceRequestId: REQUEST,
      at: hoursLater(hours),
      by: by.id,
      ...data,
    }),
  }) as ServiceRequestEvent;
