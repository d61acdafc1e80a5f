export { eventStoreContract } from './event-store-contract.js';
export type {
  ContractSubject,
  EventStoreContractOptions,
  OpenContractSubject,
  StoreTampering,
} from './event-store-contract/contract-subject.js';
export { inMemoryTampering, openInMemoryContractSubject } from './in-memory-contract-subject.js';
