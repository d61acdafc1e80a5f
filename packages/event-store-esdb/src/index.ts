/**
 * `@itsm/event-store-esdb`: the EventStoreDB / KurrentDB event store of
 * @itsm, for deployments that scale beyond one machine. Implements the
 * kernel's `EventStore` port over `@eventstore/db-client`, including
 * catch-up subscriptions to `$all` for projections.
 *
 * @packageDocumentation
 */
export { EVENT_ID_CLAIM_CATEGORY, EVENT_ID_CLAIM_TYPE, createEsdbEventStore } from './esdb-event-store.js';
export type { EsdbEventStore, EsdbEventStoreTuning } from './esdb-event-store.js';
export { subscribeEsdbAll } from './esdb-all-subscription.js';
export { actualVersionOfConflict, unavailableOf } from './esdb-errors.js';
export type { EsdbOperation } from './esdb-errors.js';
export {
  appendRevisionFor,
  expectedRevisionOf,
  revisionOfVersion,
  versionOfCurrentRevision,
  versionOfRevision,
} from './esdb-expected-revision.js';
export { commitPositionOf, esdbEventDataOf, isSystemEvent, storedEventOf } from './esdb-event-codec.js';
export type { EsdbEventMetadata } from './esdb-event-codec.js';
