/**
 * The built `itsm` binary against EventStoreDB's protocol: commands,
 * verification, replay and projections with `--store esdb://…`, served by
 * the in-process protocol test server of @itsm/testing (a test double of the
 * EventStoreDB Streams protocol that the real client talks to over loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEsdbProtocolTestServer, type EsdbProtocolTestServer } from '@itsm/testing/esdb-protocol-server';

const binary = join(process.cwd(), 'packages/cli/dist/main.js');
const folder = mkdtempSync(join(tmpdir(), 'itsm-e2e-esdb-'));
let server: EsdbProtocolTestServer;

// Asynchronous on purpose: the server answering the child lives in this process's event loop.
const itsm = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [binary, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

const agent = ['--actor', 'dev', '--role', 'resolver', '--role', 'service-desk-agent', '--group', 'network'];

beforeAll(async () => {
  server = await startEsdbProtocolTestServer();
});

afterAll(async () => {
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('itsm with --store esdb://', () => {
  it('handles commands, verifies, replays and projects against the EventStoreDB protocol', async () => {
    const store = server.connectionString;
    const logged = await itsm(
      'incident',
      'LogIncident',
      '--store',
      store,
      ...agent,
      '--json',
      JSON.stringify({
        incidentId: 'INC-9',
        caller: 'employee-1',
        service: 'vpn',
        category: 'connection',
        impact: 2,
        urgency: 1,
        channel: 'phone',
        shortDescription: 'VPN down',
        description: 'No VPN since 8:00',
      }),
    );
    expect(logged.stderr).toBe('');
    expect(logged.status).toBe(0);
    const assigned = await itsm(
      'incident',
      'AssignIncidentToGroup',
      '--store',
      store,
      ...agent,
      '--json',
      JSON.stringify({ incidentId: 'INC-9', group: 'network' }),
    );
    expect(assigned.status).toBe(0);

    const verified = await itsm('audit', 'verify', '--store', store, '--json');
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, eventsChecked: 2, streamsChecked: 1 });

    const history = await itsm('audit', 'history', 'incident-INC-9', '--store', store, '--json');
    expect(history.status).toBe(0);
    expect(JSON.parse(history.stdout).state).toMatchObject({ status: 'New', priority: 2 });

    const readModels = `sqlite:${join(folder, 'read-models.db')}`;
    const projected = await itsm('projections', 'run', '--store', store, '--read-models', readModels);
    expect(projected.status).toBe(0);
    const queue = await itsm('queue', '--group', 'network', '--read-models', readModels, '--json');
    expect(JSON.parse(queue.stdout)).toEqual([
      expect.objectContaining({ record_id: 'incident-INC-9', priority: 2, assignment_group: 'network' }),
    ]);
  }, 120_000);
});
