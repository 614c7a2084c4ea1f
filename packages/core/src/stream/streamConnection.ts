// The reading loop of an ItemStream: connect, parse in a Worker or in slices, reconnect with backoff. Imported
// by createStream when a stream first starts reading (a lazy chunk: an app that creates a stream
// pays for the loop, the parsers and the HTTP errors only once it reads; issue #15 item 7).
import type { Timers } from '../env/timers.ts';
import { isAbortError } from '../errors.ts';
import { backoffDelay } from '../scheduler/backoffDelay.ts';
import { loadParser } from './builtinParsers.ts';
import { decodeInSlices } from './parseInSlices.ts';
import { openParseWorker, requestInWorker } from './parseWorkerStart.ts';
import { readChunks } from './readChunks.ts';
import { StreamHttpError, type StreamParseError } from './streamErrors.ts';
import type { ResolvedStreamOptions } from './streamOptions.ts';
import type { StreamSink } from './streamParser.ts';
import { startWorkerParser, type WorkerParser } from './workerParser.ts';
import { yieldToMain } from './yieldToMain.ts';

// Loaded with the loop, used by createStream for what only matters once items arrive.
export { createPublishBudget } from './publishBudget.ts';
export { yieldToMain };

/** A connection's request, made by the stream before this chunk was loaded (decision 0050). */
export interface EarlyRequest {
  readonly abort: AbortController;
  /** The page's request; none where the `worker` was sent it (a `url`-only stream, issue #16 item 3). */
  readonly response?: Promise<Response>;
  /** The parse Worker started with it (loading its script meanwhile), if the stream parses in one. */
  readonly worker?: Worker | null;
}

/** What the reading loop needs of its stream (createStream.ts builds it over its private state). */
export interface ConnectionHost<T> {
  /** The options now: `setOptions` may bring a new request or retry policy for the next connection. */
  options(): ResolvedStreamOptions<T>;
  /** False once this run was stopped (`generation` is no longer the stream's). */
  live(generation: number): boolean;
  /** Waits while paused or while the unpublished items reach `highWaterMark`; false when stopped. */
  gate(generation: number): Promise<boolean>;
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
 * the jittered backoff (`retry`), resuming from `host.lastId()`. `early`: the first connection's
 * request when the stream made it already (before this chunk loaded).
 *
 * @example
 * void import('./streamConnection.ts').then(({ runConnection }) => runConnection(host, generation));
 */
export async function runConnection<T>(
  host: ConnectionHost<T>,
  generation: number,
  early?: EarlyRequest,
): Promise<void> {
  let failures = 0;
  let attempt = host.resuming() ? 1 : 0;
  for (;;) {
    const o = host.options(); // per connection
    if (!(await host.gate(generation))) {
      early?.worker?.terminate();
      return;
    }
    const abort = early?.abort ?? new AbortController();
    host.connecting(abort, attempt > 0);
    const received = { items: 0 };
    const sink = host.sink(received);
    // The request leaves first: starting a Worker is a main-thread task of its own (77 ms at
    // CPU ×4 in the bench's trace), which delayed it. A request that throws rejects here instead.
    const pageRequest = () =>
      new Promise<Response>((resolve) =>
        resolve(o.request({ lastId: host.lastId(), attempt, signal: abort.signal })),
      );
    const parsesRemote = o.worker && typeof o.parser === 'string';
    // A `url`-only stream's request is made by its Worker (lead D): the first connection's was sent
    // it by the stream, a later one's is started and sent it now. Else the page's request leaves first.
    const sent = early !== undefined && early.response === undefined;
    let earlyWorker = early?.worker;
    if (!early && parsesRemote && o.target) {
      earlyWorker = openParseWorker();
      if (earlyWorker) requestInWorker(earlyWorker, o.target(host.lastId()));
    }
    const fetched = sent || (earlyWorker != null && !early);
    const requested = fetched ? undefined : (early?.response ?? pageRequest());
    early = undefined; // the first connection's only
    // A built-in format is parsed in a Worker where one starts (the first connection's was started
    // with its request, a later one's now, while the request is under way). The page parses until
    // it is ready (decision 0031), so its parser is loaded either way (first use only).
    const remote =
      parsesRemote && typeof o.parser === 'string'
        ? startWorkerParser(
            o.parser,
            o.maxLineBytes,
            liveSink(sink, () => host.live(generation)),
            () => {
              if (host.live(generation)) host.changed();
            },
            earlyWorker,
          )
        : null;
    if (!remote) earlyWorker?.terminate();
    const parserLoad = loadParser(o.parser);
    parserLoad.catch(() => {}); // awaited below, unless the request fails first
    try {
      if (fetched && remote) {
        const outcome = await readFetched(host, generation, remote, abort);
        if (outcome === 'stopped') return;
        if (outcome === 'done') {
          host.finish(generation, 'done', null);
          return;
        }
      }
      // The Worker could not start before its response: the page fetches and parses (as without one).
      const response = await (requested ?? pageRequest());
      if (!host.live(generation)) return;
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new StreamHttpError(response.status, response.url);
      }
      if (!response.body) throw new TypeError('lazyflow: createStream response has no body');
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
      // Chunks go to the Worker from the first one read after it is ready; until then the page
      // parses them (in slices) and the Worker follows silently. Each chunk is whole on one side,
      // and the page's items are delivered before the first chunk leaves for the Worker: in order.
      let inWorker = false;
      const chunks = readChunks(response.body, abort.signal);
      for (;;) {
        let next: IteratorResult<Uint8Array, void>;
        try {
          next = await chunks.next();
        } catch (error) {
          // A dropped connection: the items from the bytes before it are good (a half-received
          // line is not: it is never ended). Deliver what the Worker has, then fail.
          if (inWorker && host.live(generation)) await remote?.whenAtMost(0).catch(() => {});
          throw error;
        }
        if (!host.live(generation)) return;
        if (next.done) break;
        const chunk = next.value;
        host.bytes(chunk.byteLength);
        inWorker ||= remote?.ready === true;
        if (inWorker) {
          // In pieces: the Worker answers a message once it has parsed all of it, so a 1 MB chunk
          // sent whole came back in one go (300 ms later at CPU ×4) while the page sat idle.
          for (let at = 0; at === 0 || at < chunk.byteLength; at += WORKER_PIECE_BYTES) {
            remote?.push(
              at === 0 && chunk.byteLength <= WORKER_PIECE_BYTES
                ? chunk
                : chunk.subarray(at, at + WORKER_PIECE_BYTES),
            );
          }
          await remote?.whenAtMost(WORKER_CHUNKS_IN_FLIGHT - 1);
        } else {
          // Decoded and parsed in pieces (a large chunk in one call was a long task), then moved to
          // the Worker (which detaches its buffer), still before any chunk of its own.
          if (!(await decodeInSlices(parser, decoder, chunk, slice))) return;
          remote?.push(chunk, true);
        }
        if (!host.live(generation)) return;
        const fatal = host.fatal();
        if (fatal) throw fatal;
        host.changed();
        if (!(await host.gate(generation))) return;
      }
      if (inWorker) await remote?.end();
      else {
        parser.push(decoder.decode());
        parser.end();
      }
      if (!host.live(generation)) return;
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
      const delayMs = backoffDelay(failures, { baseDelayMs, maxDelayMs: o.maxDelayMs, random: o.random });
      await backoff(o.timers, abort.signal, delayMs);
      if (!host.live(generation)) return;
      attempt++;
    } finally {
      remote?.close(); // a Worker serves one connection
    }
  }
}

