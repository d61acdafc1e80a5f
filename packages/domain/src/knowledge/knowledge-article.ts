/**
 * The knowledge article aggregate as applications, the CLI and projections
 * see it: stream naming, decider, command codec, event schemas.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { streamIdOf, type InvalidStreamId, type StreamId } from '@itsm/event-store';
import type { AggregateDefinition } from '../shared/aggregate.js';
import type { ArticleId } from '../shared/ids.js';
import { ArticleCommand } from './article-commands.js';
import { articleDecider } from './article-decider.js';
import type { ArticleError } from './article-errors.js';
import { articleEventSchemas, type ArticleEvent } from './article-events.js';
import type { ArticleState } from './article-state.js';

/** The stream category of knowledge articles (`knowledgeArticle-<id>`). */
export const KNOWLEDGE_ARTICLE_CATEGORY = 'knowledgeArticle';

/** The stream id of a knowledge article. */
export const knowledgeArticleStreamId = (articleId: ArticleId | string): Either<InvalidStreamId, StreamId> =>
  streamIdOf(KNOWLEDGE_ARTICLE_CATEGORY, articleId);

/** The knowledge article aggregate definition. */
export const KnowledgeArticle: AggregateDefinition<ArticleCommand, ArticleEvent, ArticleState, ArticleError> = {
  category: KNOWLEDGE_ARTICLE_CATEGORY,
  decider: articleDecider,
  commandCodec: ArticleCommand,
  recordIdOf: (command) => command.data.articleId,
  eventSchemas: articleEventSchemas,
};
