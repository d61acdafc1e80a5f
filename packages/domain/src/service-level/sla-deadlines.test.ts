import { describe, expect, it } from '@jest/globals';
import {
  ExpectedVersion,
  createEventSchemaRegistry,
  createInMemoryEventStore,
  defaultEventStoreSettings,
  handleCommand,
  retryOnConflict,
  type Decider,
  type DomainEvent,
  type EventSchema,
  type EventStore,
  type RecordedEvent,
} from '@itsm/event-store';
import { randomUUID } from 'node:crypto';
import { eventMetadataOf } from '../shared/command-metadata.js';
import type { Instant } from '../shared/instant.js';
import { Incident } from '../incident/incident.js';
import { incidentSlaSignals, type SlaSourceEvent } from './incident-sla-signals.js';
import { computeSlaClock } from './sla-clock.js';
import {
  slaDeadlineCommands,
  slaHistoriesOf,
  type SlaDeadlineCommand,
  type SlaRecordHistory,
} from './sla-deadlines.js';
import { createSlaPolicy, defaultSlaPolicyDefinition, type SlaPolicy } from './sla-policy.js';
import { slaEventSchemas, slaRecordDecider } from './sla-record.js';
import {
  baselineOf,
  berlinOfficeHours,
  incident,
  instant,
  minutes,
  sla,
  snapshot,
  twentyFourSeven,
} from './sla.test-fixture.js';

const incidentTypes = [
  'IncidentLogged',
  'IncidentAssignedToGroup',
  'IncidentAssignedToAgent',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentResolved',
  'IncidentReopened',
  'IncidentPriorityChanged',
  'IncidentCommentAdded',
];
// The SLA events are validated by their real schemas; the incident events here are shaped only as the adapter reads them.
const schemas: EventSchema[] = [
  ...slaEventSchemas,
  ...incidentTypes.map((type) => ({ type, schemaVersion: 1, validate: () => undefined })),
];
const newStore = () => createInMemoryEventStore(defaultEventStoreSettings(createEventSchemaRegistry(schemas)));

const seed = async (store: EventStore, streamId: string, events: readonly SlaSourceEvent[]) => {
  for (const event of events) {
    const data = event.data as { at: string; by: string };
    const appended = await store.appendToStream(
      streamId,
      [
        {
          eventId: randomUUID(),
          type: event.type,
          data: event.data,
          metadata: { actor: data.by, occurredAt: data.at, correlationId: 'seed' },
        },
      ],
      ExpectedVersion.any,
    );
    if (appended._tag === 'Left') throw new Error(JSON.stringify(appended.left));
  }
};

const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

const historiesOf = async (store: EventStore): Promise<readonly SlaRecordHistory[]> =>
  slaHistoriesOf(await readLog(store), { incident: incidentSlaSignals });

/** One run of the deadline process: read, compute, handle each command (retrying on conflicts). */
const runProcess = async (
  store: EventStore,
  now: string,
  decider: Decider<never, DomainEvent, unknown, { readonly _tag: string }>,
  policy?: SlaPolicy,
  histories?: readonly SlaRecordHistory[],
) => {
  const commands = slaDeadlineCommands(
    histories ?? (await historiesOf(store)),
    instant(now),
    policy === undefined ? {} : { policy },
  );
  const outcomes = [];
  for (const { streamId, command } of commands)
    outcomes.push(
      await retryOnConflict(() =>
        handleCommand(store, decider, streamId, command as never, eventMetadataOf(command.metadata)),
      ),
    );
  return { commands, outcomes };
};
const slaDecider = slaRecordDecider as unknown as Decider<never, DomainEvent, unknown, { readonly _tag: string }>;

const slaFacts = async (store: EventStore) =>
  (await readLog(store))
    .filter((event) => event.type === 'SlaWarningReached' || event.type === 'SlaBreached')
    .map((event) => {
      const data = event.data as {
        target: string;
        threshold?: number;
        cycle: number;
        baseline: number;
        reachedAt?: string;
        breachedAt?: string;
      };
      return `${event.streamId} ${event.type} ${data.target} ${data.threshold ?? 100} c${data.cycle} b${data.baseline} ${data.reachedAt ?? data.breachedAt}`;
    });

