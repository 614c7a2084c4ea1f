// The reading loop of an ItemStream: connect, parse in a Worker or in slices, reconnect with backoff. Imported
// by createStream when a stream first starts reading (a lazy chunk: an app that creates a stream
// pays for the loop, the parsers and the HTTP errors only once it reads; issue #15 item 7).
import { isAbortError } from '../errors.ts';
import { backoffDelay } from '../scheduler/backoffDelay.ts';
import { loadParser } from './builtinParsers.ts';
import { parseInSlices } from './parseInSlices.ts';
import { readChunks } from './readChunks.ts';
import { StreamHttpError, type StreamParseError } from './streamErrors.ts';
import type { ResolvedStreamOptions } from './streamOptions.ts';
import type { StreamSink } from './streamParser.ts';
import { startWorkerParser, type WorkerParser } from './workerParser.ts';
import { yieldToMain } from './yieldToMain.ts';

// Loaded with the loop, used by createStream for what only matters once items arrive.
export { createPublishBudget } from './publishBudget.ts';
export { yieldToMain };

/** What the reading loop needs of its stream (createStream.ts builds it over its private state). */
export interface ConnectionHost<T> {
  /** The options now: `setOptions` may bring a new request or retry policy for the next connection. */
  options(): ResolvedStreamOptions<T>;
  /** False once this run was stopped (`generation` is no longer the stream's). */
  live(generation: number): boolean;
  /** Waits while paused or while the unpublished items reach `highWaterMark`; false when stopped. */
  gate(generation: number): Promise<boolean>;
  /** Waits `ms` (or until the run is stopped). */
  sleep(ms: number): Promise<void>;
  /** Whether this run continues a stream that already had items or failed (its first connection is a reconnect). */
  resuming(): boolean;
  /** A connection is being opened: the first one, or a reconnect (counted). */
  connecting(abort: AbortController, reconnect: boolean): void;
  /** The response is good: status 'open'. */
  opened(): void;
  /** Where the parser delivers items; counts them in `received`. */
  sink(received: { items: number }): StreamSink<T>;
  /** Bytes read from the body. */
  bytes(count: number): void;
  /** Something changed: publish on the next frame. */
  changed(): void;
  /** A malformed line that stops the stream (`onMalformed: 'error'`), else null. */
  fatal(): StreamParseError | null;
  /** The resume id to ask for. */
  lastId(): string | number | undefined;
  /** The server's SSE `retry:` delay, if it sent one. */
  serverRetryMs(): number | undefined;
  /** Waiting before the next attempt: status 'reconnecting'. */
  reconnecting(): void;
  /** The run ends: 'done' (the body ended) or 'error' with why. */
  finish(generation: number, phase: 'done' | 'error', error: unknown): void;
}

/**
 * Reads the stream until its body ends, a final error, or the run is stopped: each connection's
 * body is decoded, parsed in slices into `host.sink`, and a failed connection is retried with
 * the jittered backoff (`retry`), resuming from `host.lastId()`.
 *
 * @example
 * void import('./streamConnection.ts').then(({ runConnection }) => runConnection(host, generation));
 */
export async function runConnection<T>(host: ConnectionHost<T>, generation: number): Promise<void> {
  let failures = 0;
  let attempt = host.resuming() ? 1 : 0;
  for (;;) {
    const o = host.options(); // per connection
    if (!(await host.gate(generation))) return;
    const abort = new AbortController();
    host.connecting(abort, attempt > 0);
    const received = { items: 0 };
    const sink = host.sink(received);
    // A built-in format is parsed in a Worker where one starts (started now, while the request
    // is under way), else its parser is imported on the page (first use only).
    const remote =
      o.worker && typeof o.parser === 'string'
        ? startWorkerParser(
            o.parser,
            o.maxLineBytes,
            liveSink(sink, () => host.live(generation)),
            () => {
              if (host.live(generation)) host.changed();
            },
          )
        : null;
    let parserLoad = remote ? null : loadParser(o.parser);
    parserLoad?.catch(() => {}); // awaited below, unless the request fails first
    try {
      const response = await o.request({ lastId: host.lastId(), attempt, signal: abort.signal });
      if (!host.live(generation)) return;
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new StreamHttpError(response.status, response.url);
      }
      if (!response.body) throw new TypeError('lazyflow: createStream response has no body');
      const chunks = readChunks(response.body);
      let first: Uint8Array[] = [];
      let bodyError: { error: unknown } | null = null;
      if (remote) {
        host.opened();
        const outcome = await readInWorker(host, generation, chunks, remote);
        if (outcome === 'stopped') return;
        if (outcome === 'done') {
          host.finish(generation, 'done', null);
          return;
        }
        // The Worker did not start: the page parses what it was sent, then reads on.
        first = remote.unparsed();
        bodyError = outcome.bodyError;
      }
      parserLoad ??= loadParser(o.parser);
      const parsing = await parserLoad.catch(async (error: unknown) => {
        await response.body?.cancel().catch(() => {});
        throw error;
      });
      if (!host.live(generation)) return;
      host.opened();
      // ignoreBOM keeps a leading byte-order mark in the text: the parser skips exactly one
      // (WHATWG event-stream rules), so BOM handling lives in one place (issue 16).
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const parser = parsing(sink, o.maxLineBytes === undefined ? {} : { maxLineBytes: o.maxLineBytes });
      const slice = {
        start: o.now(),
        otherMs: 0,
        now: o.now,
        beforeYield: host.changed,
        live: () => host.live(generation),
      };
      for (const chunk of first) {
        if (!(await parseInSlices(parser, decoder.decode(chunk, { stream: true }), slice))) return;
      }
      if (bodyError) throw bodyError.error;
      for await (const chunk of chunks) {
        if (!host.live(generation)) return;
        host.bytes(chunk.byteLength);
        if (!(await parseInSlices(parser, decoder.decode(chunk, { stream: true }), slice))) return;
        const fatal = host.fatal();
        if (fatal) throw fatal;
        host.changed();
        if (!(await host.gate(generation))) return;
      }
      parser.push(decoder.decode());
      parser.end();
      const fatal = host.fatal();
      if (fatal) throw fatal;
      host.finish(generation, 'done', null);
      return;
    } catch (error) {
      if (!host.live(generation)) return;
      if (abort.signal.aborted && isAbortError(error)) return;
      const retryable = !host.fatal() && (!(error instanceof StreamHttpError) || error.retryable);
      failures = received.items > 0 ? 1 : failures + 1;
      if (!retryable || failures >= o.attempts) {
        host.finish(generation, 'error', error);
        return;
      }
      const baseDelayMs = o.baseDelayMs ?? host.serverRetryMs() ?? 500;
      host.reconnecting();
      await host.sleep(backoffDelay(failures, { baseDelayMs, maxDelayMs: o.maxDelayMs, random: o.random }));
      if (!host.live(generation)) return;
      attempt++;
    } finally {
      remote?.close(); // a Worker serves one connection
    }
  }
}

