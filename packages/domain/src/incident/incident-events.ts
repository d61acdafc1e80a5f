/**
 * Incident events: io-ts codecs for the data of every event an incident
 * stream records, and the union of them. Event type names are fixed forever
 * (a new shape is a new schema version with an upcaster). Every event's data
 * carries `incidentId`, `at` (the command's `occurredAt`) and `by` (the
 * actor's id): SLA clocks, metrics and the audit trail read who and when
 * from history.
 *
 * Limits: SLA events recorded on incident streams are defined by the service
 * level module and are not part of {@link IncidentEvent}; the incident decider
 * accepts both (`IncidentStreamEvent`).
 *
 * @module
 */
import * as t from 'io-ts';
import {
  ArticleId,
  ChangeId,
  ConfigurationItemId,
  GroupId,
  IncidentId,
  ProblemId,
  ServiceId,
  UserId,
} from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { Level, Priority } from '../shared/priority.js';
import { LongText, ShortText } from '../shared/text.js';
import { exactRecord, messageUnion } from '../shared/message-codec.js';
import { eventCodec } from '../shared/message-envelope.js';

/** How an incident reached the service desk (codec and type). */
export const IncidentChannel = t.keyof(
  { phone: null, email: null, 'self-service': null, chat: null, 'walk-in': null, monitoring: null },
  'IncidentChannel',
);
/** How an incident reached the service desk. */
export type IncidentChannel = t.TypeOf<typeof IncidentChannel>;

/** Why an incident waits: on the caller, a change, a problem or a vendor (codec and type). */
export const OnHoldReason = t.keyof(
  { 'awaiting-caller': null, 'awaiting-change': null, 'awaiting-problem': null, 'awaiting-vendor': null },
  'OnHoldReason',
);
/** Why an incident waits. */
export type OnHoldReason = t.TypeOf<typeof OnHoldReason>;

/** A functional escalation moves the incident to another group or tier; a hierarchic one involves management (codec and type). */
export const EscalationKind = t.keyof({ functional: null, hierarchic: null }, 'EscalationKind');
/** The kind of an escalation. */
export type EscalationKind = t.TypeOf<typeof EscalationKind>;

/** A hierarchic escalation level: 1 team lead … 5 executive management (codec and type). */
export const HierarchicLevel = t.union(
  [t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)],
  'HierarchicLevel',
);
/** A hierarchic escalation level, 1 to 5. */
export type HierarchicLevel = t.TypeOf<typeof HierarchicLevel>;

/** How a resolution was reached (codec and type). */
export const ResolutionCode = t.keyof(
  {
    'solved-permanently': null,
    'solved-workaround': null,
    'solved-remotely': null,
    'not-reproducible': null,
    'resolved-by-caller': null,
    'resolved-by-change': null,
    'resolved-by-problem': null,
  },
  'ResolutionCode',
);
/** How a resolution was reached. */
export type ResolutionCode = t.TypeOf<typeof ResolutionCode>;

/** How a change relates to an incident (codec and type). */
export const ChangeRelation = t.keyof({ 'caused-by': null, 'resolved-by': null, related: null }, 'ChangeRelation');
/** How a change relates to an incident. */
export type ChangeRelation = t.TypeOf<typeof ChangeRelation>;

/** How an incident was closed: the caller (or the desk for them) confirmed, or a process closed it after the waiting period (codec and type). */
export const IncidentClosure = t.keyof({ confirmed: null, 'auto-closed': null }, 'IncidentClosure');
/** How an incident was closed. */
export type IncidentClosure = t.TypeOf<typeof IncidentClosure>;

/** Why an incident was cancelled (codec and type). */
export const CancellationReason = t.keyof({ duplicate: null, 'not-an-incident': null }, 'CancellationReason');
/** Why an incident was cancelled. */
export type CancellationReason = t.TypeOf<typeof CancellationReason>;

