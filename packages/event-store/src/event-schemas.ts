/**
 * The event schema registry: which event types a store knows, their current
 * schema versions, and the upcasters that turn old versions into current ones.
 *
 * Appends are written with the type's current schema version. Reads run the
 * stored data through the upcasters `v → v+1` up to the current version; the
 * stored bytes are never rewritten. A type or version the registry does not
 * know fails loudly with {@link EventDecodeFailed}, naming the stream,
 * position, type and version. {@link permissiveEventSchemas} accepts anything
 * as stored, for tools that must read any log (audit verification).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';

/** Turns the data of schema version `v` into the data of version `v + 1`. */
export type Upcaster = (data: unknown) => unknown;

/** Validates data in the current schema; returns why it is invalid, or `undefined`. */
export type EventDataValidator = (data: unknown) => string | undefined;

/** What the registry knows about one event type. */
export interface EventSchema {
  readonly type: string;
  /** The version new events are written with; 1 or more. */
  readonly schemaVersion: number;
  /** `upcasters[v]` upgrades version `v` to `v + 1`; one for every `v` below `schemaVersion`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
  /** Checks current-schema data on append and after upcasting on read. */
  readonly validate?: EventDataValidator;
}

/** The result of decoding stored data. */
export interface DecodedData {
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** The registry a store consults on every append and read. */
export interface EventSchemaRegistry {
  /** The schema version new events of `type` are written with, or why the type is refused. */
  readonly schemaVersionFor: (type: string, data: unknown) => Either<string, number>;
  /** Upcasts and validates stored data, or says why it cannot be read. */
  readonly decode: (type: string, schemaVersion: number, data: unknown) => Either<string, DecodedData>;
}

/** Builds a strict registry from the schemas of every event type the store may hold. */
export const createEventSchemaRegistry = (schemas: readonly EventSchema[]): EventSchemaRegistry => {
  const byType = new Map<string, EventSchema>();
  for (const schema of schemas) {
    if (!Number.isSafeInteger(schema.schemaVersion) || schema.schemaVersion < 1)
      throw new Error(`event schema ${schema.type}: schemaVersion must be an integer ≥ 1`);
    for (let v = 1; v < schema.schemaVersion; v++)
      if (!schema.upcasters?.[v])
        throw new Error(`event schema ${schema.type}: missing upcaster from v${v} to v${v + 1}`);
    if (byType.has(schema.type)) throw new Error(`event schema ${schema.type} registered twice`);
    byType.set(schema.type, schema);
  }
  return {
    schemaVersionFor: (type, data) => {
      const schema = byType.get(type);
      if (!schema) return left(`event type "${type}" is not registered`);
      const invalid = schema.validate?.(data);
      return invalid === undefined ? right(schema.schemaVersion) : left(`${type} data is invalid: ${invalid}`);
    },
    decode: (type, schemaVersion, data) => {
      const schema = byType.get(type);
      if (!schema) return left(`unknown event type "${type}"`);
      if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > schema.schemaVersion)
        return left(`unknown schema version ${schemaVersion} of ${type} (current is ${schema.schemaVersion})`);
      let current = data;
      for (let v = schemaVersion; v < schema.schemaVersion; v++) {
        const upcast = schema.upcasters?.[v];
        if (!upcast) return left(`no upcaster from ${type} v${v}`);
        // Stored data an upcaster cannot handle is a decode failure naming the event, not a stray exception.
        try {
          current = upcast(current);
        } catch (error) {
          return left(
            `the upcaster from ${type} v${v} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      const invalid = schema.validate?.(current);
      return invalid === undefined
        ? right({ schemaVersion: schema.schemaVersion, data: current })
        : left(`data does not match ${type} v${schema.schemaVersion}: ${invalid}`);
    },
  };
};

/** A registry that accepts every type at the version given and returns data as stored. */
export const permissiveEventSchemas: EventSchemaRegistry = {
  schemaVersionFor: () => right(1),
  decode: (_type, schemaVersion, data) => right({ schemaVersion, data }),
};

/** Combines registries of several modules (e.g. each aggregate's) into one strict registry. */
export const mergeEventSchemas = (...groups: readonly (readonly EventSchema[])[]): EventSchemaRegistry =>
  createEventSchemaRegistry(groups.flat());
