/**
 * End-to-end tests of the built `itsm` binary: the demo, consistency of its
 * read models with a rebuild, every tamper class caught by `itsm audit
 * verify`, and bad input refused with a one-line error and nothing written.
 * Run after `pnpm build` (the test script builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteTampering } from '@itsm/event-store-sqlite';

const binary = join(process.cwd(), 'packages/cli/dist/main.js');
const folder = mkdtempSync(join(tmpdir(), 'itsm-e2e-'));
const demoStore = join(folder, 'demo.db');
const demoReadModels = join(folder, 'demo-read-models.db');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const itsm = (...args: string[]): Run => {
  const result = spawnSync(process.execPath, [binary, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

const json = <T>(run: Run): T => JSON.parse(run.stdout) as T;

interface DemoReport {
  readonly simulation: { readonly commands: number; readonly events: number };
  readonly projections: readonly { readonly projection: string; readonly outcome: string }[];
  readonly auditTrail: { readonly record: string | null };
  readonly verification: { readonly ok: boolean; readonly eventsChecked: number };
}

interface AuditRow {
  readonly position: number;
  readonly stream: string;
  readonly version: number;
}

let report: DemoReport;
let trail: AuditRow[];

beforeAll(() => {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`pnpm build\` before the end-to-end tests`);
  const demo = itsm(
    'demo',
    '--days',
    '7',
    '--seed',
    '11',
    '--path',
    demoStore,
    '--read-models',
    demoReadModels,
    '--json',
  );
  if (demo.status !== 0) throw new Error(`itsm demo failed (${demo.status}): ${demo.stderr}`);
  report = json<DemoReport>(demo);
  const record = report.auditTrail.record;
  if (record === null) throw new Error('the demo closed no incident');
  trail = json<AuditRow[]>(
    itsm('audit', 'export', '--store', `sqlite:${demoStore}`, '--record', record, '--format', 'json'),
  );
}, 300_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('itsm demo', () => {
  it('runs every command through the store, projects every read model and verifies the log', () => {
    expect(report.simulation.commands).toBeGreaterThan(500);
    expect(report.simulation.events).toBeGreaterThanOrEqual(report.simulation.commands * 0.9);
    expect(report.projections.length).toBeGreaterThanOrEqual(4);
    for (const projection of report.projections) expect(projection.outcome).toBe('CaughtUp');
    expect(report.verification).toMatchObject({ ok: true, eventsChecked: report.simulation.events });
  });

  it('reports numbers equal to a fresh rebuild of the read models from the log', () => {
    const fresh = join(folder, 'rebuilt-read-models.db');
    const run = itsm(
      'projections',
      'run',
      '--store',
      `sqlite:${demoStore}`,
      '--read-models',
      `sqlite:${fresh}`,
      '--json',
    );
    expect(run.status).toBe(0);
    const metrics = (file: string) =>
      json<{ incidents: unknown; changes: unknown }>(
        itsm('metrics', '--by', 'service,priority', '--read-models', `sqlite:${file}`, '--json'),
      );
    const demoMetrics = metrics(demoReadModels);
    const rebuiltMetrics = metrics(fresh);
    expect(rebuiltMetrics.incidents).toEqual(demoMetrics.incidents);
    expect(rebuiltMetrics.changes).toEqual(demoMetrics.changes);
    expect((demoMetrics.incidents as unknown[]).length).toBeGreaterThan(0);
    for (const group of ['applications', 'network', 'workplace']) {
      const queue = (file: string) =>
        itsm('queue', '--group', group, '--read-models', `sqlite:${file}`, '--json').stdout;
      expect(JSON.parse(queue(fresh))).toEqual(JSON.parse(queue(demoReadModels)));
    }
  });

  it('records the same log, event ids and hashes included, when run again with the same seed', () => {
    const again = join(folder, 'demo-again.db');
    const run = itsm('demo', '--days', '7', '--seed', '11', '--path', again, '--json');
    expect(run.status).toBe(0);
    const log = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('select event_id, stream_id, type, hash from events order by global_position').all();
      } finally {
        db.close();
      }
    };
    const first = log(demoStore);
    expect(first.length).toBe(report.simulation.events);
    expect(log(again)).toEqual(first);
  }, 120_000);

  it('prints human tables with the sections of the report', () => {
    const human = itsm('demo', '--days', '1', '--seed', '3');
    expect(human.status).toBe(0);
    for (const heading of [
      'Work queues',
      'SLA',
      'Service metrics',
      'Impact analysis',
      'Problems and known errors',
      'Audit trail of',
      'Audit verification',
      'OK:',
    ])
      expect(human.stdout).toContain(heading);
  }, 120_000);
});

describe('itsm problems and itsm known-errors', () => {
  it('lists the open problem of the network group with its linked incidents and known error', () => {
    const run = itsm('problems', '--group', 'network', '--read-models', `sqlite:${demoReadModels}`, '--json');
    expect(run.status).toBe(0);
    const problems =
      json<{ problemId: string; status: string; linkedIncidents: number; knownErrorId: string | null }[]>(run);
    expect(problems.map((problem) => problem.problemId)).toEqual(['PRB0001']);
    expect(problems[0]).toMatchObject({ status: 'FixInProgress', knownErrorId: 'KE0001' });
    expect(problems[0]!.linkedIncidents).toBeGreaterThan(0);
    const unassigned = itsm('problems', '--unassigned', '--read-models', `sqlite:${demoReadModels}`, '--json');
    expect(json<unknown[]>(unassigned)).toEqual([]);
  });

  it('finds the known error and its workaround when an incident arrives on the CI', () => {
    const run = itsm('known-errors', '--ci', 'vpn-gateway', '--read-models', `sqlite:${demoReadModels}`, '--json');
    expect(run.status).toBe(0);
    const knownErrors = json<{ knownErrorId: string; status: string; workaround: string }[]>(run);
    expect(knownErrors).toHaveLength(1);
    expect(knownErrors[0]).toMatchObject({ knownErrorId: 'KE0001', status: 'active' });
    expect(knownErrors[0]!.workaround.length).toBeGreaterThan(0);
    const elsewhere = itsm(
      'known-errors',
      '--ci',
      'erp-app-host',
      '--read-models',
      `sqlite:${demoReadModels}`,
      '--json',
    );
    expect(json<unknown[]>(elsewhere)).toEqual([]);
  });

  it('refuses --group with --unassigned in one line', () => {
    const run = itsm('problems', '--group', 'network', '--unassigned', '--read-models', `sqlite:${demoReadModels}`);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('itsm impact', () => {
  it('lists what a CI takes down with it, and what an incident affects through its CI', () => {
    const run = itsm('impact', '--ci', 'erp-app-host', '--read-models', `sqlite:${demoReadModels}`, '--json');
    expect(run.status).toBe(0);
    const impact = json<{
      configurationItems: { configurationItemId: string; distance: number }[];
      services: string[];
    }>(run);
    expect(impact.configurationItems.map((item) => [item.configurationItemId, item.distance])).toEqual([
      ['erp-app-host', 0],
      ['erp-app', 1],
      ['svc-erp', 2],
    ]);
    expect(impact.services).toEqual(['svc-erp']);
    // The demo's audited incident names its service's CI: it affects that service.
    const record = report.auditTrail.record ?? '';
    const byRecord = json<{ configurationItems: string[]; services: string[] }>(
      itsm('impact', '--record', record, '--read-models', `sqlite:${demoReadModels}`, '--json'),
    );
    expect(byRecord.configurationItems).toHaveLength(1);
    expect(byRecord.services).toHaveLength(1);
    expect(itsm('impact', '--read-models', `sqlite:${demoReadModels}`).status).toBe(2);
  });
});

describe('itsm schedule', () => {
  it('lists the open changes planned in a window, each with its conflicts', () => {
    const store = `sqlite:${join(folder, 'changes.db')}`;
    const readModels = `sqlite:${join(folder, 'changes-read-models.db')}`;
    const record = (command: string, data: Record<string, unknown>) => {
      const run = itsm(
        'change',
        command,
        '--store',
        store,
        '--actor',
        'rita',
        '--role',
        'change-implementer',
        '--json',
        JSON.stringify(data),
      );
      if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
    };
    const plans = [
      { changeId: 'CHG-1', items: ['erp-db'], start: '2026-04-04T22:00:00Z', end: '2026-04-04T23:00:00Z' },
      { changeId: 'CHG-2', items: ['erp-db', 'erp-app'], start: '2026-04-04T22:30:00Z', end: '2026-04-05T01:00:00Z' },
      { changeId: 'CHG-3', items: ['mail'], start: '2026-04-20T22:00:00Z', end: '2026-04-20T23:00:00Z' },
    ];
    for (const plan of plans) {
      record('RequestChange', {
        changeId: plan.changeId,
        changeType: 'normal',
        title: `maintenance ${plan.changeId}`,
        description: 'planned maintenance',
        configurationItems: plan.items,
      });
      record('PlanChange', { changeId: plan.changeId, plannedStart: plan.start, plannedEnd: plan.end });
    }
    expect(itsm('projections', 'run', '--store', store, '--read-models', readModels).status).toBe(0);

    const run = itsm(
      'schedule',
      '--from',
      '2026-04-01T00:00:00Z',
      '--days',
      '14',
      '--read-models',
      readModels,
      '--json',
    );
    expect(run.status).toBe(0);
    const schedule =
      json<{ changeId: string; conflicts: { conflictingChangeId: string; configurationItemId: string }[] }[]>(run);
    // CHG-3 is planned after the window.
    expect(
      schedule.map((change) => [
        change.changeId,
        change.conflicts.map((c) => `${c.conflictingChangeId}@${c.configurationItemId}`),
      ]),
    ).toEqual([
      ['CHG-1', ['CHG-2@erp-db']],
      ['CHG-2', ['CHG-1@erp-db']],
    ]);
    const byCi = json<{ changeId: string }[]>(
      itsm(
        'schedule',
        '--from',
        '2026-04-01T00:00:00Z',
        '--days',
        '30',
        '--ci',
        'mail',
        '--read-models',
        readModels,
        '--json',
      ),
    );
    expect(byCi.map((change) => change.changeId)).toEqual(['CHG-3']);
    const human = itsm('schedule', '--from', '2026-04-01T00:00:00Z', '--read-models', readModels);
    expect(human.stdout).toContain('CHG-2 on erp-db');
    expect(itsm('schedule', '--days', 'soon', '--read-models', readModels).status).toBe(2);
  });
});

describe('itsm audit verify', () => {
  const copy = (name: string): string => {
    const file = join(folder, `${name}.db`);
    copyFileSync(demoStore, file);
    return file;
  };
  const middle = () => {
    const row = trail[Math.floor(trail.length / 2)];
    if (!row) throw new Error('empty trail');
    return row;
  };

  it('passes an untouched copy', () => {
    const run = itsm('audit', 'verify', '--store', `sqlite:${copy('intact')}`);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^OK: \d+ events in \d+ streams/);
  });

  it('names the position of a flipped byte', async () => {
    const file = copy('flipped');
    await sqliteTampering(file).flipByte(middle().position);
    const run = itsm('audit', 'verify', '--store', `sqlite:${file}`, '--json');
    expect(run.status).toBe(1);
    expect(json(run)).toMatchObject({
      ok: false,
      broken: { reason: 'hash-mismatch', globalPosition: middle().position },
    });
  });

  it('detects a deleted event', async () => {
    const file = copy('deleted');
    await sqliteTampering(file).deleteEvent(middle().position);
    const run = itsm('audit', 'verify', '--store', `sqlite:${file}`, '--json');
    expect(run.status).toBe(1);
    expect(json(run)).toMatchObject({ ok: false, broken: { reason: 'version-gap', streamId: middle().stream } });
  });

  it('detects reordered events', async () => {
    const file = copy('reordered');
    const [a, b] = [trail[1], trail[2]];
    if (!a || !b) throw new Error('short trail');
    await sqliteTampering(file).swapEvents(a.position, b.position);
    const run = itsm('audit', 'verify', '--store', `sqlite:${file}`);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`BROKEN`);
    expect(run.stdout).toContain(`at position ${a.position}`);
  });

  it('detects an inserted event', async () => {
    const file = copy('inserted');
    await sqliteTampering(file).insertEvent(middle().position);
    const run = itsm('audit', 'verify', '--store', `sqlite:${file}`, '--json');
    expect(run.status).toBe(1);
    expect(json<{ ok: boolean }>(run).ok).toBe(false);
  });

  it('needs the anchor to detect a truncated tail, and detects it with the anchor', async () => {
    const file = copy('truncated');
    const anchor = join(folder, 'truncated-anchor.json');
    expect(
      itsm('audit', 'anchor', '--store', `sqlite:${file}`, '--out', anchor, '--key', 'auditor-secret').status,
    ).toBe(0);
    const last = trail[trail.length - 1];
    if (!last) throw new Error('empty trail');
    await sqliteTampering(file).deleteEvent(last.position);
    // The chain itself stays consistent: only the anchor reveals the loss.
    expect(itsm('audit', 'verify', '--store', `sqlite:${file}`).status).toBe(0);
    const run = itsm(
      'audit',
      'verify',
      '--store',
      `sqlite:${file}`,
      '--anchor',
      anchor,
      '--key',
      'auditor-secret',
      '--json',
    );
    expect(run.status).toBe(1);
    expect(json(run)).toMatchObject({
      ok: false,
      broken: { reason: 'anchor-head-missing', streamId: last.stream, streamVersion: last.version },
    });
  });

  it('needs the anchor to detect a recomputed chain, and detects it with the anchor', async () => {
    const file = copy('recomputed');
    const anchor = join(folder, 'recomputed-anchor.json');
    expect(itsm('audit', 'anchor', '--store', `sqlite:${file}`, '--out', anchor).status).toBe(0);
    const first = trail[0];
    if (!first) throw new Error('empty trail');
    await sqliteTampering(file).rewriteEvent(middle().position, { forged: true });
    expect(itsm('audit', 'verify', '--store', `sqlite:${file}`).status).toBe(0);
    const run = itsm('audit', 'verify', '--store', `sqlite:${file}`, '--anchor', anchor, '--json');
    expect(run.status).toBe(1);
    expect(json(run)).toMatchObject({ ok: false, broken: { reason: 'anchor-head-mismatch', streamId: first.stream } });
  });

  it('will not check a signed anchor without its key', () => {
    const anchor = join(folder, 'keyless-anchor.json');
    expect(itsm('audit', 'anchor', '--store', `sqlite:${demoStore}`, '--out', anchor, '--key', 'a-key').status).toBe(0);
    const run = itsm('audit', 'verify', '--store', `sqlite:${demoStore}`, '--anchor', anchor);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--key');
  });

  it('refuses an anchor signed with another key', () => {
    const anchor = join(folder, 'signed-anchor.json');
    expect(
      itsm('audit', 'anchor', '--store', `sqlite:${demoStore}`, '--out', anchor, '--key', 'right-key').status,
    ).toBe(0);
    const run = itsm(
      'audit',
      'verify',
      '--store',
      `sqlite:${demoStore}`,
      '--anchor',
      anchor,
      '--key',
      'wrong-key',
      '--json',
    );
    expect(run.status).toBe(1);
    expect(json(run)).toMatchObject({ ok: false, broken: { reason: 'anchor-signature-mismatch' } });
  });
});

describe('the auditor’s other tools', () => {
  it('replays a record as of an instant: fewer events, an earlier state', () => {
    const record = report.auditTrail.record ?? '';
    const fullRun = itsm('audit', 'history', record, '--store', `sqlite:${demoStore}`, '--json');
    expect(fullRun.stderr).toBe('');
    const full = json<{ events: unknown[]; state: { status: string } }>(fullRun);
    const all = json<{ recordedAt: string }[]>(
      itsm('audit', 'export', '--store', `sqlite:${demoStore}`, '--record', record, '--format', 'json'),
    );
    const cut = all[1]?.recordedAt;
    if (cut === undefined) throw new Error('short record');
    const early = json<{ events: unknown[]; state: { status: string } }>(
      itsm('audit', 'history', record, '--as-of', cut, '--store', `sqlite:${demoStore}`, '--json'),
    );
    expect(full.state.status).toBe('Closed');
    expect(early.events.length).toBeLessThan(full.events.length);
    expect(early.events.length).toBeGreaterThanOrEqual(2);
    expect(early.state.status).not.toBe('Closed');
  });

  it('exports an actor’s events as CSV with a header', () => {
    const run = itsm(
      'audit',
      'export',
      '--store',
      `sqlite:${demoStore}`,
      '--actor',
      'sla-deadline-process',
      '--format',
      'csv',
    );
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(
      'position,stream,version,type,actor,occurredAt,recordedAt,correlationId,causationId,eventId,hash,data',
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.split(',')[4]).toBe('sla-deadline-process');
  });

  it('stops quietly when the reader of its output goes away', () => {
    const piped = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${binary}" audit export --store "sqlite:${demoStore}" | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(piped.stdout.trim()).toBe('status=0');
    expect(piped.stderr).not.toContain('EPIPE');
  });

  it('reports approvals with requester and approver, and the refused self-approval', () => {
    const run = itsm('audit', 'sod', '--store', `sqlite:${demoStore}`, '--json');
    expect(run.status).toBe(0);
    const sod = json<{
      approvals: { requester: string; approver: string; separated: boolean }[];
      refusals: { rule: string }[];
    }>(run);
    expect(sod.approvals.length).toBeGreaterThan(0);
    for (const approval of sod.approvals) expect(approval.approver).not.toBe(approval.requester);
    expect(sod.refusals.map((refusal) => refusal.rule)).toContain('requester-approves');
  });
});

describe('bad input', () => {
  it('refuses a malformed --json with the field path and writes nothing', () => {
    const file = join(folder, 'never-created.db');
    const run = itsm(
      'incident',
      'LogIncident',
      '--store',
      `sqlite:${file}`,
      '--actor',
      'ana',
      '--role',
      'service-desk-agent',
      '--json',
      '{"incidentId":"INC-1","impact":7}',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('data.impact');
    expect(run.stderr).toContain('data.caller');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses JSON that does not parse', () => {
    const run = itsm('incident', 'LogIncident', '--actor', 'ana', '--json', '{not json');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('handles a valid command and reports a broken rule with its own error', () => {
    const file = join(folder, 'records.db');
    const log = itsm(
      'incident',
      'LogIncident',
      '--store',
      `sqlite:${file}`,
      '--actor',
      'ana',
      '--role',
      'service-desk-agent',
      '--output',
      'json',
      '--json',
      JSON.stringify({
        incidentId: 'INC-1',
        caller: 'employee-7',
        service: 'email',
        category: 'mailbox',
        impact: 2,
        urgency: 2,
        channel: 'phone',
        shortDescription: 'Mailbox full',
        description: 'Cannot send mail',
      }),
    );
    expect(log.status).toBe(0);
    expect(json<{ stream: string; version: number }>(log)).toMatchObject({ stream: 'incident-INC-1', version: 1 });
    const resolve = itsm(
      'incident',
      'ResolveIncident',
      '--store',
      `sqlite:${file}`,
      '--actor',
      'ana',
      '--role',
      'service-desk-agent',
      '--json',
      JSON.stringify({
        incidentId: 'INC-1',
        resolutionCode: 'solved-permanently',
        resolutionNotes: 'Done',
        resolvedChildren: [],
      }),
    );
    expect(resolve.status).toBe(1);
    expect(resolve.stderr).toMatch(/refused: Incident\w+/);
  });

  it('rejects an unknown command or option in one line', () => {
    const unknownCommand = itsm('frobnicate');
    expect(unknownCommand.status).toBe(2);
    expect(unknownCommand.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknownCommand.stderr).toContain('itsm --help');
    const unknownOption = itsm('audit', 'verify', '--frobnicate');
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toContain('--frobnicate');
  });

  it('refuses a foreign file without touching it, and a missing one', () => {
    const foreign = join(folder, 'foreign.db');
    writeFileSync(foreign, 'this is not a database');
    const run = itsm('audit', 'verify', '--store', `sqlite:${foreign}`);
    expect(run.status).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const missing = itsm('audit', 'verify', '--store', `sqlite:${join(folder, 'missing.db')}`);
    expect(missing.status).toBe(3);
    expect(existsSync(join(folder, 'missing.db'))).toBe(false);
  });

  it('reports a store URL that does not answer', () => {
    const run = itsm('audit', 'verify', '--store', 'esdb://127.0.0.1:1?tls=false');
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('itsm: cannot open');
  }, 60_000);
});
