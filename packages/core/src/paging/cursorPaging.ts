import { type CursorSourceOptions, cursorSource as plainCursorSource } from '../sources/cursorSource.ts';
import type { CursorSource } from '../sources/source.ts';
import { CursorLayout } from './cursorLayout.ts';
import { withLayout } from './layoutFor.ts';

/**
 * A sequential source over a cursor API, walked in both directions from a starting point.
 * Page ordinals are relative to the first page (older pages get negative ordinals); the list
 * exposes `prependedCount` so a view can keep its anchor when older items are prepended.
 *
 * The source carries its paging ({@link CursorLayout}): lists over other sources do not bundle it.
 *
 * @example
 * const source = cursorSource<Message>({
 *   pageSize: 50,
 *   initialDirection: 'backward', // open at the newest messages
 *   fetchPage: ({ cursor, direction, limit, signal }) =>
 *     fetch(`/api/feed?cursor=${cursor ?? ''}&limit=${limit}&direction=${direction}`, { signal })
 *       .then((r) => r.json()),
 * });
 */
export function cursorSource<T>(options: CursorSourceOptions<T>): CursorSource<T> {
  return withLayout(plainCursorSource(options), (source) => new CursorLayout(source));
}
