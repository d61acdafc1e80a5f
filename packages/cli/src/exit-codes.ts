/**
 * The exit codes of the `itsm` command, documented in docs/cli.md.
 *
 * @module
 */

/** What each exit code means. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** The command ran and found a problem: a broken hash chain, a refused business rule. */
  failed: 1,
  /** The command line or its input is wrong: unknown command or option, malformed `--json`. */
  usage: 2,
  /** A store or read-model database could not be opened or did not answer. */
  unavailable: 3,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
