/**
 * Properties of the incident decider, with fast-check:
 * - every command and event codec round-trips (data derived from the codecs);
 * - 10,000 random command sequences never break an invariant: Closed and
 *   Cancelled are terminal, a resolved incident has its resolution fields,
 *   the reopen count equals the reopen events, the priority equals the
 *   matrix unless an override with a reason is in force, the hold reason is
 *   set exactly while on hold, status moves only along the lifecycle;
 * - `evolve` is total on every accepted history (and every decided event
 *   decodes with its codec), `decide` is deterministic.
 * Set FC_SEED to replay a reported failure.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as t from 'io-ts';
import { priorityOf } from '../shared/priority.js';
import { createIncidentDecider, IncidentStreamCommand, incidentDecider } from './incident-decider.js';
import { incidentCommandCodecs, type IncidentCommandType } from './incident-commands.js';
import { IncidentEvent, incidentEventCodecs } from './incident-events.js';
import { ExactRecordType } from '../shared/message-codec.js';
import { defaultIncidentPolicy } from './incident-policy.js';
import {
  initialIncidentState,
  type IncidentState,
  type IncidentStatus,
  type IncidentStreamEvent,
} from './incident-state.js';
import { INCIDENT, type RawActor } from './incident.test-fixture.js';

const seed = process.env['FC_SEED'] === undefined ? Date.now() ^ 0x5eed : Number(process.env['FC_SEED']);

// ── arbitraries derived from codecs ──────────────────────────────────────

const idArbitrary = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);
const nonBlank = (maxLength: number) => fc.string({ minLength: 1, maxLength }).filter((text) => text.trim().length > 0);
const instantArbitrary = fc
  .tuple(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }), fc.boolean())
  .map(([milliseconds, withOffset]) => {
    const utc = new Date(milliseconds).toISOString();
    // An explicit offset is as valid as Z; the wall-clock shift keeps the same instant.
    return withOffset ? `${new Date(milliseconds + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00` : utc;
  });

const byName: Record<string, fc.Arbitrary<unknown>> = {
  Instant: instantArbitrary,
  ShortText: nonBlank(200),
  LongText: fc.string({ maxLength: 300 }),
  NoteText: nonBlank(300),
  ReopenCount: fc.integer({ min: 1, max: 1000 }),
};

/** An arbitrary of valid raw input for a codec, walking the io-ts codec tree. */
const arbitraryOf = (codec: t.Mixed): fc.Arbitrary<unknown> => {
  const named = byName[codec.name];
  if (named) return named;
  if (codec instanceof ExactRecordType) {
    const required = Object.fromEntries(Object.entries(codec.required as t.Props).map(([k, c]) => [k, arbitraryOf(c)]));
    const optional = Object.fromEntries(Object.entries(codec.optional as t.Props).map(([k, c]) => [k, arbitraryOf(c)]));
    return fc.tuple(fc.record(required), fc.record(optional, { requiredKeys: [] })).map(([r, o]) => ({ ...r, ...o }));
  }
  if (codec instanceof t.ReadonlyType || codec instanceof t.ExactType) return arbitraryOf(codec.type as t.Mixed);
  if (codec instanceof t.InterfaceType)
    return fc.record(Object.fromEntries(Object.entries(codec.props as t.Props).map(([k, c]) => [k, arbitraryOf(c)])));
  if (codec instanceof t.PartialType)
    return fc.record(Object.fromEntries(Object.entries(codec.props as t.Props).map(([k, c]) => [k, arbitraryOf(c)])), {
      requiredKeys: [],
    });
  if (codec instanceof t.IntersectionType)
    return fc
      .tuple(...(codec.types as t.Mixed[]).map(arbitraryOf))
      .map((parts) => Object.assign({}, ...(parts as object[])));
  if (codec instanceof t.UnionType) return fc.oneof(...(codec.types as t.Mixed[]).map(arbitraryOf));
  if (codec instanceof t.KeyofType) return fc.constantFrom(...Object.keys(codec.keys as object));
  if (codec instanceof t.LiteralType) return fc.constant(codec.value);
  if (codec instanceof t.ReadonlyArrayType || codec instanceof t.ArrayType)
    return fc.array(arbitraryOf(codec.type as t.Mixed), { maxLength: 4 });
  if (codec instanceof t.BooleanType) return fc.boolean();
  // Every branded id of the shared kernel is named `<Record>Id` and shares one pattern.
  if (codec instanceof t.RefinementType && /Id$/.test(codec.name)) return idArbitrary;
  throw new Error(`no arbitrary for codec ${codec.name}`);
};

