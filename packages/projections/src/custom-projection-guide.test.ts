/** The code of docs/guides/custom-projection.md, run as written. */
import { describe, expect, it } from '@jest/globals';
import { projectionSpec, storeWithEvents } from '@itsm/testing';
import { openSqliteReadModels, rebuildProjection, runProjection, type Projection } from './index.js';

interface Db {
  reopened: { record_id: string; times: number };
}

const reopened = (version = 1): Projection<Db> => ({
  name: 'reopened',
  version,
  handles: ['IncidentReopened'],
  tables: ['reopened'],
  migrations: {
    '0001': {
      up: (db) =>
        db.schema
          .createTable('reopened')
          .addColumn('record_id', 'text', (c) => c.primaryKey())
          .addColumn('times', 'integer', (c) => c.notNull())
          .execute(),
    },
  },
  apply: async (trx, event) => {
    await trx
      .insertInto('reopened')
      .values({ record_id: event.streamId, times: 1 })
      .onConflict((oc) => oc.column('record_id').doUpdateSet((eb) => ({ times: eb('reopened.times', '+', 1) })))
      .execute();
  },
});

const events = [
  { type: 'IncidentReopened', data: { incidentId: 'INC1', reason: 'again', reopenCount: 1 } },
  { type: 'IncidentLogged', data: { incidentId: 'INC2' } },
  { type: 'IncidentReopened', data: { incidentId: 'INC1', reason: 'still', reopenCount: 2 } },
];

describe('the custom projection guide', () => {
  it('counts reopenings per incident', () =>
    projectionSpec(reopened())
      .givenEvents(...events)
      .thenQuery((db) => db.selectFrom('reopened').selectAll().execute())
      .returns([{ record_id: 'incident-INC1', times: 2 }]));

  it('runs and rebuilds as the guide shows', async () => {
    const store = await storeWithEvents(events);
    const db = openSqliteReadModels(':memory:');
    expect(await runProjection(db, store, reopened())).toMatchObject({ _tag: 'Right', right: { position: 3 } });
    const rates: number[] = [];
    const rebuilt = await rebuildProjection(db, store, reopened(2), {
      onProgress: (p) => rates.push(p.eventsPerSecond),
    });
    expect(rebuilt).toMatchObject({ _tag: 'Right', right: { swapped: true } });
    expect(rates.length).toBeGreaterThan(0);
    expect(await db.selectFrom('reopened').selectAll().execute()).toEqual([{ record_id: 'incident-INC1', times: 2 }]);
    await db.destroy();
  });
});
