/**
 * How a command ends when it cannot do its job: one line on standard error
 * saying what was wrong and what to do, and a documented exit code.
 *
 * @module
 */
import { ExitCode } from './exit-codes.js';
import type { Terminal } from './output/terminal.js';

/** A failure that ends a command: the message, what to do, and the exit code. */
export interface CliFailure {
  readonly _tag: 'CliFailure';
  readonly message: string;
  readonly hint?: string;
  readonly exitCode: ExitCode;
}

/** Builds a {@link CliFailure}. */
export const cliFailure = (message: string, exitCode: ExitCode, hint?: string): CliFailure =>
  hint === undefined ? { _tag: 'CliFailure', message, exitCode } : { _tag: 'CliFailure', message, hint, exitCode };

/** Prints a failure as one line and sets the process exit code. */
export const reportFailure = (terminal: Terminal, failure: CliFailure): void => {
  terminal.err(`itsm: ${failure.message}${failure.hint ? ` (${failure.hint})` : ''}`);
  process.exitCode = failure.exitCode;
};

/** Exit with `usage` for bad input. */
export const usageFailure = (message: string, hint?: string): CliFailure => cliFailure(message, ExitCode.usage, hint);
