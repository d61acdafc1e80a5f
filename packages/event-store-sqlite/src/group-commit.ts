/**
 * Group commit for a synchronous SQLite driver.
 *
 * better-sqlite3 runs every statement synchronously on the calling thread, so
 * nothing is ever "in flight" in the usual sense. Group commit is therefore a
 * matter of event-loop turns:
 *
 * 1. When no group is open, an append is committed at once, synchronously,
 *    in its own `BEGIN IMMEDIATE … COMMIT` (lowest latency for a lone
 *    caller), and a group window opens until the next `setImmediate` turn.
 * 2. Appends submitted while the window is open (typically the other
 *    callers of the same burst, and callers whose previous append was just
 *    answered) are queued.
 * 3. At the next turn the queue is committed in ONE `BEGIN IMMEDIATE …
 *    COMMIT`, each append inside its own `SAVEPOINT`: its idempotency verdict
 *    and expected-version check see the appends before it in the group, and
 *    a refused or failed append is rolled back to its savepoint and fails
 *    alone. The window stays open for one more turn; it closes when a turn
 *    finds the queue empty or gathered a single append (no concurrency seen,
 *    so a lone sequential caller waits a turn on every second append only).
 * 4. Every caller is answered after the shared COMMIT returned, so with
 *    `synchronous=FULL` after the group's fsync: no answer is given before
 *    its commit is durable.
 *
 * Limits: one fsync per group instead of one per append, but the CPU work of
 * every append still runs on the event loop (a group of 64 blocks it for the
 * group's duration); a group holds SQLite's single write lock for its
 * duration, so writers in other processes wait (the busy timeout covers
 * that); at most {@link MAX_GROUP_SIZE} appends share one transaction. If the
 * COMMIT itself fails, every append of the group that would have been written
 * gets `EventStoreUnavailable` (with `outcomeUnknown` when SQLite may have
 * written it); retrying with the same event ids is safe.
 *
 * @module
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import {
  eventStoreUnavailable,
  type AppendError,
  type AppendResult,
  type EventStoreSettings,
  type ExpectedVersion,
  type PreparedAppend,
} from '@itsm/event-store';
import type Database from 'better-sqlite3';
import { appendInTransaction, type AppendStatements } from './sqlite-append.js';
import type { SqliteCommitMode } from './sqlite-durability.js';
import { describeSqliteError as describe, isSqliteError, type SqliteError } from './sqlite-error.js';
import { waitingForLocks } from './sqlite-lock-wait.js';

/** The most appends committed in one group transaction; the rest wait for the next turn. */
export const MAX_GROUP_SIZE = 512;

type AppendOutcome = Either<AppendError, AppendResult>;

