/**
 * Events of the knowledge article aggregate, as io-ts codecs. Every event
 * names the article, when (`at`) and by whom (`by`). `ArticlePublished`
 * repeats the version's content so a knowledge read model needs no draft
 * bookkeeping.
 *
 * @module
 */
import * as t from 'io-ts';
import type { DomainEvent } from '@itsm/event-store';
import { eventSchemasOf } from '../shared/event-schemas.js';
import { ArticleId, UserId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { ShortText } from '../shared/text.js';
import { ArticleContent, ArticleSource } from './article-content.js';

const who = { at: Instant, by: UserId };
const version = { articleId: ArticleId, version: t.Int };

/** Data of `ArticleDrafted`: a new article, version 1 in draft (codec and type). */
export const ArticleDraftedData = t.readonly(
  t.exact(t.type({ ...version, content: ArticleContent, source: ArticleSource, ...who })),
);
/** Data of `ArticleDrafted`. */
export type ArticleDraftedData = t.TypeOf<typeof ArticleDraftedData>;

/** Data of `ArticleDraftRevised`: new content for the version in draft (codec and type). */
export const ArticleDraftRevisedData = t.readonly(t.exact(t.type({ ...version, content: ArticleContent, ...who })));
/** Data of `ArticleDraftRevised`. */
export type ArticleDraftRevisedData = t.TypeOf<typeof ArticleDraftRevisedData>;

/** Data of `ArticleNewVersionDrafted`: the next version of a published article (codec and type). */
export const ArticleNewVersionDraftedData = t.readonly(
  t.exact(t.type({ ...version, content: ArticleContent, source: ArticleSource, ...who })),
);
/** Data of `ArticleNewVersionDrafted`. */
export type ArticleNewVersionDraftedData = t.TypeOf<typeof ArticleNewVersionDraftedData>;

/** Data of `ArticleSubmittedForReview` (codec and type). */
export const ArticleSubmittedForReviewData = t.readonly(t.exact(t.type({ ...version, ...who })));
/** Data of `ArticleSubmittedForReview`. */
export type ArticleSubmittedForReviewData = t.TypeOf<typeof ArticleSubmittedForReviewData>;

/** Data of `ArticleReturnedToDraft` (codec and type). */
export const ArticleReturnedToDraftData = t.readonly(t.exact(t.type({ ...version, reason: ShortText, ...who })));
/** Data of `ArticleReturnedToDraft`. */
export type ArticleReturnedToDraftData = t.TypeOf<typeof ArticleReturnedToDraftData>;

/** Data of `ArticlePublished`: a version became the live one (codec and type). */
export const ArticlePublishedData = t.readonly(
  t.exact(t.type({ ...version, content: ArticleContent, source: ArticleSource, ...who })),
);
/** Data of `ArticlePublished`. */
export type ArticlePublishedData = t.TypeOf<typeof ArticlePublishedData>;

/** Data of `ArticleRetired` (codec and type). */
export const ArticleRetiredData = t.readonly(t.exact(t.type({ articleId: ArticleId, reason: ShortText, ...who })));
/** Data of `ArticleRetired`. */
export type ArticleRetiredData = t.TypeOf<typeof ArticleRetiredData>;

/** Any knowledge article event. */
export type ArticleEvent =
  | DomainEvent<'ArticleDrafted', ArticleDraftedData>
  | DomainEvent<'ArticleDraftRevised', ArticleDraftRevisedData>
  | DomainEvent<'ArticleNewVersionDrafted', ArticleNewVersionDraftedData>
  | DomainEvent<'ArticleSubmittedForReview', ArticleSubmittedForReviewData>
  | DomainEvent<'ArticleReturnedToDraft', ArticleReturnedToDraftData>
  | DomainEvent<'ArticlePublished', ArticlePublishedData>
  | DomainEvent<'ArticleRetired', ArticleRetiredData>;

/** The data codec of each knowledge article event type. */
export const articleEventCodecs = {
  ArticleDrafted: ArticleDraftedData,
  ArticleDraftRevised: ArticleDraftRevisedData,
  ArticleNewVersionDrafted: ArticleNewVersionDraftedData,
  ArticleSubmittedForReview: ArticleSubmittedForReviewData,
  ArticleReturnedToDraft: ArticleReturnedToDraftData,
  ArticlePublished: ArticlePublishedData,
  ArticleRetired: ArticleRetiredData,
} as const;

/** Registry entries for the knowledge article's event types (all at schema version 1). */
export const articleEventSchemas = eventSchemasOf(
  Object.fromEntries(Object.entries(articleEventCodecs).map(([type, codec]) => [type, { codec }])),
);

/** Whether an event (of any aggregate) is a knowledge article event, by its type. */
export const isArticleEvent = (event: { readonly type: string }): event is ArticleEvent =>
  Object.hasOwn(articleEventCodecs, event.type);
