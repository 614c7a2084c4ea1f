// Where a two-way cursor feed stands at each end (issue #20 item 4). A cursor list only knows a
// page's length once it has loaded, so a page that failed at an end has no rows to show its
// failure on: the feed draws it as a line at that end (above the oldest post when older posts
// failed, below the newest when newer ones did) with the error in words and a Retry.
import type { ItemState } from '@lazyflow/core';

/** The part of a list snapshot's page state that {@link feedEdges} reads. */
export interface EdgePage {
  readonly status: 'loading' | 'loaded' | 'error';
  readonly items: readonly unknown[] | undefined;
  readonly error: unknown;
  readonly retrying?: ItemState<never>;
}

/** One end of the feed: nothing to say, a page being retried, or a page that failed. */
export type FeedEdge =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'retrying';
      /** The page's ordinal, for `list.retry(page)`. */
      readonly page: number;
      readonly attempt: number;
      readonly attempts: number;
      readonly lastError: unknown;
    }
  | { readonly kind: 'failed'; readonly page: number; readonly error: unknown };

const NONE: FeedEdge = Object.freeze({ kind: 'none' });

function edgeOf(page: EdgePage | undefined, ordinal: number): FeedEdge {
  if (page === undefined || page.items !== undefined) return NONE;
  if (page.status === 'error') return { kind: 'failed', page: ordinal, error: page.error };
  const retrying = page.retrying;
  if (page.status === 'loading' && retrying?.status === 'loading' && retrying.attempt !== undefined) {
    return {
      kind: 'retrying',
      page: ordinal,
      attempt: retrying.attempt,
      attempts: retrying.attempts ?? retrying.attempt,
      lastError: retrying.lastError,
    };
  }
  return NONE;
}

/**
 * The state of a cursor feed's two ends from its snapshot's pages (keyed by ordinal: the first
 * page fetched is 0, older pages count down, newer ones up): the page just before the oldest
 * loaded one and the page just after the newest, when they failed or are being retried.
 *
 * @example
 * const { older, newer } = feedEdges(list.list.pages);
 * if (older.kind === 'failed') list.retry(older.page);
 */
export function feedEdges(pages: ReadonlyMap<number, EdgePage>): { older: FeedEdge; newer: FeedEdge } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const [ordinal, page] of pages) {
    if (page.items === undefined) continue;
    lo = Math.min(lo, ordinal);
    hi = Math.max(hi, ordinal);
  }
  // Nothing loaded yet: the first page's failure is the list's own error (ListError says it).
  if (lo > hi) return { older: NONE, newer: NONE };
  return { older: edgeOf(pages.get(lo - 1), lo - 1), newer: edgeOf(pages.get(hi + 1), hi + 1) };
}
