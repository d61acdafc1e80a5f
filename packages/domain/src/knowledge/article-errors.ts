/**
 * Errors of the knowledge article aggregate: each names the rule a command
 * breaks.
 *
 * @module
 */
import type { CommandNotAuthorized } from '../shared/domain-errors.js';

/** `DraftArticle` for an id that already has an article. */
export interface ArticleAlreadyExists {
  readonly _tag: 'ArticleAlreadyExists';
  readonly articleId: string;
}
/** A command for an article that was never drafted. */
export interface ArticleNotFound {
  readonly _tag: 'ArticleNotFound';
  readonly articleId: string;
}
/** A command that would change a retired article. */
export interface ArticleAlreadyRetired {
  readonly _tag: 'ArticleAlreadyRetired';
  readonly articleId: string;
}
/** Revising or submitting when no version is in draft. */
export interface ArticleNotInDraft {
  readonly _tag: 'ArticleNotInDraft';
  readonly articleId: string;
}
/** Publishing or returning when no version is in review. */
export interface ArticleNotInReview {
  readonly _tag: 'ArticleNotInReview';
  readonly articleId: string;
}
/** A new version while the article was never published (revise the draft instead). */
export interface ArticleNotPublished {
  readonly _tag: 'ArticleNotPublished';
  readonly articleId: string;
}
/** A new version while another one is in draft or review. */
export interface ArticleVersionPending {
  readonly _tag: 'ArticleVersionPending';
  readonly articleId: string;
  readonly pendingVersion: number;
}
/** Four-eyes rule: whoever wrote a version does not publish it. */
export interface ArticleAuthorCannotPublish {
  readonly _tag: 'ArticleAuthorCannotPublish';
  readonly actor: string;
  readonly version: number;
}
/** Publishing a retired known error. */
export interface KnownErrorNotActive {
  readonly _tag: 'KnownErrorNotActive';
  readonly knownErrorId: string;
}
/** Publishing a known error into an article that was written for something else. */
export interface ArticleNotFromThisKnownError {
  readonly _tag: 'ArticleNotFromThisKnownError';
  readonly articleId: string;
  readonly knownErrorId: string;
}

/** Any error of the knowledge article decider. */
export type ArticleError =
  | CommandNotAuthorized
  | ArticleAlreadyExists
  | ArticleNotFound
  | ArticleAlreadyRetired
  | ArticleNotInDraft
  | ArticleNotInReview
  | ArticleNotPublished
  | ArticleVersionPending
  | ArticleAuthorCannotPublish
  | KnownErrorNotActive
  | ArticleNotFromThisKnownError;
