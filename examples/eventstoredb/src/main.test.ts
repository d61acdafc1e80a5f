import { expect, it } from '@jest/globals';
import { startEsdbProtocolTestServer } from '@itsm/testing';
import { main } from './main.js';

it('runs the incident commands on the protocol test server, feeds the read model from the subscription, and the chain verifies', async () => {
  const server = await startEsdbProtocolTestServer();
  try {
    const report = await main(server.connectionString, false);
    expect(report.outcomes).toEqual(['recorded', 'recorded', 'recorded', 'recorded']);
    expect(Object.keys(report.lastEventByIncident)).toEqual([report.incidentId]);
    expect(report.caughtUpAt).toBeGreaterThan(0);
    expect(report.verification).toMatchObject({ ok: true });
  } finally {
    await server.stop();
  }
});
