/**
 * The demo's service desk application: it turns what simulated people do
 * into commands, validates them with the aggregate's codec (as any untrusted
 * input), and handles them through the real deciders and the real store.
 * Refusals are counted by error tag, as an application would log them.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { describeEventStoreError, handleCommand, type EventStore, type RecordedEvent } from '@itsm/event-store';
import { eventMetadataOf, type AnyAggregateDefinition, type DomainCommand } from '@itsm/domain';
import type { DemoActor } from './demo-organization.js';

/** What the desk did over a simulation. */
export interface DeskStatistics {
  commands: number;
  events: number;
  /** Refused commands by `command → error tag` (business rules working as intended). */
  readonly refusals: Map<string, number>;
}

/** The outcome of one command as the simulation sees it. */
export type DeskOutcome<State> =
  | { readonly ok: true; readonly state: State; readonly events: readonly RecordedEvent[] }
  | {
      readonly ok: false;
      readonly tag: string;
      readonly detail: unknown;
      /** The refused command, as handled (with its metadata and command id). */
      readonly command: DomainCommand;
    };

/** A command as the simulation writes it: plain data, checked by the aggregate's codec. */
export interface DeskCommand {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/**
 * The store's clock in the demo: the simulated time of the command being
 * handled, so each event is recorded when it (simulatedly) happened. Some
 * scripted steps are issued ahead of the agenda, so this clock is not
 * monotonic in log order, unlike a real store's.
 */
export class SimulatedClock {
  /** Starts at `now` (epoch milliseconds). */
  constructor(private current: number) {}

  /** Sets the clock to the simulated instant of the command about to be handled. */
  set(at: number): void {
    this.current = at;
  }

  /** The current simulated instant. */
  now(): Date {
    return new Date(this.current);
  }
}

/** The simulated service desk. */
export class DemoDesk {
  /** Counters for the summary. */
  readonly statistics: DeskStatistics = { commands: 0, events: 0, refusals: new Map() };
  /** Called with every recorded event (the SLA process keeps its histories from these). */
  onRecorded: (events: readonly RecordedEvent[]) => void = () => undefined;

  /**
   * Creates a desk over a store; `clock` is told the simulated time of every
   * command, so a store reading it records events at simulated time.
   * `newCommandId` gives each issued command its id (and so, through the
   * command handler, its events' ids): a seeded source makes a run's log,
   * hashes included, the same every time.
   */
  constructor(
    private readonly store: EventStore,
    private readonly clock: SimulatedClock = new SimulatedClock(0),
    private readonly newCommandId: () => string = randomUUID,
  ) {}

  /**
   * Issues a command as `actor` at simulated time `at`. A command that does
   * not pass the codec is a bug in the simulation and throws.
   */
  async issue<State>(
    aggregate: AnyAggregateDefinition,
    actor: DemoActor,
    at: number,
    command: DeskCommand,
    correlationId: string,
    commandId: string = this.newCommandId(),
  ): Promise<DeskOutcome<State>> {
    const metadata = {
      actor: { id: actor.id, roles: actor.roles, groups: actor.groups },
      occurredAt: new Date(at).toISOString(),
      correlationId,
      commandId,
    };
    const decoded = aggregate.commandCodec.decode({ type: command.type, data: command.data, metadata });
    if (decoded._tag === 'Left')
      throw new Error(`demo built a malformed ${command.type}: ${JSON.stringify(command.data)}`);
    return this.handle(aggregate, decoded.right);
  }

  /** Handles a command a process built (already typed, with its own metadata and command id). */
  async issueBuilt<State>(aggregate: AnyAggregateDefinition, command: DomainCommand): Promise<DeskOutcome<State>> {
    const decoded = aggregate.commandCodec.decode(command);
    if (decoded._tag === 'Left') throw new Error(`a process built a malformed ${command.type}`);
    return this.handle(aggregate, decoded.right);
  }

  private async handle<State>(aggregate: AnyAggregateDefinition, command: DomainCommand): Promise<DeskOutcome<State>> {
    const recordId = aggregate.recordIdOf(command);
    this.clock.set(Date.parse(command.metadata.occurredAt));
    this.statistics.commands++;
    const result = await handleCommand(
      this.store,
      aggregate.decider,
      `${aggregate.category}-${recordId}`,
      command,
      eventMetadataOf(command.metadata),
    );
    if (result._tag === 'Left') {
      const tag = result.left._tag;
      if (
        tag === 'EventStoreUnavailable' ||
        tag === 'InvalidEvent' ||
        tag === 'PayloadTooLarge' ||
        tag === 'EventDecodeFailed'
      )
        throw new Error(`the store failed: ${describeEventStoreError(result.left as never)}`);
      const key = `${command.type} → ${tag}`;
      this.statistics.refusals.set(key, (this.statistics.refusals.get(key) ?? 0) + 1);
      return { ok: false, tag, detail: result.left, command };
    }
    this.statistics.events += result.right.events.length;
    if (result.right.events.length > 0) this.onRecorded(result.right.events);
    return { ok: true, state: result.right.state as State, events: result.right.events };
  }
}
