import type { PageState } from '../store/pageState.ts';

/** What a {@link RefreshLanding} reads of its list: the list's load loop itself (`PageFlow` passes `this`). */
export interface RefreshLandingHost {
  /** The pages held. */
  readonly store: { values(): Iterable<PageState<unknown>> };
  inZone(page: number): boolean;
  /** `has(page)`: a fetch for the page is queued or running. */
  readonly scheduler: { has(page: number): boolean };
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
 * const landing = new RefreshLanding(flow, (pages) => commitPages(flow, pages));
 * landing.reset(generation); // refresh()
 * if (landing.received(page, data, generation)) return; // held, or landed with the others
 */
export class RefreshLanding {
  readonly #host: RefreshLandingHost;
  readonly #commit: (pages: ReadonlyMap<number, unknown>) => void;
  /** The refresh whose answers are held (its generation), or -1. */
  #generation = -1;
  readonly #held = new Map<number, unknown>();

  /** `commit` lands the held answers together, in one publish. */
  constructor(host: RefreshLandingHost, commit: (pages: ReadonlyMap<number, unknown>) => void) {
    this.#host = host;
    this.#commit = commit;
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
   * with the others held (the last one); false when it lands as usual (not of the refresh, not a
   * page of items, or the refresh's last page with nothing held).
   */
  received(page: number, data: unknown, generation: number): boolean {
    const items = (data as { items?: unknown } | null)?.items;
    if (this.#generation < 0 || generation !== this.#generation || !Array.isArray(items)) return false;
    if (this.#held.size === 0 && !this.#waiting(page)) {
      this.#generation = -1; // every other page of the zone is in: it lands as usual, the refresh is over
      return false;
    }
    this.#held.set(page, data);
    this.settle();
    return true;
  }

  /**
   * Lands the held answers once no page of the zone waits for its own (the refresh is over then).
   * Called after each replan and failure; the commit's own replan finds nothing held.
   */
  settle(): void {
    if (this.#held.size === 0 || this.#waiting()) return;
    const pages = new Map(this.#held);
    this.#held.clear();
    this.#generation = -1;
    this.#commit(pages);
  }

  /** A local write: the held answers were asked before it (their pages are asked again). */
  dropHeld(): void {
    this.#held.clear();
  }

  /** Whether a page of the zone not held (nor `except`) is still shown stale and fetched. */
  #waiting(except?: number): boolean {
    const host = this.#host;
    for (const { index, stale, items, status } of host.store.values())
      if (
        stale &&
        items &&
        status !== 'error' &&
        index !== except &&
        !this.#held.has(index) &&
        host.inZone(index) &&
        host.scheduler.has(index)
      )
        return true;
    return false;
  }
}
