/**
 * The benchmark runner of `pnpm bench`: a small registry of benchmark
 * modules. Each module exports a {@link BenchModule}; list it in `modules`
 * below. `pnpm bench <filter>` runs only the modules whose name contains the
 * filter. Prints a table (name, ops/s, reference, ratio, target, pass) and
 * writes every result to `bench-results/<date>.json`.
 *
 * Benchmarks are not part of the test run and never assert a time; a target
 * that is missed is reported (and sets the exit code to 1).
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { passes, ratioOf, type BenchModule, type BenchResult } from './bench-result.js';
import { eventStoreSqliteBench } from './event-store-sqlite.bench.js';
import { incidentDecideBench } from './incident-decide.bench.js';
import { slaBench } from './sla.bench.js';
import { projectionsRebuildBench } from './projections-rebuild.bench.js';
import { esdbAdapterBench } from './esdb-adapter.bench.js';

/** Every benchmark module, in the order they run. Add new modules here. */
const modules: readonly BenchModule[] = [
  eventStoreSqliteBench,
  incidentDecideBench,
  slaBench,
  projectionsRebuildBench,
  esdbAdapterBench,
];

const format = (value: number | undefined, digits = 0): string =>
  value === undefined
    ? ''
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const printTable = (results: readonly { module: string; result: BenchResult }[]) => {
  const rows = results.map(({ module, result }) => {
    const ratio = ratioOf(result);
    const pass = passes(result);
    return [
      `${module}: ${result.name}`,
      format(result.opsPerSecond),
      result.reference ? `${format(result.reference.opsPerSecond)} (${result.reference.name})` : '',
      ratio === undefined ? '' : `${format(ratio, 2)}x`,
      result.targetRatio === undefined ? '' : `>= ${format(result.targetRatio, 1)}x`,
      pass === undefined ? '' : pass ? 'pass' : 'FAIL',
    ];
  });
  const header = ['benchmark', 'ops/s', 'reference ops/s', 'ratio', 'target', 'pass'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join(' | ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows) console.log(line(row));
  for (const { module, result } of results) if (result.note) console.log(`  ${module}: ${result.name}: ${result.note}`);
};

const filter = process.argv[2];
const selected = modules.filter((module) => filter === undefined || module.name.includes(filter));
if (selected.length === 0) {
  console.error(`no benchmark module matches "${filter}"; modules: ${modules.map((module) => module.name).join(', ')}`);
  process.exit(2);
}

const results: { module: string; result: BenchResult }[] = [];
for (const module of selected) {
  console.log(`running ${module.name}…`);
  for (const result of await module.run()) results.push({ module: module.name, result });
}
console.log('');
printTable(results);

const folder = join(process.cwd(), 'bench-results');
mkdirSync(folder, { recursive: true });
const file = join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${platform()} ${arch()}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      results: results.map(({ module, result }) => ({
        module,
        ...result,
        ratio: ratioOf(result),
        pass: passes(result),
      })),
    },
    null,
    2,
  )}\n`,
);
console.log(`\nresults written to ${file}`);
if (results.some(({ result }) => passes(result) === false)) process.exitCode = 1;
