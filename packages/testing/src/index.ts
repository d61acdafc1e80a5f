export { eventStoreContract } from './event-store-contract.js';
export type {
  ContractSubject,
  EventStoreContractOptions,
  OpenContractSubject,
  StoreTampering,
} from './event-store-contract/contract-subject.js';
export { inMemoryTampering, openInMemoryContractSubject } from './in-memory-contract-subject.js';
export { DeciderSpecFailure, deciderSpec } from './decider-spec.js';
export type { DeciderSpec, DecisionSpec, ErrorTag, ErrorWithTag, HistorySpec } from './decider-spec.js';
export { startEsdbProtocolTestServer } from './esdb-protocol-server/esdb-protocol-test-server.js';
export type {
  EsdbAppendFault,
  EsdbProtocolTampering,
  EsdbProtocolTestServer,
  EsdbProtocolTestServerOptions,
} from './esdb-protocol-server/esdb-protocol-test-server.js';
export { EsdbProtocolLog } from './esdb-protocol-server/esdb-protocol-log.js';
export type {
  EsdbAppendOutcome,
  EsdbExpectedRevision,
  EsdbProposedEvent,
  EsdbStoredRecord,
} from './esdb-protocol-server/esdb-protocol-log.js';
export {
  createSpecStore,
  givenEvents,
  projectionSpec,
  storeWithEvents,
  streamOfGivenEvent,
} from './projection-spec.js';
export type {
  GivenEvent,
  ProjectionGivenSpec,
  ProjectionQuerySpec,
  ProjectionSpec,
  SpecStore,
} from './projection-spec.js';
export { checkRebuildEquivalence, readModelSnapshot } from './rebuild-equivalence.js';
export { runThreadsAtOnce } from './threads-at-once.js';
export type { RebuildEquivalenceSettings } from './rebuild-equivalence.js';
