import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import { foldEvents } from '@itsm/event-store';
import { decodeInput } from '../shared/codec-decoding.js';
import { decoded, hoursLater, metadataOf, type RawActor } from '../service-catalog/service-catalog.test-fixture.js';
import type { KnownErrorPublication } from '../problem/known-error.js';
import { KnowledgeArticle } from './knowledge-article.js';
import { ArticleCommand } from './article-commands.js';
import type { KnownErrorAsRead } from './article-content.js';
import { articleEventCodecs, type ArticleEvent } from './article-events.js';
import { createArticleDecider } from './article-decider.js';
import { defaultArticlePolicy } from './article-policy.js';

const author: RawActor = { id: 'kate', roles: ['knowledge-author'], groups: [] };
const secondAuthor: RawActor = { id: 'ken', roles: ['knowledge-author'], groups: [] };
const manager: RawActor = { id: 'mia', roles: ['knowledge-manager'], groups: [] };
const problemManager: RawActor = { id: 'pat', roles: ['problem-manager'], groups: [] };
const agent: RawActor = { id: 'desk-1', roles: ['service-desk-agent'], groups: [] };
const spec = deciderSpec(KnowledgeArticle.decider);

const command = (type: ArticleCommand['type'], data: Record<string, unknown>, actor: RawActor, hours = 1) =>
  decoded(ArticleCommand, { type, data: { articleId: 'KB-1', ...data }, metadata: metadataOf(actor, hours) });
const event = (type: keyof typeof articleEventCodecs, data: Record<string, unknown>, by: RawActor, hours = 1) =>
  ({
    type,
    data: decoded(articleEventCodecs[type] as never, { articleId: 'KB-1', at: hoursLater(hours), by: by.id, ...data }),
  }) as ArticleEvent;

const content = {
  title: 'Reset your VPN token',
  body: { format: 'text', text: 'Open the portal, choose Reset.' },
  keywords: ['vpn', 'token'],
};
const content2 = { ...content, body: { format: 'text', text: 'Open the new portal, choose Reset token.' } };
const authored = { kind: 'authored' };
const drafted = event('ArticleDrafted', { version: 1, content, source: authored }, author);
const submitted = event('ArticleSubmittedForReview', { version: 1 }, author, 2);
const published = event('ArticlePublished', { version: 1, content, source: authored }, manager, 3);

describe('knowledge article: draft → review → published', () => {
  it('drafts version 1', () => {
    spec.when(command('DraftArticle', { content }, author)).then([drafted]);
  });
  it('revises the draft, then submits it for review', () => {
    spec
      .given([drafted])
      .when(command('ReviseArticleDraft', { content: content2 }, author))
      .then([event('ArticleDraftRevised', { version: 1, content: content2 }, author)]);
    spec
      .given([drafted])
      .when(command('SubmitArticleForReview', {}, author, 2))
      .then([submitted]);
  });
  it('refuses to revise a version in review; the reviewer returns it to draft', () => {
    spec
      .given([drafted, submitted])
      .when(command('ReviseArticleDraft', { content: content2 }, author))
      .thenFails('ArticleNotInDraft');
    const returned = event('ArticleReturnedToDraft', { version: 1, reason: 'Add screenshots' }, manager, 3);
    spec
      .given([drafted, submitted])
      .when(command('ReturnArticleToDraft', { reason: 'Add screenshots' }, manager, 3))
      .then([returned]);
    spec
      .given([drafted, submitted, returned])
      .when(command('ReviseArticleDraft', { content: content2 }, author, 4))
      .then([event('ArticleDraftRevised', { version: 1, content: content2 }, author, 4)]);
  });
  it('publishes the version in review, repeating its content', () => {
    spec
      .given([drafted, submitted])
      .when(command('PublishArticle', {}, manager, 3))
      .then([published]);
  });
  it('refuses publication of a version not in review', () => {
    spec
      .given([drafted])
      .when(command('PublishArticle', {}, manager))
      .thenFails('ArticleNotInReview');
    spec
      .given([drafted, submitted, published])
      .when(command('PublishArticle', {}, manager))
      .thenFails('ArticleNotInReview');
  });
  it('keeps the four-eyes rule: whoever wrote a version does not publish it', () => {
    const writingManager = event('ArticleDraftRevised', { version: 1, content: content2 }, manager);
    const error = spec
      .given([drafted, writingManager, submitted])
      .when(command('PublishArticle', {}, manager, 3))
      .thenFails('ArticleAuthorCannotPublish');
    expect(error).toMatchObject({ actor: 'mia', version: 1 });
    const lax = deciderSpec(createArticleDecider({ ...defaultArticlePolicy, authorMayPublish: true }));
    lax
      .given([drafted, writingManager, submitted])
      .when(command('PublishArticle', {}, manager, 3))
      .then([event('ArticlePublished', { version: 1, content: content2, source: authored }, manager, 3)]);
  });
  it('keeps roles apart: authors do not publish, agents do not draft', () => {
    spec
      .given([drafted, submitted])
      .when(command('PublishArticle', {}, secondAuthor))
      .thenFails('CommandNotAuthorized');
    spec.when(command('DraftArticle', { content }, agent)).thenFails('CommandNotAuthorized');
  });
  it('refuses a second article with the same id and commands on an article never drafted', () => {
    spec
      .given([drafted])
      .when(command('DraftArticle', { content }, author))
      .thenFails('ArticleAlreadyExists');
    spec.when(command('SubmitArticleForReview', {}, author)).thenFails('ArticleNotFound');
  });
});

