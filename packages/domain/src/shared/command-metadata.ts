/**
 * Command metadata: the who, when and why every command carries. The domain
 * reads time only from here; the event store records it with each event.
 *
 * @module
 */
import type * as t from 'io-ts';
import type { EventMetadataInput } from '@itsm/event-store';
import { Actor } from './actor.js';
import { Instant } from './instant.js';
import { exactRecord } from './message-codec.js';
import { ShortText } from './text.js';

/** The metadata of a command (codec and type). */
export const CommandMetadata = exactRecord(
  'CommandMetadata',
  {
    /** Who issues the command. */
    actor: Actor,
    /** When it happens: the application's clock, or the time a process acts for. */
    occurredAt: Instant,
    /** Ties together everything one business conversation caused. */
    correlationId: ShortText,
  },
  {
    /** The command's own id; makes handling it again after an unknown outcome idempotent. */
    commandId: ShortText,
  },
);
/** The metadata of a command. */
export type CommandMetadata = t.TypeOf<typeof CommandMetadata>;

/** The event metadata the store records for events caused by a command. */
export const eventMetadataOf = (metadata: CommandMetadata): EventMetadataInput =>
  metadata.commandId === undefined
    ? { actor: metadata.actor.id, occurredAt: metadata.occurredAt, correlationId: metadata.correlationId }
    : {
        actor: metadata.actor.id,
        occurredAt: metadata.occurredAt,
        correlationId: metadata.correlationId,
        causationId: metadata.commandId,
      };
