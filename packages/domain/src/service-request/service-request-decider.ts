/**
 * The service request decider: the request's own rules (see
 * `service-request-rules`) composed with the SLA record, the same way the
 * incident composes it. SLA commands on a request stream must name this
 * request (`{ category: 'serviceRequest', id }`); attaching one needs a
 * submitted request that is not closed, and — when the catalog item version
 * names an SLA policy — that very policy. Warnings and breaches are still
 * accepted after closure (a late deadline process may record a breach that
 * happened before).
 *
 * Pure: no clock, no randomness, no I/O.
 *
 * @module
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import { authorize, type AuthorizationRules } from '../shared/authorization.js';
import type { ServiceRequestId } from '../shared/ids.js';
import {
  AttachSla,
  RebaselineSla,
  RecordSlaBreach,
  RecordSlaWarning,
  decideSlaCommandWith,
  evolveSlaRecord,
  initialSlaRecordState,
  isSlaEvent,
  type SlaCommand,
  type SlaEvent,
  type SlaRecordError,
  type SlaRecordState,
} from '../service-level/sla-record.js';
import { serviceRequestOwnCommandCodecs, type ServiceRequestOwnCommand } from './service-request-commands.js';
import { messageUnion } from '../shared/message-codec.js';
import type { ServiceRequestOwnError } from './service-request-errors.js';
import type { ServiceRequestOwnEvent } from './service-request-events.js';
import { defaultServiceRequestPolicy, type ServiceRequestPolicy } from './service-request-policy.js';
import { decideServiceRequestOwn } from './service-request-rules.js';
import {
  evolveServiceRequestOwn,
  initialServiceRequestOwnState,
  type ServiceRequestOwnState,
} from './service-request-state.js';

/** Every command a service request stream accepts: the request's own and the SLA commands about it (codec and type). */
export const ServiceRequestCommand = messageUnion('ServiceRequestCommand', {
  ...serviceRequestOwnCommandCodecs,
  AttachSla,
  RecordSlaWarning,
  RecordSlaBreach,
  RebaselineSla,
});
/** Every command a service request stream accepts. */
export type ServiceRequestCommand = ServiceRequestOwnCommand | SlaCommand;

/** Every event a service request stream holds: the request's own and the SLA events about it. */
export type ServiceRequestEvent = ServiceRequestOwnEvent | SlaEvent;

/** Every error the service request decider returns: a request rule or an SLA rule. */
export type ServiceRequestError = ServiceRequestOwnError | SlaRecordError;

/** The state of a service request stream: the request and its SLA facts. */
export interface ServiceRequestState {
  readonly request: ServiceRequestOwnState;
  readonly sla: SlaRecordState;
}

/** The state of a service request stream with no events. */
export const initialServiceRequestState: ServiceRequestState = {
  request: initialServiceRequestOwnState,
  sla: initialSlaRecordState,
};

/** Folds one event of a service request stream into its state. */
export const evolveServiceRequest = (state: ServiceRequestState, event: ServiceRequestEvent): ServiceRequestState =>
  isSlaEvent(event)
    ? { ...state, sla: evolveSlaRecord(state.sla, event) }
    : { ...state, request: evolveServiceRequestOwn(state.request, event as ServiceRequestOwnEvent) };

const slaCommandTypes: ReadonlySet<string> = new Set<SlaCommand['type']>([
  'AttachSla',
  'RecordSlaWarning',
  'RecordSlaBreach',
  'RebaselineSla',
]);
const isSlaCommand = (command: ServiceRequestCommand): command is SlaCommand => slaCommandTypes.has(command.type);
const closedStatuses: ReadonlySet<string> = new Set(['rejected', 'fulfilled', 'closed-incomplete', 'cancelled']);

type Decision = Either<ServiceRequestError, readonly ServiceRequestEvent[]>;

const decideRequestSlaCommand = (
  decideSla: (command: SlaCommand, state: SlaRecordState) => Either<SlaRecordError, readonly SlaEvent[]>,
  command: SlaCommand,
  state: ServiceRequestState,
): Decision => {
  const record = command.data.record;
  const request = state.request;
  if (request.status === 'none') return left({ _tag: 'ServiceRequestNotFound', serviceRequestId: record.id });
  if (record.category !== 'serviceRequest' || record.id !== request.serviceRequestId)
    return left({ _tag: 'SlaCommandForAnotherRecord', serviceRequestId: request.serviceRequestId, record });
  if (command.type === 'AttachSla' || command.type === 'RebaselineSla') {
    if (closedStatuses.has(request.status))
      return left({ _tag: 'ServiceRequestAlreadyClosed', status: request.status });
    const expected = request.catalogItem.slaPolicyId;
    if (command.type === 'AttachSla' && expected !== undefined && command.data.policy.policyId !== expected)
      return left({ _tag: 'SlaPolicyNotTheCatalogItems', expected, attached: command.data.policy.policyId });
  }
  return decideSla(command, state.sla);
};

/** Builds a service request decider with a policy (see {@link defaultServiceRequestPolicy}). */
export const createServiceRequestDecider = (
  policy: ServiceRequestPolicy,
): Decider<ServiceRequestCommand, ServiceRequestEvent, ServiceRequestState, ServiceRequestError> => {
  const slaAuthorization: AuthorizationRules<SlaCommand['type']> = {
    AttachSla: policy.authorization.AttachSla,
    RecordSlaWarning: policy.authorization.RecordSlaWarning,
    RecordSlaBreach: policy.authorization.RecordSlaBreach,
    RebaselineSla: policy.authorization.RebaselineSla,
  };
  const decideSla = decideSlaCommandWith(slaAuthorization);
  const decideOwn = decideServiceRequestOwn(policy);
  return {
    decide: (command, state): Decision => {
      if (!isSlaCommand(command)) return decideOwn(command, state.request);
      const authorized = authorize(policy.authorization, command.type, command.metadata.actor);
      if (authorized._tag === 'Left') return authorized;
      return decideRequestSlaCommand(decideSla, command, state);
    },
    evolve: evolveServiceRequest,
    initialState: initialServiceRequestState,
  };
};

/** The service request decider with the default policy. */
export const serviceRequestDecider = createServiceRequestDecider(defaultServiceRequestPolicy);

/** The id of the request a command addresses. */
export const serviceRequestIdOf = (command: ServiceRequestCommand): ServiceRequestId | string =>
  'serviceRequestId' in command.data ? command.data.serviceRequestId : command.data.record.id;
