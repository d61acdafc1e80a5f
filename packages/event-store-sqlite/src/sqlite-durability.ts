/**
 * How durable a SQLite commit is, and how appends are grouped into
 * transactions. Both are closed unions with named values: the durable,
 * grouped behaviour is the default, and anything weaker must be spelled out
 * at the call site.
 *
 * Limits: durability is only as good as the disk's honouring of `fsync`
 * (drives with a volatile write cache and no power-loss protection can still
 * lose acknowledged commits on power failure, whatever SQLite does).
 *
 * @module
 */

/**
 * `synchronous=FULL` in WAL mode: every commit is fsync'd to the WAL before
 * the append is answered. An acknowledged append survives a process crash,
 * an operating-system crash and a power loss.
 */
export interface FullSynchronous {
  readonly _tag: 'FullSynchronous';
}
/**
 * `synchronous=NORMAL` in WAL mode: commits are fsync'd only at checkpoints.
 * An acknowledged append survives a process crash, but the last commits
 * before an operating-system crash or power loss may be rolled back (the
 * database itself stays consistent and its hash chains intact). Several
 * times faster for one-event-per-transaction workloads.
 */
export interface NormalSynchronous {
  readonly _tag: 'NormalSynchronous';
}

/** The durability of a SQLite event store's commits. */
export type SqliteDurability = FullSynchronous | NormalSynchronous;

/** The named durability settings; {@link SqliteDurability.fullSynchronous} is the default. */
export const SqliteDurability = {
  /** Durable against power loss: fsync on every commit (the default). */
  fullSynchronous: { _tag: 'FullSynchronous' } as SqliteDurability,
  /** Durable against process crashes only; the risk is documented on {@link NormalSynchronous}. */
  normalSynchronous: { _tag: 'NormalSynchronous' } as SqliteDurability,
} as const;

/** The `PRAGMA synchronous` value of a durability setting. */
export const synchronousPragmaOf = (durability: SqliteDurability): 'FULL' | 'NORMAL' =>
  durability._tag === 'FullSynchronous' ? 'FULL' : 'NORMAL';

/**
 * Group commit: appends that arrive while the store is committing (within the
 * same event-loop turn) are gathered and committed together in the next
 * transaction, each inside its own SAVEPOINT with its own expected-version
 * check. Each caller is answered after the shared COMMIT returned.
 */
export interface GroupCommit {
  readonly _tag: 'GroupCommit';
}
/** One `BEGIN IMMEDIATE … COMMIT` per append, run synchronously inside the call. */
export interface TransactionPerAppend {
  readonly _tag: 'TransactionPerAppend';
}

/** How appends are mapped onto SQLite transactions. */
export type SqliteCommitMode = GroupCommit | TransactionPerAppend;

/** The named commit modes; {@link SqliteCommitMode.groupCommit} is the default. */
export const SqliteCommitMode = {
  /** Gather concurrent appends into one transaction (the default). */
  groupCommit: { _tag: 'GroupCommit' } as SqliteCommitMode,
  /** One transaction per append, never grouped. */
  transactionPerAppend: { _tag: 'TransactionPerAppend' } as SqliteCommitMode,
} as const;
