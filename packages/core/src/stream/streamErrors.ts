/**
 * A line (NDJSON, SSE) or record (JSON text sequence) of a stream that could not be used:
 * broken JSON, or longer than `maxLineBytes`. Carries the 1-based line number within its
 * connection and a short excerpt, so the message points at the offending input.
 *
 * @example
 * const { lastMalformed } = stream.getSnapshot();
 * if (lastMalformed) console.warn(lastMalformed.line, lastMalformed.message);
 */
export class StreamParseError extends SyntaxError {
  override readonly name = 'StreamParseError';
  /** 1-based line (or record) number within the connection. */
  readonly line: number;
  /** Why the line was rejected. */
  readonly reason: 'invalid-json' | 'too-long' | 'truncated';
  /** The start of the offending text (at most 80 characters). */
  readonly excerpt: string;

  constructor(line: number, reason: StreamParseError['reason'], detail: string, text = '') {
    const excerpt = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    super(`lazyflow: stream line ${line} ${detail}${excerpt ? `: ${JSON.stringify(excerpt)}` : ''}`);
    this.line = line;
    this.reason = reason;
    this.excerpt = excerpt;
  }
}

/** The error for line (record) `line`, longer than `maxLineBytes`: one message for every parser. */
export function tooLongError(line: number, maxLineBytes: number): StreamParseError {
  return new StreamParseError(line, 'too-long', `is longer than maxLineBytes (${maxLineBytes})`);
}

/** The error for line (record) `line`, whose `text` threw `error` when parsed; `what` leads the detail. */
export function invalidJsonError(
  line: number,
  error: unknown,
  text: string,
  what = 'is not JSON',
): StreamParseError {
  const detail = error instanceof Error ? error.message : String(error);
  return new StreamParseError(line, 'invalid-json', `${what} (${detail})`, text);
}

/**
 * The server answered a stream request with a non-2xx status. 5xx (and 408/429) are retried
 * by `createStream`'s resume policy; other statuses are final.
 *
 * @example
 * const { status, error } = stream.getSnapshot();
 * if (status === 'error' && error instanceof StreamHttpError && error.status === 401) signIn();
 */
export class StreamHttpError extends Error {
  override readonly name = 'StreamHttpError';
  /** The HTTP status code. */
  readonly status: number;
  /** The request URL, when the response reported one. */
  readonly url: string;

  constructor(status: number, url: string) {
    super(`lazyflow: stream request ${url || '(request)'} answered HTTP ${status}`);
    this.status = status;
    this.url = url;
  }

  /** Whether a retry may succeed (server errors, timeouts, rate limits). */
  get retryable(): boolean {
    return retryableStatus(this.status);
  }
}

/**
 * Whether an HTTP status may answer differently when asked again: server errors, timeouts, rate
 * limits ({@link StreamHttpError.retryable}, and the stream log's reconnects).
 *
 * @example
 * retryableStatus(503); // true
 * retryableStatus(404); // false
 */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
