/**
 * Running the same work in several threads at the same instant, trial after
 * trial: for races between connections of one file (threads of one process
 * lock a SQLite file as processes do). The worker script waits at each
 * trial's barrier with:
 *
 * ```js
 * Atomics.add(barrier, trial, 1);
 * while (Atomics.load(barrier, trial) < threads);
 * ```
 *
 * and posts one message when done (its failures, an array).
 *
 * @module
 */
import { Worker } from 'node:worker_threads';

/**
 * Starts `threads` workers of `script`, each given `{ files, barrier,
 * threads }` (one file and one barrier slot per trial), and resolves with
 * the failures every worker posted, in one array.
 */
export const runThreadsAtOnce = async (script: URL, files: readonly string[], threads: number): Promise<unknown[]> => {
  const barrier = new Int32Array(new SharedArrayBuffer(4 * files.length));
  const failures = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { files, barrier, threads } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return failures.flat();
};
