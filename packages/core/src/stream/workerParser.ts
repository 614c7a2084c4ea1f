// The page's side of the parse Worker (decision 0013): the body's bytes go to the Worker (moved,
// not copied, where the chunk owns its buffer), its items come back in order and are handed to
// the stream's sink here, with malformed lines (as StreamParseError values) and SSE `retry:`
// between them where the parser met them. Until the Worker is ready, the page parses and the
// Worker gets the same bytes `silent` (decision 0031).

import { openParseWorker, parseWorkerFailed } from './parseWorkerStart.ts';
import { StreamParseError } from './streamErrors.ts';
import type { StreamSink } from './streamParser.ts';
import type { FromWorker, ToWorker, WorkerFormat, WorkerNote } from './workerMessages.ts';

/** How long a Worker may take to start and load its parser before the page parses instead. */
const START_TIMEOUT_MS = 10_000;

/**
 * A parser running in a Worker, fed bytes. Replies arrive in order and go to the sink given to
 * {@link startWorkerParser}. Until the Worker is `ready`, the page parses the chunks itself and
 * sends them `silent`: the Worker parses them into nothing, so that its parser is in the page's
 * state (line numbers, a skipped byte-order mark, a half line) when it takes over (decision 0031).
 *
 * @example
 * if (remote.ready) {
 *   remote.push(chunk);
 *   await remote.whenAtMost(1); // at most one chunk still in the Worker
 * } else remote.push(chunk, true); // and parse it on the page
 */
export interface WorkerParser {
  /** True once the Worker loaded its parser; false if it failed to (then the page parses on). */
  readonly started: Promise<boolean>;
  /** Whether the Worker has loaded its parser (and has not failed): chunks from now on may be its own. */
  readonly ready: boolean;
  /**
   * Sends the next bytes of the body. `silent`: the page parses these itself; the Worker only
   * follows along (no reply). Silent chunks must all come before the first one that is not.
   */
  push(bytes: Uint8Array, silent?: boolean): void;
  /** Resolves once at most `chunks` pushed chunks (not silent) are unparsed; rejects if the Worker failed. */
  whenAtMost(chunks: number): Promise<void>;
  /** End of the body: resolves once everything was parsed and delivered. */
  end(): Promise<void>;
  /** Stops the Worker (nothing more is delivered). */
  close(): void;
  /** True once the Worker failed or was closed. */
  readonly failed: boolean;
  /**
   * A connection the Worker fetches (`fetch` sent): its next event, in order after the items
   * before it: the response, each parsed piece, the end. Rejects with the error the fetch or the
   * body failed with (a `TypeError` as `fetch` gives), or the Worker's failure.
   */
  next(): Promise<FetchEvent>;
  /** The page took the last piece's items: the Worker may parse one more. */
  pull(): void;
}

/** What {@link WorkerParser.next} resolves with. */
export type FetchEvent = Extract<FromWorker, { kind: 'response' | 'piece' | 'ended' }>;

function rebuildError(note: Extract<WorkerNote, { kind: 'malformed' }>): StreamParseError {
  const error = new StreamParseError(note.line, note.reason, '');
  // The Worker built the message and excerpt; keep them word for word.
  Object.assign(error, { message: note.message, excerpt: note.excerpt });
  return error;
}

function deliver<T>(reply: Extract<FromWorker, { kind: 'parsed' }>, sink: StreamSink<T>): void {
  const { items, ids, notes } = reply;
  let n = 0;
  for (let i = 0; i <= items.length; i++) {
    for (; n < notes.length && (notes[n] as WorkerNote).at === i; n++) {
      const note = notes[n] as WorkerNote;
      if (note.kind === 'retry') sink.retry?.(note.ms);
      else sink.malformed(rebuildError(note));
    }
    if (i < items.length) sink.item(items[i] as T, ids?.[i]);
  }
  if (reply.lastId !== undefined) sink.id?.(reply.lastId);
}

/**
 * Starts a Worker parsing `format` into `sink` (`delivered()` after each batch), or returns null where none can be started (no
 * `Worker`, a constructor that throws, one that failed before in this page). `early`: a Worker
 * already started by {@link openParseWorker} (the stream's first connection), taken over. A Worker that fails
 * to load or does not answer within 10 s resolves `started` false: the caller parses on the page.
 * The Worker serves one connection; `close()` ends it.
 *
 * @example
 * const remote = startWorkerParser('ndjson', undefined, sink, () => schedulePublish());
 * if (remote?.ready) remote.push(chunk);
 * else parseOnPage(chunk); // and remote?.push(chunk, true) after decoding it
 */
