import { describe, expect, it } from '@jest/globals';
import type { Decider } from '@itsm/event-store';
import { left, right } from 'fp-ts/lib/Either.js';
import { DeciderSpecFailure, deciderSpec } from './decider-spec.js';

// A tiny ticket: opened once, closed once, reopened only when closed; an empty note decides nothing.
type Command =
  | { readonly type: 'Open'; readonly title: string }
  | { readonly type: 'AddNote'; readonly text: string }
  | { readonly type: 'Close' }
  | { readonly type: 'Reopen'; readonly reason: string };
type Event =
  | { readonly type: 'Opened'; readonly data: { readonly title: string } }
  | { readonly type: 'NoteAdded'; readonly data: { readonly text: string } }
  | { readonly type: 'Closed'; readonly data: Record<string, never> }
  | { readonly type: 'Reopened'; readonly data: { readonly reason: string } };
type Status = 'None' | 'Open' | 'Closed';
interface State {
  readonly status: Status;
  readonly notes: readonly string[];
}
type TicketError =
  | { readonly _tag: 'TicketAlreadyOpened' }
  | { readonly _tag: 'TicketNotOpen'; readonly status: Status }
  | { readonly _tag: 'TicketNotClosed'; readonly status: Status };

const ticket: Decider<Command, Event, State, TicketError> = {
  initialState: { status: 'None', notes: [] },
  decide: (command, state) => {
    switch (command.type) {
      case 'Open':
        return state.status === 'None'
          ? right([{ type: 'Opened', data: { title: command.title } }])
          : left({ _tag: 'TicketAlreadyOpened' });
      case 'AddNote':
        if (state.status !== 'Open') return left({ _tag: 'TicketNotOpen', status: state.status });
        return right(command.text === '' ? [] : [{ type: 'NoteAdded', data: { text: command.text } }]);
      case 'Close':
        return state.status === 'Open'
          ? right([{ type: 'Closed', data: {} }])
          : left({ _tag: 'TicketNotOpen', status: state.status });
      case 'Reopen':
        return state.status === 'Closed'
          ? right([{ type: 'Reopened', data: { reason: command.reason } }])
          : left({ _tag: 'TicketNotClosed', status: state.status });
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'Opened':
      case 'Reopened':
        return { ...state, status: 'Open' };
      case 'NoteAdded':
        return { ...state, notes: [...state.notes, event.data.text] };
      case 'Closed':
        return { ...state, status: 'Closed' };
    }
  },
};

const opened: Event = { type: 'Opened', data: { title: 'Printer jam' } };
const closed: Event = { type: 'Closed', data: {} };
const spec = deciderSpec(ticket);

/** The failure a spec assertion throws, for checking its message. */
const failureOf = (assertion: () => unknown): DeciderSpecFailure => {
  try {
    assertion();
  } catch (error) {
    if (error instanceof DeciderSpecFailure) return error;
    throw error;
  }
  throw new Error('the spec assertion passed, but it should have failed');
};

