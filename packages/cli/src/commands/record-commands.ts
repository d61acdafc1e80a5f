/**
 * `itsm incident|problem|change|request|catalog-item|configuration-item|article <Command> --json <data>`:
 * one command of one aggregate, validated by the aggregate's codec before
 * anything is opened or written, handled through its decider against the
 * store. Malformed input exits with `usage` and every problem's field path;
 * a refused business rule exits with `failed` and the rule's error.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { decodeInput, eventMetadataOf } from '@itsm/domain';
import { describeEventStoreError, handleCommand, isEventStoreError } from '@itsm/event-store';
import type { Command } from 'commander';
import { cliFailure, reportFailure, usageFailure } from '../cli-failure.js';
import { aggregatesByNoun, allEventSchemas } from '../domain-registry.js';
import { ExitCode } from '../exit-codes.js';
import { openStoreOption } from '../locations/open-event-store.js';
import { renderJson } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';
import { DEFAULT_STORE } from './audit/audit-commands.js';

interface RecordCommandOptions {
  readonly json: string;
  readonly store: string;
  readonly actor: string;
  readonly role: readonly string[];
  readonly group: readonly string[];
  readonly at?: string;
  readonly correlationId?: string;
  readonly commandId?: string;
  readonly output?: string;
}

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

/** Registers one noun per aggregate on the program. */
export const registerRecordCommands = (program: Command, terminal: Terminal): void => {
  for (const [noun, aggregate] of Object.entries(aggregatesByNoun)) {
    program
      .command(noun)
      .description(
        `handle one ${noun} command (e.g. \`itsm ${noun} <Command> --json '{…}' --actor <id> --role <role>\`)`,
      )
      .argument('<command>', 'the command type, e.g. LogIncident')
      .requiredOption('--json <data>', "the command's data as JSON")
      .requiredOption('--actor <id>', 'who issues it')
      .option('--role <role>', 'a role of the actor (repeatable)', collect, [])
      .option('--group <group>', 'a group the actor belongs to (repeatable)', collect, [])
      .option('--at <instant>', 'when it happens (ISO-8601 with offset; default now)')
      .option('--correlation-id <id>', 'ties related commands together (default: a new UUID)')
      .option('--command-id <id>', 'makes a retry idempotent (default: a new UUID)')
      .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
      .option('--output <format>', 'human or json', 'human')
      .action(async (type: string, options: RecordCommandOptions) => {
        if (options.output !== 'human' && options.output !== 'json')
          return reportFailure(terminal, usageFailure(`--output ${String(options.output)} is not human or json`));
        let data: unknown;
        try {
          data = JSON.parse(options.json);
        } catch (error) {
          return reportFailure(terminal, usageFailure(`--json is not JSON: ${(error as Error).message}`));
        }
        const candidate = {
          type,
          data,
          metadata: {
            actor: { id: options.actor, roles: options.role, groups: options.group },
            occurredAt: options.at ?? new Date().toISOString(),
            correlationId: options.correlationId ?? randomUUID(),
            commandId: options.commandId ?? randomUUID(),
          },
        };
        const decoded = decodeInput(aggregate.commandCodec, candidate);
        if (decoded._tag === 'Left') {
          for (const problem of decoded.left.problems)
            terminal.err(`itsm: malformed ${noun} command ${type}: ${problem}`);
          return reportFailure(
            terminal,
            usageFailure(`nothing was written`, `see \`itsm ${noun} --help\` and docs/domain/`),
          );
        }
        const opened = await openStoreOption(options.store, allEventSchemas, 'create-if-missing');
        if (opened._tag === 'Left') return reportFailure(terminal, opened.left);
        const store = opened.right;
        try {
          const command = decoded.right;
          const streamId = `${aggregate.category}-${aggregate.recordIdOf(command)}`;
          const handled = await handleCommand(
            store,
            aggregate.decider,
            streamId,
            command,
            eventMetadataOf(command.metadata),
          );
          if (handled._tag === 'Left') {
            const error = handled.left;
            if (isEventStoreError(error)) {
              const unavailable = error._tag === 'EventStoreUnavailable';
              return reportFailure(
                terminal,
                cliFailure(describeEventStoreError(error), unavailable ? ExitCode.unavailable : ExitCode.failed),
              );
            }
            if (options.output === 'json') terminal.out(renderJson({ refused: error }));
            return reportFailure(
              terminal,
              cliFailure(`refused: ${error._tag} ${JSON.stringify(error)}`, ExitCode.failed),
            );
          }
          const result = {
            stream: streamId,
            version: handled.right.nextExpectedVersion,
            alreadyHandled: handled.right.alreadyHandled,
            events: handled.right.events,
          };
          if (options.output === 'json') terminal.out(renderJson(result));
          else {
            terminal.out(
              `${streamId} is at version ${result.version}${result.alreadyHandled ? ' (this command was already handled)' : ''}`,
            );
            for (const event of result.events)
              terminal.out(`  ${event.streamVersion}  ${event.type}  position ${event.globalPosition}`);
          }
        } finally {
          await store.close();
        }
      });
  }
};