const roundTrips = (codec: t.Mixed, raw: unknown): void => {
  const decoded = codec.decode(raw);
  if (decoded._tag === 'Left') throw new Error(`${codec.name} refused generated input ${JSON.stringify(raw)}`);
  expect(codec.encode(decoded.right)).toEqual(raw);
  expect(codec.decode(codec.encode(decoded.right))).toEqual(decoded);
};

describe('codec round-trips', () => {
  it.each(Object.keys(incidentCommandCodecs) as IncidentCommandType[])(
    '%s round-trips through its codec and the union',
    (type) => {
      const codec = incidentCommandCodecs[type];
      fc.assert(
        fc.property(arbitraryOf(codec), (raw) => {
          roundTrips(codec, raw);
          roundTrips(IncidentStreamCommand, raw);
        }),
        { numRuns: 100, seed },
      );
    },
  );
  it('every incident event type round-trips through its codec and the union', () => {
    for (const [type, codec] of Object.entries(incidentEventCodecs))
      fc.assert(
        fc.property(arbitraryOf(codec), (raw) => {
          expect((raw as { type: string }).type).toBe(type);
          roundTrips(codec, raw);
          roundTrips(IncidentEvent, raw);
        }),
        { numRuns: 100, seed },
      );
  });
});

// ── random command sequences ─────────────────────────────────────────────

const alice: RawActor = { id: 'alice', roles: ['caller'], groups: [] };
const actors: readonly RawActor[] = [
  alice,
  { id: 'bob', roles: ['caller'], groups: [] },
  { id: 'desk-1', roles: ['service-desk-agent'], groups: ['service-desk'] },
  { id: 'net-1', roles: ['resolver'], groups: ['network'] },
  { id: 'db-1', roles: ['resolver'], groups: ['database'] },
  { id: 'mgr-1', roles: ['incident-manager'], groups: [] },
  { id: 'mgr-2', roles: ['incident-manager', 'resolver'], groups: ['network', 'database'] },
  { id: 'auto-close', roles: ['process'], groups: [] },
];
const groups = ['network', 'database', 'vendor-desk'] as const;
const agents = [
  { agent: 'net-1', agentGroups: ['network'] },
  { agent: 'net-2', agentGroups: ['network', 'vendor-desk'] },
  { agent: 'db-1', agentGroups: ['database'] },
];
const BASE = Date.parse('2026-01-05T09:00:00Z');

/** Command kinds with weights: the lifecycle moves come up more often so sequences reach Resolved and Closed. */
const kinds: readonly (readonly [IncidentCommandType, number])[] = [
  ['LogIncident', 1],
  ['RecategorizeIncident', 1],
  ['ChangeIncidentImpactUrgency', 2],
  ['OverrideIncidentPriority', 2],
  ['AssignIncidentToGroup', 4],
  ['AssignIncidentToAgent', 6],
  ['StartIncidentWork', 2],
  ['AddIncidentComment', 3],
  ['AddIncidentWorkNote', 1],
  ['PutIncidentOnHold', 3],
  ['ResumeIncident', 2],
  ['EscalateIncident', 2],
  ['DeclareMajorIncident', 1],
  ['UndeclareMajorIncident', 1],
  ['SetIncidentParent', 1],
  ['LinkIncidentToProblem', 1],
  ['LinkIncidentToChange', 1],
  ['LinkIncidentToConfigurationItem', 1],
  ['ResolveIncident', 8],
  ['ConfirmIncidentResolution', 2],
  ['RejectIncidentResolution', 2],
  ['ReopenIncident', 4],
  ['CloseIncident', 1],
  ['AutoCloseIncident', 4],
  ['CancelIncident', 1],
];
const authorizedActors = new Map<IncidentCommandType, readonly RawActor[]>(
  kinds.map(([kind]) => [
    kind,
    actors.filter((actor) => actor.roles.some((role) => defaultIncidentPolicy.authorization[kind].includes(role))),
  ]),
);
const weighted = kinds.flatMap(([kind, weight]) => Array.from({ length: weight }, () => kind));

