/**
 * The configuration item aggregate as applications, the CLI and projections
 * see it: stream naming, decider, command codec, event schemas.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { streamIdOf, type InvalidStreamId, type StreamId } from '@itsm/event-store';
import type { AggregateDefinition } from '../shared/aggregate.js';
import type { ConfigurationItemId } from '../shared/ids.js';
import { ConfigurationItemCommand } from './configuration-item-commands.js';
import { configurationItemDecider } from './configuration-item-decider.js';
import type { ConfigurationItemError } from './configuration-item-errors.js';
import { configurationItemEventSchemas, type ConfigurationItemEvent } from './configuration-item-events.js';
import type { ConfigurationItemState } from './configuration-item-state.js';

/** The stream category of configuration items (`configurationItem-<id>`). */
export const CONFIGURATION_ITEM_CATEGORY = 'configurationItem';

/** The stream id of a configuration item. */
export const configurationItemStreamId = (
  configurationItemId: ConfigurationItemId | string,
): Either<InvalidStreamId, StreamId> => streamIdOf(CONFIGURATION_ITEM_CATEGORY, configurationItemId);

/** The configuration item aggregate definition. */
export const ConfigurationItem: AggregateDefinition<
  ConfigurationItemCommand,
  ConfigurationItemEvent,
  ConfigurationItemState,
  ConfigurationItemError
> = {
  category: CONFIGURATION_ITEM_CATEGORY,
  decider: configurationItemDecider,
  commandCodec: ConfigurationItemCommand,
  recordIdOf: (command) => command.data.configurationItemId,
  eventSchemas: configurationItemEventSchemas,
};
