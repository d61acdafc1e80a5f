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
import type { ChangeId, ConfigurationItemId, GroupId, IncidentId, ProblemId, ServiceId, UserId, ArticleId } from '../shared/ids.js';
import type { Instant } from '../shared/instant.js';
import type { Level, Priority } from '../shared/priority.js';
import type { ShortText } from '../shared/text.js';
import {
  evolveSlaRecord,
  initialSlaRecordState,
  isSlaEvent,
  type SlaEvent,
  type SlaRecordState,
} from '../service-level/sla-record.js';
import type {
  CancellationReason,
  IncidentChannel,
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

/** The state of an incident stream. Fields other than `status`, `sla` and the counters are meaningful once logged. */
export interface IncidentState {
  readonly status: IncidentStatus;
  readonly incidentId: IncidentId | undefined;
  readonly caller: UserId | undefined;
  readonly service: ServiceId | undefined;
  readonly configurationItem: ConfigurationItemId | undefined;
  readonly category: ShortText | undefined;
  readonly subcategory: ShortText | undefined;
  readonly channel: IncidentChannel | undefined;
  readonly shortDescription: ShortText | undefined;
  readonly loggedAt: Instant | undefined;
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
  readonly parent: IncidentId | undefined;
  readonly problems: readonly ProblemId[];
  readonly changes: readonly ChangeId[];
  readonly configurationItems: readonly ConfigurationItemId[];
  readonly resolution: IncidentResolution | undefined;
  readonly resolutionConfirmed: boolean;
  readonly reopenCount: number;
  readonly closure: IncidentClosure | undefined;
  readonly cancellation: { readonly reason: CancellationReason; readonly reference: string | undefined } | undefined;
  /** The instant of the last incident event. */
  readonly lastChangedAt: Instant | undefined;
  /** The SLA facts recorded on the stream. */
  readonly sla: SlaRecordState;
}

/** The state of an incident stream with no events. */
export const initialIncidentState: IncidentState = {
  status: 'NotLogged',
  incidentId: undefined,
  caller: undefined,
  service: undefined,
  configurationItem: undefined,
  category: undefined,
  subcategory: undefined,
  channel: undefined,
  shortDescription: undefined,
  loggedAt: undefined,
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
  parent: undefined,
  problems: [],
  changes: [],
  configurationItems: [],
  resolution: undefined,
  resolutionConfirmed: false,
  reopenCount: 0,
  closure: undefined,
  cancellation: undefined,
  lastChangedAt: undefined,
  sla: initialSlaRecordState,
};

/** Whether a status is terminal (Closed or Cancelled). */
export const isTerminalStatus = (status: IncidentStatus): boolean => status === 'Closed' || status === 'Cancelled';

/** Whether the incident is open: logged, and neither resolved nor terminal. */
export const isOpenStatus = (status: IncidentStatus): boolean =>
  status === 'New' || status === 'InProgress' || status === 'OnHold';

const append = <A>(list: readonly A[], item: A): readonly A[] => (list.includes(item) ? list : [...list, item]);

/** Folds one event of an incident stream into the state. */
export const evolveIncident = (state: IncidentState, event: IncidentStreamEvent): IncidentState => {
  if (isSlaEvent(event)) return { ...state, sla: evolveSlaRecord(state.sla, event) };
  const at = event.data.at;
  switch (event.type) {
    case 'IncidentLogged': {
      const d = event.data;
      return {
        ...state,
        status: 'New',
        incidentId: d.incidentId,
        caller: d.caller,
        service: d.service,
        configurationItem: d.configurationItem,
        category: d.category,
        subcategory: d.subcategory,
        channel: d.channel,
        shortDescription: d.shortDescription,
        loggedAt: at,
        impact: d.impact,
        urgency: d.urgency,
        priority: d.priority,
        configurationItems: d.configurationItem === undefined ? [] : [d.configurationItem],
        lastChangedAt: at,
      };
    }
    case 'IncidentRecategorized':
      return { ...state, category: event.data.category, subcategory: event.data.subcategory, lastChangedAt: at };
    case 'IncidentPriorityChanged': {
      const d = event.data;
      return {
        ...state,
        impact: d.impact,
        urgency: d.urgency,
        priority: d.priority,
        priorityOverride: d.overridden ? { reason: d.reason, by: d.by, at } : undefined,
        lastChangedAt: at,
      };
    }
    case 'IncidentAssignedToGroup':
      // A new group means a new queue: the previous agent is released.
      return { ...state, group: event.data.group, agent: undefined, lastChangedAt: at };
    case 'IncidentAssignedToAgent':
      return {
        ...state,
        group: event.data.group,
        agent: event.data.agent,
        status: state.status === 'New' ? 'InProgress' : state.status,
        lastChangedAt: at,
      };
    case 'IncidentWorkStarted':
      return { ...state, workStartedAt: at, lastChangedAt: at };
    case 'IncidentCommentAdded':
    case 'IncidentWorkNoteAdded':
      return { ...state, lastChangedAt: at };
    case 'IncidentPutOnHold':
      return { ...state, status: 'OnHold', onHoldReason: event.data.reason, lastChangedAt: at };
    case 'IncidentResumed':
      return { ...state, status: 'InProgress', onHoldReason: undefined, lastChangedAt: at };
    case 'IncidentEscalated':
      return event.data.kind === 'functional'
        ? { ...state, functionalEscalations: state.functionalEscalations + 1, lastChangedAt: at }
        : { ...state, hierarchicLevel: Math.max(state.hierarchicLevel, event.data.level ?? 0), lastChangedAt: at };
    case 'IncidentMajorDeclared':
      return { ...state, major: true, lastChangedAt: at };
    case 'IncidentMajorUndeclared':
      return { ...state, major: false, lastChangedAt: at };
    case 'IncidentParentSet':
      return { ...state, parent: event.data.parent, lastChangedAt: at };
    case 'IncidentProblemLinked':
      return { ...state, problems: append(state.problems, event.data.problem), lastChangedAt: at };
    case 'IncidentChangeLinked':
      return { ...state, changes: append(state.changes, event.data.change), lastChangedAt: at };
    case 'IncidentConfigurationItemLinked':
      return {
        ...state,
        configurationItems: append(state.configurationItems, event.data.configurationItem),
        lastChangedAt: at,
      };
    case 'IncidentResolved': {
      const d = event.data;
      return {
        ...state,
        status: 'Resolved',
        onHoldReason: undefined,
        resolution: {
          code: d.resolutionCode,
          notes: d.resolutionNotes,
          resolvedAt: at,
          resolvedBy: d.by,
          resolvedChildren: d.resolvedChildren,
          knowledgeArticle: d.knowledgeArticle,
        },
        resolutionConfirmed: false,
        lastChangedAt: at,
      };
    }
    case 'IncidentResolutionConfirmed':
      return { ...state, resolutionConfirmed: true, lastChangedAt: at };
    case 'IncidentResolutionRejected':
      return { ...state, status: 'InProgress', resolution: undefined, resolutionConfirmed: false, lastChangedAt: at };
    case 'IncidentReopened':
      return {
        ...state,
        status: 'InProgress',
        resolution: undefined,
        resolutionConfirmed: false,
        reopenCount: state.reopenCount + 1,
        lastChangedAt: at,
      };
    case 'IncidentClosed':
      return { ...state, status: 'Closed', closure: event.data.closure, lastChangedAt: at };
    case 'IncidentCancelled':
      return {
        ...state,
        status: 'Cancelled',
        onHoldReason: undefined,
        cancellation: { reason: event.data.reason, reference: event.data.reference },
        lastChangedAt: at,
      };
  }
};