/**
 * A connection whose request the Worker made (lead D): waits for its response (a status not 2xx
 * is a {@link StreamHttpError}), then takes the parsed pieces (items delivered by the Worker
 * parser) under the stream's gate until the body ends. 'page' where the Worker failed before the
 * response (the page requests instead); throws what the connection failed with.
 */
async function readFetched<T>(
  host: ConnectionHost<T>,
  generation: number,
  remote: WorkerParser,
  abort: AbortController,
): Promise<'done' | 'stopped' | 'page'> {
  const stop = () => remote.close(); // abort(), stop(), destroy(): the Worker's fetch is aborted
  abort.signal.addEventListener('abort', stop);
  try {
    const head = await remote.next().catch((error: unknown) => {
      if (remote.failed) return null;
      throw error;
    });
    if (!host.live(generation)) return 'stopped';
    if (head === null) return 'page';
    if (head.kind === 'response') {
      if (head.status < 200 || head.status > 299) throw new StreamHttpError(head.status, head.url);
      host.opened();
    }
    for (;;) {
      const event = await remote.next();
      if (!host.live(generation)) return 'stopped';
      const fatal = host.fatal();
      if (fatal) throw fatal;
      if (event.kind === 'ended') return 'done';
      if (event.kind === 'piece') host.bytes(event.bytes);
      host.changed();
      if (!(await host.gate(generation))) return 'stopped';
      remote.pull();
    }
  } finally {
    abort.signal.removeEventListener('abort', stop);
  }
}

/**
 * Waits `ms` on the stream's timers, or until `signal` aborts (the run was stopped: close(),
 * restart(), the last unsubscribe). Nothing else ends it: the stream's wakers are woken by every
 * published frame, and the frame publishing 'reconnecting' ended the backoff at once.
 */
function backoff(timers: Timers, signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: unknown;
    const stop = () => {
      timers.clearTimeout(timer);
      resolve();
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    timer = timers.setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
  });
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
    id: (id) => {
      if (live()) sink.id?.(id);
    },
  };
}

// Chunks sent to the Worker before the page waits for its reply: one is parsed while the next is read.
const WORKER_CHUNKS_IN_FLIGHT = 2;
// Bytes per message to the Worker at most (a larger chunk is sent in pieces, each answered in turn).
const WORKER_PIECE_BYTES = 65_536;
