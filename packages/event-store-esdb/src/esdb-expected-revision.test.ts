import { describe, expect, it } from '@jest/globals';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { ExpectedVersion } from '@itsm/event-store';
import {
  appendRevisionFor,
  expectedRevisionOf,
  revisionOfVersion,
  versionOfCurrentRevision,
  versionOfRevision,
} from './esdb-expected-revision.js';

describe('expected version ↔ EventStoreDB revision', () => {
  it('maps every expected version to its server condition', () => {
    expect(expectedRevisionOf(ExpectedVersion.any)).toBe(ANY);
    expect(expectedRevisionOf(ExpectedVersion.noStream)).toBe(NO_STREAM);
    expect(expectedRevisionOf(ExpectedVersion.streamExists)).toBe(STREAM_EXISTS);
    expect(expectedRevisionOf(ExpectedVersion.exact(0))).toBe(NO_STREAM);
    expect(expectedRevisionOf(ExpectedVersion.exact(1))).toBe(0n);
    expect(expectedRevisionOf(ExpectedVersion.exact(42))).toBe(41n);
  });

  it('sends Any and StreamExists as the exact head revision read, and exact cases unchanged', () => {
    expect(appendRevisionFor(ExpectedVersion.any, 0)).toBe(NO_STREAM);
    expect(appendRevisionFor(ExpectedVersion.any, 7)).toBe(6n);
    expect(appendRevisionFor(ExpectedVersion.streamExists, 3)).toBe(2n);
    expect(appendRevisionFor(ExpectedVersion.noStream, 0)).toBe(NO_STREAM);
    expect(appendRevisionFor(ExpectedVersion.exact(5), 5)).toBe(4n);
  });

  it('converts revisions back to 1-based versions', () => {
    expect(revisionOfVersion(0)).toBe(NO_STREAM);
    expect(revisionOfVersion(1)).toBe(0n);
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(99n)).toBe(100);
    expect(versionOfCurrentRevision(NO_STREAM)).toBe(0);
    expect(versionOfCurrentRevision(4n)).toBe(5);
  });
});
