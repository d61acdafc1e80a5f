/**
 * The service request walkthrough. A catalog manager publishes the "New
 * laptop" catalog item; configuration management records the workplace
 * service, the device management application and its server; Carol orders a
 * laptop for Alice (a first attempt with bad answers is refused, naming the
 * fields); Carol, an approver herself, cannot approve her own request; Dave
 * approves; the SLA process attaches the item's SLA policy; fulfillers work
 * the tasks in dependency order (an early start is refused), skip the
 * optional one, and the request is fulfilled with the last required task.
 * Impact analysis then answers "which services are affected if the MDM
 * server is down?", and a knowledge article on ordering laptops goes through
 * review (the author may not publish it) to publication.
 *
 * Every command goes through the door an application would use: untrusted
 * JSON → `decodeInput(<Aggregate>.commandCodec)` → `handleCommand` on the
 * record's stream. Facts the deciders need about other records (the catalog
 * item version, the relationship target) are read from the store first, as
 * an application would. Works on any event store; `main.ts` uses SQLite.
 *
 * @module
 */
import {
  CatalogItem,
  ConfigurationItem,
  KnowledgeArticle,
  ServiceRequest,
  catalogItemSnapshotOf,
  decodeInput,
  eventMetadataOf,
  impactedServices,
  isConfigurationItemEvent,
  relationshipGraphOf,
  relationshipTargetFactsOf,
  type AggregateDefinition,
  type CatalogItemVersionSnapshot,
  type ConfigurationItemEvent,
  type ConfigurationItemId,
  type DomainCommand,
  type RelationshipGraph,
  type ServiceRequestState,
} from '@itsm/domain';
import {
  aggregateStream,
  catchReadFailure,
  createEventSchemaRegistry,
  handleCommand,
  readStreamEvents,
  streamIdOf,
  type DomainEvent,
  type EventSchemaRegistry,
  type EventStore,
  type RecordedEvent,
} from '@itsm/event-store';

/** The schema registry of every record type the walkthrough writes. */
export const scenarioSchemas = (): EventSchemaRegistry =>
  createEventSchemaRegistry([
    ...CatalogItem.eventSchemas,
    ...ServiceRequest.eventSchemas,
    ...ConfigurationItem.eventSchemas,
    ...KnowledgeArticle.eventSchemas,
  ]);

/** What became of one command of the walkthrough. */
export interface ScenarioStep {
  readonly command: string;
  readonly actor: string;
  /** `recorded`, `nothing to record`, or the tag of the error that refused it. */
  readonly outcome: string;
  /** Why it was refused, when it was (the error's fields). */
  readonly refusal?: unknown;
  readonly events: readonly RecordedEvent[];
}

/** What the walkthrough did. */
export interface ScenarioReport {
  readonly steps: readonly ScenarioStep[];
  readonly request: ServiceRequestState;
  readonly requestTrail: readonly RecordedEvent[];
  readonly impactedByServerOutage: readonly string[];
  readonly graph: RelationshipGraph;
}

const people = {
  cara: { id: 'cara', roles: ['catalog-manager'], groups: [] },
  conor: { id: 'conor', roles: ['configuration-manager'], groups: [] },
  carol: { id: 'carol', roles: ['caller'], groups: ['it-approvers'] },
  dave: { id: 'dave', roles: ['service-desk-agent'], groups: ['it-approvers', 'service-desk'] },
  hana: { id: 'hana', roles: ['request-fulfiller'], groups: ['hardware'] },
  ivan: { id: 'ivan', roles: ['request-fulfiller'], groups: ['identity'] },
  sla: { id: 'sla-process', roles: ['process'], groups: [] },
  kate: { id: 'kate', roles: ['knowledge-author', 'knowledge-manager'], groups: [] },
  mia: { id: 'mia', roles: ['knowledge-manager'], groups: [] },
} as const;
type Person = keyof typeof people;

