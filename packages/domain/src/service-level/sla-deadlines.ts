/**
 * The SLA deadline process, as a pure function: from record histories and
 * "now" (an injected clock) to the commands that record what the clocks say
 * and history does not yet: `AttachSla` for an open record without an SLA,
 * `RebaselineSla` when the priority changed, `RecordSlaWarning` for each
 * warning threshold an open target crossed, `RecordSlaBreach` for each
 * breached target.
 *
 * Exactly once, even when runs repeat, overlap or crash half-way: every
 * command carries a deterministic `commandId` (the fact's key and the run's
 * instant, so retrying a command of a run after an unknown outcome makes
 * `handleCommand` find its events and report `alreadyHandled`),
 * `decideSlaCommand` decides no events for a fact already recorded, and the
 * store's optimistic concurrency refuses the slower of two concurrent appends
 * (retry it with `retryOnConflict`: it re-reads and finds the fact recorded).
 * A fact measured against a baseline that a concurrent run has just replaced
 * is refused (`SlaBaselineMismatch`, nothing written); the next run measures
 * it again.
 *
 * Limits: when a re-baseline is due, the record's warnings and breaches wait
 * for the next run (they are measured against the new baseline); run the
 * process until it returns no commands to converge at once. Warnings are
 * recorded only for open targets (running or paused); a breach is recorded
 * whatever the target's state.
 *
 * @module
 */
import type { Actor } from '../shared/actor.js';
import type { CommandMetadata } from '../shared/command-metadata.js';
import type { ServiceId, UserId, GroupId } from '../shared/ids.js';
import type { Instant } from '../shared/instant.js';
import { priorityNames } from '../shared/priority.js';
import type { ShortText } from '../shared/text.js';
import { computeSlaClock, type SlaClock } from './sla-clock.js';
import { epochMillisecondsOf } from './epoch-time.js';
import type { SlaBaselineNumber, SlaCommand, SlaCycle, SlaRecordCategory, SlaRecordReference } from './sla-record.js';
import { slaBaselineFor, slaPolicySnapshotFor, type SlaPolicy } from './sla-policy.js';
import type { SlaSignal } from './sla-signals.js';
import type { WarningThreshold } from './sla-policy-snapshot.js';

/** One record's history as the process sees it: its stream, reference and SLA signals in stream order. */
export interface SlaRecordHistory {
  readonly streamId: string;
  readonly record: SlaRecordReference;
  readonly signals: readonly SlaSignal[];
}

/** A command the process wants handled on a record's stream. */
export interface SlaDeadlineCommand {
  readonly streamId: string;
  readonly command: SlaCommand;
}

/** The process's settings. */
export interface SlaDeadlineSettings {
  /** Who the commands are issued as (default: `sla-deadline-process` with role `process`). */
  readonly actor?: Actor;
  /** Attaches this policy to open records without an SLA and re-baselines with it; without it, neither happens. */
  readonly policy?: SlaPolicy;
  /** The correlation id of the commands (default `sla-deadline-process`). */
  readonly correlationId?: string;
}

/** The process's default actor. */
export const slaDeadlineProcessActor: Actor = {
  id: 'sla-deadline-process' as UserId,
  roles: ['process'],
  groups: [] as GroupId[],
};

