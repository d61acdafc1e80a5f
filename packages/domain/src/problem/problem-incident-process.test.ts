import { describe, expect, it } from '@jest/globals';
import {
  createInMemoryEventStore,
  defaultEventStoreSettings,
  handleCommand,
  mergeEventSchemas,
  readStreamEvents,
  type EventStore,
} from '@itsm/event-store';
import type { Actor } from '../shared/actor.js';
import { eventMetadataOf } from '../shared/command-metadata.js';
import { IncidentStreamCommand } from '../incident/incident-decider.js';
import { Incident, incidentStreamId } from '../incident/incident.js';
import { ProblemCommand } from './problem-commands.js';
import type { ProblemEvent } from './problem-events.js';
import { defaultProblemIncidentPolicy, problemIncidentCommands } from './problem-incident-process.js';
import { Problem, problemStreamId } from './problem.js';
import { actor, metadataOf, valid } from './problem-change-spec.test-fixture.js';

const pm = actor('pm-1', ['problem-manager']);
const desk = actor('desk-1', ['service-desk-agent'], ['service-desk']);

const streamOf = (id: { _tag: string; right?: string }): string => {
  if (id._tag !== 'Right' || id.right === undefined) throw new Error('invalid stream id');
  return id.right;
};

const openStore = (): EventStore =>
  createInMemoryEventStore(defaultEventStoreSettings(mergeEventSchemas(Incident.eventSchemas, Problem.eventSchemas)));

const onIncident = async (
  store: EventStore,
  incidentId: string,
  type: string,
  data: Record<string, unknown>,
  who: Actor,
) => {
  const command = valid(IncidentStreamCommand, {
    type,
    data: { incidentId, ...data },
    metadata: metadataOf(who, '2026-03-01T08:00:00Z'),
  });
  const handled = await handleCommand(
    store,
    Incident.decider,
    streamOf(incidentStreamId(incidentId)),
    command,
    eventMetadataOf(command.metadata),
  );
  if (handled._tag === 'Left') throw new Error(`${type} on ${incidentId}: ${JSON.stringify(handled.left)}`);
};

const onProblem = async (store: EventStore, type: string, data: Record<string, unknown> = {}) => {
  const command = valid(ProblemCommand, {
    type,
    data: { problemId: 'PRB1', ...data },
    metadata: metadataOf(pm, '2026-03-02T09:00:00Z'),
  });
  const handled = await handleCommand(
    store,
    Problem.decider,
    streamOf(problemStreamId('PRB1')),
    command,
    eventMetadataOf(command.metadata),
  );
  if (handled._tag === 'Left') throw new Error(`${type}: ${JSON.stringify(handled.left)}`);
};

const logIncident = async (store: EventStore, incidentId: string, assigned: boolean) => {
  await onIncident(
    store,
    incidentId,
    'LogIncident',
    {
      caller: 'alice',
      service: 'erp',
      category: 'application',
      impact: 2,
      urgency: 2,
      channel: 'phone',
      shortDescription: 'Login hangs',
      description: 'The ERP login hangs for a minute.',
    },
    desk,
  );
  if (!assigned) return;
  await onIncident(store, incidentId, 'AssignIncidentToGroup', { group: 'service-desk' }, desk);
  await onIncident(
    store,
    incidentId,
    'AssignIncidentToAgent',
    { agent: 'desk-1', agentGroups: ['service-desk'] },
    desk,
  );
};

const problemEvents = async (store: EventStore): Promise<ProblemEvent[]> => {
  const read = await readStreamEvents(store, 'problem-PRB1');
  if (read._tag === 'Left') throw new Error(JSON.stringify(read.left));
  return read.right.map((event) => ({ type: event.type, data: event.data }) as ProblemEvent);
};

const runProcess = async (store: EventStore, events: readonly ProblemEvent[]) => {
  const outcomes: { type: string; incidentId: string; outcome: string }[] = [];
  for (const command of problemIncidentCommands(defaultProblemIncidentPolicy)(events)) {
    const handled = await handleCommand(
      store,
      Incident.decider,
      streamOf(incidentStreamId(command.data.incidentId)),
      command,
      eventMetadataOf(command.metadata),
    );
    outcomes.push({
      type: command.type,
      incidentId: command.data.incidentId,
      outcome:
        handled._tag === 'Left'
          ? handled.left._tag
          : handled.right.alreadyHandled
            ? 'alreadyHandled'
            : `recorded ${handled.right.events.map((e) => e.type).join(',')}`,
    });
  }
  return outcomes;
};

