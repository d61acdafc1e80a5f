/**
 * Test fixtures shared by the problem and change tests: branded test data
 * from plain literals, actors and command metadata.
 */
import type { Actor, Role } from '../shared/actor.js';
import type { CommandMetadata } from '../shared/command-metadata.js';
import { decodeInput } from '../shared/codec-decoding.js';
import type * as t from 'io-ts';

/** Decodes a value with a codec or throws: builds branded test data from plain literals. */
export const valid = <A>(codec: t.Type<A, unknown, unknown>, value: unknown): A => {
  const decoded = decodeInput(codec, value);
  if (decoded._tag === 'Left') throw new Error(decoded.left.problems.join('\n'));
  return decoded.right;
};

/** An actor with roles and groups. */
export const actor = (id: string, roles: readonly Role[], groups: readonly string[] = []): Actor =>
  ({ id, roles, groups }) as unknown as Actor;

/** Command metadata for an actor at an instant. */
export const metadataOf = (who: Actor, occurredAt = '2026-03-02T09:00:00Z', commandId?: string): CommandMetadata =>
  ({
    actor: who,
    occurredAt,
    correlationId: 'corr-1',
    ...(commandId === undefined ? {} : { commandId }),
  }) as unknown as CommandMetadata;
