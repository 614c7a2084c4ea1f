import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageQueryKey } from '../scheduler/pageQuery.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

const FIVE_MINUTES = 5 * 60 * 1000;

/** A client whose queries get a browser's default gcTime (Node's default is Infinity). */
const browserClient = () => new QueryClient({ defaultOptions: { queries: { gcTime: FIVE_MINUTES } } });

/** An offset log that grows only by append; a page it fetches (a replay) holds -1s. */
function logList(key: string, queryClient: QueryClient, maxPages?: number): LazyList<number> {
  return createLazyList<number>({
    key: [key],
    queryClient,
    prefetch: 0,
    ...(maxPages === undefined ? {} : { memory: { maxPages } }),
    source: offsetSource({
      pageSize: 4,
      initialCount: 0,
      fetchPage: async ({ limit }) => ({ items: Array<number>(limit).fill(-1) }),
    }),
  });
}

const numbers = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

const lists: LazyList<number>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
  vi.useRealTimers();
});
function subscribed(list: LazyList<number>, listener: () => void = () => {}): LazyList<number> {
  lists.push(list);
  list.subscribe(listener);
  return list;
}

describe('appended pages in the QueryClient', () => {
  it('an appended page is kept past query-core’s 5 minutes while the list holds it (gcTime Infinity, as a fetched page)', async () => {
    vi.useFakeTimers();
    const client = browserClient();
    const list = subscribed(logList('appended-gc', client));
    list.setWindow({ start: 0, end: 6 });
    list.append(numbers(0, 6)); // page 0 whole, page 1 started
    const cache = client.getQueryCache();
    for (const page of [0, 1])
      expect(cache.find({ queryKey: pageQueryKey(['appended-gc'], page), exact: true })?.gcTime).toBe(
        Number.POSITIVE_INFINITY,
      );
    list.append([6]); // page 1 grows in the query it has
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES + 60_000);
    expect(client.getQueryData(pageQueryKey(['appended-gc'], 0))).toEqual({ items: [0, 1, 2, 3], total: 4 });
    expect(client.getQueryData(pageQueryKey(['appended-gc'], 1))).toEqual({ items: [4, 5, 6], total: 7 });
    // A list created on the key now (a remount) shows them without fetching.
    const again = subscribed(logList('appended-gc', client));
    expect(again.getSnapshot().count).toBe(7);
    expect(again.getSnapshot().getRange(0, 7).items).toEqual(numbers(0, 7));
  });

  it('an appended page enters the cache once, already kept: no 5-minute timer, no rebuild', () => {
    vi.useFakeTimers();
    const client = browserClient();
    const list = subscribed(logList('appended-once', client));
    list.setWindow({ start: 0, end: 6 });
    const events: string[] = [];
    client.getQueryCache().subscribe((event) => {
      if (event.type === 'added' || event.type === 'removed')
        events.push(`${event.type} ${event.query.queryKey.at(-1)}`);
    });
    list.append(numbers(0, 6)); // pages 0 and 1 are new
    list.append([6]); // page 1 grows in the query it has
    expect(events).toEqual(['added 0', 'added 1']); // before: added, removed, added again, for each
    expect(vi.getTimerCount()).toBe(0); // before: query-core's gc timer, set and cleared, per page
  });

  it('a query the app set before with a finite gcTime is kept too once the list appends into it', async () => {
    vi.useFakeTimers();
    const client = browserClient();
    const list = subscribed(logList('appended-app-set', client));
    list.setWindow({ start: 0, end: 4 });
    list.append([0, 1]);
    // The app writes the page itself (its own copy, 5-minute gcTime): the list shows it.
    client.removeQueries({ queryKey: pageQueryKey(['appended-app-set'], 0), exact: true });
    client.setQueryData(pageQueryKey(['appended-app-set'], 0), { items: [0, 1], total: 2 });
    list.append([2]);
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES + 60_000);
    expect(client.getQueryData(pageQueryKey(['appended-app-set'], 0))).toEqual({
      items: [0, 1, 2],
      total: 3,
    });
  });

  it('eviction still removes an appended page’s query', async () => {
    const client = browserClient();
    const list = subscribed(logList('appended-evict', client, 2));
    list.setWindow({ start: 0, end: 4 });
    list.append(numbers(0, 20)); // pages 0–4
    for (let page = 0; page <= 4; page++)
      expect(client.getQueryData(pageQueryKey(['appended-evict'], page))).toBeDefined();
    list.setWindow({ start: 16, end: 20 }); // maxPages 2: pages 3–4 stay, 0–2 go
    await vi.waitFor(() => expect(list.getSnapshot().stats.pagesInMemory).toBe(2));
    for (let page = 0; page <= 2; page++)
      expect(client.getQueryData(pageQueryKey(['appended-evict'], page))).toBeUndefined();
    expect(client.getQueryData(pageQueryKey(['appended-evict'], 4))).toEqual({
      items: numbers(16, 20),
      total: 20,
    });
  });
});

describe('snapshots published per append', () => {
  it('a list publishes one snapshot per append, across pages too, and a second list on the key shows the items', () => {
    const client = browserClient();
    let heard = 0;
    let otherHeard = 0;
    const list = subscribed(logList('append-publish', client), () => {
      heard += 1;
    });
    const other = subscribed(logList('append-publish', client), () => {
      otherHeard += 1;
    });
    list.setWindow({ start: 0, end: 10 });
    other.setWindow({ start: 0, end: 10 });
    // The second batch ends page 0, fills page 1 and starts page 2.
    for (const batch of [numbers(0, 3), numbers(3, 9), numbers(9, 10)]) {
      heard = 0;
      otherHeard = 0;
      list.append(batch);
      expect(heard).toBe(1);
      // The other list hears each page written into the QueryClient (one for each here but the second).
      expect(otherHeard).toBeGreaterThan(0);
      const end = batch[batch.length - 1] as number;
      expect(other.getSnapshot().count).toBe(end + 1);
      expect(other.getSnapshot().getRange(0, end + 1).items).toEqual(numbers(0, end + 1));
    }
  });
});
