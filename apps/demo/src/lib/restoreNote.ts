// The Table's proof of a warm reload (issue #20): once the rows in view first show, whether they
// came from IndexedDB and what that took.
import { formatCount } from './formatCount.ts';

/** What the list had done when the rows in view first showed. */
export interface FirstView {
  /** The first row in view, numbered from 1 as the Table shows it. */
  readonly row: number;
  /** Pages of the rows in view that came from IndexedDB (their rows are `stale` until revalidated). */
  readonly pagesFromCache: number;
  /** Network fetches started (`stats.requests`). */
  readonly requests: number;
}

/**
 * The note for a view that first showed rows read from IndexedDB, or null when none came from
 * there (a first visit, or a route change served from memory). Revalidating the rows in view
 * starts only after they show, so it is not counted: the note says so.
 *
 * @example
 * restoreNote({ row: 123_456, pagesFromCache: 1, requests: 0 });
 * // 'Restored from IndexedDB: row 123,456 on screen with 0 requests · 1 page read from IndexedDB, …'
 */
export function restoreNote(first: FirstView): string | null {
  if (first.pagesFromCache === 0) return null;
  return (
    `Restored from IndexedDB: row ${first.row.toLocaleString('en')} on screen with ` +
    `${formatCount(first.requests, 'request')} · ${formatCount(first.pagesFromCache, 'page')} read from IndexedDB, ` +
    'then the rows in view are revalidated in the background'
  );
}
