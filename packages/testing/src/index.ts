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
