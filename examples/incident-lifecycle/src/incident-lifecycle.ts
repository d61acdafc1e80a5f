/**
 * The incident lifecycle walkthrough: Alice's VPN keeps dropping. The
 * service desk logs the incident, the network group takes it, the resolver
 * asks Alice for a log file (on hold, awaiting the caller), Alice's reply
 * resumes it, the resolver resolves it, Alice reopens it the next day, it is
 * resolved again and Alice confirms, which closes it. A last attempt to
 * reopen the closed incident is refused with `IncidentAlreadyClosed`.
 *
 * Every command goes through the door an application would use: untrusted
 * JSON → `decodeInput(Incident.commandCodec)` → `handleCommand` on the
 * incident's stream. Works on any event store; `main.ts` uses SQLite.
 *
 * @module
 */
import {
  Incident,
  decodeInput,
  eventMetadataOf,
  incidentStreamId,
  type IncidentState,
  type IncidentStreamCommand,
} from '@itsm/domain';
import { handleCommand, readStreamEvents, type EventStore, type RecordedEvent } from '@itsm/event-store';

/** What became of one command of the walkthrough. */
export interface LifecycleStep {
  readonly command: string;
  readonly actor: string;
  /** `recorded` or the tag of the error that refused it. */
  readonly outcome: string;
  readonly events: readonly RecordedEvent[];
}

/** What the walkthrough did: each step, the stored trail and the final state. */
export interface LifecycleReport {
  readonly incidentId: string;
  readonly steps: readonly LifecycleStep[];
  readonly trail: readonly RecordedEvent[];
  readonly finalState: IncidentState;
}

const people = {
  alice: { id: 'alice', roles: ['caller'], groups: [] },
  dana: { id: 'dana', roles: ['service-desk-agent'], groups: ['service-desk'] },
  nina: { id: 'nina', roles: ['resolver'], groups: ['network'] },
} as const;
type Person = keyof typeof people;

const START = Date.parse('2026-03-02T08:30:00Z');
const minutesLater = (minutes: number): string => new Date(START + minutes * 60_000).toISOString();

/** One command of the walkthrough as raw input: when (minutes after the start), who, what. */
type ScriptLine = readonly [minute: number, person: Person, type: string, data: Readonly<Record<string, unknown>>];

/** The walkthrough's commands, in order. */
const script = (incidentId: string): readonly ScriptLine[] => {
  const lines: readonly ScriptLine[] = [
    [
      0,
      'dana',
      'LogIncident',
      {
        caller: 'alice',
        service: 'vpn',
        configurationItem: 'vpn-gateway-1',
        category: 'network',
        subcategory: 'vpn',
        impact: 2,
        urgency: 2,
        channel: 'phone',
        shortDescription: 'VPN drops every few minutes',
        description: 'Since this morning the VPN client disconnects every 3 to 5 minutes; Alice works from home today.',
      },
    ],
    [5, 'dana', 'AssignIncidentToGroup', { group: 'network' }],
    [20, 'nina', 'AssignIncidentToAgent', { agent: 'nina', agentGroups: ['network'] }],
    [25, 'nina', 'StartIncidentWork', {}],
    [
      40,
      'nina',
      'AddIncidentWorkNote',
      { text: 'Gateway shows MTU mismatches on tunnel 3; need the client log to confirm.' },
    ],
    [45, 'nina', 'PutIncidentOnHold', { reason: 'awaiting-caller', note: 'Asked Alice for the VPN client log.' }],
    [95, 'alice', 'AddIncidentComment', { text: 'Here is the log file you asked for.' }],
    [
      130,
      'nina',
      'ResolveIncident',
      {
        resolutionCode: 'solved-permanently',
        resolutionNotes: 'Pinned the tunnel MTU to 1380 on vpn-gateway-1; the connection stayed up for an hour.',
        resolvedChildren: [],
      },
    ],
    [1_440, 'alice', 'ReopenIncident', { reason: 'It dropped twice again this morning' }],
    [
      1_500,
      'nina',
      'ResolveIncident',
      {
        resolutionCode: 'solved-permanently',
        resolutionNotes: 'Replaced Alice’s VPN profile, which still forced the old MTU.',
        resolvedChildren: [],
        knowledgeArticle: 'KB-0042',
      },
    ],
    [1_620, 'alice', 'ConfirmIncidentResolution', {}],
    [2_000, 'alice', 'ReopenIncident', { reason: 'Trying to reopen a closed incident' }],
  ];
  return lines.map(([minute, person, type, data]): ScriptLine => [minute, person, type, { incidentId, ...data }]);
};

/** Runs the walkthrough against a store and returns what happened; `onStep` sees each step as it happens. */
export const runIncidentLifecycle = async (
  store: EventStore,
  incidentId = 'INC-1001',
  onStep: (step: LifecycleStep) => void = () => undefined,
): Promise<LifecycleReport> => {
  const streamId = incidentStreamId(incidentId);
  if (streamId._tag === 'Left') throw new Error(`invalid incident id ${incidentId}: ${streamId.left.reason}`);
  const steps: LifecycleStep[] = [];
  let finalState: IncidentState = Incident.decider.initialState;
  for (const [minute, person, type, data] of script(incidentId)) {
    const input: unknown = {
      type,
      data,
      metadata: {
        actor: people[person],
        occurredAt: minutesLater(minute),
        correlationId: `lifecycle-${incidentId}`,
        commandId: `${incidentId}-${steps.length + 1}`,
      },
    };
    const decoded = decodeInput(Incident.commandCodec, input);
    if (decoded._tag === 'Left')
      throw new Error(`the walkthrough's ${type} is malformed: ${decoded.left.problems.join('; ')}`);
    const command: IncidentStreamCommand = decoded.right;
    const handled = await handleCommand(
      store,
      Incident.decider,
      streamId.right,
      command,
      eventMetadataOf(command.metadata),
    );
    const step: LifecycleStep =
      handled._tag === 'Left'
        ? { command: type, actor: person, outcome: handled.left._tag, events: [] }
        : { command: type, actor: person, outcome: 'recorded', events: handled.right.events };
    if (handled._tag === 'Right') finalState = handled.right.state;
    steps.push(step);
    onStep(step);
  }
  const trail = await readStreamEvents(store, streamId.right);
  if (trail._tag === 'Left') throw new Error(`cannot read ${streamId.right}: ${trail.left._tag}`);
  return { incidentId, steps, trail: trail.right, finalState };
};
