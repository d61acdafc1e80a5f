/**
 * Test fixtures shared by the problem and change tests: a given/when/then
 * decider spec with the same surface as `deciderSpec` from `@itsm/testing`
 * (kept local while that helper is being written), actors and metadata.
 */
import { expect } from '@jest/globals';
import type { Decider, DomainEvent } from '@itsm/event-store';
import type { Actor, Role } from '../shared/actor.js';
import type { CommandMetadata } from '../shared/command-metadata.js';
import { decodeInput } from '../shared/codec-decoding.js';
import type * as t from 'io-ts';

/** given(events).when(command).then(events) / .thenFails(tag) over a decider. */
export const deciderSpec = <C, E extends DomainEvent, S, Err extends { readonly _tag: string }>(decider: Decider<C, E, S, Err>) => ({
  given: (events: readonly E[]) => ({
    when: (command: C) => {
      const state = events.reduce(decider.evolve, decider.initialState);
      const decided = decider.decide(command, state);
      return {
        then: (expected: readonly E[]) => {
          if (decided._tag === 'Left') throw new Error(`expected events, got ${JSON.stringify(decided.left)}`);
          expect(decided.right).toEqual(expected);
        },
        thenFails: (tag: Err['_tag'], details?: Partial<Err>) => {
          if (decided._tag === 'Right') throw new Error(`expected ${tag}, got ${JSON.stringify(decided.right)}`);
          expect(decided.left._tag).toBe(tag);
          if (details !== undefined) expect(decided.left).toMatchObject(details);
        },
        events: (): readonly E[] => {
          if (decided._tag === 'Left') throw new Error(`expected events, got ${JSON.stringify(decided.left)}`);
          return decided.right;
        },
      };
    },
  }),
});

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
