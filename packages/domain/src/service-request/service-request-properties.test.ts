/**
 * Properties of the service request decider over random catalog items and
 * random command sequences (10,000 sequences of 10–30 commands per run):
 * a fulfilled request has every required task done and every task closed;
 * no task starts before its dependencies are closed; a required task is
 * never skipped; approvals respect segregation of duties; closed requests
 * stay closed; every decided event matches its stored schema.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createEventSchemaRegistry } from '@itsm/event-store';
import { CatalogItemVersionSnapshot } from '../service-catalog/catalog-item-definition.js';
import { decoded, metadataOf, type RawActor } from '../service-catalog/service-catalog.test-fixture.js';
import { ServiceRequest } from './service-request.js';
import {
  ServiceRequestCommand,
  type ServiceRequestEvent,
  type ServiceRequestState,
} from './service-request-decider.js';

const requester: RawActor = { id: 'alice', roles: ['caller'], groups: [] };
const approver: RawActor = { id: 'carol', roles: ['caller'], groups: ['approvers'] };
const fulfillerOne: RawActor = { id: 'f1', roles: ['request-fulfiller'], groups: ['g1'] };
const fulfillerTwo: RawActor = { id: 'f2', roles: ['request-fulfiller'], groups: ['g2'] };
const desk: RawActor = { id: 'desk', roles: ['service-desk-agent'], groups: ['g1', 'g2', 'approvers'] };
const actors = [requester, approver, fulfillerOne, fulfillerTwo, desk];
const registry = createEventSchemaRegistry(ServiceRequest.eventSchemas);

interface TemplateSpec {
  readonly optional: boolean;
  readonly group: 'g1' | 'g2';
  readonly dependencyPicks: readonly number[];
}

const templatesArbitrary = fc.array(
  fc.record({
    optional: fc.boolean(),
    group: fc.constantFrom<'g1' | 'g2'>('g1', 'g2'),
    dependencyPicks: fc.array(fc.nat(), { maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 6, size: 'max' },
);

const snapshotOf = (templates: readonly TemplateSpec[], approval: boolean): CatalogItemVersionSnapshot =>
  decoded(CatalogItemVersionSnapshot, {
    catalogItemId: 'item',
    version: 1,
    itemStatus: 'published',
    name: 'Item',
    description: '',
    owningGroup: 'g1',
    approval: approval ? { required: true, approverGroup: 'approvers' } : { required: false },
    fulfilmentTasks: templates.map((template, index) => ({
      taskId: `t${index}`,
      title: `Task ${index}`,
      assignmentGroup: template.group,
      // Dependencies only on earlier tasks, as a published definition has them.
      dependsOn: index === 0 ? [] : [...new Set(template.dependencyPicks.map((pick) => `t${pick % index}`))],
      optional: template.optional,
    })),
    formFields: [{ name: 'reason', kind: 'text', required: true }],
  });

type Step = { readonly kind: string; readonly actor: number; readonly task: number; readonly flag: boolean };
// Weighted so that most sequences get past approval and deep into task work; closing commands are rare.
const weightedKinds: readonly (readonly [string, number])[] = [
  ['approve', 20],
  ['assign', 8],
  ['start', 35],
  ['complete', 35],
  ['skip', 9],
  ['reject', 1],
  ['cancel', 1],
  ['close', 1],
];
const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  kind: fc.oneof(...weightedKinds.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  actor: fc.nat({ max: 11 }),
  task: fc.nat({ max: 5 }),
  flag: fc.boolean(),
});

/**
 * The command a step stands for, interpreted against the current state the
 * way a busy service desk would issue it: mostly about a task the request
 * has and by someone of that task's group, sometimes not, so that every
 * refusal is exercised too.
 */
const commandOf = (step: Step, hour: number, state: ServiceRequestState): ServiceRequestCommand => {
  const tasks = state.request.status === 'none' ? [] : state.request.tasks;
  const task = tasks[step.task % (tasks.length + 1)];
  const taskId = task?.taskId ?? 'unknown-task';
  const taskWork = ['start', 'complete', 'skip', 'assign'].includes(step.kind);
  const groupMembers = task?.assignmentGroup === 'g2' ? [fulfillerTwo, desk] : [fulfillerOne, desk];
  const candidates = taskWork
    ? step.actor % 4 === 0
      ? actors
      : groupMembers
    : [approver, desk, approver, desk, requester, fulfillerOne];
  const actor = candidates[step.actor % candidates.length] as RawActor;
  const base = { serviceRequestId: 'REQ-P' };
  const raw = (() => {
    switch (step.kind) {
      case 'approve':
        return { type: 'ApproveServiceRequest', data: base };
      case 'reject':
        return { type: 'RejectServiceRequest', data: { ...base, reason: 'No' } };
      case 'assign':
        return {
          type: 'AssignFulfilmentTask',
          data: {
            ...base,
            taskId,
            assignmentGroup: step.flag ? 'g1' : 'g2',
            assignee: { agent: step.flag ? 'f1' : 'f2', isMemberOfGroup: step.actor !== 0 },
          },
        };
      case 'start':
        return { type: 'StartFulfilmentTask', data: { ...base, taskId } };
      case 'complete':
        return { type: 'CompleteFulfilmentTask', data: { ...base, taskId } };
      case 'skip':
        return { type: 'SkipFulfilmentTask', data: { ...base, taskId, reason: 'Not needed' } };
      case 'cancel':
        return { type: 'CancelServiceRequest', data: { ...base, reason: 'Changed my mind' } };
      default:
        return { type: 'CloseServiceRequestIncomplete', data: { ...base, reason: 'Cannot finish' } };
    }
  })();
  // Built directly (every value is valid by construction): decoding 300,000 commands would only test the codecs again.
  return { ...raw, metadata: metadataOf(actor, hour) } as unknown as ServiceRequestCommand;
};

