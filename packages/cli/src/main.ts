#!/usr/bin/env node
/**
 * The `itsm` executable: runs the command line and exits with its code.
 * Anything thrown past the commands is a bug: it is printed with its stack
 * and the process exits with 70 (EX_SOFTWARE).
 *
 * @module
 */
import { processTerminal } from './output/terminal.js';
import { runCli } from './program.js';

// A reader that stops early (`itsm audit export | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

runCli(process.argv.slice(2), processTerminal()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `itsm: internal error (a bug, please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