describe('knowledge article: versions', () => {
  const v2 = event('ArticleNewVersionDrafted', { version: 2, content: content2, source: authored }, secondAuthor, 4);
  it('drafts version 2 of a published article while version 1 stays live', () => {
    spec
      .given([drafted, submitted, published])
      .when(command('DraftNewArticleVersion', { content: content2 }, secondAuthor, 4))
      .then([v2]);
    const state = foldEvents(KnowledgeArticle.decider, [drafted, submitted, published, v2]);
    expect(state).toMatchObject({
      status: 'published',
      published: { version: 1 },
      working: { version: 2, stage: 'draft' },
    });
  });
  it('replaces the live version when version 2 is published', () => {
    const v2Submitted = event('ArticleSubmittedForReview', { version: 2 }, secondAuthor, 5);
    spec
      .given([drafted, submitted, published, v2, v2Submitted])
      .when(command('PublishArticle', {}, manager, 6))
      .then([event('ArticlePublished', { version: 2, content: content2, source: authored }, manager, 6)]);
    const state = foldEvents(KnowledgeArticle.decider, [
      drafted,
      submitted,
      published,
      v2,
      v2Submitted,
      event('ArticlePublished', { version: 2, content: content2, source: authored }, manager, 6),
    ]);
    expect(state).toMatchObject({ status: 'published', published: { version: 2 }, latestVersion: 2 });
    expect(state.status !== 'none' && state.working).toBeUndefined();
  });
  it('refuses a new version before the first publication or while one is pending', () => {
    spec
      .given([drafted])
      .when(command('DraftNewArticleVersion', { content: content2 }, author))
      .thenFails('ArticleNotPublished');
    spec
      .given([drafted, submitted, published, v2])
      .when(command('DraftNewArticleVersion', { content: content2 }, author))
      .thenFails('ArticleVersionPending');
  });
  it('retires an article, dropping a pending version, and a retired article takes no more work', () => {
    const retired = event('ArticleRetired', { reason: 'Portal replaced' }, manager, 7);
    spec
      .given([drafted, submitted, published, v2])
      .when(command('RetireArticle', { reason: 'Portal replaced' }, manager, 7))
      .then([retired]);
    expect(foldEvents(KnowledgeArticle.decider, [drafted, submitted, published, v2, retired])).toMatchObject({
      status: 'retired',
    });
    spec
      .given([drafted, submitted, published, retired])
      .when(command('DraftNewArticleVersion', { content: content2 }, author))
      .thenFails('ArticleAlreadyRetired');
    spec
      .given([drafted, submitted, published, retired])
      .when(command('RetireArticle', { reason: 'again' }, manager))
      .thenFails('ArticleAlreadyRetired');
  });
});

