// How every bench page reaches the mock API (served from Node by apps/bench/mockApi.ts): URLs built
// by `apiUrl`, which adds the page's latency, and the counted `fetchItems` all list pages share.
import type { ItemsPage } from '@lazyflow/mocks';

/** Latency in ms the mock server adds to each request (±25% jitter); set from the page's `?latency=`. */
let latency = 0;

/** The latency requests ask the mock server for now. */
export function apiLatency(): number {
  return latency;
}

/** Sets the latency every later request asks the mock server for. */
export function setApiLatency(ms: number): void {
  latency = ms;
}

/**
 * `/api/<path>?<params>&latency=<the page's latency>`: the server is shared by every page, so each
 * request says its own latency instead of relying on a server-side default.
 *
 * @example
 * apiUrl('stream', { count: 10_000, rate: 0, format: 'ndjson' });
 */
export function apiUrl(path: string, params: Record<string, string | number>): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  query.set('latency', String(latency));
  return `/api/${path}?${query}`;
}

/** Network counters shared by every library's page: all of them fetch through {@link fetchItems}. */
export interface NetCounters {
  /** Requests started. */
  requests: number;
  /** Requests that ended with a body. */
  responses: number;
  /** Requests aborted by their signal (a page that left the window). */
  aborted: number;
  /** Response body bytes received. */
  bytes: number;
}

export const net: NetCounters = { requests: 0, responses: 0, aborted: 0, bytes: 0 };

/**
 * `GET /api/items`, counted. Every bench page, whatever its library, loads data through this one
 * function, so requests and bytes are measured the same way for all of them.
 *
 * @example
 * const { items, total } = await fetchItems({ offset: 0, limit: 100, total: 1_000_000 });
 */
export async function fetchItems(params: {
  offset: number;
  limit: number;
  total: number;
  signal?: AbortSignal;
  /** A library's `fetch` priority hint (lazyflow's `'high'` on screen, `'low'` prefetch); peers pass none. */
  priority?: RequestPriority;
}): Promise<ItemsPage> {
  const { offset, limit, total, signal, priority } = params;
  net.requests += 1;
  try {
    const res = await fetch(apiUrl('items', { offset, limit, total }), { signal, priority });
    const body = await res.arrayBuffer();
    net.bytes += body.byteLength;
    net.responses += 1;
    if (!res.ok) throw new Error(`/api/items answered HTTP ${res.status} at offset ${offset}`);
    return JSON.parse(new TextDecoder().decode(body)) as ItemsPage;
  } catch (error) {
    if (signal?.aborted) net.aborted += 1;
    throw error;
  }
}
