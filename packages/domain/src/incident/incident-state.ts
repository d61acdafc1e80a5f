/**
 * The incident's state and `evolve`: what the history of an incident stream
 * says now. Status moves New → InProgress (an agent is assigned) ⇄ OnHold →
 * Resolved → Closed, or to Cancelled; Closed and Cancelled are terminal.
 * SLA events on the stream are folded into `sla` by the SLA record's own
 * `evolveSlaRecord`.
 *
 * `evolve` is total: every event of the union yields a state, and it never
 * reads a clock or throws. It trusts the history (the decider produced it);
 * events that make no sense in the current state still fold predictably.
 *
 * @module
 */
import type {
  ChangeId,
  ConfigurationItemId,
  GroupId,
  IncidentId,
  ProblemId,
  ServiceId,
  UserId,
  ArticleId,
} from '../shared/ids.js';
import type { Instant } from '../shared/instant.js';
import type { Level, Priority } from '../shared/priority.js';
import type { ShortText } from '../shared/text.js';
import {
  evolveSlaRecord,
  initialSlaRecordState,
  type SlaEvent,
  type SlaRecordState,
} from '../service-level/sla-record.js';
import type {
  CancellationReason,
  IncidentClosure,
  IncidentEvent,
  NoteText,
  OnHoldReason,
  ResolutionCode,
} from './incident-events.js';

/** Where an incident is in its lifecycle; `NotLogged` is the state of an empty stream. */
export type IncidentStatus = 'NotLogged' | 'New' | 'InProgress' | 'OnHold' | 'Resolved' | 'Closed' | 'Cancelled';

/** Every event an incident stream holds: the incident's own and the SLA facts about it. */
export type IncidentStreamEvent = IncidentEvent | SlaEvent;

/** The resolution in force while an incident is Resolved (and kept once Closed). */
export interface IncidentResolution {
  readonly code: ResolutionCode;
  readonly notes: NoteText;
  readonly resolvedAt: Instant;
  readonly resolvedBy: UserId;
  readonly resolvedChildren: readonly IncidentId[];
  readonly knowledgeArticle: ArticleId | undefined;
}

/** A priority set against the matrix by an incident manager, with the recorded reason. */
export interface PriorityOverride {
  readonly reason: ShortText;
  readonly by: UserId;
  readonly at: Instant;
}

/** What an incident is about; changes only when it is logged or recategorized. */
export interface IncidentDetails {
  readonly service: ServiceId;
  readonly category: ShortText;
  readonly subcategory: ShortText | undefined;
}

/** The records an incident is linked to. */
export interface IncidentLinks {
  readonly parent: IncidentId | undefined;
  readonly problems: readonly ProblemId[];
  readonly changes: readonly ChangeId[];
  /** The configuration items, the one named when logging first. */
  readonly configurationItems: readonly ConfigurationItemId[];
}

/**
 * The state of an incident stream: what decisions need, nothing more
 * (descriptions, comments and times of day belong in read models). Fields
 * other than `status`, `sla` and the counters are meaningful once logged.
 * Rarely changing parts are nested (`details`, `links`) so that folding a
 * long history copies little.
 */
export interface IncidentState {
  readonly status: IncidentStatus;
  readonly incidentId: IncidentId | undefined;
  readonly caller: UserId | undefined;
  /** Service and category; `undefined` until logged. */
  readonly details: IncidentDetails | undefined;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  /** Set while an incident manager's override is in force. */
  readonly priorityOverride: PriorityOverride | undefined;
  readonly group: GroupId | undefined;
  readonly agent: UserId | undefined;
  /** The first response. */
  readonly workStartedAt: Instant | undefined;
  readonly onHoldReason: OnHoldReason | undefined;
  readonly functionalEscalations: number;
  /** The highest hierarchic escalation level reached; 0 when never escalated to management. */
  readonly hierarchicLevel: number;
  readonly major: boolean;
  readonly links: IncidentLinks;
  readonly resolution: IncidentResolution | undefined;
  readonly resolutionConfirmed: boolean;
  readonly reopenCount: number;
  readonly closure: IncidentClosure | undefined;
  readonly cancellation: { readonly reason: CancellationReason; readonly reference: string | undefined } | undefined;
  /** The SLA facts recorded on the stream. */
  readonly sla: SlaRecordState;
}

/** The state of an incident stream with no events. */
export const initialIncidentState: IncidentState = {
  status: 'NotLogged',
  incidentId: undefined,
  caller: undefined,
  details: undefined,
  impact: 3,
  urgency: 3,
  priority: 5,
  priorityOverride: undefined,
  group: undefined,
  agent: undefined,
  workStartedAt: undefined,
  onHoldReason: undefined,
  functionalEscalations: 0,
  hierarchicLevel: 0,
  major: false,
  links: { parent: undefined, problems: [], changes: [], configurationItems: [] },
  resolution: undefined,
  resolutionConfirmed: false,
  reopenCount: 0,
  closure: undefined,
  cancellation: undefined,
  sla: initialSlaRecordState,
};

/** Whether a status is terminal (Closed or Cancelled). */
export const isTerminalStatus = (status: IncidentStatus): boolean => status === 'Closed' || status === 'Cancelled';

/** Whether the incident is open: logged, and neither resolved nor terminal. */
export const isOpenStatus = (status: IncidentStatus): boolean =>
  status === 'New' || status === 'InProgress' || status === 'OnHold';

const append = <A>(list: readonly A[], item: A): readonly A[] => (list.includes(item) ? list : [...list, item]);

type Draft = { -readonly [K in keyof IncidentState]: IncidentState[K] };

