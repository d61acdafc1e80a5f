/**
 * `@itsm/event-store-sqlite`: the embedded event store of @itsm on
 * better-sqlite3. WAL, durable (`synchronous=FULL`) by default, group commit
 * of concurrent appends, safe with several processes on one file.
 *
 * @packageDocumentation
 */
export {
  READ_BATCH_SIZE,
  SQLITE_BUSY_TIMEOUT_MS,
  SUBSCRIPTION_POLL_MS,
  openSqliteEventStore,
} from './sqlite-event-store.js';
export type { SqliteConnectionSettings, SqliteEventStore } from './sqlite-event-store.js';
export { SqliteCommitMode, SqliteDurability } from './sqlite-durability.js';
export type { FullSynchronous, GroupCommit, NormalSynchronous, TransactionPerAppend } from './sqlite-durability.js';
export { MAX_GROUP_SIZE } from './group-commit.js';
export { LOCK_WAIT_TIMEOUT_MS } from './sqlite-lock-wait.js';
export type { SqliteCommitCounts } from './group-commit.js';
export { SQLITE_APPLICATION_ID, SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
export type { SqliteStoreOpenFailed, SqliteStoreOpenProblem } from './sqlite-schema.js';
export { sqliteTampering } from './sqlite-tampering.js';
export type { SqliteTampering } from './sqlite-tampering.js';
