/**
 * The incident decider: `decide` checks, in this order, the role
 * (`CommandNotAuthorized`), that the incident exists (or does not, for
 * `LogIncident`), that it is not terminal, the scope of group- and
 * caller-limited roles, then the command's lifecycle rule, and only then
 * builds events. SLA commands on the incident stream are delegated to the
 * SLA record (`decideSlaCommandWith`), after the same role check and a check
 * that they name this incident.
 *
 * Pure: no clock, no randomness, no I/O. Time is the command's `occurredAt`;
 * facts the application checked (group membership, the parent's ancestors, CI
 * retirement, open children) arrive in the command.
 *
 * Limits: the decider sees one incident. It cannot resolve the children a
 * parent's resolution names (a process does, from `resolvedChildren`), nor
 * verify facts the application misreported. SLA warnings and breaches are
 * still accepted on a closed or cancelled incident (a late deadline process
 * may record a breach that happened before closure); attaching or
 * re-baselining an SLA is refused there.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import type { Actor, Role } from '../shared/actor.js';
import { authorize, type AuthorizationRules } from '../shared/authorization.js';
import type { IncidentId } from '../shared/ids.js';
import { instantToEpochMilliseconds, type Instant } from '../shared/instant.js';
import { isLevelOf, priorityOf, type Level } from '../shared/priority.js';
import {
  AttachSla,
  RebaselineSla,
  RecordSlaBreach,
  RecordSlaWarning,
  decideSlaCommandWith,
  type SlaCommand,
  type SlaEvent,
  type SlaRecordError,
} from '../service-level/sla-record.js';
import { incidentCommandCodecs, type IncidentCommand } from './incident-commands.js';
import { messageUnion } from '../shared/message-codec.js';
import type { IncidentError } from './incident-errors.js';
import type { IncidentEvent } from './incident-events.js';
import { defaultIncidentPolicy, type IncidentPolicy, type IncidentSlaCommandType } from './incident-policy.js';
import {
  evolveIncident,
  initialIncidentState,
  type IncidentState,
  type IncidentStreamEvent,
} from './incident-state.js';

/** Every command an incident stream accepts, dispatched on `type`: the incident's own and the SLA commands about it (codec and type). */
export const IncidentStreamCommand = messageUnion('IncidentStreamCommand', {
  ...incidentCommandCodecs,
  AttachSla,
  RecordSlaWarning,
  RecordSlaBreach,
  RebaselineSla,
});
/** Every command an incident stream accepts. */
export type IncidentStreamCommand = IncidentCommand | SlaCommand;

/** Every error the incident decider returns: an incident rule or an SLA rule. */
export type IncidentDecisionError = IncidentError | SlaRecordError;

/** The incident decider's type. */
export type IncidentDecider = Decider<IncidentStreamCommand, IncidentStreamEvent, IncidentState, IncidentDecisionError>;

type Decision = Either<IncidentDecisionError, readonly IncidentStreamEvent[]>;

const DAY_MILLISECONDS = 86_400_000;

const slaCommandTypes: ReadonlySet<string> = new Set<IncidentSlaCommandType>([
  'AttachSla',
  'RecordSlaWarning',
  'RecordSlaBreach',
  'RebaselineSla',
]);

const isSlaCommand = (command: IncidentStreamCommand): command is SlaCommand => slaCommandTypes.has(command.type);

// Optional event fields are left out rather than set to undefined (exact optional properties).
const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * Which role limit, if any, applies: an actor allowed only through
 * group-scoped roles must be in the assigned group; only through
 * caller-scoped roles, must be the caller.
 */
const checkScope = (
  policy: IncidentPolicy,
  allowed: readonly Role[],
  actor: Actor,
  state: IncidentState,
  incidentId: IncidentId,
): Either<IncidentError, void> => {
  const qualifying = allowed.filter((role) => actor.roles.includes(role));
  const scoped = (role: Role) => policy.groupScopedRoles.includes(role) || policy.callerScopedRoles.includes(role);
  if (qualifying.some((role) => !scoped(role))) return right(undefined);
  const groupRole = qualifying.find((role) => policy.groupScopedRoles.includes(role));
  if (groupRole !== undefined && state.group !== undefined && actor.groups.includes(state.group))
    return right(undefined);
  const callerRole = qualifying.find((role) => policy.callerScopedRoles.includes(role));
  if (callerRole !== undefined && actor.id === state.caller) return right(undefined);
  if (groupRole !== undefined)
    return left({ _tag: 'ActorNotInAssignedGroup', incidentId, actor: actor.id, group: state.group, role: groupRole });
  return left({ _tag: 'ActorNotTheCaller', incidentId, actor: actor.id, caller: state.caller ?? actor.id });
};

