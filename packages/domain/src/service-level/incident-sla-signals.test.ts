import { describe, expect, it } from '@jest/globals';
import { incidentSlaSignals } from './incident-sla-signals.js';
import { incident, sla, snapshot } from './sla.test-fixture.js';

const at = '2026-05-04T08:00:00Z';

describe('incident → SLA signals', () => {
  it.each([
    ['IncidentLogged', incident.logged(at, 2), [{ kind: 'started', at, priority: 2, service: 'email' }]],
    [
      'IncidentAssignedToGroup',
      incident.toGroup(at, 'network'),
      [
        { kind: 'group-changed', at, group: 'network' },
        { kind: 'disowned', at },
      ],
    ],
    [
      'IncidentAssignedToAgent',
      incident.toAgent(at, 'network'),
      [
        { kind: 'group-changed', at, group: 'network' },
        { kind: 'owned', at },
      ],
    ],
    ['IncidentWorkStarted', { type: 'IncidentWorkStarted', data: { at } }, [{ kind: 'owned', at }]],
    ['IncidentCommentAdded (support)', incident.comment(at), [{ kind: 'updated', at }]],
    ['IncidentCommentAdded (caller)', incident.comment(at, true), []],
    ['IncidentWorkNoteAdded', incident.workNote(at), []],
    [
      'IncidentPutOnHold',
      incident.onHold(at, 'awaiting-vendor'),
      [{ kind: 'paused', at, status: 'OnHold', reason: 'awaiting-vendor' }],
    ],
    ['IncidentResumed', incident.resumed(at), [{ kind: 'resumed', at }]],
    ['IncidentResolved', incident.resolved(at), [{ kind: 'met', at }]],
    ['IncidentReopened', incident.reopened(at), [{ kind: 'reopened', at }]],
    [
      'IncidentResolutionRejected',
      { type: 'IncidentResolutionRejected', data: { at, reason: 'no' } },
      [{ kind: 'reopened', at }],
    ],
    ['IncidentClosed', incident.closed(at), [{ kind: 'stopped', at, reason: 'closed' }]],
    ['IncidentCancelled', incident.cancelled(at), [{ kind: 'stopped', at, reason: 'cancelled' }]],
    ['IncidentPriorityChanged', incident.priorityChanged(at, 1, 3), [{ kind: 'priority-changed', at, priority: 1 }]],
    ['IncidentEscalated', { type: 'IncidentEscalated', data: { at, kind: 'hierarchic', level: 2, reason: 'x' } }, []],
    ['IncidentMajorDeclared', { type: 'IncidentMajorDeclared', data: { at, reason: 'x' } }, []],
  ])('%s', (_name, event, signals) => {
    expect(incidentSlaSignals(event)).toEqual(signals);
  });

  it('SLA facts on the stream become SLA signals', () => {
    const policy = snapshot();
    expect(incidentSlaSignals(sla.attached(at, policy))).toEqual([{ kind: 'sla-attached', at, policy }]);
  });
});
