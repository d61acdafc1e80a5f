/**
 * The `itsm` command tree (commander). Every command writes through a
 * {@link Terminal}, reports failures as one line with what to do, and uses the
 * exit codes in `exit-codes`. Unknown commands and options exit with
 * `ExitCode.usage` and a hint to run `--help`.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { ExitCode } from './exit-codes.js';
import type { Terminal } from './output/terminal.js';
import { registerAuditCommands } from './commands/audit/audit-commands.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerReadModelCommands } from './commands/read-model-commands.js';
import { registerRecordCommands } from './commands/record-commands.js';

/** The version printed by `itsm --version`. */
export const CLI_VERSION = '0.1.0';

/** Builds the command tree writing to `terminal`. */
export const buildProgram = (terminal: Terminal): Command => {
  const program = new Command('itsm')
    .description(
      "Event-sourced IT service management: the service-desk demo, operations over a store, and the auditor's tools.",
    )
    .version(CLI_VERSION)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(`itsm: ${text.replace(/^error: /, '').trimEnd()} (run 'itsm --help')\n`),
    })
    .exitOverride();
  registerDemoCommand(program, terminal);
  registerRecordCommands(program, terminal);
  registerReadModelCommands(program, terminal);
  registerAuditCommands(program, terminal);
  const overrideAll = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(overrideAll);
  };
  overrideAll(program);
  return program;
};

/** Runs the command line; resolves with the exit code. */
export const runCli = async (argv: readonly string[], terminal: Terminal): Promise<number> => {
  const program = buildProgram(terminal);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return ExitCode.ok;
      return ExitCode.usage;
    }
    throw error;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
};
