/**
 * A test double of EventStoreDB's gRPC Streams protocol: an in-process
 * `@grpc/grpc-js` server built from the service definitions that
 * `@eventstore/db-client` ships under `generated/`, so the real client talks
 * to it exactly as it would to a server.
 *
 * Implemented: `Streams.Append` (expected revision any / no stream / stream
 * exists / exact, idempotent repeats, wrong-expected-version answers) and
 * `Streams.Read` (a stream forwards or backwards, `$all` forwards or
 * backwards, catch-up subscriptions to `$all` with filters, confirmation,
 * checkpoints and caught-up). Everything else — `ServerFeatures` (so the
 * client falls back to plain `Append`), batch append, deletes, stream
 * subscriptions, persistent subscriptions, projections, gossip, users, TLS and
 * credentials — is left unimplemented. Use a single-node connection string
 * (`esdb://127.0.0.1:PORT?tls=false`), which is what {@link EsdbProtocolTestServer.connectionString} is.
 *
 * Faults for tests: drop every connection (optionally in the middle of an
 * append, after the events are stored and before the answer, so the client
 * cannot know the outcome), stop and restart on the same port keeping the
 * data, and delay every answer (to trigger client deadlines). Tampering edits
 * the stored records for tamper-evidence tests.
 *
 * Limits: not a database. Data lives in memory; no scavenging, ACLs,
 * explicit transactions, stream metadata or `$`-stream semantics beyond one
 * system event (`$settings`) written at start so readers must skip system
 * events.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import {
  EsdbProtocolLog,
  type EsdbExpectedRevision,
  type EsdbProposedEvent,
  type EsdbStoredRecord,
} from './esdb-protocol-log.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;

/** What an append does when a fault is armed. */
export type EsdbAppendFault =
  /** Store the events, then drop every connection before answering: the client cannot know the outcome. */
  | 'drop-after-store'
  /** Drop every connection before storing anything. */
  | 'drop-before-store';

/** Edits of the stored log behind the server's back, addressed by global (commit) position. */
export interface EsdbProtocolTampering {
  /** Changes one character of the event's stored data (keeping it valid JSON when it is JSON). */
  readonly flipByte: (position: number) => Promise<void>;
  /** Removes the event from the log and its stream. */
  readonly deleteEvent: (position: number) => Promise<void>;
  /** Swaps the contents of two events, each keeping its position. */
  readonly swapEvents: (a: number, b: number) => Promise<void>;
  /** Inserts a forged copy of the event right after it, in its stream (later revisions renumbered). */
  readonly insertEvent: (afterPosition: number) => Promise<void>;
  /** Replaces the stored records wholesale (any other edit, e.g. recomputing a hash chain kept in metadata). */
  readonly rewriteRecords: (edit: (records: readonly EsdbStoredRecord[]) => EsdbStoredRecord[]) => Promise<void>;
}

/** A running protocol test server. */
export interface EsdbProtocolTestServer {
  /** `esdb://127.0.0.1:PORT?tls=false`: a single-node, insecure connection string for the client. */
  readonly connectionString: string;
  readonly port: number;
  /** The stored records in log order (read-only view, for assertions). */
  readonly records: () => readonly EsdbStoredRecord[];
  /** Removes every stored event (a fresh, empty server on the same port). */
  readonly reset: () => void;
  /** Closes every connection abruptly (in-flight calls fail as unavailable) and listens again at once. */
  readonly dropConnections: () => Promise<void>;
  /** Arms a fault for the next `count` appends (default 1), to any stream or only to `streamId`. */
  readonly failNextAppends: (fault: EsdbAppendFault, count?: number, streamId?: string) => void;
  /** Delays every answer (appends after storing, reads before the first message) by `ms`; 0 turns it off. */
  readonly setResponseDelay: (ms: number) => void;
  /** Stops listening and closes every connection; the data stays. */
  readonly stop: () => Promise<void>;
  /** Listens again on the same port with the same data. */
  readonly start: () => Promise<void>;
  /** `stop` then `start`. */
  readonly restart: () => Promise<void>;
  /** Edits of the stored records for tamper-evidence tests. */
  readonly tampering: EsdbProtocolTampering;
}