/** The brand of a note text. */
export interface NoteTextBrand {
  readonly NoteText: unique symbol;
}
/** A non-blank text of at most `LONG_TEXT_MAX` characters: comments, work notes, resolution notes (codec and type). */
export const NoteText = t.brand(
  LongText,
  (value): value is t.Branded<LongText, NoteTextBrand> => value.trim().length > 0,
  'NoteText',
);
/** A non-blank long text. */
export type NoteText = t.TypeOf<typeof NoteText>;

const recorded = { incidentId: IncidentId, at: Instant, by: UserId };

const eventData = <P extends t.Props, O extends t.Props>(name: string, required: P, optional: O) =>
  exactRecord(name, { ...recorded, ...required }, optional);

/** Data of `IncidentLogged`: who is affected, what, how badly, and the priority the matrix gave (codec and type). */
export const IncidentLoggedData = eventData(
  'IncidentLoggedData',
  {
    caller: UserId,
    service: ServiceId,
    category: ShortText,
    impact: Level,
    urgency: Level,
    priority: Priority,
    channel: IncidentChannel,
    shortDescription: ShortText,
    description: LongText,
  },
  { configurationItem: ConfigurationItemId, subcategory: ShortText },
);
/** Data of `IncidentLogged`. */
export type IncidentLoggedData = t.TypeOf<typeof IncidentLoggedData>;
/** An incident was logged (codec and type). */
export const IncidentLogged = eventCodec('IncidentLogged', IncidentLoggedData);
/** An incident was logged. */
export type IncidentLogged = t.TypeOf<typeof IncidentLogged>;

/** Data of `IncidentRecategorized`: the new category and the one it replaced (codec and type). */
export const IncidentRecategorizedData = eventData(
  'IncidentRecategorizedData',
  { category: ShortText, previousCategory: ShortText },
  { subcategory: ShortText, previousSubcategory: ShortText, reason: ShortText },
);
/** Data of `IncidentRecategorized`. */
export type IncidentRecategorizedData = t.TypeOf<typeof IncidentRecategorizedData>;
/** An incident's category changed (codec and type). */
export const IncidentRecategorized = eventCodec('IncidentRecategorized', IncidentRecategorizedData);
/** An incident's category changed. */
export type IncidentRecategorized = t.TypeOf<typeof IncidentRecategorized>;

/**
 * Data of `IncidentPriorityChanged`: the current impact and urgency, the new
 * priority, the one before and why; `overridden` when an incident manager set
 * the priority against the matrix (codec and type).
 */
export const IncidentPriorityChangedData = eventData(
  'IncidentPriorityChangedData',
  {
    impact: Level,
    urgency: Level,
    priority: Priority,
    previousPriority: Priority,
    reason: ShortText,
    overridden: t.boolean,
  },
  {},
);
/** Data of `IncidentPriorityChanged`. */
export type IncidentPriorityChangedData = t.TypeOf<typeof IncidentPriorityChangedData>;
/** An incident's impact, urgency or priority changed (codec and type). */
export const IncidentPriorityChanged = eventCodec('IncidentPriorityChanged', IncidentPriorityChangedData);
/** An incident's impact, urgency or priority changed. */
export type IncidentPriorityChanged = t.TypeOf<typeof IncidentPriorityChanged>;

/** Data of `IncidentAssignedToGroup`: the group now responsible; any assigned agent is released (codec and type). */
export const IncidentAssignedToGroupData = eventData('IncidentAssignedToGroupData', { group: GroupId }, {});
/** Data of `IncidentAssignedToGroup`. */
export type IncidentAssignedToGroupData = t.TypeOf<typeof IncidentAssignedToGroupData>;
/** An incident was assigned (or reassigned) to a group (codec and type). */
export const IncidentAssignedToGroup = eventCodec('IncidentAssignedToGroup', IncidentAssignedToGroupData);
/** An incident was assigned to a group. */
export type IncidentAssignedToGroup = t.TypeOf<typeof IncidentAssignedToGroup>;

