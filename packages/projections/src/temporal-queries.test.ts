import { describe, expect, it } from '@jest/globals';
import { incidentDecider } from '@itsm/domain';
import { createSpecStore, type GivenEvent } from '@itsm/testing';
import { genericRecordStateAsOf, queryAsOf, recordStateAsOf } from './temporal-queries.js';
import { groupQueue, workQueueProjection } from './read-models/work-queue.js';

const at = (minutes: number) => new Date(Date.parse('2026-03-02T09:00:00Z') + minutes * 60_000).toISOString();
const ev = (type: string, id: string, minutes: number, data: Record<string, unknown> = {}): GivenEvent => ({
  type,
  data: { incidentId: id, at: at(minutes), by: 'agent', ...data },
});
const logged = (id: string, minutes: number): GivenEvent =>
  ev('IncidentLogged', id, minutes, {
    caller: 'carol',
    service: 'email',
    category: 'software',
    impact: 2,
    urgency: 2,
    priority: 3,
    channel: 'phone',
    shortDescription: 'mail down',
    description: 'no mail',
  });

const history = [
  logged('INC1', 0),
  ev('IncidentAssignedToGroup', 'INC1', 10, { group: 'network' }),
  logged('INC2', 15),
  ev('IncidentAssignedToGroup', 'INC2', 16, { group: 'network' }),
  ev('IncidentAssignedToAgent', 'INC1', 20, { group: 'network', agent: 'ann' }),
  ev('IncidentPutOnHold', 'INC1', 30, { reason: 'awaiting-vendor' }),
  ev('IncidentAssignedToGroup', 'INC1', 40, { group: 'apps' }),
];

describe('temporal queries', () => {
  it('replays a record as of an instant with the domain decider', async () => {
    const { store, append } = createSpecStore();
    await append(history);
    const before = await recordStateAsOf(store, 'incident-INC1', new Date(at(25)), incidentDecider);
    expect(before).toMatchObject({
      _tag: 'Right',
      right: { version: 3, state: { status: 'InProgress', group: 'network' } },
    });
    const later = await recordStateAsOf(store, 'incident-INC1', new Date(at(35)), incidentDecider);
    expect(later).toMatchObject({
      _tag: 'Right',
      right: { version: 4, state: { status: 'OnHold' }, lastEvent: { type: 'IncidentPutOnHold', at: at(30) } },
    });
    const notYet = await recordStateAsOf(store, 'incident-INC1', new Date(at(-1)), incidentDecider);
    expect(notYet).toMatchObject({
      _tag: 'Right',
      right: { version: 0, state: { status: 'NotLogged' }, lastEvent: undefined },
    });
  });

  it('replays a record with the generic fold (the last value of every field)', async () => {
    const { store, append } = createSpecStore();
    await append(history);
    const state = await genericRecordStateAsOf(store, 'incident-INC1', new Date(at(35)));
    expect(state).toMatchObject({
      _tag: 'Right',
      right: { version: 4, state: { group: 'network', agent: 'ann', reason: 'awaiting-vendor', priority: 3 } },
    });
  });

  it('shows what a queue looked like at an instant, on the recorded or the occurred timeline', async () => {
    const { store, append } = createSpecStore();
    await append(history);
    // A back-dated entry: recorded now (after minute 40), occurred at minute 12.
    await append([
      { ...ev('IncidentAssignedToGroup', 'INC2', 12, { group: 'apps' }), metadata: { occurredAt: at(12) } },
    ]);
    const queueAt = (minutes: number, timeline: 'recorded' | 'occurred' = 'recorded') =>
      queryAsOf(
        store,
        new Date(at(minutes)),
        [workQueueProjection],
        async (db) => (await groupQueue(db, 'network')).map((r) => [r.record_number, r.status]),
        timeline,
      );
    expect(await queueAt(12)).toEqual({ _tag: 'Right', right: [['INC1', 'assigned']] });
    expect(await queueAt(35)).toEqual({
      _tag: 'Right',
      right: [
        ['INC1', 'on-hold'],
        ['INC2', 'assigned'],
      ],
    });
    // The back-dated entry was recorded at minute 40 (the store's clock): the system knew it from then on.
    expect(await queueAt(39)).toEqual({
      _tag: 'Right',
      right: [
        ['INC1', 'on-hold'],
        ['INC2', 'assigned'],
      ],
    });
    expect(await queueAt(45)).toEqual({ _tag: 'Right', right: [] });
    // On the occurred timeline INC2 did not exist yet at 14; the back-dated move to apps (occurred 12) is
    // applied in log order, after the move to network at 16, so at 17 INC2 is in apps.
    expect(await queueAt(14, 'occurred')).toEqual({ _tag: 'Right', right: [['INC1', 'assigned']] });
    expect(await queueAt(17, 'occurred')).toEqual({ _tag: 'Right', right: [['INC1', 'assigned']] });
  });
});
