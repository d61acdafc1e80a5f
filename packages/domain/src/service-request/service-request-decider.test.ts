import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import { foldEvents } from '@itsm/event-store';
import { decodeInput } from '../shared/codec-decoding.js';
import { SlaEvent } from '../service-level/sla-record.js';
import {
  alice,
  approverAgent,
  carol,
  decoded,
  deskAgent,
  hardwareFulfiller,
  hoursLater,
  identityFulfiller,
  laptopAnswers,
  laptopDefinitionInput,
  laptopSnapshot,
  slaProcess,
  type RawActor,
} from '../service-catalog/service-catalog.test-fixture.js';
import { ServiceRequest } from './service-request.js';
import {
  ServiceRequestCommand,
  createServiceRequestDecider,
  type ServiceRequestEvent,
} from './service-request-decider.js';
import { defaultServiceRequestPolicy } from './service-request-policy.js';
import { REQUEST, requestCommand, requestEvent } from './service-request.test-fixture.js';

const spec = deciderSpec(ServiceRequest.decider);
const snapshot = laptopSnapshot();
const noApproval = laptopSnapshot({ approval: { required: false } });

const submit = (actor: RawActor = alice, data: Record<string, unknown> = {}) =>
  requestCommand(
    'SubmitServiceRequest',
    { catalogItem: laptopSnapshot(), requestedFor: 'alice', answers: laptopAnswers, ...data },
    actor,
  );
const submitted = (catalogItem = snapshot, by: RawActor = alice, requestedFor = 'alice') =>
  requestEvent('ServiceRequestSubmitted', { catalogItem, requestedFor, answers: laptopAnswers }, by);
const approvalRequested = requestEvent('ServiceRequestApprovalRequested', { approverGroup: 'it-approvers' }, alice);
const tasksCreated = (by: RawActor, hours = 1): ServiceRequestEvent[] => [
  requestEvent('ServiceRequestFulfilmentStarted', {}, by, hours),
  ...laptopDefinitionInput.fulfilmentTasks.map((task) => requestEvent('FulfilmentTaskCreated', task, by, hours)),
];
const approved = requestEvent('ServiceRequestApproved', { approverGroup: 'it-approvers' }, approverAgent, 2);
const inFulfilment = [submitted(), approvalRequested, approved, ...tasksCreated(approverAgent, 2)];
const started = (taskId: string, by: RawActor = hardwareFulfiller) =>
  requestEvent('FulfilmentTaskStarted', { taskId }, by, 3);
const completed = (taskId: string, by: RawActor = hardwareFulfiller) =>
  requestEvent('FulfilmentTaskCompleted', { taskId }, by, 4);
const task = (
  type: 'StartFulfilmentTask' | 'CompleteFulfilmentTask',
  taskId: string,
  actor: RawActor = hardwareFulfiller,
) => requestCommand(type, { taskId }, actor, type === 'StartFulfilmentTask' ? 3 : 4);
const fulfilled = (by: RawActor = hardwareFulfiller) => requestEvent('ServiceRequestFulfilled', {}, by, 4);

