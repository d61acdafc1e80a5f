/**
 * The knowledge article decider: Draft → Review → Published → Retired, with
 * versions. A published article stays live while its next version goes
 * through draft and review; publishing that version replaces it. A known
 * error publishes straight away (`PublishKnownErrorAsArticle`: it was
 * reviewed in problem management), as version 1 of a new article or as the
 * next version of the article that already publishes it; publishing a known
 * error revision that is already published decides nothing.
 *
 * @module
 */
import type * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '@itsm/event-store';
import { authorize } from '../shared/authorization.js';
import type { ArticleCommand } from './article-commands.js';
import { articleContentOfKnownError, type ArticleSource } from './article-content.js';
import type { ArticleError } from './article-errors.js';
import type { ArticleEvent } from './article-events.js';
import { defaultArticlePolicy, type ArticlePolicy } from './article-policy.js';
import { evolveArticle, initialArticleState, type ArticleState } from './article-state.js';

type Decision = Either<ArticleError, readonly ArticleEvent[]>;
const authored: ArticleSource = { kind: 'authored' };

const publishKnownError = (
  command: Extract<ArticleCommand, { type: 'PublishKnownErrorAsArticle' }>,
  state: ArticleState,
): Decision => {
  const { articleId, knownError } = command.data;
  const who = { at: command.metadata.occurredAt, by: command.metadata.actor.id };
  if (knownError.status !== 'active')
    return left({ _tag: 'KnownErrorNotActive', knownErrorId: knownError.knownErrorId });
  const content = articleContentOfKnownError(knownError);
  const source: ArticleSource = {
    kind: 'known-error',
    knownErrorId: knownError.knownErrorId,
    problemId: knownError.problemId,
    revision: knownError.revision,
  };
  if (state.status === 'none') {
    const version = 1 as t.Int;
    return right([
      { type: 'ArticleDrafted', data: { articleId, version, content, source, ...who } },
      { type: 'ArticlePublished', data: { articleId, version, content, source, ...who } },
    ]);
  }
  if (state.status === 'retired') return left({ _tag: 'ArticleAlreadyRetired', articleId });
  if (state.knownError?.knownErrorId !== knownError.knownErrorId)
    return left({ _tag: 'ArticleNotFromThisKnownError', articleId, knownErrorId: knownError.knownErrorId });
  // The same or an older revision is already out: publishing it again changes nothing.
  if (state.published !== undefined && state.knownError.revision >= knownError.revision) return right([]);
  if (state.working !== undefined && state.published !== undefined)
    return left({ _tag: 'ArticleVersionPending', articleId, pendingVersion: state.working.version });
  // Never published yet (its first version still in work): that version is replaced by the known error's content.
  const version = (state.published === undefined ? state.latestVersion : state.latestVersion + 1) as t.Int;
  const drafted: ArticleEvent =
    state.published === undefined
      ? { type: 'ArticleDraftRevised', data: { articleId, version, content, ...who } }
      : { type: 'ArticleNewVersionDrafted', data: { articleId, version, content, source, ...who } };
  return right([drafted, { type: 'ArticlePublished', data: { articleId, version, content, source, ...who } }]);
};

/** Decides a knowledge article command against the article's state, under a policy. */
export const decideArticle =
  (policy: ArticlePolicy) =>
  (command: ArticleCommand, state: ArticleState): Decision => {
    const actor = command.metadata.actor;
    const authorized = authorize(policy.authorization, command.type, actor);
    if (authorized._tag === 'Left') return authorized;
    const who = { at: command.metadata.occurredAt, by: actor.id };
    const { articleId } = command.data;

    if (command.type === 'DraftArticle') {
      if (state.status !== 'none') return left({ _tag: 'ArticleAlreadyExists', articleId });
      return right([
        {
          type: 'ArticleDrafted',
          data: { articleId, version: 1 as t.Int, content: command.data.content, source: authored, ...who },
        },
      ]);
    }
    if (command.type === 'PublishKnownErrorAsArticle') return publishKnownError(command, state);
    if (state.status === 'none') return left({ _tag: 'ArticleNotFound', articleId });
    if (state.status === 'retired') return left({ _tag: 'ArticleAlreadyRetired', articleId });
    const working = state.working;

    switch (command.type) {
      case 'ReviseArticleDraft':
        if (working?.stage !== 'draft') return left({ _tag: 'ArticleNotInDraft', articleId });
        return right([
          {
            type: 'ArticleDraftRevised',
            data: { articleId, version: working.version as t.Int, content: command.data.content, ...who },
          },
        ]);
      case 'DraftNewArticleVersion':
        if (state.published === undefined) return left({ _tag: 'ArticleNotPublished', articleId });
        if (working !== undefined)
          return left({ _tag: 'ArticleVersionPending', articleId, pendingVersion: working.version });
        return right([
          {
            type: 'ArticleNewVersionDrafted',
            data: {
              articleId,
              version: (state.latestVersion + 1) as t.Int,
              content: command.data.content,
              source: authored,
              ...who,
            },
          },
        ]);
      case 'SubmitArticleForReview':
        if (working?.stage !== 'draft') return left({ _tag: 'ArticleNotInDraft', articleId });
        return right([
          { type: 'ArticleSubmittedForReview', data: { articleId, version: working.version as t.Int, ...who } },
        ]);
      case 'ReturnArticleToDraft':
        if (working?.stage !== 'review') return left({ _tag: 'ArticleNotInReview', articleId });
        return right([
          {
            type: 'ArticleReturnedToDraft',
            data: { articleId, version: working.version as t.Int, reason: command.data.reason, ...who },
          },
        ]);
      case 'PublishArticle': {
        if (working?.stage !== 'review') return left({ _tag: 'ArticleNotInReview', articleId });
        if (!policy.authorMayPublish && working.authors.includes(actor.id))
          return left({ _tag: 'ArticleAuthorCannotPublish', actor: actor.id, version: working.version });
        return right([
          {
            type: 'ArticlePublished',
            data: {
              articleId,
              version: working.version as t.Int,
              content: working.content,
              source: working.source,
              ...who,
            },
          },
        ]);
      }
      case 'RetireArticle':
        return right([{ type: 'ArticleRetired', data: { articleId, reason: command.data.reason, ...who } }]);
    }
  };

/** Builds a knowledge article decider with a policy (see {@link defaultArticlePolicy}). */
export const createArticleDecider = (
  policy: ArticlePolicy,
): Decider<ArticleCommand, ArticleEvent, ArticleState, ArticleError> => ({
  decide: decideArticle(policy),
  evolve: evolveArticle,
  initialState: initialArticleState,
});

/** The knowledge article decider with the default policy. */
export const articleDecider = createArticleDecider(defaultArticlePolicy);
