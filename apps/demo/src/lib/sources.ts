// The demo's lazyflow sources over the mock server. No React: the vanilla page uses them too.
import { type CursorSource, cursorSource, type OffsetSource, offsetSource } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { fetchFeed, fetchItems } from './api.ts';

/** The key of the Table page's list over `total` items (the menu prefetches under it too). */
export function itemsKey(total: number): readonly unknown[] {
  return ['demo-items', total];
}

/** The key of the Feed page's list over `total` posts (the menu prefetches under it too). */
export function feedKey(total: number): readonly unknown[] {
  return ['demo-feed', total];
}

/**
 * Random access into `/api/items` with `total` items. The count is known before any page (the
 * server is told it), so a list opened near the end never asks for pages past it.
 */
export function itemsSource(total: number, pageSize = 100): OffsetSource<Item> {
  return offsetSource<Item>({
    pageSize,
    initialCount: total,
    fetchPage: ({ offset, limit, signal }) => fetchItems({ offset, limit, total, signal }),
  });
}

/** The two-way cursor feed `/api/feed` with `total` items, opened at its oldest or newest end. */
export function feedSource(
  total: number,
  initialDirection: 'forward' | 'backward',
  pageSize = 40,
): CursorSource<Item> {
  return cursorSource<Item>({
    pageSize,
    initialDirection,
    fetchPage: ({ cursor, direction, limit, signal }) =>
      fetchFeed({ cursor, direction, limit, total, signal }),
  });
}
