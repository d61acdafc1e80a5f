/**
 * `itsm demo`: the README's main command. Simulates a service desk (30 days
 * by default) into an embedded SQLite store, projects the read models and
 * prints the report. `--path` keeps the store file.
 *
 * @module
 */
import type { Command } from 'commander';
import { cliFailure, reportFailure, usageFailure } from '../cli-failure.js';
import { ExitCode } from '../exit-codes.js';
import { demoReportData, printDemoReport } from '../demo/demo-report.js';
import { runDemo } from '../demo/run-demo.js';
import { startProgress } from '../output/progress.js';
import { renderJson } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';

/** The simulated start of the demo: Monday 5 January 2026, 00:00 UTC. */
export const DEMO_START = Date.UTC(2026, 0, 5);

/** Registers `itsm demo`. */
export const registerDemoCommand = (program: Command, terminal: Terminal): void => {
  program
    .command('demo')
    .description('simulate a service desk through the real commands, project the read models and print the report')
    .option('--days <n>', 'simulated days', '30')
    .option('--seed <n>', 'random seed (the same seed replays the same desk)', '2026')
    .option('--path <file>', 'keep the event store in this SQLite file (default: a new temporary file)')
    .option('--read-models <file>', 'the read-model SQLite file (default: beside the event store)')
    .option('--scale <factor>', 'incident volume multiplier', '1')
    .option('--json', 'print the report as JSON')
    .action(
      async (options: {
        days: string;
        seed: string;
        path?: string;
        readModels?: string;
        scale: string;
        json?: boolean;
      }) => {
        const days = Number(options.days);
        const seed = Number(options.seed);
        const scale = Number(options.scale);
        if (!Number.isInteger(days) || days < 1 || days > 366)
          return reportFailure(terminal, usageFailure(`--days ${options.days}: give a whole number from 1 to 366`));
        if (!Number.isInteger(seed))
          return reportFailure(terminal, usageFailure(`--seed ${options.seed}: give a whole number`));
        if (!Number.isFinite(scale) || scale <= 0 || scale > 20)
          return reportFailure(terminal, usageFailure(`--scale ${options.scale}: give a number above 0, at most 20`));
        const progress = startProgress(terminal, 'simulating', 100);
        const run = await runDemo(
          { days, seed, scale, eventStoreFile: options.path, readModelFile: options.readModels, start: DEMO_START },
          progress,
        );
        if ('_tag' in run)
          return reportFailure(terminal, cliFailure(`the demo failed: ${run.reason}`, ExitCode.unavailable));
        try {
          const report = await demoReportData(run);
          if (options.json) terminal.out(renderJson(report));
          else printDemoReport(terminal, report);
          if (!run.verification.ok) process.exitCode = ExitCode.failed;
        } finally {
          await run.readModels.destroy();
          await run.store.close();
        }
      },
    );
};
