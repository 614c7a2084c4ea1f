import { defaultFrameScheduler, type FrameScheduler } from '../env/frameScheduler.ts';
import { defaultTimers, type Timers } from '../env/timers.ts';
import {
  assertFunction,
  assertNonNegativeInteger,
  assertObject,
  assertPositiveNumber,
  optionError,
} from '../options.ts';
import { parseJsonSeq } from './parseJsonSeq.ts';
import { parseNdjson } from './parseNdjson.ts';
import { parseSse } from './parseSse.ts';
import { DEFAULT_MAX_LINE_BYTES, type StreamParserFactory } from './streamParser.ts';
import { type StreamResume, urlRequest } from './streamRequest.ts';

/** A built-in wire format, or your own parser factory. */
export type StreamFormat<T> = 'ndjson' | 'json-seq' | 'sse' | StreamParserFactory<T>;

/** Reconnection after a dropped connection. */
export interface StreamResumeOptions<T> {
  /** Consecutive failed connections (no new item) tolerated before `status: 'error'`. Default 5. */
  readonly retries?: number;
  /** Delay before the first reconnect, doubled each further attempt. Default 500 ms (or the SSE `retry:`). */
  readonly backoffMs?: number;
  /** Upper bound of the backoff. Default 30,000 ms. */
  readonly maxBackoffMs?: number;
  /**
   * Identity of an item: reported as `resume.lastId` (NDJSON) and used to drop items a server
   * replays after a reconnect. Without it, only SSE ids can resume.
   */
  readonly key?: (item: T) => string | number;
}

/** Options of {@link createStream}. */
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
  /** Reconnect policy; `false` turns reconnecting off. */
  readonly resume?: StreamResumeOptions<T> | false;
  /** Ring buffer size of `snapshot.items` (newest last); `Infinity` keeps everything. Default 10,000. */
  readonly maxItems?: number;
  /** `'skip'` (default): count, report in `lastMalformed`, go on. `'error'`: stop with `status: 'error'`. */
  readonly onMalformed?: 'skip' | 'error';
  /** Longest accepted line in UTF-8 bytes. Default 1 MiB. */
  readonly maxLineBytes?: number;
  /** Parsed-but-unpublished items at which reading pauses until the next frame. Default 20,000. */
  readonly highWaterMark?: number;
  /** Every published batch, in order, before the snapshot: e.g. append to a lazy list to keep history. */
  readonly onItems?: (items: readonly T[]) => void;

  // Environment (browser defaults).
  /** Publishes at most one snapshot per frame. Default: `requestAnimationFrame` with a timeout fallback. */
  readonly frameScheduler?: FrameScheduler;
  /** Backoff and teardown timers. */
  readonly timers?: Timers;
  /** Clock for rates and lag. Default `performance.now()`. */
  readonly now?: () => number;
}

/** {@link CreateStreamOptions} with every default applied. */
export interface ResolvedStreamOptions<T> {
  readonly request: (resume: StreamResume) => Response | Promise<Response>;
  readonly parser: StreamParserFactory<T>;
  readonly retries: number;
  readonly backoffMs: number | undefined;
  readonly maxBackoffMs: number;
  readonly key: ((item: T) => string | number) | undefined;
  readonly maxItems: number;
  readonly onMalformed: 'skip' | 'error';
  readonly maxLineBytes: number;
  readonly highWaterMark: number;
  readonly onItems: ((items: readonly T[]) => void) | undefined;
  readonly frameScheduler: FrameScheduler;
  readonly timers: Timers;
  readonly now: () => number;
}

const OWNER = 'createStream';

function parserFor<T>(format: StreamFormat<T>): StreamParserFactory<T> {
  if (typeof format === 'function') return format;
  if (format === 'ndjson') return parseNdjson;
  if (format === 'json-seq') return parseJsonSeq;
  if (format === 'sse') return parseSse;
  throw optionError(OWNER, 'format', "'ndjson', 'json-seq', 'sse' or a parser factory", format);
}

const defaultNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Validates `createStream` options and applies the defaults; throws a TypeError naming the option.
 *
 * @example
 * resolveStreamOptions({ url: '/api/stream' }).maxItems; // 10_000
 */
export function resolveStreamOptions<T>(options: CreateStreamOptions<T>): ResolvedStreamOptions<T> {
  assertObject(OWNER, 'options', options);
  const format = options.format ?? 'ndjson';
  const parser = parserFor(format);
  let request = options.request;
  if (request === undefined) {
    if (options.url === undefined)
      throw optionError(OWNER, 'request', 'a function (or give "url")', undefined);
    request = urlRequest(options.url, {
      lastEventIdHeader: format === 'sse',
      ...(options.resumeParam === undefined ? {} : { resumeParam: options.resumeParam }),
    });
  }
  assertFunction(OWNER, 'request', request);
  const resume: StreamResumeOptions<T> = options.resume === false ? { retries: 0 } : (options.resume ?? {});
  const retries = resume.retries ?? 5;
  assertNonNegativeInteger(OWNER, 'resume.retries', retries);
  if (resume.backoffMs !== undefined) assertPositiveNumber(OWNER, 'resume.backoffMs', resume.backoffMs);
  const maxBackoffMs = resume.maxBackoffMs ?? 30_000;
  assertPositiveNumber(OWNER, 'resume.maxBackoffMs', maxBackoffMs);
  if (resume.key !== undefined) assertFunction(OWNER, 'resume.key', resume.key);
  const maxItems = options.maxItems ?? 10_000;
  if (maxItems !== Number.POSITIVE_INFINITY && !(Number.isInteger(maxItems) && maxItems >= 1))
    throw optionError(OWNER, 'maxItems', 'a positive integer or Infinity', maxItems);
  const onMalformed = options.onMalformed ?? 'skip';
  if (onMalformed !== 'skip' && onMalformed !== 'error')
    throw optionError(OWNER, 'onMalformed', "'skip' or 'error'", onMalformed);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  assertPositiveNumber(OWNER, 'maxLineBytes', maxLineBytes);
  const highWaterMark = options.highWaterMark ?? 20_000;
  assertPositiveNumber(OWNER, 'highWaterMark', highWaterMark);
  if (options.onItems !== undefined) assertFunction(OWNER, 'onItems', options.onItems);
  return {
    request,
    parser,
    retries,
    backoffMs: resume.backoffMs,
    maxBackoffMs,
    key: resume.key,
    maxItems,
    onMalformed,
    maxLineBytes,
    highWaterMark,
    onItems: options.onItems,
    frameScheduler: options.frameScheduler ?? defaultFrameScheduler,
    timers: options.timers ?? defaultTimers,
    now: options.now ?? defaultNow,
  };
}
