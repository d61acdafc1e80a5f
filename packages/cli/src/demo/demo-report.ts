/**
 * The demo's report: what happened, the queues per group, SLA at risk and
 * breached, service metrics, impact analysis of each service's host, one
 * incident's audit trail, and the audit verification result — as aligned
 * tables, or as one JSON document.
 *
 * @module
 */
import {
  backlogAging,
  changeMetrics,
  groupQueue,
  impactAnalysis,
  knownErrorsFor,
  problemById,
  problemQueue,
  incidentMetrics,
  knowledgeUse,
  olaCompliance,
  recordAuditTrail,
  slaAtRisk,
  slaBreaches,
  slaCompliance,
  unassignedQueue,
} from '@itsm/projections';
import type { Kysely } from 'kysely';
import { renderTable } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';
import { describeVerification } from '../commands/audit/audit-verify.js';
import { demoGroups, demoServices } from './demo-organization.js';
import type { DemoRun } from './run-demo.js';

const HOUR = 3_600_000;

const hours = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '–' : `${(ms / HOUR).toFixed(1)} h`;
const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : `${value.toFixed(1)} %`;

/** The report's content, for `--json` and for the human rendering. */
export const demoReportData = async (run: DemoRun) => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = run.readModels as Kysely<any>;
  const now = new Date(run.simulatedUntil);
  const queues = [];
  for (const group of demoGroups) {
    const entries = await groupQueue(db, group.id, { limit: 1000 });
    queues.push({
      group: group.id,
      open: entries.length,
      onHold: entries.filter((entry) => entry.status === 'on-hold').length,
      top: entries.slice(0, 3),
    });
  }
  const unassigned = await unassignedQueue(db, { limit: 1000 });
  const atRisk = await slaAtRisk(db, { now, withinMs: 24 * HOUR });
  const breaches = await slaBreaches(db, { limit: 100_000 });
  const compliance = await slaCompliance(db);
  const ola = await olaCompliance(db);
  const byService = await incidentMetrics(db, { by: ['service'] });
  const overall = await incidentMetrics(db, { by: [] });
  const aging = await backlogAging(db, { asOf: now, by: 'group' });
  const changes = await changeMetrics(db);
  const knowledge = await knowledgeUse(db);
  const impact = [];
  for (const service of demoServices) {
    const host = `${service.configurationItem}-host`;
    const analysis = await impactAnalysis(db, host);
    impact.push({ down: host, affected: analysis.configurationItems.length - 1, services: analysis.services });
  }
  const problems = await problemQueue(db, { includeResolved: true });
  const knownErrors = [];
  for (const knownError of await knownErrorsFor(db, { includeRetired: true }))
    knownErrors.push({ ...knownError, problem: await problemById(db, knownError.problemId) });
  const auditTrail = run.sampleIncident ? await recordAuditTrail(db, run.sampleIncident) : [];
  return {
    simulation: {
      days: run.settings.days,
      seed: run.settings.seed,
      commands: run.desk.statistics.commands,
      events: run.desk.statistics.events,
      refusals: Object.fromEntries([...run.desk.statistics.refusals.entries()].sort()),
      eventStoreFile: run.eventStoreFile,
      readModelFile: run.readModelFile,
      wallSeconds: Number(run.wallSeconds.toFixed(1)),
    },
    projections: run.projections.outcomes.map((outcome) => ({
      projection: outcome.projection,
      outcome: outcome._tag,
      position: 'position' in outcome ? outcome.position : null,
    })),
    queues,
    unassigned: unassigned.length,
    sla: {
      atRisk,
      breaches: breaches.length,
      breachesByKind: countBy(breaches.map((b) => b.kind)),
      compliance,
      olaCompliance: ola,
    },
    metrics: { overall: overall[0] ?? null, byService, backlogAging: aging, changes, knowledge },
    impact,
    problems: { open: problems, knownErrors },
    auditTrail: { record: run.sampleIncident ?? null, entries: auditTrail },
    verification: run.verification,
  };
};

