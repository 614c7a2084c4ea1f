// A stream log (decision 0084): an NDJSON stream whose events stay where its body is read (a
// Worker by default) as indexed lines, and that a list reads like any offset source. Only the
// lines a list shows are parsed and come to the page; the page is told the count as it grows.
import {
  assertFunction,
  assertObject,
  assertPositiveInteger,
  assertPositiveNumber,
  optionError,
} from '../options.ts';
import type { RetryOptions } from '../scheduler/backoffDelay.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import type { OffsetSource } from '../sources/source.ts';
import { StreamHttpError, StreamParseError } from '../stream/streamErrors.ts';
import type { FromLog, LogMalformed, ToLog } from './logMessages.ts';
import { createLogReader } from './logReader.ts';

/**
 * Options of {@link createStreamLog}.
 *
 * @example
 * const options: StreamLogOptions<LogLine> = {
 *   url: '/api/logs?follow=1',
 *   maxBytes: 32_000_000,
 *   onCount: (count) => list.grow(count),
 * };
 */
export interface StreamLogOptions<T> {
  /** The NDJSON stream (`GET`), resolved against the page. */
  readonly url: string;
  /** Request headers (an auth token). */
  readonly headers?: HeadersInit;
  /** The body's format: `'ndjson'` (the default and, for now, the only one; SSE and JSON text sequences: `createStream`). */
  readonly format?: 'ndjson';
  /** Items per page of {@link StreamLog.source}. Default 100. */
  readonly pageSize?: number;
  /** Bytes of the body kept (finite); the oldest lines are dropped past it (see `replay`). Default 64 MB. */
  readonly maxBytes?: number;
  /** A line longer than this is not kept (reported as malformed when read). Default 1 MiB. */
  readonly maxLineBytes?: number;
  /**
   * The query parameter that tells the server how many lines were received, for reconnecting
   * after a dropped connection or a 5xx/408/429 answer (`'from'`: `?from=<count>`, the server
   * sends the lines from there). Without it, such a failure ends the log (status `error`).
   */
  readonly resumeParam?: string;
  /** Reconnect tries (the first included, default 6) and their jittered, doubling backoff; false: none. */
  readonly retry?: RetryOptions | false;
  /** Read and index the body in a Worker (the default where one starts); false: on the page. */
  readonly worker?: boolean;
  /**
   * Called with the count each time more lines arrive (at most every 50 ms). A list on `source`
   * follows the count by itself; this is for other uses, or a list on another source (`grow`).
   */
  readonly onCount?: (count: number) => void;
  /**
   * The item shown for a line that is not JSON (or longer than `maxLineBytes`). Without it, a
   * read that meets one fails with that line's {@link StreamParseError} (its page shows the error).
   */
  readonly malformed?: (error: StreamParseError) => T;
  /**
   * Reads lines dropped past `maxBytes` again (a request to the server for that range). Without
   * it, a read of dropped lines fails with an error saying which lines are held.
   */
  readonly replay?: (range: { offset: number; limit: number; signal: AbortSignal }) => Promise<readonly T[]>;
}

/**
 * Where a log is: `connecting` until the response, `open` while lines come, `reconnecting` after
 * a failure it retries (`resumeParam`), `ended` when the body ended, `error` when the request
 * failed for good (lines indexed before stay readable), `closed` after `close()`.
 *
 * @example
 * const busy: StreamLogStatus[] = ['connecting', 'open', 'reconnecting'];
 */
export type StreamLogStatus = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'error' | 'closed';

/**
 * What a log shows: its status, how many lines it has and holds.
 *
 * @example
 * const { status, count, error }: StreamLogSnapshot = log.getSnapshot();
 */
export interface StreamLogSnapshot {
  readonly status: StreamLogStatus;
  /** Lines indexed (blank lines are not lines). */
  readonly count: number;
  /** The first line still held (lines before it were dropped for `maxBytes`). */
  readonly first: number;
  /** Bytes of the body held. */
  readonly heldBytes: number;
  /**
   * Why the log stopped, or why it is reconnecting: a {@link StreamHttpError}, or a `TypeError`
   * for a failed request or a dropped connection. Null once a connection opens again.
   */
  readonly error: Error | null;
  /** Connections tried after the first (reconnects, failed ones included). */
  readonly reconnects: number;
  /** Whether the body is read in a Worker (false: on the page). */
  readonly inWorker: boolean;
}

/**
 * A stream log: its `source` for a list, its snapshot, `close()`.
 *
 * @example
 * const list = createLazyList({ key: ['log'], source: log.source });
 * log.subscribe(() => render(log.getSnapshot()));
 */
export interface StreamLog<T> {
  /** An offset source over the log's lines: give it to `useLazyList` / `createLazyList`. */
  readonly source: OffsetSource<T>;
  getSnapshot(): StreamLogSnapshot;
  subscribe(listener: () => void): () => void;
  /** Stops reading and releases the Worker; reads after it fail. */
  close(): void;
}