const levelsInScale = (
  policy: IncidentPolicy,
  incidentId: IncidentId,
  impact: Level,
  urgency: Level,
): Either<IncidentError, void> => {
  const levels = policy.priorityMatrix.levels;
  if (!isLevelOf(policy.priorityMatrix, impact))
    return left({ _tag: 'LevelOutOfMatrixScale', incidentId, field: 'impact', level: impact, levels });
  if (!isLevelOf(policy.priorityMatrix, urgency))
    return left({ _tag: 'LevelOutOfMatrixScale', incidentId, field: 'urgency', level: urgency, levels });
  return right(undefined);
};

// Commands that change the work itself need an unresolved incident.
const openOrRefuse = (state: IncidentState, incidentId: IncidentId): IncidentError | undefined =>
  state.status === 'Resolved' ? { _tag: 'IncidentAlreadyResolved', incidentId } : undefined;

const resolvedOrRefuse = (state: IncidentState, incidentId: IncidentId): IncidentError | undefined =>
  state.status === 'Resolved' ? undefined : { _tag: 'IncidentNotResolved', incidentId, status: state.status };

const elapsedDays = (from: Instant, to: Instant): number =>
  (instantToEpochMilliseconds(to) - instantToEpochMilliseconds(from)) / DAY_MILLISECONDS;

