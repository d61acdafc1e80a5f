import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Change } from '@itsm/domain';
import {
  createEventSchemaRegistry,
  createInMemoryEventStore,
  defaultEventStoreSettings,
  readStreamEvents,
  verifyAll,
} from '@itsm/event-store';
import { openSqliteEventStore } from '@itsm/event-store-sqlite';
import { runChangeWithCab } from './change-with-cab.js';
import { main } from './main.js';

const outcomes = (report: Awaited<ReturnType<typeof runChangeWithCab>>) =>
  report.steps.map((step) => `${step.command} ${step.actor} ${step.outcome}`);

describe('example: change with CAB', () => {
  it('runs on the SQLite store and prints the trail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'itsm-example-cab-'));
    try {
      const lines: string[] = [];
      const report = await main(join(dir, 'events.db'), (line) => lines.push(line));
      expect(lines.join('\n')).toMatch(/Trail of CHG-1001:/);
      expect(lines.join('\n')).toMatch(/ChangeSegregationViolationRecorded/);

      // The file holds a verifiable log after the run.
      const reopened = openSqliteEventStore(
        join(dir, 'events.db'),
        defaultEventStoreSettings(createEventSchemaRegistry(Change.eventSchemas)),
      );
      if (reopened._tag === 'Left') throw new Error(JSON.stringify(reopened.left));
      const verified = await verifyAll(reopened.right);
      await reopened.right.close();
      expect(verified).toMatchObject({ _tag: 'Right' });
      expect(report.trails['CHG-1001']?.at(-1)).toMatch(/ChangeClosed$/);
      expect(report.trails['CHG-1002']?.at(-1)).toMatch(/ChangeClosed$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('walks through every rule it shows, on the in-memory store', async () => {
    const store = createInMemoryEventStore(defaultEventStoreSettings(createEventSchemaRegistry(Change.eventSchemas)));
    const report = await runChangeWithCab(store);
    expect(outcomes(report)).toEqual([
      'RequestChange rita recorded',
      'SubmitChangeForAssessment rita recorded',
      'AssessChangeRisk rita recorded',
      'PlanChange rita ChangeInBlackoutWindow',
      'PlanChange rita recorded',
      'RequestChangeAuthorization rita recorded',
      'ApproveChange rita ChangeRequesterCannotApprove',
      'RecordChangeSegregationViolation change-process recorded',
      'ApproveChange mona recorded',
      'ApproveChange carl recorded',
      'ApproveChange cleo recorded',
      'RequestChange rita recorded',
      'PlanChange rita recorded',
      'RequestChange rita recorded',
      'PlanChange rita recorded',
      // One conflict: CHG-0990 on erp-db (CHG-0991 touches only mail).
      'RecordChangeConflictWarning change-process recorded',
      'AssignChangeImplementer mona ChangeApproverCannotImplement',
      'RecordChangeSegregationViolation change-process recorded',
      'AssignChangeImplementer mona recorded',
      'StartChangeImplementation ivan recorded',
      'RecordChangeImplementationOutcome ivan recorded',
      'CloseChange mona recorded',
      'RequestChange ivan recorded',
      'PlanChange ivan EmergencyChangeBlackoutOverrideRequired',
      'PlanChange ivan recorded',
      'RequestChangeAuthorization ivan recorded',
      'ApproveChange erin recorded',
      'StartChangeImplementation rita recorded',
      'RecordChangeImplementationOutcome rita recorded',
      'CloseChange mona ChangeReviewRequired',
      'RecordPostImplementationReview mona recorded',
      'ApproveEmergencyChangeRetrospectively rita ChangeImplementerCannotApprove',
      'RecordChangeSegregationViolation change-process recorded',
      'ApproveEmergencyChangeRetrospectively carl recorded',
      'CloseChange mona recorded',
    ]);
    const cleo = report.steps.find((step) => step.actor === 'cleo');
    expect(cleo?.events).toEqual(['ChangeApproved', 'ChangeAuthorized', 'ChangeScheduled']);

    // The warning names the other change, the shared CI and the overlap the change schedule read model found.
    const upgrade = await readStreamEvents(store, 'change-CHG-1001');
    if (upgrade._tag === 'Left') throw new Error(JSON.stringify(upgrade.left));
    expect(upgrade.right.find((event) => event.type === 'ChangeConflictWarningRecorded')?.data).toMatchObject({
      conflictingChangeId: 'CHG-0990',
      configurationItemId: 'erp-db',
      overlapStart: '2026-04-04T22:30:00Z',
      overlapEnd: '2026-04-04T23:00:00Z',
    });
  });
});
