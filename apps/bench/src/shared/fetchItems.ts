import type { ItemsPage } from '@lazyflow/mocks';

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
}): Promise<ItemsPage> {
  const { offset, limit, total, signal } = params;
  net.requests += 1;
  try {
    const res = await fetch(`/api/items?offset=${offset}&limit=${limit}&total=${total}`, { signal });
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