const OWNER = 'createStreamLog';
const DEFAULT_MAX_BYTES = 64_000_000;

interface Pending {
  readonly resolve: (reply: Extract<FromLog, { kind: 'lines' }>) => void;
  readonly reject: (error: Error) => void;
  /** The read, sent again if the page takes over from a Worker that failed to start. */
  readonly read: Extract<ToLog, { kind: 'read' }>;
}

function startWorker(): Worker | null {
  if (typeof Worker !== 'function') return null;
  try {
    // The `.js` name is the compiled file in dist/; bundlers and Vite's dev server resolve it to the source.
    return new Worker(new URL('./logWorker.js', import.meta.url), {
      type: 'module',
      name: 'lazyflow-stream-log',
    });
  } catch {
    return null;
  }
}

function checkOptions<T>(options: StreamLogOptions<T>): void {
  assertObject(OWNER, 'options', options);
  if (typeof options.url !== 'string' || options.url === '')
    throw optionError(OWNER, 'url', 'a URL', options.url);
  if (options.format !== undefined && options.format !== 'ndjson')
    throw optionError(
      OWNER,
      'format',
      "'ndjson' (SSE and JSON text sequences: createStream)",
      options.format,
    );
  if (options.pageSize !== undefined) assertPositiveInteger(OWNER, 'pageSize', options.pageSize);
  // Finite: the reader's line index refuses Infinity (it threw in the Worker, uncaught).
  const { maxBytes } = options;
  if (maxBytes !== undefined && !(typeof maxBytes === 'number' && Number.isFinite(maxBytes) && maxBytes > 0))
    throw optionError(OWNER, 'maxBytes', 'a finite number > 0', maxBytes);
  if (options.maxLineBytes !== undefined) assertPositiveInteger(OWNER, 'maxLineBytes', options.maxLineBytes);
  if (
    options.resumeParam !== undefined &&
    (typeof options.resumeParam !== 'string' || options.resumeParam === '')
  )
    throw optionError(OWNER, 'resumeParam', 'a query parameter name', options.resumeParam);
  if (options.retry !== undefined && options.retry !== false) {
    assertObject(OWNER, 'retry', options.retry);
    const { attempts, baseDelayMs, maxDelayMs } = options.retry;
    if (attempts !== undefined) assertPositiveInteger(OWNER, 'retry.attempts', attempts);
    if (baseDelayMs !== undefined) assertPositiveNumber(OWNER, 'retry.baseDelayMs', baseDelayMs);
    if (maxDelayMs !== undefined) assertPositiveNumber(OWNER, 'retry.maxDelayMs', maxDelayMs);
  }
  for (const name of ['onCount', 'malformed', 'replay'] as const)
    if (options[name] !== undefined) assertFunction(OWNER, name, options[name]);
}

/** A read's error that another attempt would meet again: the list does not retry it (`retryable: false`). */
function final<E extends Error>(error: E): E {
  return Object.assign(error, { retryable: false });
}

function parseError(note: LogMalformed): StreamParseError {
  const error = new StreamParseError(note.line, note.reason, '');
  // The message and excerpt were built by the reader.
  return final(Object.assign(error, { message: note.message, excerpt: note.excerpt }));
}

/**
 * Opens an NDJSON stream as a log a list reads by range (decision 0084): the body is read and
 * indexed by line in a Worker, no line is parsed until a list reads it, and the page is told only
 * the count. Where a list shows the newest lines of a fast stream this keeps the page's main
 * thread free: a `createStream` hands every event to the page. A list on the log's `source`
 * grows with its count by itself; `close()` when done.
 *
 * @example
 * const log = createStreamLog<LogLine>({ url: '/api/logs', resumeParam: 'from' });
 * const list = createLazyList<LogLine>({ key: ['logs'], source: log.source }); // follows the count
 */
