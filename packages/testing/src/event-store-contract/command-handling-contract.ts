/**
 * Contract: the kernel's command handler over the adapter. Read, fold,
 * decide, append at the version read; a concurrent append in between is a
 * `StreamVersionConflict` value (and `retryOnConflict` decides again); a
 * command repeated with the same causation id is `alreadyHandled`.
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import {
  ExpectedVersion,
  deterministicEventId,
  handleCommand,
  retryOnConflict,
  type Decider,
  type EventStore,
} from '@itsm/event-store';
import { left, right } from 'fp-ts/lib/Either.js';
import type { OpenContractSubject } from './contract-subject.js';
import {
  ContractEventType,
  contractMetadata,
  contractSettings,
  freshStreamId,
  leftOf,
  notes,
  readStream,
  rightOf,
  withSubject,
} from './contract-fixtures.js';

type TicketCommand =
  { readonly type: 'OpenTicket'; readonly title: string } | { readonly type: 'AddNote'; readonly text: string };
type TicketEvent =
  | { readonly type: typeof ContractEventType.opened; readonly data: { readonly title: string } }
  | { readonly type: typeof ContractEventType.noted; readonly data: { readonly text: string } };
interface TicketState {
  readonly opened: boolean;
  readonly notes: readonly string[];
}
type TicketError = { readonly _tag: 'TicketAlreadyOpened' } | { readonly _tag: 'TicketNotOpened' };

/** A two-rule decider: a ticket opens once; notes need an open ticket; an empty note decides nothing. */
const ticket: Decider<TicketCommand, TicketEvent, TicketState, TicketError> = {
  initialState: { opened: false, notes: [] },
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenTicket':
        return state.opened
          ? left({ _tag: 'TicketAlreadyOpened' })
          : right([{ type: ContractEventType.opened, data: { title: command.title } }]);
      case 'AddNote':
        if (!state.opened) return left({ _tag: 'TicketNotOpened' });
        return right(command.text === '' ? [] : [{ type: ContractEventType.noted, data: { text: command.text } }]);
    }
  },
  evolve: (state, event) =>
    event.type === ContractEventType.opened
      ? { ...state, opened: true }
      : { ...state, notes: [...state.notes, event.data.text] },
};

/**
 * The real store, except that the first `times` reads of `streamId` end with
 * another writer's append: the interleaving a conflict needs, made certain.
 */
const withInterleavedWriter = (store: EventStore, streamId: string, times: number): EventStore => {
  let remaining = times;
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    readAll: (...args) => store.readAll(...args),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    readStream: (id, fromVersion) => ({
      async *[Symbol.asyncIterator]() {
        yield* fromVersion === undefined ? store.readStream(id) : store.readStream(id, fromVersion);
        if (id === streamId && remaining-- > 0)
          rightOf(await store.appendToStream(id, notes(1, 'interleaved '), ExpectedVersion.any));
      },
    }),
  };
};

/** Declares the command handling tests. */
export const commandHandlingContract = (open: OpenContractSubject): void => {
  describe('handleCommand over the store', () => {
    it('decides on the folded stream and appends at the version read; a broken rule is a value and writes nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId('ticket');
        const opened = rightOf(
          await handleCommand(store, ticket, streamId, { type: 'OpenTicket', title: 'Mail down' }, contractMetadata()),
        );
        expect(opened.state).toEqual({ opened: true, notes: [] });
        expect(opened.nextExpectedVersion).toBe(1);
        expect(opened.alreadyHandled).toBe(false);
        expect(opened.events.map((event) => [event.type, event.data, event.streamVersion])).toEqual([
          [ContractEventType.opened, { title: 'Mail down' }, 1],
        ]);
        const noted = rightOf(
          await handleCommand(store, ticket, streamId, { type: 'AddNote', text: 'rebooted' }, contractMetadata()),
        );
        expect(noted.state).toEqual({ opened: true, notes: ['rebooted'] });
        expect(noted.nextExpectedVersion).toBe(2);
        expect(
          leftOf(
            await handleCommand(store, ticket, streamId, { type: 'OpenTicket', title: 'again' }, contractMetadata()),
          ),
        ).toEqual({
          _tag: 'TicketAlreadyOpened',
        });
        const nothing = rightOf(
          await handleCommand(store, ticket, streamId, { type: 'AddNote', text: '' }, contractMetadata()),
        );
        expect(nothing).toMatchObject({ events: [], nextExpectedVersion: 2, alreadyHandled: false });
        expect(
          leftOf(
            await handleCommand(
              store,
              ticket,
              freshStreamId('ticket'),
              { type: 'AddNote', text: 'x' },
              contractMetadata(),
            ),
          ),
        ).toEqual({
          _tag: 'TicketNotOpened',
        });
        expect(await readStream(store, streamId)).toHaveLength(2);
      }));

    it('a concurrent append between read and append is a StreamVersionConflict value; retryOnConflict decides again', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId('ticket');
        rightOf(await handleCommand(store, ticket, streamId, { type: 'OpenTicket', title: 'VPN' }, contractMetadata()));
        const racing = withInterleavedWriter(store, streamId, 1);
        const conflict = leftOf(
          await handleCommand(racing, ticket, streamId, { type: 'AddNote', text: 'mine' }, contractMetadata()),
        );
        expect(conflict).toEqual({
          _tag: 'StreamVersionConflict',
          streamId,
          expected: ExpectedVersion.exact(1),
          actual: 2,
        });
        expect((await readStream(store, streamId)).map((event) => event.data)).toEqual([
          { title: 'VPN' },
          { text: 'interleaved 0' },
        ]);

        const racingTwice = withInterleavedWriter(store, streamId, 2);
        let attempts = 0;
        const retried = await retryOnConflict(() => {
          attempts++;
          return handleCommand(racingTwice, ticket, streamId, { type: 'AddNote', text: 'mine' }, contractMetadata());
        }, 3);
        expect(attempts).toBe(3);
        expect(rightOf(retried)).toMatchObject({
          nextExpectedVersion: 5,
          state: { notes: ['interleaved 0', 'interleaved 0', 'interleaved 0', 'mine'] },
        });
      }));

    it('a command repeated with the same causation id is alreadyHandled and writes nothing', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId('ticket');
        const metadata = contractMetadata({ causationId: 'command-7f3a' });
        const first = rightOf(
          await handleCommand(store, ticket, streamId, { type: 'OpenTicket', title: 'Disk full' }, metadata),
        );
        expect(first.events[0]?.eventId).toBe(deterministicEventId(streamId, 'command-7f3a', 0));
        expect(first.events[0]?.metadata.causationId).toBe('command-7f3a');
        const again = rightOf(
          await handleCommand(store, ticket, streamId, { type: 'OpenTicket', title: 'Disk full' }, metadata),
        );
        expect(again).toMatchObject({
          alreadyHandled: true,
          events: [],
          nextExpectedVersion: 1,
          state: { opened: true },
        });
        expect(await readStream(store, streamId)).toHaveLength(1);
        // The same command racing itself (both read before either appended) is written once too.
        const other = freshStreamId('ticket');
        const outcomes = await Promise.all(
          Array.from({ length: 4 }, () =>
            handleCommand(store, ticket, other, { type: 'OpenTicket', title: 'Twice' }, metadata),
          ),
        );
        for (const outcome of outcomes) {
          if (outcome._tag === 'Left') expect(outcome.left._tag).toBe('StreamVersionConflict');
        }
        expect(outcomes.filter((outcome) => outcome._tag === 'Right' && !outcome.right.alreadyHandled)).toHaveLength(1);
        expect(await readStream(store, other)).toHaveLength(1);
      }));
  });
};
