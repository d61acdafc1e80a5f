/**
 * Given/when/then specifications for deciders: the way every business rule
 * of an aggregate is tested.
 *
 * ```ts
 * const spec = deciderSpec(Incident.decider);
 * spec.given([logged, assigned]).when(resolve).then([resolved]);
 * spec.given([logged, closed]).when(reopen).thenFails('IncidentAlreadyClosed');
 * spec.given([logged]).when(assignToSameGroup).thenNothing();
 * spec.given([logged, assigned]).thenState(expectedState);
 * ```
 *
 * Each assertion throws a {@link DeciderSpecFailure} whose message shows the
 * history, the command, what was expected and what the decider did (with
 * jest's diff when events or states differ). Beyond the stated expectation,
 * every successful decision is checked for what a store would refuse or a
 * replay would break on: event data must have a JSON form, and `evolve` must
 * accept the decided events. The history, every state (the decider's
 * `initialState` included) and the command are deep-frozen (plain objects
 * and arrays) before `decide` and `evolve` see them, so a decider that
 * mutates its input fails loudly instead of passing by accident.
 *
 * Limits: comparisons use jest's `toEqual` (recursive equality that ignores
 * `undefined` members, as the store's canonical JSON does), so the helper
 * runs inside jest only.
 *
 * @module
 */
import { expect } from '@jest/globals';
import { canonicalJson, type Decider, type DomainEvent } from '@itsm/event-store';
import type { Either } from 'fp-ts/lib/Either.js';

/** The `_tag` values of a tagged error union (`never` when the errors carry no `_tag`). */
export type ErrorTag<DomainError> = DomainError extends { readonly _tag: infer Tag extends string } ? Tag : never;

/** The error of a tagged union with the given `_tag`. */
export type ErrorWithTag<DomainError, Tag> = Extract<DomainError, { readonly _tag: Tag }>;

/** A failed decider specification: the message says given what, when what, what was expected and what happened. */
export class DeciderSpecFailure extends Error {
  /** Builds the failure from its full message. */
  constructor(message: string) {
    super(message);
    this.name = 'DeciderSpecFailure';
    // Point at the spec that failed, not at this helper's internals.
    const [head = '', ...frames] = (this.stack ?? '').split('\n    at ');
    this.stack = [
      head,
      ...frames.filter((frame) => !/decider-spec\.[jt]s\b/.test(frame) || /decider-spec\.test\.[jt]s\b/.test(frame)),
    ].join('\n    at ');
  }
}

/** The assertions on one decision: `decide(command, fold(history))`. */
export interface DecisionSpec<Event extends DomainEvent, State, DomainError> {
  /** Asserts the decider decided exactly these events, in order; returns them. */
  then(expected: readonly Event[]): readonly Event[];
  /** Asserts the decider accepted the command and decided no events. */
  thenNothing(): void;
  /** Asserts the decider refused with the error of this `_tag`; returns the error for further checks. */
  thenFails<Tag extends ErrorTag<DomainError>>(tag: Tag): ErrorWithTag<DomainError, Tag>;
  /** Asserts the decider refused with an error the predicate accepts; returns the error. */
  thenFails(predicate: (error: DomainError) => boolean): DomainError;
  /** Asserts the decision succeeded and the state after the history and the decided events equals `expected`; returns it. */
  thenState(expected: State): State;
}

/** A history of events, ready for a command or for a check of the state it folds to. */
export interface HistorySpec<Command, Event extends DomainEvent, State, DomainError> {
  /** Decides `command` on the state this history folds to. */
  when(command: Command): DecisionSpec<Event, State, DomainError>;
  /** Asserts the history folds (with `evolve`) to `expected`; returns the state. */
  thenState(expected: State): State;
}

/** A decider's specification builder. */
export interface DeciderSpec<Command, Event extends DomainEvent, State, DomainError> {
  /** Starts a scenario from a history of past events (oldest first). */
  given(events: readonly Event[]): HistorySpec<Command, Event, State, DomainError>;
  /** Starts a scenario on a stream with no events: `given([]).when(command)`. */
  when(command: Command): DecisionSpec<Event, State, DomainError>;
}

const MAX_VALUE_LENGTH = 400;

