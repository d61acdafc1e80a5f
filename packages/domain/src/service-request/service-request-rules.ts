/**
 * The service request's own decision rules: submission against a catalog
 * item version, approval with segregation of duties, fulfilment tasks with
 * dependencies, and closure. The fulfilment rule: the request is fulfilled,
 * in the same decision, as soon as no task is open or in progress; since a
 * required task can never be skipped, that means every required task is
 * done and every optional one is done or skipped. A request whose item has no
 * tasks is fulfilled when fulfilment starts.
 *
 * @module
 */
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { hasRole, isMemberOf } from '../shared/actor.js';
import { authorize } from '../shared/authorization.js';
import { decodeInput } from '../shared/codec-decoding.js';
import type { Instant } from '../shared/instant.js';
import type { UserId } from '../shared/ids.js';
import { formCodecOf } from '../service-catalog/catalog-form.js';
import { definitionProblems } from '../service-catalog/catalog-item-definition.js';
import type { ServiceRequestOwnCommand } from './service-request-commands.js';
import type { FulfilmentTaskId } from '../shared/ids.js';
import type { ServiceRequestOwnError } from './service-request-errors.js';
import type { ServiceRequestOwnEvent } from './service-request-events.js';
import type { ServiceRequestPolicy } from './service-request-policy.js';
import {
  evolveServiceRequestOwn,
  isTaskClosed,
  type FulfilmentTask,
  type ServiceRequestOwnState,
  type SubmittedServiceRequest,
} from './service-request-state.js';

type Decision = Either<ServiceRequestOwnError, readonly ServiceRequestOwnEvent[]>;
interface Who {
  readonly at: Instant;
  readonly by: UserId;
}

const closedStatuses = new Set(['rejected', 'fulfilled', 'closed-incomplete', 'cancelled']);

/** The tasks of a request made from its item version's templates, then the fulfilled event if nothing is left to do. */
const startFulfilment = (state: SubmittedServiceRequest, who: Who): readonly ServiceRequestOwnEvent[] => {
  const { serviceRequestId } = state;
  const events: ServiceRequestOwnEvent[] = [
    { type: 'ServiceRequestFulfilmentStarted', data: { serviceRequestId, ...who } },
  ];
  for (const template of state.catalogItem.fulfilmentTasks)
    events.push({
      type: 'FulfilmentTaskCreated',
      data: {
        serviceRequestId,
        taskId: template.taskId,
        title: template.title,
        assignmentGroup: template.assignmentGroup,
        dependsOn: template.dependsOn,
        optional: template.optional,
        ...who,
      },
    });
  if (state.catalogItem.fulfilmentTasks.length === 0)
    events.push({ type: 'ServiceRequestFulfilled', data: { serviceRequestId, ...who } });
  return events;
};

/** The task event, followed by the fulfilled event when it closes the last open task. */
const closingTask = (
  state: SubmittedServiceRequest,
  event: ServiceRequestOwnEvent,
  who: Who,
): readonly ServiceRequestOwnEvent[] => {
  const after = evolveServiceRequestOwn(state, event);
  if (after.status !== 'none' && after.tasks.every(isTaskClosed))
    return [event, { type: 'ServiceRequestFulfilled', data: { serviceRequestId: state.serviceRequestId, ...who } }];
  return [event];
};