interface Step {
  readonly kind: number;
  readonly actor: number;
  readonly pick: number;
  readonly hours: number;
}
const stepArbitrary = fc.record({
  kind: fc.nat(weighted.length - 1),
  actor: fc.nat(actors.length - 1),
  pick: fc.nat(1_000_000),
  hours: fc.nat(40),
});

const dataFor = (kind: IncidentCommandType, pick: number): Record<string, unknown> => {
  const of = <A>(values: readonly A[], salt = 1): A => values[Math.floor(Math.abs(pick) / salt) % values.length] as A;
  switch (kind) {
    case 'LogIncident':
      return {
        caller: 'alice',
        service: 'vpn',
        category: 'network',
        // Impact 4 (beyond the 3×3 matrix) now and then, except on the first command, which must log.
        impact: pick < 0 ? 1 : of([1, 2, 3, 3, 4]),
        urgency: of([1, 2, 3], 5),
        channel: 'phone',
        shortDescription: 'VPN drops',
        description: '',
      };
    case 'RecategorizeIncident':
      return { category: of(['network', 'access', 'hardware']), ...(pick % 2 ? { subcategory: 'vpn' } : {}) };
    case 'ChangeIncidentImpactUrgency':
      return { impact: of([1, 2, 3, 4]), urgency: of([1, 2, 3], 4), reason: 'Reassessed' };
    case 'OverrideIncidentPriority':
      return { priority: of([1, 2, 3, 4, 5]), reason: 'Business decision' };
    case 'AssignIncidentToGroup':
      return { group: of(groups) };
    case 'AssignIncidentToAgent':
      return of(agents);
    case 'AddIncidentComment':
    case 'AddIncidentWorkNote':
      return { text: 'An update' };
    case 'PutIncidentOnHold':
      return { reason: of(['awaiting-caller', 'awaiting-change', 'awaiting-problem', 'awaiting-vendor']) };
    case 'EscalateIncident':
      return pick % 2
        ? { escalation: { kind: 'functional', toGroup: of(groups, 2) }, reason: 'Needs specialists' }
        : { escalation: { kind: 'hierarchic', level: of([1, 2, 3, 4], 2) }, reason: 'At risk' };
    case 'DeclareMajorIncident':
    case 'UndeclareMajorIncident':
      return { reason: 'Scope changed' };
    case 'SetIncidentParent':
      return { parent: of(['INC-0', 'INC-2', INCIDENT]), parentAncestors: of([[], ['INC-9'], [INCIDENT]], 3) };
    case 'LinkIncidentToProblem':
      return { problem: of(['PRB-1', 'PRB-2']) };
    case 'LinkIncidentToChange':
      return { change: of(['CHG-1', 'CHG-2']), relation: of(['caused-by', 'resolved-by', 'related'], 2) };
    case 'LinkIncidentToConfigurationItem':
      return { configurationItem: of(['fw-1', 'fw-2']), configurationItemRetired: pick % 5 === 0 };
    case 'ResolveIncident':
      return {
        resolutionCode: of(['solved-permanently', 'solved-workaround', 'not-reproducible']),
        resolutionNotes: 'Fixed it',
        resolvedChildren: of([[], ['INC-2'], [INCIDENT], ['INC-2', 'INC-2']], 3),
        ...(pick % 4 === 0 ? { knowledgeArticle: 'KB-1' } : {}),
      };
    case 'RejectIncidentResolution':
    case 'ReopenIncident':
      return { reason: 'Still broken' };
    case 'CancelIncident':
      return pick % 2
        ? { reason: 'duplicate', ...(pick % 3 ? { reference: of(['INC-0', INCIDENT], 3) } : {}) }
        : { reason: 'not-an-incident' };
    case 'StartIncidentWork':
    case 'ResumeIncident':
    case 'ConfirmIncidentResolution':
    case 'CloseIncident':
    case 'AutoCloseIncident':
      return {};
  }
};