const START = Date.parse('2026-03-02T08:00:00Z');
const minutesLater = (minutes: number): string => new Date(START + minutes * 60_000).toISOString();

const laptop = {
  name: 'New laptop',
  description: 'A standard or developer laptop, imaged and with accounts, delivered to your desk.',
  owningGroup: 'service-desk',
  approval: { required: true, approverGroup: 'it-approvers' },
  fulfilmentTasks: [
    { taskId: 'order', title: 'Order the laptop', assignmentGroup: 'hardware', dependsOn: [], optional: false },
    { taskId: 'accounts', title: 'Create the accounts', assignmentGroup: 'identity', dependsOn: [], optional: false },
    {
      taskId: 'image',
      title: 'Install the image',
      assignmentGroup: 'hardware',
      dependsOn: ['order', 'accounts'],
      optional: false,
    },
    {
      taskId: 'dock',
      title: 'Add a docking station',
      assignmentGroup: 'hardware',
      dependsOn: ['order'],
      optional: true,
    },
  ],
  formFields: [
    { name: 'model', label: 'Model', kind: 'choice', required: true, choices: ['standard', 'developer'] },
    { name: 'costCentre', label: 'Cost centre', kind: 'text', required: true, maxLength: 10 },
    { name: 'neededBy', label: 'Needed by', kind: 'date', required: false },
  ],
  slaPolicyId: 'workplace-requests',
};

const officeHours = [{ from: '08:00', to: '18:00' }];
const slaPolicy = {
  policyId: 'workplace-requests',
  policyVersion: 1,
  policyName: 'Workplace requests',
  service: 'svc-workplace',
  calendar: {
    name: 'office',
    timeZone: 'Europe/Berlin',
    weeklyHours: {
      monday: officeHours,
      tuesday: officeHours,
      wednesday: officeHours,
      thursday: officeHours,
      friday: officeHours,
      saturday: [],
      sunday: [],
    },
    holidays: [],
  },
  pausing: { timeToOwn: [], timeToResolve: [], updateInterval: [] },
  warningThresholds: [50, 75, 90],
  reopenPolicy: 'cumulative',
  baseline: { priority: 4, targets: { timeToResolveMinutes: 5 * 10 * 60 }, olaTargets: [] },
};

/** Handles one untrusted command for any aggregate: decode, name the stream, decide, append. */
const dispatch = async <
  Command extends DomainCommand,
  Event extends DomainEvent,
  State,
  DomainError extends { readonly _tag: string },
>(
  store: EventStore,
  aggregate: AggregateDefinition<Command, Event, State, DomainError>,
  person: Person,
  minute: number,
  type: string,
  data: Readonly<Record<string, unknown>>,
  commandId: string,
): Promise<ScenarioStep> => {
  const actor = people[person];
  const input = {
    type,
    data,
    metadata: {
      actor,
      occurredAt: minutesLater(minute),
      correlationId: 'laptop-for-alice',
      commandId,
    },
  };
  const command = decodeInput(aggregate.commandCodec, input);
  if (command._tag === 'Left')
    return { command: type, actor: actor.id, outcome: 'MalformedCommand', refusal: command.left, events: [] };
  const streamId = streamIdOf(aggregate.category, aggregate.recordIdOf(command.right));
  if (streamId._tag === 'Left')
    return { command: type, actor: actor.id, outcome: streamId.left._tag, refusal: streamId.left, events: [] };
  const handled = await handleCommand(
    store,
    aggregate.decider,
    streamId.right,
    command.right,
    eventMetadataOf(command.right.metadata),
  );
  if (handled._tag === 'Left')
    return { command: type, actor: actor.id, outcome: handled.left._tag, refusal: handled.left, events: [] };
  return {
    command: type,
    actor: actor.id,
    outcome: handled.right.events.length > 0 ? 'recorded' : 'nothing to record',
    events: handled.right.events,
  };
};