const decideIncidentCommand = (policy: IncidentPolicy, command: IncidentCommand, state: IncidentState): Decision => {
  const incidentId = command.data.incidentId;
  const actor = command.metadata.actor;
  const recorded = { incidentId, at: command.metadata.occurredAt, by: actor.id };
  const allowed = policy.authorization[command.type];

  if (command.type === 'LogIncident') {
    if (state.status !== 'NotLogged') return left({ _tag: 'IncidentAlreadyLogged', incidentId });
    const d = command.data;
    const scope = checkScope(policy, allowed, actor, { ...state, caller: d.caller }, incidentId);
    if (scope._tag === 'Left') return scope;
    const scale = levelsInScale(policy, incidentId, d.impact, d.urgency);
    if (scale._tag === 'Left') return scale;
    return right([
      {
        type: 'IncidentLogged',
        data: {
          ...recorded,
          caller: d.caller,
          service: d.service,
          ...optional('configurationItem', d.configurationItem),
          category: d.category,
          ...optional('subcategory', d.subcategory),
          impact: d.impact,
          urgency: d.urgency,
          priority: priorityOf(policy.priorityMatrix, d.impact, d.urgency),
          channel: d.channel,
          shortDescription: d.shortDescription,
          description: d.description,
        },
      },
    ]);
  }

  if (state.status === 'NotLogged') return left({ _tag: 'IncidentNotFound', incidentId });
  // Events carry the command's id: a command for another incident would corrupt this stream.
  if (state.incidentId !== undefined && state.incidentId !== incidentId)
    return left({ _tag: 'CommandForAnotherIncident', incidentId, streamIncidentId: state.incidentId });
  if (state.status === 'Closed') return left({ _tag: 'IncidentAlreadyClosed', incidentId });
  if (state.status === 'Cancelled') return left({ _tag: 'IncidentAlreadyCancelled', incidentId });
  const scope = checkScope(policy, allowed, actor, state, incidentId);
  if (scope._tag === 'Left') return scope;

  const refuse = (error: IncidentError | undefined): Decision | undefined =>
    error === undefined ? undefined : left(error);
  const decided = (...events: IncidentEvent[]): Decision => right(events);

  switch (command.type) {
    case 'RecategorizeIncident': {
      const d = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (d.category === state.details?.category && d.subcategory === state.details.subcategory)
        return left({ _tag: 'IncidentCategoryUnchanged', incidentId });
      return decided({
        type: 'IncidentRecategorized',
        data: {
          ...recorded,
          category: d.category,
          ...optional('subcategory', d.subcategory),
          // A logged incident always has a category; the fallback keeps the event valid for any history.
          previousCategory: state.details?.category ?? d.category,
          ...optional('previousSubcategory', state.details?.subcategory),
          ...optional('reason', d.reason),
        },
      });
    }
    case 'ChangeIncidentImpactUrgency': {
      const d = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      const scale = levelsInScale(policy, incidentId, d.impact, d.urgency);
      if (scale._tag === 'Left') return scale;
      if (d.impact === state.impact && d.urgency === state.urgency && state.priorityOverride === undefined)
        return left({ _tag: 'IncidentImpactUrgencyUnchanged', incidentId, impact: d.impact, urgency: d.urgency });
      return decided({
        type: 'IncidentPriorityChanged',
        data: {
          ...recorded,
          impact: d.impact,
          urgency: d.urgency,
          priority: priorityOf(policy.priorityMatrix, d.impact, d.urgency),
          previousPriority: state.priority,
          reason: d.reason,
          overridden: false,
        },
      });
    }
    case 'OverrideIncidentPriority': {
      const d = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (d.priority === state.priority)
        return left({ _tag: 'IncidentPriorityUnchanged', incidentId, priority: d.priority });
      return decided({
        type: 'IncidentPriorityChanged',
        data: {
          ...recorded,
          impact: state.impact,
          urgency: state.urgency,
          priority: d.priority,
          previousPriority: state.priority,
          reason: d.reason,
          overridden: true,
        },
      });
    }
    case 'AssignIncidentToGroup': {
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (command.data.group === state.group)
        return left({ _tag: 'IncidentAlreadyAssignedToGroup', incidentId, group: command.data.group });
      return decided({ type: 'IncidentAssignedToGroup', data: { ...recorded, group: command.data.group } });
    }
    case 'AssignIncidentToAgent': {
      const d = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      const group = state.group;
      if (group === undefined) return left({ _tag: 'IncidentNotAssignedToGroup', incidentId });
      if (d.agent === state.agent) return left({ _tag: 'IncidentAlreadyAssignedToAgent', incidentId, agent: d.agent });
      if (!d.agentGroups.includes(group))
        return left({
          _tag: 'AgentNotMemberOfAssignedGroup',
          incidentId,
          agent: d.agent,
          group,
          agentGroups: d.agentGroups,
        });
      return decided({ type: 'IncidentAssignedToAgent', data: { ...recorded, group, agent: d.agent } });
    }
    case 'StartIncidentWork': {
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (state.agent === undefined) return left({ _tag: 'IncidentNotAssigned', incidentId });
      if (state.workStartedAt !== undefined) return left({ _tag: 'IncidentWorkAlreadyStarted', incidentId });
      if (state.status !== 'InProgress')
        return left({ _tag: 'IncidentNotInProgress', incidentId, status: state.status });
      return decided({ type: 'IncidentWorkStarted', data: recorded });
    }
    case 'AddIncidentComment': {
      const byCaller = actor.id === state.caller;
      const comment: IncidentEvent = {
        type: 'IncidentCommentAdded',
        data: { ...recorded, text: command.data.text, byCaller },
      };
      // The caller's reply is what an incident awaiting the caller waits for.
      if (byCaller && state.status === 'OnHold' && state.onHoldReason === 'awaiting-caller')
        return decided(comment, { type: 'IncidentResumed', data: { ...recorded, automatic: true } });
      return decided(comment);
    }
    case 'AddIncidentWorkNote':
      return decided({ type: 'IncidentWorkNoteAdded', data: { ...recorded, text: command.data.text } });
    case 'PutIncidentOnHold': {
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (state.status === 'OnHold') return left({ _tag: 'IncidentAlreadyOnHold', incidentId });
      if (state.status !== 'InProgress')
        return left({ _tag: 'IncidentNotInProgress', incidentId, status: state.status });
      return decided({
        type: 'IncidentPutOnHold',
        data: { ...recorded, reason: command.data.reason, ...optional('note', command.data.note) },
      });
    }
    case 'ResumeIncident':
      if (state.status !== 'OnHold') return left({ _tag: 'IncidentNotOnHold', incidentId, status: state.status });
      return decided({ type: 'IncidentResumed', data: { ...recorded, automatic: false } });
    case 'EscalateIncident': {
      const { escalation, reason } = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (escalation.kind === 'functional') {
        if (escalation.toGroup === state.group)
          return left({ _tag: 'IncidentAlreadyAssignedToGroup', incidentId, group: escalation.toGroup });
        // The escalation is the why; the assignment is the fact queues read.
        return decided(
          { type: 'IncidentEscalated', data: { ...recorded, kind: 'functional', toGroup: escalation.toGroup, reason } },
          { type: 'IncidentAssignedToGroup', data: { ...recorded, group: escalation.toGroup } },
        );
      }
      if (escalation.level > policy.maxHierarchicLevel)
        return left({
          _tag: 'EscalationLevelOutOfRange',
          incidentId,
          level: escalation.level,
          maxLevel: policy.maxHierarchicLevel,
        });
      if (escalation.level <= state.hierarchicLevel)
        return left({
          _tag: 'EscalationLevelNotRaised',
          incidentId,
          level: escalation.level,
          currentLevel: state.hierarchicLevel,
        });
      return decided({
        type: 'IncidentEscalated',
        data: { ...recorded, kind: 'hierarchic', level: escalation.level, reason },
      });
    }
    case 'DeclareMajorIncident': {
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (state.major) return left({ _tag: 'IncidentAlreadyMajor', incidentId });
      return decided({ type: 'IncidentMajorDeclared', data: { ...recorded, reason: command.data.reason } });
    }
    case 'UndeclareMajorIncident':
      if (!state.major) return left({ _tag: 'IncidentNotMajor', incidentId });
      return decided({ type: 'IncidentMajorUndeclared', data: { ...recorded, reason: command.data.reason } });
    case 'SetIncidentParent': {
      const { parent, parentAncestors } = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (parent === incidentId || parentAncestors.includes(incidentId))
        return left({ _tag: 'IncidentParentCycle', incidentId, parent, parentAncestors });
      if (parent === state.links.parent) return left({ _tag: 'IncidentParentUnchanged', incidentId, parent });
      return decided({ type: 'IncidentParentSet', data: { ...recorded, parent } });
    }
    case 'LinkIncidentToProblem': {
      const problem = command.data.problem;
      if (state.links.problems.includes(problem))
        return left({ _tag: 'IncidentAlreadyLinked', incidentId, link: 'problem', target: problem });
      return decided({ type: 'IncidentProblemLinked', data: { ...recorded, problem } });
    }
    case 'LinkIncidentToChange': {
      const { change, relation } = command.data;
      if (state.links.changes.includes(change))
        return left({ _tag: 'IncidentAlreadyLinked', incidentId, link: 'change', target: change });
      return decided({ type: 'IncidentChangeLinked', data: { ...recorded, change, relation } });
    }
    case 'LinkIncidentToConfigurationItem': {
      const { configurationItem, configurationItemRetired } = command.data;
      if (configurationItemRetired) return left({ _tag: 'ConfigurationItemRetired', incidentId, configurationItem });
      if (state.links.configurationItems.includes(configurationItem))
        return left({
          _tag: 'IncidentAlreadyLinked',
          incidentId,
          link: 'configuration-item',
          target: configurationItem,
        });
      return decided({ type: 'IncidentConfigurationItemLinked', data: { ...recorded, configurationItem } });
    }
    case 'ResolveIncident': {
      const d = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (state.agent === undefined) return left({ _tag: 'IncidentNotAssigned', incidentId });
      if (d.resolvedChildren.includes(incidentId) || new Set(d.resolvedChildren).size !== d.resolvedChildren.length)
        return left({ _tag: 'InvalidResolvedChildren', incidentId, resolvedChildren: d.resolvedChildren });
      return decided({
        type: 'IncidentResolved',
        data: {
          ...recorded,
          resolutionCode: d.resolutionCode,
          resolutionNotes: d.resolutionNotes,
          resolvedChildren: d.resolvedChildren,
          ...optional('knowledgeArticle', d.knowledgeArticle),
        },
      });
    }
    case 'ConfirmIncidentResolution': {
      const refused = refuse(resolvedOrRefuse(state, incidentId));
      if (refused) return refused;
      return decided(
        { type: 'IncidentResolutionConfirmed', data: recorded },
        { type: 'IncidentClosed', data: { ...recorded, closure: 'confirmed' } },
      );
    }
    case 'RejectIncidentResolution': {
      const refused = refuse(resolvedOrRefuse(state, incidentId));
      if (refused) return refused;
      return decided({ type: 'IncidentResolutionRejected', data: { ...recorded, reason: command.data.reason } });
    }
    case 'ReopenIncident': {
      const refused = refuse(resolvedOrRefuse(state, incidentId));
      if (refused) return refused;
      const resolvedAt = state.resolution?.resolvedAt ?? recorded.at;
      if (elapsedDays(resolvedAt, recorded.at) > policy.reopenWindowDays)
        return left({
          _tag: 'IncidentReopenWindowElapsed',
          incidentId,
          resolvedAt,
          windowDays: policy.reopenWindowDays,
        });
      return decided({
        type: 'IncidentReopened',
        data: { ...recorded, reason: command.data.reason, reopenCount: state.reopenCount + 1 },
      });
    }
    case 'CloseIncident': {
      const refused = refuse(resolvedOrRefuse(state, incidentId));
      if (refused) return refused;
      return decided({ type: 'IncidentClosed', data: { ...recorded, closure: 'confirmed' } });
    }
    case 'AutoCloseIncident': {
      const refused = refuse(resolvedOrRefuse(state, incidentId));
      if (refused) return refused;
      const resolvedAt = state.resolution?.resolvedAt ?? recorded.at;
      if (elapsedDays(resolvedAt, recorded.at) < policy.autoCloseAfterDays)
        return left({
          _tag: 'IncidentAutoCloseTooEarly',
          incidentId,
          resolvedAt,
          autoCloseAfterDays: policy.autoCloseAfterDays,
        });
      return decided({ type: 'IncidentClosed', data: { ...recorded, closure: 'auto-closed' } });
    }
    case 'CancelIncident': {
      const d = command.data;
      const refused = refuse(openOrRefuse(state, incidentId));
      if (refused) return refused;
      if (d.reason === 'duplicate' && (d.reference === undefined || (d.reference as string) === incidentId))
        return left({ _tag: 'DuplicateReferenceInvalid', incidentId, reference: d.reference });
      return decided({
        type: 'IncidentCancelled',
        data: { ...recorded, reason: d.reason, ...optional('reference', d.reference), ...optional('note', d.note) },
      });
    }
  }
};

