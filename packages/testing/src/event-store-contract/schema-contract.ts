/**
 * Contract: schema versions on read. An event type or schema version the
 * reading registry does not know fails loudly with `EventDecodeFailed`,
 * naming stream, version, position, type and schema version; upcasters turn
 * old versions into current ones on read while the stored bytes stay as
 * written (`asStored`, and the hash chain still verifies).
 *
 * @module
 */
import { describe, expect, it } from '@jest/globals';
import { ExpectedVersion, verifyStream, type EventStore } from '@itsm/event-store';
import type { OpenContractSubject } from './contract-subject.js';
import {
  ContractEventType,
  archivingContractSchemas,
  collect,
  contractSchemas,
  contractSettings,
  freshStreamId,
  headOf,
  newEvent,
  notes,
  readFailure,
  readStream,
  rightOf,
  upcastingContractSchemas,
  withReopened,
  withSubject,
} from './contract-fixtures.js';

/** Asserts both reads of the stream (and of the log from `start`) fail naming the event. */
const expectDecodeFailure = async (
  store: EventStore,
  start: number,
  expected: { streamId: string; streamVersion: number; globalPosition: number; type: string; schemaVersion: number },
  reason: RegExp,
) => {
  for (const read of [() => readStream(store, expected.streamId), () => collect(store.readAll(start))]) {
    const failure = await readFailure(read);
    expect(failure).toMatchObject({ _tag: 'EventDecodeFailed', ...expected });
    expect((failure as { reason: string }).reason).toMatch(reason);
  }
};

/** Declares the schema-version and upcasting tests. */
export const schemaContract = (open: OpenContractSubject): void => {
  describe('schema versions on read', () => {
    it('an event type the reading registry does not know fails loudly with EventDecodeFailed', () =>
      withSubject(open, contractSettings({ schemas: archivingContractSchemas }), async (subject) => {
        const start = await headOf(subject.store);
        const streamId = freshStreamId();
        const appended = rightOf(
          await subject.store.appendToStream(
            streamId,
            [...notes(1), newEvent(ContractEventType.archived, { reason: 'done' })],
            ExpectedVersion.noStream,
          ),
        );
        const archived = appended.events[1]!;
        await withReopened(subject, contractSettings({ schemas: contractSchemas }), (store) =>
          expectDecodeFailure(
            store,
            start,
            {
              streamId,
              streamVersion: 2,
              globalPosition: archived.globalPosition,
              type: ContractEventType.archived,
              schemaVersion: 1,
            },
            /ContractTicketArchived/,
          ),
        );
      }));

    it('a schema version newer than the reading registry knows fails loudly with EventDecodeFailed', () =>
      withSubject(open, contractSettings({ schemas: upcastingContractSchemas }), async (subject) => {
        const start = await headOf(subject.store);
        const streamId = freshStreamId();
        const appended = rightOf(
          await subject.store.appendToStream(
            streamId,
            [newEvent(ContractEventType.renamed, { title: 'Email down', language: 'en' })],
            ExpectedVersion.noStream,
          ),
        );
        expect(appended.events[0]?.schemaVersion).toBe(3);
        await withReopened(subject, contractSettings({ schemas: contractSchemas }), (store) =>
          expectDecodeFailure(
            store,
            start,
            {
              streamId,
              streamVersion: 1,
              globalPosition: appended.lastPosition,
              type: ContractEventType.renamed,
              schemaVersion: 3,
            },
            /version 3/,
          ),
        );
      }));

    it('upcasters apply on read, the stored form is kept in asStored, and the stored bytes never change', () =>
      withSubject(open, contractSettings({ schemas: contractSchemas }), async (subject) => {
        const streamId = freshStreamId();
        const written = rightOf(
          await subject.store.appendToStream(
            streamId,
            [
              newEvent(ContractEventType.opened, { title: 'VPN flaps' }),
              newEvent(ContractEventType.renamed, { name: 'VPN down' }),
            ],
            ExpectedVersion.noStream,
          ),
        );
        await withReopened(subject, contractSettings({ schemas: upcastingContractSchemas }), async (upcasting) => {
          const [opened, renamed] = await readStream(upcasting, streamId);
          expect(opened?.asStored).toBeUndefined();
          expect(renamed).toMatchObject({
            type: ContractEventType.renamed,
            schemaVersion: 3,
            data: { title: 'VPN down', language: 'en' },
            asStored: { schemaVersion: 1, data: { name: 'VPN down' } },
            hash: written.events[1]!.hash,
            globalPosition: written.events[1]!.globalPosition,
          });
          const [viaAll] = (await collect(upcasting.readAll(written.events[0]!.globalPosition))).filter(
            (event) => event.streamId === streamId,
          );
          expect(viaAll).toEqual(renamed);
          // The chain covers the stored form, so it verifies through the upcasting registry.
          expect(rightOf(await verifyStream(upcasting, streamId))).toMatchObject({ ok: true, eventsChecked: 2 });
          // The original registry still reads the events exactly as written: nothing was rewritten.
          expect(await readStream(subject.store, streamId)).toEqual(written.events);
          // Appending through the new registry writes v3, chained onto the v1 event.
          rightOf(
            await upcasting.appendToStream(
              streamId,
              [newEvent(ContractEventType.renamed, { title: 'VPN up', language: 'de' })],
              ExpectedVersion.exact(2),
            ),
          );
          expect(rightOf(await verifyStream(upcasting, streamId))).toMatchObject({ ok: true, eventsChecked: 3 });
        });
      }));
  });
};