/** The published catalog item version, as the application reads it before a submission. */
const readCatalogItem = async (store: EventStore, catalogItemId: string): Promise<CatalogItemVersionSnapshot> => {
  const streamId = streamIdOf(CatalogItem.category, catalogItemId);
  if (streamId._tag === 'Left') throw new Error(streamId.left.reason);
  const read = await aggregateStream(store, CatalogItem.decider, streamId.right);
  if (read._tag === 'Left') throw new Error(`cannot read ${catalogItemId}: ${read.left._tag}`);
  const snapshot = catalogItemSnapshotOf(read.right.state);
  if (snapshot === undefined) throw new Error(`${catalogItemId} has no published version`);
  return snapshot;
};

/** The relationship graph, as a read model would hold it; here rebuilt from the whole log. */
const readGraph = async (store: EventStore): Promise<RelationshipGraph> => {
  const read = await catchReadFailure(async () => {
    const events: ConfigurationItemEvent[] = [];
    for await (const event of store.readAll()) {
      const candidate = { type: event.type, data: event.data };
      if (isConfigurationItemEvent(candidate)) events.push(candidate);
    }
    return relationshipGraphOf(events);
  });
  if (read._tag === 'Left') throw new Error(`cannot read the log: ${read.left._tag}`);
  return read.right;
};

