/**
 * Contract: tamper evidence. Every event's hash is the kernel's chain link
 * over the event as stored; `verifyAll` passes on an intact log and, through
 * the adapter's {@link StoreTampering}, detects a flipped byte, a deleted, a
 * reordered and an inserted event, and — given an anchor — a truncated tail
 * and a recomputed chain.
 *
 * Verification reads through a permissive registry (`permissiveEventSchemas`),
 * as an auditor would: tampered data need not match any schema.
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import {
  ExpectedVersion,
  GENESIS_HASH,
  anchorStore,
  chainHash,
  permissiveEventSchemas,
  verifyAll,
  type Anchor,
  type ChainBreakReason,
  type ChainVerification,
  type EventStore,
  type RecordedEvent,
} from '@itsm/event-store';
import type { ContractSubject, OpenContractSubject, StoreTampering } from './contract-subject.js';
import {
  ContractEventType,
  contractSettings,
  freshStreamId,
  newEvent,
  readStream,
  rightOf,
  withReopened,
  withSubject,
} from './contract-fixtures.js';

/** The log every tamper test starts from: streams a, b, c appended as a1 b1 a2 c1 a3 b2 a4. */
interface SeededLog {
  readonly a: string;
  readonly b: string;
  readonly c: string;
  /** The events by name, e.g. `events.a2`. */
  readonly events: Readonly<Record<'a1' | 'a2' | 'a3' | 'a4' | 'b1' | 'b2' | 'c1', RecordedEvent>>;
}

const seedLog = async (store: EventStore): Promise<SeededLog> => {
  const streams = { a: freshStreamId('audit'), b: freshStreamId('audit'), c: freshStreamId('audit') };
  const events: Record<string, RecordedEvent> = {};
  for (const name of ['a1', 'b1', 'a2', 'c1', 'a3', 'b2', 'a4']) {
    const streamId = streams[name[0] as 'a' | 'b' | 'c'];
    const appended = rightOf(
      await store.appendToStream(
        streamId,
        [newEvent(ContractEventType.noted, { text: `event ${name}` })],
        ExpectedVersion.any,
      ),
    );
    events[name] = appended.events[0]!;
  }
  return { ...streams, events: events as SeededLog['events'] };
};

/** Verifies the whole log as an auditor does: through a permissive registry. */
const audit = (subject: ContractSubject, anchor?: Anchor, key?: string): Promise<ChainVerification> =>
  withReopened(subject, contractSettings({ schemas: permissiveEventSchemas }), async (store) =>
    rightOf(await verifyAll(store, anchor, key)),
  );

const anchorOf = async (subject: ContractSubject, key?: string): Promise<Anchor> =>
  withReopened(subject, contractSettings({ schemas: permissiveEventSchemas }), async (store) => {
    const anchored = rightOf(await anchorStore(store, '2026-04-01T00:00:00Z', key));
    if (!anchored.anchor) throw new Error(`the intact log did not anchor: ${JSON.stringify(anchored.verification)}`);
    return anchored.anchor;
  });

const expectBroken = (
  verification: ChainVerification,
  reasons: readonly ChainBreakReason[],
  at: { readonly streamId?: string; readonly streamVersion?: number; readonly globalPosition?: number },
) => {
  if (verification.ok) throw new Error(`the tampered log verified as intact: ${JSON.stringify(verification)}`);
  expect(reasons).toContain(verification.broken.reason);
  expect(verification.broken).toMatchObject(at);
  expect(verification.broken.detail.length).toBeGreaterThan(0);
};

const tamperingOf = (subject: ContractSubject): StoreTampering => {
  if (subject.tampering) return subject.tampering;
  throw new Error(
    'the subject has no tampering: pass { tampering: false } as the third argument of eventStoreContract ' +
      'to list the tamper tests as skipped, or implement StoreTampering for this adapter',
  );
};

