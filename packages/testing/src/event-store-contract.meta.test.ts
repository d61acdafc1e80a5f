import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The contract suite is only worth something if it fails on broken stores: run it in a child
// jest over deliberately broken ones (contract-mutants.test-fixture.ts) and read the results.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = join(root, 'packages/testing/src/contract-mutants.test-fixture.ts');

interface JestJson {
  readonly testResults: readonly {
    readonly assertionResults: readonly { readonly ancestorTitles: readonly string[]; readonly status: string }[];
  }[];
}

describe('the event store contract suite itself', () => {
  it('passes on the in-memory store and fails on every broken store', () => {
    const folder = mkdtempSync(join(tmpdir(), 'itsm-contract-meta-'));
    try {
      const output = join(folder, 'results.json');
      const child = spawnSync(
        process.execPath,
        [
          '--experimental-vm-modules',
          '--no-warnings',
          join(root, 'node_modules/jest/bin/jest.js'),
          '--config',
          join(root, 'jest.config.js'),
          '--rootDir',
          root,
          '--testMatch',
          fixture,
          '--testPathIgnorePatterns',
          '/node_modules/',
          '--json',
          '--outputFile',
          output,
          '--maxWorkers',
          '1',
        ],
        { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
      );
      if (!existsSync(output))
        throw new Error(`the child jest wrote no results (exit ${child.status}):\n${child.stderr}`);
      const results = JSON.parse(readFileSync(output, 'utf8')) as JestJson;
      const failures = new Map<string, number>();
      const totals = new Map<string, number>();
      for (const file of results.testResults)
        for (const test of file.assertionResults) {
          const subject = test.ancestorTitles[0] ?? '?';
          totals.set(subject, (totals.get(subject) ?? 0) + 1);
          if (test.status === 'failed') failures.set(subject, (failures.get(subject) ?? 0) + 1);
        }
      expect(child.status).not.toBe(0);
      const subjects = [...totals.keys()];
      expect(subjects).toContain('event store contract: correct: in-memory');
      expect(subjects.filter((subject) => subject.includes('mutant: '))).toHaveLength(7);
      for (const subject of subjects)
        if (subject.includes('correct:'))
          expect({ subject, failed: failures.get(subject) ?? 0 }).toEqual({ subject, failed: 0 });
        else expect({ subject, caught: (failures.get(subject) ?? 0) > 0 }).toEqual({ subject, caught: true });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
