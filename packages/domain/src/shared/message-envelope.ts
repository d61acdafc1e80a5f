/**
 * The envelopes of the domain's messages: a command is `{ type, data,
 * metadata }`, an event `{ type, data }` (the store adds its metadata).
 * Every aggregate builds its command and event codecs with these two, so
 * the envelope is the same everywhere and only the data codecs differ.
 *
 * @module
 */
import * as t from 'io-ts';
import { CommandMetadata } from './command-metadata.js';

/** The codec of one command type: a literal `type`, its `data` codec and the command metadata; named after the type. */
export const commandCodec = <Type extends string, Data extends t.Mixed>(type: Type, data: Data) =>
  t.readonly(t.type({ type: t.literal(type), data, metadata: CommandMetadata }), type);

/** The codec of one event type: a literal `type` and its `data` codec; named after the type. */
export const eventCodec = <Type extends string, Data extends t.Mixed>(type: Type, data: Data) =>
  t.readonly(t.type({ type: t.literal(type), data }), type);
