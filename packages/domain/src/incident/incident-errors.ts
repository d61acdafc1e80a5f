/**
 * Incident errors: one tagged value per broken rule, `_tag` naming the rule.
 * Each carries the incident id and the facts that explain the refusal, so a
 * caller can show a precise message without re-reading the stream.
 *
 * @module
 */
import type { Role } from '../shared/actor.js';
import type { CommandNotAuthorized } from '../shared/domain-errors.js';
import type { GroupId, IncidentId, UserId } from '../shared/ids.js';
import type { Level, Priority } from '../shared/priority.js';
import type { IncidentStatus } from './incident-state.js';

interface IncidentErrorOf<Tag extends string> {
  readonly _tag: Tag;
  readonly incidentId: IncidentId;
}

/** A command for an incident that was never logged. */
export type IncidentNotFound = IncidentErrorOf<'IncidentNotFound'>;
/** `LogIncident` for an id whose stream already holds an incident. */
export type IncidentAlreadyLogged = IncidentErrorOf<'IncidentAlreadyLogged'>;
/** Any change to a closed incident: closed is terminal (reopen is never possible from Closed). */
export type IncidentAlreadyClosed = IncidentErrorOf<'IncidentAlreadyClosed'>;
/** Any change to a cancelled incident: cancelled is terminal. */
export type IncidentAlreadyCancelled = IncidentErrorOf<'IncidentAlreadyCancelled'>;

/** The command needs the incident resolved (confirm, reject, reopen, close). */
export interface IncidentNotResolved extends IncidentErrorOf<'IncidentNotResolved'> {
  readonly status: IncidentStatus;
}
/** The command needs an open (unresolved) incident. */
export type IncidentAlreadyResolved = IncidentErrorOf<'IncidentAlreadyResolved'>;
/** Putting on hold needs the incident in progress. */
export interface IncidentNotInProgress extends IncidentErrorOf<'IncidentNotInProgress'> {
  readonly status: IncidentStatus;
}
/** The incident is already on hold. */
export type IncidentAlreadyOnHold = IncidentErrorOf<'IncidentAlreadyOnHold'>;
/** Resuming needs the incident on hold. */
export interface IncidentNotOnHold extends IncidentErrorOf<'IncidentNotOnHold'> {
  readonly status: IncidentStatus;
}

/** Assigning an agent needs a group assigned first. */
export type IncidentNotAssignedToGroup = IncidentErrorOf<'IncidentNotAssignedToGroup'>;
/** Starting work or resolving needs an agent assigned. */
export type IncidentNotAssigned = IncidentErrorOf<'IncidentNotAssigned'>;
/** The incident is already assigned to this group. */
export interface IncidentAlreadyAssignedToGroup extends IncidentErrorOf<'IncidentAlreadyAssignedToGroup'> {
  readonly group: GroupId;
}
/** The incident is already assigned to this agent. */
export interface IncidentAlreadyAssignedToAgent extends IncidentErrorOf<'IncidentAlreadyAssignedToAgent'> {
  readonly agent: UserId;
}
/** The agent is not a member of the incident's group (per the memberships the command carries). */
export interface AgentNotMemberOfAssignedGroup extends IncidentErrorOf<'AgentNotMemberOfAssignedGroup'> {
  readonly agent: UserId;
  readonly group: GroupId;
  readonly agentGroups: readonly GroupId[];
}
/** A role that only counts inside the assigned group (resolver) was used by someone outside it. */
export interface ActorNotInAssignedGroup extends IncidentErrorOf<'ActorNotInAssignedGroup'> {
  readonly actor: UserId;
  /** The incident's group, or `undefined` while it has none. */
  readonly group: GroupId | undefined;
  /** The role that is limited to the assigned group. */
  readonly role: Role;
}
/** A role that only counts for one's own incidents (caller) was used on someone else's. */
export interface ActorNotTheCaller extends IncidentErrorOf<'ActorNotTheCaller'> {
  readonly actor: UserId;
  readonly caller: UserId;
}

/** Work on the incident has already started (the first response is recorded once). */
export type IncidentWorkAlreadyStarted = IncidentErrorOf<'IncidentWorkAlreadyStarted'>;

/** An impact or urgency beyond the policy matrix's scale (e.g. 4 on a 3×3 matrix). */
export interface LevelOutOfMatrixScale extends IncidentErrorOf<'LevelOutOfMatrixScale'> {
  readonly field: 'impact' | 'urgency';
  readonly level: Level;
  readonly levels: number;
}
/** Impact and urgency are already these values, and no override is in force. */
export interface IncidentImpactUrgencyUnchanged extends IncidentErrorOf<'IncidentImpactUrgencyUnchanged'> {
  readonly impact: Level;
  readonly urgency: Level;
}
/** The override asks for the priority the incident already has. */
export interface IncidentPriorityUnchanged extends IncidentErrorOf<'IncidentPriorityUnchanged'> {
  readonly priority: Priority;
}
/** The category and subcategory are already these. */
export type IncidentCategoryUnchanged = IncidentErrorOf<'IncidentCategoryUnchanged'>;

