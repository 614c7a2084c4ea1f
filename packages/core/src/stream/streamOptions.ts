import { defaultFrameScheduler, type FrameScheduler } from '../env/frameScheduler.ts';
import { defaultTimers, type Timers } from '../env/timers.ts';
import {
  assertFunction,
  assertObject,
  assertPositiveInteger,
  assertPositiveNumber,
  optionError,
} from '../options.ts';
import type { RetryOptions } from '../scheduler/backoffDelay.ts';
import type { StreamParserFactory } from './streamParser.ts';
import { type StreamResume, urlRequest, urlTarget } from './streamRequest.ts';

/**
 * A built-in wire format, or your own parser factory.
 *
 * @example
 * createStream<LogEvent>({ url: '/api/events', format: 'json-seq' }); // or 'ndjson', 'sse', a parser factory
 */
export type StreamFormat<T> = 'ndjson' | 'json-seq' | 'sse' | StreamParserFactory<T>;

/**
 * Resuming after a dropped connection: how an item is known again.
 *
 * @example
 * createStream<LogEvent>({ url: '/api/stream', resume: { key: (e) => e.seq } });
 */
export interface StreamResumeOptions<T> {
  /** @deprecated Use `retry.attempts` (= retries + 1; kept one release). */
  readonly retries?: number;
  /** @deprecated Use `retry.baseDelayMs` (kept one release). */
  readonly backoffMs?: number;
  /** @deprecated Use `retry.maxDelayMs` (kept one release). */
  readonly maxBackoffMs?: number;
  /**
   * Identity of an item: reported as `resume.lastId` (NDJSON) and used to drop items a server
   * replays after a reconnect. Without it, only SSE ids can resume.
   */
  readonly key?: (item: T) => string | number;
}

/**
 * Options of {@link createStream}.
 *
 * @example
 * createStream<LogEvent>({ url: '/api/stream?format=sse', format: 'sse', maxItems: 10_000 });
 */
export interface CreateStreamOptions<T> {
  // Required: where the bytes come from (one of the two).
  /** Opens a connection; called again on every reconnect with where to resume. */
  readonly request?: (resume: StreamResume) => Response | Promise<Response>;
  /** Shorthand for `request`: SSE resumes with `Last-Event-ID`, other formats with `resumeParam`. */
  readonly url?: string | URL;

  // Optional.
  /** Wire format. Default `'ndjson'`. */
  readonly format?: StreamFormat<T>;
  /** With `url`: query parameter set to the last id on reconnect (e.g. `'from'`). */
  readonly resumeParam?: string;
  /**
   * Reconnecting after a failed connection, with the backoff pages use (jittered, doubling):
   * `attempts` in a row without a new item before `status: 'error'` (default 6: the first and 5
   * reconnects), `baseDelayMs` (default 500, or the SSE `retry:`), `maxDelayMs` (default 30,000).
   * `false` turns reconnecting off.
   */
  readonly retry?: RetryOptions | false;
  /** How items are known again after a reconnect (`key`); `false` (deprecated) = `retry: false`. */
  readonly resume?: StreamResumeOptions<T> | false;
  /** Ring buffer size of `snapshot.items` (newest last); `Infinity` keeps everything. Default 10,000. */
  readonly maxItems?: number;
  /** `'skip'` (default): count, report in `lastMalformed`, go on. `'error'`: stop with `status: 'error'`. */
  readonly onMalformed?: 'skip' | 'error';
  /** Longest accepted line in UTF-8 bytes. Default 1 MiB. */
  readonly maxLineBytes?: number;
  /**
   * Parse a built-in format in a Worker (default `true`): the body's bytes go to a Worker that
   * decodes and parses them, off the page's main thread (the page parses the chunks read while
   * the Worker starts, so the first items do not wait for it); where no Worker starts (none in the
   * environment, a CSP, a bundler that moved the file) the page parses, with the same items.
   * A parser factory always runs on the page. `false`: always on the page.
   */
  readonly worker?: boolean;
  /** Parsed-but-unpublished items at which reading pauses until the next frame. Default 20,000. */
  readonly highWaterMark?: number;
  /**
   * Every published batch, in order, before the snapshot: e.g. append to a lazy list to keep history.
   * A throw is reported apart (in a microtask, as a listener's) and the stream goes on.
   */
  readonly onItems?: (items: readonly T[]) => void;