/** The same event for another incident (its id, and its SLA record reference). */
const forIncident = (id: string, event: SlaSourceEvent): SlaSourceEvent => {
  const data = event.data as Record<string, unknown>;
  return {
    type: event.type,
    data: 'record' in data ? { ...data, record: { category: 'incident', id } } : { ...data, incidentId: id },
  };
};

const officeHistory: readonly SlaSourceEvent[] = [
  incident.logged('2026-03-26T10:00:00+01:00'),
  sla.attached('2026-03-26T10:00:00+01:00'),
  incident.toAgent('2026-03-26T11:00:00+01:00', 'network'),
];

describe('SLA deadline process against the in-memory store', () => {
  it('records each crossed threshold and the breach exactly once, however often it runs', async () => {
    const store = newStore();
    await seed(store, 'incident-INC-1', officeHistory);
    // Fri 27 Mar 11:30 CET: 10.5 h of 18 h used (50 % crossed at 10:00 CET); the network OLA (9 h from Thu 11:00) breached at Fri 11:00 CET.
    const first = await runProcess(store, '2026-03-27T11:30:00+01:00', slaDecider);
    expect(first.commands.map(({ command }) => command.type)).toEqual(['RecordSlaWarning', 'RecordSlaBreach']);
    expect(await slaFacts(store)).toEqual([
      'incident-INC-1 SlaWarningReached time-to-resolve 50 c1 b0 2026-03-27T09:00:00.000Z',
      'incident-INC-1 SlaBreached ola/network 100 c1 b0 2026-03-27T10:00:00.000Z',
    ]);
    const again = await runProcess(store, '2026-03-27T11:30:00+01:00', slaDecider);
    expect(again.commands).toEqual([]);
    // Later runs add only what is new: 75 % at Fri 14:30 CET.
    await runProcess(store, '2026-03-27T15:00:00+01:00', slaDecider);
    await runProcess(store, '2026-03-27T15:00:00+01:00', slaDecider);
    expect((await slaFacts(store)).slice(2)).toEqual([
      'incident-INC-1 SlaWarningReached time-to-resolve 75 c1 b0 2026-03-27T13:30:00.000Z',
    ]);
  });

  it('two concurrent runs from the same snapshot record each fact once', async () => {
    const store = newStore();
    await seed(store, 'incident-INC-1', officeHistory);
    await seed(store, 'incident-INC-2', [
      forIncident('INC-2', incident.logged('2026-03-26T09:00:00+01:00')),
      forIncident('INC-2', sla.attached('2026-03-26T09:00:00+01:00')),
    ]);
    const snapshotOfLog = await historiesOf(store);
    const now = '2026-03-30T16:00:00+02:00';
    const [a, b] = await Promise.all([
      runProcess(store, now, slaDecider, undefined, snapshotOfLog),
      runProcess(store, now, slaDecider, undefined, snapshotOfLog),
    ]);
    expect(a.commands).toEqual(b.commands);
    for (const outcome of [...a.outcomes, ...b.outcomes]) expect(outcome._tag).toBe('Right');
    const facts = await slaFacts(store);
    expect(new Set(facts).size).toBe(facts.length);
    expect(facts.length).toBe(a.commands.length);
    // Every fact the clock asks for is recorded: a third run has nothing to do.
    expect((await runProcess(store, now, slaDecider)).commands).toEqual([]);
  });

  it('two concurrent runs with clocks a few seconds apart record each fact once', async () => {
    const store = newStore();
    await seed(store, 'incident-INC-1', officeHistory);
    const snapshotOfLog = await historiesOf(store);
    const [a, b] = await Promise.all([
      runProcess(store, '2026-03-27T15:00:00+01:00', slaDecider, undefined, snapshotOfLog),
      runProcess(store, '2026-03-27T15:00:07+01:00', slaDecider, undefined, snapshotOfLog),
    ]);
    for (const outcome of [...a.outcomes, ...b.outcomes]) expect(outcome).toMatchObject({ _tag: 'Right' });
    const facts = await slaFacts(store);
    expect(facts.length).toBe(3);
    expect(new Set(facts).size).toBe(3);
  });

  it('without command ids, the decider and optimistic concurrency still keep facts unique', async () => {
    const store = newStore();
    await seed(store, 'incident-INC-1', officeHistory);
    const commands = slaDeadlineCommands(await historiesOf(store), instant('2026-03-30T16:00:00+02:00'));
    const withoutIds = commands.map(({ streamId, command }): SlaDeadlineCommand => {
      const { commandId: _dropped, ...metadata } = command.metadata;
      return { streamId, command: { ...command, metadata } as typeof command };
    });
    const handleAll = () =>
      Promise.all(
        withoutIds.map(({ streamId, command }) =>
          retryOnConflict(
            () => handleCommand(store, slaRecordDecider, streamId, command, eventMetadataOf(command.metadata)),
            10,
          ),
        ),
      );
    const results = [...(await Promise.all([handleAll(), handleAll()])).flat()];
    for (const result of results) expect(result._tag).toBe('Right');
    const facts = await slaFacts(store);
    expect(facts.length).toBe(commands.length);
    expect(new Set(facts).size).toBe(facts.length);
  });

  it('after a crash half-way, the next run completes the rest without duplicates', async () => {
    const store = newStore();
    await seed(store, 'incident-INC-1', officeHistory);
    // Fri 15:00 CET: time to resolve crossed 50 % and 75 %; the network OLA is breached.
    const now = '2026-03-27T15:00:00+01:00';
    const commands = slaDeadlineCommands(await historiesOf(store), instant(now));
    expect(commands.length).toBe(3);
    const half = commands.slice(0, 2);
    for (const { streamId, command } of half)
      await handleCommand(store, slaRecordDecider, streamId, command, eventMetadataOf(command.metadata));
    // The first command retried after an unknown outcome: found by its command id.
    const [retried] = half;
    if (retried === undefined) throw new Error('no command');
    const again = await handleCommand(
      store,
      slaRecordDecider,
      retried.streamId,
      retried.command,
      eventMetadataOf(retried.command.metadata),
    );
    expect(again._tag === 'Right' && again.right.alreadyHandled).toBe(true);
    await runProcess(store, now, slaDecider);
    const facts = await slaFacts(store);
    expect(facts.length).toBe(commands.length);
    expect(new Set(facts).size).toBe(facts.length);
  });

  it('attaches the policy to records without an SLA and re-baselines after a priority change, then converges', async () => {
    const store = newStore();
    const created = createSlaPolicy({
      ...defaultSlaPolicyDefinition,
      targets: [
        { priority: 3, timeToResolveMinutes: minutes(1440) },
        { priority: 1, timeToResolveMinutes: minutes(240) },
      ],
    });
    if (created._tag === 'Left') throw new Error('policy refused');
    const policy = created.right;
    await seed(store, 'incident-INC-7', [forIncident('INC-7', incident.logged('2026-05-04T08:00:00Z', 3))]);
    const attachRun = await runProcess(store, '2026-05-04T09:00:00Z', slaDecider, policy);
    expect(attachRun.commands.map(({ command }) => command.type)).toEqual(['AttachSla']);
    await seed(store, 'incident-INC-7', [incident.priorityChanged('2026-05-04T11:00:00Z', 1, 3)]);
    const rebaselineRun = await runProcess(store, '2026-05-04T11:30:00Z', slaDecider, policy);
    expect(rebaselineRun.commands.map(({ command }) => command.type)).toEqual(['RebaselineSla']);
    const warningRun = await runProcess(store, '2026-05-04T11:30:00Z', slaDecider, policy);
    expect(warningRun.commands.map(({ command }) => command.type)).toEqual(['RecordSlaWarning', 'RecordSlaWarning']);
    expect(await slaFacts(store)).toEqual([
      'incident-INC-7 SlaWarningReached time-to-resolve 50 c1 b1 2026-05-04T10:00:00.000Z',
      'incident-INC-7 SlaWarningReached time-to-resolve 75 c1 b1 2026-05-04T11:00:00.000Z',
    ]);
    expect((await runProcess(store, '2026-05-04T11:30:00Z', slaDecider, policy)).commands).toEqual([]);
  });

  it('gives the same commands whatever order the histories (or their streams in the log) come in', async () => {
    const histories: SlaRecordHistory[] = ['INC-1', 'INC-2', 'INC-3'].map((id, index) => ({
      streamId: `incident-${id}`,
      record: { category: 'incident', id },
      signals: [
        { kind: 'started', at: instant(`2026-05-04T0${index + 1}:00:00Z`), priority: 2, service: 'email' },
        {
          kind: 'sla-attached',
          at: instant(`2026-05-04T0${index + 1}:00:00Z`),
          policy: snapshot({ calendar: twentyFourSeven, baseline: baselineOf(2, 480) }),
        },
      ],
    }));
    const now = instant('2026-05-04T09:00:00Z');
    const forward = slaDeadlineCommands(histories, now);
    expect(slaDeadlineCommands([...histories].reverse(), now)).toEqual(forward);
    expect(slaDeadlineCommands([histories[1], histories[2], histories[0]] as SlaRecordHistory[], now)).toEqual(forward);
    // INC-1 used exactly 8 h of 8 h and is still open: breached; INC-2 (7 h) and INC-3 (6 h) crossed 50 % and 75 %.
    expect(forward.map(({ streamId, command }) => `${streamId} ${command.type}`)).toEqual([
      'incident-INC-1 RecordSlaBreach',
      'incident-INC-2 RecordSlaWarning',
      'incident-INC-2 RecordSlaWarning',
      'incident-INC-3 RecordSlaWarning',
      'incident-INC-3 RecordSlaWarning',
    ]);
  });
});