const countBy = (values: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

/** Prints the report as tables. */
export const printDemoReport = (terminal: Terminal, report: Awaited<ReturnType<typeof demoReportData>>): void => {
  const c = terminal.colors;
  const heading = (text: string) => terminal.out(`\n${c.bold(text)}`);
  const s = report.simulation;
  heading(`Simulated ${s.days} days of a service desk (seed ${s.seed}) in ${s.wallSeconds} s`);
  terminal.out(`${s.commands} commands handled, ${s.events} events recorded in ${s.eventStoreFile}`);
  const refusals = Object.entries(s.refusals);
  if (refusals.length > 0)
    terminal.out(`refused by the business rules: ${refusals.map(([rule, count]) => `${rule} ×${count}`).join(', ')}`);

  heading('Work queues');
  terminal.out(
    renderTable(
      ['group', 'open', 'on hold', 'next up (priority, record, SLA due)'],
      report.queues.map((q) => [
        q.group,
        q.open,
        q.onHold,
        q.top
          .map(
            (e) =>
              `P${e.priority ?? '?'} ${e.record_id}${e.sla_due_at ? ` due ${e.sla_due_at.slice(5, 16).replace('T', ' ')}` : ''}`,
          )
          .join('; '),
      ]),
    ),
  );
  terminal.out(`unassigned: ${report.unassigned}`);

  heading('SLA');
  terminal.out(
    `breached targets: ${report.sla.breaches} (${
      Object.entries(report.sla.breachesByKind)
        .map(([t, n]) => `${t}: ${n}`)
        .join(', ') || 'none'
    })`,
  );
  terminal.out(`at risk in the next 24 hours: ${report.sla.atRisk.length}`);
  if (report.sla.atRisk.length > 0)
    terminal.out(
      renderTable(
        ['record', 'target', 'priority', 'due'],
        report.sla.atRisk.slice(0, 8).map((t) => [t.record_id, t.target, t.priority, t.due_at]),
      ),
    );
  // Compliance per service and kind of target over the whole period (the read model keeps it per priority and month).
  const totals = new Map<string, { service: string; kind: string; met: number; breached: number }>();
  for (const row of report.sla.compliance) {
    const key = `${row.service ?? '–'} ${row.kind}`;
    const total = totals.get(key) ?? { service: row.service ?? '–', kind: row.kind, met: 0, breached: 0 };
    total.met += Number(row.met);
    total.breached += Number(row.breached);
    totals.set(key, total);
  }
  terminal.out(
    renderTable(
      ['service', 'target', 'met', 'breached', 'compliance'],
      [...totals.values()].map((t) => [
        t.service,
        t.kind,
        t.met,
        t.breached,
        percent((t.met / Math.max(t.met + t.breached, 1)) * 100),
      ]),
    ),
  );
  // OLA compliance per assignment group over the whole period: how long each group held the records it had.
  const groups = new Map<string, { met: number; breached: number; held: number; heldRecords: number }>();
  for (const row of report.sla.olaCompliance) {
    const total = groups.get(row.assignment_group) ?? { met: 0, breached: 0, held: 0, heldRecords: 0 };
    total.met += row.met;
    total.breached += row.breached;
    total.held += (row.mean_held_ms ?? 0) * row.held_records;
    total.heldRecords += row.held_records;
    groups.set(row.assignment_group, total);
  }
  if (groups.size > 0)
    terminal.out(
      renderTable(
        ['OLA group', 'met', 'breached', 'compliance', 'mean held (business)'],
        [...groups.entries()].map(([group, t]) => [
          group,
          t.met,
          t.breached,
          percent((t.met / Math.max(t.met + t.breached, 1)) * 100),
          t.heldRecords === 0 ? '' : hours(t.held / t.heldRecords),
        ]),
      ),
    );

  heading('Service metrics (resolved incidents)');
  terminal.out(
    renderTable(
      ['service', 'resolved', 'MTTA', 'MTTR', 'MTTR business', 'first contact', 'reopen rate'],
      [
        ...report.metrics.byService,
        ...(report.metrics.overall ? [{ ...report.metrics.overall, service: 'all' }] : []),
      ].map((row) => [
        row.service ?? '–',
        row.resolved,
        hours(row.mtta_ms),
        hours(row.mttr_ms),
        hours(row.mttr_business_ms),
        percent(row.first_contact_resolution_percent),
        percent(row.reopen_rate_percent),
      ]),
    ),
  );
  heading('Changes');
  terminal.out(
    renderTable(
      ['month', 'closed', 'successful', 'failed', 'backed out', 'success rate', 'emergency'],
      report.metrics.changes.map((c) => [
        c.period,
        c.closed,
        c.successful,
        c.failed,
        c.backed_out,
        percent(c.success_rate_percent),
        percent(c.emergency_percent),
      ]),
    ),
  );
  if (report.metrics.knowledge.length > 0) {
    heading('Knowledge use');
    terminal.out(
      renderTable(
        ['article', 'service', 'month', 'incidents resolved with it'],
        report.metrics.knowledge.map((k) => [k.article_id, k.service, k.period, k.uses]),
      ),
    );
  }

  heading('Impact analysis (from the CMDB read model)');
  terminal.out(
    renderTable(
      ['if this CI is down', 'CIs affected', 'services affected'],
      report.impact.map((row) => [row.down, row.affected, row.services.join(', ')]),
    ),
  );

  heading('Problems and known errors (from the problems read model)');
  if (report.problems.open.length > 0)
    terminal.out(
      renderTable(
        ['open problem', 'status', 'group', 'incidents', 'known error', 'title'],
        report.problems.open.map((p) => [
          p.problemId,
          p.status,
          p.assignmentGroup ?? '',
          p.linkedIncidents,
          p.knownErrorId ?? '',
          p.title,
        ]),
      ),
    );
  else terminal.out('no open problem');
  terminal.out(
    renderTable(
      ['known error', 'status', 'CIs', 'problem', 'problem status', 'incidents', 'workaround'],
      report.problems.knownErrors.map((k) => [
        k.knownErrorId,
        k.status,
        k.affectedCis.join(' '),
        k.problemId,
        k.problem?.status ?? '',
        k.problem?.linkedIncidents ?? '',
        k.workaround,
      ]),
    ),
  );

  heading(`Audit trail of ${report.auditTrail.record ?? '(no closed incident)'}`);
  terminal.out(
    renderTable(
      ['version', 'occurred at', 'actor', 'event', 'changed', 'hash'],
      report.auditTrail.entries.map((entry) => [
        entry.stream_version,
        entry.occurred_at,
        entry.actor,
        entry.event_type,
        entry.changes
          .map((change) => `${change.field}: ${short(change.before)} → ${short(change.after)}`)
          .join('; ')
          .slice(0, 70),
        entry.hash.slice(0, 10),
      ]),
    ),
  );

  heading('Audit verification');
  const ok = report.verification.ok;
  terminal.out((ok ? c.green : c.red)(describeVerification(report.verification, false)));
};

const short = (value: unknown): string => {
  const text = value === undefined ? '∅' : JSON.stringify(value);
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
};
