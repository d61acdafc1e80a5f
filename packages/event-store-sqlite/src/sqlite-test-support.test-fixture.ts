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
} from '../../event-store/src/index.js';

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
