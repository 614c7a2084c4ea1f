/**
 * What a library's page hands the harness: the one library-specific action of the scenarios
 * (going to a row) and how many rows it holds in JS. Everything else is measured through the DOM.
 */
export interface BenchHandle {
  /**
   * Goes to row `index` the way an app on this library would: `scrollToIndex` where the data
   * has random access; loading page after page from the start, then scrolling, where it
   * does not. Returns at once; the harness watches the DOM for the row.
   */
  jumpTo(index: number): void;
  /** Rows of data the page keeps in JS memory now. */
  heldRows(): number;
}

let current: BenchHandle | null = null;

/** Called by a page once its list is mounted. */
export function setBenchHandle(handle: BenchHandle | null): void {
  current = handle;
}

/** The mounted page's handle, or null before it mounted. */
export function getBenchHandle(): BenchHandle | null {
  return current;
}
