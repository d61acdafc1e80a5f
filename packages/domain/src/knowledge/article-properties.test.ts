/**
 * Properties of the knowledge article decider over random command sequences
 * (10,000 sequences of 10–30 commands per run): version numbers only grow
 * and a pending version is always newer than the live one; a reviewed
 * publication is never by an author of the version; nothing is published
 * without review except a known error; a retired article stays retired;
 * every decided event matches its stored schema.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createEventSchemaRegistry } from '@itsm/event-store';
import { metadataOf, type RawActor } from '../service-catalog/service-catalog.test-fixture.js';
import { KnowledgeArticle } from './knowledge-article.js';
import type { ArticleCommand } from './article-commands.js';
import type { ArticleState } from './article-state.js';

const actors: readonly RawActor[] = [
  { id: 'kate', roles: ['knowledge-author'], groups: [] },
  { id: 'ken', roles: ['knowledge-author'], groups: [] },
  { id: 'mia', roles: ['knowledge-manager'], groups: [] },
  { id: 'max', roles: ['knowledge-manager'], groups: [] },
  { id: 'pat', roles: ['problem-manager'], groups: [] },
];
const registry = createEventSchemaRegistry(KnowledgeArticle.eventSchemas);
const kinds = [
  'draft',
  'revise',
  'newVersion',
  'submit',
  'return',
  'publish',
  'publish',
  'retire',
  'knownError',
] as const;
type Step = {
  readonly kind: (typeof kinds)[number];
  readonly actor: number;
  readonly revision: number;
  readonly knownError: number;
};

const check = (condition: boolean, message: () => string): void => {
  if (!condition) throw new Error(message());
};

const commandOf = (step: Step, hour: number): ArticleCommand => {
  const content = { title: `Article ${hour}`, body: { format: 'text', text: `Text ${hour}` }, keywords: [] };
  const data = (() => {
    switch (step.kind) {
      case 'draft':
        return { type: 'DraftArticle', data: { content } };
      case 'revise':
        return { type: 'ReviseArticleDraft', data: { content } };
      case 'newVersion':
        return { type: 'DraftNewArticleVersion', data: { content } };
      case 'submit':
        return { type: 'SubmitArticleForReview', data: {} };
      case 'return':
        return { type: 'ReturnArticleToDraft', data: { reason: 'More detail' } };
      case 'publish':
        return { type: 'PublishArticle', data: {} };
      case 'retire':
        return { type: 'RetireArticle', data: { reason: 'Obsolete' } };
      case 'knownError':
        return {
          type: 'PublishKnownErrorAsArticle',
          data: {
            knownError: {
              knownErrorId: `KE-${step.knownError}`,
              problemId: 'PRB-1',
              title: 'Known error',
              symptom: 's',
              rootCause: 'r',
              workaround: 'w',
              affectedCis: [],
              revision: step.revision,
              status: 'active',
              updatedAt: '2026-01-05T09:00:00Z',
            },
          },
        };
    }
  })();
  // Built directly: every value is valid by construction, and the codecs have their own tests.
  return {
    type: data.type,
    data: { articleId: 'KB-P', ...data.data },
    metadata: metadataOf(actors[step.actor] as RawActor, hour),
  } as unknown as ArticleCommand;
};

describe('knowledge article properties', () => {
  it('keeps its invariants over 10,000 random command sequences', () => {
    let reviewedPublications = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            actor: fc.nat({ max: actors.length - 1 }),
            revision: fc.integer({ min: 1, max: 4 }),
            knownError: fc.nat({ max: 1 }),
          }),
          { minLength: 10, maxLength: 30 },
        ),
        (steps) => {
          const decider = KnowledgeArticle.decider;
          let state: ArticleState = decider.initialState;
          let lastPublished = 0;
          steps.forEach((step, index) => {
            const before = state;
            const command = commandOf(step, index + 1);
            const decision = decider.decide(command, before);
            if (before.status === 'retired')
              check(decision._tag === 'Left', () => `a retired article accepted ${command.type}`);
            if (decision._tag === 'Left') return;
            for (const event of decision.right) {
              const checked = registry.schemaVersionFor(event.type, event.data);
              if (checked._tag === 'Left') throw new Error(checked.left);
              if (event.type === 'ArticlePublished') {
                check(
                  event.data.version > lastPublished,
                  () => `version ${event.data.version} published after ${lastPublished}`,
                );
                lastPublished = event.data.version;
                if (command.type === 'PublishArticle') {
                  reviewedPublications++;
                  const working = before.status === 'none' ? undefined : before.working;
                  check(working?.stage === 'review', () => 'published without review');
                  check(
                    !(working?.authors ?? []).includes(event.data.by),
                    () => 'an author published their own version',
                  );
                } else check(command.type === 'PublishKnownErrorAsArticle', () => `${command.type} published`);
              }
              state = decider.evolve(state, event);
            }
            if (state.status !== 'none') {
              if (state.published !== undefined && state.working !== undefined)
                check(
                  state.working.version > state.published.version,
                  () => 'a pending version is not newer than the live one',
                );
              check(
                state.latestVersion >= Math.max(state.published?.version ?? 0, state.working?.version ?? 0),
                () => 'latestVersion fell behind',
              );
            }
          });
        },
      ),
      { numRuns: 10_000 },
    );
    expect(reviewedPublications).toBeGreaterThan(1_000);
  });
});
