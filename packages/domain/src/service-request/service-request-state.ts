/**
 * The state of a service request, folded from its own events: lifecycle
 * status, the catalog item version it was made against, its answers and its
 * fulfilment tasks.
 *
 * @module
 */
import type { FulfilmentTaskId, GroupId, ServiceRequestId, UserId } from '../shared/ids.js';
import type { CatalogItemVersionSnapshot } from '../service-catalog/catalog-item-definition.js';
import type { ServiceRequestStatus } from './service-request-errors.js';
import type { ServiceRequestOwnEvent, StoredFormAnswers } from './service-request-events.js';

/** The lifecycle of one fulfilment task. */
export type FulfilmentTaskStatus = 'open' | 'in-progress' | 'done' | 'skipped';

/** A fulfilment task of a request. */
export interface FulfilmentTask {
  readonly taskId: FulfilmentTaskId;
  readonly title: string;
  readonly assignmentGroup: GroupId;
  readonly agent?: UserId;
  readonly dependsOn: readonly FulfilmentTaskId[];
  readonly optional: boolean;
  readonly status: FulfilmentTaskStatus;
}

/** The state of a submitted request. */
export interface SubmittedServiceRequest {
  readonly status: Exclude<ServiceRequestStatus, 'none'>;
  readonly serviceRequestId: ServiceRequestId;
  /** The catalog item version the request was made against. */
  readonly catalogItem: CatalogItemVersionSnapshot;
  readonly requestedFor: UserId;
  readonly submittedBy: UserId;
  readonly answers: StoredFormAnswers;
  /** The approver group while (and after) approval was required. */
  readonly approverGroup?: GroupId;
  /** The tasks in template order. */
  readonly tasks: readonly FulfilmentTask[];
}

/** The state of a service request: none yet, or a submitted request. */
export type ServiceRequestOwnState = { readonly status: 'none' } | SubmittedServiceRequest;

/** The state of a service request with no events. */
export const initialServiceRequestOwnState: ServiceRequestOwnState = { status: 'none' };

/** Whether a task is done or skipped. */
export const isTaskClosed = (task: FulfilmentTask): boolean => task.status === 'done' || task.status === 'skipped';

const updateTask = (
  state: SubmittedServiceRequest,
  taskId: FulfilmentTaskId,
  update: (task: FulfilmentTask) => FulfilmentTask,
): SubmittedServiceRequest => ({
  ...state,
  tasks: state.tasks.map((task) => (task.taskId === taskId ? update(task) : task)),
});

/** Folds one of the request's own events into its state. */
export const evolveServiceRequestOwn = (
  state: ServiceRequestOwnState,
  event: ServiceRequestOwnEvent,
): ServiceRequestOwnState => {
  if (event.type === 'ServiceRequestSubmitted')
    return {
      status: 'submitted',
      serviceRequestId: event.data.serviceRequestId,
      catalogItem: event.data.catalogItem,
      requestedFor: event.data.requestedFor,
      submittedBy: event.data.by,
      answers: event.data.answers,
      tasks: [],
    };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ServiceRequestApprovalRequested':
      return { ...state, status: 'awaiting-approval', approverGroup: event.data.approverGroup };
    case 'ServiceRequestApproved':
      return { ...state, status: 'approved' };
    case 'ServiceRequestRejected':
      return { ...state, status: 'rejected' };
    case 'ServiceRequestFulfilmentStarted':
      return { ...state, status: 'in-fulfilment' };
    case 'FulfilmentTaskCreated': {
      const { taskId, title, assignmentGroup, dependsOn, optional } = event.data;
      return {
        ...state,
        tasks: [...state.tasks, { taskId, title, assignmentGroup, dependsOn, optional, status: 'open' }],
      };
    }
    case 'FulfilmentTaskAssigned': {
      const { agent, assignmentGroup } = event.data;
      return updateTask(state, event.data.taskId, ({ agent: _previous, ...task }) =>
        agent === undefined ? { ...task, assignmentGroup } : { ...task, assignmentGroup, agent },
      );
    }
    case 'FulfilmentTaskStarted':
      return updateTask(state, event.data.taskId, (task) => ({ ...task, status: 'in-progress' }));
    case 'FulfilmentTaskCompleted':
      return updateTask(state, event.data.taskId, (task) => ({ ...task, status: 'done' }));
    case 'FulfilmentTaskSkipped':
      return updateTask(state, event.data.taskId, (task) => ({ ...task, status: 'skipped' }));
    case 'ServiceRequestFulfilled':
      return { ...state, status: 'fulfilled' };
    case 'ServiceRequestClosedIncomplete':
      return { ...state, status: 'closed-incomplete' };
    case 'ServiceRequestCancelled':
      return { ...state, status: 'cancelled' };
  }
};
