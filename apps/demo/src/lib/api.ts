// Typed fetches of the mock server's endpoints. No React: the vanilla page uses them too.
import type { FeedPage, ItemsPage, MetricsRange } from '@lazyflow/mocks';
import { getJson } from './getJson.ts';

/** `GET /api/items`: items `[offset, offset + limit)` of a dataset of `total` items. */
export function fetchItems(params: {
  offset: number;
  limit: number;
  total: number;
  signal: AbortSignal;
}): Promise<ItemsPage> {
  const { offset, limit, total, signal } = params;
  return getJson(`/api/items?offset=${offset}&limit=${limit}&total=${total}`, signal);
}

/** `GET /api/feed`: one page of the two-way feed; no cursor starts at the oldest (forward) or newest (backward) end. */
export function fetchFeed(params: {
  cursor: string | number | null;
  direction: 'forward' | 'backward';
  limit: number;
  total: number;
  signal: AbortSignal;
}): Promise<FeedPage> {
  const { cursor, direction, limit, total, signal } = params;
  const at = cursor === null ? '' : `&cursor=${encodeURIComponent(String(cursor))}`;
  return getJson(`/api/feed?direction=${direction}&limit=${limit}&total=${total}${at}`, signal);
}

/** `GET /api/metrics`: one point every `step` ms in `[from, to)`. */
export function fetchMetrics(params: {
  from: number;
  to: number;
  step: number;
  signal: AbortSignal;
}): Promise<MetricsRange> {
  const { from, to, step, signal } = params;
  return getJson(`/api/metrics?from=${from}&to=${to}&step=${step}`, signal);
}