/** Data of `IncidentAssignedToAgent`: the agent and the group they act for (codec and type). */
export const IncidentAssignedToAgentData = eventData(
  'IncidentAssignedToAgentData',
  { group: GroupId, agent: UserId },
  {},
);
/** Data of `IncidentAssignedToAgent`. */
export type IncidentAssignedToAgentData = t.TypeOf<typeof IncidentAssignedToAgentData>;
/** An incident was assigned to an agent of its group (codec and type). */
export const IncidentAssignedToAgent = eventCodec('IncidentAssignedToAgent', IncidentAssignedToAgentData);
/** An incident was assigned to an agent. */
export type IncidentAssignedToAgent = t.TypeOf<typeof IncidentAssignedToAgent>;

/** Data of `IncidentWorkStarted`: the first response (codec and type). */
export const IncidentWorkStartedData = eventData('IncidentWorkStartedData', {}, {});
/** Data of `IncidentWorkStarted`. */
export type IncidentWorkStartedData = t.TypeOf<typeof IncidentWorkStartedData>;
/** Work on an incident started: its first response (codec and type). */
export const IncidentWorkStarted = eventCodec('IncidentWorkStarted', IncidentWorkStartedData);
/** Work on an incident started. */
export type IncidentWorkStarted = t.TypeOf<typeof IncidentWorkStarted>;

/** Data of `IncidentCommentAdded`: a public comment, visible to the caller; `byCaller` when the caller wrote it (codec and type). */
export const IncidentCommentAddedData = eventData(
  'IncidentCommentAddedData',
  { text: NoteText, byCaller: t.boolean },
  {},
);
/** Data of `IncidentCommentAdded`. */
export type IncidentCommentAddedData = t.TypeOf<typeof IncidentCommentAddedData>;
/** A public comment was added (codec and type). */
export const IncidentCommentAdded = eventCodec('IncidentCommentAdded', IncidentCommentAddedData);
/** A public comment was added. */
export type IncidentCommentAdded = t.TypeOf<typeof IncidentCommentAdded>;

/** Data of `IncidentWorkNoteAdded`: a private note for the support teams, never shown to the caller (codec and type). */
export const IncidentWorkNoteAddedData = eventData('IncidentWorkNoteAddedData', { text: NoteText }, {});
/** Data of `IncidentWorkNoteAdded`. */
export type IncidentWorkNoteAddedData = t.TypeOf<typeof IncidentWorkNoteAddedData>;
/** A private work note was added (codec and type). */
export const IncidentWorkNoteAdded = eventCodec('IncidentWorkNoteAdded', IncidentWorkNoteAddedData);
/** A private work note was added. */
export type IncidentWorkNoteAdded = t.TypeOf<typeof IncidentWorkNoteAdded>;

/** Data of `IncidentPutOnHold`: what the incident waits for (codec and type). */
export const IncidentPutOnHoldData = eventData('IncidentPutOnHoldData', { reason: OnHoldReason }, { note: LongText });
/** Data of `IncidentPutOnHold`. */
export type IncidentPutOnHoldData = t.TypeOf<typeof IncidentPutOnHoldData>;
/** An incident was put on hold (codec and type). */
export const IncidentPutOnHold = eventCodec('IncidentPutOnHold', IncidentPutOnHoldData);
/** An incident was put on hold. */
export type IncidentPutOnHold = t.TypeOf<typeof IncidentPutOnHold>;

/** Data of `IncidentResumed`: `automatic` when the caller's reply resumed it (codec and type). */
export const IncidentResumedData = eventData('IncidentResumedData', { automatic: t.boolean }, {});
/** Data of `IncidentResumed`. */
export type IncidentResumedData = t.TypeOf<typeof IncidentResumedData>;
/** Work on an incident on hold resumed (codec and type). */
export const IncidentResumed = eventCodec('IncidentResumed', IncidentResumedData);
/** Work on an incident on hold resumed. */
export type IncidentResumed = t.TypeOf<typeof IncidentResumed>;

/**
 * Data of `IncidentEscalated`: functional (with `toGroup`; an
 * `IncidentAssignedToGroup` follows in the same decision) or hierarchic (with
 * the management `level` reached) (codec and type).
 */
