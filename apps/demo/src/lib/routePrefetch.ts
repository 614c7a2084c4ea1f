// What the menu prefetches: when a link is hovered or focused, the first page of the list on
// that route loads in the background, the way an app warms the route the user is about to open.
// Same keys and sources as the pages, so the page's list finds the page in the app's
// QueryClient and shows it without a request.
import { createPrefetcher, type Prefetcher, type PrefetchListOptions } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { queryClient } from './queryClient.ts';
import { feedAtStart, feedKey, itemsKey, itemsSource } from './sources.ts';

/** TablePage opens at 1,000,000 rows; FeedPage's feed has 1,000,000 posts. */
const TABLE_TOTAL = 1_000_000;
const FEED_TOTAL = 1_000_000;

/** Each route's list as its page creates it, by path. Routes without a list prefetch nothing. */
const ROUTE_LISTS: Readonly<Record<string, () => PrefetchListOptions<Item>>> = {
  '/table': () => ({ key: itemsKey(TABLE_TOTAL), source: itemsSource(TABLE_TOTAL) }),
  '/feed': () => ({ key: feedKey(FEED_TOTAL), source: feedAtStart(FEED_TOTAL) }),
};

let prefetcher: Prefetcher | undefined;
const lists = new Map<string, PrefetchListOptions<Item>>();

/**
 * The demo's prefetcher, created on first use. It follows the default memory monitor (the
 * panel's "Simulate memory pressure" pauses it) and writes into the app's QueryClient (the one
 * `QueryClientProvider` gives every `useLazyList`).
 *
 * @example
 * demoPrefetcher().getSnapshot().loaded;
 */
export function demoPrefetcher(): Prefetcher {
  prefetcher ??= createPrefetcher({ concurrency: 2, queryClient });
  return prefetcher;
}

/**
 * Prefetches the first page of the list on `path` at high priority (the user is pointing at
 * it); returns whether that route has a list to prefetch.
 *
 * @example
 * prefetchRoute('/table'); // true: page 0 of the table loads in the background
 */
export function prefetchRoute(path: string): boolean {
  const build = ROUTE_LISTS[path];
  if (build === undefined) return false;
  let list = lists.get(path);
  if (list === undefined) {
    list = build();
    lists.set(path, list);
  }
  void demoPrefetcher().prefetchList({ ...list, priority: 'high' });
  return true;
}

/**
 * A menu's `onPointerOver` / `onFocus` handler (delegated from the `<nav>`): prefetches the
 * route of the in-app link the event came from.
 *
 * @example
 * <nav onPointerOver={prefetchLinkTarget} onFocus={prefetchLinkTarget}>…</nav>
 */
export function prefetchLinkTarget(event: { readonly target: EventTarget | null }): void {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (link instanceof HTMLAnchorElement && link.origin === window.location.origin)
    prefetchRoute(link.pathname);
}
