/**
 * Commands over the read models: `itsm queue`, `itsm sla`, `itsm metrics`,
 * `itsm schedule`, `itsm impact`, `itsm problems`, `itsm known-errors` and
 * `itsm projections status|run|rebuild`. Queries read what the last
 * projection run wrote; `projections run` brings the read models up to the
 * store, `projections rebuild` builds a new version beside the live one and
 * swaps it in (with a progress bar on a terminal).
 *
 * @module
 */
import {
  builtInProjections,
  changeScheduleWithConflicts,
  describeProjectionError,
  impactAnalysis,
  knownErrorsFor,
  problemQueue,
  recordImpact,
  groupQueue,
  agentQueue,
  unassignedQueue,
  incidentMetrics,
  changeMetrics,
  backlogAging,
  projectionStatus,
  rebuildProjection,
  runProjections,
  slaAtRisk,
  slaBreaches,
  slaCompliance,
  olaCompliance,
  type MetricDimension,
  type ProjectionProgress,
} from '@itsm/projections';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { EventStore } from '@itsm/event-store';
import { cliFailure, reportFailure, usageFailure, type CliFailure } from '../cli-failure.js';
import { allEventSchemas } from '../domain-registry.js';
import { ExitCode } from '../exit-codes.js';
import { openStoreOption } from '../locations/open-event-store.js';
import { openReadModels } from '../locations/open-read-models.js';
import { parseReadModelLocation } from '../locations/store-location.js';
import { startProgress } from '../output/progress.js';
import { renderJson, renderTable } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';
import { domainBusinessClock } from '../read-models/business-clock.js';
import { DEFAULT_STORE } from './audit/audit-commands.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

/** The default read-model location of every command. */
export const DEFAULT_READ_MODELS = 'sqlite:itsm-read-models.db';

const withReadModels = async (
  terminal: Terminal,
  option: string,
  work: (db: AnyKysely) => Promise<CliFailure | void>,
): Promise<void> => {
  const location = parseReadModelLocation(option);
  if (location._tag === 'Left')
    return reportFailure(terminal, usageFailure(`invalid --read-models ${JSON.stringify(option)}`, location.left.hint));
  const opened = await openReadModels(location.right, 'must-exist');
  if (opened._tag === 'Left')
    return reportFailure(
      terminal,
      cliFailure(
        `cannot open read models ${opened.left.location}: ${opened.left.reason}`,
        ExitCode.unavailable,
        opened.left.hint,
      ),
    );
  try {
    const failure = await work(opened.right).catch((error: unknown) =>
      cliFailure(
        `the read models cannot answer: ${(error as Error).message}`,
        ExitCode.unavailable,
        'run `itsm projections run` to create them',
      ),
    );
    if (failure?._tag === 'CliFailure') reportFailure(terminal, failure);
  } finally {
    await opened.right.destroy();
  }
};

/**
 * A read-model subcommand of `parent`, with the options every one of them
 * takes: `--read-models <location>` and `--json`.
 */
const readModelCommand = (parent: Command, name: string, description: string): Command =>
  parent
    .command(name)
    .description(description)
    .option('--read-models <location>', 'sqlite:<file> or a postgres:// URL', DEFAULT_READ_MODELS)
    .option('--json', 'print JSON');

const HOUR = 3_600_000;
const hours = (ms: number | null | undefined) => (ms === null || ms === undefined ? '' : (ms / HOUR).toFixed(1));

const parseDuration = (value: string): number | undefined => {
  const match = /^(\d+(?:\.\d+)?)(m|h|d)$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'm' ? 60_000 : match[2] === 'h' ? HOUR : 24 * HOUR);
};

const DAY = 24 * HOUR;

