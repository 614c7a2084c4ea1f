// A virtual list as a chat in real Chromium: anchored at the end, history prepended above,
// messages appended below, over the MSW feed.

import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { frames } from '../testing/mountVirtualList.ts';
import {
  cleanups,
  feedList,
  type Item,
  item,
  loadedText,
  mount,
  runCleanups,
  title,
} from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

/**
 * A chat of 10,000 messages of varied heights shown at its newest, once the newest page and its
 * prefetched neighbour are in; older history then waits at a gate until `release()`: the prepend
 * lands on a known view however fast the mock answers.
 */
async function chatAtNewest() {
  let release: () => void = () => {};
  let held: Promise<void> | null = null;
  const list = feedList(10_000, { gate: () => held ?? Promise.resolve() });
  const mounted = mount({
    list,
    anchor: 'end',
    estimateSize: () => 40,
    text: title,
    rowSize: (row) => 30 + (row.position % 3) * 10,
  });
  await vi.waitFor(() => {
    const snapshot = mounted.view.getSnapshot();
    expect(snapshot.count).toBeGreaterThan(0);
    expect(loadedText(mounted, snapshot.count - 1)).toBe(item(9_999).title);
  });
  await frames(2);
  await vi.waitFor(() => expect(mounted.view.getSnapshot().list.stats.inFlight).toBe(0));
  held = new Promise((resolve) => {
    release = () => {
      held = null;
      resolve();
    };
  });
  return { mounted, release: () => release() };
}

/** Lets the held history through and waits until it is prepended. */
async function prependHistory(chat: Awaited<ReturnType<typeof chatAtNewest>>) {
  const prepended = chat.mounted.view.getSnapshot().list.prependedCount;
  chat.release();
  await vi.waitFor(
    () => expect(chat.mounted.view.getSnapshot().list.prependedCount).toBeGreaterThan(prepended),
    // Other browser test files (the million-line parse) share the CPU: a condition, not a timing.
    { timeout: 15_000 },
  );
}

describe('createVirtualList as a chat (anchor: "end")', () => {
  it('starts at the newest item, and loading older history keeps the visible message pixel-still', async () => {
    const chat = await chatAtNewest();
    const { mounted } = chat;
    await frames(2);
    const newest = mounted.view.getSnapshot().count - 1;
    const bottom = (mounted.position(newest) ?? 0) + (mounted.element(newest)?.offsetHeight ?? 0);
    expect(bottom).toBeCloseTo(600, 0);
    // Scroll to the top: the list asks for older pages, which wait at the gate.
    mounted.viewport.scrollTop = 0;
    await frames(2);
    const watched = mounted.visible()[1] ?? 0;
    const key = mounted.view.getSnapshot().rows.find((row) => row.index === watched)?.key ?? 0;
    const before = mounted.position(watched) ?? 0;
    await prependHistory(chat);
    await frames(2);
    const after = mounted.view.getSnapshot().rows.find((row) => row.key === key);
    expect(after?.index).toBeGreaterThan(watched);
    expect(mounted.position(after?.index ?? -1)).toBeCloseTo(before, 0);
  }, 30_000);

  it("scrollToIndex(0) ('auto', as Home does) keeps the first message where it landed when older history is prepended", async () => {
    // A held scroll-to once re-measured "as far as needed" from the place before the prepend:
    // the message, now below that place, went to the viewport's bottom edge (the demo's Chat, Home).
    const chat = await chatAtNewest();
    const { mounted } = chat;
    mounted.view.scrollToIndex(0);
    await frames(3);
    const first = mounted.view.getSnapshot().rows.find((row) => row.index === 0)?.key;
    expect(first).toBeDefined();
    expect(mounted.position(0)).toBeCloseTo(0, 0);
    await prependHistory(chat);
    await frames(3);
    const after = mounted.view.getSnapshot().rows.find((row) => row.key === first);
    expect(after?.index).toBeGreaterThan(0);
    expect(mounted.position(after?.index ?? -1)).toBeCloseTo(0, 0);
  }, 30_000);
});

describe('createVirtualList as a chat receiving messages', () => {
  it('follows appended messages at the end, counts them in newItems when away, and scrollToIndex(last) follows again', async () => {
    const list = createLazyList<Item>({
      key: [`chat-live-${Math.random()}`],
      source: cursorSource<Item>({
        pageSize: 30,
        initialDirection: 'backward',
        fetchPage: async ({ cursor, direction, limit, signal }) => {
          const query = `limit=${limit}&direction=${direction}&total=500${cursor === null ? '' : `&cursor=${cursor}`}`;
          return (await fetch(`/api/feed?${query}`, { signal })).json();
        },
      }),
    });
    cleanups.push(() => list.destroy());
    const mounted = mount({ list, anchor: 'end', estimateSize: () => 36, text: title });
    await vi.waitFor(() =>
      expect(loadedText(mounted, mounted.view.getSnapshot().count - 1)).toBe(item(499).title),
    );
    const message = (n: number): Item => ({ ...item(500 + n), title: `live ${n}` });
    expect(list.append([message(1)])).toBe(true);
    await frames(2);
    let last = mounted.view.getSnapshot().count - 1;
    expect(loadedText(mounted, last)).toBe('live 1');
    expect(mounted.position(last)).toBeCloseTo(600 - 36, 0);
    expect(mounted.view.getSnapshot().newItems).toBe(0);

    mounted.viewport.scrollTop -= 300;
    await frames(2);
    // By key: older history may be prepended meanwhile, which shifts indexes.
    const indexOfKey = (key: number) =>
      mounted.view.getSnapshot().rows.find((row) => row.key === key)?.index ?? -1;
    const watchedIndex = mounted.visible()[1] ?? 0;
    const watched = mounted.view.getSnapshot().rows.find((row) => row.index === watchedIndex)?.position ?? 0;
    const before = mounted.position(watchedIndex);
    list.append([message(2), message(3), message(4)]);
    await frames(2);
    expect(mounted.view.getSnapshot().newItems).toBe(3);
    expect(mounted.view.getSnapshot().atEnd).toBe(false);
    expect(mounted.position(indexOfKey(watched))).toBe(before);

    // Indexes are read after each step: older history may be prepended meanwhile.
    mounted.view.scrollToIndex(mounted.view.getSnapshot().count - 1);
    await frames(2);
    last = mounted.view.getSnapshot().count - 1;
    expect(mounted.visible().at(-1)).toBe(last);
    expect(loadedText(mounted, last)).toBe('live 4');
    expect(mounted.view.getSnapshot().newItems).toBe(0);
    list.append([message(5)]);
    await frames(2);
    last = mounted.view.getSnapshot().count - 1;
    expect(mounted.visible().at(-1)).toBe(last);
    expect(loadedText(mounted, last)).toBe('live 5');
  });
});
