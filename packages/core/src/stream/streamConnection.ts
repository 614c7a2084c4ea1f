// The reading loop of an ItemStream: connect, parse in slices, reconnect with backoff. Imported
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
    // A built-in format's parser is imported while the request is under way (first use only).
    const parserLoad = loadParser(o.parser);
    parserLoad.catch(() => {}); // awaited below, unless the request fails first
    try {
      const response = await o.request({ lastId: host.lastId(), attempt, signal: abort.signal });
      if (!host.live(generation)) return;
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new StreamHttpError(response.status, response.url);
      }
      if (!response.body) throw new TypeError('lazyflow: createStream response has no body');
      const factory = await parserLoad.catch(async (error: unknown) => {
        await response.body?.cancel().catch(() => {});
        throw error;
      });
      if (!host.live(generation)) return;
      host.opened();
      // ignoreBOM keeps a leading byte-order mark in the text: the parser skips exactly one
      // (WHATWG event-stream rules), so BOM handling lives in one place (issue 16).
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const parser = factory(host.sink(received), { maxLineBytes: o.maxLineBytes });
      const slice = {
        start: o.now(),
        otherMs: 0,
        now: o.now,
        beforeYield: host.changed,
        live: () => host.live(generation),
      };
      for await (const chunk of readChunks(response.body)) {
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
    }
  }
}
