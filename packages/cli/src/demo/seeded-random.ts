/**
 * A small seeded pseudo-random generator (mulberry32) for the demo, so that a
 * given `--seed` always simulates the same service desk. Not for security.
 *
 * @module
 */

/** A seeded source of pseudo-random numbers. */
export interface SeededRandom {
  /** A number in [0, 1). */
  readonly next: () => number;
  /** An integer in [min, max]. */
  readonly integer: (min: number, max: number) => number;
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean;
  /** One element of a non-empty array. */
  readonly pick: <T>(items: readonly T[]) => T;
  /** An element chosen with the given weights. */
  readonly weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  /** An exponentially distributed delay with the given mean. */
  readonly exponential: (mean: number) => number;
  /** A UUID-shaped id drawn from the generator (deterministic per seed). */
  readonly uuid: () => string;
}

/** Creates a generator from a 32-bit seed. */
export const seededRandom = (seed: number): SeededRandom => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    next,
    integer,
    chance: (p) => next() < p,
    pick,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(12)}`,
  };
};
