/**
 * The storage of the EventStoreDB protocol test server: one in-memory
 * transaction log with EventStoreDB's rules for expected revisions and
 * idempotent appends, per-stream revisions (0-based) and sparse, increasing
 * log positions (a record's commit and prepare positions are its byte offset,
 * as for EventStoreDB's implicitly committed writes).
 *
 * It is a test double, not a database: everything lives in memory, the
 * idempotency check looks at the whole stream instead of a bounded cache, and
 * there are no deletes, scavenges, ACLs or explicit transactions. Tampering
 * helpers edit records behind the server's back, as an attacker with access
 * to the files would, for tamper-evidence tests.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';

/** One event as the test server stores it. */
export interface EsdbStoredRecord {
  readonly streamId: string;
  /** 0-based stream revision. */
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports `created`. */
  readonly createdTicks: string;
  /** Commit position = prepare position: the record's offset in the log. */
  readonly position: number;
}

/** An event proposed by an append. */
export interface EsdbProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** The expected revision of an append, as on the wire. */
export type EsdbExpectedRevision =
  | { readonly kind: 'Any' }
  | { readonly kind: 'NoStream' }
  | { readonly kind: 'StreamExists' }
  | { readonly kind: 'Revision'; readonly revision: number };

/** The outcome of an append. */
export type EsdbAppendOutcome =
  | {
      readonly kind: 'Success';
      /** The revision of the last event of the append. */
      readonly currentRevision: number;
      /** The position of the last event; absent for an idempotent repeat (nothing written). */
      readonly position?: number;
    }
  | {
      readonly kind: 'WrongExpectedVersion';
      /** The stream's last revision, -1 when it has no events. */
      readonly currentRevision: number;
    };

/** The size every record takes in the log besides its payload, so positions are sparse like real offsets. */
const RECORD_OVERHEAD = 96;
const TICKS_PER_MILLISECOND = 10_000n;
/** Where the first record goes: like a real log, position 0 holds no event, so "after 0" means "from the start". */
const FIRST_POSITION = 128;

const recordSize = (record: Omit<EsdbStoredRecord, 'position'>): number =>
  RECORD_OVERHEAD + record.streamId.length + record.type.length + record.data.length + record.customMetadata.length;

/** The in-memory transaction log of the test server. */
export class EsdbProtocolLog {
  private records: EsdbStoredRecord[] = [];
  private readonly streams = new Map<string, EsdbStoredRecord[]>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  /** Starts a log; with `systemEvents`, a `$settings` event is written first, as a real server has system events. */
  constructor(systemEvents: boolean) {
    if (systemEvents) this.writeSystemEvent();
  }

  /** Every record in log order. */
  all(): readonly EsdbStoredRecord[] {
    return this.records;
  }

  /** The records of one stream in revision order (empty when it has none). */
  stream(streamId: string): readonly EsdbStoredRecord[] {
    return this.streams.get(streamId) ?? [];
  }

  /** Calls `listener` after every write; returns the function that unregisters it. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The index of the first record at or after `position` (binary search over the log). */
  indexAtOrAfter(position: number): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.records[middle]?.position ?? 0) < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Appends with EventStoreDB's rules: a stale expected revision is refused,
   * and a repeat of events already stored at the expected place (or, with
   * `Any`/`StreamExists`, anywhere in the stream in the same order) succeeds
   * without writing. A repeat that matches only in part is refused as a
   * wrong expected version, as the server does for "corrupted idempotency".
   */
  append(streamId: string, expected: EsdbExpectedRevision, events: readonly EsdbProposedEvent[]): EsdbAppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? -1 : (stream[stream.length - 1]?.revision ?? -1);
    const wrong: EsdbAppendOutcome = { kind: 'WrongExpectedVersion', currentRevision: current };
    let expectedRevision: number | 'any';
    switch (expected.kind) {
      case 'Any':
        expectedRevision = 'any';
        break;
      case 'StreamExists':
        if (current < 0) return wrong;
        expectedRevision = 'any';
        break;
      case 'NoStream':
        expectedRevision = -1;
        break;
      case 'Revision':
        expectedRevision = expected.revision;
        break;
    }
    if (expectedRevision === 'any') {
      const first = events[0] ? stream.find((record) => record.eventId === events[0]?.eventId) : undefined;
      if (first) {
        for (const [index, event] of events.entries())
          if (stream[first.revision + index]?.eventId !== event.eventId) return wrong;
        return { kind: 'Success', currentRevision: first.revision + events.length - 1 };
      }
      return this.write(streamId, stream, current, events);
    }
    if (expectedRevision < current) {
      for (const [index, event] of events.entries())
        if (stream[expectedRevision + 1 + index]?.eventId !== event.eventId) return wrong;
      return { kind: 'Success', currentRevision: expectedRevision + events.length };
    }
    if (expectedRevision > current) return wrong;
    return this.write(streamId, stream, current, events);
  }

  private write(
    streamId: string,
    stream: EsdbStoredRecord[],
    current: number,
    events: readonly EsdbProposedEvent[],
  ): EsdbAppendOutcome {
    const createdTicks = (BigInt(Date.now()) * TICKS_PER_MILLISECOND).toString();
    let last: EsdbStoredRecord | undefined;
    for (const [index, event] of events.entries()) {
      const content = { streamId, revision: current + 1 + index, createdTicks, ...event };
      last = { ...content, position: this.nextPosition };
      this.nextPosition += recordSize(content);
      this.records.push(last);
      stream.push(last);
    }
    this.streams.set(streamId, stream);
    for (const listener of this.listeners) listener();
    return last
      ? { kind: 'Success', currentRevision: last.revision, position: last.position }
      : { kind: 'Success', currentRevision: current };
  }

  private writeSystemEvent(): void {
    const data = new TextEncoder().encode(JSON.stringify({ note: 'a system event that user reads must skip' }));
    this.append('$settings', { kind: 'Any' }, [
      {
        eventId: randomUUID(),
        type: '$settings',
        contentType: 'application/json',
        data,
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  /** Removes every record (and writes the system event again when asked). */
  reset(systemEvents: boolean): void {
    this.records = [];
    this.streams.clear();
    this.nextPosition = FIRST_POSITION;
    if (systemEvents) this.writeSystemEvent();
  }

  /** Replaces the records behind the server's back (tampering), keeping their positions as given, and re-indexes. */
  replaceRecords(edit: (records: EsdbStoredRecord[]) => EsdbStoredRecord[]): void {
    this.records = edit(this.records.slice()).sort((a, b) => a.position - b.position);
    this.streams.clear();
    for (const record of this.records) {
      const stream = this.streams.get(record.streamId) ?? [];
      stream.push(record);
      this.streams.set(record.streamId, stream);
    }
    for (const stream of this.streams.values()) stream.sort((a, b) => a.revision - b.revision);
    const last = this.records[this.records.length - 1];
    this.nextPosition = Math.max(this.nextPosition, last ? last.position + recordSize(last) : 0);
  }
}
