/**
 * Benchmark of the incident decider: fold a 50-event incident history from
 * the initial state and decide one command on it ("decide from history"),
 * the pure part of every command an application handles.
 *
 * - (a) decide from history (ResolveIncident after 50 events), compared with
 *   the fixed target of 50,000 per second on one core (a fixed
 *   figure, labelled as such: the only target here that is not a same-run
 *   ratio);
 * - (b) the same, compared with `JSON.parse` of the same 50 events measured
 *   in the same run (what a store spends turning the rows back into objects),
 *   as a machine-independent ratio without a target;
 * - (c) the same per second of this process's CPU time (user + system), the
 *   "one core" figure when other processes share the machine (wall-clock
 *   rates in (a) and (b) drop with the machine's load; CPU time does not).
 *
 * The history is produced by the decider itself from commands, so it is an
 * accepted one (assignment, work, comments and notes, holds, priority
 * changes, links, a reopen). Limits: one core, one process; the figure
 * excludes reading the events from a store and decoding commands.
 *
 * @module
 */
import {
  IncidentStreamCommand,
  evolveIncident,
  incidentDecider,
  initialIncidentState,
  type IncidentState,
  type IncidentStreamEvent,
} from '@itsm/domain';
import { measureAlternating, type BenchModule, type BenchResult } from './bench-result.js';

const HISTORY_LENGTH = 50;
const ROUNDS = 6;
const SECONDS_PER_ROUND = 0.5;
const BATCH = 200;
const TARGET_PER_SECOND = 50_000;
const BASE = Date.parse('2026-01-05T09:00:00Z');

const desk = { id: 'desk-1', roles: ['service-desk-agent'], groups: ['service-desk'] };
const resolver = { id: 'net-1', roles: ['resolver'], groups: ['network'] };
const caller = { id: 'alice', roles: ['caller'], groups: [] };
const manager = { id: 'mgr-1', roles: ['incident-manager'], groups: [] };

const commandAt = (
  minutes: number,
  type: string,
  data: Record<string, unknown>,
  actor: object,
): IncidentStreamCommand => {
  const decoded = IncidentStreamCommand.decode({
    type,
    data: { incidentId: 'INC-42', ...data },
    metadata: { actor, occurredAt: new Date(BASE + minutes * 60_000).toISOString(), correlationId: 'bench' },
  });
  if (decoded._tag === 'Left') throw new Error(`bench command ${type} does not decode`);
  return decoded.right;
};

/** The commands that build the history, in order; the loop below repeats the middle part up to 50 events. */
const opening = [
  commandAt(
    0,
    'LogIncident',
    {
      caller: 'alice',
      service: 'vpn',
      configurationItem: 'vpn-gw-1',
      category: 'network',
      impact: 2,
      urgency: 2,
      channel: 'phone',
      shortDescription: 'VPN drops every few minutes',
      description: 'Since this morning the VPN client disconnects every 3–5 minutes.',
    },
    desk,
  ),
  commandAt(1, 'AssignIncidentToGroup', { group: 'network' }, desk),
  commandAt(2, 'AssignIncidentToAgent', { agent: 'net-1', agentGroups: ['network'] }, resolver),
  commandAt(3, 'StartIncidentWork', {}, resolver),
  commandAt(4, 'LinkIncidentToProblem', { problem: 'PRB-7' }, resolver),
  commandAt(5, 'ChangeIncidentImpactUrgency', { impact: 1, urgency: 2, reason: 'Two floors affected' }, desk),
  commandAt(6, 'OverrideIncidentPriority', { priority: 1, reason: 'Board meeting at noon' }, manager),
];
const middle = (minute: number) => [
  commandAt(minute, 'AddIncidentWorkNote', { text: 'Gateway logs show MTU mismatches on tunnel 3.' }, resolver),
  commandAt(
    minute + 1,
    'AddIncidentComment',
    { text: 'We are looking into it; please keep the client open.' },
    resolver,
  ),
  commandAt(minute + 2, 'PutIncidentOnHold', { reason: 'awaiting-caller', note: 'Asked for the client log' }, resolver),
  commandAt(minute + 3, 'AddIncidentComment', { text: 'Here is the log file.' }, caller),
];