/** `sink`, delivering nothing once `live()` is false (a Worker's replies after the run stopped). */
function liveSink<T>(sink: StreamSink<T>, live: () => boolean): StreamSink<T> {
  return {
    item: (value, id) => {
      if (live()) sink.item(value, id);
    },
    malformed: (error) => {
      if (live()) sink.malformed(error);
    },
    retry: (ms) => {
      if (live()) sink.retry?.(ms);
    },
  };
}

// Chunks sent to the Worker before the page waits for its reply: one is parsed while the next is read.
const WORKER_CHUNKS_IN_FLIGHT = 2;
// While the Worker starts, reading does not wait for its replies: the chunks the network queued
// meanwhile (up to 16) were taken one per microtask, one long task of reading, copying and
// posting them (231 ms at CPU ×4 in the bench's trace, issue #16 item 3). Until it is ready, the
// loop yields after this long. Once it is, each chunk waits for a reply (a task of its own) anyway.
const READ_SLICE_MS = 8;

/**
 * Reads the body into the Worker, at most two chunks ahead of its replies, with the same
 * backpressure as on the page (`host.gate` after each chunk). 'done' when the body ended and every
 * item was delivered, 'stopped' when the run was stopped, `{ bodyError }` when the Worker did not
 * start (the page parses `remote.unparsed()`, then reads on, or fails with the body's error).
 * Throws a fatal malformed line, a Worker failure, or the body's error once the Worker delivered
 * what it had before it.
 */
async function readInWorker<T>(
  host: ConnectionHost<T>,
  generation: number,
  chunks: AsyncGenerator<Uint8Array, void, void>,
  remote: WorkerParser,
): Promise<'done' | 'stopped' | { bodyError: { error: unknown } | null }> {
  const check = () => {
    const fatal = host.fatal();
    if (fatal) throw fatal;
    host.changed();
  };
  const now = host.options().now;
  let sliceStart = now();
  let ready = false;
  void remote.started.then((ok) => {
    ready = ok;
  });
  try {
    for (;;) {
      if (!ready && now() - sliceStart >= READ_SLICE_MS) {
        await yieldToMain();
        if (!host.live(generation)) return 'stopped';
        sliceStart = now();
      }
      let next: IteratorResult<Uint8Array, void>;
      try {
        next = await chunks.next();
      } catch (error) {
        // A dropped connection: the items from the bytes before it are good (a half-received
        // line is not: it is never ended), as on the page. Deliver them, then fail.
        if (!(await remote.started)) return { bodyError: { error } };
        if (host.live(generation)) await remote.whenAtMost(0).catch(() => {});
        throw error;
      }
      if (!host.live(generation)) return 'stopped';
      if (next.done) break;
      host.bytes(next.value.byteLength);
      remote.push(next.value);
      await remote.whenAtMost(WORKER_CHUNKS_IN_FLIGHT - 1);
      if (!host.live(generation)) return 'stopped';
      check();
      if (!(await host.gate(generation))) return 'stopped';
    }
    await remote.end();
  } catch (error) {
    if (!host.live(generation)) return 'stopped';
    if (!(await remote.started)) return { bodyError: null };
    throw error;
  }
  if (!host.live(generation)) return 'stopped';
  check();
  return 'done';
}
