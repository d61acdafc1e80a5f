/**
 * What an adapter hands the event store contract suite: a store opened with
 * the suite's settings, a way to reopen the same storage with other settings,
 * and, where the storage allows it, a way to tamper with stored events behind
 * the store's back (as an attacker with write access to the database would).
 *
 * @module
 */
import type { EventStore, EventStoreSettings } from '@itsm/event-store';

/**
 * Direct edits of stored events, bypassing the store, for the tamper-evidence
 * tests. Positions are global positions as the store reports them.
 */
export interface StoreTampering {
  /** Changes one character of the stored data of the event at `position` (the data stays valid JSON). */
  flipByte(position: number): Promise<void>;
  /** Removes the event at `position`. */
  deleteEvent(position: number): Promise<void>;
  /** Swaps the stored contents (everything but the global position) of two events of one stream. */
  swapEvents(a: number, b: number): Promise<void>;
  /**
   * Inserts a forged copy of the event at `afterPosition` right after it in its
   * stream, with a fresh event id and the original's hash: later events of that
   * stream move up one version, later positions move up by one.
   */
  insertEvent(afterPosition: number): Promise<void>;
  /**
   * Replaces the stored data of the event at `position` and recomputes the
   * hash chain of its stream from there (with the kernel's `chainHash`), as an
   * attacker who knows the algorithm would. Optional: without it the
   * recomputed-chain test is skipped.
   */
  rewriteEvent?(position: number, data: unknown): Promise<void>;
}

/** A store under test, as returned by the adapter's `open`. */
export interface ContractSubject {
  /** The store opened with the settings the suite passed to `open`. */
  readonly store: EventStore;
  /** Opens another store over the same storage with other settings (e.g. another schema registry). */
  readonly reopen: (settings: EventStoreSettings) => Promise<EventStore>;
  /** Direct edits of the storage; leave undefined when the storage cannot be edited behind the store's back. */
  readonly tampering?: StoreTampering;
  /** Closes the store and releases the storage (delete temporary files here). */
  readonly close: () => Promise<void>;
}

/** Opens a fresh subject with the settings the suite chose. */
export type OpenContractSubject = (settings: EventStoreSettings) => Promise<ContractSubject>;

/**
 * What the adapter can do beyond the port, declared up front because jest
 * decides which tests to skip before any store is opened.
 */
export interface EventStoreContractOptions {
  /**
   * Whether `open` returns a subject with {@link ContractSubject.tampering}.
   * Default `true`; with `false` the tamper tests are listed as skipped, with
   * the reason in their titles.
   */
  readonly tampering?: boolean;
  /**
   * Whether the subject's tampering implements {@link StoreTampering.rewriteEvent}.
   * Default: the value of `tampering`; with `false` the recomputed-chain test
   * is listed as skipped.
   */
  readonly chainRewriting?: boolean;
  /**
   * Whether the store implements `subscribeToAll`. Default `true`; with
   * `false` the subscription tests are listed as skipped.
   */
  readonly subscriptions?: boolean;
}
