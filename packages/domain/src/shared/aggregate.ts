/**
 * What an aggregate module exposes to applications, the CLI and projections:
 * its stream naming, decider, command codec and event schemas, so that a
 * generic dispatcher can validate untrusted input and handle it.
 *
 * @module
 */
import type * as t from 'io-ts';
import type { Decider, DomainEvent, EventSchema } from '@itsm/event-store';
import type { CommandMetadata } from './command-metadata.js';

/** A command as every aggregate shapes it: a type, its data and its metadata. */
export interface DomainCommand<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** The public face of one aggregate type. */
export interface AggregateDefinition<Command extends DomainCommand, Event extends DomainEvent, State, DomainError> {
  /** The stream category, e.g. `incident` (streams are `incident-<id>`). */
  readonly category: string;
  /** The decider with the default policy. */
  readonly decider: Decider<Command, Event, State, DomainError>;
  /** Decodes untrusted command input (type, data, metadata). */
  readonly commandCodec: t.Type<Command, unknown, unknown>;
  /** The id of the record a command addresses (its stream is `<category>-<id>`). */
  readonly recordIdOf: (command: Command) => string;
  /** Registry entries for every event type of the aggregate. */
  readonly eventSchemas: readonly EventSchema[];
}
