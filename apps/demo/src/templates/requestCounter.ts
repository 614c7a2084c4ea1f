// What a panel's autoSource sends over the wire. The list's `stats.requests` counts page loads,
// and one HTTP request may serve several pages (eager loading, `pageSize: 'auto'` batches), so
// the panel counts the requests themselves through autoSource's `fetch` option.
import type { AutoSourceOptions } from '@lazyflow/core';

/** HTTP requests sent so far: JSON ones (probe, pages) and NDJSON stream connections. */
export interface RequestCounts {
  readonly json: number;
  readonly streams: number;
}

type SourceFetch = NonNullable<AutoSourceOptions<unknown>['fetch']>;

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
  let counts: RequestCounts = { json: 0, streams: 0 };
  const listeners = new Set<() => void>();
  return {
    fetch: (url, init) => {
      const stream = (init.headers.Accept ?? '').includes('application/x-ndjson');
      counts = stream ? { ...counts, streams: counts.streams + 1 } : { ...counts, json: counts.json + 1 };
      for (const listener of listeners) listener();
      return globalThis.fetch(url, init);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => counts,
  };
}
