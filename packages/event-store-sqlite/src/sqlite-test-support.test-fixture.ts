/**
 * Shared helpers of this package's tests and child processes: temporary
 * database folders, event factories, a schema registry with a few types.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEventSchemaRegistry,
  defaultEventStoreSettings,
  type EventStoreSettings,
  type NewEvent,
} from '@itsm/event-store';

/** A registry with the types the tests append. */
export const testSchemas = createEventSchemaRegistry([
  { type: 'TicketOpened', schemaVersion: 1 },
  { type: 'TicketNoted', schemaVersion: 1 },
  { type: 'WriterAppended', schemaVersion: 1 },
]);

/** Default settings over {@link testSchemas}. */
export const testSettings = (): EventStoreSettings => defaultEventStoreSettings(testSchemas);

/** A fresh folder under the OS temp dir, and a function that removes it. */
export const temporaryFolder = (prefix: string): { readonly folder: string; readonly remove: () => void } => {
  const folder = mkdtempSync(join(tmpdir(), `itsm-sqlite-${prefix}-`));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
};

/** A valid new event of `type` with `data`. */
export const newEvent = (type: string, data: unknown, eventId: string = randomUUID()): NewEvent => ({
  eventId,
  type,
  data,
  metadata: { actor: 'agent:test', occurredAt: '2026-01-01T09:00:00Z', correlationId: 'corr-1' },
});

/** A small seeded PRNG (mulberry32): the same seed gives the same run, so a failure can be replayed. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** The path of the workspace's test tsconfig, whose `paths` make a tsx child resolve `@itsm/*` to sources. */
export const testTsconfig = new URL('../../../tsconfig.tests.json', import.meta.url).pathname;

/** The arguments and environment that run a TypeScript child script under tsx with `@itsm/*` mapped to sources. */
export const tsxChild = (script: string, args: readonly string[]) => ({
  command: process.execPath,
  args: ['--import', 'tsx', new URL(script, import.meta.url).pathname, ...args],
  env: { ...process.env, TSX_TSCONFIG_PATH: testTsconfig },
});

/** One line of the crash test writer's log: an intent, an acknowledgement, or a failure. */
export type CrashLogLine =
  | { readonly kind: 'I'; readonly streamId: string; readonly expected: number; readonly events: readonly NewEvent[] }
  | {
      readonly kind: 'A';
      readonly streamId: string;
      readonly eventIds: readonly string[];
      readonly alreadyAppended: boolean;
      readonly retried: boolean;
    }
  | { readonly kind: 'F'; readonly streamId: string; readonly error: unknown };

/** Parses the log's lines; a line torn by a kill (cut short mid-write) does not parse and is skipped. */
export const parseCrashLog = (text: string): CrashLogLine[] =>
  text.split('\n').flatMap((line) => {
    if (line.length === 0) return [];
    try {
      return [JSON.parse(line) as CrashLogLine];
    } catch {
      return [];
    }
  });