/** Declares the hash-chain tests; tamper tests are skipped with the reason in their titles when `tampering` is false. */
export const hashChainContract = (open: OpenContractSubject, tampering: boolean, chainRewriting: boolean): void => {
  const withTampering = (title: string, test: () => Promise<void>) =>
    tampering
      ? it(title, test)
      : it.skip(`${title} [skipped: this adapter's storage cannot be tampered with from the test]`, test);

  describe('hash chain', () => {
    it("every event's hash is the kernel chain link over the stored event, per stream from the genesis hash", () =>
      withSubject(open, contractSettings(), async ({ store }) => {
        const streamId = freshStreamId();
        rightOf(
          await store.appendToStream(
            streamId,
            [newEvent(ContractEventType.opened, { title: 't' })],
            ExpectedVersion.noStream,
          ),
        );
        rightOf(
          await store.appendToStream(
            streamId,
            [newEvent(ContractEventType.noted, { text: 'n1' }), newEvent(ContractEventType.noted, { text: 'n2' })],
            ExpectedVersion.exact(1),
          ),
        );
        let previous = GENESIS_HASH;
        for (const event of await readStream(store, streamId)) {
          const { streamVersion, eventId, type, schemaVersion, data, metadata } = event;
          expect(event.hash).toBe(
            chainHash(previous, { streamId, streamVersion, eventId, type, schemaVersion, data, metadata }),
          );
          previous = event.hash;
        }
      }));

    it('verifyAll passes on an intact log; an anchor stays valid as the log grows; a signed anchor needs its key', () =>
      withSubject(open, contractSettings(), async (subject) => {
        const log = await seedLog(subject.store);
        const intact = await audit(subject);
        expect(intact).toMatchObject({ ok: true });
        const anchor = await anchorOf(subject, 'auditor-key');
        expect(anchor.streams[log.a]).toEqual({ version: 4, hash: log.events.a4.hash });
        expect(anchor.position).toBe(log.events.a4.globalPosition);
        rightOf(
          await subject.store.appendToStream(
            log.b,
            [newEvent(ContractEventType.noted, { text: 'later' })],
            ExpectedVersion.exact(2),
          ),
        );
        expect(await audit(subject, anchor, 'auditor-key')).toMatchObject({ ok: true });
        expectBroken(await audit(subject, anchor, 'not-the-key'), ['anchor-signature-mismatch'], {});
        const edited: Anchor = {
          ...anchor,
          streams: { ...anchor.streams, [log.a]: { version: 3, hash: log.events.a3.hash } },
        };
        expectBroken(await audit(subject, edited), ['anchor-digest-mismatch'], {});
      }));

    withTampering('detects a flipped byte in stored data', () =>
      withSubject(open, contractSettings(), async (subject) => {
        const log = await seedLog(subject.store);
        await tamperingOf(subject).flipByte(log.events.a2.globalPosition);
        expectBroken(await audit(subject), ['hash-mismatch'], {
          streamId: log.a,
          streamVersion: 2,
          globalPosition: log.events.a2.globalPosition,
        });
      }),
    );

    withTampering('detects a deleted event', () =>
      withSubject(open, contractSettings(), async (subject) => {
        const log = await seedLog(subject.store);
        await tamperingOf(subject).deleteEvent(log.events.a2.globalPosition);
        expectBroken(await audit(subject), ['version-gap'], { streamId: log.a, streamVersion: 3 });
      }),
    );

    withTampering('detects reordered events', () =>
      withSubject(open, contractSettings(), async (subject) => {
        const log = await seedLog(subject.store);
        await tamperingOf(subject).swapEvents(log.events.a2.globalPosition, log.events.a3.globalPosition);
        expectBroken(
          await audit(subject),
          ['version-gap', 'version-out-of-order', 'hash-mismatch', 'position-not-increasing'],
          {
            streamId: log.a,
          },
        );
      }),
    );

    withTampering('detects an inserted (forged) event', () =>
      withSubject(open, contractSettings(), async (subject) => {
        const log = await seedLog(subject.store);
        await tamperingOf(subject).insertEvent(log.events.a2.globalPosition);
        expectBroken(await audit(subject), ['hash-mismatch'], { streamId: log.a, streamVersion: 3 });
      }),
    );

    withTampering('with an anchor, detects a truncated stream tail (which the chain alone cannot)', () =>
      withSubject(open, contractSettings(), async (subject) => {
        const log = await seedLog(subject.store);
        const anchor = await anchorOf(subject);
        await tamperingOf(subject).deleteEvent(log.events.b2.globalPosition);
        expect(await audit(subject)).toMatchObject({ ok: true });
        expectBroken(await audit(subject, anchor), ['anchor-head-missing'], { streamId: log.b, streamVersion: 2 });
      }),
    );

    const recomputedTitle = 'with an anchor, detects a recomputed chain (which the chain alone cannot)';
    const recomputedTest = () =>
      withSubject(open, contractSettings(), async (subject) => {
        const log = await seedLog(subject.store);
        const anchor = await anchorOf(subject);
        const tamper = tamperingOf(subject);
        if (!tamper.rewriteEvent)
          throw new Error(
            'StoreTampering.rewriteEvent is not implemented: pass { chainRewriting: false } to eventStoreContract to skip this test',
          );
        await tamper.rewriteEvent(log.events.a2.globalPosition, { text: 'rewritten history' });
        const [, rewritten] = await readStream(subject.store, log.a);
        expect(rewritten?.data).toEqual({ text: 'rewritten history' });
        expect(await audit(subject)).toMatchObject({ ok: true });
        expectBroken(await audit(subject, anchor), ['anchor-head-mismatch'], { streamId: log.a, streamVersion: 4 });
      });
    if (tampering && !chainRewriting)
      it.skip(
        `${recomputedTitle} [skipped: this adapter's tampering cannot rewrite an event and recompute the chain]`,
        recomputedTest,
      );
    else withTampering(recomputedTitle, recomputedTest);
  });
};
