/**
 * What a knowledge article says: a title, keywords and a body that is either
 * free text or the three sections of a known error (symptom, root cause,
 * workaround), plus where a version came from. Also the known error as the
 * application read it from the problem record, for
 * `PublishKnownErrorAsArticle`.
 *
 * Limits: the body is plain text (at most `LONG_TEXT_MAX` characters per
 * text or section); at most {@link ARTICLE_KEYWORDS_MAX} keywords.
 *
 * @module
 */
import * as t from 'io-ts';
import { ConfigurationItemId, KnownErrorId, ProblemId } from '../shared/ids.js';
import { Instant } from '../shared/instant.js';
import { LongText, ShortText } from '../shared/text.js';
import { exactRecord } from '../shared/message-codec.js';
import { taggedUnion } from '../shared/tagged-union.js';

/** A known error's revision: 1 when raised, +1 per update (codec; its type is a plain number). */
const KnownErrorRevision = t.refinement(
  t.number,
  (value) => Number.isInteger(value) && value >= 1,
  'KnownErrorRevision',
);

/** The most keywords one article may have. */
export const ARTICLE_KEYWORDS_MAX = 30;

/** An article body: free text, or the sections of a known error (codec and type). */
export const ArticleBody = taggedUnion('ArticleBody', 'format', {
  text: t.readonly(t.exact(t.type({ format: t.literal('text'), text: LongText }))),
  'known-error': t.readonly(
    t.exact(t.type({ format: t.literal('known-error'), symptom: LongText, rootCause: LongText, workaround: LongText })),
  ),
});
/** An article body. */
export type ArticleBody = t.TypeOf<typeof ArticleBody>;

/** The content of one article version (codec and type). */
export const ArticleContent = exactRecord(
  'ArticleContent',
  {
    title: ShortText,
    body: ArticleBody,
    keywords: t.refinement(
      t.readonlyArray(ShortText),
      (keywords) => keywords.length <= ARTICLE_KEYWORDS_MAX,
      `at most ${ARTICLE_KEYWORDS_MAX} keywords`,
    ),
  },
  {
    /** The CIs the article is about (e.g. a known error's affected CIs). */
    configurationItems: t.readonlyArray(ConfigurationItemId),
  },
);
/** The content of one article version. */
export type ArticleContent = t.TypeOf<typeof ArticleContent>;

/** Where an article version came from: written by authors, or published from a known error revision (codec and type). */
export const ArticleSource = taggedUnion('ArticleSource', 'kind', {
  authored: t.readonly(t.exact(t.type({ kind: t.literal('authored') }))),
  'known-error': t.readonly(
    t.exact(
      t.type({
        kind: t.literal('known-error'),
        knownErrorId: KnownErrorId,
        problemId: ProblemId,
        /** The known error's revision the version was made from. */
        revision: KnownErrorRevision,
      }),
    ),
  ),
});
/** Where an article version came from. */
export type ArticleSource = t.TypeOf<typeof ArticleSource>;

/**
 * A known error as the application read it from its problem record (codec
 * and type); the same shape as the problem module's
 * `KnownErrorPublication`, so `knownErrorPublicationOf(problemState)` can be
 * passed as is.
 */
export const KnownErrorAsRead = t.readonly(
  t.exact(
    t.type({
      knownErrorId: KnownErrorId,
      problemId: ProblemId,
      title: ShortText,
      symptom: LongText,
      rootCause: LongText,
      workaround: LongText,
      affectedCis: t.readonlyArray(ConfigurationItemId),
      revision: KnownErrorRevision,
      status: t.keyof({ active: null, retired: null }),
      updatedAt: Instant,
    }),
  ),
  'KnownErrorAsRead',
);
/** A known error as the application read it from its problem record. */
export type KnownErrorAsRead = t.TypeOf<typeof KnownErrorAsRead>;

/** The article content a known error publishes as: its title, its three sections, its affected CIs. */
export const articleContentOfKnownError = (knownError: KnownErrorAsRead): ArticleContent => ({
  title: knownError.title,
  body: {
    format: 'known-error',
    symptom: knownError.symptom,
    rootCause: knownError.rootCause,
    workaround: knownError.workaround,
  },
  keywords: [],
  configurationItems: knownError.affectedCis,
});