export const IncidentEscalatedData = eventData(
  'IncidentEscalatedData',
  { kind: EscalationKind, reason: ShortText },
  { toGroup: GroupId, level: HierarchicLevel },
);
/** Data of `IncidentEscalated`. */
export type IncidentEscalatedData = t.TypeOf<typeof IncidentEscalatedData>;
/** An incident was escalated (codec and type). */
export const IncidentEscalated = eventCodec('IncidentEscalated', IncidentEscalatedData);
/** An incident was escalated. */
export type IncidentEscalated = t.TypeOf<typeof IncidentEscalated>;

/** Data of `IncidentMajorDeclared` (codec and type). */
export const IncidentMajorDeclaredData = eventData('IncidentMajorDeclaredData', { reason: ShortText }, {});
/** Data of `IncidentMajorDeclared`. */
export type IncidentMajorDeclaredData = t.TypeOf<typeof IncidentMajorDeclaredData>;
/** An incident was declared a major incident (codec and type). */
export const IncidentMajorDeclared = eventCodec('IncidentMajorDeclared', IncidentMajorDeclaredData);
/** An incident was declared a major incident. */
export type IncidentMajorDeclared = t.TypeOf<typeof IncidentMajorDeclared>;

/** Data of `IncidentMajorUndeclared` (codec and type). */
export const IncidentMajorUndeclaredData = eventData('IncidentMajorUndeclaredData', { reason: ShortText }, {});
/** Data of `IncidentMajorUndeclared`. */
export type IncidentMajorUndeclaredData = t.TypeOf<typeof IncidentMajorUndeclaredData>;
/** A major incident was downgraded to a normal one (codec and type). */
export const IncidentMajorUndeclared = eventCodec('IncidentMajorUndeclared', IncidentMajorUndeclaredData);
/** A major incident was downgraded. */
export type IncidentMajorUndeclared = t.TypeOf<typeof IncidentMajorUndeclared>;

/** Data of `IncidentParentSet`: the incident this one is a child of (codec and type). */
export const IncidentParentSetData = eventData('IncidentParentSetData', { parent: IncidentId }, {});
/** Data of `IncidentParentSet`. */
export type IncidentParentSetData = t.TypeOf<typeof IncidentParentSetData>;
/** An incident became the child of another (codec and type). */
export const IncidentParentSet = eventCodec('IncidentParentSet', IncidentParentSetData);
/** An incident became the child of another. */
export type IncidentParentSet = t.TypeOf<typeof IncidentParentSet>;

/** Data of `IncidentProblemLinked` (codec and type). */
export const IncidentProblemLinkedData = eventData('IncidentProblemLinkedData', { problem: ProblemId }, {});
/** Data of `IncidentProblemLinked`. */
export type IncidentProblemLinkedData = t.TypeOf<typeof IncidentProblemLinkedData>;
/** An incident was linked to a problem (codec and type). */
export const IncidentProblemLinked = eventCodec('IncidentProblemLinked', IncidentProblemLinkedData);
/** An incident was linked to a problem. */
export type IncidentProblemLinked = t.TypeOf<typeof IncidentProblemLinked>;

/** Data of `IncidentChangeLinked`: the change and how it relates (caused by, resolved by, related) (codec and type). */
export const IncidentChangeLinkedData = eventData(
  'IncidentChangeLinkedData',
  { change: ChangeId, relation: ChangeRelation },
  {},
);
/** Data of `IncidentChangeLinked`. */
export type IncidentChangeLinkedData = t.TypeOf<typeof IncidentChangeLinkedData>;
/** An incident was linked to a change (codec and type). */
export const IncidentChangeLinked = eventCodec('IncidentChangeLinked', IncidentChangeLinkedData);
/** An incident was linked to a change. */
export type IncidentChangeLinked = t.TypeOf<typeof IncidentChangeLinked>;

