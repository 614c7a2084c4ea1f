// The row the user reads keeps its pixel when rows are inserted above it and rows have VARIED
// heights (issue #18 item 4, the demo's newest-first Feed at 390×844): measured sizes move with
// their items, so the rows between the insert and the item read, and the item read itself, keep
// the sizes they were measured with. Element and window scroll, 10,000 rows and 1,000,000 (scaled).
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { watchMoves } from '../list/datasetWatch.ts';
import { listWrites } from '../list/writeCommands.ts';
import { arraySource } from '../testing/arraySource.ts';
import { showKeyedRows } from '../testing/keyedRows.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';

afterEach(runCleanups);

interface Post {
  id: string;
}

/** A post's rendered height: 120–400 px, by its id (text of varied length). */
function heightOf(id: string): number {
  let hash = 7;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 9_973;
  return 120 + (hash % 15) * 20;
}

/**
 * A newest-first server of `total` posts whose head can grow, and a keyed list over it (with the
 * dataset-move watch when `moves`).
 */
function feed(total: number, moves = false) {
  const rows: Post[] = Array.from({ length: total }, (_, n) => ({ id: `p${total - n}` }));
  let newest = total;
  let paused = false;
  const held: (() => void)[] = [];
  const list = createLazyList<Post>({
    key: ['anchor-varied', total, Math.random()],
    queryClient: new QueryClient(),
    prefetch: 0,
    getItemKey: (post) => post.id,
    writes: listWrites,
    ...(moves ? { moves: watchMoves } : {}),
    source: arraySource(rows, {
      pageSize: 40,
      onFetch: () => (paused ? new Promise<void>((resolve) => held.push(resolve)) : undefined),
    }),
  });
  cleanups.push(() => list.destroy());
  return {
    list,
    /** `n` new posts at the head, on the server only. */
    arrive(n: number) {
      for (let i = 0; i < n; i++) rows.unshift({ id: `p${++newest}` });
    },
    pause() {
      paused = true;
    },
    /** Lets the answers held go: all at once, or one every two frames. */
    async release(oneByOne = false) {
      paused = false;
      while (held.length > 0) {
        if (!oneByOne) for (const resolve of held.splice(0)) resolve();
        else held.shift()?.();
        await frames(2);
      }
    },
    waiting: () => held.length,
  };
}

/** Mounts the list in a 600 px scrolling div, or in the page (a 300 px header above) with the window scrolling. */
function mountFeed(list: ReturnType<typeof feed>['list'], windowScroll: boolean) {
  const header = document.createElement('header');
  header.style.height = windowScroll ? '300px' : '0';
  const viewport = document.createElement('div');
  if (!windowScroll) Object.assign(viewport.style, { height: '600px', overflow: 'auto', width: '390px' });
  const container = document.createElement('div');
  container.style.position = 'relative';
  viewport.append(container);
  const footer = document.createElement('footer');
  footer.style.height = windowScroll ? '1000px' : '0';
  document.body.append(header, viewport, footer);
  const margin = () => container.getBoundingClientRect().top + window.scrollY;
  const view = createVirtualList({
    list,
    ...(windowScroll ? { useWindowScroll: true, scrollMargin: margin } : { scrollElement: viewport }),
    estimateSize: () => 150,
    overscan: 4,
  });
  const { top } = showKeyedRows(view, container, (id) => (id === '' ? 150 : heightOf(id)), [
    header,
    viewport,
    footer,
  ]);
  const indexOf = (id: string) => {
    for (const element of container.children)
      if (element.textContent === id) return Number((element as HTMLElement).dataset.index);
    return undefined;
  };
  const height = windowScroll ? window.innerHeight : 600;
  const viewTop = () => (windowScroll ? 0 : viewport.getBoundingClientRect().top);
  /** The ids of the rows whose top is in view, in order. */
  const inView = () =>
    [...container.children]
      .map((element) => ({
        id: element.textContent ?? '',
        y: element.getBoundingClientRect().top - viewTop(),
      }))
      .filter((row) => row.id !== '' && row.y >= 0 && row.y < height)
      .sort((a, b) => a.y - b.y)
      .map((row) => row.id);
  const scrollBy = (px: number) => {
    if (windowScroll) window.scrollTo({ top: margin() + px, behavior: 'instant' });
    else viewport.scrollTop += px;
  };
  return { view, top, indexOf, inView, scrollBy };
}

/**
 * Reads the tops of `ids` at the start of every animation frame (what the frame before painted)
 * until `stop()`, which reads them once more after `after` frames and returns every reading.
 */