/** Options of {@link startEsdbProtocolTestServer}. */
export interface EsdbProtocolTestServerOptions {
  /** The port to listen on (default 0: any free port). */
  readonly port?: number;
  /** Write a `$settings` system event at start, as a real server has system events (default true). */
  readonly systemEvents?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const empty = (): InstanceType<typeof sharedPb.Empty> => new sharedPb.Empty();
const decoder = new TextDecoder();

const uuidOf = (uuid: InstanceType<typeof sharedPb.UUID> | undefined): string => {
  if (!uuid) return randomUUID();
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured();
    const buffer = Buffer.alloc(16);
    buffer.writeBigInt64BE(BigInt(structured?.getMostSignificantBits() ?? '0'), 0);
    buffer.writeBigInt64BE(BigInt(structured?.getLeastSignificantBits() ?? '0'), 8);
    const hex = buffer.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
};

const streamNameOf = (identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string =>
  identifier ? decoder.decode(identifier.getStreamName_asU8()) : '';

const recordedEventOf = (record: EsdbStoredRecord) => {
  const event = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(record.eventId);
  event.setId(id);
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(new TextEncoder().encode(record.streamId));
  event.setStreamIdentifier(identifier);
  event.setStreamRevision(String(record.revision));
  event.setCommitPosition(String(record.position));
  event.setPreparePosition(String(record.position));
  const metadata = event.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.createdTicks);
  event.setCustomMetadata(record.customMetadata);
  event.setData(record.data);
  return event;
};

const eventMessage = (record: EsdbStoredRecord): ReadResp => {
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  readEvent.setEvent(recordedEventOf(record));
  readEvent.setCommitPosition(String(record.position));
  const response = new streamsPb.ReadResp();
  response.setEvent(readEvent);
  return response;
};

/** Whether a record passes a subscription or read filter (regex or prefixes, on stream name or event type). */
const filterOf = (filter: FilterOptions | undefined): ((record: EsdbStoredRecord) => boolean) => {
  if (!filter) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) return () => true;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return (record) => {
    const value = onStream ? record.streamId : record.type;
    if (regex && !regex.test(value)) return false;
    if (prefixes.length > 0 && !prefixes.some((prefix) => value.startsWith(prefix))) return false;
    return true;
  };
};

