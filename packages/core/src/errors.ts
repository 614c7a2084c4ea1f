import { describeValue } from './options.ts';

/**
 * The error a page gets when a source's fetch function resolved with the wrong shape.
 * It names the source, the page and what was expected.
 *
 * @example
 * const state = list.getSnapshot().getItem(0);
 * if (state.status === 'error' && state.error instanceof PageShapeError) console.warn(state.error.message);
 */
export class PageShapeError extends TypeError {
  override readonly name = 'PageShapeError';
  /** The page (or bucket) whose response was malformed. */
  readonly page: number;

  constructor(source: string, page: number, where: string, expected: string, got: unknown) {
    super(
      `lazyflow: ${source} ${where} for page ${page} must resolve to ${expected}, got ${describeValue(got)}`,
    );
    this.page = page;
  }
}

/**
 * The error a page gets when its request ran longer than the list's `timeoutMs`: the request is
 * aborted and, while attempts remain, retried after a backoff like any failure.
 *
 * @example
 * const state = list.getSnapshot().getItem(0);
 * if (state.status === 'error' && state.error instanceof PageTimeoutError) showSlowNetworkHint();
 */
export class PageTimeoutError extends Error {
  override readonly name = 'PageTimeoutError';
  /** The page (or bucket) whose request timed out. */
  readonly page: number;
  readonly timeoutMs: number;

  constructor(page: number, timeoutMs: number) {
    super(
      `lazyflow: page ${page} did not answer within ${timeoutMs} ms (timeoutMs); the request was aborted`,
    );
    this.page = page;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A page fetch's rejection as the page's error: a fetch rejected with no reason (`reject()`,
 * `reject(null)`) becomes an Error naming the page, so the page, `lastError` and an error
 * boundary never get `undefined`. Used by the list's fetches and by the prefetch of its pages.
 *
 * @example
 * promise.catch((error) => { throw pageRejection(3, error); });
 */
export function pageRejection(page: number, error: unknown): unknown {
  return error ?? new Error(`lazyflow: the fetch for page ${page} rejected without a reason (${error})`);
}

/**
 * Whether `error` is an abort (from an AbortSignal or a cancelled query) rather than a failure.
 *
 * @example
 * if (isAbortError(error)) return; // the page left the window, nothing to report
 */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    (error.name === 'AbortError' || error.name === 'CancelledError')
  );
}