  // Environment (browser defaults).
  /** Publishes at most one snapshot per frame. Default: `requestAnimationFrame` with a timeout fallback. */
  readonly frameScheduler?: FrameScheduler;
  /** Backoff and teardown timers. */
  readonly timers?: Timers;
  /** Clock for rates and lag. Default `performance.now()`. */
  readonly now?: () => number;
  /** Randomness for the reconnect jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

/** {@link CreateStreamOptions} with every default applied. */
export interface ResolvedStreamOptions<T> {
  readonly request: (resume: StreamResume) => Response | Promise<Response>;
  /** A `url`-only stream's URL and headers for `lastId` (its Worker may fetch them); else undefined. */
  readonly target: ((lastId: string | number | undefined) => { url: string; headers: Headers }) | undefined;
  /** A parser factory, or a built-in format whose parser is imported on first use (a lazy chunk). */
  readonly parser: StreamParserFactory<T> | 'ndjson' | 'json-seq' | 'sse';
  readonly attempts: number;
  /** Undefined: the SSE `retry:` field, else 500 ms. */
  readonly baseDelayMs: number | undefined;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly key: ((item: T) => string | number) | undefined;
  readonly maxItems: number;
  readonly onMalformed: 'skip' | 'error';
  /** Undefined: the parser's default (1 MiB). */
  readonly maxLineBytes: number | undefined;
  readonly worker: boolean;
  readonly highWaterMark: number;
  readonly onItems: ((items: readonly T[]) => void) | undefined;
  readonly frameScheduler: FrameScheduler;
  readonly timers: Timers;
  readonly now: () => number;
}

const OWNER = 'createStream';

const defaultNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Applies the `createStream` defaults; in development builds (decision 0054) first throws a
 * TypeError naming a bad option.
 *
 * @example
 * resolveStreamOptions({ url: '/api/stream' }).maxItems; // 10_000
 */
export function resolveStreamOptions<T>(options: CreateStreamOptions<T>): ResolvedStreamOptions<T> {
  if (process.env.NODE_ENV !== 'production') checkStreamOptions(options);
  const format = options.format ?? 'ndjson';
  const parser = format as ResolvedStreamOptions<T>['parser'];
  const byUrl = {
    lastEventIdHeader: format === 'sse',
    ...(options.resumeParam === undefined ? {} : { resumeParam: options.resumeParam }),
  };
  const request = options.request ?? urlRequest(options.url as string | URL, byUrl);
  // A `url`-only stream's request can be made by its parse Worker (issue #16 item 3, lead D).
  const target =
    options.request === undefined
      ? (lastId: string | number | undefined) => urlTarget(options.url as string | URL, byUrl, lastId)
      : undefined;
  const resume: StreamResumeOptions<T> = options.resume === false ? {} : (options.resume ?? {});
  const off = options.retry === false || options.resume === false;
  const retry: RetryOptions = off ? { attempts: 1 } : (options.retry ?? {});
  const attempts = retry.attempts ?? (resume.retries === undefined ? 6 : resume.retries + 1);
  const baseDelayMs = retry.baseDelayMs ?? retry.baseDelay ?? resume.backoffMs;
  const maxDelayMs = retry.maxDelayMs ?? retry.maxDelay ?? resume.maxBackoffMs ?? 30_000;
  const maxItems = options.maxItems ?? 10_000;
  const onMalformed = options.onMalformed ?? 'skip';
  const maxLineBytes = options.maxLineBytes;
  const worker = options.worker ?? true;
  const highWaterMark = options.highWaterMark ?? 20_000;
  return {
    request,
    target,
    parser,
    attempts,
    baseDelayMs,
    maxDelayMs,
    random: options.random ?? Math.random,
    key: resume.key,
    maxItems,
    onMalformed,
    maxLineBytes,
    worker,
    highWaterMark,
    onItems: options.onItems,
    frameScheduler: options.frameScheduler ?? defaultFrameScheduler,
    timers: options.timers ?? defaultTimers,
    now: options.now ?? defaultNow,
  };
}

/**
 * Throws a TypeError naming the first bad option of `createStream` (an option left out is
 * checked as its default). Development builds only (decision 0054).
 */
function checkStreamOptions<T>(options: CreateStreamOptions<T>): void {
  assertObject(OWNER, 'options', options);
  const format: unknown = options.format ?? 'ndjson';
  if (typeof format !== 'function' && format !== 'ndjson' && format !== 'json-seq' && format !== 'sse')
    throw optionError(OWNER, 'format', "'ndjson', 'json-seq', 'sse' or a parser factory", format);
  if (options.request === undefined && options.url === undefined)
    throw optionError(OWNER, 'request', 'a function (or give "url")', undefined);
  if (options.request !== undefined) assertFunction(OWNER, 'request', options.request);
  // '' would fetch the page itself (and parse its HTML as malformed lines).
  else if (!(options.url instanceof URL || (typeof options.url === 'string' && options.url !== '')))
    throw optionError(OWNER, 'url', 'a URL (or give "request")', options.url);
  const resume: StreamResumeOptions<T> = options.resume === false ? {} : (options.resume ?? {});
  const off = options.retry === false || options.resume === false;
  const retry: RetryOptions = off ? { attempts: 1 } : (options.retry ?? {});
  assertObject(OWNER, 'retry', retry);
  assertPositiveInteger(OWNER, 'retry.attempts', retry.attempts ?? (resume.retries ?? 5) + 1);
  const baseDelayMs = retry.baseDelayMs ?? retry.baseDelay ?? resume.backoffMs;
  if (baseDelayMs !== undefined) assertPositiveNumber(OWNER, 'retry.baseDelayMs', baseDelayMs);
  assertPositiveNumber(
    OWNER,
    'retry.maxDelayMs',
    retry.maxDelayMs ?? retry.maxDelay ?? resume.maxBackoffMs ?? 1,
  );
  if (resume.key !== undefined) assertFunction(OWNER, 'resume.key', resume.key);
  const maxItems = options.maxItems ?? 10_000;
  if (maxItems !== Number.POSITIVE_INFINITY && !(Number.isInteger(maxItems) && maxItems >= 1))
    throw optionError(OWNER, 'maxItems', 'a positive integer or Infinity', maxItems);
  const onMalformed = options.onMalformed ?? 'skip';
  if (onMalformed !== 'skip' && onMalformed !== 'error')
    throw optionError(OWNER, 'onMalformed', "'skip' or 'error'", onMalformed);
  if (options.maxLineBytes !== undefined) assertPositiveNumber(OWNER, 'maxLineBytes', options.maxLineBytes);
  const worker = options.worker ?? true;
  if (typeof worker !== 'boolean') throw optionError(OWNER, 'worker', 'a boolean', worker);
  assertPositiveNumber(OWNER, 'highWaterMark', options.highWaterMark ?? 1);
  if (options.onItems !== undefined) assertFunction(OWNER, 'onItems', options.onItems);
}
