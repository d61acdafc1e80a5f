/**
 * The shape every benchmark module of `pnpm bench` returns, and helpers to
 * measure a rate. Benchmarks compare against a reference measured in the same
 * run (a ratio), never against a fixed time.
 *
 * @module
 */

/** One measured workload, optionally compared with a reference measured in the same run. */
export interface BenchResult {
  /** What was measured, e.g. `(a) single-event append: @itsm SQLite store`. */
  readonly name: string;
  /** Operations per second of the measured workload. */
  readonly opsPerSecond: number;
  /** What it is compared with, measured in the same run. */
  readonly reference?: { readonly name: string; readonly opsPerSecond: number };
  /** The smallest acceptable `opsPerSecond / reference.opsPerSecond`, when there is a target. */
  readonly targetRatio?: number;
  /** Anything a reader needs to interpret the figure (sizes, settings, caveats). */
  readonly note?: string;
}

/** A benchmark module: a name and a function that measures its workloads. */
export interface BenchModule {
  /** Short name, used as the CLI filter (`pnpm bench <name>`). */
  readonly name: string;
  /** Runs every workload of the module and returns their results. */
  readonly run: () => Promise<BenchResult[]>;
}

/** The ratio of a result to its reference, when it has one. */
export const ratioOf = (result: BenchResult): number | undefined =>
  result.reference ? result.opsPerSecond / result.reference.opsPerSecond : undefined;

/** Whether a result meets its target (undefined when it has none). */
export const passes = (result: BenchResult): boolean | undefined => {
  const ratio = ratioOf(result);
  return ratio === undefined || result.targetRatio === undefined ? undefined : ratio >= result.targetRatio;
};

/**
 * Runs `operation` repeatedly for about `seconds` and returns operations per
 * second. `operation` returns how many operations it performed (e.g. 64 for a
 * round of 64 concurrent appends).
 */
export const measureRate = async (seconds: number, operation: () => Promise<number> | number): Promise<number> => {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let operations = 0;
  while (performance.now() < deadline) operations += await operation();
  return operations / ((performance.now() - started) / 1000);
};

/**
 * Measures several contenders in alternating rounds (so drift in disk or CPU
 * speed hits them alike) and returns each one's mean rate.
 */
export const measureAlternating = async (
  rounds: number,
  secondsPerRound: number,
  contenders: readonly (() => Promise<number>)[],
): Promise<number[]> => {
  const totals = contenders.map(() => 0);
  for (let round = 0; round < rounds; round++)
    for (const [index, contender] of contenders.entries()) {
      const started = performance.now();
      let operations = 0;
      const deadline = started + secondsPerRound * 1000;
      while (performance.now() < deadline) operations += await contender();
      totals[index] = (totals[index] ?? 0) + operations / ((performance.now() - started) / 1000);
    }
  return totals.map((total) => total / rounds);
};
