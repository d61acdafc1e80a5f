/**
 * Iterating a read of the EventStoreDB client without leaking it.
 *
 * Leaving a `for await` over a client read early destroys the client's
 * stream while the gRPC call below it stays paused with unread messages: that
 * call never finishes, and `client.dispose()` waits for it forever. Here an
 * early exit instead lets the rest of the read drain (at most one page, since
 * every read of the adapter is bounded by `maxCount`).
 *
 * @module
 */
/** The part of a client read (a Node readable stream) that draining needs. */
export interface ClientRead {
  iterator(options: { destroyOnReturn: boolean }): AsyncIterable<unknown>;
  readonly destroyed: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  resume(): unknown;
}

/** Iterates a client read; on an early exit, drains the rest instead of destroying it. */
export async function* drainingRead<T>(read: ClientRead): AsyncGenerator<T> {
  let completed = false;
  try {
    for await (const item of read.iterator({ destroyOnReturn: false })) yield item as T;
    completed = true;
  } finally {
    if (!completed && !read.destroyed) {
      read.on('error', () => undefined);
      read.resume();
    }
  }
}