const resolveWithFix = async (store: EventStore, incidents: readonly string[]) => {
  await onProblem(store, 'LogProblem', { title: 'ERP login hangs', description: 'Recurring', impact: 2, urgency: 2 });
  for (const incidentId of incidents) await onProblem(store, 'LinkProblemIncident', { incidentId });
  await onProblem(store, 'StartProblemAssessment');
  await onProblem(store, 'StartRootCauseAnalysis');
  await onProblem(store, 'RecordProblemRootCause', { rootCause: 'Connection pool exhausted' });
  await onProblem(store, 'StartProblemFix', { fixPlan: 'Raise the pool' });
  await onProblem(store, 'ResolveProblem', { resolutionCode: 'fix-applied', resolutionNotes: 'Pool raised to 200' });
};

describe('problem → incident process', () => {
  it('notes and resolves every linked incident, and a second run changes nothing', async () => {
    const store = openStore();
    await logIncident(store, 'INC1', true);
    await logIncident(store, 'INC2', true);
    await resolveWithFix(store, ['INC1', 'INC2']);
    const events = await problemEvents(store);

    expect(await runProcess(store, events)).toEqual([
      { type: 'AddIncidentWorkNote', incidentId: 'INC1', outcome: 'recorded IncidentWorkNoteAdded' },
      { type: 'ResolveIncident', incidentId: 'INC1', outcome: 'recorded IncidentResolved' },
      { type: 'AddIncidentWorkNote', incidentId: 'INC2', outcome: 'recorded IncidentWorkNoteAdded' },
      { type: 'ResolveIncident', incidentId: 'INC2', outcome: 'recorded IncidentResolved' },
    ]);
    const incidentLog = await readStreamEvents(store, 'incident-INC1');
    const resolved =
      incidentLog._tag === 'Right' ? incidentLog.right.find((event) => event.type === 'IncidentResolved') : undefined;
    expect(resolved?.data).toMatchObject({ resolutionCode: 'resolved-by-problem', by: 'problem-incident-process' });
    expect(resolved?.metadata.causationId).toBe('problem-incident:PRB1:1:INC1:resolve');
    const before = await store.headPosition();

    expect((await runProcess(store, events)).map((o) => o.outcome)).toEqual([
      'alreadyHandled',
      'alreadyHandled',
      'alreadyHandled',
      'alreadyHandled',
    ]);
    expect(await store.headPosition()).toEqual(before);
  });

  it('an unassigned incident gets the note; its resolution is refused by the incident decider', async () => {
    const store = openStore();
    await logIncident(store, 'INC3', false);
    await resolveWithFix(store, ['INC3']);
    expect((await runProcess(store, await problemEvents(store))).map((o) => o.outcome)).toEqual([
      'recorded IncidentWorkNoteAdded',
      'IncidentNotAssigned',
    ]);
  });

  it('issues nothing for risk-accepted or reanalysed resolutions, and follows the policy', () => {
    const ev = (type: string, data: Record<string, unknown> = {}) =>
      ({ type, data: { problemId: 'PRB1', at: '2026-03-02T09:00:00Z', by: 'pm-1', ...data } }) as ProblemEvent;
    const fixed = ev('ProblemResolved', {
      resolutionCode: 'fix-applied',
      resolutionNotes: 'n',
      linkedIncidents: ['INC1'],
    });
    const process = problemIncidentCommands(defaultProblemIncidentPolicy);
    expect(
      process([
        ev('ProblemResolved', { resolutionCode: 'risk-accepted', resolutionNotes: 'n', linkedIncidents: ['INC1'] }),
      ]),
    ).toEqual([]);
    expect(process([fixed, ev('ProblemReanalysisStarted', { reason: 'came back' })])).toEqual([]);
    const again = process([fixed, ev('ProblemReanalysisStarted', { reason: 'came back' }), fixed]);
    expect(again.map((c) => c.metadata.commandId)).toEqual([
      'problem-incident:PRB1:2:INC1:note',
      'problem-incident:PRB1:2:INC1:resolve',
    ]);
    const notifyOnly = problemIncidentCommands({ ...defaultProblemIncidentPolicy, onFixApplied: 'notify' });
    expect(notifyOnly([fixed]).map((c) => c.type)).toEqual(['AddIncidentWorkNote']);
    const resolveOnly = problemIncidentCommands({ ...defaultProblemIncidentPolicy, onFixApplied: 'resolve' });
    expect(resolveOnly([fixed]).map((c) => c.type)).toEqual(['ResolveIncident']);
    expect(process([fixed])).toEqual(process([fixed]));
  });
});
