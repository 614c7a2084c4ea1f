// What a panel's autoSource sends over the wire. The list's `stats.requests` counts page loads,
// and one HTTP request may serve several pages (eager loading, `pageSize: 'auto'` batches, a
// stream), so the panel counts the requests themselves, and the bytes they bring, through
// autoSource's `fetch` option.
import type { AutoSourceOptions } from '@lazyflow/core';

/** HTTP requests sent so far: JSON ones (probe, pages) and NDJSON stream connections. */
export interface RequestCounts {
  readonly json: number;
  readonly streams: number;
  /** Body bytes received over all of them (counted as they arrive, so a stream's grow live). */
  readonly bytes: number;
  /** What each request asked for, oldest first (the last {@link LOG_SIZE}): see {@link describeRequest}. */
  readonly log: readonly string[];
}

/** Requests a panel lists. */
const LOG_SIZE = 40;

/**
 * A request in a few words, from its URL, rows numbered from 1 as the panels number them
 * (decision 0039): `probe rows 1–100`, `rows 101–2,100`, `after cursor`, or `stream from row 101`.
 *
 * @example
 * describeRequest('/api/templates?dataset=huge&offset=0&limit=100', false); // 'probe rows 1–100'
 */
export function describeRequest(url: string, stream: boolean): string {
  const query = new URL(url, 'http://demo.invalid').searchParams;
  const offset = Number(query.get('offset') ?? Number.NaN);
  const limit = Number(query.get('limit') ?? Number.NaN);
  const n = (value: number) => value.toLocaleString('en');
  if (stream) return Number.isFinite(offset) ? `stream from row ${n(offset + 1)}` : 'stream';
  if (query.has('cursor')) return `after cursor${Number.isFinite(limit) ? `, ${n(limit)} items` : ''}`;
  if (Number.isFinite(offset) && Number.isFinite(limit)) {
    const range = `rows ${n(offset + 1)}–${n(offset + limit)}`;
    return offset === 0 && limit === 100 ? `probe ${range}` : range;
  }
  return query.toString() === '' ? 'everything' : query.toString();
}

type SourceFetch = NonNullable<AutoSourceOptions<unknown>['fetch']>;

const BYTES_NOTIFY_MS = 250;

/** A `fetch` for autoSource that counts what it sends, as an external store for React. */
export interface RequestCounter {
  readonly fetch: SourceFetch;
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => RequestCounts;
}

/**
 * A counting `fetch` plus `subscribe`/`getSnapshot` for `useSyncExternalStore`.
 *
 * @example
 * const counter = createRequestCounter();
 * const source = autoSource({ url, fetch: counter.fetch });
 */
export function createRequestCounter(): RequestCounter {
  let counts: RequestCounts = { json: 0, streams: 0, bytes: 0, log: [] };
  const listeners = new Set<() => void>();
  const publish = (next: RequestCounts) => {
    counts = next;
    for (const listener of listeners) listener();
  };
  // Bytes are told at most every BYTES_NOTIFY_MS: a stream's chunks arrive hundreds a second,
  // and a render of the panel (and of the under-the-hood panel) for each would slow the page.
  let pendingBytes = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pendingBytes === 0) return;
    const bytes = counts.bytes + pendingBytes;
    pendingBytes = 0;
    publish({ ...counts, bytes });
  };
  // The body passes through unchanged; each chunk adds its length to `bytes`.
  const counted = (response: Response): Response => {
    if (response.body === null) return response;
    const tally = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pendingBytes += chunk.byteLength;
        if (!scheduled) {
          scheduled = true;
          setTimeout(flush, BYTES_NOTIFY_MS);
        }
        controller.enqueue(chunk);
      },
      flush,
    });
    const { status, statusText, headers } = response;
    return new Response(response.body.pipeThrough(tally), { status, statusText, headers });
  };
  return {
    fetch: async (url, init) => {
      const stream = (init.headers.Accept ?? '').includes('application/x-ndjson');
      const log = [...counts.log, describeRequest(String(url), stream)].slice(-LOG_SIZE);
      publish(
        stream ? { ...counts, streams: counts.streams + 1, log } : { ...counts, json: counts.json + 1, log },
      );
      return counted(await globalThis.fetch(url, init));
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => counts,
  };
}
