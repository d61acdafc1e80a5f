/**
 * The event schemas of an aggregate for the store's registry, built from the
 * aggregate's event codecs: every stored event is validated against its codec
 * on append and after upcasting on read.
 *
 * @module
 */
import type * as t from 'io-ts';
import type { EventSchema, Upcaster } from '@itsm/event-store';
import { validationProblems } from './codec-decoding.js';

/** An event type's data codec, current schema version and upcasters from older versions. */
export interface EventCodecEntry {
  readonly codec: t.Mixed;
  /** Defaults to 1. */
  readonly schemaVersion?: number;
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** Builds registry entries from an aggregate's event codecs, keyed by event type. */
export const eventSchemasOf = (entries: Readonly<Record<string, EventCodecEntry>>): readonly EventSchema[] =>
  Object.entries(entries).map(([type, entry]) => {
    const base = {
      type,
      schemaVersion: entry.schemaVersion ?? 1,
      validate: (data: unknown) => validationProblems(entry.codec, data),
    };
    return entry.upcasters ? { ...base, upcasters: entry.upcasters } : base;
  });
