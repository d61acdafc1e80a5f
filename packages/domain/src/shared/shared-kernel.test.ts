import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { authorize, overrideRules } from './authorization.js';
import { decodeInput } from './codec-decoding.js';
import { CommandMetadata, eventMetadataOf } from './command-metadata.js';
import { Instant } from './instant.js';
import { glpiPriorityMatrix, itilPriorityMatrix, priorityOf } from './priority.js';
import type { Actor } from './actor.js';

describe('Instant', () => {
  it.each(['2026-03-29T01:30:00Z', '2026-03-29T03:30:00.123+02:00', '2026-12-31T23:59:59.999999999-05:00'])(
    'accepts %s',
    (value) => expect(isRight(Instant.decode(value))).toBe(true),
  );
  it.each([
    '2026-03-29T01:30:00',
    '2026-03-29',
    '29/03/2026 01:30',
    '2026-02-30T00:00:00Z',
    '2026-03-29T01:30Z',
    1711675800000,
  ])('refuses %s', (value) => expect(isLeft(Instant.decode(value))).toBe(true));
});

describe('priority matrix', () => {
  it('follows the ITIL 3×3 defaults', () => {
    expect(priorityOf(itilPriorityMatrix, 1, 1)).toBe(1);
    expect(priorityOf(itilPriorityMatrix, 1, 3)).toBe(3);
    expect(priorityOf(itilPriorityMatrix, 2, 2)).toBe(3);
    expect(priorityOf(itilPriorityMatrix, 3, 3)).toBe(5);
  });
  it('is monotonic: raising impact or urgency never lowers the priority', () => {
    for (const matrix of [itilPriorityMatrix, glpiPriorityMatrix])
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: matrix.levels }),
          fc.integer({ min: 1, max: matrix.levels }),
          (impact, urgency) => {
            const p = priorityOf(matrix, impact as 1, urgency as 1);
            if (impact > 1) expect(priorityOf(matrix, (impact - 1) as 1, urgency as 1)).toBeLessThanOrEqual(p);
            if (urgency > 1) expect(priorityOf(matrix, impact as 1, (urgency - 1) as 1)).toBeLessThanOrEqual(p);
          },
        ),
        { numRuns: 100 },
      );
  });
});

describe('authorization', () => {
  const agent = { id: 'u1', roles: ['service-desk-agent'], groups: [] } as unknown as Actor;
  const rules = { LogIncident: ['caller', 'service-desk-agent'], CloseIncident: ['incident-manager'] } as const;
  it('allows a role in the rule and names the missing roles otherwise', () => {
    expect(isRight(authorize(rules, 'LogIncident', agent))).toBe(true);
    const refused = authorize(rules, 'CloseIncident', agent);
    expect(refused).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'CommandNotAuthorized',
        command: 'CloseIncident',
        actor: 'u1',
        requiredRoles: ['incident-manager'],
      },
    });
  });
  it('lets the application override a rule', () => {
    const relaxed = overrideRules(rules, { CloseIncident: ['service-desk-agent'] });
    expect(isRight(authorize(relaxed, 'CloseIncident', agent))).toBe(true);
  });
});

describe('command metadata', () => {
  it('reports every malformed field with its path', () => {
    const result = decodeInput(CommandMetadata, {
      actor: { id: 'u 1', roles: ['wizard'], groups: [] },
      occurredAt: 'yesterday',
    });
    expect(result._tag).toBe('Left');
    const problems = result._tag === 'Left' ? result.left.problems.join('\n') : '';
    expect(problems).toMatch(/actor\.id/);
    expect(problems).toMatch(/roles\.0/);
    expect(problems).toMatch(/occurredAt/);
    expect(problems).toMatch(/correlationId/);
  });
  it('maps to event metadata, with the command id as causation', () => {
    const decoded = decodeInput(CommandMetadata, {
      actor: { id: 'u1', roles: ['caller'], groups: ['g1'] },
      occurredAt: '2026-01-05T09:00:00Z',
      correlationId: 'c-1',
      commandId: 'cmd-1',
    });
    if (decoded._tag === 'Left') throw new Error(decoded.left.problems.join());
    expect(eventMetadataOf(decoded.right)).toEqual({
      actor: 'u1',
      occurredAt: '2026-01-05T09:00:00Z',
      correlationId: 'c-1',
      causationId: 'cmd-1',
    });
  });
});
