import type { LazyListSnapshot } from '../list/LazyList.ts';
import type { PendingFetch } from './fakeServer.ts';

/** Pages `first…last` of an offset list, or null for none. */
interface PageRange {
  readonly first: number;
  readonly last: number;
}

const fresh = (snapshot: LazyListSnapshot<unknown>, page: number): boolean => {
  const state = snapshot.pages.get(page);
  return state !== undefined && state.items !== undefined && state.status === 'loaded' && !state.stale;
};

const sameState = (a: LazyListSnapshot<unknown>, b: LazyListSnapshot<unknown>, page: number): boolean => {
  const x = a.pages.get(page);
  const y = b.pages.get(page);
  return x?.status === y?.status && x?.stale === y?.stale && x?.items?.length === y?.items?.length;
};

/**
 * What a model test knows of decision 0037 (`list/refreshLanding.ts`): after `refresh()` of an
 * offset list without the moves watch, the refresh's answers are held until the zone's last
 * page shown stale answers or fails, then land together in one publish. The zone holds prefetched
 * pages, so that last answer may be a hidden page's and still replace the snapshot: once per
 * refresh, and only by landing answers the model sent since it. {@link landed} tells a step on a
 * hidden page that did exactly that from any other replacement (still a failure).
 *
 * @example
 * const landing = new RefreshLandingModel();
 * list.refresh();
 * landing.refreshed(server.all.length + 1); // the id of the refresh's first request
 * target.respond();
 * landing.answered(target);
 * if (landing.landed(before, after, target, visible, server.pending)) count('held answers landed');
 */
export class RefreshLandingModel {
  /** Whether the last refresh's answers may still land together. */
  #open = false;
  /** Requests with this id or above were asked in the refresh's generation. */
  #firstId = Number.POSITIVE_INFINITY;
  /** Pages whose answer of the refresh's generation the model sent. */
  readonly #answered = new Set<number>();

  /** `refresh()` of an offset list: requests from `firstId` on are its own. */
  refreshed(firstId: number): void {
    this.#open = true;
    this.#firstId = firstId;
    this.#answered.clear();
  }

  /** `invalidate()`: nothing is held (it keeps nothing stale). */
  closed(): void {
    this.#open = false;
    this.#answered.clear();
  }

  /** The model sent the answer of `fetch`. */
  answered(fetch: PendingFetch): void {
    if (this.#open && fetch.id >= this.#firstId && fetch.page !== undefined) this.#answered.add(fetch.page);
  }

  /**
   * Whether the step that settled `target` (a hidden page) replaced `before` by `after` with the
   * refresh's held answers, and nothing else shown: `target` is of the refresh, an answer the
   * model sent before this step went from not shown fresh to fresh, every visible page that changed
   * is such an answer and fresh now, and no page is still shown stale with its request in flight
   * and not failed (the landing waited for it). True closes the refresh: its answers land once.
   */
  landed(
    before: LazyListSnapshot<unknown>,
    after: LazyListSnapshot<unknown>,
    target: PendingFetch,
    visible: PageRange | null,
    pending: readonly PendingFetch[],
  ): boolean {
    if (!this.#open || target.id < this.#firstId) return false;
    const held = [...this.#answered].filter(
      (page) => page !== target.page && !fresh(before, page) && fresh(after, page),
    );
    if (held.length === 0) return false;
    if (visible !== null) {
      for (let page = visible.first; page <= visible.last; page++)
        if (!sameState(before, after, page) && !(this.#answered.has(page) && fresh(after, page)))
          return false;
    }
    // The landing waited for every page still shown stale that is asked and has not failed (a
    // request in flight is in the zone: the plan cancels the others).
    for (const fetch of pending) {
      const state = fetch.page === undefined ? undefined : after.pages.get(fetch.page);
      if (!fetch.signal.aborted && state?.stale === true && state.status !== 'error') return false;
    }
    this.closed();
    return true;
  }
}