/** Registers `queue`, `sla`, `metrics`, `schedule`, `impact`, `problems`, `known-errors` and `projections`. */
export const registerReadModelCommands = (program: Command, terminal: Terminal): void => {
  readModelCommand(
    program,
    'queue',
    'the work queue of a group or an agent, or the unassigned queue: by priority, then SLA due',
  )
    .option('--group <group>', 'an assignment group')
    .option('--agent <agent>', 'an agent')
    .action(async (options: { group?: string; agent?: string; readModels: string; json?: boolean }) =>
      withReadModels(terminal, options.readModels, async (db) => {
        if (options.group !== undefined && options.agent !== undefined)
          return usageFailure('give --group or --agent, not both');
        const entries =
          options.group !== undefined
            ? await groupQueue(db, options.group)
            : options.agent !== undefined
              ? await agentQueue(db, options.agent)
              : await unassignedQueue(db);
        if (options.json) return terminal.out(renderJson(entries));
        terminal.out(
          renderTable(
            ['priority', 'record', 'status', 'on hold', 'group', 'assignee', 'SLA due', 'description'],
            entries.map((e) => [
              e.priority,
              e.record_id,
              e.status,
              e.on_hold_reason,
              e.assignment_group,
              e.assignee,
              e.sla_due_at,
              e.short_description,
            ]),
          ),
        );
      }),
    );

  readModelCommand(
    program,
    'sla',
    'SLA and OLA targets at risk and breached, compliance per kind of target and OLA compliance per assignment group',
  )
    .option('--within <duration>', 'at risk: crossing a threshold or due within this time (e.g. 30m, 4h, 2d)', '4h')
    .option('--now <instant>', 'the instant to measure from (default now)')
    .action(async (options: { within: string; now?: string; readModels: string; json?: boolean }) =>
      withReadModels(terminal, options.readModels, async (db) => {
        const within = parseDuration(options.within);
        if (within === undefined)
          return usageFailure(`--within ${options.within} is not a duration like 30m, 4h or 2d`);
        const now = options.now === undefined ? new Date() : new Date(options.now);
        if (Number.isNaN(now.getTime())) return usageFailure(`--now ${options.now} is not an instant`);
        const atRisk = await slaAtRisk(db, { now, withinMs: within });
        const breached = await slaBreaches(db, { openOnly: true });
        const compliance = await slaCompliance(db);
        const ola = await olaCompliance(db);
        if (options.json) return terminal.out(renderJson({ atRisk, breached, compliance, olaCompliance: ola }));
        terminal.out(`at risk within ${options.within}:`);
        terminal.out(
          renderTable(
            ['record', 'target', 'priority', 'next warning', 'due'],
            atRisk.map((t) => [t.record_id, t.target, t.priority, t.next_warning_at, t.due_at]),
          ),
        );
        terminal.out(`\nbreached and still open:`);
        terminal.out(
          renderTable(
            ['record', 'target', 'priority', 'breached at'],
            breached.map((t) => [t.record_id, t.target, t.priority, t.breached_at]),
          ),
        );
        terminal.out(`\ncompliance:`);
        terminal.out(
          renderTable(
            ['service', 'priority', 'kind', 'period', 'met', 'breached', '%'],
            compliance.map((r) => [
              r.service,
              r.priority,
              r.kind,
              r.period,
              r.met,
              r.breached,
              r.compliance_percent?.toFixed(1),
            ]),
          ),
        );
        terminal.out(`\nOLA compliance per assignment group:`);
        terminal.out(
          renderTable(
            ['group', 'period', 'met', 'breached', '%', 'mean held business h'],
            ola.map((r) => [
              r.assignment_group,
              r.period,
              r.met,
              r.breached,
              r.compliance_percent?.toFixed(1),
              hours(r.mean_held_ms),
            ]),
          ),
        );
      }),
    );

  readModelCommand(
    program,
    'metrics',
    'MTTA, MTTR (wall and business), first-contact resolution, reopen rate, backlog aging, change success',
  )
    .option('--by <dimensions>', 'comma-separated: service, group, priority, period', 'service')
    .action(async (options: { by: string; readModels: string; json?: boolean }) =>
      withReadModels(terminal, options.readModels, async (db) => {
        const by = options.by
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d.length > 0);
        const unknown = by.filter((d) => !['service', 'group', 'priority', 'period'].includes(d));
        if (unknown.length > 0)
          return usageFailure(`--by ${unknown.join(',')}: use service, group, priority or period`);
        const incidents = await incidentMetrics(db, { by: by as MetricDimension[] });
        const changes = await changeMetrics(db);
        const aging = await backlogAging(db, { asOf: new Date(), by: 'group' });
        if (options.json) return terminal.out(renderJson({ incidents, changes, backlogAging: aging }));
        terminal.out(
          renderTable(
            [...by, 'resolved', 'MTTA h', 'MTTR h', 'MTTR business h', 'first contact %', 'reopen %'],
            incidents.map((row) => [
              ...by.map((d) => (row as unknown as Record<string, string | number | null>)[d]),
              row.resolved,
              hours(row.mtta_ms),
              hours(row.mttr_ms),
              hours(row.mttr_business_ms),
              row.first_contact_resolution_percent?.toFixed(1),
              row.reopen_rate_percent?.toFixed(1),
            ]),
          ),
        );
        terminal.out('\nchanges:');
        terminal.out(
          renderTable(
            ['period', 'closed', 'successful', 'failed', 'backed out', 'success %', 'emergency %'],
            changes.map((c) => [
              c.period,
              c.closed,
              c.successful,
              c.failed,
              c.backed_out,
              c.success_rate_percent?.toFixed(1),
              c.emergency_percent?.toFixed(1),
            ]),
          ),
        );
      }),
    );

  readModelCommand(
    program,
    'schedule',
    'the forward schedule of change: open changes planned in a window, with their conflicts',
  )
    .option('--from <instant>', 'the start of the window (default now)')
    .option('--days <days>', 'the length of the window in days', '14')
    .option('--ci <id>', 'only changes touching this configuration item')
    .action(async (options: { from?: string; days: string; ci?: string; readModels: string; json?: boolean }) =>
      withReadModels(terminal, options.readModels, async (db) => {
        const from = options.from === undefined ? new Date() : new Date(options.from);
        if (Number.isNaN(from.getTime())) return usageFailure(`--from ${options.from} is not an instant`);
        const days = Number(options.days);
        if (!Number.isFinite(days) || days <= 0) return usageFailure(`--days ${options.days} is not a positive number`);
        const scheduled = await changeScheduleWithConflicts(db, {
          from: from.toISOString(),
          to: new Date(from.getTime() + days * DAY).toISOString(),
          ...(options.ci === undefined ? {} : { configurationItem: options.ci }),
        });
        if (options.json) return terminal.out(renderJson(scheduled));
        terminal.out(
          renderTable(
            ['planned start', 'planned end', 'change', 'type', 'status', 'authorised', 'CIs', 'conflicts', 'title'],
            scheduled.map((c) => [
              c.plannedStart,
              c.plannedEnd,
              c.changeId,
              c.changeType,
              c.status,
              c.authorized ? 'yes' : 'no',
              c.configurationItems.join(' '),
              c.conflicts
                .map((conflict) => `${conflict.conflictingChangeId} on ${conflict.configurationItemId}`)
                .join(', '),
              c.title,
            ]),
          ),
        );
      }),
    );

  readModelCommand(
    program,
    'impact',
    'impact analysis: the CIs and services affected when a CI is down, or through the CIs of a record',
  )
    .option('--ci <id>', 'the configuration item that is down')
    .option('--record <stream>', 'an incident or change by stream id (incident-INC1, change-CHG1)')
    .action(async (options: { ci?: string; record?: string; readModels: string; json?: boolean }) =>
      withReadModels(terminal, options.readModels, async (db) => {
        if ((options.ci === undefined) === (options.record === undefined)) return usageFailure('give --ci or --record');
        if (options.record !== undefined) {
          const impact = await recordImpact(db, options.record);
          if (options.json) return terminal.out(renderJson(impact));
          terminal.out(`configuration items of ${options.record}: ${impact.configurationItems.join(', ') || '(none)'}`);
          terminal.out(`services affected: ${impact.services.join(', ') || '(none)'}`);
          return;
        }
        const impact = await impactAnalysis(db, options.ci ?? '');
        if (options.json) return terminal.out(renderJson(impact));
        terminal.out(
          renderTable(
            ['distance', 'configuration item', 'name', 'class'],
            impact.configurationItems.map((item) => [item.distance, item.configurationItemId, item.name, item.ciClass]),
          ),
        );
        terminal.out(`\nservices affected: ${impact.services.join(', ') || '(none)'}`);
      }),
    );

  readModelCommand(program, 'problems', 'the problem queue: open problems by priority, then age')
    .option('--group <group>', 'an assignment group')
    .option('--agent <agent>', 'the person a problem is assigned to')
    .option('--unassigned', 'only problems no group owns yet')
    .option('--include-resolved', 'also resolved problems (they may go back to root cause analysis)')
    .action(
      async (options: {
        group?: string;
        agent?: string;
        unassigned?: boolean;
        includeResolved?: boolean;
        readModels: string;
        json?: boolean;
      }) =>
        withReadModels(terminal, options.readModels, async (db) => {
          if (options.unassigned === true && options.group !== undefined)
            return usageFailure('give --group or --unassigned, not both');
          const problems = await problemQueue(db, {
            ...(options.unassigned === true ? { assignmentGroup: null } : {}),
            ...(options.group === undefined ? {} : { assignmentGroup: options.group }),
            ...(options.agent === undefined ? {} : { assignee: options.agent }),
            includeResolved: options.includeResolved === true,
          });
          if (options.json) return terminal.out(renderJson(problems));
          terminal.out(
            renderTable(
              ['problem', 'priority', 'status', 'service', 'group', 'assignee', 'incidents', 'known error', 'title'],
              problems.map((problem) => [
                problem.problemId,
                problem.priority,
                problem.status,
                problem.service ?? '',
                problem.assignmentGroup ?? '',
                problem.assignee ?? '',
                problem.linkedIncidents,
                problem.knownErrorId ?? '',
                problem.title,
              ]),
            ),
          );
        }),
    );

  readModelCommand(
    program,
    'known-errors',
    'the known error database: known errors on a CI or a service, with their workarounds',
  )
    .option('--ci <id>', 'only known errors affecting this configuration item')
    .option('--service <id>', 'only known errors of problems on this service')
    .option('--include-retired', 'also retired known errors')
    .action(
      async (options: {
        ci?: string;
        service?: string;
        includeRetired?: boolean;
        readModels: string;
        json?: boolean;
      }) =>
        withReadModels(terminal, options.readModels, async (db) => {
          const knownErrors = await knownErrorsFor(db, {
            ...(options.ci === undefined ? {} : { configurationItem: options.ci }),
            ...(options.service === undefined ? {} : { service: options.service }),
            includeRetired: options.includeRetired === true,
          });
          if (options.json) return terminal.out(renderJson(knownErrors));
          terminal.out(
            renderTable(
              ['known error', 'problem', 'status', 'revision', 'CIs', 'title', 'workaround'],
              knownErrors.map((knownError) => [
                knownError.knownErrorId,
                knownError.problemId,
                knownError.status,
                knownError.revision,
                knownError.affectedCis.join(' '),
                knownError.title,
                knownError.workaround,
              ]),
            ),
          );
        }),
    );

  const projections = program.command('projections').description('the read models: status, run (catch up), rebuild');
  const withStoreAndReadModels = async (
    options: { store: string; readModels: string },
    work: (store: EventStore, db: AnyKysely) => Promise<CliFailure | void>,
  ) => {
    const readModelLocation = parseReadModelLocation(options.readModels);
    if (readModelLocation._tag === 'Left')
      return reportFailure(
        terminal,
        usageFailure(`invalid --read-models ${JSON.stringify(options.readModels)}`, readModelLocation.left.hint),
      );
    const opened = await openStoreOption(options.store, allEventSchemas, 'must-exist');
    if (opened._tag === 'Left') return reportFailure(terminal, opened.left);
    const db = await openReadModels(readModelLocation.right, 'create-if-missing');
    if (db._tag === 'Left') {
      await opened.right.close();
      return reportFailure(
        terminal,
        cliFailure(
          `cannot open read models ${db.left.location}: ${db.left.reason}`,
          ExitCode.unavailable,
          db.left.hint,
        ),
      );
    }
    try {
      const failure = await work(opened.right, db.right);
      if (failure?._tag === 'CliFailure') reportFailure(terminal, failure);
    } finally {
      await db.right.destroy();
      await opened.right.close();
    }
  };
  const progressReporter = (label: string) => {
    const bar = startProgress(terminal, label, 1);
    return {
      onProgress: (p: ProjectionProgress) => bar.update(p.eventsRead, p.eventsRead + p.lag),
      stop: () => bar.stop(),
    };
  };

  readModelCommand(projections, 'status', 'every projection version with its checkpoint and lag behind the log')
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .action(async (options: { store: string; readModels: string; json?: boolean }) =>
      withStoreAndReadModels(options, async (store, db) => {
        const status = await projectionStatus(db, store);
        if (options.json) return terminal.out(renderJson(status));
        terminal.out(
          renderTable(
            ['projection', 'version', 'state', 'position', 'head', 'lag', 'stopped on'],
            status.map((s) => [
              s.name,
              s.version,
              s.state,
              s.position,
              s.head,
              s.lag,
              s.lastError ? describeProjectionError(s.lastError) : '',
            ]),
          ),
        );
      }),
    );

  readModelCommand(projections, 'run', 'catch every built-in projection up with the log, then stop')
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .action(async (options: { store: string; readModels: string; json?: boolean }) =>
      withStoreAndReadModels(options, async (store, db) => {
        const progress = progressReporter('projecting');
        const result = await runProjections(db, store, builtInProjections(domainBusinessClock), {
          onProgress: progress.onProgress,
        });
        progress.stop();
        if (result._tag === 'Left') return cliFailure(describeProjectionError(result.left), ExitCode.failed);
        if (options.json) return terminal.out(renderJson(result.right));
        terminal.out(
          renderTable(
            ['projection', 'outcome', 'position'],
            result.right.outcomes.map((o) => [o.projection, o._tag, 'position' in o ? o.position : '']),
          ),
        );
        terminal.out(`${result.right.eventsRead} events read`);
        if (result.right.outcomes.some((o) => o._tag !== 'CaughtUp')) process.exitCode = ExitCode.failed;
      }),
    );

  readModelCommand(
    projections,
    'rebuild',
    'build a new version of a projection beside the live one and swap it in when caught up (resumable)',
  )
    .argument('<projection>', 'the projection name (see `itsm projections status`)')
    .option('--store <location>', 'sqlite:<file> or esdb:<connection string>', DEFAULT_STORE)
    .action(async (name: string, options: { store: string; readModels: string; json?: boolean }) =>
      withStoreAndReadModels(options, async (store, db) => {
        const builtIn = builtInProjections(domainBusinessClock).find((p) => p.name === name);
        if (!builtIn)
          return usageFailure(
            `no projection named ${name}`,
            `choose one of ${builtInProjections()
              .map((p) => p.name)
              .join(', ')}`,
          );
        const versions = (await projectionStatus(db, store)).filter((s) => s.name === name);
        const building = versions.find((s) => s.state === 'building');
        const nextVersion = building?.version ?? Math.max(builtIn.version, ...versions.map((s) => s.version)) + 1;
        const progress = progressReporter(`rebuilding ${name} v${nextVersion}`);
        const result = await rebuildProjection(
          db,
          store,
          { ...builtIn, version: nextVersion },
          { onProgress: progress.onProgress },
        );
        progress.stop();
        if (result._tag === 'Left') return cliFailure(describeProjectionError(result.left), ExitCode.failed);
        if (options.json) return terminal.out(renderJson(result.right));
        terminal.out(`${name} v${nextVersion}: ${result.right._tag} at position ${result.right.position}`);
      }),
    );
};
