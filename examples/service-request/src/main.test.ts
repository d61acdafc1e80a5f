import { describe, expect, it } from '@jest/globals';
import { createInMemoryEventStore, defaultEventStoreSettings, verifyAll } from '@itsm/event-store';
import { runServiceRequestScenario, scenarioSchemas, type ScenarioReport } from './service-desk-scenario.js';

const run = async (): Promise<{ report: ScenarioReport; verified: boolean }> => {
  const store = createInMemoryEventStore(defaultEventStoreSettings(scenarioSchemas()));
  const report = await runServiceRequestScenario(store);
  const verification = await verifyAll(store);
  return { report, verified: verification._tag === 'Right' && verification.right.ok };
};

describe('the service request walkthrough', () => {
  it('refuses exactly the commands that break a rule, naming the rule', async () => {
    const { report } = await run();
    const refused = report.steps
      .filter((step) => step.outcome !== 'recorded')
      .map((step) => `${step.command}: ${step.outcome}`);
    expect(refused).toEqual([
      'AddConfigurationItemRelationship: RelationshipTargetClassNotAllowed',
      'AddConfigurationItemRelationship: RelationshipTargetUnknown',
      'SubmitServiceRequest: AnswersDoNotMatchForm',
      'ApproveServiceRequest: RequesterCannotApprove',
      'StartFulfilmentTask: FulfilmentTaskDependenciesOpen',
      'PublishArticle: ArticleAuthorCannotPublish',
    ]);
  });
  it('names the fields of the refused answers', async () => {
    const { report } = await run();
    const refusal = report.steps.find((step) => step.outcome === 'AnswersDoNotMatchForm')?.refusal as {
      problems: string[];
    };
    expect(refusal.problems.join('\n')).toMatch(/answers\.model/);
    expect(refusal.problems.join('\n')).toMatch(/answers\.costCentre/);
  });
  it('fulfils the request made against version 1, with the SLA policy of the item attached', async () => {
    const { report } = await run();
    const request = report.request.request;
    if (request.status === 'none') throw new Error('no request');
    expect(request.status).toBe('fulfilled');
    expect(request.catalogItem).toMatchObject({
      catalogItemId: 'laptop',
      version: 1,
      slaPolicyId: 'workplace-requests',
    });
    expect(request.tasks.map((task) => [task.taskId, task.status])).toEqual([
      ['order', 'done'],
      ['accounts', 'done'],
      ['image', 'done'],
      ['dock', 'skipped'],
    ]);
    expect(report.request.sla.attachment?.policy.policyId).toBe('workplace-requests');
    expect(report.requestTrail.map((event) => event.type).slice(-2)).toEqual([
      'FulfilmentTaskCompleted',
      'ServiceRequestFulfilled',
    ]);
  });
  it('finds the workplace service affected by an outage of the MDM server', async () => {
    const { report } = await run();
    expect(report.impactedByServerOutage).toEqual(['svc-workplace']);
    expect(Object.keys(report.graph.outgoing).sort()).toEqual(['app-mdm', 'svc-workplace']);
  });
  it('leaves a log whose hash chains verify', async () => {
    expect((await run()).verified).toBe(true);
  });
});
