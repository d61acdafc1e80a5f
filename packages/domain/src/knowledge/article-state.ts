/**
 * The state of a knowledge article, folded from its events: the live
 * (published) version, the version in work (draft or review) and who wrote
 * it, and the known error it publishes, if any.
 *
 * @module
 */
import type { ArticleId, KnownErrorId, UserId } from '../shared/ids.js';
import type { ArticleContent, ArticleSource } from './article-content.js';
import type { ArticleEvent } from './article-events.js';

/** A version of an article. */
export interface ArticleVersion {
  readonly version: number;
  readonly content: ArticleContent;
  readonly source: ArticleSource;
}

/** The version in work: in draft or in review, with everyone who drafted or revised it. */
export interface ArticleVersionInWork extends ArticleVersion {
  readonly stage: 'draft' | 'review';
  readonly authors: readonly UserId[];
}

/** The state of an article that exists. */
export interface ExistingArticle {
  /** `draft`/`review`: never published, first version in work; `published`: a version is live; `retired`. */
  readonly status: 'draft' | 'review' | 'published' | 'retired';
  readonly articleId: ArticleId;
  readonly published?: ArticleVersion;
  readonly working?: ArticleVersionInWork;
  /** The highest version number used so far. */
  readonly latestVersion: number;
  /** The known error the article publishes and the last revision published from it. */
  readonly knownError?: { readonly knownErrorId: KnownErrorId; readonly revision: number };
}

/** The state of a knowledge article: none yet, or an existing article. */
export type ArticleState = { readonly status: 'none' } | ExistingArticle;

/** The state of an article with no events. */
export const initialArticleState: ArticleState = { status: 'none' };

const withAuthor = (authors: readonly UserId[], author: UserId): readonly UserId[] =>
  authors.includes(author) ? authors : [...authors, author];

const statusOf = (article: Omit<ExistingArticle, 'status'>, retired: boolean): ExistingArticle['status'] =>
  retired ? 'retired' : article.published !== undefined ? 'published' : (article.working?.stage ?? 'draft');

const settle = (article: Omit<ExistingArticle, 'status'>, retired = false): ExistingArticle => ({
  ...article,
  status: statusOf(article, retired),
});

/** Folds one event into an article's state. */
export const evolveArticle = (state: ArticleState, event: ArticleEvent): ArticleState => {
  if (event.type === 'ArticleDrafted') {
    const { articleId, version, content, source, by } = event.data;
    const drafted = settle({
      articleId,
      working: { version, content, source, stage: 'draft', authors: [by] },
      latestVersion: version,
    });
    return source.kind === 'known-error'
      ? { ...drafted, knownError: { knownErrorId: source.knownErrorId, revision: source.revision } }
      : drafted;
  }
  if (state.status === 'none') return state;
  const { status: _status, working, ...rest } = state;
  const retired = state.status === 'retired';
  switch (event.type) {
    case 'ArticleDraftRevised':
      if (working === undefined) return state;
      return settle(
        {
          ...rest,
          working: { ...working, content: event.data.content, authors: withAuthor(working.authors, event.data.by) },
        },
        retired,
      );
    case 'ArticleNewVersionDrafted': {
      const { version, content, source, by } = event.data;
      return settle(
        {
          ...rest,
          working: { version, content, source, stage: 'draft', authors: [by] },
          latestVersion: Math.max(state.latestVersion, version),
        },
        retired,
      );
    }
    case 'ArticleSubmittedForReview':
      return working === undefined ? state : settle({ ...rest, working: { ...working, stage: 'review' } }, retired);
    case 'ArticleReturnedToDraft':
      return working === undefined ? state : settle({ ...rest, working: { ...working, stage: 'draft' } }, retired);
    case 'ArticlePublished': {
      const { version, content, source } = event.data;
      const published = settle(
        { ...rest, published: { version, content, source }, latestVersion: Math.max(state.latestVersion, version) },
        retired,
      );
      return source.kind === 'known-error'
        ? { ...published, knownError: { knownErrorId: source.knownErrorId, revision: source.revision } }
        : published;
    }
    case 'ArticleRetired':
      return settle(rest, true);
  }
};
