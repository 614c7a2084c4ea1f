import type { PageState } from '../store/pageState.ts';

/** What a {@link RefreshLanding} reads from its list and calls back. */
export interface RefreshLandingHost {
  /** The pages held in the store. */
  pages(): Iterable<PageState<unknown>>;
  inZone(page: number): boolean;
  /** Whether a fetch for the page is queued or running. */
  fetching(page: number): boolean;
  /** Lands the held answers together, in one publish. */
  commit(pages: ReadonlyMap<number, unknown>): void;
}

/**
 * A `refresh()`'s answers land together (decision 0037): an answer of the refresh is held while
 * another page of the window's zone is still shown stale and fetched, and all land in one publish
 * when the last one answers (or fails, or leaves the zone). So the view never shows a refreshed
 * page next to a stale one: with rows inserted at the head, the item read moves from page to page
 * and would be on neither in between (the place read showing other rows for a frame). With the
 * `moves` watch, the watch does this (and more) instead.
 *
 * @example
 * const landing = new RefreshLanding(host);
 * landing.reset(generation); // refresh()
 * if (landing.received(page, data, generation)) return; // held, or landed with the others
 */
export class RefreshLanding {
  readonly #host: RefreshLandingHost;
  /** The refresh whose answers are held (its generation), or -1. */
  #generation = -1;
  readonly #held = new Map<number, unknown>();
  #committing = false;

  constructor(host: RefreshLandingHost) {
    this.#host = host;
  }

  /** A refresh started (`generation`), or an invalidation (-1: nothing is held then). */
  reset(generation: number): void {
    this.#generation = generation;
    this.#held.clear();
  }

  /** Whether `page`'s answer is held (its page is not asked again meanwhile). */
  isHeld(page: number): boolean {
    return this.#held.has(page);
  }

  /**
   * A network answer for `page`, asked in `generation`. True when it was taken: held, or landed
   * with the others held; false when it lands alone as usual (not of the refresh, not a page of
   * items, or the refresh's last page is in already).
   */
  received(page: number, data: unknown, generation: number): boolean {
    if (this.#generation < 0 || generation !== this.#generation || !hasItems(data)) return false;
    if (this.#held.size === 0 && !this.#waiting(page)) {
      this.#generation = -1; // every other page of the zone is in: the refresh has landed
      return false;
    }
    this.#held.set(page, data);
    this.settle();
    return true;
  }

  /** Lands the held answers once no page of the zone waits for its own. Called after each replan and failure. */
  settle(): void {
    if (this.#held.size === 0 || this.#committing || this.#waiting(undefined)) return;
    const pages = new Map(this.#held);
    this.#held.clear();
    this.#generation = -1;
    this.#committing = true;
    try {
      this.#host.commit(pages);
    } finally {
      this.#committing = false;
    }
  }

  /** A local write: the held answers were asked before it (their pages are asked again). */
  dropHeld(): void {
    this.#held.clear();
  }

  /** Whether a page of the zone other than `except` is still shown stale and fetched. */
  #waiting(except: number | undefined): boolean {
    const host = this.#host;
    for (const state of host.pages()) {
      const page = state.index;
      if (page === except || this.#held.has(page) || !state.stale || state.items === undefined) continue;
      if (state.status !== 'error' && host.inZone(page) && host.fetching(page)) return true;
    }
    return false;
  }
}

function hasItems(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Array.isArray((data as { items?: unknown }).items);
}
