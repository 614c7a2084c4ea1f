import { PageShapeError } from '../errors.ts';
import { assertFunction, assertObject, assertPositiveInteger, optionError } from '../options.ts';
import type { RetryOptions } from '../scheduler/backoffDelay.ts';
import { utf8Length } from '../stream/lineSplitter.ts';
import type { StreamResumeOptions } from '../stream/streamOptions.ts';
import { type AdoptResult, adoptable } from './adopt.ts';
import { chooseStrategy, type ProbeFacts, type StrategyChoice } from './chooseStrategy.ts';
import type { Cursor } from './cursor.ts';
import type { FetchPriority } from './fetchPriority.ts';
import type { PageSizingOptions } from './pageSizing.ts';

/**
 * Options for {@link autoSource}.
 *
 * @example
 * autoSource<Template>({ url: '/api/templates', eagerBelowBytes: 2_000_000, pageSize: 200 });
 */
export interface AutoSourceOptions<T> extends PageSizingOptions<T> {
  /** The dataset's endpoint; `offset`/`limit` (or `cursor`/`limit`) are added to its query. */
  url: string | URL;
  /** Below this many bytes the dataset is loaded in one request. Default 1,000,000. */
  eagerBelowBytes?: number;
  /** Above this many bytes (or when the size is unknown and there is no cursor) items are streamed. Default 100,000,000. */
  streamAboveBytes?: number;
  /** Items asked for by the probe request. Default 100. */
  probeSize?: number;
  /** Page size when paging: a number, or `'auto'` (about `targetPageBytes` per request). Default 'auto'. */
  pageSize?: number | 'auto';
  /** While streaming, reading pauses when this many items are loaded past the window's end. Default 5,000. */
  streamAhead?: number;
  /** Reconnect policy of the stream strategy (`createStream`'s `retry`). */
  streamRetry?: RetryOptions;
  /** @deprecated Use `streamRetry` (kept one release). */
  streamResume?: Pick<StreamResumeOptions<T>, 'retries' | 'backoffMs' | 'maxBackoffMs'>;
  /**
   * Sends the requests. Default `globalThis.fetch`. `priority` is `'high'` for pages on screen,
   * `'low'` for prefetch (absent for the probe).
   */
  fetch?: (
    url: URL,
    init: { signal: AbortSignal; headers: Record<string, string>; priority?: FetchPriority },
  ) => Promise<Response>;
}

/** {@link AutoSourceOptions} with defaults applied. */
export interface ResolvedAutoSourceOptions<T> extends PageSizingOptions<T> {
  readonly url: URL;
  readonly eagerBelowBytes: number;
  readonly streamAboveBytes: number;
  readonly probeSize: number;
  readonly pageSize: number | 'auto';
  readonly streamAhead: number;
  readonly streamResume: AutoSourceOptions<T>['streamResume'];
  readonly streamRetry: RetryOptions | undefined;
  readonly fetch: NonNullable<AutoSourceOptions<T>['fetch']>;
}

/** The probe's answer: the decision, and the items it brought (served again, not refetched). */
export interface AutoProbe<T> {
  readonly choice: StrategyChoice;
  readonly facts: ProbeFacts;
  readonly items: readonly T[];
  readonly nextCursor: Cursor | null;
}

/**
 * A source that picks its strategy from the server's first answer. Built by {@link autoSource}.
 *
 * @example
 * const source: AutoSource<Template> = autoSource({ url: '/api/templates' });
 */
export interface AutoSource<T> {
  readonly kind: 'auto';
  /** The probe's size: the unit speeds are converted with until the strategy is known. */
  readonly pageSize: number;
  readonly options: ResolvedAutoSourceOptions<T>;
  /** Sends the probe request and decides. */
  probe(signal: AbortSignal): Promise<AutoProbe<T>>;
  /** Takes a newer autoSource's `fetch` when it has the same URL and thresholds (see `adopt.ts`). */
  adopt?(next: unknown): AdoptResult;
}

const isCursor = (value: unknown): value is Cursor | null =>
  value === null || typeof value === 'string' || typeof value === 'number';

/** `url` with `params` set in its query string. */
export function withParams(url: URL, params: Record<string, string | number>): URL {
  const next = new URL(url);
  for (const [name, value] of Object.entries(params)) next.searchParams.set(name, String(value));
  return next;
}

/**
 * GETs `url` as JSON; a non-2xx answer throws an Error naming the URL, status and the server's
 * `error` field if any. Returns the parsed body and its size in bytes.
 */
