import { eventStoreContract } from './event-store-contract.js';
import { openInMemoryContractSubject } from './in-memory-contract-subject.js';

eventStoreContract('in-memory', openInMemoryContractSubject);
