// A failed request in words a visitor understands (issue #20): what went wrong, what to do, and
// the raw message for whoever debugs it. The demo's fetches fail with getJson's message,
// "<url> answered HTTP <status>: <server's error>", or with the browser's own network errors.

/** A load error for people. */
export interface LoadErrorText {
  /** What went wrong, one sentence. */
  readonly summary: string;
  /** What to do about it, one sentence. */
  readonly advice: string;
  /** The HTTP status, when the server answered. */
  readonly status: number | null;
  /** The error's own message, for the curious. */
  readonly detail: string;
}

const messageOf = (error: unknown): string =>
  error instanceof Error
    ? error.message
    : typeof error === 'string'
      ? error
      : String(error ?? 'unknown error');

/**
 * Describes a page's or a list's error: the server's status in words, or a network failure, or
 * an answer of the wrong shape. Faults the demo injects (the fault panel, a page's own switch)
 * are named as such, with how to turn them off.
 *
 * @example
 * describeLoadError(new Error('/api/items?offset=0&limit=100 answered HTTP 500: injected server error (errorRate=1)'));
 * // { summary: 'The server failed with HTTP 500, injected by the fault panel.', advice: 'Set the error rate to 0 …', status: 500, … }
 */
export function describeLoadError(error: unknown): LoadErrorText {
  const detail = messageOf(error);
  // The fault panel's errors name their rate; a page's own switch (Templates' failing probe) names itself.
  const fromPanel = /\berrorRate=/.test(detail);
  const injected = /\binjected\b/i.test(detail);
  const cause = fromPanel ? 'injected by the fault panel' : 'injected on purpose by this page';
  const match = /\bHTTP (\d{3})\b/.exec(detail);
  const status = match ? Number(match[1]) : null;
  const retryLater = 'Try again with Retry; lazyflow already retried it with backoff.';
  const panelAdvice = fromPanel
    ? 'Set the error rate to 0 in the fault panel (or turn faults off), then press Retry.'
    : 'Turn that fault off, then press Retry.';
  if (status !== null && status >= 500) {
    return {
      summary: injected
        ? `The server failed with HTTP ${status}, ${cause}.`
        : `The server failed with HTTP ${status} (a problem on its side).`,
      advice: injected ? panelAdvice : retryLater,
      status,
      detail,
    };
  }
  if (status !== null && status >= 400) {
    return {
      summary: `The server refused the request with HTTP ${status}${injected ? `, ${cause}` : ''}.`,
      advice: injected ? panelAdvice : 'Retrying the same request is unlikely to help; reload the page.',
      status,
      detail,
    };
  }
  if (/must resolve to/.test(detail)) {
    return {
      summary: 'The server answered with data of an unexpected shape.',
      advice: 'Retrying will not fix the data; the details say which page and field.',
      status: null,
      detail,
    };
  }
  // Chromium, Firefox and Safari word a fetch that never got an answer differently.
  if (error instanceof TypeError && /failed to fetch|networkerror|load failed/i.test(detail)) {
    return {
      summary: 'The request did not reach the server (offline, or the connection dropped).',
      advice: 'Check the connection, then press Retry.',
      status: null,
      detail,
    };
  }
  return { summary: 'Loading failed.', advice: retryLater, status: null, detail };
}

/**
 * The rows a failed page covers, numbered as the Table numbers them (from 1): `7,501–7,600`.
 *
 * @example
 * pageRows(75, 100, 1_000_000); // '7,501–7,600'
 * pageRows(9_999, 100, 999_950); // '999,901–999,950' (the last page is short)
 */
export function pageRows(page: number, pageSize: number, count: number): string {
  const first = page * pageSize + 1;
  const last = Math.min((page + 1) * pageSize, Math.max(count, first));
  return `${first.toLocaleString('en')}–${last.toLocaleString('en')}`;
}

/**
 * What the first row of a page being retried says (decision 0025), rows numbered as
 * {@link pageRows} numbers them; the row adds the last failure's HTTP status beside it. `noun`
 * names the items in the page's own terms (`'videos'`, `'posts'`), `'rows'` by default.
 *
 * @example
 * describeRetry('7,501–7,600', 2, 4); // 'Retrying rows 7,501–7,600 — attempt 2 of 4'
 * describeRetry('1,201–1,300', 2, 4, 'videos'); // 'Retrying videos 1,201–1,300 — attempt 2 of 4'
 */
export function describeRetry(rows: string, attempt: number, attempts: number, noun = 'rows'): string {
  return `Retrying ${noun} ${rows} — attempt ${attempt} of ${attempts}`;
}