describe('service request: submission', () => {
  it('records the catalog item version and waits for approval when the item needs it', () => {
    spec.when(submit()).then([submitted(), approvalRequested]);
  });
  it('creates the fulfilment tasks at submission when the item needs no approval', () => {
    spec.when(submit(alice, { catalogItem: noApproval })).then([submitted(noApproval), ...tasksCreated(alice)]);
  });
  it('fulfils at once a request for an item without tasks or approval', () => {
    const nothingToDo = laptopSnapshot({ approval: { required: false }, fulfilmentTasks: [] });
    spec
      .when(submit(alice, { catalogItem: nothingToDo }))
      .then([
        submitted(nothingToDo),
        requestEvent('ServiceRequestFulfilmentStarted', {}, alice),
        requestEvent('ServiceRequestFulfilled', {}, alice),
      ]);
  });
  it('refuses answers that do not match the form, naming each field path', () => {
    const error = spec
      .when(submit(alice, { answers: { model: 'gaming', costCentre: 'CC-123456789', monitors: 'two' } }))
      .thenFails('AnswersDoNotMatchForm');
    const problems = error.problems.join('\n');
    expect(problems).toMatch(/answers\.model/);
    expect(problems).toMatch(/answers\.costCentre/);
    expect(problems).toMatch(/answers\.monitors/);
  });
  it('strips answers to fields the form does not have', () => {
    const [event] = spec
      .when(submit(alice, { answers: { ...laptopAnswers, salary: 100 } }))
      .then([submitted(), approvalRequested]);
    expect(event?.data).not.toHaveProperty('answers.salary');
  });
  it('validates against the version the request was made against, not another one', () => {
    // Version 4 of the item made `neededBy` required; a request made against version 3 does not need it.
    const v4 = laptopSnapshot({
      version: 4,
      formFields: [
        ...laptopDefinitionInput.formFields.filter((field) => field.name !== 'neededBy'),
        { name: 'neededBy', kind: 'date', required: true },
      ],
    });
    const { neededBy: _left, ...withoutDate } = laptopAnswers;
    spec
      .when(submit(alice, { answers: withoutDate }))
      .then([
        requestEvent(
          'ServiceRequestSubmitted',
          { catalogItem: snapshot, requestedFor: 'alice', answers: withoutDate },
          alice,
        ),
        approvalRequested,
      ]);
    const error = spec
      .when(submit(alice, { catalogItem: v4, answers: withoutDate }))
      .thenFails('AnswersDoNotMatchForm');
    expect(error.problems.join()).toMatch(/answers\.neededBy/);
  });
  it('refuses a retired catalog item', () => {
    spec
      .when(submit(alice, { catalogItem: laptopSnapshot({ itemStatus: 'retired' }) }))
      .thenFails('CatalogItemNotOrderable');
  });
  it('refuses a snapshot no published version could have (a task depending on an unknown task)', () => {
    const broken = laptopSnapshot({
      fulfilmentTasks: [
        { taskId: 'a', title: 'A', assignmentGroup: 'hardware', dependsOn: ['ghost'], optional: false },
      ],
    });
    spec.when(submit(alice, { catalogItem: broken })).thenFails('CatalogItemSnapshotInvalid');
  });
  it('refuses a second submission with the same id', () => {
    spec.given([submitted(), approvalRequested]).when(submit()).thenFails('ServiceRequestAlreadySubmitted');
  });
  it('is for callers and service desk agents', () => {
    spec.when(submit(hardwareFulfiller)).thenFails('CommandNotAuthorized');
  });
  it('refuses a malformed submission with the field path', () => {
    const result = decodeInput(ServiceRequestCommand, {
      type: 'SubmitServiceRequest',
      data: {
        serviceRequestId: REQUEST,
        catalogItem: { ...laptopSnapshot(), version: 'three' },
        requestedFor: 'alice',
        answers: {},
      },
      metadata: { actor: alice, occurredAt: hoursLater(1), correlationId: 'c' },
    });
    expect(result._tag === 'Left' ? result.left.problems.join('\n') : '').toMatch(/data\.catalogItem\.version/);
  });
});

describe('service request: approval', () => {
  const approve = (actor: RawActor) => requestCommand('ApproveServiceRequest', {}, actor, 2);
  it('approves and creates the tasks from the template, in order', () => {
    spec
      .given([submitted(), approvalRequested])
      .when(approve(approverAgent))
      .then([approved, ...tasksCreated(approverAgent, 2)]);
  });
  it('refuses approval by the submitter, even one in the approver group', () => {
    spec
      .given([submitted(snapshot, carol, 'carol'), approvalRequested])
      .when(approve(carol))
      .thenFails('RequesterCannotApprove');
  });
  it('refuses approval by the person the request is for', () => {
    const forDave = submitted(snapshot, alice, 'dave');
    spec.given([forDave, approvalRequested]).when(approve(approverAgent)).thenFails('RequesterCannotApprove');
  });
  it('refuses approval by someone outside the approver group', () => {
    spec.given([submitted(), approvalRequested]).when(approve(deskAgent)).thenFails('ApproverNotInApproverGroup');
  });
  it('rejects, and a rejected request takes no more work', () => {
    const rejected = requestEvent('ServiceRequestRejected', { reason: 'Not in budget' }, carol, 2);
    spec
      .given([submitted(), approvalRequested])
      .when(requestCommand('RejectServiceRequest', { reason: 'Not in budget' }, carol, 2))
      .then([rejected]);
    spec
      .given([submitted(), approvalRequested, rejected])
      .when(task('StartFulfilmentTask', 'order'))
      .thenFails('ServiceRequestNotInFulfilment');
    spec
      .given([submitted(), approvalRequested, rejected])
      .when(requestCommand('CancelServiceRequest', { reason: 'x' }, alice))
      .thenFails('ServiceRequestAlreadyClosed');
  });
  it('refuses approving a request that is not awaiting approval', () => {
    spec.given(inFulfilment).when(approve(approverAgent)).thenFails('ServiceRequestNotAwaitingApproval');
  });
  it('refuses commands on a request never submitted', () => {
    spec.when(approve(approverAgent)).thenFails('ServiceRequestNotFound');
  });
});

