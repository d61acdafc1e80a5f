import { describe, expect, it } from '@jest/globals';
import { permissiveEventSchemas } from './event-schemas.js';
import { defaultEventStoreSettings } from './event-store.js';
import type { RecordedEvent } from './events.js';
import { ExpectedVersion } from './expected-version.js';
import { deterministicEventId } from './handle-command.js';
import { ChainVerifier, GENESIS_HASH, chainHash, createAnchor } from './hash-chain.js';
import { createInMemoryEventStore } from './in-memory/in-memory-event-store.js';
import { anchorStore, verifyAll, verifyStream } from './store-verification.js';

const metadata = {
  actor: 'alice',
  occurredAt: '2026-01-01T09:00:00Z',
  correlationId: 'c-1',
  recordedAt: '2026-01-01T09:00:01Z',
};

/** A correctly chained event, for feeding the verifier directly. */
const chained = (streamId: string, streamVersion: number, globalPosition: number, previous: string): RecordedEvent => {
  const content = {
    streamId,
    streamVersion,
    eventId: deterministicEventId(streamId, 'v', streamVersion),
    type: 'T',
    schemaVersion: 1,
    data: { n: streamVersion },
    metadata,
  };
  return { ...content, globalPosition, hash: chainHash(previous, content) };
};

const seeded = async () => {
  const store = createInMemoryEventStore(defaultEventStoreSettings(permissiveEventSchemas));
  for (const [index, streamId] of ['a-1', 'b-1', 'a-1', 'a-1', 'b-1'].entries())
    await store.appendToStream(
      streamId,
      [{ eventId: deterministicEventId(streamId, 'seed', index), type: 'T', data: { index }, metadata }],
      ExpectedVersion.any,
    );
  return store;
};

describe('ChainVerifier', () => {
  it('accepts a chained log and counts events and streams', () => {
    const verifier = new ChainVerifier();
    const a1 = chained('a-1', 1, 1, GENESIS_HASH);
    const b1 = chained('b-1', 1, 5, GENESIS_HASH);
    const a2 = chained('a-1', 2, 9, a1.hash);
    for (const event of [a1, b1, a2]) expect(verifier.check(event)).toBe(true);
    expect(verifier.finish()).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 2, lastPosition: 9 });
  });

  it('refuses positions that do not increase, and stops at the first break', () => {
    const verifier = new ChainVerifier();
    const a1 = chained('a-1', 1, 4, GENESIS_HASH);
    expect(verifier.check(a1)).toBe(true);
    expect(verifier.check(chained('b-1', 1, 4, GENESIS_HASH))).toBe(false);
    expect(verifier.check(chained('a-1', 2, 9, a1.hash))).toBe(false);
    expect(verifier.finish()).toMatchObject({
      ok: false,
      eventsChecked: 1,
      broken: { reason: 'position-not-increasing', globalPosition: 4, streamId: 'b-1' },
    });
  });

  it('names a version gap and a version out of order', () => {
    const gap = new ChainVerifier();
    gap.check(chained('a-1', 1, 1, GENESIS_HASH));
    gap.check(chained('a-1', 3, 2, GENESIS_HASH));
    expect(gap.finish()).toMatchObject({ ok: false, broken: { reason: 'version-gap', streamVersion: 3 } });
    const back = new ChainVerifier();
    const a1 = chained('a-1', 1, 1, GENESIS_HASH);
    back.check(a1);
    back.check(chained('a-1', 2, 2, a1.hash));
    back.check(chained('a-1', 1, 3, GENESIS_HASH));
    expect(back.finish()).toMatchObject({ ok: false, broken: { reason: 'version-out-of-order', globalPosition: 3 } });
  });
});

describe('store verification', () => {
  it('verifyAll and verifyStream pass on an intact store', async () => {
    const store = await seeded();
    expect(await verifyAll(store)).toMatchObject({
      right: { ok: true, eventsChecked: 5, streamsChecked: 2, lastPosition: 5 },
    });
    expect(await verifyStream(store, 'a-1')).toMatchObject({ right: { ok: true, eventsChecked: 3 } });
  });

  it('verifyStream finds a broken link in its stream only', async () => {
    const store = await seeded();
    store.tamper((rows) => {
      rows[2] = { ...rows[2]!, data: { index: 99 } };
    });
    expect(await verifyStream(store, 'a-1')).toMatchObject({
      right: { ok: false, broken: { reason: 'hash-mismatch', streamVersion: 2 } },
    });
    expect(await verifyStream(store, 'b-1')).toMatchObject({ right: { ok: true } });
  });

  it('anchorStore anchors every stream head of an intact log, and nothing of a broken one', async () => {
    const store = await seeded();
    const anchored = await anchorStore(store, '2026-02-01T00:00:00Z', 'key');
    if (anchored._tag === 'Left' || !anchored.right.anchor) throw new Error('no anchor');
    const { anchor } = anchored.right;
    const rows = store.storedEvents();
    expect(anchor).toMatchObject({ format: 'itsm-anchor/1', position: 5, createdAt: '2026-02-01T00:00:00Z' });
    expect(anchor.streams).toEqual({
      'a-1': { version: 3, hash: rows[3]!.hash },
      'b-1': { version: 2, hash: rows[4]!.hash },
    });
    expect(anchor.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(anchor).toEqual(createAnchor(5, anchor.streams, anchor.createdAt, 'key'));
    store.tamper((rows) => {
      rows.splice(1, 1);
    });
    const broken = await anchorStore(store, '2026-02-01T00:00:00Z');
    expect(broken).toMatchObject({ right: { verification: { ok: false } } });
    if (broken._tag === 'Right') expect(broken.right.anchor).toBeUndefined();
  });

  it('an unsigned anchor checked with a key, and a forged head, are refused', async () => {
    const store = await seeded();
    const anchored = await anchorStore(store, '2026-02-01T00:00:00Z');
    if (anchored._tag === 'Left' || !anchored.right.anchor) throw new Error('no anchor');
    const { anchor } = anchored.right;
    expect(await verifyAll(store, anchor)).toMatchObject({ right: { ok: true } });
    expect(await verifyAll(store, anchor, 'key')).toMatchObject({
      right: { ok: false, broken: { reason: 'anchor-signature-mismatch' } },
    });
    const forged = createAnchor(
      anchor.position,
      { ...anchor.streams, 'c-1': { version: 1, hash: GENESIS_HASH } },
      anchor.createdAt,
    );
    expect(await verifyAll(store, forged)).toMatchObject({
      right: { ok: false, broken: { reason: 'anchor-head-missing', streamId: 'c-1' } },
    });
  });

  it('reading failures come back as values', async () => {
    const store = await seeded();
    const strict = store.reopen(
      defaultEventStoreSettings({ ...permissiveEventSchemas, decode: () => ({ _tag: 'Left', left: 'refused' }) }),
    );
    expect(await verifyAll(strict)).toMatchObject({ left: { _tag: 'EventDecodeFailed', globalPosition: 1 } });
    expect(await verifyStream(store, 'not a stream')).toMatchObject({ left: { _tag: 'InvalidStreamId' } });
  });
});
