/**
 * Test fixtures for the catalog and request deciders: actors, instants, a
 * laptop catalog item, and builders that decode commands and events through
 * the real codecs (a fixture that does not decode fails its test).
 */
import type * as t from 'io-ts';
import { decodeInput } from '../shared/codec-decoding.js';
import type { Role } from '../shared/actor.js';
import { CatalogItemDefinition, CatalogItemVersionSnapshot } from './catalog-item-definition.js';

/** An actor as raw input. */
export interface RawActor {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly groups: readonly string[];
}

export const alice: RawActor = { id: 'alice', roles: ['caller'], groups: [] };
export const carol: RawActor = { id: 'carol', roles: ['caller'], groups: ['it-approvers'] };
export const approverAgent: RawActor = {
  id: 'dave',
  roles: ['service-desk-agent'],
  groups: ['it-approvers', 'service-desk'],
};
export const deskAgent: RawActor = { id: 'desk-1', roles: ['service-desk-agent'], groups: ['service-desk'] };
export const hardwareFulfiller: RawActor = { id: 'hw-1', roles: ['request-fulfiller'], groups: ['hardware'] };
export const identityFulfiller: RawActor = { id: 'id-1', roles: ['request-fulfiller'], groups: ['identity'] };
export const catalogManager: RawActor = { id: 'cat-1', roles: ['catalog-manager'], groups: [] };
export const slaProcess: RawActor = { id: 'sla-deadlines', roles: ['process'], groups: [] };

const BASE = Date.parse('2026-01-05T09:00:00Z');

/** The instant `hours` after the fixtures' start (Monday 2026-01-05 09:00 UTC). */
export const hoursLater = (hours: number): string => new Date(BASE + hours * 3_600_000).toISOString();

/** Command metadata as raw input. */
export const metadataOf = (actor: RawActor, hours = 1) => ({
  actor,
  occurredAt: hoursLater(hours),
  correlationId: 'corr-1',
});

/** Decodes a fixture with a codec, failing loudly when it does not match. */
export const decoded = <A>(codec: t.Type<A, unknown, unknown>, input: unknown): A => {
  const result = decodeInput(codec, input);
  if (result._tag === 'Left') throw new Error(`fixture does not decode: ${result.left.problems.join('; ')}`);
  return result.right;
};

/** A new laptop: approval by it-approvers, three tasks (order → configure → deliver) and an optional accessories task. */
export const laptopDefinitionInput = {
  name: 'New laptop',
  description: 'A standard laptop for a new or existing employee.',
  owningGroup: 'service-desk',
  approval: { required: true, approverGroup: 'it-approvers' },
  fulfilmentTasks: [
    { taskId: 'order', title: 'Order the laptop', assignmentGroup: 'hardware', dependsOn: [], optional: false },
    { taskId: 'accounts', title: 'Create accounts', assignmentGroup: 'identity', dependsOn: [], optional: false },
    {
      taskId: 'configure',
      title: 'Install the image',
      assignmentGroup: 'hardware',
      dependsOn: ['order', 'accounts'],
      optional: false,
    },
    {
      taskId: 'accessories',
      title: 'Add a docking station',
      assignmentGroup: 'hardware',
      dependsOn: ['order'],
      optional: true,
    },
  ],
  formFields: [
    { name: 'model', kind: 'choice', required: true, choices: ['standard', 'developer'] },
    { name: 'costCentre', kind: 'text', required: true, maxLength: 10 },
    { name: 'neededBy', kind: 'date', required: false },
    { name: 'monitors', kind: 'number', required: false },
    { name: 'docking', kind: 'boolean', required: false },
  ],
  slaPolicyId: 'requests-standard',
};

/** The laptop definition, decoded. */
export const laptopDefinition = decoded(CatalogItemDefinition, laptopDefinitionInput);

/** A snapshot of the laptop item, version 3, published; overrides apply to the raw input. */
export const laptopSnapshot = (overrides: Record<string, unknown> = {}): CatalogItemVersionSnapshot =>
  decoded(CatalogItemVersionSnapshot, {
    catalogItemId: 'laptop',
    version: 3,
    itemStatus: 'published',
    ...laptopDefinitionInput,
    ...overrides,
  });

/** Answers that match the laptop form. */
export const laptopAnswers = { model: 'developer', costCentre: 'CC-42', neededBy: '2026-02-01', monitors: 2 };