/**
 * A fresh copy of the state for `evolve` to fill in. An explicit literal with
 * every field: V8 builds it tens of times faster than `{ ...state }` (the fold
 * of a long history is the hot path of every command), and the compiler
 * refuses it if a field of {@link IncidentState} is forgotten.
 */
const draftOf = (state: IncidentState): Draft => ({
  status: state.status,
  incidentId: state.incidentId,
  caller: state.caller,
  details: state.details,
  impact: state.impact,
  urgency: state.urgency,
  priority: state.priority,
  priorityOverride: state.priorityOverride,
  group: state.group,
  agent: state.agent,
  workStartedAt: state.workStartedAt,
  onHoldReason: state.onHoldReason,
  functionalEscalations: state.functionalEscalations,
  hierarchicLevel: state.hierarchicLevel,
  major: state.major,
  links: state.links,
  resolution: state.resolution,
  resolutionConfirmed: state.resolutionConfirmed,
  reopenCount: state.reopenCount,
  closure: state.closure,
  cancellation: state.cancellation,
  sla: state.sla,
});

/** Folds one event of an incident stream into the state. Pure: it fills a fresh copy and never touches `state`. */
export const evolveIncident = (state: IncidentState, event: IncidentStreamEvent): IncidentState => {
  // Conversation is history for read models; no decision depends on it.
  if (event.type === 'IncidentCommentAdded' || event.type === 'IncidentWorkNoteAdded') return state;
  const next = draftOf(state);
  switch (event.type) {
    case 'SlaAttached':
    case 'SlaWarningReached':
    case 'SlaBreached':
    case 'SlaRebaselined':
      next.sla = evolveSlaRecord(state.sla, event);
      break;
    case 'IncidentLogged': {
      const d = event.data;
      next.status = 'New';
      next.incidentId = d.incidentId;
      next.caller = d.caller;
      next.details = { service: d.service, category: d.category, subcategory: d.subcategory };
      next.impact = d.impact;
      next.urgency = d.urgency;
      next.priority = d.priority;
      next.links = {
        ...state.links,
        configurationItems: d.configurationItem === undefined ? [] : [d.configurationItem],
      };
      break;
    }
    case 'IncidentRecategorized':
      if (state.details !== undefined)
        next.details = {
          service: state.details.service,
          category: event.data.category,
          subcategory: event.data.subcategory,
        };
      break;
    case 'IncidentPriorityChanged': {
      const d = event.data;
      next.impact = d.impact;
      next.urgency = d.urgency;
      next.priority = d.priority;
      next.priorityOverride = d.overridden ? { reason: d.reason, by: d.by, at: d.at } : undefined;
      break;
    }
    case 'IncidentAssignedToGroup':
      // A new group means a new queue: the previous agent is released.
      next.group = event.data.group;
      next.agent = undefined;
      break;
    case 'IncidentAssignedToAgent':
      next.group = event.data.group;
      next.agent = event.data.agent;
      if (state.status === 'New') next.status = 'InProgress';
      break;
    case 'IncidentWorkStarted':
      next.workStartedAt = event.data.at;
      break;
    case 'IncidentPutOnHold':
      next.status = 'OnHold';
      next.onHoldReason = event.data.reason;
      break;
    case 'IncidentResumed':
      next.status = 'InProgress';
      next.onHoldReason = undefined;
      break;
    case 'IncidentEscalated':
      if (event.data.kind === 'functional') next.functionalEscalations = state.functionalEscalations + 1;
      else next.hierarchicLevel = Math.max(state.hierarchicLevel, event.data.level ?? 0);
      break;
    case 'IncidentMajorDeclared':
      next.major = true;
      break;
    case 'IncidentMajorUndeclared':
      next.major = false;
      break;
    case 'IncidentParentSet':
      next.links = { ...state.links, parent: event.data.parent };
      break;
    case 'IncidentProblemLinked':
      next.links = { ...state.links, problems: append(state.links.problems, event.data.problem) };
      break;
    case 'IncidentChangeLinked':
      next.links = { ...state.links, changes: append(state.links.changes, event.data.change) };
      break;
    case 'IncidentConfigurationItemLinked':
      next.links = {
        ...state.links,
        configurationItems: append(state.links.configurationItems, event.data.configurationItem),
      };
      break;
    case 'IncidentResolved': {
      const d = event.data;
      next.status = 'Resolved';
      next.onHoldReason = undefined;
      next.resolution = {
        code: d.resolutionCode,
        notes: d.resolutionNotes,
        resolvedAt: d.at,
        resolvedBy: d.by,
        resolvedChildren: d.resolvedChildren,
        knowledgeArticle: d.knowledgeArticle,
      };
      next.resolutionConfirmed = false;
      break;
    }
    case 'IncidentResolutionConfirmed':
      next.resolutionConfirmed = true;
      break;
    case 'IncidentResolutionRejected':
      next.status = 'InProgress';
      next.resolution = undefined;
      next.resolutionConfirmed = false;
      break;
    case 'IncidentReopened':
      next.status = 'InProgress';
      next.resolution = undefined;
      next.resolutionConfirmed = false;
      next.reopenCount = state.reopenCount + 1;
      break;
    case 'IncidentClosed':
      next.status = 'Closed';
      next.closure = event.data.closure;
      break;
    case 'IncidentCancelled':
      next.status = 'Cancelled';
      next.onHoldReason = undefined;
      next.cancellation = { reason: event.data.reason, reference: event.data.reference };
      break;
    default: {
      // Compile-time exhaustiveness: a new event type must be folded here.
      const unhandled: never = event;
      return unhandled;
    }
  }
  return next;
};
