/**
 * A codec for a union of object shapes told apart by one field (a string or
 * boolean literal, e.g. `exists: true | false`, `format: 'text' | …`). It
 * reads that field first and validates the value against the matching
 * member only, so a malformed value gets its own member's messages with
 * their paths (`data.target.ciClass: …`) instead of one line per member
 * without a path.
 *
 * Limits: the discriminant must be a string or boolean literal; member keys
 * are the literal's string form (`'true'`, `'false'`, `'text'`).
 *
 * @module
 */
import * as t from 'io-ts';

/** A union codec of object shapes that dispatches on the value of `key`. */
export const taggedUnion = <Codecs extends Readonly<Record<string, t.Mixed>>>(
  name: string,
  key: string,
  codecs: Codecs,
): t.Type<t.TypeOf<Codecs[keyof Codecs]>, t.OutputOf<Codecs[keyof Codecs]>, unknown> => {
  type A = t.TypeOf<Codecs[keyof Codecs]>;
  type O = t.OutputOf<Codecs[keyof Codecs]>;
  const tagCodec = t.keyof(
    Object.fromEntries(Object.keys(codecs).map((tag) => [tag, null])) as Record<string, null>,
    `${name}.${key}`,
  );
  const codecOf = (value: unknown): t.Mixed | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const tag = (value as Record<string, unknown>)[key];
    if (typeof tag !== 'string' && typeof tag !== 'boolean') return undefined;
    return Object.hasOwn(codecs, String(tag)) ? codecs[String(tag)] : undefined;
  };
  return new t.Type<A, O, unknown>(
    name,
    (value): value is A => codecOf(value)?.is(value) ?? false,
    (value, context) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return t.failure(value, context, `expected an object (${name})`);
      const codec = codecOf(value);
      const tag = (value as Record<string, unknown>)[key];
      // An unknown discriminant is reported at its own path with the values it may take.
      if (codec === undefined)
        return tagCodec.validate(tag, t.appendContext(context, key, tagCodec, tag)) as t.Validation<never>;
      return codec.validate(value, context) as t.Validation<A>;
    },
    (value) => {
      const codec = codecOf(value);
      if (codec === undefined) throw new Error(`${name}: cannot encode a value without a known ${key}`);
      return codec.encode(value) as O;
    },
  );
};
