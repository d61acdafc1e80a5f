/**
 * A catch-up subscription to `$all` for projections: every @itsm event after
 * a checkpoint (a global position), then new ones as they are recorded.
 *
 * It subscribes with a server-side filter excluding system events (and skips
 * `$`-streams on the client too), and reports:
 * - `Event` for each event, in commit-position order, each exactly once per
 *   subscription (a repeated or older position is skipped);
 * - `CaughtUp` once the delivered position reaches the head of the log, read
 *   when (re)subscribing and again when the server says it caught up (the
 *   server's own signal can overtake events still buffered in the client, and
 *   servers before 23.10 send none);
 * - `FellBehind` when the server says so, or when the subscription dropped:
 *   it then resubscribes from the last delivered position, with a backoff
 *   (50 ms doubling to 2 s), until it is stopped.
 *
 * Limits: the checkpoint is yours to keep (with the read model, in the same
 * transaction); a decode failure ends the iteration by throwing
 * `EventStoreFailure`, naming the event. Messages are buffered while the
 * consumer is busy; above 1 000 buffered messages the client stream is paused.
 *
 * @module
 */
import {
  START,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import type { Either } from 'fp-ts/lib/Either.js';
import {
  decodeStoredEvent,
  type AllSubscription,
  type EventStoreSettings,
  type EventStoreUnavailable,
  type SubscriptionMessage,
} from '@itsm/event-store';
import { commitPositionOf, isSystemEvent, storedEventOf } from './esdb-event-codec.js';

type Queued = SubscriptionMessage | { readonly _tag: 'Failed'; readonly error: unknown };

const HIGH_WATER = 1_000;
const LOW_WATER = 100;
const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 2_000;

/**
 * Subscribes to `$all` after `afterPosition` (0: from the start); `readHead`
 * gives the position at which the subscription counts as caught up.
 */
export const subscribeEsdbAll = (
  client: EventStoreDBClient,
  settings: EventStoreSettings,
  afterPosition: number,
  readHead: () => Promise<Either<EventStoreUnavailable, number>>,
): AllSubscription => {
  const queue: Queued[] = [];
  let wake: (() => void) | undefined;
  let stopped = false;
  let delivered = afterPosition;
  // The server's own position of the last delivered event, to resubscribe from (its prepare position may differ).
  let deliveredPosition: Position | undefined;
  let current: ReturnType<EventStoreDBClient['subscribeToAll']> | undefined;
  let generation = 0;
  let caughtUp = false;
  let head: number | undefined;
  let backoff = FIRST_BACKOFF_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const push = (message: Queued): void => {
    queue.push(message);
    if (queue.length > HIGH_WATER) current?.pause();
    wake?.();
  };

  const reportCaughtUp = (): void => {
    if (caughtUp) return;
    caughtUp = true;
    push({ _tag: 'CaughtUp', position: delivered });
  };

  const connect = (): void => {
    if (stopped) return;
    const mine = ++generation;
    caughtUp = false;
    head = undefined;
    const subscription = client.subscribeToAll({
      fromPosition:
        deliveredPosition ?? (delivered <= 0 ? START : { commit: BigInt(delivered), prepare: BigInt(delivered) }),
      filter: excludeSystemEvents(),
    });
    current = subscription;
    // The head read after (re)subscribing, and again whenever the server says it caught up: CaughtUp is
    // reported once the delivered position reaches it, so it always follows the events before it.
    const checkHead = (): void => {
      void readHead().then((read) => {
        if (mine !== generation || read._tag === 'Left') return;
        head = read.right;
        if (delivered >= head) reportCaughtUp();
      });
    };
    checkHead();
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (mine !== generation) return;
      backoff = FIRST_BACKOFF_MS;
      const position = commitPositionOf(resolved);
      if (position === undefined || position <= delivered) return;
      if (isSystemEvent(resolved)) return;
      try {
        const event = decodeStoredEvent(settings.schemas, storedEventOf(resolved));
        delivered = position;
        deliveredPosition = resolved.event?.position;
        push({ _tag: 'Event', event });
        if (head !== undefined && delivered >= head) reportCaughtUp();
      } catch (error) {
        // Stop listening (later events must not overtake the failure), and let the iterator throw it.
        generation++;
        current = undefined;
        void subscription.unsubscribe().catch(() => undefined);
        push({ _tag: 'Failed', error });
      }
    });
    subscription.on('caughtUp', () => {
      if (mine === generation && !caughtUp) checkHead();
    });
    subscription.on('fellBehind', () => {
      if (mine !== generation || !caughtUp) return;
      caughtUp = false;
      push({ _tag: 'FellBehind' });
    });
    const dropped = (): void => {
      if (mine !== generation || stopped) return;
      generation++;
      current = undefined;
      push({ _tag: 'FellBehind' });
      retryTimer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
    subscription.on('error', dropped);
    subscription.on('end', dropped);
    subscription.on('close', dropped);
  };

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    generation++;
    if (retryTimer) clearTimeout(retryTimer);
    const last = current;
    current = undefined;
    wake?.();
    if (last) await last.unsubscribe().catch(() => undefined);
  };

  connect();

  return {
    stop,
    async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
      for (;;) {
        if (stopped) return;
        const next = queue.shift();
        if (next) {
          if (queue.length < LOW_WATER && current?.isPaused()) current.resume();
          if (next._tag === 'Failed') throw next.error;
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
};
