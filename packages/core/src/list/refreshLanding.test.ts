import { describe, expect, it } from 'vitest';
import type { PageState } from '../store/pageState.ts';
import { RefreshLanding } from './refreshLanding.ts';

/** A page shown stale (its old items on screen) or fresh. */
const page = (index: number, stale: boolean, status: PageState<unknown>['status'] = 'loaded') =>
  ({ index, status, items: ['old'], error: null, bytes: 1, generation: 0, stale }) as PageState<unknown>;

/** Pages 0–2 in the zone, each shown stale and fetched again, as right after `refresh()`. */
function refreshing() {
  const pages = new Map([0, 1, 2].map((index) => [index, page(index, true)]));
  const fetching = new Set([0, 1, 2]);
  const commits: number[][] = [];
  const landing = new RefreshLanding(
    {
      store: { values: () => pages.values() },
      inZone: (index) => index <= 2,
      scheduler: { has: (index) => fetching.has(index) },
    },
    (held) => commits.push([...held.keys()]),
  );
  landing.reset(1);
  /** The network answered `index` (its fetch is over). */
  const answer = (index: number, generation = 1) => {
    fetching.delete(index);
    return landing.received(index, { items: ['new'] }, generation);
  };
  return { landing, pages, fetching, commits, answer };
}

describe('RefreshLanding', () => {
  it("holds a refresh's answers until the zone's last stale page answers, then lands them together", () => {
    const { landing, commits, answer } = refreshing();
    expect(answer(1)).toBe(true);
    expect(landing.isHeld(1)).toBe(true);
    expect(answer(0)).toBe(true);
    expect(commits).toEqual([]); // page 2 still shows its old rows: nothing lands beside it
    expect(answer(2)).toBe(true);
    expect(commits).toEqual([[1, 0, 2]]);
    expect(landing.isHeld(1)).toBe(false);
  });

  it('lands the held answers when the page waited for fails or leaves the fetches', () => {
    const { landing, pages, fetching, commits, answer } = refreshing();
    answer(0);
    answer(1);
    pages.set(2, page(2, true, 'error')); // failed for good: keeps its stale rows, waits no more
    fetching.delete(2);
    landing.settle();
    expect(commits).toEqual([[0, 1]]);
  });

  it("leaves other answers alone: another generation's, an invalidation's, a page without items", () => {
    const { landing, commits, answer } = refreshing();
    expect(answer(0, 2)).toBe(false); // not of the refresh held
    expect(landing.received(1, { cursor: 'x' }, 1)).toBe(false); // not a page of items
    landing.reset(-1); // invalidate(): nothing is kept stale, nothing held
    expect(answer(1, -1)).toBe(false);
    expect(commits).toEqual([]);
  });

  it('a local write drops the held answers (asked before it): they are fetched again', () => {
    const { landing, commits, answer } = refreshing();
    answer(0);
    landing.dropHeld();
    expect(landing.isHeld(0)).toBe(false);
    answer(1);
    answer(2);
    expect(commits).toEqual([[1, 2]]);
  });
});
