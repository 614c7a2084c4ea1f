import type { PageRange } from './planWindow.ts';

/** A stored page as the eviction policy sees it. */
export interface EvictionCandidate {
  readonly page: number;
  readonly bytes: number;
  /** Monotonic "last used" stamp; lower = older. */
  readonly lastUsed: number;
}

/** Inputs to {@link chooseEvictions}. */
export interface ChooseEvictionsInput {
  readonly pages: readonly EvictionCandidate[];
  /** Pages that must never be evicted (the visible window), or null. */
  readonly protect: PageRange | null;
  readonly maxBytes: number;
  readonly maxPages: number;
}

/**
 * Pure eviction policy: while over `maxBytes` or `maxPages`, evict the page farthest from
 * the protected range, least recently used first among equals. Protected pages are never
 * chosen, so the result may still be over budget when the window alone exceeds it.
 *
 * @example
 * chooseEvictions({
 *   pages: [{ page: 0, bytes: 10, lastUsed: 1 }, { page: 9, bytes: 10, lastUsed: 2 }],
 *   protect: { first: 9, last: 9 }, maxBytes: 15, maxPages: 100,
 * }); // [0]
 */
export function chooseEvictions(input: ChooseEvictionsInput): number[] {
  const { pages, protect, maxBytes, maxPages } = input;
  let bytes = 0;
  for (const page of pages) bytes += page.bytes;
  let count = pages.length;
  if (bytes <= maxBytes && count <= maxPages) return [];

  const distance = (page: number): number => {
    if (protect === null) return 0;
    if (page < protect.first) return protect.first - page;
    if (page > protect.last) return page - protect.last;
    return -1;
  };
  const candidates = pages
    .map((page) => ({ page, distance: distance(page.page) }))
    .filter((entry) => entry.distance >= 0)
    .sort((a, b) => b.distance - a.distance || a.page.lastUsed - b.page.lastUsed);

  const evicted: number[] = [];
  for (const { page } of candidates) {
    if (bytes <= maxBytes && count <= maxPages) break;
    evicted.push(page.page);
    bytes -= page.bytes;
    count -= 1;
  }
  return evicted;
}