/** The commands one record needs at `now`, given its computed clock. */
const commandsOfRecord = (
  history: SlaRecordHistory,
  clock: SlaClock,
  metadataOf: (commandId: string) => CommandMetadata,
  policy: SlaPolicy | undefined,
): SlaDeadlineCommand[] => {
  const { streamId, record } = history;
  const commands: SlaDeadlineCommand[] = [];
  const open = clock.recordStatus === 'active' || clock.recordStatus === 'paused';
  if (!clock.attached) {
    if (policy === undefined || !open || clock.service === undefined || clock.priority === undefined) return [];
    const snapshot = slaPolicySnapshotFor(policy, clock.service as ServiceId, clock.priority);
    const commandId = `sla-attach:${streamId}:${snapshot.policyId}:${snapshot.policyVersion}`;
    return [
      { streamId, command: { type: 'AttachSla', data: { record, policy: snapshot }, metadata: metadataOf(commandId) } },
    ];
  }
  if (
    clock.rebaselineDue &&
    policy !== undefined &&
    open &&
    clock.priority !== undefined &&
    clock.service !== undefined
  ) {
    const next = slaBaselineFor(policy, clock.service as ServiceId, clock.priority);
    const previous = clock.baseline?.priority;
    const reason = `priority changed${previous === undefined ? '' : ` from ${previous} ${priorityNames[previous]}`} to ${clock.priority} ${priorityNames[clock.priority]}`;
    const commandId = `sla-rebaseline:${streamId}:${clock.baselineNumber + 1}:${clock.priority}`;
    return [
      {
        streamId,
        command: {
          type: 'RebaselineSla',
          data: {
            record,
            priority: next.priority,
            targets: next.targets,
            olaTargets: next.olaTargets,
            reason: reason as ShortText,
          },
          metadata: metadataOf(commandId),
        },
      },
    ];
  }
  for (const target of clock.targets) {
    if (target.superseded) continue;
    const cycle = target.cycle as SlaCycle;
    const baseline = target.baselineNumber as SlaBaselineNumber;
    const key = `${streamId}:${cycle}:${baseline}:${target.target}`;
    if (target.status === 'breached') {
      if (!target.breachRecorded && target.breachedAt !== undefined)
        commands.push({
          streamId,
          command: {
            type: 'RecordSlaBreach',
            data: { record, target: target.target, cycle, baseline, breachedAt: target.breachedAt },
            metadata: metadataOf(`sla-breach:${key}`),
          },
        });
      continue;
    }
    if (target.status !== 'running' && target.status !== 'paused') continue;
    for (const warning of target.warnings) {
      if (warning.recorded) continue;
      commands.push({
        streamId,
        command: {
          type: 'RecordSlaWarning',
          data: {
            record,
            target: target.target,
            threshold: warning.threshold as WarningThreshold,
            cycle,
            baseline,
            reachedAt: warning.reachedAt,
          },
          metadata: metadataOf(`sla-warning:${key}:${warning.threshold}`),
        },
      });
    }
  }
  return commands;
};

/**
 * The commands that bring the histories' SLA facts up to date at `now`, in
 * a deterministic order (by stream id, then as the clock lists targets), so
 * the result does not depend on the order the histories were given in.
 */
export const slaDeadlineCommands = (
  histories: Iterable<SlaRecordHistory>,
  now: Instant,
  settings: SlaDeadlineSettings = {},
): readonly SlaDeadlineCommand[] => {
  const actor = settings.actor ?? slaDeadlineProcessActor;
  const correlationId = (settings.correlationId ?? 'sla-deadline-process') as ShortText;
  // The run's instant is part of every command id: a retry of this run's command is found by its id; a run at
  // another instant writes other event ids, so the store's version check and the decider settle the race
  // (the same id with other content would be an event id conflict instead).
  const runAt = epochMillisecondsOf(now);
  const metadataOf = (commandId: string): CommandMetadata => ({
    actor,
    occurredAt: now,
    correlationId,
    commandId: `${commandId}@${runAt}` as ShortText,
  });
  const sorted = [...histories].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  const commands: SlaDeadlineCommand[] = [];
  for (const history of sorted)
    commands.push(...commandsOfRecord(history, computeSlaClock(history.signals, now), metadataOf, settings.policy));
  return commands;
};

/** An event as read from the log: its stream, type and data. */
export interface SlaLogEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
}

/** Turns one event of a record category into SLA signals (e.g. `incidentSlaSignals`). */
export type SlaSignalAdapter = (event: { readonly type: string; readonly data: unknown }) => readonly SlaSignal[];

/**
 * Groups log events (any order of streams, each stream in version order) into
 * record histories, using the adapter of each stream's category
 * (`incident-<id>` → `adapters.incident`). Streams of other categories are skipped.
 */
export const slaHistoriesOf = (
  events: Iterable<SlaLogEvent>,
  adapters: Partial<Readonly<Record<SlaRecordCategory, SlaSignalAdapter>>>,
): readonly SlaRecordHistory[] => {
  const byStream = new Map<string, { record: SlaRecordReference; signals: SlaSignal[]; adapter: SlaSignalAdapter }>();
  for (const event of events) {
    let entry = byStream.get(event.streamId);
    if (entry === undefined) {
      const dash = event.streamId.indexOf('-');
      const category = event.streamId.slice(0, dash) as SlaRecordCategory;
      const adapter = dash > 0 ? adapters[category] : undefined;
      if (adapter === undefined) continue;
      entry = { record: { category, id: event.streamId.slice(dash + 1) }, signals: [], adapter };
      byStream.set(event.streamId, entry);
    }
    for (const signal of entry.adapter(event)) entry.signals.push(signal);
  }
  return [...byStream.entries()].map(([streamId, { record, signals }]) => ({ streamId, record, signals }));
};
