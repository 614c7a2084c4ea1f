// The demo's lazyflow sources over the mock server. No React: the vanilla page uses them too.
import { type CursorSource, cursorSource, type OffsetSource, offsetSource } from '@lazyflow/core';
import { encodeCursor, type Item } from '@lazyflow/mocks';
import { fetchFeed, fetchItems } from './api.ts';

/** The key of the Table page's list over `total` items (the menu prefetches under it too). */
export function itemsKey(total: number): readonly unknown[] {
  return ['demo-items', total];
}

/** The key of the Feed page's list over `total` posts (the menu prefetches under it too). */
export function feedKey(total: number): readonly unknown[] {
  return ['demo-feed', total, 'at', FEED_START];
}

/**
 * Random access into `/api/items` with `total` items. The count is known before any page (the
 * server is told it), so a list opened near the end never asks for pages past it.
 */
export function itemsSource(total: number, pageSize = 100): OffsetSource<Item> {
  return offsetSource<Item>({
    pageSize,
    initialCount: total,
    fetchPage: ({ offset, limit, signal, priority }) =>
      fetchItems({ offset, limit, total, signal, priority }),
  });
}

/** The two-way cursor feed `/api/feed` with `total` items, opened at its oldest or newest end. */
export function feedSource(
  total: number,
  initialDirection: 'forward' | 'backward',
  pageSize = 40,
  initialCursor: string | null = null,
): CursorSource<Item> {
  return cursorSource<Item>({
    pageSize,
    initialDirection,
    initialCursor,
    fetchPage: ({ cursor, direction, limit, signal, priority }) =>
      fetchFeed({ cursor, direction, limit, total, signal, priority }),
  });
}

/**
 * The post the Feed page opens at (its id; the page shows it as post 500,000, numbered from 1 as
 * every list of the demo numbers what it shows): the middle of its million, as a shared link would.
 */
export const FEED_START = 499_999;

/**
 * The Feed page's source: `total` posts opened at post {@link FEED_START}, older ones loading
 * above it and newer ones below. The cursor stands for one the server would put in a shared
 * link (the mock server's own encoding: clients treat cursors as opaque).
 */
export function feedAtStart(total: number): CursorSource<Item> {
  return feedSource(total, 'forward', 40, encodeCursor(FEED_START, total));
}
