import { afterEach, describe, expect, it, vi } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// Issue #20 item 4 / #15: on the demo's Feed (a two-way cursor list) a page that failed at an end
// stayed "attempt 2 of 4" for 15-30 s and more, far past its backoff. The retry of a page not on
// screen, due while the window was moving, took a slot and never ran: the attempt that had failed
// was still on the job, and the later start (decision 0032) took it for one already running.

interface Post {
  readonly id: number;
}

const TOTAL = 1_000;
const START = 500; // the feed opens at post #500, older posts above, newer below

/**
 * A feed of posts 0..999 by cursor (the id a page starts or ends at). `failing(from, direction)`
 * counts down: a request of that page fails while its count is above 0.
 */
function feed() {
  const failures = new Map<string, number>();
  const asked: string[] = [];
  const fetchPage = async ({ cursor, direction, limit }: CursorFetchParams) => {
    const at = Number(cursor ?? START);
    const name = `${direction} ${at}`;
    asked.push(name);
    const left = failures.get(name) ?? 0;
    if (left > 0) {
      failures.set(name, left - 1);
      throw new Error(`HTTP 500 (${name})`);
    }
    const from = direction === 'forward' ? at : Math.max(0, at - limit);
    const to = direction === 'forward' ? Math.min(TOTAL, at + limit) : at;
    const items: Post[] = [];
    for (let id = from; id < to; id++) items.push({ id });
    return { items, nextCursor: to >= TOTAL ? null : to, prevCursor: from <= 0 ? null : from };
  };
  return { fetchPage, asked, fail: (name: string, times: number) => failures.set(name, times) };
}

const track = subscribedLists();

afterEach(() => {
  vi.useRealTimers();
});

/** A two-way cursor list from post 500, pages of 10, 3 tries (backoff 50-100 ms then 100-200 ms, jitter 0). */
function feedList(server: ReturnType<typeof feed>, key: string): LazyList<Post> {
  return track(
    createLazyList<Post>({
      key: [key],
      source: cursorSource<Post>({ pageSize: 10, initialCursor: START, fetchPage: server.fetchPage }),
      prefetch: 1,
      retry: { attempts: 3, baseDelayMs: 100 },
      random: () => 0,
    }),
  );
}

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** Loads pages 0 and -1 (posts 490-509) with the window on page 0. */
async function opened(server: ReturnType<typeof feed>, key: string) {
  const list = feedList(server, key);
  list.setWindow({ start: 0, end: 10 });
  await tick();
  await tick(); // page 0 landed: its neighbours were planned
  return list;
}

/** Ids of the loaded posts, in list order. */
function loadedIds(list: LazyList<Post>): number[] {
  const snapshot = list.getSnapshot();
  const ids: number[] = [];
  for (let index = 0; index < snapshot.count; index++) {
    const state = snapshot.getItem(index);
    if (state.status === 'loaded') ids.push(state.item.id);
  }
  return ids;
}

function newest(list: LazyList<Post>): number {
  return loadedIds(list).at(-1) ?? -1;
}

describe('a cursor list retries the page past its end after the backoff, with nothing else happening', () => {
  it('the window still: the newer page fails once, then loads 50 ms later', async () => {
    vi.useFakeTimers();
    const server = feed();
    server.fail('forward 510', 1);
    const list = await opened(server, 'still');
    expect(server.asked.filter((name) => name === 'forward 510')).toHaveLength(1);
    expect(newest(list)).toBe(509);
    await tick(60);
    expect(server.asked.filter((name) => name === 'forward 510')).toHaveLength(2);
    expect(newest(list)).toBe(519);
  });

  it('the window moving when the retry is due: the newer page still loads, no other event needed', async () => {
    vi.useFakeTimers();
    const server = feed();
    server.fail('forward 510', 2);
    const list = feedList(server, 'moving');
    // A scroll towards the newest post: prefetch pages start after the frame (decision 0032).
    list.setWindow({ start: 0, end: 10, direction: 'forward', velocity: 50 });
    await tick();
    await tick();
    expect(server.asked).toContain('forward 510');
    // The window stays where the scroll left it, still "moving" (the last window it was sent).
    await tick(60); // attempt 2 is due (50 ms), fails
    await tick(300); // attempt 3 is due after 100 ms more, and answers
    expect(server.asked.filter((name) => name === 'forward 510')).toHaveLength(3);
    expect(newest(list)).toBe(519);
    expect(list.getSnapshot().stats.inFlight).toBe(0);
  });

  it('the window moving on during the backoff, then at rest: the page loads, nothing held', async () => {
    vi.useFakeTimers();
    const server = feed();
    server.fail('backward 500', 1);
    const list = feedList(server, 'moving-on');
    list.setWindow({ start: 0, end: 10, direction: 'backward', velocity: 50 });
    await tick();
    await tick();
    expect(server.asked.filter((name) => name === 'backward 500')).toHaveLength(1); // failed
    list.setWindow({ start: 1, end: 10, direction: 'backward', velocity: 40 });
    await tick(60); // attempt 2 is due (50 ms) while the window moves
    list.setWindow({ start: 1, end: 10, direction: 'backward', velocity: 0 }); // at rest
    await tick();
    await tick();
    expect(server.asked.filter((name) => name === 'backward 500')).toHaveLength(2);
    const ids = loadedIds(list);
    expect(ids).toEqual(expect.arrayContaining([490, 499, 500])); // the older page, above page 0
    expect(ids.every((id, at) => at === 0 || id === (ids[at - 1] ?? 0) + 1)).toBe(true);
    expect(list.getSnapshot().stats.inFlight).toBe(0);
  });
});
