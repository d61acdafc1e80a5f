/**
 * The configurable defaults of the knowledge article decider: who may issue
 * each command, and whether an author may publish their own version.
 *
 * @module
 */
import type { AuthorizationRules } from '../shared/authorization.js';
import type { ArticleCommandType } from './article-commands.js';

/** What the knowledge article decider can be configured with. */
export interface ArticlePolicy {
  readonly authorization: AuthorizationRules<ArticleCommandType>;
  /** When false (the default), whoever drafted or revised a version cannot publish it (four-eyes review). */
  readonly authorMayPublish: boolean;
}

/**
 * The default policy: knowledge authors write, knowledge managers review,
 * publish and retire; problem managers (and processes) publish known errors,
 * which were reviewed in problem management.
 */
export const defaultArticlePolicy: ArticlePolicy = {
  authorization: {
    DraftArticle: ['knowledge-author', 'knowledge-manager'],
    ReviseArticleDraft: ['knowledge-author', 'knowledge-manager'],
    DraftNewArticleVersion: ['knowledge-author', 'knowledge-manager'],
    SubmitArticleForReview: ['knowledge-author', 'knowledge-manager'],
    ReturnArticleToDraft: ['knowledge-manager'],
    PublishArticle: ['knowledge-manager'],
    RetireArticle: ['knowledge-manager'],
    PublishKnownErrorAsArticle: ['knowledge-manager', 'problem-manager', 'process'],
  },
  authorMayPublish: false,
};