/** Data of `IncidentConfigurationItemLinked` (codec and type). */
export const IncidentConfigurationItemLinkedData = eventData(
  'IncidentConfigurationItemLinkedData',
  { configurationItem: ConfigurationItemId },
  {},
);
/** Data of `IncidentConfigurationItemLinked`. */
export type IncidentConfigurationItemLinkedData = t.TypeOf<typeof IncidentConfigurationItemLinkedData>;
/** An incident was linked to a further configuration item (codec and type). */
export const IncidentConfigurationItemLinked = eventCodec(
  'IncidentConfigurationItemLinked',
  IncidentConfigurationItemLinkedData,
);
/** An incident was linked to a configuration item. */
export type IncidentConfigurationItemLinked = t.TypeOf<typeof IncidentConfigurationItemLinked>;

/**
 * Data of `IncidentResolved`: how, the notes, the child incidents this
 * resolution resolves, and the knowledge article used, if any (codec and type).
 */
export const IncidentResolvedData = eventData(
  'IncidentResolvedData',
  { resolutionCode: ResolutionCode, resolutionNotes: NoteText, resolvedChildren: t.readonlyArray(IncidentId) },
  { knowledgeArticle: ArticleId },
);
/** Data of `IncidentResolved`. */
export type IncidentResolvedData = t.TypeOf<typeof IncidentResolvedData>;
/** An incident was resolved: service is restored (codec and type). */
export const IncidentResolved = eventCodec('IncidentResolved', IncidentResolvedData);
/** An incident was resolved. */
export type IncidentResolved = t.TypeOf<typeof IncidentResolved>;

/** Data of `IncidentResolutionConfirmed` (codec and type). */
export const IncidentResolutionConfirmedData = eventData('IncidentResolutionConfirmedData', {}, {});
/** Data of `IncidentResolutionConfirmed`. */
export type IncidentResolutionConfirmedData = t.TypeOf<typeof IncidentResolutionConfirmedData>;
/** The caller confirmed the resolution (codec and type). */
export const IncidentResolutionConfirmed = eventCodec('IncidentResolutionConfirmed', IncidentResolutionConfirmedData);
/** The caller confirmed the resolution. */
export type IncidentResolutionConfirmed = t.TypeOf<typeof IncidentResolutionConfirmed>;

/** Data of `IncidentResolutionRejected`: why the caller says service is not restored (codec and type). */
export const IncidentResolutionRejectedData = eventData('IncidentResolutionRejectedData', { reason: ShortText }, {});
/** Data of `IncidentResolutionRejected`. */
export type IncidentResolutionRejectedData = t.TypeOf<typeof IncidentResolutionRejectedData>;
/** The caller rejected the resolution; work continues (codec and type). */
export const IncidentResolutionRejected = eventCodec('IncidentResolutionRejected', IncidentResolutionRejectedData);
/** The caller rejected the resolution. */
export type IncidentResolutionRejected = t.TypeOf<typeof IncidentResolutionRejected>;

/** Data of `IncidentReopened`: why, and how many times it has now been reopened (codec and type). */
export const IncidentReopenedData = eventData(
  'IncidentReopenedData',
  {
    reason: ShortText,
    reopenCount: t.refinement(t.number, (count) => Number.isInteger(count) && count >= 1, 'ReopenCount'),
  },
  {},
);
/** Data of `IncidentReopened`. */
export type IncidentReopenedData = t.TypeOf<typeof IncidentReopenedData>;
/** A resolved incident was reopened (codec and type). */
export const IncidentReopened = eventCodec('IncidentReopened', IncidentReopenedData);
/** A resolved incident was reopened. */
export type IncidentReopened = t.TypeOf<typeof IncidentReopened>;

/** Data of `IncidentClosed`: confirmed, or auto-closed after the waiting period (codec and type). */
export const IncidentClosedData = eventData('IncidentClosedData', { closure: IncidentClosure }, {});
/** Data of `IncidentClosed`. */
export type IncidentClosedData = t.TypeOf<typeof IncidentClosedData>;
/** An incident was closed; closed is terminal (codec and type). */
export const IncidentClosed = eventCodec('IncidentClosed', IncidentClosedData);
/** An incident was closed. */
export type IncidentClosed = t.TypeOf<typeof IncidentClosed>;

