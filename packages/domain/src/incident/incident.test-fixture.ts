/**
 * Test fixtures for the incident decider: actors, instants, and builders for
 * commands and events that go through the real codecs (a fixture that does
 * not decode fails the test that builds it).
 */
import { decodeInput } from '../shared/codec-decoding.js';
import { instantFromEpochMilliseconds, instantToEpochMilliseconds, type Instant } from '../shared/instant.js';
import type { Role } from '../shared/actor.js';
import { IncidentStreamCommand } from './incident-decider.js';
import { IncidentEvent } from './incident-events.js';
import type { IncidentStreamCommandType } from './incident-policy.js';

/** An actor as raw input. */
export interface RawActor {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly groups: readonly string[];
}

/** Alice, the caller of the fixtures' incident. */
export const alice: RawActor = { id: 'alice', roles: ['caller'], groups: [] };
/** Bob, a caller of other incidents. */
export const bob: RawActor = { id: 'bob', roles: ['caller'], groups: [] };
/** A service desk agent. */
export const desk: RawActor = { id: 'desk-1', roles: ['service-desk-agent'], groups: ['service-desk'] };
/** A resolver of the network group (the fixtures' assigned agent). */
export const networkResolver: RawActor = { id: 'net-1', roles: ['resolver'], groups: ['network'] };
/** Another resolver of the network group. */
export const networkResolver2: RawActor = { id: 'net-2', roles: ['resolver'], groups: ['network'] };
/** A resolver of the database group. */
export const databaseResolver: RawActor = { id: 'db-1', roles: ['resolver'], groups: ['database'] };
/** An incident manager. */
export const manager: RawActor = { id: 'mgr-1', roles: ['incident-manager'], groups: [] };
/** The auto-close process. */
export const autoCloser: RawActor = { id: 'auto-close', roles: ['process'], groups: [] };

/** The fixtures' incident id. */
export const INCIDENT = 'INC-1';
const BASE = instantToEpochMilliseconds('2026-01-05T09:00:00Z' as Instant);

/** The instant `hours` after the fixtures' start (Monday 2026-01-05 09:00 UTC). */
export const hoursLater = (hours: number): string => instantFromEpochMilliseconds(BASE + hours * 3_600_000);

/** A command decoded with the incident stream's codec. */
export const command = (
  type: IncidentStreamCommandType,
  data: Record<string, unknown>,
  actor: RawActor,
  hours = 1,
): IncidentStreamCommand => {
  const decoded = decodeInput(IncidentStreamCommand, {
    type,
    data: { incidentId: INCIDENT, ...data },
    metadata: { actor, occurredAt: hoursLater(hours), correlationId: 'corr-1' },
  });
  if (decoded._tag === 'Left') throw new Error(`fixture ${type} does not decode: ${decoded.left.problems.join('; ')}`);
  return decoded.right;
};

/** An incident event decoded with its codec. */
export const event = (
  type: IncidentEvent['type'],
  data: Record<string, unknown>,
  by: RawActor,
  hours = 1,
): IncidentEvent => {
  const decoded = decodeInput(IncidentEvent, {
    type,
    data: { incidentId: INCIDENT, at: hoursLater(hours), by: by.id, ...data },
  });
  if (decoded._tag === 'Left') throw new Error(`fixture ${type} does not decode: ${decoded.left.problems.join('; ')}`);
  return decoded.right;
};

/** The data of a typical `LogIncident`: Alice cannot reach the VPN. */
export const logData = {
  caller: 'alice',
  service: 'vpn',
  category: 'network',
  impact: 2,
  urgency: 2,
  channel: 'phone',
  shortDescription: 'VPN drops every few minutes',
  description: 'Since this morning the VPN client disconnects every 3–5 minutes.',
};

/** Logged by the desk at hour 0 (priority 3). */
export const logged = event('IncidentLogged', { ...logData, priority: 3 }, desk, 0);
/** Assigned to the network group at hour 1. */
export const assignedToNetwork = event('IncidentAssignedToGroup', { group: 'network' }, desk, 1);
/** Assigned to net-1 at hour 2. */
export const assignedToNet1 = event(
  'IncidentAssignedToAgent',
  { group: 'network', agent: 'net-1' },
  networkResolver,
  2,
);
/** Work started at hour 3. */
export const workStarted = event('IncidentWorkStarted', {}, networkResolver, 3);
/** On hold awaiting the caller at hour 4. */
export const onHoldAwaitingCaller = event('IncidentPutOnHold', { reason: 'awaiting-caller' }, networkResolver, 4);
/** Resolved by net-1 at hour 10. */
export const resolved = event(
  'IncidentResolved',
  { resolutionCode: 'solved-permanently', resolutionNotes: 'Replaced the VPN profile.', resolvedChildren: [] },
  networkResolver,
  10,
);

/** Logged, assigned to the network group and to net-1. */
export const inProgress = [logged, assignedToNetwork, assignedToNet1];
/** In progress, work started, then resolved at hour 10. */
export const resolvedHistory = [...inProgress, workStarted, resolved];
