/**
 * Commands of the knowledge article aggregate, as io-ts codecs.
 *
 * @module
 */
import * as t from 'io-ts';
import { ArticleId } from '../shared/ids.js';
import { ShortText } from '../shared/text.js';
import { ArticleContent, KnownErrorAsRead } from './article-content.js';
import { messageUnion } from '../shared/message-codec.js';
import { commandCodec } from '../shared/message-envelope.js';

const article = { articleId: ArticleId };

/** Data of `DraftArticle`: a new article, version 1 in draft (codec and type). */
export const DraftArticleData = t.readonly(t.exact(t.type({ ...article, content: ArticleContent })));
/** Data of `DraftArticle`. */
export type DraftArticleData = t.TypeOf<typeof DraftArticleData>;

/** Data of `ReviseArticleDraft`: new content for the version in draft (codec and type). */
export const ReviseArticleDraftData = t.readonly(t.exact(t.type({ ...article, content: ArticleContent })));
/** Data of `ReviseArticleDraft`. */
export type ReviseArticleDraftData = t.TypeOf<typeof ReviseArticleDraftData>;

/** Data of `DraftNewArticleVersion`: the next version of a published article, in draft (codec and type). */
export const DraftNewArticleVersionData = t.readonly(t.exact(t.type({ ...article, content: ArticleContent })));
/** Data of `DraftNewArticleVersion`. */
export type DraftNewArticleVersionData = t.TypeOf<typeof DraftNewArticleVersionData>;

/** Data of `SubmitArticleForReview` (codec and type). */
export const SubmitArticleForReviewData = t.readonly(t.exact(t.type(article)));
/** Data of `SubmitArticleForReview`. */
export type SubmitArticleForReviewData = t.TypeOf<typeof SubmitArticleForReviewData>;

/** Data of `ReturnArticleToDraft`: the reviewer sends the version back (codec and type). */
export const ReturnArticleToDraftData = t.readonly(t.exact(t.type({ ...article, reason: ShortText })));
/** Data of `ReturnArticleToDraft`. */
export type ReturnArticleToDraftData = t.TypeOf<typeof ReturnArticleToDraftData>;

/** Data of `PublishArticle`: publish the version in review (codec and type). */
export const PublishArticleData = t.readonly(t.exact(t.type(article)));
/** Data of `PublishArticle`. */
export type PublishArticleData = t.TypeOf<typeof PublishArticleData>;

/** Data of `RetireArticle` (codec and type). */
export const RetireArticleData = t.readonly(t.exact(t.type({ ...article, reason: ShortText })));
/** Data of `RetireArticle`. */
export type RetireArticleData = t.TypeOf<typeof RetireArticleData>;

/** Data of `PublishKnownErrorAsArticle`: the known error as read from its problem record (codec and type). */
export const PublishKnownErrorAsArticleData = t.readonly(t.exact(t.type({ ...article, knownError: KnownErrorAsRead })));
/** Data of `PublishKnownErrorAsArticle`. */
export type PublishKnownErrorAsArticleData = t.TypeOf<typeof PublishKnownErrorAsArticleData>;

/** Any knowledge article command (codec and type). */
export const ArticleCommand = messageUnion('ArticleCommand', {
  DraftArticle: commandCodec('DraftArticle', DraftArticleData),
  ReviseArticleDraft: commandCodec('ReviseArticleDraft', ReviseArticleDraftData),
  DraftNewArticleVersion: commandCodec('DraftNewArticleVersion', DraftNewArticleVersionData),
  SubmitArticleForReview: commandCodec('SubmitArticleForReview', SubmitArticleForReviewData),
  ReturnArticleToDraft: commandCodec('ReturnArticleToDraft', ReturnArticleToDraftData),
  PublishArticle: commandCodec('PublishArticle', PublishArticleData),
  RetireArticle: commandCodec('RetireArticle', RetireArticleData),
  PublishKnownErrorAsArticle: commandCodec('PublishKnownErrorAsArticle', PublishKnownErrorAsArticleData),
});
/** Any knowledge article command. */
export type ArticleCommand = t.TypeOf<typeof ArticleCommand>;
/** The type names of knowledge article commands. */
export type ArticleCommandType = ArticleCommand['type'];
