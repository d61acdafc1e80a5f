/**
 * The auditor's commands: `itsm audit verify | anchor | history | export | sod`.
 * They open the store with `permissiveEventSchemas`, so they read any log as
 * it was stored, and they never write to it.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { anchorStore, describeEventStoreError, permissiveEventSchemas, type EventStore } from '@itsm/event-store';
import type { Command } from 'commander';
import { cliFailure, reportFailure, usageFailure, type CliFailure } from '../../cli-failure.js';
import { ExitCode } from '../../exit-codes.js';
import { openStoreOption } from '../../locations/open-event-store.js';
import { renderJson, renderTable } from '../../output/table.js';
import type { Terminal } from '../../output/terminal.js';
import { auditRowsToCsv, selectAuditRows, type ExportSelection } from './audit-export.js';
import { describeVerification, readAnchorFile, verifyLog } from './audit-verify.js';
import { recordHistory } from './audit-history.js';
import { segregationOfDutiesReport } from './audit-sod.js';

/** The default event store location of every command. */
export const DEFAULT_STORE = 'sqlite:itsm.db';

/** Opens the store named by `--store` for reading as stored, runs `work`, and closes it. */
export const withAuditStore = async (
  terminal: Terminal,
  storeOption: string,
  work: (store: EventStore) => Promise<CliFailure | void>,
): Promise<void> => {
  const opened = await openStoreOption(storeOption, permissiveEventSchemas, 'must-exist');
  if (opened._tag === 'Left') return reportFailure(terminal, opened.left);
  try {
    const failure = await work(opened.right);
    if (failure?._tag === 'CliFailure') reportFailure(terminal, failure);
  } finally {
    await opened.right.close();
  }
};

const instantMilliseconds = (option: string, value: string | undefined): number | CliFailure | undefined => {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)
    ? Date.parse(value)
    : NaN;
  return Number.isNaN(ms)
    ? usageFailure(`${option} ${JSON.stringify(value)} is not an ISO-8601 date or instant with offset`)
    : ms;
};

