import { describe, expect, it } from '@jest/globals';
import { foldEvents } from '@itsm/event-store';
import type { Instant } from '../shared/instant.js';
import { computeSlaClock } from '../service-level/sla-clock.js';
import { SlaEvent } from '../service-level/sla-record.js';
import {
  alice,
  approverAgent,
  decoded,
  hardwareFulfiller,
  hoursLater,
  laptopAnswers,
  laptopDefinitionInput,
  laptopSnapshot,
  slaProcess,
} from '../service-catalog/service-catalog.test-fixture.js';
import { ServiceRequest } from './service-request.js';
import type { ServiceRequestEvent } from './service-request-decider.js';
import { serviceRequestSlaSignals, serviceRequestSlaSignalsOf } from './service-request-sla-signals.js';
import { REQUEST, requestEvent } from './service-request.test-fixture.js';

const allDay = [{ from: '00:00', to: '24:00' }];
const policy = {
  policyId: 'requests-standard',
  policyVersion: 1,
  policyName: 'Standard requests',
  service: 'workplace',
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
  // Waiting for approval does not count against the fulfilment target.
  pausing: { timeToOwn: [], timeToResolve: ['AwaitingApproval'], updateInterval: [] },
  warningThresholds: [50, 75, 90],
  reopenPolicy: 'cumulative',
  baseline: { priority: 3, targets: { timeToOwnMinutes: 240, timeToResolveMinutes: 480 }, olaTargets: [] },
};
const snapshot = laptopSnapshot({ service: 'workplace', priority: 3 });
const submitted = requestEvent(
  'ServiceRequestSubmitted',
  { catalogItem: snapshot, requestedFor: 'alice', answers: laptopAnswers },
  alice,
  0,
);
const attached = decoded(SlaEvent, {
  type: 'SlaAttached',
  data: { record: { category: 'serviceRequest', id: REQUEST }, policy, at: hoursLater(0), by: slaProcess.id },
}) as ServiceRequestEvent;
const history: ServiceRequestEvent[] = [
  submitted,
  requestEvent('ServiceRequestApprovalRequested', { approverGroup: 'it-approvers' }, alice, 0),
  attached,
  requestEvent('ServiceRequestApproved', { approverGroup: 'it-approvers' }, approverAgent, 2),
  requestEvent('ServiceRequestFulfilmentStarted', {}, approverAgent, 2),
  ...laptopDefinitionInput.fulfilmentTasks.map((task) => requestEvent('FulfilmentTaskCreated', task, approverAgent, 2)),
  requestEvent('FulfilmentTaskStarted', { taskId: 'order' }, hardwareFulfiller, 3),
];
const target = (clock: ReturnType<typeof computeSlaClock>, name: string) =>
  clock.targets.find((t) => t.target === name);

describe('SLA clocks on service requests', () => {
  it('starts with the catalog item version’s service and priority (4 and the item id by default)', () => {
    expect(serviceRequestSlaSignals(submitted)).toEqual([
      { kind: 'started', at: hoursLater(0), priority: 3, service: 'workplace' },
    ]);
    const plain = requestEvent(
      'ServiceRequestSubmitted',
      { catalogItem: laptopSnapshot(), requestedFor: 'alice', answers: laptopAnswers },
      alice,
      0,
    );
    expect(serviceRequestSlaSignals(plain)).toEqual([
      { kind: 'started', at: hoursLater(0), priority: 4, service: 'laptop' },
    ]);
  });
  it('pauses time to resolve while awaiting approval and counts time to own from submission', () => {
    const clock = computeSlaClock(serviceRequestSlaSignalsOf(history), hoursLater(4) as Instant);
    expect(clock.attached).toBe(true);
    // Owned at hour 3, three hours after submission; the approval wait does not pause time to own.
    expect(target(clock, 'time-to-own')).toMatchObject({ status: 'met', elapsedMilliseconds: 3 * 3_600_000 });
    // Four hours open, two of them awaiting approval.
    expect(target(clock, 'time-to-resolve')).toMatchObject({ status: 'running', elapsedMilliseconds: 2 * 3_600_000 });
  });
  it('meets time to resolve on fulfilment and stops the clocks', () => {
    const fulfilled = [
      ...history,
      requestEvent('FulfilmentTaskCompleted', { taskId: 'order' }, hardwareFulfiller, 5),
      requestEvent('ServiceRequestFulfilled', {}, hardwareFulfiller, 5),
    ];
    const clock = computeSlaClock(serviceRequestSlaSignalsOf(fulfilled), hoursLater(30) as Instant);
    expect(target(clock, 'time-to-resolve')).toMatchObject({ status: 'met', elapsedMilliseconds: 3 * 3_600_000 });
    expect(clock.recordStatus).toBe('closed');
    expect(foldEvents(ServiceRequest.decider, fulfilled.slice(0, -2)).request.status).toBe('in-fulfilment');
  });
  it('stops the clocks of a cancelled request without meeting them', () => {
    const cancelled = [...history, requestEvent('ServiceRequestCancelled', { reason: 'Not needed' }, alice, 5)];
    const clock = computeSlaClock(serviceRequestSlaSignalsOf(cancelled), hoursLater(30) as Instant);
    expect(target(clock, 'time-to-resolve')?.status).toBe('stopped');
  });
});