/** Runs the walkthrough on a store (which must know {@link scenarioSchemas}); `onStep` sees each step as it happens. */
export const runServiceRequestScenario = async (
  store: EventStore,
  onStep?: (step: ScenarioStep) => void,
): Promise<ScenarioReport> => {
  const steps: ScenarioStep[] = [];
  // Each command gets its own id: handling the same id twice is a retry, and records nothing new.
  let commandCount = 0;
  const nextCommandId = () => `cmd-${++commandCount}`;
  const record = (step: ScenarioStep) => {
    steps.push(step);
    onStep?.(step);
  };
  const catalog = async (person: Person, minute: number, type: string, data: Record<string, unknown>) =>
    record(
      await dispatch(store, CatalogItem, person, minute, type, { catalogItemId: 'laptop', ...data }, nextCommandId()),
    );
  const request = async (person: Person, minute: number, type: string, data: Record<string, unknown>) =>
    record(
      await dispatch(
        store,
        ServiceRequest,
        person,
        minute,
        type,
        { serviceRequestId: 'REQ-2001', ...data },
        nextCommandId(),
      ),
    );
  const cmdb = async (person: Person, minute: number, type: string, data: Record<string, unknown>) =>
    record(await dispatch(store, ConfigurationItem, person, minute, type, data, nextCommandId()));
  const knowledge = async (person: Person, minute: number, type: string, data: Record<string, unknown>) =>
    record(
      await dispatch(
        store,
        KnowledgeArticle,
        person,
        minute,
        type,
        { articleId: 'KB-LAPTOP', ...data },
        nextCommandId(),
      ),
    );

  // The catalog: draft and publish version 1 of the laptop item.
  await catalog('cara', 0, 'DraftCatalogItem', { definition: laptop });
  await catalog('cara', 1, 'PublishCatalogItem', {});

  // The CMDB: a service, the application it depends on, the server that runs it.
  await cmdb('conor', 2, 'RegisterConfigurationItem', {
    configurationItemId: 'svc-workplace',
    name: 'Workplace services',
    ciClass: 'service',
    ownerGroup: 'service-desk',
    attributes: {},
  });
  await cmdb('conor', 2, 'RegisterConfigurationItem', {
    configurationItemId: 'app-mdm',
    name: 'Device management',
    ciClass: 'application',
    ownerGroup: 'hardware',
    attributes: { vendor: 'Acme MDM', version: '12.4' },
  });
  await cmdb('conor', 2, 'RegisterConfigurationItem', {
    configurationItemId: 'srv-mdm-1',
    name: 'MDM server 1',
    ciClass: 'server',
    ownerGroup: 'hardware',
    attributes: { cpus: 8, virtual: false },
  });
  for (const id of ['svc-workplace', 'app-mdm', 'srv-mdm-1'])
    await cmdb('conor', 3, 'PutConfigurationItemIntoProduction', { configurationItemId: id });
  const relate = async (source: string, relationshipType: string, target: string) => {
    const graph = await readGraph(store);
    await cmdb('conor', 4, 'AddConfigurationItemRelationship', {
      configurationItemId: source,
      relationshipType,
      target: relationshipTargetFactsOf(graph, target as ConfigurationItemId),
    });
  };
  await relate('svc-workplace', 'depends-on', 'app-mdm');
  await relate('app-mdm', 'runs-on', 'srv-mdm-1');
  await relate('app-mdm', 'runs-on', 'svc-workplace'); // refused: a service is not something to run on
  await relate('app-mdm', 'depends-on', 'srv-ghost'); // refused: no such CI

  // The request: Carol orders a laptop for Alice against the version she read.
  const item = await readCatalogItem(store, 'laptop');
  await request('carol', 10, 'SubmitServiceRequest', {
    catalogItem: item,
    requestedFor: 'alice',
    answers: { model: 'gaming', costCentre: 'CC-2026-0042' },
  });
  await request('carol', 11, 'SubmitServiceRequest', {
    catalogItem: item,
    requestedFor: 'alice',
    answers: { model: 'developer', costCentre: 'CC-42', neededBy: '2026-03-16' },
  });
  await request('sla', 11, 'AttachSla', { record: { category: 'serviceRequest', id: 'REQ-2001' }, policy: slaPolicy });
  await request('carol', 30, 'ApproveServiceRequest', {}); // refused: she submitted it
  await request('dave', 45, 'ApproveServiceRequest', { comment: 'Within the hardware budget.' });

  // Fulfilment: the image cannot be installed before the laptop is ordered and the accounts exist.
  await request('hana', 60, 'StartFulfilmentTask', { taskId: 'image' });
  await request('hana', 61, 'StartFulfilmentTask', { taskId: 'order' });
  await request('ivan', 90, 'StartFulfilmentTask', { taskId: 'accounts' });
  await request('ivan', 95, 'CompleteFulfilmentTask', { taskId: 'accounts' });
  await request('hana', 120, 'CompleteFulfilmentTask', {
    taskId: 'order',
    note: 'Ordered from the framework contract.',
  });
  await request('hana', 125, 'SkipFulfilmentTask', { taskId: 'dock', reason: 'Alice already has a dock.' });
  await request('hana', 130, 'StartFulfilmentTask', { taskId: 'image' });
  await request('hana', 200, 'CompleteFulfilmentTask', { taskId: 'image', note: 'Delivered to Alice.' });

  // Knowledge: a how-to for ordering laptops, reviewed by someone other than its author.
  await knowledge('kate', 210, 'DraftArticle', {
    content: {
      title: 'How to order a laptop',
      body: { format: 'text', text: 'Open the catalog, choose "New laptop", pick a model and your cost centre.' },
      keywords: ['laptop', 'catalog'],
    },
  });
  await knowledge('kate', 215, 'SubmitArticleForReview', {});
  await knowledge('kate', 216, 'PublishArticle', {}); // refused: the author does not publish
  await knowledge('mia', 240, 'PublishArticle', {});

  const graph = await readGraph(store);
  const streamId = streamIdOf(ServiceRequest.category, 'REQ-2001');
  if (streamId._tag === 'Left') throw new Error(streamId.left.reason);
  const trail = await readStreamEvents(store, streamId.right);
  if (trail._tag === 'Left') throw new Error(`cannot read the request: ${trail.left._tag}`);
  const state = trail.right.reduce(
    (current, event) => ServiceRequest.decider.evolve(current, { type: event.type, data: event.data } as never),
    ServiceRequest.decider.initialState,
  );
  return {
    steps,
    request: state,
    requestTrail: trail.right,
    impactedByServerOutage: impactedServices(graph, 'srv-mdm-1'),
    graph,
  };
};
