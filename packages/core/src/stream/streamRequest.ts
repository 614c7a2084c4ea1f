/**
 * What `createStream` tells `request` about the connection it wants.
 *
 * @example
 * createStream<LogEvent>({
 *   request: ({ lastId, signal }: StreamResume) => fetch(`/api/stream?from=${lastId ?? 0}`, { signal }),
 * });
 */
export interface StreamResume {
  /**
   * Where to resume: the last SSE event id received, else `resume.key` of the last item;
   * `undefined` on the first connection (and after `restart()`).
   */
  readonly lastId: string | number | undefined;
  /** 0 for the first connection, then 1, 2, … for reconnects. */
  readonly attempt: number;
  /** Aborted by `close()`, `restart()` and the teardown after the last unsubscribe. */
  readonly signal: AbortSignal;
}

/**
 * Options for {@link urlRequest}.
 *
 * @example
 * const request = urlRequest('/api/events', { lastEventIdHeader: true, init: { credentials: 'include' } });
 */
export interface UrlRequestOptions {
  /** Query parameter set to `lastId` on reconnect (NDJSON / JSON-seq servers), e.g. `'from'`. */
  readonly resumeParam?: string;
  /** Sends `Last-Event-ID: lastId` on reconnect (SSE servers). */
  readonly lastEventIdHeader?: boolean;
  /** Extra request options. */
  readonly init?: RequestInit;
  /** Injectable fetch; default `globalThis.fetch` looked up at call time. */
  readonly fetch?: typeof globalThis.fetch;
}

// Any absolute base works: it is only used to edit the query of a relative URL.
const PLACEHOLDER_BASE = 'http://lazyflow.invalid';

function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url, PLACEHOLDER_BASE);
  parsed.searchParams.set(name, value);
  return parsed.origin === PLACEHOLDER_BASE
    ? `${parsed.pathname}${parsed.search}${parsed.hash}`
    : parsed.href;
}

/**
 * Where a {@link urlRequest} connection goes: the URL with the resume parameter and the headers
 * (also what the stream's parse Worker fetches for a `url`-only stream, issue #16 item 3).
 *
 * @example
 * urlTarget('/api/stream', { resumeParam: 'from' }, 41).url; // '/api/stream?from=41'
 */
export function urlTarget(
  url: string | URL,
  options: UrlRequestOptions,
  lastId: string | number | undefined,
): { url: string; headers: Headers } {
  let target = String(url);
  const headers = new Headers(options.init?.headers);
  if (lastId !== undefined) {
    if (options.resumeParam) target = withParam(target, options.resumeParam, String(lastId));
    if (options.lastEventIdHeader) headers.set('Last-Event-ID', String(lastId));
  }
  return { url: target, headers };
}

/**
 * Builds a `createStream` `request` function for a plain URL, resuming through a query
 * parameter and/or the `Last-Event-ID` header.
 *
 * @example
 * createStream({ request: urlRequest('/api/stream?format=ndjson', { resumeParam: 'from' }), resume: { key: (e) => e.seq } });
 */
export function urlRequest(
  url: string | URL,
  options: UrlRequestOptions = {},
): (resume: StreamResume) => Promise<Response> {
  return (resume) => {
    const fetchFn = options.fetch ?? globalThis.fetch;
    const { url: target, headers } = urlTarget(url, options, resume.lastId);
    return fetchFn(target, { ...options.init, headers, signal: resume.signal });
  };
}