/** Starts the protocol test server on 127.0.0.1 (any free port unless one is given). */
export const startEsdbProtocolTestServer = async (
  options: EsdbProtocolTestServerOptions = {},
): Promise<EsdbProtocolTestServer> => {
  const systemEvents = options.systemEvents ?? true;
  const log = new EsdbProtocolLog(systemEvents);
  let port = options.port ?? 0;
  let server: grpc.Server | undefined;
  let responseDelay = 0;
  const faults: { readonly fault: EsdbAppendFault; readonly streamId: string | undefined }[] = [];

  const write = async (call: grpc.ServerWritableStream<ReadReq, ReadResp>, message: ReadResp): Promise<void> => {
    if (call.write(message)) return;
    // Backpressure: wait for the client to read, or for the call to end.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        call.off('drain', done);
        call.off('cancelled', done);
        call.off('close', done);
        resolve();
      };
      call.on('drain', done);
      call.on('cancelled', done);
      call.on('close', done);
    });
  };

  const readStream = async (call: grpc.ServerWritableStream<ReadReq, ReadResp>, request: ReadReq): Promise<void> => {
    const options = request.getOptions();
    const streamOptions = options?.getStream();
    const streamId = streamNameOf(streamOptions?.getStreamIdentifier());
    const backwards = options?.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(options?.getCount() ?? '0');
    const records = log.stream(streamId);
    if (records.length === 0) {
      const notFound = new streamsPb.ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamOptions?.getStreamIdentifier());
      const response = new streamsPb.ReadResp();
      response.setStreamNotFound(notFound);
      await write(call, response);
      call.end();
      return;
    }
    let selected: EsdbStoredRecord[];
    if (backwards) {
      const from = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) : Number.POSITIVE_INFINITY;
      selected = records.filter((record) => record.revision <= from).reverse();
    } else {
      const from = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) : 0;
      selected = records.filter((record) => record.revision >= from);
    }
    let sent = 0;
    for (const record of selected) {
      if (sent >= count || call.cancelled) break;
      await write(call, eventMessage(record));
      sent++;
    }
    call.end();
  };

  const readAll = async (call: grpc.ServerWritableStream<ReadReq, ReadResp>, request: ReadReq): Promise<void> => {
    const options = request.getOptions();
    const allOptions = options?.getAll();
    const backwards = options?.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(options?.getCount() ?? '0');
    const passes = filterOf(options?.hasFilter() ? options.getFilter() : undefined);
    const records = log.all();
    const position = allOptions?.hasPosition()
      ? Number(allOptions.getPosition()?.getCommitPosition() ?? '0')
      : undefined;
    let sent = 0;
    if (backwards) {
      // Backwards from a position yields the events before it; from the end, every event.
      let index = (position === undefined ? records.length : log.indexAtOrAfter(position)) - 1;
      for (; index >= 0 && sent < count && !call.cancelled; index--) {
        const record = records[index];
        if (!record || !passes(record)) continue;
        await write(call, eventMessage(record));
        sent++;
      }
    } else {
      // Forwards from a position includes the event at that position, as EventStoreDB does.
      let index = allOptions?.hasEnd() ? records.length : log.indexAtOrAfter(position ?? 0);
      for (; index < records.length && sent < count && !call.cancelled; index++) {
        const record = records[index];
        if (!record || !passes(record)) continue;
        await write(call, eventMessage(record));
        sent++;
      }
    }
    call.end();
  };

  const subscribeToAll = async (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    request: ReadReq,
  ): Promise<void> => {
    const options = request.getOptions();
    const allOptions = options?.getAll();
    const filter = options?.hasFilter() ? options.getFilter() : undefined;
    const passes = filterOf(filter);
    let wake: (() => void) | undefined;
    const unsubscribe = log.onWrite(() => wake?.());
    const stopped = new Promise<void>((resolve) => {
      call.on('cancelled', resolve);
      call.on('close', resolve);
    });
    try {
      const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(randomUUID());
      const confirmed = new streamsPb.ReadResp();
      confirmed.setConfirmation(confirmation);
      await write(call, confirmed);
      // The last position looked at: subscriptions from a position start strictly after it.
      let last = -1;
      if (allOptions?.hasPosition()) last = Number(allOptions.getPosition()?.getCommitPosition() ?? '-1');
      if (allOptions?.hasEnd()) last = log.all()[log.all().length - 1]?.position ?? -1;
      let caughtUp = false;
      // As the server does, a filtered subscription reports a checkpoint every `multiplier × 32` records looked at.
      const checkpointEvery = filter ? Math.max(1, filter.getCheckpointintervalmultiplier()) * 32 : 0;
      let sinceCheckpoint = 0;
      const sendCheckpoint = async (): Promise<void> => {
        sinceCheckpoint = 0;
        const checkpoint = new streamsPb.ReadResp.Checkpoint();
        checkpoint.setCommitPosition(String(last));
        checkpoint.setPreparePosition(String(last));
        const message = new streamsPb.ReadResp();
        message.setCheckpoint(checkpoint);
        await write(call, message);
      };
      while (!call.cancelled) {
        const records = log.all();
        for (let index = log.indexAtOrAfter(last + 1); index < records.length && !call.cancelled; index++) {
          const record = records[index];
          if (!record) continue;
          last = record.position;
          if (passes(record)) await write(call, eventMessage(record));
          if (checkpointEvery > 0 && ++sinceCheckpoint >= checkpointEvery) await sendCheckpoint();
        }
        if (!caughtUp && !call.cancelled) {
          caughtUp = true;
          if (filter && last >= 0) await sendCheckpoint();
          const message = new streamsPb.ReadResp();
          message.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
          await write(call, message);
        }
        const written = new Promise<void>((resolve) => {
          wake = resolve;
        });
        if ((log.all()[log.all().length - 1]?.position ?? -1) > last) continue;
        await Promise.race([written, stopped]);
      }
    } finally {
      unsubscribe();
    }
  };

  const read = (call: grpc.ServerWritableStream<ReadReq, ReadResp>): void => {
    const request = call.request;
    const options = request.getOptions();
    void (async () => {
      if (responseDelay > 0) await sleep(responseDelay);
      if (call.cancelled) return;
      if (options?.hasSubscription()) {
        if (!options.hasAll()) {
          call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'the test server only subscribes to $all' });
          return;
        }
        await subscribeToAll(call, request);
      } else if (options?.hasStream()) await readStream(call, request);
      else await readAll(call, request);
    })().catch((error: unknown) => {
      if (!call.cancelled) call.emit('error', { code: grpc.status.INTERNAL, details: String(error) });
    });
  };

  const append = (
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    callback: grpc.sendUnaryData<AppendResp>,
  ): void => {
    let streamId = '';
    let expected: EsdbExpectedRevision = { kind: 'Any' };
    const events: EsdbProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) {
        const options = request.getOptions();
        streamId = streamNameOf(options?.getStreamIdentifier());
        if (options?.hasNoStream()) expected = { kind: 'NoStream' };
        else if (options?.hasStreamExists()) expected = { kind: 'StreamExists' };
        else if (options?.hasRevision()) expected = { kind: 'Revision', revision: Number(options.getRevision()) };
        else expected = { kind: 'Any' };
      } else if (request.hasProposedMessage()) {
        const message = request.getProposedMessage();
        if (!message) return;
        const metadata = message.getMetadataMap();
        events.push({
          eventId: uuidOf(message.getId()),
          type: metadata.get('type') ?? '',
          contentType: metadata.get('content-type') ?? 'application/octet-stream',
          data: message.getData_asU8(),
          customMetadata: message.getCustomMetadata_asU8(),
        });
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      void (async () => {
        const armed = faults.findIndex(
          (candidate) => candidate.streamId === undefined || candidate.streamId === streamId,
        );
        const fault = armed < 0 ? undefined : faults.splice(armed, 1)[0]?.fault;
        if (fault === 'drop-before-store') {
          await dropConnections();
          return;
        }
        const outcome = log.append(streamId, expected, events);
        if (fault === 'drop-after-store') {
          await dropConnections();
          return;
        }
        if (responseDelay > 0) await sleep(responseDelay);
        const response = new streamsPb.AppendResp();
        if (outcome.kind === 'Success') {
          const success = new streamsPb.AppendResp.Success();
          if (outcome.currentRevision < 0) success.setNoStream(empty());
          else success.setCurrentRevision(String(outcome.currentRevision));
          if (outcome.position === undefined) success.setNoPosition(empty());
          else {
            const position = new streamsPb.AppendResp.Position();
            position.setCommitPosition(String(outcome.position));
            position.setPreparePosition(String(outcome.position));
            success.setPosition(position);
          }
          response.setSuccess(success);
        } else {
          const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
          if (outcome.currentRevision < 0) wrong.setCurrentNoStream(empty());
          else wrong.setCurrentRevision(String(outcome.currentRevision));
          switch (expected.kind) {
            case 'Any':
              wrong.setExpectedAny(empty());
              break;
            case 'NoStream':
              wrong.setExpectedNoStream(empty());
              break;
            case 'StreamExists':
              wrong.setExpectedStreamExists(empty());
              break;
            case 'Revision':
              wrong.setExpectedRevision(String(expected.revision));
              break;
          }
          response.setWrongExpectedVersion(wrong);
        }
        callback(null, response);
      })();
    });
  };

  const unimplemented = (_call: unknown, callback?: grpc.sendUnaryData<unknown>): void => {
    const error = {
      code: grpc.status.UNIMPLEMENTED,
      details: 'not implemented by the EventStoreDB protocol test server',
    };
    if (typeof callback === 'function') callback(error, null);
    else (_call as { emit: (event: string, value: unknown) => void }).emit('error', error);
  };

  const start = async (): Promise<void> => {
    if (server) return;
    const next = new grpc.Server();
    next.addService(streamsGrpc.StreamsService, {
      read,
      append,
      delete: unimplemented,
      tombstone: unimplemented,
      batchAppend: unimplemented,
    } as unknown as grpc.UntypedServiceImplementation);
    port = await new Promise<number>((resolve, reject) =>
      next.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    server = next;
  };

  const stop = async (): Promise<void> => {
    const current = server;
    server = undefined;
    current?.forceShutdown();
  };

  const dropConnections = async (): Promise<void> => {
    await stop();
    await start();
  };

  const editAt = (position: number, edit: (record: EsdbStoredRecord) => EsdbStoredRecord | undefined): void => {
    let found = false;
    log.replaceRecords((records) => {
      const result: EsdbStoredRecord[] = [];
      for (const record of records) {
        if (record.position !== position) {
          result.push(record);
          continue;
        }
        found = true;
        const edited = edit(record);
        if (edited) result.push(edited);
      }
      return result;
    });
    if (!found) throw new Error(`no event at position ${position}`);
  };

  const flipOneCharacter = (bytes: Uint8Array, json: boolean): Uint8Array => {
    const text = decoder.decode(bytes);
    // Flip the lowest bit of one character such that JSON stays JSON and means something else.
    for (let index = text.length - 1; index >= 0; index--) {
      const flipped = `${text.slice(0, index)}${String.fromCharCode(text.charCodeAt(index) ^ 1)}${text.slice(index + 1)}`;
      if (!json) return new TextEncoder().encode(flipped);
      try {
        if (JSON.stringify(JSON.parse(flipped)) !== JSON.stringify(JSON.parse(text)))
          return new TextEncoder().encode(flipped);
      } catch {
        // A structural character: try another one.
      }
    }
    throw new Error('no character of the event can be flipped');
  };

  const tampering: EsdbProtocolTampering = {
    flipByte: async (position) =>
      editAt(position, (record) =>
        record.data.length > 0
          ? { ...record, data: flipOneCharacter(record.data, record.contentType === 'application/json') }
          : { ...record, customMetadata: flipOneCharacter(record.customMetadata, true) },
      ),
    deleteEvent: async (position) => editAt(position, () => undefined),
    swapEvents: async (a, b) => {
      const first = log.all().find((record) => record.position === a);
      const second = log.all().find((record) => record.position === b);
      if (!first || !second) throw new Error(`no event at position ${first ? b : a}`);
      log.replaceRecords((records) =>
        records.map((record) =>
          record === first ? { ...second, position: a } : record === second ? { ...first, position: b } : record,
        ),
      );
    },
    insertEvent: async (afterPosition) => {
      const records = log.all();
      const index = records.findIndex((record) => record.position === afterPosition);
      const original = records[index];
      if (!original) throw new Error(`no event at position ${afterPosition}`);
      const nextPosition = records[index + 1]?.position ?? afterPosition + 1000;
      const forged: EsdbStoredRecord = {
        ...original,
        eventId: randomUUID(),
        revision: original.revision + 1,
        position: Math.floor((afterPosition + nextPosition) / 2),
      };
      // Later events keep their positions: the log's positions are sparse, so there is room in between.
      log.replaceRecords((all) => [
        ...all.map((record) =>
          record.streamId === original.streamId && record.revision > original.revision
            ? { ...record, revision: record.revision + 1 }
            : record,
        ),
        forged,
      ]);
    },
    rewriteRecords: async (edit) => log.replaceRecords((records) => edit(records)),
  };

  await start();
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    records: () => log.all(),
    reset: () => log.reset(systemEvents),
    dropConnections,
    failNextAppends: (fault, count = 1, streamId) => {
      for (let i = 0; i < count; i++) faults.push({ fault, streamId });
    },
    setResponseDelay: (ms) => {
      responseDelay = ms;
    },
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    tampering,
  };
};
