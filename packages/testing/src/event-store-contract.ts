/**
 * The event store contract suite: the behaviour every `EventStore` adapter
 * must have, as jest tests. Each adapter runs it from its own package:
 *
 * ```ts
 * eventStoreContract('SQLite', async (settings) => { ...; return { store, reopen, tampering, close }; });
 * ```
 *
 * The suite builds every setting itself (schema registries, payload cap,
 * clock) and opens a fresh subject per test. Tests write to streams of their
 * own and read the log from the position they started at, so the suite also
 * runs against a store that already holds events (but no other writer may
 * write to it while the suite runs: head positions are compared before and
 * after refused appends). It does not require global
 * positions to be contiguous, only strictly increasing without gaps that fill
 * later.
 *
 * Limits: jest decides what to skip before any store is opened, so an adapter
 * without tampering or subscriptions says so in `options`; the tests it cannot
 * run are then listed as skipped with the reason in their titles.
 *
 * @module
 */
import { describe } from '@jest/globals';
import { commandHandlingContract } from './event-store-contract/command-handling-contract.js';
import type { EventStoreContractOptions, OpenContractSubject } from './event-store-contract/contract-subject.js';
import { eventValidationContract } from './event-store-contract/event-validation-contract.js';
import { expectedVersionContract } from './event-store-contract/expected-version-contract.js';
import { hashChainContract } from './event-store-contract/hash-chain-contract.js';
import { idempotencyContract } from './event-store-contract/idempotency-contract.js';
import { readingContract } from './event-store-contract/reading-contract.js';
import { schemaContract } from './event-store-contract/schema-contract.js';
import { subscriptionContract } from './event-store-contract/subscription-contract.js';

/**
 * The event store contract suite: declares jest `describe`/`it` blocks that
 * check an adapter against the port's contract (expected versions, races,
 * idempotency, reads, schema versions and upcasting, stream ids, malformed
 * and oversized events, the hash chain and tampering, command handling,
 * subscriptions). Call it at the top level of a test file.
 *
 * @param name - the adapter's name, shown in the test titles
 * @param open - opens a fresh, empty-or-not store with the suite's settings
 * @param options - what the adapter cannot do (tampering, subscriptions); everything by default
 */
export const eventStoreContract = (
  name: string,
  open: OpenContractSubject,
  options: EventStoreContractOptions = {},
): void => {
  const tampering = options.tampering ?? true;
  const chainRewriting = options.chainRewriting ?? tampering;
  const subscriptions = options.subscriptions ?? true;
  describe(`event store contract: ${name}`, () => {
    expectedVersionContract(open);
    idempotencyContract(open);
    readingContract(open);
    schemaContract(open);
    eventValidationContract(open);
    hashChainContract(open, tampering, chainRewriting);
    commandHandlingContract(open);
    subscriptionContract(open, subscriptions);
  });
};
