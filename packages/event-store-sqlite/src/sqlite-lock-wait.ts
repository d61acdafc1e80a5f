/**
 * Waiting for another connection's lock by polling, instead of SQLite's own
 * busy handler.
 *
 * SQLite's busy handler sleeps with a growing back-off (1, 2, 5 … 100 ms)
 * between attempts, so a process waiting for the write lock rarely hits the
 * microsecond gaps between another process's back-to-back transactions and
 * can starve until its timeout. The store therefore turns the busy handler
 * off (`busy_timeout = 0`) once the file is open and retries a busy statement
 * itself every 50–500 µs (jittered) until {@link LOCK_WAIT_TIMEOUT_MS} has
 * passed.
 *
 * Limits: the wait blocks the event loop (better-sqlite3 is synchronous);
 * polling costs a little CPU in the waiting process; it improves, but does not
 * guarantee, fairness between processes.
 *
 * @module
 */
import { isSqliteError } from './sqlite-error.js';

/** How long a statement waits for a lock held by another connection, in milliseconds. */
export const LOCK_WAIT_TIMEOUT_MS = 30_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps the thread for about `milliseconds` (fractions allowed). */
const sleep = (milliseconds: number) => {
  Atomics.wait(sleeper, 0, 0, milliseconds);
};

/** Whether an error is SQLite reporting a lock held by another connection. */
export const isBusy = (error: unknown): boolean => isSqliteError(error) && error.code.startsWith('SQLITE_BUSY');

/**
 * Runs a statement, retrying it while SQLite reports busy, until the lock-wait
 * timeout; then the last busy error is thrown. Only for statements that
 * change nothing when they fail busy (`BEGIN IMMEDIATE`, reads).
 */
export const waitingForLocks = <A>(run: () => A, timeoutMs: number = LOCK_WAIT_TIMEOUT_MS): A => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return run();
    } catch (error) {
      if (!isBusy(error) || performance.now() >= deadline) throw error;
      sleep(0.05 + Math.random() * 0.45);
    }
  }
};
