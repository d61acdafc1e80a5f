/**
 * Actors and roles: who issues a command. The application authenticates the
 * user and resolves roles and group memberships; the domain only checks them
 * against its rules (see `authorization`).
 *
 * @module
 */
import * as t from 'io-ts';
import { GroupId, UserId } from './ids.js';

/** The ITIL roles the domain's authorization rules speak of (codec and type). */
export const Role = t.keyof(
  {
    caller: null,
    'service-desk-agent': null,
    resolver: null,
    'incident-manager': null,
    'problem-manager': null,
    'change-manager': null,
    'change-implementer': null,
    'cab-member': null,
    'emergency-cab-member': null,
    'request-fulfiller': null,
    'catalog-manager': null,
    'configuration-manager': null,
    'knowledge-author': null,
    'knowledge-manager': null,
    'service-level-manager': null,
    /** Automated processes (auto-close, SLA deadlines, problem → incident). */
    process: null,
  },
  'Role',
);
/** An ITIL role. */
export type Role = t.TypeOf<typeof Role>;

/** Who issues a command: a user (or process) with roles and group memberships (codec and type). */
export const Actor = t.readonly(
  t.type({
    id: UserId,
    roles: t.readonlyArray(Role),
    groups: t.readonlyArray(GroupId),
  }),
  'Actor',
);
/** Who issues a command. */
export type Actor = t.TypeOf<typeof Actor>;

/** Whether the actor holds a role. */
export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);

/** Whether the actor is a member of a group. */
export const isMemberOf = (actor: Actor, group: GroupId): boolean => actor.groups.includes(group);
