// Typed fetches of the mock server's endpoints. No React: the vanilla page uses them too.
import type { FeedPage, ItemsPage } from '@lazyflow/mocks';
import { getJson } from './getJson.ts';
import { realisticItem } from './realisticItems.ts';

/**
 * `?churn=N[&seed=S]` on the URL the demo was opened with: the mock server inserts and deletes N
 * rows a second in `/api/items` while the pages read it (docs/mock-server.md, decision 0012).
 * Read once at start, before a page rewrites its own URL parameters.
 */
const CHURN = ((search: string) => {
  const params = new URLSearchParams(search);
  const churn = params.get('churn');
  if (churn === null || churn === '') return '';
  return `&churn=${encodeURIComponent(churn)}&seed=${encodeURIComponent(params.get('seed') ?? '1')}`;
})(typeof location === 'undefined' ? '' : location.search);

/** `GET /api/items`: items `[offset, offset + limit)` of a dataset of `total` items, in words a person would write. */
export async function fetchItems(params: {
  offset: number;
  limit: number;
  total: number;
  signal: AbortSignal;
  priority?: RequestPriority;
}): Promise<ItemsPage> {
  const { offset, limit, total, signal, priority } = params;
  const page = await getJson<ItemsPage>(
    `/api/items?offset=${offset}&limit=${limit}&total=${total}${CHURN}`,
    signal,
    priority,
  );
  return { ...page, items: page.items.map(realisticItem) };
}

/** `GET /api/feed`: one page of the two-way feed; no cursor starts at the oldest (forward) or newest (backward) end. */
export async function fetchFeed(params: {
  cursor: string | number | null;
  direction: 'forward' | 'backward';
  limit: number;
  total: number;
  signal: AbortSignal;
  priority?: RequestPriority;
}): Promise<FeedPage> {
  const { cursor, direction, limit, total, signal, priority } = params;
  const at = cursor === null ? '' : `&cursor=${encodeURIComponent(String(cursor))}`;
  const page = await getJson<FeedPage>(
    `/api/feed?direction=${direction}&limit=${limit}&total=${total}${at}`,
    signal,
    priority,
  );
  return { ...page, items: page.items.map(realisticItem) };
}