/** Registers `itsm audit …` on the program. */
export const registerAuditCommands = (program: Command, terminal: Terminal): void => {
  const audit = program
    .command('audit')
    .description("the auditor's tools: verify, anchor, history, export, segregation of duties");

  audit
    .command('verify')
    .description('verify the hash chain of every stream; with --anchor also truncation and recomputed chains')
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .option('--anchor <file>', 'an anchor file written by `itsm audit anchor`')
    .option('--key <secret>', 'the key the anchor was signed with (or set ITSM_ANCHOR_KEY)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { store: string; anchor?: string; key?: string; json?: boolean }) =>
      withAuditStore(terminal, options.store, async (store) => {
        const anchor = options.anchor === undefined ? undefined : readAnchorFile(options.anchor);
        if (anchor?._tag === 'Left')
          return usageFailure(`cannot read anchor ${anchor.left.file}: ${anchor.left.reason}`);
        const key = options.key ?? process.env['ITSM_ANCHOR_KEY'];
        // A signature nobody checks proves nothing: a signed anchor needs its key.
        if (anchor?.right.signature !== undefined && key === undefined)
          return usageFailure('the anchor is signed: give --key (or set ITSM_ANCHOR_KEY) to check its signature');
        const result = await verifyLog(store, terminal, anchor?.right, anchor === undefined ? undefined : key);
        if (result._tag === 'Left') return cliFailure(result.left, ExitCode.unavailable);
        terminal.out(
          options.json ? renderJson(result.right) : describeVerification(result.right, anchor !== undefined),
        );
        if (!result.right.ok) process.exitCode = ExitCode.failed;
      }),
    );

  audit
    .command('anchor')
    .description('verify the log and write an anchor of every stream head for the auditor to keep')
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .requiredOption('--out <file>', 'where to write the anchor (JSON)')
    .option('--key <secret>', 'sign the anchor with HMAC-SHA-256 (or set ITSM_ANCHOR_KEY)')
    .option('--json', 'print the anchor summary as JSON')
    .action(async (options: { store: string; out: string; key?: string; json?: boolean }) =>
      withAuditStore(terminal, options.store, async (store) => {
        const key = options.key ?? process.env['ITSM_ANCHOR_KEY'];
        const anchored = await anchorStore(store, new Date().toISOString(), key);
        if (anchored._tag === 'Left') return cliFailure(describeEventStoreError(anchored.left), ExitCode.unavailable);
        const { verification, anchor } = anchored.right;
        if (!anchor) {
          terminal.out(describeVerification(verification, false));
          return cliFailure('no anchor written: the log is already broken', ExitCode.failed);
        }
        writeFileSync(options.out, `${renderJson(anchor)}\n`);
        const summary = {
          file: options.out,
          position: anchor.position,
          streams: Object.keys(anchor.streams).length,
          digest: anchor.digest,
          signed: anchor.signature !== undefined,
        };
        terminal.out(
          options.json
            ? renderJson(summary)
            : `anchor written to ${summary.file}: ${summary.streams} stream heads at position ${summary.position}, digest ${summary.digest}${summary.signed ? ', signed' : ''}`,
        );
      }),
    );

  audit
    .command('history')
    .description('every event of one record, and its state, optionally as of an instant')
    .argument('<record>', 'the record stream, e.g. incident-INC-1001')
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .option('--as-of <instant>', 'only events up to this instant (ISO-8601 with offset)')
    .option(
      '--time <which>',
      'which time --as-of compares: recorded (what the system knew then) or occurred',
      'recorded',
    )
    .option('--json', 'print events and state as JSON')
    .action(async (record: string, options: { store: string; asOf?: string; time: string; json?: boolean }) =>
      withAuditStore(terminal, options.store, async (store) => {
        const asOf = instantMilliseconds('--as-of', options.asOf);
        if (typeof asOf === 'object') return asOf;
        if (options.time !== 'recorded' && options.time !== 'occurred')
          return usageFailure(`--time ${options.time} is not recorded or occurred`);
        const history = await recordHistory(store, record, asOf, options.time);
        if (history._tag === 'Left') return history.left;
        const { events, state } = history.right;
        if (options.json) return terminal.out(renderJson({ record, asOf: options.asOf ?? null, events, state }));
        terminal.out(
          renderTable(
            ['version', 'position', 'recorded at', 'occurred at', 'actor', 'event', 'hash'],
            events.map((e) => [
              e.streamVersion,
              e.globalPosition,
              e.metadata.recordedAt,
              e.metadata.occurredAt,
              e.metadata.actor,
              e.type,
              e.hash.slice(0, 12),
            ]),
          ),
        );
        if (state !== undefined)
          terminal.out(`\nstate${options.asOf ? ` as of ${options.asOf}` : ''}:\n${renderJson(state)}`);
      }),
    );

  audit
    .command('export')
    .description('export events with who, when, why and chain position, as CSV or JSON')
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .option('--record <stream>', 'only this record, e.g. incident-INC-1001')
    .option('--actor <id>', 'only events caused by this actor')
    .option('--from <instant>', 'only events that occurred at or after this date or instant')
    .option('--to <instant>', 'only events that occurred before this date or instant')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      async (options: {
        store: string;
        record?: string;
        actor?: string;
        from?: string;
        to?: string;
        format: string;
        out?: string;
      }) =>
        withAuditStore(terminal, options.store, async (store) => {
          if (options.format !== 'csv' && options.format !== 'json')
            return usageFailure(`--format ${options.format} is not csv or json`);
          const from = instantMilliseconds('--from', options.from);
          if (typeof from === 'object') return from;
          const to = instantMilliseconds('--to', options.to);
          if (typeof to === 'object') return to;
          const selection: ExportSelection = {
            ...(options.record !== undefined ? { record: options.record } : {}),
            ...(options.actor !== undefined ? { actor: options.actor } : {}),
            ...(from !== undefined ? { fromMilliseconds: from } : {}),
            ...(to !== undefined ? { toMilliseconds: to } : {}),
          };
          const rows = await selectAuditRows(store, selection);
          if (rows._tag === 'Left') return cliFailure(describeEventStoreError(rows.left), ExitCode.unavailable);
          const text = options.format === 'csv' ? auditRowsToCsv(rows.right) : `${renderJson(rows.right)}\n`;
          if (options.out === undefined) process.stdout.write(text);
          else {
            writeFileSync(options.out, text);
            terminal.err(`${rows.right.length} events written to ${options.out}`);
          }
        }),
    );

  audit
    .command('sod')
    .description(
      'segregation-of-duties report: every refused attempt and every approval with requester, approver and implementer',
    )
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .option('--json', 'print the report as JSON')
    .action(async (options: { store: string; json?: boolean }) =>
      withAuditStore(terminal, options.store, async (store) => {
        const report = await segregationOfDutiesReport(store);
        if (report._tag === 'Left') return cliFailure(describeEventStoreError(report.left), ExitCode.unavailable);
        if (options.json) return terminal.out(renderJson(report.right));
        terminal.out(`approvals (${report.right.approvals.length}):`);
        terminal.out(
          renderTable(
            ['record', 'decision', 'approver', 'requester', 'implementer', 'at', 'separate'],
            report.right.approvals.map((a) => [
              a.record,
              a.decision,
              a.approver,
              a.requester,
              a.implementer,
              a.at,
              a.separated ? 'yes' : 'NO',
            ]),
          ),
        );
        terminal.out(`\nrefused attempts (${report.right.refusals.length}):`);
        terminal.out(
          renderTable(
            ['record', 'rule', 'actor', 'attempted', 'at'],
            report.right.refusals.map((r) => [r.record, r.rule, r.actor, r.attempted, r.at]),
          ),
        );
      }),
    );
};