describe('service request: fulfilment tasks', () => {
  it('starts a task whose dependencies are done', () => {
    spec
      .given(inFulfilment)
      .when(task('StartFulfilmentTask', 'order'))
      .then([started('order')]);
  });
  it('refuses to start a task before the tasks it depends on are done or skipped, naming them', () => {
    const error = spec
      .given(inFulfilment)
      .when(task('StartFulfilmentTask', 'configure'))
      .thenFails('FulfilmentTaskDependenciesOpen');
    expect(error.openDependencies).toEqual(['order', 'accounts']);
    const partly = [...inFulfilment, started('order'), completed('order')];
    expect(
      spec.given(partly).when(task('StartFulfilmentTask', 'configure')).thenFails('FulfilmentTaskDependenciesOpen')
        .openDependencies,
    ).toEqual(['accounts']);
  });
  it('lets a task start once a dependency was skipped', () => {
    const optionalFirst = laptopSnapshot({
      approval: { required: false },
      fulfilmentTasks: [
        { taskId: 'survey', title: 'Survey', assignmentGroup: 'hardware', dependsOn: [], optional: true },
        { taskId: 'deliver', title: 'Deliver', assignmentGroup: 'hardware', dependsOn: ['survey'], optional: false },
      ],
    });
    const history = [
      submitted(optionalFirst),
      requestEvent('ServiceRequestFulfilmentStarted', {}, alice),
      requestEvent(
        'FulfilmentTaskCreated',
        { taskId: 'survey', title: 'Survey', assignmentGroup: 'hardware', dependsOn: [], optional: true },
        alice,
      ),
      requestEvent(
        'FulfilmentTaskCreated',
        { taskId: 'deliver', title: 'Deliver', assignmentGroup: 'hardware', dependsOn: ['survey'], optional: false },
        alice,
      ),
      requestEvent('FulfilmentTaskSkipped', { taskId: 'survey', reason: 'Not needed' }, hardwareFulfiller, 2),
    ];
    spec
      .given(history)
      .when(task('StartFulfilmentTask', 'deliver'))
      .then([started('deliver')]);
  });
  it('keeps task work to members of the task group', () => {
    spec
      .given(inFulfilment)
      .when(task('StartFulfilmentTask', 'order', identityFulfiller))
      .thenFails('NotInTaskAssignmentGroup');
  });
  it('lets the policy open task work to any fulfiller', () => {
    const open = deciderSpec(
      createServiceRequestDecider({ ...defaultServiceRequestPolicy, fulfillersMustBelongToTaskGroup: false }),
    );
    open
      .given(inFulfilment)
      .when(task('StartFulfilmentTask', 'order', identityFulfiller))
      .then([started('order', identityFulfiller)]);
  });
  it('refuses to complete a task not started, to start one twice, and any work on a closed task', () => {
    spec.given(inFulfilment).when(task('CompleteFulfilmentTask', 'order')).thenFails('FulfilmentTaskNotStarted');
    spec
      .given([...inFulfilment, started('order')])
      .when(task('StartFulfilmentTask', 'order'))
      .thenFails('FulfilmentTaskAlreadyStarted');
    spec
      .given([...inFulfilment, started('order'), completed('order')])
      .when(task('StartFulfilmentTask', 'order'))
      .thenFails('FulfilmentTaskAlreadyClosed');
  });
  it('refuses an unknown task', () => {
    spec.given(inFulfilment).when(task('StartFulfilmentTask', 'teleport')).thenFails('FulfilmentTaskNotFound');
  });
  it('refuses to skip a required task', () => {
    spec
      .given(inFulfilment)
      .when(requestCommand('SkipFulfilmentTask', { taskId: 'order', reason: 'x' }, hardwareFulfiller))
      .thenFails('RequiredFulfilmentTaskCannotBeSkipped');
  });
  it('assigns a task to a group and an agent the application found in it', () => {
    spec
      .given(inFulfilment)
      .when(
        requestCommand(
          'AssignFulfilmentTask',
          { taskId: 'order', assignmentGroup: 'hardware', assignee: { agent: 'hw-1', isMemberOfGroup: true } },
          deskAgent,
          3,
        ),
      )
      .then([
        requestEvent(
          'FulfilmentTaskAssigned',
          { taskId: 'order', assignmentGroup: 'hardware', agent: 'hw-1' },
          deskAgent,
          3,
        ),
      ]);
    spec
      .given(inFulfilment)
      .when(
        requestCommand(
          'AssignFulfilmentTask',
          { taskId: 'order', assignmentGroup: 'hardware', assignee: { agent: 'id-1', isMemberOfGroup: false } },
          deskAgent,
          3,
        ),
      )
      .thenFails('AssigneeNotInAssignmentGroup');
  });
  it('moves a reassigned task to its new group for the group rule', () => {
    const reassigned = requestEvent(
      'FulfilmentTaskAssigned',
      { taskId: 'order', assignmentGroup: 'identity' },
      deskAgent,
      3,
    );
    spec
      .given([...inFulfilment, reassigned])
      .when(task('StartFulfilmentTask', 'order', identityFulfiller))
      .then([started('order', identityFulfiller)]);
    spec
      .given([...inFulfilment, reassigned])
      .when(task('StartFulfilmentTask', 'order'))
      .thenFails('NotInTaskAssignmentGroup');
  });
});

