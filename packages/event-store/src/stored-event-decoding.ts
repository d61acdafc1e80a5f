/**
 * Turning a stored event into a {@link RecordedEvent}: the registry's upcasters
 * and validation, with a loud failure naming stream, position, type and
 * version when the type or version is unknown. Shared by every adapter.
 *
 * @module
 */
import { EventStoreFailure } from './errors.js';
import type { EventSchemaRegistry } from './event-schemas.js';
import type { EventMetadata, RecordedEvent } from './events.js';

/** An event exactly as an adapter read it from storage. */
export interface StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly hash: string;
}

/** Decodes a stored event through the registry; throws {@link EventStoreFailure} if it cannot be read. */
export const decodeStoredEvent = (schemas: EventSchemaRegistry, stored: StoredEvent): RecordedEvent => {
  const decoded = schemas.decode(stored.type, stored.schemaVersion, stored.data);
  if (decoded._tag === 'Left')
    throw new EventStoreFailure({
      _tag: 'EventDecodeFailed',
      streamId: stored.streamId,
      streamVersion: stored.streamVersion,
      globalPosition: stored.globalPosition,
      type: stored.type,
      schemaVersion: stored.schemaVersion,
      reason: decoded.left,
    });
  const { schemaVersion, data } = decoded.right;
  if (schemaVersion === stored.schemaVersion && data === stored.data) return stored;
  return { ...stored, schemaVersion, data, asStored: { schemaVersion: stored.schemaVersion, data: stored.data } };
};
