/**
 * Verifying a whole store or one stream against its hash chains, and making
 * anchors of the current heads. Open the store with `permissiveEventSchemas`
 * to verify a log whatever types it holds; events an upcaster changed are
 * checked in their stored form.
 *
 * @module
 */
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { ReadError } from './errors.js';
import type { EventStore } from './event-store.js';
import { ChainVerifier, createAnchor, type Anchor, type ChainVerification, type StreamHead } from './hash-chain.js';
import { catchReadFailure } from './read-helpers.js';

/** Verifies every stream of the store; with an anchor, also truncation and recomputed chains. */
export const verifyAll = (
  store: EventStore,
  anchor?: Anchor,
  key?: string | Buffer,
): Promise<Either<ReadError, ChainVerification>> =>
  catchReadFailure(async () => {
    const verifier = new ChainVerifier(anchor, key);
    for await (const event of store.readAll()) if (!verifier.check(event)) break;
    return verifier.finish();
  });

/** Verifies one stream's chain (versions contiguous from 1, every hash matching). */
export const verifyStream = (store: EventStore, streamId: string): Promise<Either<ReadError, ChainVerification>> =>
  catchReadFailure(async () => {
    const verifier = new ChainVerifier();
    // Positions within one stream increase, so the same checks apply.
    for await (const event of store.readStream(streamId)) if (!verifier.check(event)) break;
    return verifier.finish();
  });

/**
 * Verifies the log and, if it is intact, returns an anchor of every stream's
 * head at the last position (signed when a key is given).
 */
export const anchorStore = async (
  store: EventStore,
  createdAt: string,
  key?: string | Buffer,
): Promise<Either<ReadError, { readonly verification: ChainVerification; readonly anchor?: Anchor }>> => {
  const heads: Record<string, StreamHead> = {};
  const read = await catchReadFailure(async () => {
    const verifier = new ChainVerifier();
    for await (const event of store.readAll()) if (!verifier.check(event)) break;
    const verification = verifier.finish();
    for (const [streamId, head] of verifier.currentHeads()) heads[streamId] = head;
    return verification;
  });
  if (read._tag === 'Left') return read;
  const verification = read.right;
  if (!verification.ok) return right({ verification });
  return right({ verification, anchor: createAnchor(verification.lastPosition, heads, createdAt, key) });
};