describe('service request: fulfilment', () => {
  const allButConfigure = [
    ...inFulfilment,
    started('order'),
    completed('order'),
    started('accounts', identityFulfiller),
    completed('accounts', identityFulfiller),
    requestEvent('FulfilmentTaskSkipped', { taskId: 'accessories', reason: 'Has a dock' }, hardwareFulfiller, 4),
    started('configure'),
  ];
  it('is fulfilled in the same decision that completes the last open task', () => {
    spec
      .given(allButConfigure)
      .when(task('CompleteFulfilmentTask', 'configure'))
      .then([completed('configure'), fulfilled()]);
  });
  it('is not fulfilled while an optional task is still open, and is when it is skipped', () => {
    const optionalOpen = [
      ...inFulfilment,
      started('order'),
      completed('order'),
      started('accounts', identityFulfiller),
      completed('accounts', identityFulfiller),
      started('configure'),
    ];
    spec
      .given(optionalOpen)
      .when(task('CompleteFulfilmentTask', 'configure'))
      .then([completed('configure')]);
    spec
      .given([...optionalOpen, completed('configure')])
      .when(requestCommand('SkipFulfilmentTask', { taskId: 'accessories', reason: 'Has a dock' }, hardwareFulfiller, 4))
      .then([
        requestEvent('FulfilmentTaskSkipped', { taskId: 'accessories', reason: 'Has a dock' }, hardwareFulfiller, 4),
        fulfilled(),
      ]);
  });
  it('folds to fulfilled with every required task done', () => {
    const state = foldEvents(ServiceRequest.decider, [...allButConfigure, completed('configure'), fulfilled()]);
    expect(state.request.status).toBe('fulfilled');
    if (state.request.status === 'none') throw new Error('unreachable');
    expect(state.request.tasks.map((t) => [t.taskId, t.status])).toEqual([
      ['order', 'done'],
      ['accounts', 'done'],
      ['configure', 'done'],
      ['accessories', 'skipped'],
    ]);
    expect(state.request.catalogItem.version).toBe(3);
  });
  it('refuses task work on a fulfilled request', () => {
    spec
      .given([...allButConfigure, completed('configure'), fulfilled()])
      .when(task('StartFulfilmentTask', 'configure'))
      .thenFails('ServiceRequestNotInFulfilment');
  });
});