// Commands are decoded once per (kind, actor, data choice) and then re-timed: decoding is tested above,
// and 10,000 sequences need the time for deciding.
const decodedCommands = new Map<string, IncidentStreamCommand>();
const toCommand = (kind: IncidentCommandType, actor: RawActor, pick: number, at: number): IncidentStreamCommand => {
  const data = { incidentId: INCIDENT, ...dataFor(kind, pick) };
  const key = `${kind}|${actor.id}|${JSON.stringify(data)}`;
  let template = decodedCommands.get(key);
  if (template === undefined) {
    const decoded = IncidentStreamCommand.decode({
      type: kind,
      data,
      metadata: { actor, occurredAt: new Date(BASE).toISOString(), correlationId: 'prop' },
    });
    if (decoded._tag === 'Left') throw new Error(`generated ${kind} does not decode`);
    template = decoded.right;
    decodedCommands.set(key, template);
  }
  // toISOString always yields a valid UTC instant, so the decoded template's type still holds.
  return {
    ...template,
    metadata: { ...template.metadata, occurredAt: new Date(at).toISOString() },
  } as IncidentStreamCommand;
};

const allowedTransitions: ReadonlySet<string> = new Set([
  'NotLogged→New',
  'New→InProgress',
  'New→Cancelled',
  'InProgress→OnHold',
  'OnHold→InProgress',
  'InProgress→Resolved',
  'OnHold→Resolved',
  'InProgress→Cancelled',
  'OnHold→Cancelled',
  'Resolved→InProgress',
  'Resolved→Closed',
]);

// States hold Sets (SLA keys); render them as sorted arrays so equal states render equally.
const json = (value: unknown): string =>
  JSON.stringify(value, (_key, member: unknown) =>
    member instanceof Set ? [...(member as Set<unknown>)].sort() : member,
  );

const fail = (message: string): never => {
  throw new Error(message);
};

const checkInvariants = (state: IncidentState, history: readonly IncidentStreamEvent[]): void => {
  if (state.status === 'Resolved' || state.status === 'Closed') {
    const resolution = state.resolution ?? fail(`${state.status} without a resolution`);
    if (resolution.notes.trim().length === 0) fail('resolution without notes');
    if ((resolution.resolvedChildren as readonly string[]).includes(INCIDENT))
      fail('an incident resolved itself as its child');
  } else if (state.resolution !== undefined) fail(`${state.status} with a resolution`);
  const reopens = history.filter((event) => event.type === 'IncidentReopened');
  if (state.reopenCount !== reopens.length)
    fail(`reopenCount ${state.reopenCount} but ${reopens.length} reopen events`);
  reopens.forEach((event, index) => {
    if (event.type === 'IncidentReopened' && event.data.reopenCount !== index + 1)
      fail('reopen event count out of order');
  });
  if (state.status !== 'NotLogged') {
    const matrix = priorityOf(defaultIncidentPolicy.priorityMatrix, state.impact, state.urgency);
    if (state.priorityOverride === undefined) {
      if (state.priority !== matrix)
        fail(`priority ${state.priority} is not the matrix's ${matrix} and not overridden`);
    } else {
      const last = [...history].reverse().find((event) => event.type === 'IncidentPriorityChanged');
      if (last?.type !== 'IncidentPriorityChanged' || !last.data.overridden || last.data.reason.trim() === '')
        fail('an override in force without a recorded, reasoned override event');
    }
  }
  if ((state.status === 'OnHold') !== (state.onHoldReason !== undefined)) fail('hold reason set outside OnHold');
  if (state.status === 'Closed' && state.closure === undefined) fail('Closed without a closure');
  if (state.agent !== undefined && state.group === undefined) fail('an agent without a group');
};