export function startWorkerParser<T>(
  format: WorkerFormat,
  maxLineBytes: number | undefined,
  sink: StreamSink<T>,
  delivered: () => void,
  early?: Worker | null,
): WorkerParser | null {
  // `early`: one the stream started with its request (openParseWorker), already loading. None
  // where no Worker can start or one failed to before in this page.
  const worker = early ?? openParseWorker();
  if (!worker) return null;
  const send = (message: ToWorker, transfer?: Transferable[]) => worker.postMessage(message, transfer ?? []);
  let ready = false;
  let inFlight = 0;
  let failure: Error | null = null;
  let closed = false;
  const waiters: Array<{ chunks: number; resolve: () => void; reject: (error: Error) => void }> = [];
  const events: Extract<FromWorker, { kind: 'response' | 'piece' | 'ended' | 'dropped' }>[] = [];
  let eventWaiter: { resolve: (event: FetchEvent) => void; reject: (error: unknown) => void } | null = null;
  const settle = () => {
    const event = events[0];
    if (eventWaiter && (event || failure)) {
      const { resolve, reject } = eventWaiter;
      eventWaiter = null;
      if (!event) reject(failure);
      else {
        events.shift();
        if (event.kind !== 'dropped') resolve(event);
        // The error values fetch gives: an abort, else a TypeError ("Failed to fetch", "network error").
        else
          reject(
            event.name === 'AbortError'
              ? new DOMException(event.message, 'AbortError')
              : new TypeError(event.message),
          );
      }
    }
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i] as (typeof waiters)[number];
      if (failure) waiter.reject(failure);
      else if (inFlight <= waiter.chunks) waiter.resolve();
      else continue;
      waiters.splice(i, 1);
    }
  };
  let resolveStarted: (started: boolean) => void = () => {};
  const started = new Promise<boolean>((resolve) => {
    resolveStarted = resolve;
  });
  const fail = (error: Error) => {
    if (failure === null) worker.terminate();
    failure ??= error;
    if (!ready) {
      if (!closed) parseWorkerFailed(); // not tried again in this page
      resolveStarted(false);
    }
    settle();
  };
  const timer = setTimeout(
    () => fail(new Error("lazyflow: the stream's parse Worker did not start")),
    START_TIMEOUT_MS,
  );
  worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
    if (closed || failure) return;
    if (data.kind === 'ready') {
      clearTimeout(timer);
      ready = true;
      resolveStarted(true);
    } else if (data.kind === 'failed') {
      clearTimeout(timer);
      fail(new Error(`lazyflow: the stream's parse Worker could not load its parser (${data.message})`));
      return;
    } else if (data.kind !== 'parsed') events.push(data);
    else {
      if (data.last && inFlight > 0) inFlight--; // (a fetched piece's replies were not pushed)
      try {
        deliver(data, sink);
      } catch (error) {
        // The page's code threw on an item (`resume.key` on a `null` line): the connection fails with
        // it, as where the page parses (it was uncaught here, and the reply's later items lost).
        fail(error as Error);
        return;
      }
      delivered(); // publish, also while the page waits for the body's next bytes
    }
    settle();
  };
  worker.onerror = (event) => {
    event.preventDefault(); // a Worker that cannot start is a fallback, not a console error
    clearTimeout(timer);
    fail(new Error(`lazyflow: the stream's parse Worker failed (${event.message || 'error'})`));
  };
  worker.onmessageerror = () =>
    fail(new Error("lazyflow: the stream's parse Worker sent an unreadable message"));
  send({ kind: 'init', format, maxLineBytes });
  const whenAtMost = (chunks: number) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ chunks, resolve, reject });
      settle();
    });
  return {
    started,
    get ready() {
      return ready && failure === null;
    },
    push(bytes, silent = false) {
      if (failure) return;
      if (!silent) inFlight++;
      // A chunk that owns its whole buffer is moved to the Worker (a silent one once the page
      // decoded it); a view into a larger one is copied.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const data = own ? bytes : bytes.slice();
      send({ kind: 'chunk', bytes: data, silent }, [data.buffer as ArrayBuffer]);
    },
    whenAtMost,
    end() {
      inFlight++;
      send({ kind: 'end' });
      return started.then((ok) => (ok ? whenAtMost(0) : Promise.reject(failure)));
    },
    close() {
      clearTimeout(timer);
      closed = true;
      if (!failure) send({ kind: 'abort' }); // its fetch, if any (terminating ends it too)
      fail(new Error('lazyflow: the parse Worker was closed'));
    },
    get failed() {
      return failure !== null;
    },
    next: () =>
      new Promise<FetchEvent>((resolve, reject) => {
        eventWaiter = { resolve, reject };
        settle();
      }),
    pull: () => {
      if (!failure) send({ kind: 'pull' });
    },
  };
}