interface PendingAppend {
  readonly append: PreparedAppend;
  readonly expected: ExpectedVersion;
  readonly resolve: (outcome: AppendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** What a commit produced for one append: a value for the caller, or a bug to rethrow. */
type Settled =
  { readonly _tag: 'Value'; readonly outcome: AppendOutcome } | { readonly _tag: 'Thrown'; readonly error: unknown };

/** Commits prepared appends, grouping them per the commit mode. */
export interface AppendCommitter {
  /** Commits one append (now, or with the next group) and answers after its COMMIT. */
  readonly submit: (append: PreparedAppend, expected: ExpectedVersion) => Promise<AppendOutcome>;
  /** Resolves once no append is queued and no group window is open. */
  readonly drain: () => Promise<void>;
  /** What this committer has committed so far. */
  readonly counts: () => SqliteCommitCounts;
}

/** How many write transactions a store committed, and how many appends they carried. */
export interface SqliteCommitCounts {
  /** Write transactions committed (one fsync each under `synchronous=FULL`). */
  readonly transactions: number;
  /** Appends written by them (repeats reported as already appended included). */
  readonly appends: number;
}

/** Creates the committer of one connection; `onCommitted` runs after every successful COMMIT. */
export const createAppendCommitter = (
  db: Database.Database,
  statements: AppendStatements,
  settings: EventStoreSettings,
  mode: SqliteCommitMode,
  onCommitted: () => void,
): AppendCommitter => {
  let queue: PendingAppend[] = [];
  let windowOpen = false;
  let drained: (() => void)[] = [];
  let transactions = 0;
  let appends = 0;

  const begin = (): SqliteError | undefined => {
    try {
      waitingForLocks(() => statements.begin.run());
      return undefined;
    } catch (error) {
      if (isSqliteError(error)) return error;
      throw error;
    }
  };

  const rollbackQuietly = () => {
    if (db.inTransaction) statements.rollback.run();
  };

  /** Runs one append, turning storage errors into values and keeping bugs as thrown errors. */
  const runOne = (pending: Pick<PendingAppend, 'append' | 'expected'>): Settled => {
    try {
      return { _tag: 'Value', outcome: appendInTransaction(statements, settings, pending.append, pending.expected) };
    } catch (error) {
      if (isSqliteError(error))
        return { _tag: 'Value', outcome: left(eventStoreUnavailable(`append failed: ${describe(error)}`, false)) };
      return { _tag: 'Thrown', error };
    }
  };

  /** Commits a batch in one transaction; savepoints isolate the appends when there are several. */
  const commitBatch = (batch: readonly Pick<PendingAppend, 'append' | 'expected'>[]): Settled[] => {
    const busy = begin();
    if (busy) {
      const outcome = left(eventStoreUnavailable(`could not start a write transaction: ${describe(busy)}`, false));
      return batch.map(() => ({ _tag: 'Value', outcome }));
    }
    const settled: Settled[] = [];
    try {
      if (batch.length === 1) {
        const only = runOne(batch[0]!);
        // A lone append that failed mid-way is undone with the whole transaction.
        if (only._tag === 'Thrown' || only.outcome._tag === 'Left') {
          rollbackQuietly();
          return [only];
        }
        settled.push(only);
      } else {
        for (const pending of batch) {
          statements.savepoint.run();
          const one = runOne(pending);
          if (one._tag === 'Thrown' || one.outcome._tag === 'Left') statements.rollbackToSavepoint.run();
          statements.releaseSavepoint.run();
          settled.push(one);
        }
      }
    } catch (error) {
      // A savepoint statement itself failed: the transaction is unusable.
      rollbackQuietly();
      const outcome = isSqliteError(error)
        ? left(eventStoreUnavailable(`append transaction failed: ${describe(error)}`, false))
        : undefined;
      return batch.map(() => (outcome ? { _tag: 'Value', outcome } : { _tag: 'Thrown', error }));
    }
    try {
      statements.commit.run();
    } catch (error) {
      // Still in the transaction: SQLite refused the COMMIT and nothing was written.
      const unknown = !db.inTransaction;
      rollbackQuietly();
      const reason = isSqliteError(error) ? describe(error) : String(error);
      const failed = left(eventStoreUnavailable(`commit failed: ${reason}`, unknown));
      return settled.map((one) =>
        one._tag === 'Value' && one.outcome._tag === 'Right' ? { _tag: 'Value', outcome: failed } : one,
      );
    }
    transactions++;
    for (const one of settled) if (one._tag === 'Value' && one.outcome._tag === 'Right') appends++;
    onCommitted();
    return settled;
  };

  const answer = (pending: PendingAppend, one: Settled) =>
    one._tag === 'Value' ? pending.resolve(one.outcome) : pending.reject(one.error);

  const closeWindow = () => {
    windowOpen = false;
    const waiting = drained;
    drained = [];
    for (const resolve of waiting) resolve();
  };

  const flush = () => {
    if (queue.length === 0) {
      closeWindow();
      return;
    }
    const batch = queue.slice(0, MAX_GROUP_SIZE);
    queue = queue.slice(batch.length);
    let settled: Settled[] | undefined;
    try {
      settled = commitBatch(batch);
    } finally {
      // A window that gathered one append saw no concurrency: close it, so a lone caller's next append commits at
      // once. Otherwise keep it open: callers answered now usually append again before the next turn.
      if (batch.length === 1 && queue.length === 0) closeWindow();
      else setImmediate(flush);
    }
    batch.forEach((pending, index) => answer(pending, settled[index]!));
  };

  const settle = (one: Settled): Promise<AppendOutcome> =>
    one._tag === 'Value' ? Promise.resolve(one.outcome) : Promise.reject(one.error);

  return {
    submit: (append, expected) => {
      if (mode._tag === 'TransactionPerAppend') return settle(commitBatch([{ append, expected }])[0]!);
      if (!windowOpen) {
        windowOpen = true;
        setImmediate(flush);
        return settle(commitBatch([{ append, expected }])[0]!);
      }
      return new Promise((resolve, reject) => {
        queue.push({ append, expected, resolve, reject });
      });
    },
    drain: () => (windowOpen ? new Promise((resolve) => drained.push(resolve)) : Promise.resolve()),
    counts: () => ({ transactions, appends }),
  };
};
