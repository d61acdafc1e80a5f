/**
 * The configurable defaults of the service request decider: who may issue
 * each command, whether task work is limited to the task's group, and who may
 * cancel someone else's request.
 *
 * @module
 */
import type { Role } from '../shared/actor.js';
import type { AuthorizationRules } from '../shared/authorization.js';
import type { SlaCommand } from '../service-level/sla-record.js';
import type { ServiceRequestOwnCommandType } from './service-request-commands.js';

/** Every command type a service request stream accepts: the request's own and the SLA commands about it. */
export type ServiceRequestStreamCommandType = ServiceRequestOwnCommandType | SlaCommand['type'];

/** What the service request decider can be configured with. */
export interface ServiceRequestPolicy {
  readonly authorization: AuthorizationRules<ServiceRequestStreamCommandType>;
  /** When true, starting, completing or skipping a task needs membership of the task's assignment group. */
  readonly fulfillersMustBelongToTaskGroup: boolean;
  /** Roles that may cancel a request on someone else's behalf (others may cancel only their own). */
  readonly cancelOnBehalfRoles: readonly Role[];
}

/**
 * The default policy. SLA commands follow the SLA record's defaults, less
 * the incident manager. Approval is open to any authenticated role because the
 * real check is membership of the item's approver group (and segregation of
 * duties); fulfilment is for request fulfillers and service desk agents.
 */
export const defaultServiceRequestPolicy: ServiceRequestPolicy = {
  authorization: {
    SubmitServiceRequest: ['caller', 'service-desk-agent'],
    ApproveServiceRequest: ['caller', 'service-desk-agent', 'request-fulfiller', 'catalog-manager'],
    RejectServiceRequest: ['caller', 'service-desk-agent', 'request-fulfiller', 'catalog-manager'],
    AssignFulfilmentTask: ['service-desk-agent', 'request-fulfiller'],
    StartFulfilmentTask: ['request-fulfiller', 'service-desk-agent'],
    CompleteFulfilmentTask: ['request-fulfiller', 'service-desk-agent'],
    SkipFulfilmentTask: ['request-fulfiller', 'service-desk-agent'],
    CancelServiceRequest: ['caller', 'service-desk-agent', 'request-fulfiller'],
    CloseServiceRequestIncomplete: ['request-fulfiller', 'service-desk-agent'],
    AttachSla: ['process', 'service-desk-agent', 'service-level-manager'],
    RecordSlaWarning: ['process', 'service-level-manager'],
    RecordSlaBreach: ['process', 'service-level-manager'],
    RebaselineSla: ['process', 'service-level-manager'],
  },
  fulfillersMustBelongToTaskGroup: true,
  cancelOnBehalfRoles: ['service-desk-agent', 'request-fulfiller'],
};
