// Typed fetch of `/api/search`, and the totals the server reported. No React.
import type { Cursor } from '@lazyflow/core';
import type { SearchQuery, SearchResultsPage } from '@lazyflow/mocks';
import { getJson } from './getJson.ts';

/**
 * The text to send for a parsed query: its terms, then the word being typed, or a trailing
 * space when there is none, so the server reads the same terms and prefix.
 */
export function searchText(query: SearchQuery): string {
  return query.prefix === null ? `${query.terms.join(' ')} ` : [...query.terms, query.prefix].join(' ');
}

// The shared QueryClient keeps a query's visible pages after its list is gone, and serves them
// to the next list with that key without calling fetchPage: the total arrives with a page, so
// it is remembered here for as long, or a revisited query would show no "N results".
const TOTALS_KEPT = 200;
const totals = new Map<string, number>();

/** The total the server last reported for the query with this key, if any. */
export function knownSearchTotal(key: string): number | null {
  return totals.get(key) ?? null;
}

/**
 * `GET /api/search`: one page of results of `query` after (`forward`) or before (`backward`)
 * `cursor`, with the number of matches. `latency` asks the mock server to answer that much later.
 */
export async function fetchSearch(params: {
  query: SearchQuery;
  cursor: Cursor | null;
  direction: 'forward' | 'backward';
  limit: number;
  signal: AbortSignal;
  latency?: number | undefined;
}): Promise<SearchResultsPage> {
  const { query, cursor, direction, limit, signal, latency } = params;
  const search = new URLSearchParams({ q: searchText(query), direction, limit: String(limit) });
  if (cursor !== null) search.set('cursor', String(cursor));
  if (latency !== undefined) search.set('latency', String(latency));
  const page = await getJson<SearchResultsPage>(`/api/search?${search}`, signal);
  totals.delete(query.key); // re-inserted last: the map's order is the eviction order
  totals.set(query.key, page.total);
  if (totals.size > TOTALS_KEPT) totals.delete(totals.keys().next().value ?? '');
  return page;
}