const submit = (
  command: Extract<ServiceRequestOwnCommand, { type: 'SubmitServiceRequest' }>,
  state: ServiceRequestOwnState,
  who: Who,
): Decision => {
  const { serviceRequestId, catalogItem, requestedFor } = command.data;
  if (state.status !== 'none') return left({ _tag: 'ServiceRequestAlreadySubmitted', serviceRequestId });
  if (catalogItem.itemStatus !== 'published')
    return left({
      _tag: 'CatalogItemNotOrderable',
      catalogItemId: catalogItem.catalogItemId,
      version: catalogItem.version,
    });
  const problems = definitionProblems(catalogItem);
  if (problems.length > 0) return left({ _tag: 'CatalogItemSnapshotInvalid', problems });
  // Decoding `{ answers }` makes every problem's path start with `answers.`.
  const decoded = decodeInput(t.type({ answers: formCodecOf(catalogItem.formFields) }), {
    answers: command.data.answers,
  });
  if (decoded._tag === 'Left') return left({ _tag: 'AnswersDoNotMatchForm', problems: decoded.left.problems });
  const submitted: ServiceRequestOwnEvent = {
    type: 'ServiceRequestSubmitted',
    data: { serviceRequestId, catalogItem, requestedFor, answers: decoded.right.answers, ...who },
  };
  const approval = catalogItem.approval;
  if (approval.required)
    return right([
      submitted,
      {
        type: 'ServiceRequestApprovalRequested',
        data: { serviceRequestId, approverGroup: approval.approverGroup, ...who },
      },
    ]);
  const afterSubmission = evolveServiceRequestOwn(state, submitted) as SubmittedServiceRequest;
  return right([submitted, ...startFulfilment(afterSubmission, who)]);
};

const findTask = (
  state: SubmittedServiceRequest,
  taskId: FulfilmentTaskId,
): Either<ServiceRequestOwnError, FulfilmentTask> => {
  const task = state.tasks.find((candidate) => candidate.taskId === taskId);
  return task === undefined ? left({ _tag: 'FulfilmentTaskNotFound', taskId }) : right(task);
};

/** Checks the request is in fulfilment and the task exists, is still open or in progress and, by policy, the actor is in its group. */
const workableTask = (
  policy: ServiceRequestPolicy,
  command: Extract<ServiceRequestOwnCommand, { data: { taskId: FulfilmentTaskId } }>,
  state: SubmittedServiceRequest,
  checkGroup: boolean,
): Either<ServiceRequestOwnError, FulfilmentTask> => {
  if (state.status !== 'in-fulfilment') return left({ _tag: 'ServiceRequestNotInFulfilment', status: state.status });
  const found = findTask(state, command.data.taskId);
  if (found._tag === 'Left') return found;
  const task = found.right;
  if (task.status === 'done' || task.status === 'skipped')
    return left({ _tag: 'FulfilmentTaskAlreadyClosed', taskId: task.taskId, status: task.status });
  const actor = command.metadata.actor;
  if (checkGroup && policy.fulfillersMustBelongToTaskGroup && !isMemberOf(actor, task.assignmentGroup))
    return left({
      _tag: 'NotInTaskAssignmentGroup',
      actor: actor.id,
      taskId: task.taskId,
      assignmentGroup: task.assignmentGroup,
    });
  return right(task);
};

