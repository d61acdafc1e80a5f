/**
 * Where the command writes: standard output for results, standard error for
 * diagnostics, colours only when standard output is a terminal (and
 * `NO_COLOR` is not set). Commands never write to `process` directly, so the
 * end-to-end tests see exactly what a user sees.
 *
 * @module
 */
import pc from 'picocolors';

/** The colour functions commands use; identity functions when colours are off. */
export type Colors = ReturnType<typeof pc.createColors>;

/** The output side of the command line. */
export interface Terminal {
  /** Writes one line of results. */
  readonly out: (line: string) => void;
  /** Writes one line of diagnostics. */
  readonly err: (line: string) => void;
  /** Colours for standard output. */
  readonly colors: Colors;
  /** Whether standard error is a terminal (progress bars go there). */
  readonly interactive: boolean;
}

/** The terminal of the running process. */
export const processTerminal = (): Terminal => {
  const colored = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env);
  return {
    out: (line) => {
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      process.stderr.write(`${line}\n`);
    },
    colors: pc.createColors(colored),
    interactive: Boolean(process.stderr.isTTY),
  };
};