describe('SLA deadline process with the incident aggregate', () => {
  const incidentEvents = (id: string): readonly SlaSourceEvent[] => [
    {
      type: 'IncidentLogged',
      data: {
        incidentId: id,
        at: '2026-03-26T10:00:00+01:00',
        by: 'agent-1',
        caller: 'caller-1',
        service: 'email',
        category: 'email',
        impact: 2,
        urgency: 2,
        priority: 3,
        channel: 'phone',
        shortDescription: 'Mail down',
        description: '',
      },
    },
    {
      type: 'IncidentAssignedToAgent',
      data: { incidentId: id, at: '2026-03-26T11:00:00+01:00', by: 'agent-1', group: 'network', agent: 'agent-1' },
    },
  ];

  it('attaches, warns and breaches on an incident stream through the incident decider, exactly once', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(createEventSchemaRegistry(Incident.eventSchemas)));
    await seed(store, 'incident-INC-9', incidentEvents('INC-9'));
    const created = createSlaPolicy({ ...defaultSlaPolicyDefinition, calendar: berlinOfficeHours });
    if (created._tag === 'Left') throw new Error('policy refused');
    const decider = Incident.decider as unknown as Decider<never, DomainEvent, unknown, { readonly _tag: string }>;
    const attachRun = await runProcess(store, '2026-03-26T12:00:00+01:00', decider, created.right);
    expect(attachRun.outcomes.map((outcome) => outcome._tag)).toEqual(['Right']);
    // P3 under the default targets: own 2 h (met after 1 h), resolve 24 h of office hours.
    await Promise.all([
      runProcess(store, '2026-03-30T12:00:00+02:00', decider, created.right),
      runProcess(store, '2026-03-30T12:00:00+02:00', decider, created.right),
    ]);
    const clock = computeSlaClock((await historiesOf(store))[0]?.signals ?? [], '2026-03-30T12:00:00+02:00' as Instant);
    expect(clock.targets.find((target) => target.target === 'time-to-resolve')).toMatchObject({
      elapsedMilliseconds: 7 * 3_600_000 + 9 * 3_600_000 + 4 * 3_600_000,
      warnings: [
        { threshold: 50, recorded: true },
        { threshold: 75, recorded: true },
      ],
    });
    const facts = await slaFacts(store);
    expect(facts).toEqual([
      // 12 h: Thu 10–17 (7 h), Fri 08–13 CET; 18 h: Thu 7 + Fri 9, Mon 08–10 CEST.
      'incident-INC-9 SlaWarningReached time-to-resolve 50 c1 b0 2026-03-27T12:00:00.000Z',
      'incident-INC-9 SlaWarningReached time-to-resolve 75 c1 b0 2026-03-30T08:00:00.000Z',
    ]);
  });
});