/** Fails the property with a message; plain checks keep 300,000 steps fast (jest's expect is slow in hot loops). */
const check = (condition: boolean, message: () => string): void => {
  if (!condition) throw new Error(message());
};

const terminal = new Set(['rejected', 'fulfilled', 'closed-incomplete', 'cancelled']);

describe('service request properties', () => {
  it('keeps its invariants over 10,000 random command sequences', () => {
    let fulfilledRuns = 0;
    let tasksStarted = 0;
    fc.assert(
      fc.property(
        templatesArbitrary,
        fc.boolean(),
        fc.array(stepArbitrary, { minLength: 10, maxLength: 30 }),
        (templates, approval, steps) => {
          const snapshot = snapshotOf(templates, approval);
          const decider = ServiceRequest.decider;
          const history: ServiceRequestEvent[] = [];
          let state: ServiceRequestState = decider.initialState;
          const apply = (events: readonly ServiceRequestEvent[], before: ServiceRequestState) => {
            for (const event of events) {
              // Every decided event must be storable: its data matches the registered schema.
              const checked = registry.schemaVersionFor(event.type, event.data);
              if (checked._tag === 'Left') throw new Error(checked.left);
              if (event.type === 'FulfilmentTaskStarted' && before.request.status !== 'none') {
                const task = before.request.tasks.find((candidate) => candidate.taskId === event.data.taskId);
                for (const dependency of task?.dependsOn ?? []) {
                  const other = before.request.tasks.find((candidate) => candidate.taskId === dependency);
                  check(
                    other?.status === 'done' || other?.status === 'skipped',
                    () => `${event.data.taskId} started before ${dependency} closed`,
                  );
                }
                tasksStarted++;
              }
              if (event.type === 'ServiceRequestApproved' && before.request.status !== 'none') {
                check(
                  ![before.request.submittedBy, before.request.requestedFor].includes(event.data.by),
                  () => 'the requester approved',
                );
                check(
                  actors.find((actor) => actor.id === event.data.by)?.groups.includes('approvers') === true,
                  () => 'approved from outside the group',
                );
              }
              history.push(event);
              state = decider.evolve(state, event);
            }
          };
          const submission = decoded(ServiceRequestCommand, {
            type: 'SubmitServiceRequest',
            data: {
              serviceRequestId: 'REQ-P',
              catalogItem: snapshot,
              requestedFor: 'alice',
              answers: { reason: 'Need it' },
            },
            metadata: metadataOf(requester, 0),
          });
          const first = decider.decide(submission, state);
          if (first._tag === 'Left') throw new Error(`submission refused: ${first.left._tag}`);
          apply(first.right, state);

          steps.forEach((step, index) => {
            const before = state;
            const decision = decider.decide(commandOf(step, index + 1, before), before);
            if (terminal.has(before.request.status))
              check(decision._tag === 'Left', () => `a ${before.request.status} request accepted ${step.kind}`);
            if (decision._tag === 'Right') apply(decision.right, before);
          });

          const request = state.request;
          if (request.status === 'none') throw new Error('the request vanished');
          // No required task is ever skipped.
          for (const task of request.tasks)
            check(task.optional || task.status !== 'skipped', () => `required ${task.taskId} skipped`);
          // Fulfilled ⇔ recorded once, and then every required task is done and every task closed (checked from the history itself).
          const fulfilledEvents = history.filter((event) => event.type === 'ServiceRequestFulfilled').length;
          check(
            fulfilledEvents === (request.status === 'fulfilled' ? 1 : 0),
            () => `${fulfilledEvents} fulfilled events, status ${request.status}`,
          );
          if (request.status === 'fulfilled') {
            fulfilledRuns++;
            const created = history.flatMap((event) => (event.type === 'FulfilmentTaskCreated' ? [event.data] : []));
            const done = new Set(
              history.flatMap((event) => (event.type === 'FulfilmentTaskCompleted' ? [event.data.taskId] : [])),
            );
            const skipped = new Set(
              history.flatMap((event) => (event.type === 'FulfilmentTaskSkipped' ? [event.data.taskId] : [])),
            );
            check(created.length === snapshot.fulfilmentTasks.length, () => 'tasks missing');
            for (const task of created) {
              check(task.optional || done.has(task.taskId), () => `fulfilled with required ${task.taskId} not done`);
              check(done.has(task.taskId) || skipped.has(task.taskId), () => `fulfilled with ${task.taskId} open`);
            }
          }
          // Tasks exist exactly when fulfilment started, and come from the item version's templates, in order.
          if (request.tasks.length > 0)
            check(
              request.tasks.map((task) => task.taskId).join() ===
                snapshot.fulfilmentTasks.map((template) => template.taskId).join(),
              () => 'tasks differ from the templates',
            );
        },
      ),
      { numRuns: 10_000 },
    );
    // The generator must reach the interesting states, or the properties above prove little.
    expect(fulfilledRuns).toBeGreaterThan(800);
    expect(tasksStarted).toBeGreaterThan(7_000);
  });
});