describe('knowledge article: known errors', () => {
  const knownError = {
    knownErrorId: 'KE-7',
    problemId: 'PRB-3',
    title: 'VPN drops every 30 minutes',
    symptom: 'Users are disconnected every 30 minutes.',
    rootCause: 'The concentrator renegotiates keys with a short lifetime.',
    workaround: 'Reconnect; or use the backup gateway.',
    affectedCis: ['vpn-gw-1'],
    revision: 1,
    status: 'active',
    updatedAt: hoursLater(0),
  };
  const body = {
    format: 'known-error',
    symptom: knownError.symptom,
    rootCause: knownError.rootCause,
    workaround: knownError.workaround,
  };
  const keContent = { title: knownError.title, body, keywords: [], configurationItems: ['vpn-gw-1'] };
  const source = (revision: number) => ({ kind: 'known-error', knownErrorId: 'KE-7', problemId: 'PRB-3', revision });
  const publish = (input: Record<string, unknown>, actor: RawActor = problemManager, hours = 1) =>
    command('PublishKnownErrorAsArticle', { knownError: { ...knownError, ...input } }, actor, hours);
  const first = [
    event('ArticleDrafted', { version: 1, content: keContent, source: source(1) }, problemManager),
    event('ArticlePublished', { version: 1, content: keContent, source: source(1) }, problemManager),
  ];

  it('publishes a known error as version 1 of a new article at once, with its three sections', () => {
    spec.when(publish({})).then(first);
  });
  it('publishes a newer revision as the next version, and decides nothing for one already out', () => {
    const revised = { ...keContent, body: { ...body, workaround: 'Raise the key lifetime to 8 hours.' } };
    spec
      .given(first)
      .when(publish({ revision: 2, workaround: 'Raise the key lifetime to 8 hours.' }, problemManager, 5))
      .then([
        event('ArticleNewVersionDrafted', { version: 2, content: revised, source: source(2) }, problemManager, 5),
        event('ArticlePublished', { version: 2, content: revised, source: source(2) }, problemManager, 5),
      ]);
    spec.given(first).when(publish({})).thenNothing();
  });
  it('refuses a retired known error, another known error into this article, and a pending version', () => {
    spec.when(publish({ status: 'retired' })).thenFails('KnownErrorNotActive');
    spec
      .given(first)
      .when(publish({ knownErrorId: 'KE-8', revision: 2 }))
      .thenFails('ArticleNotFromThisKnownError');
    spec.given([drafted]).when(publish({})).thenFails('ArticleNotFromThisKnownError');
    const pending = event('ArticleNewVersionDrafted', { version: 2, content: content2, source: authored }, author, 2);
    spec
      .given([...first, pending])
      .when(publish({ revision: 2 }))
      .thenFails('ArticleVersionPending');
  });
  it('is for knowledge and problem managers, not authors', () => {
    spec.when(publish({}, author)).thenFails('CommandNotAuthorized');
  });
  it('takes the problem module’s known error publication as it is', () => {
    // A compile-time check: the problem module's shape fits the command's known error.
    const command = decoded(ArticleCommand, {
      type: 'PublishKnownErrorAsArticle',
      data: { articleId: 'KB-1', knownError },
      metadata: metadataOf(problemManager),
    });
    if (command.type !== 'PublishKnownErrorAsArticle') throw new Error('unreachable');
    const fromProblem: KnownErrorPublication = command.data.knownError;
    const asRead: KnownErrorAsRead = fromProblem;
    expect(asRead.knownErrorId).toBe('KE-7');
  });
  it('refuses a malformed known error with the field path', () => {
    const result = decodeInput(ArticleCommand, {
      type: 'PublishKnownErrorAsArticle',
      data: { articleId: 'KB-1', knownError: { ...knownError, revision: 0, symptom: 7 } },
      metadata: metadataOf(problemManager),
    });
    const problems = result._tag === 'Left' ? result.left.problems.join('\n') : '';
    expect(problems).toMatch(/data\.knownError\.revision/);
    expect(problems).toMatch(/data\.knownError\.symptom/);
  });
});
