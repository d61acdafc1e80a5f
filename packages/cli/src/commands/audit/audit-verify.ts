/**
 * `itsm audit verify [--anchor <file>]`: checks every stream's hash chain
 * and, with an anchor the auditor kept, that no tail was truncated and no
 * chain recomputed. Reads the log as stored (no upcasting).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import {
  ChainVerifier,
  catchReadFailure,
  describeEventStoreError,
  type Anchor,
  type ChainVerification,
  type EventStore,
} from '@itsm/event-store';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { startProgress } from '../../output/progress.js';
import type { Terminal } from '../../output/terminal.js';

/** An anchor file that cannot be read or is not an anchor. */
export interface AnchorUnreadable {
  readonly _tag: 'AnchorUnreadable';
  readonly file: string;
  readonly reason: string;
}

/** Reads and shape-checks an anchor file written by `itsm audit anchor`. */
export const readAnchorFile = (file: string): Either<AnchorUnreadable, Anchor> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return left({ _tag: 'AnchorUnreadable', file, reason: (error as Error).message });
  }
  const anchor = parsed as Partial<Anchor>;
  if (
    anchor.format !== 'itsm-anchor/1' ||
    typeof anchor.position !== 'number' ||
    typeof anchor.digest !== 'string' ||
    typeof anchor.streams !== 'object' ||
    anchor.streams === null
  )
    return left({ _tag: 'AnchorUnreadable', file, reason: 'not an itsm-anchor/1 file' });
  return right(anchor as Anchor);
};

/** Verifies the whole log, drawing a progress bar on a terminal. */
export const verifyLog = async (
  store: EventStore,
  terminal: Terminal,
  anchor?: Anchor,
  key?: string,
): Promise<Either<string, ChainVerification>> => {
  const head = await store.headPosition();
  if (head._tag === 'Left') return left(describeEventStoreError(head.left));
  const progress = startProgress(terminal, 'verifying', head.right);
  const result = await catchReadFailure(async () => {
    const verifier = new ChainVerifier(anchor, key);
    for await (const event of store.readAll()) {
      if (!verifier.check(event)) break;
      if (event.globalPosition % 1000 === 0) progress.update(event.globalPosition);
    }
    return verifier.finish();
  });
  progress.stop();
  return result._tag === 'Left' ? left(describeEventStoreError(result.left)) : right(result.right);
};

/** The human lines for a verification result. */
export const describeVerification = (verification: ChainVerification, anchored: boolean): string =>
  verification.ok
    ? `OK: ${verification.eventsChecked} events in ${verification.streamsChecked} streams verified up to position ${verification.lastPosition}` +
      (anchored ? '; the anchored heads are intact' : '')
    : `BROKEN (${verification.broken.reason})` +
      (verification.broken.globalPosition !== undefined ? ` at position ${verification.broken.globalPosition}` : '') +
      (verification.broken.streamId !== undefined
        ? ` in ${verification.broken.streamId}${verification.broken.streamVersion !== undefined ? ` version ${verification.broken.streamVersion}` : ''}`
        : '') +
      `: ${verification.broken.detail} (${verification.eventsChecked} events verified before it)`;