/** One line for a value, never throwing (bigints, cycles and functions included). */
const show = (value: unknown): string => {
  let text: string;
  try {
    const seen = new WeakSet<object>();
    text =
      JSON.stringify(value, (_key, member: unknown) => {
        if (typeof member === 'bigint') return `${member}n`;
        if (typeof member === 'function') return `[Function ${member.name || 'anonymous'}]`;
        if (typeof member === 'symbol') return member.toString();
        if (typeof member === 'number' && !Number.isFinite(member)) return String(member);
        if (member instanceof Map) return { Map: [...member.entries()] };
        if (member instanceof Set) return { Set: [...member.values()] };
        if (typeof member === 'object' && member !== null) {
          if (seen.has(member)) return '[Circular]';
          seen.add(member);
        }
        return member;
      }) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}… (${text.length} characters)` : text;
};

const showEvent = (event: DomainEvent): string => `${event.type} ${show(event.data)}`;

const showEvents = (events: readonly DomainEvent[]): string =>
  events.length === 0
    ? '    (no events)'
    : events.map((event, index) => `    ${index + 1}. ${showEvent(event)}`).join('\n');

const showError = (error: unknown): string => {
  const tag =
    typeof error === 'object' && error !== null && '_tag' in error
      ? String((error as { _tag: unknown })._tag)
      : undefined;
  return tag === undefined ? show(error) : `${tag} ${show(error)}`;
};

/** Freezes plain objects and arrays all the way down; other objects (Maps, class instances) are left alone. */
const deepFreeze = <A>(value: A): A => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
  Object.freeze(value);
  for (const member of Object.values(value)) deepFreeze(member);
  return value;
};

/** Runs jest's `toEqual`, returning its diff message instead of throwing. */
const differenceOf = (actual: unknown, expected: unknown): string | undefined => {
  try {
    expect(actual).toEqual(expected);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/** Builds given/when/then specifications for a decider. */
export const deciderSpec = <Command, Event extends DomainEvent, State, DomainError>(
  decider: Decider<Command, Event, State, DomainError>,
): DeciderSpec<Command, Event, State, DomainError> => {
  const given = (history: readonly Event[]): HistorySpec<Command, Event, State, DomainError> => {
    const frozenHistory = deepFreeze([...history]);
    const givenContext = [`given:\n${showEvents(frozenHistory)}`];
    const failing =
      (context: readonly string[]) =>
      (lines: readonly string[]): never => {
        throw new DeciderSpecFailure(['Decider spec failed.', ...context, ...lines].join('\n'));
      };
    const failGiven = failing(givenContext);

    const fold = (events: readonly Event[], what: string, fail = failGiven): State => {
      try {
        // Every intermediate state is frozen, so an evolve that mutates its input throws here.
        let state = deepFreeze(decider.initialState);
        for (const event of events) state = deepFreeze(decider.evolve(state, deepFreeze(event)));
        return state;
      } catch (error) {
        return fail([
          `${what}: evolve threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`,
        ]);
      }
    };

    const expectState = (actual: State, expected: State, what: string, fail = failGiven): State => {
      const difference = differenceOf(actual, expected);
      if (difference !== undefined)
        fail([`expected ${what} to be:\n    ${show(expected)}`, `but it is:\n    ${show(actual)}`, '', difference]);
      return actual;
    };

    const when = (command: Command): DecisionSpec<Event, State, DomainError> => {
      const state = deepFreeze(fold(frozenHistory, 'folding the history'));
      const fail = failing([...givenContext, `when:\n    ${show(command)}`]);
      let decision: Either<DomainError, readonly Event[]>;
      try {
        decision = decider.decide(deepFreeze(command), state);
      } catch (error) {
        return fail([
          `decide threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`,
          '(deciders return broken rules as values; throwing is for bugs, e.g. mutating the frozen state or command)',
        ]);
      }

      /** The decided events, checked for JSON form and replay, or a failure saying the decider refused. */
      const decided = (expectation: string): readonly Event[] => {
        if (decision._tag === 'Left')
          return fail([`expected ${expectation}`, `but the decider refused with:\n    ${showError(decision.left)}`]);
        const events = decision.right;
        for (const [index, event] of events.entries()) {
          try {
            canonicalJson(event.data);
          } catch (error) {
            fail([
              `decided event ${index + 1} (${event.type}) has data with no JSON form: ${(error as Error).message}`,
              `events:\n${showEvents(events)}`,
            ]);
          }
        }
        fold([...frozenHistory, ...deepFreeze([...events])], 'replaying the history and the decided events', fail);
        return events;
      };

      const refused = (expectation: string): DomainError => {
        if (decision._tag === 'Right')
          return fail([`expected ${expectation}`, `but the decider decided:\n${showEvents(decision.right)}`]);
        return decision.left;
      };

      const thenFails = (expected: string | ((error: DomainError) => boolean)): DomainError => {
        if (typeof expected === 'string') {
          const error = refused(`the decider to refuse with ${expected}`);
          const tag = typeof error === 'object' && error !== null ? (error as { _tag?: unknown })._tag : undefined;
          if (tag !== expected)
            fail([`expected the decider to refuse with ${expected}`, `but it refused with:\n    ${showError(error)}`]);
          return error;
        }
        const error = refused('the decider to refuse the command');
        if (!expected(error))
          fail([
            'expected the decider to refuse with an error the predicate accepts',
            `but the predicate rejected:\n    ${showError(error)}`,
          ]);
        return error;
      };

      return {
        then: (expected) => {
          const events = decided(`the decider to decide:\n${showEvents(expected)}`);
          const difference = differenceOf(events, expected);
          if (difference !== undefined)
            fail([
              `expected the decider to decide:\n${showEvents(expected)}`,
              `but it decided:\n${showEvents(events)}`,
              '',
              difference,
            ]);
          return events;
        },
        thenNothing: () => {
          const events = decided('the decider to accept the command and decide no events');
          if (events.length > 0)
            fail(['expected the decider to decide no events', `but it decided:\n${showEvents(events)}`]);
        },
        thenFails: thenFails as DecisionSpec<Event, State, DomainError>['thenFails'],
        thenState: (expected) => {
          const events = decided('the decider to accept the command');
          return expectState(
            fold([...frozenHistory, ...events], 'replaying the history and the decided events', fail),
            expected,
            'the state after the decided events',
            fail,
          );
        },
      };
    };

    return {
      when,
      thenState: (expected) =>
        expectState(fold(frozenHistory, 'folding the history'), expected, 'the state after the history'),
    };
  };

  return { given, when: (command) => given([]).when(command) };
};