describe('service request: cancel and close incomplete', () => {
  const cancel = (actor: RawActor) => requestCommand('CancelServiceRequest', { reason: 'No longer needed' }, actor, 2);
  it('lets the requester cancel their own request', () => {
    spec
      .given([submitted(), approvalRequested])
      .when(cancel(alice))
      .then([requestEvent('ServiceRequestCancelled', { reason: 'No longer needed' }, alice, 2)]);
  });
  it('refuses a caller cancelling somebody else’s request', () => {
    spec.given([submitted(), approvalRequested]).when(cancel(carol)).thenFails('NotRequesterOfServiceRequest');
  });
  it('lets a service desk agent cancel on someone’s behalf', () => {
    spec
      .given(inFulfilment)
      .when(cancel(deskAgent))
      .then([requestEvent('ServiceRequestCancelled', { reason: 'No longer needed' }, deskAgent, 2)]);
  });
  it('closes incomplete only in fulfilment', () => {
    const close = requestCommand(
      'CloseServiceRequestIncomplete',
      { reason: 'Model discontinued' },
      hardwareFulfiller,
      5,
    );
    spec
      .given(inFulfilment)
      .when(close)
      .then([requestEvent('ServiceRequestClosedIncomplete', { reason: 'Model discontinued' }, hardwareFulfiller, 5)]);
    spec.given([submitted(), approvalRequested]).when(close).thenFails('ServiceRequestNotInFulfilment');
  });
});

describe('service request: SLA facts on the request stream', () => {
  const allDay = [{ from: '00:00', to: '24:00' }];
  const policy = (policyId = 'requests-standard') => ({
    policyId,
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
    pausing: { timeToOwn: [], timeToResolve: [], updateInterval: [] },
    warningThresholds: [50, 75, 90],
    reopenPolicy: 'cumulative',
    baseline: { priority: 4, targets: { timeToResolveMinutes: 2_880 }, olaTargets: [] },
  });
  const record = { category: 'serviceRequest', id: REQUEST };
  const attach = (data: Record<string, unknown>) =>
    decoded(ServiceRequestCommand, {
      type: 'AttachSla',
      data,
      metadata: { actor: slaProcess, occurredAt: hoursLater(1), correlationId: 'c' },
    });

  it('attaches the SLA policy the catalog item version names', () => {
    const attached = decoded(SlaEvent, {
      type: 'SlaAttached',
      data: { record, policy: policy(), at: hoursLater(1), by: slaProcess.id },
    });
    spec
      .given([submitted(), approvalRequested])
      .when(attach({ record, policy: policy() }))
      .then([attached]);
  });
  it('refuses another policy than the catalog item’s', () => {
    spec
      .given([submitted(), approvalRequested])
      .when(attach({ record, policy: policy('gold') }))
      .thenFails('SlaPolicyNotTheCatalogItems');
  });
  it('refuses SLA commands for another record or before submission', () => {
    spec
      .given([submitted(), approvalRequested])
      .when(attach({ record: { category: 'incident', id: REQUEST }, policy: policy() }))
      .thenFails('SlaCommandForAnotherRecord');
    spec.when(attach({ record, policy: policy() })).thenFails('ServiceRequestNotFound');
  });
  it('keeps the SLA state beside the request state', () => {
    const attached = decoded(SlaEvent, {
      type: 'SlaAttached',
      data: { record, policy: policy(), at: hoursLater(1), by: slaProcess.id },
    });
    const state = foldEvents(ServiceRequest.decider, [submitted(), approvalRequested, attached]);
    expect(state.sla.attachment?.policy.policyId).toBe('requests-standard');
    expect(state.request.status).toBe('awaiting-approval');
  });
});

describe('service request: event schemas', () => {
  it('merge with every other aggregate’s into one registry, the SLA schemas taken once', async () => {
    const { createEventSchemaRegistry } = await import('@itsm/event-store');
    const { Incident } = await import('../incident/incident.js');
    const { Problem } = await import('../problem/problem.js');
    const { Change } = await import('../change/change.js');
    const { CatalogItem } = await import('../service-catalog/catalog-item.js');
    const { ConfigurationItem } = await import('../configuration-item/configuration-item.js');
    const { KnowledgeArticle } = await import('../knowledge/knowledge-article.js');
    const { serviceRequestOwnEventSchemas } = await import('./service-request-events.js');
    const all = [
      ...Incident.eventSchemas,
      ...Problem.eventSchemas,
      ...Change.eventSchemas,
      ...serviceRequestOwnEventSchemas,
      ...CatalogItem.eventSchemas,
      ...ConfigurationItem.eventSchemas,
      ...KnowledgeArticle.eventSchemas,
    ];
    expect(() => createEventSchemaRegistry(all)).not.toThrow();
    expect(ServiceRequest.eventSchemas.map((schema) => schema.type)).toEqual(
      expect.arrayContaining(['ServiceRequestSubmitted', 'SlaAttached', 'SlaBreached']),
    );
  });
});
