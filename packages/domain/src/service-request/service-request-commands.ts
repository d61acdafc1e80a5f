/**
 * Commands of the service request aggregate, as io-ts codecs. The submission
 * carries the catalog item version snapshot the application read; the
 * answers are checked against that version's form by the decider (the
 * command codec only requires an object, since the form is data).
 *
 * @module
 */
import * as t from 'io-ts';
import { FulfilmentTaskId, GroupId, ServiceRequestId, UserId } from '../shared/ids.js';
import { LongText, ShortText } from '../shared/text.js';
import { CatalogItemVersionSnapshot } from '../service-catalog/catalog-item-definition.js';
import { exactRecord, messageUnion } from '../shared/message-codec.js';
import { commandCodec } from '../shared/message-envelope.js';

/** Data of `SubmitServiceRequest` (codec and type). */
export const SubmitServiceRequestData = t.readonly(
  t.exact(
    t.type({
      serviceRequestId: ServiceRequestId,
      /** The published catalog item version the request is made against, as the application read it. */
      catalogItem: CatalogItemVersionSnapshot,
      /** Who the request is for (the submitter may order on someone's behalf). */
      requestedFor: UserId,
      /** The requester's answers to the item's form, by field name. */
      answers: t.UnknownRecord,
    }),
  ),
);
/** Data of `SubmitServiceRequest`. */
export type SubmitServiceRequestData = t.TypeOf<typeof SubmitServiceRequestData>;

/** Data of `ApproveServiceRequest` (codec and type). */
export const ApproveServiceRequestData = exactRecord(
  'ApproveServiceRequestData',
  { serviceRequestId: ServiceRequestId },
  { comment: LongText },
);
/** Data of `ApproveServiceRequest`. */
export type ApproveServiceRequestData = t.TypeOf<typeof ApproveServiceRequestData>;

/** Data of `RejectServiceRequest` (codec and type). */
export const RejectServiceRequestData = t.readonly(
  t.exact(t.type({ serviceRequestId: ServiceRequestId, reason: ShortText })),
);
/** Data of `RejectServiceRequest`. */
export type RejectServiceRequestData = t.TypeOf<typeof RejectServiceRequestData>;

/** An agent to assign a task to, with the fact the application checked: whether they belong to the group (codec and type). */
export const TaskAssignee = t.readonly(t.exact(t.type({ agent: UserId, isMemberOfGroup: t.boolean })), 'TaskAssignee');
/** An agent to assign a task to, with their group membership as checked by the application. */
export type TaskAssignee = t.TypeOf<typeof TaskAssignee>;

/** Data of `AssignFulfilmentTask`: a group, and optionally an agent of that group (codec and type). */
export const AssignFulfilmentTaskData = exactRecord(
  'AssignFulfilmentTaskData',
  { serviceRequestId: ServiceRequestId, taskId: FulfilmentTaskId, assignmentGroup: GroupId },
  { assignee: TaskAssignee },
);
/** Data of `AssignFulfilmentTask`. */
export type AssignFulfilmentTaskData = t.TypeOf<typeof AssignFulfilmentTaskData>;

/** Data of `StartFulfilmentTask` (codec and type). */
export const StartFulfilmentTaskData = t.readonly(
  t.exact(t.type({ serviceRequestId: ServiceRequestId, taskId: FulfilmentTaskId })),
);
/** Data of `StartFulfilmentTask`. */
export type StartFulfilmentTaskData = t.TypeOf<typeof StartFulfilmentTaskData>;

/** Data of `CompleteFulfilmentTask` (codec and type). */
export const CompleteFulfilmentTaskData = exactRecord(
  'CompleteFulfilmentTaskData',
  { serviceRequestId: ServiceRequestId, taskId: FulfilmentTaskId },
  { note: LongText },
);
/** Data of `CompleteFulfilmentTask`. */
export type CompleteFulfilmentTaskData = t.TypeOf<typeof CompleteFulfilmentTaskData>;

/** Data of `SkipFulfilmentTask`: only optional tasks may be skipped (codec and type). */
export const SkipFulfilmentTaskData = t.readonly(
  t.exact(t.type({ serviceRequestId: ServiceRequestId, taskId: FulfilmentTaskId, reason: ShortText })),
);
/** Data of `SkipFulfilmentTask`. */
export type SkipFulfilmentTaskData = t.TypeOf<typeof SkipFulfilmentTaskData>;

/** Data of `CancelServiceRequest` (codec and type). */
export const CancelServiceRequestData = t.readonly(
  t.exact(t.type({ serviceRequestId: ServiceRequestId, reason: ShortText })),
);
/** Data of `CancelServiceRequest`. */
export type CancelServiceRequestData = t.TypeOf<typeof CancelServiceRequestData>;

/** Data of `CloseServiceRequestIncomplete`: fulfilment cannot be finished (codec and type). */
export const CloseServiceRequestIncompleteData = t.readonly(
  t.exact(t.type({ serviceRequestId: ServiceRequestId, reason: ShortText })),
);
/** Data of `CloseServiceRequestIncomplete`. */
export type CloseServiceRequestIncompleteData = t.TypeOf<typeof CloseServiceRequestIncompleteData>;

/** The codec of each of the service request's own commands, by type. */
export const serviceRequestOwnCommandCodecs = {
  SubmitServiceRequest: commandCodec('SubmitServiceRequest', SubmitServiceRequestData),
  ApproveServiceRequest: commandCodec('ApproveServiceRequest', ApproveServiceRequestData),
  RejectServiceRequest: commandCodec('RejectServiceRequest', RejectServiceRequestData),
  AssignFulfilmentTask: commandCodec('AssignFulfilmentTask', AssignFulfilmentTaskData),
  StartFulfilmentTask: commandCodec('StartFulfilmentTask', StartFulfilmentTaskData),
  CompleteFulfilmentTask: commandCodec('CompleteFulfilmentTask', CompleteFulfilmentTaskData),
  SkipFulfilmentTask: commandCodec('SkipFulfilmentTask', SkipFulfilmentTaskData),
  CancelServiceRequest: commandCodec('CancelServiceRequest', CancelServiceRequestData),
  CloseServiceRequestIncomplete: commandCodec('CloseServiceRequestIncomplete', CloseServiceRequestIncompleteData),
};

/** The service request's own commands (codec and type). */
export const ServiceRequestOwnCommand = messageUnion('ServiceRequestOwnCommand', serviceRequestOwnCommandCodecs);
/** The service request's own commands. */
export type ServiceRequestOwnCommand = t.TypeOf<typeof ServiceRequestOwnCommand>;
/** The type names of the service request's own commands. */
export type ServiceRequestOwnCommandType = ServiceRequestOwnCommand['type'];
