import { describe, expect, it } from '@jest/globals';
import { instantFromEpochMilliseconds } from '@itsm/domain';
import { projectionSpec, type GivenEvent } from '@itsm/testing';
import {
  changeSchedule,
  changeScheduleConflicts,
  changeScheduleProjection,
  changeScheduleWithConflicts,
} from './change-schedule.js';

const T0 = Date.parse('2026-04-04T20:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
/** An instant as the domain writes it (the overlaps come from its pure conflict check). */
const instant = (minutes: number) => instantFromEpochMilliseconds(T0 + minutes * 60_000);

const change = (type: string, id: string, minutes: number, data: Record<string, unknown> = {}): GivenEvent => ({
  type,
  streamId: `change-${id}`,
  data: { changeId: id, at: at(minutes), by: 'cm', ...data },
});
const requested = (id: string, items: string[]) =>
  change('ChangeRequested', id, 0, {
    changeType: 'normal',
    title: `change ${id}`,
    description: 'upgrade',
    configurationItems: items,
  });
const planned = (id: string, startMinutes: number, endMinutes: number) =>
  change('ChangePlanned', id, 1, { plannedStart: at(startMinutes), plannedEnd: at(endMinutes) });

describe('change schedule read model', () => {
  const history: GivenEvent[] = [
    requested('CHG1', ['erp-db', 'erp-app']),
    planned('CHG1', 120, 180),
    requested('CHG2', ['erp-db']),
    planned('CHG2', 150, 300),
    requested('CHG3', ['erp-app', 'mail']),
    planned('CHG3', 170, 200),
    // Touches erp-db, but after CHG1 ends: [180, 240) does not overlap [120, 180).
    requested('CHG4', ['erp-db']),
    planned('CHG4', 180, 240),
    // Overlaps CHG1 on erp-db, but is cancelled: no longer in the schedule.
    requested('CHG5', ['erp-db']),
    planned('CHG5', 100, 200),
    change('ChangeCancelled', 'CHG5', 2, { reason: 'not needed' }),
    // Not planned yet: never a conflict.
    requested('CHG6', ['erp-db']),
  ];

  /** CHG1 [120, 180) meets CHG2 [150, 300) on erp-db and CHG3 [170, 200) on erp-app. */
  const conflictsOfChg1 = [
    {
      conflictingChangeId: 'CHG2',
      configurationItemId: 'erp-db',
      overlapStart: instant(150),
      overlapEnd: instant(180),
    },
    {
      conflictingChangeId: 'CHG3',
      configurationItemId: 'erp-app',
      overlapStart: instant(170),
      overlapEnd: instant(180),
    },
  ];

  it('finds, per other change and shared CI, the overlap of the planned windows', async () => {
    await projectionSpec(changeScheduleProjection)
      .givenEvents(...history)
      // Compared as plain data (the result's ids and instants are branded types).
      .thenQuery((db): Promise<unknown> => changeScheduleConflicts(db, 'CHG1'))
      .returns({
        change: {
          changeId: 'CHG1',
          configurationItems: ['erp-db', 'erp-app'],
          plannedStart: at(120),
          plannedEnd: at(180),
        },
        conflicts: conflictsOfChg1,
      });
  });

  it('has no conflicts for a change not yet planned, and nothing for a change it does not know', async () => {
    const spec = projectionSpec(changeScheduleProjection).givenEvents(...history);
    await spec.thenQuery((db) => changeScheduleConflicts(db, 'CHG6')).returns(undefined);
    await spec.thenQuery((db) => changeScheduleConflicts(db, 'CHG404')).returns(undefined);
  });

  it('a rescheduled change is checked at its new window; a closed change leaves the schedule', async () => {
    await projectionSpec(changeScheduleProjection)
      .givenEvents(
        ...history,
        // CHG2 moves to [400, 500): no longer overlapping CHG1; CHG3 is closed.
        change('ChangeScheduled', 'CHG2', 3, { plannedStart: at(400), plannedEnd: at(500) }),
        change('ChangeImplemented', 'CHG3', 4, { outcome: 'successful', notes: 'done' }),
        change('ChangeClosed', 'CHG3', 5, { outcome: 'successful', closureNotes: 'ok' }),
      )
      .thenQuery(async (db) => ({
        conflicts: (await changeScheduleConflicts(db, 'CHG1'))?.conflicts as unknown,
        erpDb: (await changeSchedule(db, { from: at(0), to: at(1000), configurationItem: 'erp-db' })).map((c) => [
          c.changeId,
          c.status,
          c.plannedStart,
        ]),
      }))
      .returns({
        conflicts: [],
        erpDb: [
          ['CHG1', 'New', at(120)],
          ['CHG4', 'New', at(180)],
          ['CHG2', 'Scheduled', at(400)],
        ],
      });
  });

  it('lists the forward schedule of a window by planned start, with status and authorisation', async () => {
    await projectionSpec(changeScheduleProjection)
      .givenEvents(
        ...history,
        change('ChangeAuthorizationRequested', 'CHG4', 3, { requiredApprovals: [] }),
        change('ChangeAuthorized', 'CHG4', 4),
      )
      .thenQuery((db) => changeSchedule(db, { from: at(175), to: at(200) }))
      .returns([
        {
          recordId: 'change-CHG1',
          changeId: 'CHG1',
          changeType: 'normal',
          title: 'change CHG1',
          status: 'New',
          configurationItems: ['erp-db', 'erp-app'],
          plannedStart: at(120),
          plannedEnd: at(180),
          authorized: false,
        },
        {
          recordId: 'change-CHG2',
          changeId: 'CHG2',
          changeType: 'normal',
          title: 'change CHG2',
          status: 'New',
          configurationItems: ['erp-db'],
          plannedStart: at(150),
          plannedEnd: at(300),
          authorized: false,
        },
        {
          recordId: 'change-CHG3',
          changeId: 'CHG3',
          changeType: 'normal',
          title: 'change CHG3',
          status: 'New',
          configurationItems: ['erp-app', 'mail'],
          plannedStart: at(170),
          plannedEnd: at(200),
          authorized: false,
        },
        {
          recordId: 'change-CHG4',
          changeId: 'CHG4',
          changeType: 'normal',
          title: 'change CHG4',
          status: 'Authorize',
          configurationItems: ['erp-db'],
          plannedStart: at(180),
          plannedEnd: at(240),
          authorized: true,
        },
      ]);
  });

  it("lists a window with every change's conflicts in one pass, the same as asking change by change", async () => {
    const { listed, oneByOne } = await projectionSpec(changeScheduleProjection)
      .givenEvents(...history)
      .thenQuery(async (db) => {
        const listed = await changeScheduleWithConflicts(db, { from: at(0), to: at(1000) });
        const oneByOne = [];
        for (const change of listed)
          oneByOne.push([change.changeId, (await changeScheduleConflicts(db, change.changeId))?.conflicts as unknown]);
        return { listed: listed.map((change) => [change.changeId, change.conflicts as unknown]), oneByOne };
      })
      .result();
    expect(listed).toEqual(oneByOne);
    expect(listed.map(([id]) => id)).toEqual(['CHG1', 'CHG2', 'CHG3', 'CHG4']);
    // CHG2 [150, 300) meets CHG1 and CHG4 [180, 240) on erp-db.
    expect((listed[1]![1] as { conflictingChangeId: string }[]).map((c) => c.conflictingChangeId)).toEqual([
      'CHG1',
      'CHG4',
    ]);
  });

  it('finds conflicts with changes planned outside the window asked for', async () => {
    await projectionSpec(changeScheduleProjection)
      .givenEvents(...history)
      // Only CHG1 [120, 180) overlaps [100, 130); CHG2 and CHG3 start after the window but overlap CHG1.
      .thenQuery(async (db): Promise<unknown> =>
        (await changeScheduleWithConflicts(db, { from: at(100), to: at(130) })).map((change) => ({
          changeId: change.changeId,
          conflicts: change.conflicts,
        })),
      )
      .returns([
        {
          changeId: 'CHG1',
          conflicts: conflictsOfChg1,
        },
      ]);
  });

  it('lists nothing, with no query for conflicts to fail, for an empty window', async () => {
    await projectionSpec(changeScheduleProjection)
      .givenEvents(...history)
      .thenQuery((db) => changeScheduleWithConflicts(db, { from: at(2000), to: at(3000) }))
      .returns([]);
  });
});
