/**
 * A live subscription to the whole log built from `readAll`: it reads from
 * its position, reports `CaughtUp`, then waits to be woken by an append in
 * this process (and, for stores other processes also write, polls). Shared by
 * the adapters whose storage cannot push events themselves.
 *
 * Limits: one read of the log per wake-up; events appended elsewhere arrive
 * within one poll interval.
 *
 * @module
 */
import type { AllSubscription, SubscriptionMessage } from './event-store.js';
import type { RecordedEvent } from './events.js';

/** Where a log subscription gets its events and its wake-ups from. */
export interface LogSubscriptionSource {
  /** The store's `readAll`. */
  readonly readAll: (afterPosition: number) => AsyncIterable<RecordedEvent>;
  /** The set the store notifies after every append it commits. */
  readonly appendListeners: Set<() => void>;
  /** How often to look for appends of other processes, in ms; `undefined` when only this process writes. */
  readonly pollMilliseconds: number | undefined;
  /** Whether the store was closed (the subscription then ends). */
  readonly isClosed: () => boolean;
}

/** Subscribes to every event after `afterPosition`, then to new ones as they are appended. */
export const logSubscription = (source: LogSubscriptionSource, afterPosition: number): AllSubscription => {
  let stopped = false;
  let appended = false;
  let wake: (() => void) | undefined;
  const listener = () => {
    appended = true;
    wake?.();
  };
  source.appendListeners.add(listener);
  const ended = () => stopped || source.isClosed();
  return {
    stop: async () => {
      stopped = true;
      source.appendListeners.delete(listener);
      wake?.();
    },
    async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
      let position = afterPosition;
      while (!ended()) {
        appended = false;
        for await (const event of source.readAll(position)) {
          yield { _tag: 'Event', event } as const;
          position = event.globalPosition;
          if (stopped) return;
        }
        yield { _tag: 'CaughtUp', position } as const;
        // An append during the read or the yield set `appended`: read again at once.
        if (!appended && !ended())
          await new Promise<void>((resolve) => {
            const timer =
              source.pollMilliseconds === undefined ? undefined : setTimeout(resolve, source.pollMilliseconds);
            wake = () => {
              if (timer !== undefined) clearTimeout(timer);
              resolve();
            };
          });
        wake = undefined;
      }
    },
  };
};
