// Decision 0073: a view following the end sets the list's window as it lays out the items an
// append brought; that window is part of the append's one publish, not a second round of list
// listeners that lays the view out again.
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList, LazyListSnapshot } from '../list/LazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { frames, type MountedList, mountVirtualList } from '../testing/mountVirtualList.ts';

const ROW = 24;

function logList(key: string, queryClient: QueryClient): LazyList<number> {
  return createLazyList<number>({
    key: [key],
    queryClient,
    source: offsetSource({
      pageSize: 50,
      initialCount: 0,
      fetchPage: async () => {
        throw new Error('every page here was appended, none is fetched');
      },
    }),
  });
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});
function mounted(list: LazyList<number>): MountedList<number> {
  const view = mountVirtualList({ list, anchor: 'end', estimateSize: () => ROW, text: String });
  cleanups.push(() => {
    view.unmount();
    list.destroy();
  });
  return view;
}

/** What a list listener heard during one call: how often, and the snapshot it read last. */
function listenTo(list: LazyList<number>) {
  const heard = { calls: 0, last: null as LazyListSnapshot<number> | null };
  cleanups.push(
    list.subscribe(() => {
      heard.calls += 1;
      heard.last = list.getSnapshot();
    }),
  );
  return heard;
}

describe('one publish per append with a view following the end', () => {
  it('the list calls its listeners once, the view lays out once, and the snapshot heard has the moved window', async () => {
    const client = new QueryClient();
    const list = logList('append-publish-view', client);
    const view = mounted(list);
    const late = listenTo(list); // after the view: an app's own listener
    let viewCalls = 0;
    cleanups.push(view.view.subscribe(() => (viewCalls += 1)));
    // A second list on the key, shown in a view of its own, follows the appended items too.
    const other = logList('append-publish-view', client);
    const otherView = mounted(other);
    const setWindow = vi.spyOn(list, 'setWindow');
    await frames(2);
    let count = 0;
    // 30 rows fill the 600 px viewport past its end (24 px rows): each append moves the window.
    for (const size of [30, 30, 75, 1]) {
      late.calls = 0;
      viewCalls = 0;
      setWindow.mockClear();
      list.append(Array.from({ length: size }, (_, i) => count + i));
      count += size;
      expect(late.calls).toBe(1);
      expect(setWindow).toHaveBeenCalledTimes(1); // one layout of the view
      expect(viewCalls).toBe(1);
      expect(late.last).toBe(list.getSnapshot());
      expect(late.last?.count).toBe(count);
      expect(late.last?.window?.end).toBe(count);
      await frames(2);
      expect(view.visible().at(-1)).toBe(count - 1);
      expect(other.getSnapshot().count).toBe(count);
      expect(otherView.visible().at(-1)).toBe(count - 1);
      expect(otherView.element(count - 1)?.textContent).toBe(String(count - 1));
    }
  });

  it('a listener told before the view moved the window hears once more and reads the moved window', async () => {
    const list = logList('append-publish-early', new QueryClient());
    const early = listenTo(list); // before the view subscribes to the list
    const view = mounted(list);
    const late = listenTo(list);
    const setWindow = vi.spyOn(list, 'setWindow');
    await frames(2);
    let count = 0;
    for (const size of [40, 40]) {
      early.calls = 0;
      late.calls = 0;
      setWindow.mockClear();
      list.append(Array.from({ length: size }, (_, i) => count + i));
      count += size;
      expect(early.calls).toBe(2);
      expect(early.last).toBe(list.getSnapshot());
      expect(early.last?.window?.end).toBe(count);
      expect(late.calls).toBe(1);
      expect(setWindow).toHaveBeenCalledTimes(1);
      await frames(2);
      expect(view.visible().at(-1)).toBe(count - 1);
    }
  });
});
