/**
 * Progress bars on standard error, drawn by cli-progress, only when standard
 * error is a terminal: scripts and tests see no control characters.
 *
 * @module
 */
import cliProgress from 'cli-progress';
import type { Terminal } from './terminal.js';

/** A progress indicator a long command updates. */
export interface Progress {
  /** Sets how far along it is, out of `total`. */
  readonly update: (value: number, total?: number) => void;
  /** Removes the bar. */
  readonly stop: () => void;
}

/** A progress bar with a label, or a silent one when standard error is not a terminal. */
export const startProgress = (terminal: Terminal, label: string, total: number): Progress => {
  if (!terminal.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  return {
    update: (value, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      bar.update(value);
    },
    stop: () => bar.stop(),
  };
};
