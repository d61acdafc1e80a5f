/**
 * The incident policy: the configurable defaults as data — priority matrix,
 * who may issue each command, which roles are scoped to the assigned group
 * or to one's own incidents, the reopen window, the auto-close delay and the
 * highest hierarchic escalation level. Change them by building a policy from
 * {@link defaultIncidentPolicy} and passing it to `createIncidentDecider`.
 *
 * Limits: windows are elapsed time (days of 24 hours between the resolution
 * and the command's `occurredAt`), not business days.
 *
 * @module
 */
import type { Role } from '../shared/actor.js';
import type { AuthorizationRules } from '../shared/authorization.js';
import { itilPriorityMatrix, type PriorityMatrix } from '../shared/priority.js';
import type { IncidentCommandType } from './incident-commands.js';

/** The SLA command types an incident stream accepts (delegated to the SLA record). */
export type IncidentSlaCommandType = 'AttachSla' | 'RecordSlaWarning' | 'RecordSlaBreach' | 'RebaselineSla';

/** Every command type the incident decider accepts: incident commands and the SLA commands. */
export type IncidentStreamCommandType = IncidentCommandType | IncidentSlaCommandType;

/** The configurable rules of the incident decider. */
export interface IncidentPolicy {
  /** Impact × urgency → priority. */
  readonly priorityMatrix: PriorityMatrix;
  /** For each command type, the roles any one of which may issue it. */
  readonly authorization: AuthorizationRules<IncidentStreamCommandType>;
  /**
   * Roles that count only for members of the incident's assigned group
   * (`actor.groups`). An actor allowed by such a role alone must be in the group.
   */
  readonly groupScopedRoles: readonly Role[];
  /** Roles that count only on one's own incidents: an actor allowed by such a role alone must be the caller. */
  readonly callerScopedRoles: readonly Role[];
  /** Days after the resolution during which a resolved incident may be reopened. */
  readonly reopenWindowDays: number;
  /** Days in Resolved after which the auto-close process may close the incident. */
  readonly autoCloseAfterDays: number;
  /** The highest hierarchic escalation level (1–5). */
  readonly maxHierarchicLevel: number;
}

const desk: readonly Role[] = ['service-desk-agent', 'resolver', 'incident-manager'];

/** Default authorization: who may issue each incident (and SLA) command. */
export const defaultIncidentAuthorization: AuthorizationRules<IncidentStreamCommandType> = {
  LogIncident: ['caller', 'service-desk-agent', 'incident-manager'],
  RecategorizeIncident: desk,
  ChangeIncidentImpactUrgency: desk,
  OverrideIncidentPriority: ['incident-manager'],
  AssignIncidentToGroup: desk,
  AssignIncidentToAgent: desk,
  StartIncidentWork: desk,
  AddIncidentComment: ['caller', ...desk],
  AddIncidentWorkNote: desk,
  PutIncidentOnHold: desk,
  ResumeIncident: [...desk, 'process'],
  EscalateIncident: desk,
  DeclareMajorIncident: ['incident-manager'],
  UndeclareMajorIncident: ['incident-manager'],
  SetIncidentParent: desk,
  LinkIncidentToProblem: [...desk, 'problem-manager'],
  LinkIncidentToChange: [...desk, 'change-manager'],
  LinkIncidentToConfigurationItem: desk,
  ResolveIncident: desk,
  ConfirmIncidentResolution: ['caller', 'service-desk-agent', 'incident-manager'],
  RejectIncidentResolution: ['caller', 'service-desk-agent', 'incident-manager'],
  ReopenIncident: ['caller', 'service-desk-agent', 'incident-manager'],
  CloseIncident: ['service-desk-agent', 'incident-manager'],
  AutoCloseIncident: ['process'],
  CancelIncident: ['service-desk-agent', 'incident-manager'],
  AttachSla: ['process', 'service-desk-agent', 'incident-manager', 'service-level-manager'],
  RecordSlaWarning: ['process', 'service-level-manager'],
  RecordSlaBreach: ['process', 'service-level-manager'],
  RebaselineSla: ['process', 'incident-manager', 'service-level-manager'],
};

/** The default incident policy: ITIL 3×3 matrix, reopen within 3 days, auto-close after 3 days, 3 management levels. */
export const defaultIncidentPolicy: IncidentPolicy = {
  priorityMatrix: itilPriorityMatrix,
  authorization: defaultIncidentAuthorization,
  groupScopedRoles: ['resolver'],
  callerScopedRoles: ['caller'],
  reopenWindowDays: 3,
  autoCloseAfterDays: 3,
  maxHierarchicLevel: 3,
};
