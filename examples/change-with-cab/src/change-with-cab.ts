/**
 * The change-with-CAB walkthrough: a high-risk normal change goes through
 * risk assessment, a freeze window, CAB approval with a quorum, a refused and
 * recorded segregation-of-duties attempt, a conflict warning and
 * implementation; then an emergency change inside the freeze is approved by
 * the emergency CAB, fails, is reviewed and approved retrospectively.
 *
 * Every command goes through the same door an application would use:
 * untrusted input → `decodeInput(Change.commandCodec)` → `handleCommand` on
 * the change's stream. Works on any event store (in-memory or SQLite).
 * Conflict detection asks the change schedule read model of
 * `@itsm/projections`, projected from the same store into a scratch
 * SQLite database.
 *
 * @module
 */
import {
  Actor,
  BlackoutWindow,
  CommandMetadata,
  Change,
  changeStreamId,
  conflictWarningCommandsOf,
  createChangeDecider,
  decodeInput,
  defaultChangePolicy,
  eventMetadataOf,
  segregationViolationCommandOf,
  type ChangeCommand,
  type ChangeDecider,
} from '@itsm/domain';
import { handleCommand, readStreamEvents, type EventStore } from '@itsm/event-store';
import {
  changeScheduleConflicts,
  changeScheduleProjection,
  openSqliteReadModels,
  runProjection,
} from '@itsm/projections';

/** One line of the walkthrough: a command and what became of it. */
export interface WalkthroughStep {
  readonly command: string;
  readonly actor: string;
  /** `recorded` with the event types, or the error tag of the refusal. */
  readonly outcome: string;
  readonly events: readonly string[];
}

/** What the walkthrough did, for printing and for its test. */
export interface WalkthroughReport {
  readonly steps: readonly WalkthroughStep[];
  /** The final event trail of each change: type, who, when. */
  readonly trails: Readonly<Record<string, readonly string[]>>;
}

const people = {
  rita: { id: 'rita', roles: ['change-implementer', 'cab-member'], groups: ['cab'] },
  mona: { id: 'mona', roles: ['change-manager'], groups: ['change-managers'] },
  carl: { id: 'carl', roles: ['cab-member'], groups: ['cab'] },
  cleo: { id: 'cleo', roles: ['cab-member'], groups: ['cab'] },
  ivan: { id: 'ivan', roles: ['change-implementer'], groups: [] },
  erin: { id: 'erin', roles: ['emergency-cab-member'], groups: ['ecab'] },
  process: { id: 'change-process', roles: ['process'], groups: [] },
} as const;
type Person = keyof typeof people;

const freezeInput = { name: 'Quarter-end freeze', start: '2026-03-27T00:00:00Z', end: '2026-04-03T00:00:00Z' };

const instantAt = (milliseconds: number): string => new Date(milliseconds).toISOString();

/** Decodes literal input with a codec; the walkthrough's literals always decode. */
const valid = <A>(codec: Parameters<typeof decodeInput<A, unknown>>[0], input: unknown): A => {
  const decoded = decodeInput(codec, input);
  if (decoded._tag === 'Left') throw new Error(decoded.left.problems.join('\n'));
  return decoded.right;
};