/** A hierarchic escalation must go above the level already reached. */
export interface EscalationLevelNotRaised extends IncidentErrorOf<'EscalationLevelNotRaised'> {
  readonly level: number;
  readonly currentLevel: number;
}
/** A hierarchic escalation beyond the policy's highest level. */
export interface EscalationLevelOutOfRange extends IncidentErrorOf<'EscalationLevelOutOfRange'> {
  readonly level: number;
  readonly maxLevel: number;
}

/** The incident is already a major incident. */
export type IncidentAlreadyMajor = IncidentErrorOf<'IncidentAlreadyMajor'>;
/** The incident is not a major incident. */
export type IncidentNotMajor = IncidentErrorOf<'IncidentNotMajor'>;

/** The parent would make the incident its own ancestor. */
export interface IncidentParentCycle extends IncidentErrorOf<'IncidentParentCycle'> {
  readonly parent: IncidentId;
  /** The parent's ancestor chain the command carried. */
  readonly parentAncestors: readonly IncidentId[];
}
/** The incident already has this parent. */
export interface IncidentParentUnchanged extends IncidentErrorOf<'IncidentParentUnchanged'> {
  readonly parent: IncidentId;
}
/** The problem, change or configuration item is already linked. */
export interface IncidentAlreadyLinked extends IncidentErrorOf<'IncidentAlreadyLinked'> {
  readonly link: 'problem' | 'change' | 'configuration-item';
  readonly target: string;
}
/** A retired configuration item cannot be linked (per the fact the command carries). */
export interface ConfigurationItemRetired extends IncidentErrorOf<'ConfigurationItemRetired'> {
  readonly configurationItem: string;
}

/** The children a resolution resolves include the incident itself, or one twice. */
export interface InvalidResolvedChildren extends IncidentErrorOf<'InvalidResolvedChildren'> {
  readonly resolvedChildren: readonly IncidentId[];
}
/** Reopening after the policy's reopen window. */
export interface IncidentReopenWindowElapsed extends IncidentErrorOf<'IncidentReopenWindowElapsed'> {
  readonly resolvedAt: string;
  readonly windowDays: number;
}
/** Auto-closing before the policy's number of days in Resolved. */
export interface IncidentAutoCloseTooEarly extends IncidentErrorOf<'IncidentAutoCloseTooEarly'> {
  readonly resolvedAt: string;
  readonly autoCloseAfterDays: number;
}
/** Cancelling as a duplicate needs the original as reference, and not the incident itself. */
export interface DuplicateReferenceInvalid extends IncidentErrorOf<'DuplicateReferenceInvalid'> {
  readonly reference: string | undefined;
}
/** The command names another incident than the one whose stream it was decided on (an application bug). */
export interface CommandForAnotherIncident extends IncidentErrorOf<'CommandForAnotherIncident'> {
  /** The incident of the stream. */
  readonly streamIncidentId: IncidentId;
}
/** An SLA command names another record than this incident. */
export interface SlaCommandForAnotherRecord extends IncidentErrorOf<'SlaCommandForAnotherRecord'> {
  readonly record: { readonly category: string; readonly id: string };
}

/** Every rule an incident command can break (the SLA module's own errors aside). */
export type IncidentError =
  | CommandNotAuthorized
  | IncidentNotFound
  | IncidentAlreadyLogged
  | IncidentAlreadyClosed
  | IncidentAlreadyCancelled
  | IncidentNotResolved
  | IncidentAlreadyResolved
  | IncidentNotInProgress
  | IncidentAlreadyOnHold
  | IncidentNotOnHold
  | IncidentNotAssignedToGroup
  | IncidentNotAssigned
  | IncidentAlreadyAssignedToGroup
  | IncidentAlreadyAssignedToAgent
  | AgentNotMemberOfAssignedGroup
  | ActorNotInAssignedGroup
  | ActorNotTheCaller
  | IncidentWorkAlreadyStarted
  | LevelOutOfMatrixScale
  | IncidentImpactUrgencyUnchanged
  | IncidentPriorityUnchanged
  | IncidentCategoryUnchanged
  | EscalationLevelNotRaised
  | EscalationLevelOutOfRange
  | IncidentAlreadyMajor
  | IncidentNotMajor
  | IncidentParentCycle
  | IncidentParentUnchanged
  | IncidentAlreadyLinked
  | ConfigurationItemRetired
  | InvalidResolvedChildren
  | IncidentReopenWindowElapsed
  | IncidentAutoCloseTooEarly
  | DuplicateReferenceInvalid
  | SlaCommandForAnotherRecord
  | CommandForAnotherIncident;
