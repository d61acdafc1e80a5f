import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SimulationAgenda } from './simulation-agenda.js';
import { seededRandom } from './seeded-random.js';

describe('simulation agenda', () => {
  it('yields actions in time order, ties in insertion order, and only those due', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 50 }),
        (times, until) => {
          const agenda = new SimulationAgenda();
          times.forEach((at, index) => agenda.schedule(at, String(index), async () => undefined));
          const order: [number, number][] = [];
          for (let action = agenda.next(until); action; action = agenda.next(until))
            order.push([action.at, Number(action.label)]);
          const expected = times
            .map((at, index) => [at, index] as [number, number])
            .filter(([at]) => at <= until)
            .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(order).toEqual(expected);
          expect(agenda.size).toBe(times.length - expected.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('seeded random', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const draw = (r: ReturnType<typeof seededRandom>) => Array.from({ length: 20 }, () => r.next());
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('draws UUID-shaped ids the event store accepts', () => {
    const r = seededRandom(7);
    for (let i = 0; i < 100; i++)
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
