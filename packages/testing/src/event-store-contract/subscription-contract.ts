/**
 * Contract: `subscribeToAll`, for adapters that offer it. A subscription
 * delivers the events after its start position, says `CaughtUp`, then
 * delivers events as they are recorded; `stop` ends a pending iteration.
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import { ExpectedVersion, type AllSubscription, type EventStore, type SubscriptionMessage } from '@itsm/event-store';
import type { OpenContractSubject } from './contract-subject.js';
import { contractSettings, freshStreamId, headOf, notes, rightOf, withSubject } from './contract-fixtures.js';

const subscriptionOf = (store: EventStore, afterPosition: number): AllSubscription => {
  if (!store.subscribeToAll)
    throw new Error(
      'the store has no subscribeToAll: pass { subscriptions: false } as the third argument of eventStoreContract to list these tests as skipped',
    );
  return store.subscribeToAll(afterPosition);
};

/** Pulls messages until `enough` holds for the events received, returning those events' positions and the messages. */
const pullUntil = async (
  iterator: AsyncIterator<SubscriptionMessage>,
  enough: (messages: readonly SubscriptionMessage[]) => boolean,
): Promise<SubscriptionMessage[]> => {
  const messages: SubscriptionMessage[] = [];
  while (!enough(messages)) {
    const next = await iterator.next();
    if (next.done) throw new Error(`the subscription ended after ${messages.length} messages`);
    messages.push(next.value);
  }
  return messages;
};

const eventPositions = (messages: readonly SubscriptionMessage[]) =>
  messages.flatMap((message) => (message._tag === 'Event' ? [message.event.globalPosition] : []));

/** Declares the subscription tests; skipped with the reason in their titles when `subscriptions` is false. */
export const subscriptionContract = (open: OpenContractSubject, subscriptions: boolean): void => {
  const withSubscriptions = (title: string, test: () => Promise<void>) =>
    subscriptions ? it(title, test) : it.skip(`${title} [skipped: this adapter has no subscribeToAll]`, test);

  describe('subscribeToAll', () => {
    withSubscriptions(
      'delivers the events after its start, says CaughtUp, then delivers new events as they are recorded',
      () =>
        withSubject(open, contractSettings(), async ({ store }) => {
          const streamId = freshStreamId();
          const existing = rightOf(await store.appendToStream(streamId, notes(3), ExpectedVersion.noStream));
          const subscription = subscriptionOf(store, existing.events[0]!.globalPosition);
          const iterator = subscription[Symbol.asyncIterator]();
          try {
            const caughtUp = await pullUntil(iterator, (messages) =>
              messages.some((message) => message._tag === 'CaughtUp'),
            );
            expect(eventPositions(caughtUp)).toEqual(existing.events.slice(1).map((event) => event.globalPosition));
            expect(caughtUp.at(-1)).toEqual({ _tag: 'CaughtUp', position: existing.lastPosition });
            const live = rightOf(await store.appendToStream(streamId, notes(2), ExpectedVersion.exact(3)));
            const later = await pullUntil(iterator, (messages) => eventPositions(messages).length === 2);
            expect(eventPositions(later)).toEqual(live.events.map((event) => event.globalPosition));
            const delivered = later.flatMap((message) => (message._tag === 'Event' ? [message.event] : []));
            expect(delivered).toEqual(live.events);
          } finally {
            await subscription.stop();
          }
        }),
    );

    withSubscriptions('stop ends a pending iteration', () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const subscription = subscriptionOf(store, await headOf(store));
        const iterator = subscription[Symbol.asyncIterator]();
        const first = await iterator.next();
        expect(first.value).toMatchObject({ _tag: 'CaughtUp' });
        const pending = iterator.next();
        await subscription.stop();
        expect(await pending).toMatchObject({ done: true });
      }),
    );
  });
};