interface Coverage {
  readonly eventTypes: Set<string>;
  readonly errorTags: Map<string, number>;
  readonly statuses: Set<IncidentStatus>;
}

const runSequence = (steps: readonly Step[], coverage: Coverage): void => {
  const decider = incidentDecider;
  const twin = createIncidentDecider(defaultIncidentPolicy);
  let state = initialIncidentState;
  const history: IncidentStreamEvent[] = [];
  let at = BASE;
  steps.forEach((step, index) => {
    const kind: IncidentCommandType = index === 0 ? 'LogIncident' : (weighted[step.kind] as IncidentCommandType);
    // Mostly an actor the rules allow, so sequences get deep; sometimes anyone, so refusals are exercised too.
    const candidates = step.pick % 10 < 7 ? (authorizedActors.get(kind) ?? actors) : actors;
    const actor = index === 0 ? (actors[2] as RawActor) : (candidates[step.actor % candidates.length] as RawActor);
    at += step.hours * 3_600_000;
    const command = toCommand(kind, actor, index === 0 ? -1 : step.pick, at);
    const decision = decider.decide(command, state);
    // Deterministic: the same command on the same state, even by another decider instance, decides the same.
    if (json(twin.decide(command, state)) !== json(decision)) fail(`${kind} decided differently on the same state`);
    if (decision._tag === 'Left') {
      const tag = decision.left._tag;
      if (typeof tag !== 'string' || tag.length === 0) fail('an error without a tag');
      coverage.errorTags.set(tag, (coverage.errorTags.get(tag) ?? 0) + 1);
      // On a terminal incident only these refusals make sense: roles first, the stream's existence, then terminality.
      const terminalRefusals = ['CommandNotAuthorized', 'IncidentAlreadyLogged', `IncidentAlready${state.status}`];
      if ((state.status === 'Closed' || state.status === 'Cancelled') && !terminalRefusals.includes(tag))
        fail(`a command on a ${state.status} incident failed with ${tag}`);
      return;
    }
    if (state.status === 'Closed' || state.status === 'Cancelled')
      fail(`${kind} was accepted on a ${state.status} incident`);
    const before = state.status;
    for (const event of decision.right) {
      // Every decided event is valid against its codec (the store would refuse it otherwise).
      if (IncidentEvent.decode(event)._tag === 'Left') fail(`decided ${event.type} does not match its codec`);
      coverage.eventTypes.add(event.type);
      state = decider.evolve(state, event);
      history.push(event);
    }
    if (before !== state.status && !allowedTransitions.has(`${before}→${state.status}`))
      fail(`${kind} moved the incident ${before}→${state.status}`);
    coverage.statuses.add(state.status);
    checkInvariants(state, history);
  });
  // evolve is total on the accepted history: a replay from scratch reaches the same state.
  if (json(history.reduce(decider.evolve, initialIncidentState)) !== json(state))
    fail('replaying the history reached another state');
};

describe('random command sequences', () => {
  it('never break an invariant (10,000 sequences of 10–30 commands)', () => {
    const coverage: Coverage = { eventTypes: new Set(), errorTags: new Map(), statuses: new Set() };
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 10, maxLength: 30 }), (steps) => runSequence(steps, coverage)),
      { numRuns: 10_000, seed },
    );
    // The sequences must actually reach every event and status, or the invariants were checked on nothing.
    expect([...coverage.statuses].sort()).toEqual(['Cancelled', 'Closed', 'InProgress', 'New', 'OnHold', 'Resolved']);
    const incidentEventTypes = Object.keys(incidentEventCodecs);
    expect(incidentEventTypes.filter((type) => !coverage.eventTypes.has(type))).toEqual([]);
    for (const tag of [
      'IncidentAlreadyClosed',
      'IncidentReopenWindowElapsed',
      'IncidentAutoCloseTooEarly',
      'CommandNotAuthorized',
    ])
      expect(coverage.errorTags.has(tag)).toBe(true);
  });
});
