/**
 * Bounded text codecs: free text is refused when empty (where required) or
 * oversized, so no command can store an unbounded payload.
 *
 * @module
 */
import * as t from 'io-ts';

/** The longest short text (titles, short descriptions, reasons), in characters. */
export const SHORT_TEXT_MAX = 200;
/** The longest long text (descriptions, notes, comments), in characters. */
export const LONG_TEXT_MAX = 20_000;

/** The brand of a short text. */
export interface ShortTextBrand {
  readonly ShortText: unique symbol;
}
/** A non-blank text of at most {@link SHORT_TEXT_MAX} characters (codec and type). */
export const ShortText = t.brand(
  t.string,
  (value): value is t.Branded<string, ShortTextBrand> => value.trim().length > 0 && value.length <= SHORT_TEXT_MAX,
  'ShortText',
);
/** A non-blank text of at most {@link SHORT_TEXT_MAX} characters. */
export type ShortText = t.TypeOf<typeof ShortText>;

/** The brand of a long text. */
export interface LongTextBrand {
  readonly LongText: unique symbol;
}
/** A text of at most {@link LONG_TEXT_MAX} characters, possibly empty (codec and type). */
export const LongText = t.brand(
  t.string,
  (value): value is t.Branded<string, LongTextBrand> => value.length <= LONG_TEXT_MAX,
  'LongText',
);
/** A text of at most {@link LONG_TEXT_MAX} characters. */
export type LongText = t.TypeOf<typeof LongText>;