function topsPerFrame(mounted: ReturnType<typeof mountFeed>, ids: readonly string[]) {
  const seen: Array<Array<number | undefined>> = [];
  let running = true;
  const read = () => {
    seen.push(ids.map((id) => mounted.top(id)));
    if (running) requestAnimationFrame(read);
  };
  requestAnimationFrame(read);
  return async (after: number) => {
    await frames(after);
    running = false;
    await frames(1);
    return seen;
  };
}

/** Mounts `total` posts and scrolls 300 px in: the top row is partly above the viewport. */
async function readingFeed(total: number, windowScroll: boolean, moves = false) {
  const server = feed(total, moves);
  const mounted = mountFeed(server.list, windowScroll);
  await vi.waitFor(() => expect(mounted.inView().length).toBeGreaterThan(1));
  await frames(3);
  mounted.scrollBy(300);
  await vi.waitFor(() => expect(mounted.indexOf(`p${total - 3}`)).toBeDefined());
  await frames(5);
  return { server, mounted };
}

/**
 * Runs `change` (rows put above the posts in view), waits until the first post's index grew by
 * `by`, and returns the posts' tops before and in every frame from the change on.
 */
async function topsAround(mounted: ReturnType<typeof mountFeed>, by: number, change: () => Promise<void>) {
  const ids = mounted.inView();
  const before = ids.map((id) => mounted.top(id));
  const index = mounted.indexOf(ids[0] ?? '') ?? Number.NaN;
  const stop = topsPerFrame(mounted, ids);
  await change();
  await vi.waitFor(() => expect(mounted.indexOf(ids[0] ?? '')).toBe(index + by));
  const seen = await stop(8);
  expect(seen.length).toBeGreaterThan(8);
  expect(before.length).toBeGreaterThan(0);
  return { before, seen };
}

/**
 * Seven times: 7 posts arrive on the server and `refresh()` runs; its answers are held, then let
 * go (one by one, two frames apart, when `apart`: by default with `moves`). Every post in view
 * keeps its pixel (±0 px) in every frame from the refresh on (before, during and after the answers
 * land); from round 6 the posts read are on the second page of 40.
 */
async function arriveSevenTimes(total: number, windowScroll: boolean, moves: boolean, apart = moves) {
  const { server, mounted } = await readingFeed(total, windowScroll, moves);
  for (const round of [1, 2, 3, 4, 5, 6, 7]) {
    const { before, seen } = await topsAround(mounted, 7, async () => {
      server.arrive(7);
      server.pause();
      server.list.refresh();
      await vi.waitFor(() => expect(server.waiting()).toBeGreaterThan(0));
      await frames(2);
      await server.release(apart);
    });
    for (const tops of seen) expect({ round, tops }).toEqual({ round, tops: before });
  }
}

const SCROLLS = [
  { scroll: 'element', windowScroll: false },
  { scroll: 'window', windowScroll: true },
];
const SIZES = [
  { total: 10_000, scaled: false },
  { total: 1_000_000, scaled: true },
];

describe.each(SCROLLS)(
  'varied row heights, $scroll scroll: rows put above leave the posts read in place',
  ({ windowScroll }) => {
    it.each(SIZES)(
      '$total rows (scaled: $scaled): posts arriving on the server, refresh(), seven times',
      async ({ total }) => {
        await arriveSevenTimes(total, windowScroll, false);
      },
    );

    // The answers of a refresh land together, with the dataset-move watch or without it
    // (decision 0037): landing one by one, in the frames between page 0 and page 1 the place read
    // showed page 0's new rows (the item read is on page 1 from round 6, on neither in between).
    it.each(SIZES)(
      '$total rows (scaled: $scaled): the same with moves: watchMoves, answers landing frames apart',
      async ({ total }) => {
        await arriveSevenTimes(total, windowScroll, true);
      },
    );

    it.each(SIZES)(
      '$total rows (scaled: $scaled): without the watch, answers landing frames apart',
      async ({ total }) => {
        await arriveSevenTimes(total, windowScroll, false, true);
      },
    );

    it.each(SIZES)('$total rows (scaled: $scaled): local insert() writes above', async ({ total }) => {
      const { server, mounted } = await readingFeed(total, windowScroll);
      const { before, seen } = await topsAround(mounted, 3, async () => {
        server.list.insert(0, [{ id: 'local-a' }, { id: 'local-b' }, { id: 'local-c' }]);
      });
      for (const tops of seen) expect(tops).toEqual(before);
    });
  },
);
