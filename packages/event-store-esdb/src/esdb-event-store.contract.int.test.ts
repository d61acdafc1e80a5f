import { describe, it, jest } from '@jest/globals';
import { eventStoreContract } from '@itsm/testing';
import { openEsdbTestServerSubject, openRealEsdbSubject } from './esdb-test-subject.test-fixture.js';

// Every operation is a gRPC round trip here (the in-memory store does none), so the suite's heaviest tests
// (200 racing rounds, 2 500 events with their id claims) need more than jest's default minute on a busy machine.
jest.setTimeout(240_000);

// Every run: the EventStoreDB store over the in-process protocol test server (a fresh server per test).
eventStoreContract('EventStoreDB adapter over the protocol test server', openEsdbTestServerSubject());

// With ESDB_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false): the same suite against a real
// EventStoreDB/KurrentDB. Its log is shared and never reset; the suite's own fresh stream ids and start
// positions keep the tests apart. Tampering needs access to the storage, so those tests are skipped there.
const connectionString = process.env['ESDB_CONNECTION_STRING'];
if (connectionString) {
  eventStoreContract('EventStoreDB adapter over a real server', openRealEsdbSubject(connectionString), {
    tampering: false,
  });
} else {
  describe.skip('event store contract: EventStoreDB adapter over a real server [skipped: ESDB_CONNECTION_STRING is not set]', () => {
    it('runs the contract suite against a real EventStoreDB/KurrentDB', () => undefined);
  });
}
