/**
 * A codec for a union of messages (commands or events) tagged by `type`. It
 * reads `type` first and validates the rest against that type's codec only,
 * so a malformed message gets the messages of its own type
 * (`data.impact: Expecting Level …`) instead of one line per union member.
 *
 * Limits: every member codec must accept objects with a literal `type` field.
 *
 * @module
 */
import * as t from 'io-ts';

/** A union codec of `{ type, … }` messages that dispatches on `type`. */
export const messageUnion = <Codecs extends Readonly<Record<string, t.Mixed>>>(
  name: string,
  codecs: Codecs,
): t.Type<t.TypeOf<Codecs[keyof Codecs]>, t.OutputOf<Codecs[keyof Codecs]>, unknown> => {
  type A = t.TypeOf<Codecs[keyof Codecs]>;
  type O = t.OutputOf<Codecs[keyof Codecs]>;
  const types = Object.keys(codecs);
  const typeCodec = t.keyof(Object.fromEntries(types.map((type) => [type, null])) as Record<string, null>, `${name}Type`);
  const codecOf = (type: unknown): t.Mixed | undefined =>
    typeof type === 'string' && Object.hasOwn(codecs, type) ? codecs[type] : undefined;
  return new t.Type<A, O, unknown>(
    name,
    (value): value is A =>
      typeof value === 'object' && value !== null && (codecOf((value as { type?: unknown }).type)?.is(value) ?? false),
    (value, context) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return t.failure(value, context, 'expected an object with a type, data and metadata');
      const type = (value as { type?: unknown }).type;
      const codec = codecOf(type);
      // An unknown type is reported at `type` with the list of known types.
      if (codec === undefined) return typeCodec.validate(type, t.appendContext(context, 'type', typeCodec, type)) as t.Validation<never>;
      return codec.validate(value, context) as t.Validation<A>;
    },
    (message) => {
      const codec = codecOf((message as { type: string }).type);
      // Encoding a value that is not a member of the union is a programming error.
      if (codec === undefined) throw new Error(`${name}: cannot encode unknown type ${String((message as { type: unknown }).type)}`);
      return codec.encode(message) as O;
    },
  );
};