export function createStreamLog<T>(options: StreamLogOptions<T>): StreamLog<T> {
  // Option checks in development builds only, as createStream's (decision 0054).
  if (process.env.NODE_ENV !== 'production') checkOptions(options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const pageSize = options.pageSize ?? 100;
  const listeners = new Set<() => void>();
  /** Lists on the log's source (`watchCount`): told each count. */
  const watchers = new Set<(count: number) => void>();
  const pending = new Map<number, Pending>();
  let snapshot: StreamLogSnapshot = {
    status: 'connecting',
    count: 0,
    first: 0,
    heldBytes: 0,
    error: null,
    reconnects: 0,
    inWorker: false,
  };
  let nextId = 0;
  let heard = false;
  /** Why reads fail from now on: the log was closed, or its Worker died (its lines with it). */
  let broken: Error | null = null;
  const fail = (error: Error) => {
    broken = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const change = (next: Partial<StreamLogSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  };
  const receive = (message: FromLog) => {
    heard = true;
    if (snapshot.status === 'closed') return;
    if (message.kind === 'lines') {
      pending.get(message.id)?.resolve(message);
      pending.delete(message.id);
    } else if (message.kind === 'count') {
      const { count, first, heldBytes } = message;
      change({ count, first, heldBytes });
      options.onCount?.(count);
      for (const watcher of watchers) watcher(count);
    } else if (message.kind === 'open') change({ status: 'open', error: null });
    else if (message.kind === 'ended') change({ status: 'ended' });
    else {
      const error =
        message.status === null
          ? new TypeError(message.message)
          : new StreamHttpError(message.status, message.url);
      if (message.kind === 'failed') change({ status: 'error', error });
      else change({ status: 'reconnecting', error, reconnects: snapshot.reconnects + 1 });
    }
  };

  const retry: RetryOptions = options.retry || {};
  const open: ToLog = {
    kind: 'open',
    url: new URL(options.url, globalThis.document?.baseURI ?? globalThis.location?.href).href,
    headers: [...new Headers(options.headers)],
    maxBytes,
    maxLineBytes: options.maxLineBytes,
    resumeParam: options.retry === false ? null : (options.resumeParam ?? null),
    retry: {
      attempts: retry.attempts ?? 6,
      baseDelayMs: retry.baseDelayMs ?? retry.baseDelay ?? 500,
      maxDelayMs: retry.maxDelayMs ?? retry.maxDelay ?? 30_000,
    },
  };
  let send: (message: ToLog) => void = () => {};
  const onPage = () => {
    // Answered in a microtask of its own, as a Worker's message is in a task: called inside the
    // reader's loop, an app's throw (a listener, onCount) was taken for a dropped connection.
    const handle = createLogReader((message) => queueMicrotask(() => receive(message)));
    send = handle;
    snapshot = { ...snapshot, inWorker: false };
  };
  const worker = options.worker === false ? null : startWorker();
  if (worker) {
    send = (message) => worker.postMessage(message);
    snapshot = { ...snapshot, inWorker: true };
    worker.onmessage = ({ data }: MessageEvent<FromLog>) => receive(data);
    // A Worker that fails before it said anything (its script did not load): the page reads instead.
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      if (heard || snapshot.status === 'closed') {
        const error = new Error(`lazyflow: stream log Worker failed: ${event.message}`);
        fail(error); // the reads it was to answer, and those to come, would wait for good
        change({ status: 'error', error });
        return;
      }
      onPage();
      send(open);
      for (const { read } of pending.values()) send(read); // answered by the page's reader now
      change({});
    };
  } else onPage();
  send(open);

  const readLines = (start: number, end: number, signal: AbortSignal) =>
    new Promise<Extract<FromLog, { kind: 'lines' }>>((resolve, reject) => {
      if (broken) return reject(broken);
      const read = { kind: 'read', id: nextId++, start, end } as const;
      pending.set(read.id, { resolve, reject, read });
      signal.addEventListener('abort', () => {
        if (pending.delete(read.id)) reject(signal.reason);
      });
      send(read);
    });

  const itemsOf = (reply: Extract<FromLog, { kind: 'lines' }>): T[] => {
    const items = reply.items as T[];
    for (const note of reply.malformed) {
      const error = parseError(note);
      if (options.malformed === undefined) throw error;
      items[note.at] = options.malformed(error);
    }
    return items;
  };

  const pages = offsetSource<T>({
    pageSize,
    initialCount: 0,
    fetchPage: async ({ offset, limit, signal }) => {
      const reply = await readLines(offset, offset + limit, signal);
      const items = itemsOf(reply);
      if (reply.dropped === null) return { items, total: reply.total };
      const held = reply.dropped.first;
      const missing = Math.min(held, offset + limit) - offset;
      if (options.replay === undefined)
        throw final(
          new RangeError(
            `lazyflow: stream log lines ${offset}–${offset + missing - 1} were dropped (maxBytes ${maxBytes}; lines from ${held} are held): pass replay to read them again`,
          ),
        );
      const replayed = await options.replay({ offset, limit: missing, signal });
      if (replayed.length !== missing)
        throw new RangeError(
          `lazyflow: stream log replay of lines ${offset}–${offset + missing - 1} answered ${replayed.length} items, not ${missing}`,
        );
      return { items: [...replayed, ...items], total: reply.total };
    },
  });
  // A list on the source follows the count by itself (decision 0084): no `onCount` wiring needed.
  const source: OffsetSource<T> = Object.assign(pages, {
    watchCount(listener: (count: number) => void) {
      watchers.add(listener);
      // Lines counted before the list listened: told after its subscribe has finished.
      if (snapshot.count > 0) queueMicrotask(() => watchers.has(listener) && listener(snapshot.count));
      return () => {
        watchers.delete(listener);
      };
    },
  });

  return {
    source,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (snapshot.status === 'closed') return;
      send({ kind: 'close' });
      worker?.terminate();
      fail(new Error('lazyflow: stream log is closed'));
      change({ status: 'closed' });
    },
  };
}