const buildHistory = (): readonly IncidentStreamEvent[] => {
  const history: IncidentStreamEvent[] = [];
  let state: IncidentState = initialIncidentState;
  const apply = (command: IncidentStreamCommand) => {
    const decision = incidentDecider.decide(command, state);
    if (decision._tag === 'Left') throw new Error(`bench history refused ${command.type}: ${decision.left._tag}`);
    for (const event of decision.right) {
      history.push(event);
      state = evolveIncident(state, event);
    }
  };
  for (const command of opening) apply(command);
  for (let minute = 10; history.length + 5 <= HISTORY_LENGTH; minute += 10)
    for (const command of middle(minute)) apply(command);
  while (history.length < HISTORY_LENGTH)
    apply(commandAt(1000 + history.length, 'AddIncidentWorkNote', { text: 'Still watching.' }, resolver));
  return history;
};

const history = buildHistory();
const resolve = commandAt(
  2000,
  'ResolveIncident',
  {
    resolutionCode: 'solved-permanently',
    resolutionNotes: 'Pinned the MTU on the gateway; the caller confirmed a stable connection for one hour.',
    resolvedChildren: [],
  },
  resolver,
);
const storedRows = history.map((event) => JSON.stringify(event));

let sink = 0;
const decideFromHistory = (): number => {
  for (let i = 0; i < BATCH; i++) {
    let state = initialIncidentState;
    for (const event of history) state = evolveIncident(state, event);
    const decision = incidentDecider.decide(resolve, state);
    if (decision._tag === 'Left') throw new Error(`bench decision refused: ${decision.left._tag}`);
    sink += decision.right.length;
  }
  return BATCH;
};
const parseHistory = (): number => {
  for (let i = 0; i < BATCH; i++)
    for (const row of storedRows) sink += (JSON.parse(row) as { type: string }).type.length;
  return BATCH;
};

/** The incident decider benchmark module. */
export const incidentDecideBench: BenchModule = {
  name: 'incident-decide',
  run: async (): Promise<BenchResult[]> => {
    // Warm up both so the JIT has compiled them before the measured rounds.
    for (let i = 0; i < 50; i++) {
      decideFromHistory();
      parseHistory();
    }
    const [decided, parsed] = await measureAlternating(ROUNDS, SECONDS_PER_ROUND, [
      async () => decideFromHistory(),
      async () => parseHistory(),
    ]);
    const cpuStarted = process.cpuUsage();
    let cpuOperations = 0;
    while (cpuOperations < 40 * BATCH * 10) cpuOperations += decideFromHistory();
    const cpu = process.cpuUsage(cpuStarted);
    const perCpuSecond = cpuOperations / ((cpu.user + cpu.system) / 1e6);
    const note = `history of ${history.length} events (${new Set(history.map((event) => event.type)).size} types), then ResolveIncident; sink ${sink % 10}`;
    return [
      {
        name: `(a) fold ${HISTORY_LENGTH} events + decide, vs the issue's fixed target`,
        opsPerSecond: decided ?? 0,
        reference: { name: 'fixed target from the issue', opsPerSecond: TARGET_PER_SECOND },
        targetRatio: 1,
        note,
      },
      {
        name: `(b) fold ${HISTORY_LENGTH} events + decide, vs JSON.parse of the same ${HISTORY_LENGTH} events`,
        opsPerSecond: decided ?? 0,
        reference: { name: `JSON.parse ×${HISTORY_LENGTH}`, opsPerSecond: parsed ?? 0 },
      },
      {
        name: `(c) fold ${HISTORY_LENGTH} events + decide, per CPU-second of this process, vs the issue's fixed target`,
        opsPerSecond: perCpuSecond,
        reference: { name: 'fixed target from the issue', opsPerSecond: TARGET_PER_SECOND },
        targetRatio: 1,
        note: `${cpuOperations} operations timed with process.cpuUsage()`,
      },
    ];
  },
};

// Run directly (`node --import tsx test/bench/incident-decide.bench.ts`) to print the figures.
if (process.argv[1]?.endsWith('incident-decide.bench.ts'))
  for (const result of await incidentDecideBench.run())
    console.log(
      `${result.name}: ${Math.round(result.opsPerSecond).toLocaleString('en-US')}/s` +
        (result.reference
          ? ` (reference ${result.reference.name}: ${Math.round(result.reference.opsPerSecond).toLocaleString('en-US')}/s)`
          : ''),
    );