const decideIncidentSlaCommand = (
  decideSla: (command: SlaCommand, state: IncidentState['sla']) => Either<SlaRecordError, readonly SlaEvent[]>,
  command: SlaCommand,
  state: IncidentState,
): Decision => {
  const record = command.data.record;
  const incidentId = record.id as IncidentId;
  if (state.status === 'NotLogged') return left({ _tag: 'IncidentNotFound', incidentId });
  if (record.category !== 'incident' || record.id !== state.incidentId)
    return left({ _tag: 'SlaCommandForAnotherRecord', incidentId: state.incidentId ?? incidentId, record });
  // A new measurement on a finished incident makes no sense; late warnings and breaches still do.
  if (command.type === 'AttachSla' || command.type === 'RebaselineSla') {
    if (state.status === 'Closed') return left({ _tag: 'IncidentAlreadyClosed', incidentId });
    if (state.status === 'Cancelled') return left({ _tag: 'IncidentAlreadyCancelled', incidentId });
  }
  return decideSla(command, state.sla);
};

/** Builds an incident decider with a policy (matrix, authorization, windows); see `defaultIncidentPolicy`. */
export const createIncidentDecider = (policy: IncidentPolicy = defaultIncidentPolicy): IncidentDecider => {
  const slaAuthorization: AuthorizationRules<IncidentSlaCommandType> = {
    AttachSla: policy.authorization.AttachSla,
    RecordSlaWarning: policy.authorization.RecordSlaWarning,
    RecordSlaBreach: policy.authorization.RecordSlaBreach,
    RebaselineSla: policy.authorization.RebaselineSla,
  };
  const decideSla = decideSlaCommandWith(slaAuthorization);
  return {
    decide: (command, state) => {
      const authorized = authorize(policy.authorization, command.type, command.metadata.actor);
      if (authorized._tag === 'Left') return authorized;
      return isSlaCommand(command)
        ? decideIncidentSlaCommand(decideSla, command, state)
        : decideIncidentCommand(policy, command, state);
    },
    evolve: evolveIncident,
    initialState: initialIncidentState,
  };
};

/** The incident decider with {@link defaultIncidentPolicy}. */
export const incidentDecider: IncidentDecider = createIncidentDecider(defaultIncidentPolicy);
