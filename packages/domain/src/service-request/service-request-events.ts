/**
 * Events of the service request aggregate, as io-ts codecs. Every event names
 * the request, when (`at`) and by whom (`by`). `ServiceRequestSubmitted`
 * records the whole catalog item version snapshot the request was made
 * against, so the request never depends on the catalog changing later.
 *
 * @module
 */
import * as t from 'io-ts';
import type { DomainEvent } from '@itsm/event-store';
import { eventSchemasOf } from '../shared/event-schemas.js';
import { FulfilmentTaskId, GroupId, ServiceRequestId, UserId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { LongText, ShortText } from '../shared/text.js';
import { CatalogItemVersionSnapshot } from '../service-catalog/catalog-item-definition.js';
import { exactRecord } from '../shared/message-codec.js';

const who = { at: Instant, by: UserId };
const request = { serviceRequestId: ServiceRequestId };
const task = { serviceRequestId: ServiceRequestId, taskId: FulfilmentTaskId };

/** Validated form answers as stored (codec and type). */
export const StoredFormAnswers = t.readonly(
  t.record(t.string, t.union([t.string, t.number, t.boolean])),
  'StoredFormAnswers',
);
/** Validated form answers as stored. */
export type StoredFormAnswers = t.TypeOf<typeof StoredFormAnswers>;

/** Data of `ServiceRequestSubmitted` (codec and type). */
export const ServiceRequestSubmittedData = t.readonly(
  t.exact(
    t.type({
      ...request,
      catalogItem: CatalogItemVersionSnapshot,
      requestedFor: UserId,
      answers: StoredFormAnswers,
      ...who,
    }),
  ),
);
/** Data of `ServiceRequestSubmitted`. */
export type ServiceRequestSubmittedData = t.TypeOf<typeof ServiceRequestSubmittedData>;

/** Data of `ServiceRequestApprovalRequested`: the request waits for a member of the approver group (codec and type). */
export const ServiceRequestApprovalRequestedData = t.readonly(
  t.exact(t.type({ ...request, approverGroup: GroupId, ...who })),
);
/** Data of `ServiceRequestApprovalRequested`. */
export type ServiceRequestApprovalRequestedData = t.TypeOf<typeof ServiceRequestApprovalRequestedData>;

/** Data of `ServiceRequestApproved` (codec and type). */
export const ServiceRequestApprovedData = exactRecord(
  'ServiceRequestApprovedData',
  { ...request, approverGroup: GroupId, ...who },
  { comment: LongText },
);
/** Data of `ServiceRequestApproved`. */
export type ServiceRequestApprovedData = t.TypeOf<typeof ServiceRequestApprovedData>;

/** Data of `ServiceRequestRejected` (codec and type). */
export const ServiceRequestRejectedData = t.readonly(t.exact(t.type({ ...request, reason: ShortText, ...who })));
/** Data of `ServiceRequestRejected`. */
export type ServiceRequestRejectedData = t.TypeOf<typeof ServiceRequestRejectedData>;

/** Data of `ServiceRequestFulfilmentStarted`: the tasks follow as `FulfilmentTaskCreated` (codec and type). */
export const ServiceRequestFulfilmentStartedData = t.readonly(t.exact(t.type({ ...request, ...who })));
/** Data of `ServiceRequestFulfilmentStarted`. */
export type ServiceRequestFulfilmentStartedData = t.TypeOf<typeof ServiceRequestFulfilmentStartedData>;

/** Data of `FulfilmentTaskCreated`: a task made from the item's template (codec and type). */
export const FulfilmentTaskCreatedData = t.readonly(
  t.exact(
    t.type({
      ...task,
      title: ShortText,
      assignmentGroup: GroupId,
      dependsOn: t.readonlyArray(FulfilmentTaskId),
      optional: t.boolean,
      ...who,
    }),
  ),
);
/** Data of `FulfilmentTaskCreated`. */
export type FulfilmentTaskCreatedData = t.TypeOf<typeof FulfilmentTaskCreatedData>;

/** Data of `FulfilmentTaskAssigned` (codec and type). */
export const FulfilmentTaskAssignedData = exactRecord(
  'FulfilmentTaskAssignedData',
  { ...task, assignmentGroup: GroupId, ...who },
  { agent: UserId },
);
/** Data of `FulfilmentTaskAssigned`. */
export type FulfilmentTaskAssignedData = t.TypeOf<typeof FulfilmentTaskAssignedData>;

/** Data of `FulfilmentTaskStarted` (codec and type). */
export const FulfilmentTaskStartedData = t.readonly(t.exact(t.type({ ...task, ...who })));
/** Data of `FulfilmentTaskStarted`. */
export type FulfilmentTaskStartedData = t.TypeOf<typeof FulfilmentTaskStartedData>;

/** Data of `FulfilmentTaskCompleted` (codec and type). */
export const FulfilmentTaskCompletedData = exactRecord(
  'FulfilmentTaskCompletedData',
  { ...task, ...who },
  { note: LongText },
);
/** Data of `FulfilmentTaskCompleted`. */
export type FulfilmentTaskCompletedData = t.TypeOf<typeof FulfilmentTaskCompletedData>;

/** Data of `FulfilmentTaskSkipped` (codec and type). */
export const FulfilmentTaskSkippedData = t.readonly(t.exact(t.type({ ...task, reason: ShortText, ...who })));
/** Data of `FulfilmentTaskSkipped`. */
export type FulfilmentTaskSkippedData = t.TypeOf<typeof FulfilmentTaskSkippedData>;

/** Data of `ServiceRequestFulfilled`: every required task is done, every other one done or skipped (codec and type). */
export const ServiceRequestFulfilledData = t.readonly(t.exact(t.type({ ...request, ...who })));
/** Data of `ServiceRequestFulfilled`. */
export type ServiceRequestFulfilledData = t.TypeOf<typeof ServiceRequestFulfilledData>;

/** Data of `ServiceRequestClosedIncomplete` (codec and type). */
export const ServiceRequestClosedIncompleteData = t.readonly(
  t.exact(t.type({ ...request, reason: ShortText, ...who })),
);
/** Data of `ServiceRequestClosedIncomplete`. */
export type ServiceRequestClosedIncompleteData = t.TypeOf<typeof ServiceRequestClosedIncompleteData>;

/** Data of `ServiceRequestCancelled` (codec and type). */
export const ServiceRequestCancelledData = t.readonly(t.exact(t.type({ ...request, reason: ShortText, ...who })));
/** Data of `ServiceRequestCancelled`. */
export type ServiceRequestCancelledData = t.TypeOf<typeof ServiceRequestCancelledData>;

/** The service request's own events. */
export type ServiceRequestOwnEvent =
  | DomainEvent<'ServiceRequestSubmitted', ServiceRequestSubmittedData>
  | DomainEvent<'ServiceRequestApprovalRequested', ServiceRequestApprovalRequestedData>
  | DomainEvent<'ServiceRequestApproved', ServiceRequestApprovedData>
  | DomainEvent<'ServiceRequestRejected', ServiceRequestRejectedData>
  | DomainEvent<'ServiceRequestFulfilmentStarted', ServiceRequestFulfilmentStartedData>
  | DomainEvent<'FulfilmentTaskCreated', FulfilmentTaskCreatedData>
  | DomainEvent<'FulfilmentTaskAssigned', FulfilmentTaskAssignedData>
  | DomainEvent<'FulfilmentTaskStarted', FulfilmentTaskStartedData>
  | DomainEvent<'FulfilmentTaskCompleted', FulfilmentTaskCompletedData>
  | DomainEvent<'FulfilmentTaskSkipped', FulfilmentTaskSkippedData>
  | DomainEvent<'ServiceRequestFulfilled', ServiceRequestFulfilledData>
  | DomainEvent<'ServiceRequestClosedIncomplete', ServiceRequestClosedIncompleteData>
  | DomainEvent<'ServiceRequestCancelled', ServiceRequestCancelledData>;

/** The data codec of each of the service request's own event types. */
export const serviceRequestOwnEventCodecs = {
  ServiceRequestSubmitted: ServiceRequestSubmittedData,
  ServiceRequestApprovalRequested: ServiceRequestApprovalRequestedData,
  ServiceRequestApproved: ServiceRequestApprovedData,
  ServiceRequestRejected: ServiceRequestRejectedData,
  ServiceRequestFulfilmentStarted: ServiceRequestFulfilmentStartedData,
  FulfilmentTaskCreated: FulfilmentTaskCreatedData,
  FulfilmentTaskAssigned: FulfilmentTaskAssignedData,
  FulfilmentTaskStarted: FulfilmentTaskStartedData,
  FulfilmentTaskCompleted: FulfilmentTaskCompletedData,
  FulfilmentTaskSkipped: FulfilmentTaskSkippedData,
  ServiceRequestFulfilled: ServiceRequestFulfilledData,
  ServiceRequestClosedIncomplete: ServiceRequestClosedIncompleteData,
  ServiceRequestCancelled: ServiceRequestCancelledData,
} as const;

/** Registry entries for the service request's own event types (all at schema version 1). */
export const serviceRequestOwnEventSchemas = eventSchemasOf(
  Object.fromEntries(Object.entries(serviceRequestOwnEventCodecs).map(([type, codec]) => [type, { codec }])),
);

/** Whether an event (of any aggregate) is one of the service request's own events, by its type. */
export const isServiceRequestOwnEvent = (event: { readonly type: string }): event is ServiceRequestOwnEvent =>
  Object.hasOwn(serviceRequestOwnEventCodecs, event.type);
