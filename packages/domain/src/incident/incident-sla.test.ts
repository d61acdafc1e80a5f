import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import { decodeInput } from '../shared/codec-decoding.js';
import { SlaEvent } from '../service-level/sla-record.js';
import { IncidentStreamCommand, incidentDecider } from './incident-decider.js';
import { evolveIncident, initialIncidentState, type IncidentStreamEvent } from './incident-state.js';
import {
  INCIDENT,
  alice,
  autoCloser,
  desk,
  event,
  hoursLater,
  inProgress,
  logged,
  manager,
  resolvedHistory,
  type RawActor,
} from './incident.test-fixture.js';

const spec = deciderSpec(incidentDecider);
const fold = (events: readonly IncidentStreamEvent[]) => events.reduce(evolveIncident, initialIncidentState);
const allDay = [{ from: '00:00', to: '24:00' }];
const policy = {
  policyId: 'gold',
  policyVersion: 1,
  policyName: 'Gold support',
  service: 'vpn',
  calendar: {
    name: 'always',
    timeZone: 'UTC',
    weeklyHours: {
      monday: allDay,
      tuesday: allDay,
      wednesday: allDay,
      thursday: allDay,
      friday: allDay,
      saturday: allDay,
      sunday: allDay,
    },
    holidays: [],
  },
  pausing: { timeToOwn: [], timeToResolve: ['status:OnHold'], updateInterval: [] },
  warningThresholds: [50, 75, 90],
  reopenPolicy: 'cumulative',
  baseline: { priority: 3, targets: { timeToOwnMinutes: 60, timeToResolveMinutes: 480 }, olaTargets: [] },
};
const record = { category: 'incident', id: INCIDENT };

const slaCommand = (
  type: string,
  data: Record<string, unknown>,
  actor: RawActor,
  hours: number,
): IncidentStreamCommand => {
  const decoded = decodeInput(IncidentStreamCommand, {
    type,
    data,
    metadata: { actor, occurredAt: hoursLater(hours), correlationId: 'corr-sla' },
  });
  if (decoded._tag === 'Left') throw new Error(decoded.left.problems.join('; '));
  return decoded.right;
};
const slaEvent = (type: string, data: Record<string, unknown>, actor: RawActor, hours: number): SlaEvent => {
  const decoded = decodeInput(SlaEvent, { type, data: { ...data, at: hoursLater(hours), by: actor.id } });
  if (decoded._tag === 'Left') throw new Error(decoded.left.problems.join('; '));
  return decoded.right;
};

const attached = slaEvent('SlaAttached', { record, policy }, desk, 0);
const breach = { record, target: 'time-to-own', cycle: 1, baseline: 0, breachedAt: hoursLater(1) };

describe('SLA facts on the incident stream', () => {
  it('attaches an SLA to a logged incident by delegation', () => {
    spec
      .given([logged])
      .when(slaCommand('AttachSla', { record, policy }, desk, 0))
      .then([attached]);
    const state = fold([logged, attached]);
    expect(state.sla.attachment?.policy.policyId).toBe('gold');
    expect(state.status).toBe('New');
  });
  it('refuses SLA commands for an incident that was never logged', () => {
    spec.when(slaCommand('AttachSla', { record, policy }, desk, 0)).thenFails('IncidentNotFound');
  });
  it('refuses SLA commands that name another record', () => {
    const error = spec
      .given([logged])
      .when(slaCommand('AttachSla', { record: { category: 'incident', id: 'INC-2' }, policy }, desk, 0))
      .thenFails('SlaCommandForAnotherRecord');
    expect(error.record).toEqual({ category: 'incident', id: 'INC-2' });
    spec
      .given([logged])
      .when(slaCommand('AttachSla', { record: { category: 'serviceRequest', id: INCIDENT }, policy }, desk, 0))
      .thenFails('SlaCommandForAnotherRecord');
  });
  it('checks the roles of SLA commands with the incident policy', () => {
    spec
      .given([logged, attached])
      .when(slaCommand('RecordSlaBreach', breach, alice, 2))
      .thenFails('CommandNotAuthorized');
  });
  it('records a breach once, and passes the SLA module’s own errors through', () => {
    const breached = slaEvent('SlaBreached', breach, autoCloser, 2);
    spec
      .given([logged, attached])
      .when(slaCommand('RecordSlaBreach', breach, autoCloser, 2))
      .then([breached]);
    spec
      .given([logged, attached, breached])
      .when(slaCommand('RecordSlaBreach', breach, autoCloser, 3))
      .thenNothing();
    spec
      .given([logged])
      .when(slaCommand('RecordSlaBreach', breach, autoCloser, 2))
      .thenFails('SlaNotAttached');
  });
  it('refuses attaching or re-baselining on a closed incident, but records late breaches', () => {
    const closed = [
      logged,
      attached,
      ...resolvedHistory.slice(1),
      event('IncidentClosed', { closure: 'confirmed' }, desk, 12),
    ];
    spec
      .given(closed)
      .when(
        slaCommand(
          'RebaselineSla',
          { record, priority: 1, targets: { timeToResolveMinutes: 120 }, olaTargets: [], reason: 'Priority raised' },
          manager,
          13,
        ),
      )
      .thenFails('IncidentAlreadyClosed');
    spec
      .given(closed)
      .when(slaCommand('RecordSlaBreach', breach, autoCloser, 13))
      .then([slaEvent('SlaBreached', breach, autoCloser, 13)]);
  });
  it('keeps SLA facts out of the incident lifecycle', () => {
    const withSla = [logged, attached, ...inProgress.slice(1)];
    const state = fold(withSla);
    expect(state).toMatchObject({ status: 'InProgress', agent: 'net-1' });
  });
});
