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
  const typeCodec = t.keyof(
    Object.fromEntries(types.map((type) => [type, null])) as Record<string, null>,
    `${name}Type`,
  );
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
      if (codec === undefined)
        return typeCodec.validate(type, t.appendContext(context, 'type', typeCodec, type)) as t.Validation<never>;
      return codec.validate(value, context) as t.Validation<A>;
    },
    (message) => {
      const codec = codecOf((message as { type: string }).type);
      // Encoding a value that is not a member of the union is a programming error.
      if (codec === undefined)
        throw new Error(`${name}: cannot encode unknown type ${String((message as { type: unknown }).type)}`);
      return codec.encode(message) as O;
    },
  );
};

/** The decoded form of required and optional props: readonly, optional keys absent rather than undefined. */
export type RecordOf<Required extends t.Props, Optional extends t.Props> = {
  readonly [K in keyof Required]: t.TypeOf<Required[K]>;
} & { readonly [K in keyof Optional]?: t.TypeOf<Optional[K]> };

/** The encoded form of {@link RecordOf}. */
export type RecordOutputOf<Required extends t.Props, Optional extends t.Props> = {
  readonly [K in keyof Required]: t.OutputOf<Required[K]>;
} & { readonly [K in keyof Optional]?: t.OutputOf<Optional[K]> };

/**
 * An exact object codec with required and optional props (the class behind
 * {@link exactRecord}); `required` and `optional` are kept for tools that
 * walk codecs, e.g. test data generators.
 */
export class ExactRecordType<Required extends t.Props, Optional extends t.Props> extends t.Type<
  RecordOf<Required, Optional>,
  RecordOutputOf<Required, Optional>,
  unknown
> {
  /** Tells codec walkers which kind of codec this is. */
  readonly _tag = 'ExactRecordType' as const;

  /** Builds the codec; see {@link exactRecord}. */
  constructor(
    name: string,
    readonly required: Required,
    readonly optional: Optional,
  ) {
    const requiredEntries = Object.entries(required);
    const optionalEntries = Object.entries(optional);
    const isObject = (value: unknown): value is Record<string, unknown> =>
      typeof value === 'object' && value !== null && !Array.isArray(value);
    super(
      name,
      (value): value is RecordOf<Required, Optional> =>
        isObject(value) &&
        requiredEntries.every(([key, codec]) => codec.is(value[key])) &&
        optionalEntries.every(([key, codec]) => value[key] === undefined || codec.is(value[key])),
      (value, context) => {
        if (!isObject(value)) return t.failure(value, context);
        const errors: t.ValidationError[] = [];
        const output: Record<string, unknown> = {};
        const field = (key: string, codec: t.Mixed) => {
          const result = codec.validate(value[key], t.appendContext(context, key, codec, value[key]));
          if (result._tag === 'Left') errors.push(...result.left);
          else output[key] = result.right;
        };
        for (const [key, codec] of requiredEntries) field(key, codec);
        for (const [key, codec] of optionalEntries) if (value[key] !== undefined) field(key, codec);
        return errors.length > 0 ? t.failures(errors) : t.success(output as RecordOf<Required, Optional>);
      },
      (decoded) => {
        const output: Record<string, unknown> = {};
        const source = decoded as Record<string, unknown>;
        for (const [key, codec] of requiredEntries) output[key] = codec.encode(source[key]);
        for (const [key, codec] of optionalEntries)
          if (source[key] !== undefined) output[key] = codec.encode(source[key]);
        return output as RecordOutputOf<Required, Optional>;
      },
    );
  }
}

/**
 * An exact object codec with required and optional props. Unlike
 * `t.exact(t.intersection([t.type(…), t.partial(…)]))` its error paths name
 * the field directly (`data.impact`, not `data.0.impact`); unknown keys are
 * stripped and an optional key given as `undefined` is left out.
 */
export const exactRecord = <Required extends t.Props, Optional extends t.Props>(
  name: string,
  required: Required,
  optional: Optional,
): ExactRecordType<Required, Optional> => new ExactRecordType(name, required, optional);