/** Decides one of the service request's own commands under a policy. */
export const decideServiceRequestOwn =
  (policy: ServiceRequestPolicy) =>
  (command: ServiceRequestOwnCommand, state: ServiceRequestOwnState): Decision => {
    const actor = command.metadata.actor;
    const authorized = authorize(policy.authorization, command.type, actor);
    if (authorized._tag === 'Left') return authorized;
    const who: Who = { at: command.metadata.occurredAt, by: actor.id };
    if (command.type === 'SubmitServiceRequest') return submit(command, state, who);
    const { serviceRequestId } = command.data;
    if (state.status === 'none') return left({ _tag: 'ServiceRequestNotFound', serviceRequestId });

    switch (command.type) {
      case 'ApproveServiceRequest':
      case 'RejectServiceRequest': {
        if (state.status !== 'awaiting-approval' || state.approverGroup === undefined)
          return left({ _tag: 'ServiceRequestNotAwaitingApproval', status: state.status });
        // Segregation of duties: neither the submitter nor the beneficiary decides on the request.
        if (actor.id === state.submittedBy || actor.id === state.requestedFor)
          return left({ _tag: 'RequesterCannotApprove', actor: actor.id });
        if (!isMemberOf(actor, state.approverGroup))
          return left({ _tag: 'ApproverNotInApproverGroup', actor: actor.id, approverGroup: state.approverGroup });
        if (command.type === 'RejectServiceRequest')
          return right([
            { type: 'ServiceRequestRejected', data: { serviceRequestId, reason: command.data.reason, ...who } },
          ]);
        const approved: ServiceRequestOwnEvent = {
          type: 'ServiceRequestApproved',
          data:
            command.data.comment === undefined
              ? { serviceRequestId, approverGroup: state.approverGroup, ...who }
              : { serviceRequestId, approverGroup: state.approverGroup, comment: command.data.comment, ...who },
        };
        return right([approved, ...startFulfilment(state, who)]);
      }
      case 'AssignFulfilmentTask': {
        const task = workableTask(policy, command, state, false);
        if (task._tag === 'Left') return task;
        const { taskId, assignmentGroup, assignee } = command.data;
        if (assignee === undefined)
          return right([
            { type: 'FulfilmentTaskAssigned', data: { serviceRequestId, taskId, assignmentGroup, ...who } },
          ]);
        if (!assignee.isMemberOfGroup)
          return left({ _tag: 'AssigneeNotInAssignmentGroup', agent: assignee.agent, assignmentGroup });
        return right([
          {
            type: 'FulfilmentTaskAssigned',
            data: { serviceRequestId, taskId, assignmentGroup, agent: assignee.agent, ...who },
          },
        ]);
      }
      case 'StartFulfilmentTask': {
        const found = workableTask(policy, command, state, true);
        if (found._tag === 'Left') return found;
        const task = found.right;
        if (task.status === 'in-progress') return left({ _tag: 'FulfilmentTaskAlreadyStarted', taskId: task.taskId });
        const openDependencies = task.dependsOn.filter((dependency) => {
          const other = state.tasks.find((candidate) => candidate.taskId === dependency);
          return other !== undefined && !isTaskClosed(other);
        });
        if (openDependencies.length > 0)
          return left({ _tag: 'FulfilmentTaskDependenciesOpen', taskId: task.taskId, openDependencies });
        return right([{ type: 'FulfilmentTaskStarted', data: { serviceRequestId, taskId: task.taskId, ...who } }]);
      }
      case 'CompleteFulfilmentTask': {
        const found = workableTask(policy, command, state, true);
        if (found._tag === 'Left') return found;
        if (found.right.status !== 'in-progress')
          return left({ _tag: 'FulfilmentTaskNotStarted', taskId: found.right.taskId });
        const { taskId, note } = command.data;
        const completed: ServiceRequestOwnEvent = {
          type: 'FulfilmentTaskCompleted',
          data: note === undefined ? { serviceRequestId, taskId, ...who } : { serviceRequestId, taskId, note, ...who },
        };
        return right(closingTask(state, completed, who));
      }
      case 'SkipFulfilmentTask': {
        const found = workableTask(policy, command, state, true);
        if (found._tag === 'Left') return found;
        if (!found.right.optional)
          return left({ _tag: 'RequiredFulfilmentTaskCannotBeSkipped', taskId: found.right.taskId });
        const skipped: ServiceRequestOwnEvent = {
          type: 'FulfilmentTaskSkipped',
          data: { serviceRequestId, taskId: command.data.taskId, reason: command.data.reason, ...who },
        };
        return right(closingTask(state, skipped, who));
      }
      case 'CancelServiceRequest': {
        if (closedStatuses.has(state.status))
          return left({ _tag: 'ServiceRequestAlreadyClosed', status: state.status });
        const ownRequest = actor.id === state.submittedBy || actor.id === state.requestedFor;
        if (!ownRequest && !policy.cancelOnBehalfRoles.some((role) => hasRole(actor, role)))
          return left({ _tag: 'NotRequesterOfServiceRequest', actor: actor.id });
        return right([
          { type: 'ServiceRequestCancelled', data: { serviceRequestId, reason: command.data.reason, ...who } },
        ]);
      }
      case 'CloseServiceRequestIncomplete': {
        if (closedStatuses.has(state.status))
          return left({ _tag: 'ServiceRequestAlreadyClosed', status: state.status });
        if (state.status !== 'in-fulfilment')
          return left({ _tag: 'ServiceRequestNotInFulfilment', status: state.status });
        return right([
          { type: 'ServiceRequestClosedIncomplete', data: { serviceRequestId, reason: command.data.reason, ...who } },
        ]);
      }
    }
  };
