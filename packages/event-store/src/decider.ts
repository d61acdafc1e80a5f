/**
 * The decider: the pure core of an event-sourced aggregate.
 *
 * `decide` turns a command and the current state into new events or a domain
 * error; `evolve` folds one event into the state; `initialState` is the state
 * of a stream that has no events. A decider does no I/O and reads no clock:
 * time, actor and correlation arrive inside the command.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';

/** An event as a decider sees it: a type name and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  /** The event type, past tense (`IncidentLogged`); never renamed once stored. */
  readonly type: Type;
  /** The event's payload; must be JSON-serialisable. */
  readonly data: Data;
}

/**
 * A decider: `decide` and `evolve` over a state, with the state of an empty stream.
 *
 * @typeParam Command - the commands this aggregate accepts
 * @typeParam Event - the events it records
 * @typeParam State - the state folded from its events
 * @typeParam DomainError - the errors naming the broken rules (values, not throws)
 */
export interface Decider<Command, Event extends DomainEvent, State, DomainError> {
  /** Decides what happens: new events, possibly none, or the rule the command breaks. */
  readonly decide: (command: Command, state: State) => Either<DomainError, readonly Event[]>;
  /** Folds one event into the state. Must be total on every history `decide` can produce. */
  readonly evolve: (state: State, event: Event) => State;
  /** The state of a stream with no events. */
  readonly initialState: State;
}

/** Folds a history of events into a state with a decider's `evolve`. */
export const foldEvents = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
): State => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
