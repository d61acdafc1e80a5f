import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEventStoreSettings, readStreamEvents, verifyAll } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { main } from './main.js';
import { scenarioSchemas } from './service-desk-scenario.js';

describe('the service request walkthrough on a SQLite file', () => {
  it('leaves a fulfilled request that reads back, schema-checked and verified, after reopening the file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'itsm-service-request-test-'));
    try {
      const file = join(folder, 'events.sqlite');
      const report = await main(file, false);
      expect(report.request.request.status).toBe('fulfilled');

      const reopened = openSqliteEventStore(file, defaultEventStoreSettings(scenarioSchemas()));
      if (reopened._tag === 'Left') throw new Error(reopened.left.reason);
      const store = reopened.right;
      try {
        const trail = await readStreamEvents(store, 'serviceRequest-REQ-2001');
        if (trail._tag === 'Left') throw new Error(trail.left._tag);
        expect(trail.right.map((event) => event.type)).toEqual(report.requestTrail.map((event) => event.type));
        expect(trail.right.at(-1)?.type).toBe('ServiceRequestFulfilled');
        expect(trail.right[0]?.metadata).toMatchObject({ actor: 'carol', correlationId: 'laptop-for-alice' });
        const verified = await verifyAll(store);
        expect(verified._tag === 'Right' && verified.right.ok).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
