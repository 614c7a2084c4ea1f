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

/** Where a feed stands: its two ends once a page loaded, its first page before that. */
export interface FeedEdges {
  readonly older: FeedEdge;
  readonly newer: FeedEdge;
  /**
   * Before any page loaded: the first page fetched (ordinal 0) when it is between attempts or
   * failed, so an empty feed says so instead of showing nothing; 'none' once a page loaded.
   */
  readonly first: FeedEdge;
}

/**
 * The state of a cursor feed's two ends from its snapshot's pages (keyed by ordinal: the first
 * page fetched is 0, older pages count down, newer ones up): the page just before the oldest
 * loaded one and the page just after the newest, when they failed or are being retried; and,
 * while no page has loaded, the first page's own retries or failure.
 *
 * @example
 * const { older, newer, first } = feedEdges(list.list.pages);
 * if (older.kind === 'failed') list.retry(older.page);
 */
export function feedEdges(pages: ReadonlyMap<number, EdgePage>): FeedEdges {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const [ordinal, page] of pages) {
    if (page.items === undefined) continue;
    lo = Math.min(lo, ordinal);
    hi = Math.max(hi, ordinal);
  }
  // Nothing loaded yet: no ends, only the first page (also the list's own error, said by ListError).
  if (lo > hi) return { older: NONE, newer: NONE, first: edgeOf(pages.get(0), 0) };
  return { older: edgeOf(pages.get(lo - 1), lo - 1), newer: edgeOf(pages.get(hi + 1), hi + 1), first: NONE };
}
