import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkRebuildEquivalence, type GivenEvent } from '@itsm/testing';
import { builtInDefinitions } from './built-in.js';
import { syntheticHistory } from '../synthetic-history.test-fixture.js';
import { problemEventTypes } from './event-types.js';
import { foldRowProjection } from '../row-projection.js';
import { slaDefinitionWith } from './sla.js';
import type { RecordedEvent } from '@itsm/event-store';

/** Small generated ITSM histories: a few incidents, changes and problems, interleaved. */
const histories: fc.Arbitrary<readonly GivenEvent[]> = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    incidents: fc.integer({ min: 0, max: 5 }),
    changes: fc.integer({ min: 0, max: 4 }),
    problems: fc.integer({ min: 0, max: 3 }),
    everySlaTargetKind: fc.boolean(),
  })
  .map(({ seed, incidents, changes, problems, everySlaTargetKind }) =>
    syntheticHistory({ seed, incidents, changes, problems, everySlaTargetKind, spacingMinutes: 30 }).map(
      (h): GivenEvent => ({
        streamId: h.streamId,
        type: h.event.type,
        data: h.event.data,
        metadata: h.event.metadata,
      }),
    ),
  );

// A clock where business time runs at half speed, so business-time columns are exercised too.
const halfTime = () => ({
  between: (from: number, to: number) => (to - from) / 2,
  add: (start: number, duration: number) => start + duration * 2,
});

describe('built-in read models: rebuild equivalence', () => {
  it('is checked over histories that hold every problem event type (the generator reaches each)', () => {
    const types = new Set<string>();
    for (let seed = 1; seed <= 20; seed++)
      for (const h of syntheticHistory({ seed, incidents: 5, changes: 4, problems: 3 })) types.add(h.event.type);
    expect(problemEventTypes.filter((type) => !types.has(type))).toEqual([]);
  });

  it('is checked over histories whose SLA read model holds every kind of target and outcome (the generator reaches each)', () => {
    const kinds = new Set<string>();
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) {
      const history = syntheticHistory({ seed, incidents: 20, everySlaTargetKind: true });
      const events = history.map((h, index): RecordedEvent => ({
        ...h.event,
        streamId: h.streamId,
        streamVersion: 0,
        globalPosition: index + 1,
        schemaVersion: 1,
        metadata: { ...h.event.metadata, recordedAt: h.event.metadata.occurredAt },
        hash: '',
      }));
      for (const row of foldRowProjection(slaDefinitionWith(halfTime), events)['sla_target'] ?? []) {
        kinds.add(String(row['kind']));
        outcomes.add(`${String(row['kind'])} ${String(row['outcome'])}`);
      }
    }
    expect([...kinds].sort()).toEqual(['ola', 'time-to-own', 'time-to-resolve', 'update-interval']);
    for (const kind of ['ola', 'update-interval'])
      for (const outcome of ['met', 'breached', 'null']) expect(outcomes).toContain(`${kind} ${outcome}`);
  });

  it('incremental with random interruptions == fresh rebuild == in-memory fold, over 200 generated histories', async () => {
    const runs = await checkRebuildEquivalence({ definitions: builtInDefinitions(halfTime), histories, numRuns: 200 });
    expect(runs).toBeGreaterThanOrEqual(200);
  }, 180_000);
});