export async function getJson(
  fetch: ResolvedAutoSourceOptions<unknown>['fetch'],
  url: URL,
  signal: AbortSignal,
  priority?: FetchPriority,
): Promise<{ body: unknown; bytes: number; headers: Headers }> {
  const response = await fetch(url, { signal, priority, headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) {
    let detail = '';
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && 'error' in parsed)
        detail = `: ${String(parsed.error)}`;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(
      `lazyflow: autoSource ${url.pathname}${url.search} answered HTTP ${response.status}${detail}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PageShapeError('autoSource', 0, 'response', 'JSON', text.slice(0, 80));
  }
  return { body, bytes: utf8Length(text), headers: response.headers };
}

/** Reads the facts out of a probe response; throws PageShapeError on anything else. */
function probeFacts(
  body: unknown,
  bytes: number,
  headers: Headers,
): { facts: ProbeFacts; items: readonly unknown[]; nextCursor: Cursor | null } {
  const header = headers.get('X-Total-Bytes');
  const totalBytes = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  if (Array.isArray(body)) {
    return {
      facts: { shape: 'array', items: body.length, bytes, total: body.length, totalBytes },
      items: body,
      nextCursor: null,
    };
  }
  const expected = 'an array, or { items: unknown[], total?: integer, nextCursor?: string | number | null }';
  if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items)) {
    throw new PageShapeError('autoSource', 0, 'probe response', expected, body);
  }
  const total = 'total' in body && body.total !== null ? body.total : undefined;
  if (total !== undefined && (typeof total !== 'number' || !Number.isInteger(total) || total < 0)) {
    throw new PageShapeError(
      'autoSource',
      0,
      'probe response',
      `${expected} with total an integer >= 0`,
      total,
    );
  }
  const cursor = 'nextCursor' in body ? body.nextCursor : undefined;
  if (cursor !== undefined && !isCursor(cursor)) {
    throw new PageShapeError('autoSource', 0, 'probe response', expected, cursor);
  }
  const shape = cursor !== undefined ? 'cursor' : total !== undefined ? 'offset' : 'unknown';
  return {
    facts: { shape, items: body.items.length, bytes, total, totalBytes },
    items: body.items,
    nextCursor: cursor ?? null,
  };
}

/**
 * A source that asks the server first and then loads the way the size calls for: a small
 * dataset (below `eagerBelowBytes`, 1 MB by default) in one request, a medium one page by page
 * (offset when the server answers `{ items, total }`, cursor when it answers `{ items,
 * nextCursor }`), a huge one (above `streamAboveBytes`) or one of unknown size as an NDJSON
 * stream (`Accept: application/x-ndjson`) appended as it arrives. The choice and the reason
 * show in `snapshot.stats.strategy` and `strategyReason`. See docs/auto-source.md for the
 * protocol.
 *
 * @example
 * const list = createLazyList<Template>({ key: ['templates'], source: autoSource({ url: '/api/templates' }) });
 * list.subscribe(() => console.log(list.getSnapshot().stats.strategyReason));
 */
export function autoSource<T>(options: AutoSourceOptions<T>): AutoSource<T> {
  if (process.env.NODE_ENV !== 'production') checkAutoSourceOptions(options);
  const {
    url,
    eagerBelowBytes = 1_000_000,
    streamAboveBytes = 100_000_000,
    probeSize = 100,
    pageSize = 'auto',
    streamAhead = 5_000,
    fetch = (target, init) => globalThis.fetch(target, init),
  } = options;
  const base = new URL(url, globalThis.location?.href ?? 'http://localhost/');
  const cell = { current: fetch };
  const resolved: ResolvedAutoSourceOptions<T> = {
    ...options,
    url: base,
    eagerBelowBytes,
    streamAboveBytes,
    probeSize,
    pageSize,
    streamAhead,
    streamResume: options.streamResume,
    streamRetry: options.streamRetry,
    // Through a cell: a list adopting a newer autoSource of the same URL calls its `fetch`.
    fetch: (target, init) => cell.current(target, init),
  };
  const source: AutoSource<T> = {
    kind: 'auto',
    pageSize: probeSize,
    options: resolved,
    async probe(signal) {
      const probeUrl = withParams(base, { offset: 0, limit: probeSize });
      const { body, bytes, headers } = await getJson(resolved.fetch, probeUrl, signal);
      const { facts, items, nextCursor } = probeFacts(body, bytes, headers);
      return { choice: chooseStrategy(facts, resolved), facts, items: items as readonly T[], nextCursor };
    },
  };
  const shape = JSON.stringify([
    'auto',
    base.href,
    eagerBelowBytes,
    streamAboveBytes,
    probeSize,
    pageSize,
    streamAhead,
  ]);
  return adoptable(source, shape, cell);
}

/**
 * Throws a TypeError naming the first bad option of `autoSource` (an option left out is checked
 * as its default). Development builds only (decision 0054).
 */
function checkAutoSourceOptions<T>(options: AutoSourceOptions<T>): void {
  assertObject('autoSource', 'options', options);
  const { url, eagerBelowBytes = 1_000_000, streamAboveBytes = 100_000_000, probeSize = 100 } = options;
  const { pageSize = 'auto', streamAhead = 5_000, fetch } = options;
  if (typeof url !== 'string' && !(url instanceof URL))
    throw optionError('autoSource', 'url', 'a string or URL', url);
  assertPositiveInteger('autoSource', 'eagerBelowBytes', eagerBelowBytes);
  assertPositiveInteger('autoSource', 'streamAboveBytes', streamAboveBytes);
  if (streamAboveBytes < eagerBelowBytes) {
    throw optionError(
      'autoSource',
      'streamAboveBytes',
      `a number >= eagerBelowBytes (${eagerBelowBytes})`,
      streamAboveBytes,
    );
  }
  assertPositiveInteger('autoSource', 'probeSize', probeSize);
  if (pageSize !== 'auto') assertPositiveInteger('autoSource', 'pageSize', pageSize);
  assertPositiveInteger('autoSource', 'streamAhead', streamAhead);
  if (fetch !== undefined) assertFunction('autoSource', 'fetch', fetch);
}
