/**
 * Tamper evidence: a per-stream hash chain, its verification, and anchors.
 *
 * Every event's `hash` is SHA-256 over the previous event's hash in the same
 * stream (64 zeros for the first) and the canonical JSON of the event as
 * stored (stream id, version, event id, type, schema version, data,
 * metadata including `recordedAt`). The chain is per stream so that every
 * adapter can compute it inside its own append, whatever its global
 * positions look like.
 *
 * A verification pass over the log (in global position order) detects a
 * flipped byte (hash mismatch), a deleted event (version gap), reordered or
 * inserted events (versions out of order, or hash mismatch), and positions
 * that do not increase. A chain that was recomputed after an edit, or a
 * truncated tail, is consistent in itself: only an {@link Anchor} the auditor
 * kept (the stream heads at a position, digested and optionally signed with
 * HMAC-SHA-256) reveals those.
 *
 * Limits: memory grows with the number of streams (one head each), not with
 * the number of events.
 *
 * @module
 */
import { createHash, createHmac, hash as hashOnce, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { EventMetadata, RecordedEvent } from './events.js';

/** The previous-hash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event the chain covers, as stored. */
export interface ChainedEventContent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** Computes an event's chain hash from the previous hash of its stream. */
export const chainHash = (previousHash: string, event: ChainedEventContent): string =>
  chainHashOfCanonical(previousHash, canonicalEventJson(event));

/** The canonical JSON the chain hashes for one event. */
export const canonicalEventJson = (event: ChainedEventContent): string =>
  canonicalJson({
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
  });

/** Computes a chain hash from already-canonical event JSON (the adapters' hot path). */
export const chainHashOfCanonical = (previousHash: string, canonicalEvent: string): string =>
  // One-shot hashing (Node 20.12+): no Hash object per event.
  hashOnce('sha256', `${previousHash}\n${canonicalEvent}`, 'hex');

/** Why a verification failed. */
export type ChainBreakReason =
  | 'hash-mismatch'
  | 'version-gap'
  | 'version-out-of-order'
  | 'position-not-increasing'
  | 'anchor-digest-mismatch'
  | 'anchor-signature-mismatch'
  | 'anchor-head-mismatch'
  | 'anchor-head-missing';

/** The first place where the log does not match its chain or the anchor. */
export interface ChainBreak {
  readonly reason: ChainBreakReason;
  readonly streamId?: string;
  readonly streamVersion?: number;
  readonly globalPosition?: number;
  /** A sentence for humans. */
  readonly detail: string;
}

/** The outcome of a verification pass. */
export type ChainVerification =
  | {
      readonly ok: true;
      readonly eventsChecked: number;
      readonly streamsChecked: number;
      readonly lastPosition: number;
    }
  | { readonly ok: false; readonly eventsChecked: number; readonly broken: ChainBreak };

/** The head of one stream: its version and the hash of its last event. */
export interface StreamHead {
  readonly version: number;
  readonly hash: string;
}

/**
 * What an auditor keeps: every stream's head at a global position, a digest
 * over them, and optionally an HMAC signature made with a key the auditor holds.
 */
export interface Anchor {
  readonly format: 'itsm-anchor/1';
  /** The global position of the last event covered. */
  readonly position: number;
  /** When the anchor was made (informational, not covered by the chain). */
  readonly createdAt: string;
  /** Stream id → head at `position`. */
  readonly streams: Readonly<Record<string, StreamHead>>;
  /** SHA-256 over the canonical JSON of `{ position, streams }`. */
  readonly digest: string;
  /** HMAC-SHA-256 of `digest` with the auditor's key, when one was given. */
  readonly signature?: string;
}

const digestOf = (position: number, streams: Readonly<Record<string, StreamHead>>): string =>
  createHash('sha256').update(canonicalJson({ position, streams })).digest('hex');

const signatureOf = (digest: string, key: string | Buffer): string =>
  createHmac('sha256', key).update(digest).digest('hex');

/** Builds an anchor from stream heads; signs it when a key is given. */
export const createAnchor = (
  position: number,
  streams: Readonly<Record<string, StreamHead>>,
  createdAt: string,
  key?: string | Buffer,
): Anchor => {
  const digest = digestOf(position, streams);
  const base = { format: 'itsm-anchor/1' as const, position, createdAt, streams, digest };
  return key === undefined ? base : { ...base, signature: signatureOf(digest, key) };
};

const storedForm = (event: RecordedEvent): ChainedEventContent => ({
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.asStored?.schemaVersion ?? event.schemaVersion,
  data: event.asStored ? event.asStored.data : event.data,
  metadata: event.metadata,
});

/**
 * Checks events incrementally, in the order `readAll` yields them; feed it
 * with {@link ChainVerifier.check}, then call {@link ChainVerifier.finish}.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, StreamHead>();
  private lastPosition = 0;
  private eventsChecked = 0;
  private broken: ChainBreak | undefined;
  private readonly anchor: Anchor | undefined;

  /** Starts a pass; with an anchor, its digest (and signature, given the key) is checked first. */
  constructor(anchor?: Anchor, key?: string | Buffer) {
    this.anchor = anchor;
    if (!anchor) return;
    if (digestOf(anchor.position, anchor.streams) !== anchor.digest) {
      this.broken = { reason: 'anchor-digest-mismatch', detail: 'the anchor file does not match its own digest' };
    } else if (key !== undefined) {
      const expected = Buffer.from(signatureOf(anchor.digest, key), 'hex');
      const actual = Buffer.from(anchor.signature ?? '', 'hex');
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
        this.broken = { reason: 'anchor-signature-mismatch', detail: 'the anchor signature does not match the key' };
    }
  }

  /** Checks one event; returns false once the log is known to be broken. */
  check(event: RecordedEvent): boolean {
    if (this.broken) return false;
    const at = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
    if (event.globalPosition <= this.lastPosition) {
      this.broken = {
        ...at,
        reason: 'position-not-increasing',
        detail: `position ${event.globalPosition} follows position ${this.lastPosition}`,
      };
      return false;
    }
    const head = this.heads.get(event.streamId);
    const expectedVersion = (head?.version ?? 0) + 1;
    if (event.streamVersion !== expectedVersion) {
      this.broken = {
        ...at,
        reason: event.streamVersion > expectedVersion ? 'version-gap' : 'version-out-of-order',
        detail: `${event.streamId} version ${event.streamVersion} found where version ${expectedVersion} was due`,
      };
      return false;
    }
    const hash = chainHash(head?.hash ?? GENESIS_HASH, storedForm(event));
    if (hash !== event.hash) {
      this.broken = {
        ...at,
        reason: 'hash-mismatch',
        detail: `${event.streamId} version ${event.streamVersion}: content does not match its hash (altered event or broken chain)`,
      };
      return false;
    }
    const anchored = this.anchor?.streams[event.streamId];
    if (anchored && anchored.version === event.streamVersion && anchored.hash !== hash) {
      this.broken = {
        ...at,
        reason: 'anchor-head-mismatch',
        detail: `${event.streamId} version ${event.streamVersion} differs from the anchored head (the chain was recomputed)`,
      };
      return false;
    }
    this.heads.set(event.streamId, { version: event.streamVersion, hash });
    this.lastPosition = event.globalPosition;
    this.eventsChecked++;
    return true;
  }

  /** Ends the pass: anchored heads that never appeared mean the log was truncated. */
  finish(): ChainVerification {
    if (!this.broken && this.anchor) {
      for (const [streamId, anchored] of Object.entries(this.anchor.streams)) {
        const head = this.heads.get(streamId);
        if (!head || head.version < anchored.version) {
          this.broken = {
            reason: 'anchor-head-missing',
            streamId,
            streamVersion: anchored.version,
            detail: `${streamId} ends at version ${head?.version ?? 0}, but the anchor saw version ${anchored.version} (events were removed)`,
          };
          break;
        }
      }
    }
    return this.broken
      ? { ok: false, eventsChecked: this.eventsChecked, broken: this.broken }
      : {
          ok: true,
          eventsChecked: this.eventsChecked,
          streamsChecked: this.heads.size,
          lastPosition: this.lastPosition,
        };
  }

  /** The heads seen so far (after {@link ChainVerifier.finish}: the heads of the whole log). */
  currentHeads(): ReadonlyMap<string, StreamHead> {
    return this.heads;
  }
}
