import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Incident } from '@itsm/domain';
import { aggregateStream, createEventSchemaRegistry, defaultEventStoreSettings, verifyStream } from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { main } from './main.js';

const folder = mkdtempSync(join(tmpdir(), 'itsm-incident-lifecycle-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the incident lifecycle example on SQLite', () => {
  it('walks the incident to Closed, with one reopen, and refuses reopening it afterwards', async () => {
    const file = join(folder, 'events.sqlite');
    const report = await main(file, false);

    expect(report.steps.map((step) => `${step.command}: ${step.outcome}`)).toEqual([
      'LogIncident: recorded',
      'AssignIncidentToGroup: recorded',
      'AssignIncidentToAgent: recorded',
      'StartIncidentWork: recorded',
      'AddIncidentWorkNote: recorded',
      'PutIncidentOnHold: recorded',
      'AddIncidentComment: recorded',
      'ResolveIncident: recorded',
      'ReopenIncident: recorded',
      'ResolveIncident: recorded',
      'ConfirmIncidentResolution: recorded',
      'ReopenIncident: IncidentAlreadyClosed',
    ]);
    // The caller's reply resumed the incident automatically.
    expect(report.steps[6]?.events.map((event) => [event.type, event.data])).toEqual([
      ['IncidentCommentAdded', expect.objectContaining({ byCaller: true })],
      ['IncidentResumed', expect.objectContaining({ automatic: true })],
    ]);
    expect(report.trail).toHaveLength(13);
    expect(report.finalState).toMatchObject({
      status: 'Closed',
      closure: 'confirmed',
      reopenCount: 1,
      group: 'network',
      agent: 'nina',
      priority: 3,
      resolution: { code: 'solved-permanently', knowledgeArticle: 'KB-0042' },
    });
  });

  it('leaves a stream that replays to the same state and verifies intact after reopening the file', async () => {
    const file = join(folder, 'replay.sqlite');
    const report = await main(file, false);
    const opened = openSqliteEventStore(
      file,
      defaultEventStoreSettings(createEventSchemaRegistry(Incident.eventSchemas)),
    );
    if (opened._tag === 'Left') throw new Error(opened.left.reason);
    try {
      const replayed = await aggregateStream(opened.right, Incident.decider, 'incident-INC-1001');
      expect(replayed._tag === 'Right' && replayed.right.state).toEqual(report.finalState);
      expect(replayed._tag === 'Right' && replayed.right.version).toBe(13);
      const verification = await verifyStream(opened.right, 'incident-INC-1001');
      expect(verification).toMatchObject({ _tag: 'Right', right: { ok: true, eventsChecked: 13 } });
    } finally {
      await opened.right.close();
    }
  });
});