/** Runs the walkthrough against a store whose registry knows the change events. */
export const runChangeWithCab = async (store: EventStore): Promise<WalkthroughReport> => {
  const decider: ChangeDecider = createChangeDecider({
    ...defaultChangePolicy,
    blackoutWindows: [valid(BlackoutWindow, freezeInput)],
  });
  const steps: WalkthroughStep[] = [];
  const processActor = valid(Actor, people.process);
  let clock = Date.parse('2026-03-02T09:00:00Z');

  const handle = async (command: ChangeCommand): Promise<{ readonly _tag: string } | undefined> => {
    const streamId = changeStreamId(command.data.changeId);
    if (streamId._tag === 'Left') throw new Error(streamId.left.reason);
    const handled = await handleCommand(store, decider, streamId.right, command, eventMetadataOf(command.metadata));
    if (handled._tag === 'Left') {
      steps.push({ command: command.type, actor: command.metadata.actor.id, outcome: handled.left._tag, events: [] });
      return handled.left;
    }
    const events = handled.right.events.map((event) => event.type);
    steps.push({
      command: command.type,
      actor: command.metadata.actor.id,
      outcome: handled.right.alreadyHandled ? 'already handled' : 'recorded',
      events,
    });
    return undefined;
  };

  /** Decodes raw input as an application would, handles it, and records a segregation refusal for the audit trail. */
  const send = async (who: Person, type: string, data: Record<string, unknown>): Promise<void> => {
    clock += 15 * 60_000;
    const decoded = decodeInput(Change.commandCodec, {
      type,
      data,
      metadata: {
        actor: people[who],
        occurredAt: instantAt(clock),
        correlationId: `walkthrough-${String(data['changeId'])}`,
        commandId: `walkthrough-${steps.length}`,
      },
    });
    if (decoded._tag === 'Left') throw new Error(`${type}: ${decoded.left.problems.join('; ')}`);
    const refusal = await handle(decoded.right);
    if (refusal === undefined) return;
    const record = segregationViolationCommandOf(decoded.right, refusal, processActor);
    if (record !== undefined) await handle(record);
  };

  // ── A high-risk normal change through the CAB ─────────────────────────────
  const upgrade = 'CHG-1001';
  await send('rita', 'RequestChange', {
    changeId: upgrade,
    changeType: 'normal',
    title: 'Upgrade the ERP database to 16.4',
    description: 'Minor version upgrade with a 30-minute outage.',
    configurationItems: ['erp-db'],
  });
  await send('rita', 'SubmitChangeForAssessment', { changeId: upgrade });
  await send('rita', 'AssessChangeRisk', {
    changeId: upgrade,
    answers: [
      { questionId: 'users-affected', answerId: 'many' },
      { questionId: 'complexity', answerId: 'moderate' },
      { questionId: 'backout', answerId: 'tested' },
      { questionId: 'history', answerId: 'rarely' },
      { questionId: 'outage', answerId: 'yes' },
    ],
  });
  // Inside the quarter-end freeze: refused; the next weekend after it is fine.
  await send('rita', 'PlanChange', {
    changeId: upgrade,
    plannedStart: '2026-03-28T22:00:00Z',
    plannedEnd: '2026-03-28T23:00:00Z',
  });
  await send('rita', 'PlanChange', {
    changeId: upgrade,
    plannedStart: '2026-04-04T22:00:00Z',
    plannedEnd: '2026-04-04T23:00:00Z',
  });
  await send('rita', 'RequestChangeAuthorization', { changeId: upgrade });
  // Rita sits on the CAB, but never approves her own change; the attempt is recorded.
  await send('rita', 'ApproveChange', { changeId: upgrade, group: 'cab', comment: 'Looks fine to me' });
  await send('mona', 'ApproveChange', { changeId: upgrade, group: 'change-managers', comment: 'Back-out plan tested' });
  await send('carl', 'ApproveChange', { changeId: upgrade, group: 'cab', comment: 'OK after the freeze' });
  await send('cleo', 'ApproveChange', { changeId: upgrade, group: 'cab', comment: 'OK' });

  // Two other changes that weekend: one shares erp-db and overlaps, one touches only mail.
  for (const other of [
    {
      changeId: 'CHG-0990',
      title: 'Re-index the ERP database',
      items: ['erp-db', 'erp-app'],
      start: '22:30',
      end: '23:59',
    },
    { changeId: 'CHG-0991', title: 'Patch the mail relay', items: ['mail'], start: '22:00', end: '23:00' },
  ]) {
    await send('rita', 'RequestChange', {
      changeId: other.changeId,
      changeType: 'normal',
      title: other.title,
      description: 'Planned maintenance.',
      configurationItems: other.items,
    });
    await send('rita', 'PlanChange', {
      changeId: other.changeId,
      plannedStart: `2026-04-04T${other.start}:00Z`,
      plannedEnd: `2026-04-04T${other.end}:00Z`,
    });
  }

  // Conflict detection: project the change schedule from the store, ask it, record what it found on the change.
  const readModels = openSqliteReadModels(':memory:');
  try {
    const projected = await runProjection(readModels, store, changeScheduleProjection);
    if (projected._tag === 'Left') throw new Error(JSON.stringify(projected.left));
    const found = await changeScheduleConflicts(readModels, upgrade);
    if (found === undefined) throw new Error(`${upgrade} is not in the change schedule`);
    const scanMetadata = valid(CommandMetadata, {
      actor: people.process,
      occurredAt: instantAt((clock += 60_000)),
      correlationId: 'conflict-scan',
    });
    for (const warning of conflictWarningCommandsOf(found.change.changeId, found.conflicts, scanMetadata))
      await handle(warning);
  } finally {
    await readModels.destroy();
  }

  // Carl approved, so he may not implement; Ivan does.
  await send('mona', 'AssignChangeImplementer', { changeId: upgrade, implementer: 'carl' });
  await send('mona', 'AssignChangeImplementer', { changeId: upgrade, implementer: 'ivan' });
  await send('ivan', 'StartChangeImplementation', { changeId: upgrade });
  await send('ivan', 'RecordChangeImplementationOutcome', {
    changeId: upgrade,
    outcome: 'successful',
    notes: 'Upgraded in 22 minutes.',
  });
  await send('mona', 'CloseChange', { changeId: upgrade, closureNotes: 'Successful; no incidents reported.' });

  // ── An emergency change inside the freeze ─────────────────────────────────
  const hotfix = 'CHG-1002';
  await send('ivan', 'RequestChange', {
    changeId: hotfix,
    changeType: 'emergency',
    title: 'Patch the payment gateway certificate',
    description: 'The certificate expires tonight.',
    configurationItems: ['payment-gw'],
  });
  await send('ivan', 'PlanChange', {
    changeId: hotfix,
    plannedStart: '2026-03-30T18:00:00Z',
    plannedEnd: '2026-03-30T18:30:00Z',
  });
  await send('ivan', 'PlanChange', {
    changeId: hotfix,
    plannedStart: '2026-03-30T18:00:00Z',
    plannedEnd: '2026-03-30T18:30:00Z',
    blackoutOverrideReason: 'Payments stop when the certificate expires',
  });
  await send('ivan', 'RequestChangeAuthorization', { changeId: hotfix });
  await send('erin', 'ApproveChange', { changeId: hotfix, group: 'ecab', comment: 'Go' });
  await send('rita', 'StartChangeImplementation', { changeId: hotfix });
  await send('rita', 'RecordChangeImplementationOutcome', {
    changeId: hotfix,
    outcome: 'backed-out',
    notes: 'Chain incomplete; rolled back, retried next morning.',
  });
  await send('mona', 'CloseChange', { changeId: hotfix, closureNotes: 'x' });
  await send('mona', 'RecordPostImplementationReview', {
    changeId: hotfix,
    findings: 'Intermediate certificate missing from the bundle.',
    objectivesMet: false,
  });
  await send('rita', 'ApproveEmergencyChangeRetrospectively', { changeId: hotfix, comment: 'Justified' });
  await send('carl', 'ApproveEmergencyChangeRetrospectively', {
    changeId: hotfix,
    comment: 'Justified: expiry would stop payments',
  });
  await send('mona', 'CloseChange', { changeId: hotfix, closureNotes: 'Backed out; follow-up change CHG-1003.' });

  const trails: Record<string, string[]> = {};
  for (const changeId of [upgrade, hotfix]) {
    const read = await readStreamEvents(store, `change-${changeId}`);
    if (read._tag === 'Left') throw new Error(JSON.stringify(read.left));
    trails[changeId] = read.right.map(
      (event) => `${event.metadata.occurredAt} ${event.metadata.actor.padEnd(14)} ${event.type}`,
    );
  }
  return { steps, trails };
};