/** Data of `IncidentCancelled`: a duplicate (with the original as reference) or not an incident (codec and type). */
export const IncidentCancelledData = eventData(
  'IncidentCancelledData',
  { reason: CancellationReason },
  { reference: ShortText, note: LongText },
);
/** Data of `IncidentCancelled`. */
export type IncidentCancelledData = t.TypeOf<typeof IncidentCancelledData>;
/** An incident was cancelled; cancelled is terminal (codec and type). */
export const IncidentCancelled = eventCodec('IncidentCancelled', IncidentCancelledData);
/** An incident was cancelled. */
export type IncidentCancelled = t.TypeOf<typeof IncidentCancelled>;

/** The data codec of every incident event type, by type name. */
export const incidentEventDataCodecs = {
  IncidentLogged: IncidentLoggedData,
  IncidentRecategorized: IncidentRecategorizedData,
  IncidentPriorityChanged: IncidentPriorityChangedData,
  IncidentAssignedToGroup: IncidentAssignedToGroupData,
  IncidentAssignedToAgent: IncidentAssignedToAgentData,
  IncidentWorkStarted: IncidentWorkStartedData,
  IncidentCommentAdded: IncidentCommentAddedData,
  IncidentWorkNoteAdded: IncidentWorkNoteAddedData,
  IncidentPutOnHold: IncidentPutOnHoldData,
  IncidentResumed: IncidentResumedData,
  IncidentEscalated: IncidentEscalatedData,
  IncidentMajorDeclared: IncidentMajorDeclaredData,
  IncidentMajorUndeclared: IncidentMajorUndeclaredData,
  IncidentParentSet: IncidentParentSetData,
  IncidentProblemLinked: IncidentProblemLinkedData,
  IncidentChangeLinked: IncidentChangeLinkedData,
  IncidentConfigurationItemLinked: IncidentConfigurationItemLinkedData,
  IncidentResolved: IncidentResolvedData,
  IncidentResolutionConfirmed: IncidentResolutionConfirmedData,
  IncidentResolutionRejected: IncidentResolutionRejectedData,
  IncidentReopened: IncidentReopenedData,
  IncidentClosed: IncidentClosedData,
  IncidentCancelled: IncidentCancelledData,
} as const;

/** The name of an incident event type. */
export type IncidentEventType = keyof typeof incidentEventDataCodecs;

/** The codec of every incident event (`{ type, data }`), by type name. */
export const incidentEventCodecs = {
  IncidentLogged,
  IncidentRecategorized,
  IncidentPriorityChanged,
  IncidentAssignedToGroup,
  IncidentAssignedToAgent,
  IncidentWorkStarted,
  IncidentCommentAdded,
  IncidentWorkNoteAdded,
  IncidentPutOnHold,
  IncidentResumed,
  IncidentEscalated,
  IncidentMajorDeclared,
  IncidentMajorUndeclared,
  IncidentParentSet,
  IncidentProblemLinked,
  IncidentChangeLinked,
  IncidentConfigurationItemLinked,
  IncidentResolved,
  IncidentResolutionConfirmed,
  IncidentResolutionRejected,
  IncidentReopened,
  IncidentClosed,
  IncidentCancelled,
} as const;

/** Every incident event, `{ type, data }`, dispatched on `type` (codec and type). */
export const IncidentEvent = messageUnion('IncidentEvent', incidentEventCodecs);
/** Every incident event. */
export type IncidentEvent =
  | IncidentLogged
  | IncidentRecategorized
  | IncidentPriorityChanged
  | IncidentAssignedToGroup
  | IncidentAssignedToAgent
  | IncidentWorkStarted
  | IncidentCommentAdded
  | IncidentWorkNoteAdded
  | IncidentPutOnHold
  | IncidentResumed
  | IncidentEscalated
  | IncidentMajorDeclared
  | IncidentMajorUndeclared
  | IncidentParentSet
  | IncidentProblemLinked
  | IncidentChangeLinked
  | IncidentConfigurationItemLinked
  | IncidentResolved
  | IncidentResolutionConfirmed
  | IncidentResolutionRejected
  | IncidentReopened
  | IncidentClosed
  | IncidentCancelled;