describe('deciderSpec', () => {
  describe('then', () => {
    it('passes when the decider decides exactly the expected events, and returns them', () => {
      const events = spec
        .given([opened])
        .when({ type: 'AddNote', text: 'cleared' })
        .then([{ type: 'NoteAdded', data: { text: 'cleared' } }]);
      expect(events).toEqual([{ type: 'NoteAdded', data: { text: 'cleared' } }]);
      spec.when({ type: 'Open', title: 'Printer jam' }).then([opened]);
      spec
        .given([opened, closed])
        .when({ type: 'Reopen', reason: 'jammed again' })
        .then([{ type: 'Reopened', data: { reason: 'jammed again' } }]);
    });

    it('fails with the history, the command, both event lists and a diff when the events differ', () => {
      const failure = failureOf(() =>
        spec
          .given([opened])
          .when({ type: 'AddNote', text: 'cleared' })
          .then([{ type: 'NoteAdded', data: { text: 'fixed' } }]),
      );
      expect(failure.name).toBe('DeciderSpecFailure');
      expect(failure.message).toContain('given:\n    1. Opened {"title":"Printer jam"}');
      expect(failure.message).toContain('when:\n    {"type":"AddNote","text":"cleared"}');
      expect(failure.message).toContain('expected the decider to decide:\n    1. NoteAdded {"text":"fixed"}');
      expect(failure.message).toContain('but it decided:\n    1. NoteAdded {"text":"cleared"}');
      expect(failure.message).toContain('toEqual');
    });

    it('fails naming the error when the decider refuses', () => {
      const failure = failureOf(() => spec.given([opened, closed]).when({ type: 'Close' }).then([closed]));
      expect(failure.message).toContain(
        'but the decider refused with:\n    TicketNotOpen {"_tag":"TicketNotOpen","status":"Closed"}',
      );
    });

    it('fails when fewer or more events are decided than expected', () => {
      expect(failureOf(() => spec.given([opened]).when({ type: 'Close' }).then([closed, closed])).message).toContain(
        'but it decided:\n    1. Closed {}',
      );
      expect(
        failureOf(() => spec.given([opened]).when({ type: 'AddNote', text: '' }).then([closed])).message,
      ).toContain('(no events)');
    });
  });

  describe('thenFails', () => {
    it('passes on the expected tag and returns the typed error', () => {
      const error = spec.given([opened]).when({ type: 'Reopen', reason: 'why not' }).thenFails('TicketNotClosed');
      expect(error.status).toBe('Open');
      spec.when({ type: 'Close' }).thenFails('TicketNotOpen');
    });

    it('fails when the decider refuses with another tag', () => {
      const failure = failureOf(() =>
        spec.given([opened]).when({ type: 'Open', title: 'again' }).thenFails('TicketNotOpen'),
      );
      expect(failure.message).toContain('expected the decider to refuse with TicketNotOpen');
      expect(failure.message).toContain('but it refused with:\n    TicketAlreadyOpened');
    });

    it('fails when the decider accepts the command', () => {
      const failure = failureOf(() => spec.given([opened]).when({ type: 'Close' }).thenFails('TicketNotOpen'));
      expect(failure.message).toContain('but the decider decided:\n    1. Closed {}');
    });

    it('accepts a predicate for errors that need more than their tag', () => {
      const error = spec
        .given([opened, closed])
        .when({ type: 'AddNote', text: 'x' })
        .thenFails((e) => e._tag === 'TicketNotOpen' && e.status === 'Closed');
      expect(error).toEqual({ _tag: 'TicketNotOpen', status: 'Closed' });
      const failure = failureOf(() =>
        spec.when({ type: 'AddNote', text: 'x' }).thenFails((e) => e._tag === 'TicketNotOpen' && e.status === 'Closed'),
      );
      expect(failure.message).toContain(
        'but the predicate rejected:\n    TicketNotOpen {"_tag":"TicketNotOpen","status":"None"}',
      );
    });

    it('only accepts tags of the error union (checked by the compiler)', () => {
      // @ts-expect-error 'TicketOnFire' is not a tag of TicketError.
      expect(() => spec.given([opened]).when({ type: 'Open', title: 'x' }).thenFails('TicketOnFire')).toThrow(
        DeciderSpecFailure,
      );
    });
  });

  describe('thenNothing', () => {
    it('passes when the command is accepted and decides no events', () => {
      spec.given([opened]).when({ type: 'AddNote', text: '' }).thenNothing();
    });

    it('fails when events are decided, or when the command is refused', () => {
      expect(failureOf(() => spec.given([opened]).when({ type: 'Close' }).thenNothing()).message).toContain(
        'expected the decider to decide no events',
      );
      expect(failureOf(() => spec.when({ type: 'Close' }).thenNothing()).message).toContain(
        'but the decider refused with:\n    TicketNotOpen',
      );
    });
  });

  describe('thenState', () => {
    it('checks the state a history folds to', () => {
      const state = spec
        .given([opened, { type: 'NoteAdded', data: { text: 'a' } }, closed])
        .thenState({ status: 'Closed', notes: ['a'] });
      expect(state.status).toBe('Closed');
      expect(spec.given([]).thenState(ticket.initialState)).toEqual({ status: 'None', notes: [] });
    });

    it('checks the state after the decided events', () => {
      spec
        .given([opened])
        .when({ type: 'AddNote', text: 'b' })
        .thenState({ status: 'Open', notes: ['b'] });
    });

    it('fails with both states and a diff when they differ', () => {
      const failure = failureOf(() => spec.given([opened]).thenState({ status: 'Closed', notes: [] }));
      expect(failure.message).toContain(
        'expected the state after the history to be:\n    {"status":"Closed","notes":[]}',
      );
      expect(failure.message).toContain('but it is:\n    {"status":"Open","notes":[]}');
      const afterDecision = failureOf(() =>
        spec.given([opened]).when({ type: 'Close' }).thenState({ status: 'Open', notes: [] }),
      );
      expect(afterDecision.message).toContain('expected the state after the decided events to be');
      expect(afterDecision.message).toContain('when:\n    {"type":"Close"}');
    });
  });

  describe('checks beyond the stated expectation', () => {
    it('catches a decider that mutates its state instead of returning a new one', () => {
      const mutating: Decider<Command, Event, { notes: string[] }, TicketError> = {
        initialState: { notes: [] },
        decide: (command, state) => {
          if (command.type === 'AddNote') state.notes.push(command.text);
          return right([{ type: 'NoteAdded', data: { text: 'x' } }]);
        },
        evolve: (state) => state,
      };
      const failure = failureOf(() =>
        deciderSpec(mutating)
          .when({ type: 'AddNote', text: 'x' })
          .then([{ type: 'NoteAdded', data: { text: 'x' } }]),
      );
      expect(failure.message).toContain('decide threw TypeError');
    });

    it('catches an evolve that mutates the state it is given', () => {
      const mutating: Decider<Command, Event, { notes: string[] }, TicketError> = {
        initialState: { notes: [] },
        decide: () => right([]),
        evolve: (state, event) => {
          if (event.type === 'NoteAdded') state.notes.push(event.data.text);
          return state;
        },
      };
      expect(
        failureOf(() =>
          deciderSpec(mutating)
            .given([{ type: 'NoteAdded', data: { text: 'x' } }])
            .thenState({ notes: ['x'] }),
        ).message,
      ).toContain('folding the history: evolve threw TypeError');
    });

    it('catches event data with no JSON form (a store would refuse it)', () => {
      const dated: Decider<Command, { type: 'Opened'; data: { at: Date } }, State, TicketError> = {
        initialState: ticket.initialState,
        decide: () => right([{ type: 'Opened', data: { at: new Date(0) } }]),
        evolve: (state) => state,
      };
      expect(
        failureOf(() =>
          deciderSpec(dated)
            .when({ type: 'Close' })
            .then([{ type: 'Opened', data: { at: new Date(0) } }]),
        ).message,
      ).toContain('decided event 1 (Opened) has data with no JSON form');
    });

    it('catches an evolve that cannot replay what decide produced', () => {
      const partial: Decider<Command, Event, State, TicketError> = {
        ...ticket,
        evolve: (state, event) => {
          if (event.type === 'Reopened') throw new Error('Reopened is not handled');
          return ticket.evolve(state, event);
        },
      };
      const failure = failureOf(() =>
        deciderSpec(partial)
          .given([opened, closed])
          .when({ type: 'Reopen', reason: 'r' })
          .then([{ type: 'Reopened', data: { reason: 'r' } }]),
      );
      expect(failure.message).toContain(
        'replaying the history and the decided events: evolve threw Error: Reopened is not handled',
      );
    });

    it('reports a decide that throws as a bug', () => {
      const throwing: Decider<Command, Event, State, TicketError> = {
        ...ticket,
        decide: () => {
          throw new RangeError('boom');
        },
      };
      const failure = failureOf(() => deciderSpec(throwing).when({ type: 'Close' }).thenNothing());
      expect(failure.message).toContain('decide threw RangeError: boom');
      expect(failure.message).toContain('throwing is for bugs');
    });

    it('one history can take several commands', () => {
      const history = spec.given([opened]);
      history.when({ type: 'Close' }).then([closed]);
      const failure = failureOf(() => history.when({ type: 'Open', title: 't' }).thenNothing());
      expect(failure.message.match(/when:/g)).toHaveLength(1);
    });
  });
});
