import { describe, expect, it } from 'vitest';
import { cacheDatasetKey } from '../cache/cacheTier.ts';
import { pageCache } from '../cache/ownPageCache.ts';
import type { PageCache } from '../cache/pageCache.ts';
import { arraySource } from '../testing/arraySource.ts';
import { fakeCache } from '../testing/cachedList.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { type KeyedRow, keyedListsOnCache, keyedRows } from '../testing/staleKeyedList.ts';
import type { LazyList } from './LazyList.ts';

// Issue #18 (what decision 0061 left): a write's moved pages leave the persistent cache, and the
// writing list looks none of them up until the cache removed them. A second list on the same key
// and cache in the tab (a list in another route, a <LazyList> beside a hook) shares the
// QueryClient's pages and hears the write (it drops the pages the write moved), but its own cache
// lookups were not told: one running read the pages at their old offsets, and one started while
// the cache was still removing them (an app's cache need not order reads after a removal) too.

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
const open = keyedListsOnCache('shared-cache-writes');
/** The ids of a page as the cache holds it. */
const cachedIds = (data: unknown) => (data as { items: KeyedRow[] } | undefined)?.items.map((row) => row.id);
/** Where those lists' pages are in the cache (their key, pages of 3). */
const DATASET = cacheDatasetKey(['shared-cache-writes'], arraySource([], { pageSize: 3 }));

/** The rows `list` shows with their index, `-` left out. */
const read = (list: LazyList<KeyedRow>) =>
  shownRows(list.getSnapshot()).flatMap((row, i) =>
    row === '-' ? [] : [[i, row.replace('~', '')] as const],
  );

/**
 * An earlier visit stored pages 4..6 (rows 12..20); now lists A and B on one QueryClient load
 * pages 0..1, B on `cacheB` (the same cache, or another wrapper of it).
 */
async function twoListsAfterAVisit(cache: PageCache, cacheB = cache) {
  useImmediateQueryNotifications();
  const server = { rows: keyedRows(...ids(0, 30)), version: 0 };
  const earlier = open(cache, server);
  earlier.list.setWindow({ start: 15, end: 18 });
  await settle();
  await earlier.answers.answerAll(20);
  await settle();
  earlier.list.destroy();
  const a = open(cache, server);
  const b = open(cacheB, server, a.queryClient);
  for (const { list, answers } of [a, b]) {
    list.setWindow({ start: 0, end: 3 });
    await settle();
    await answers.answerAll(20);
  }
  return { a, b, server };
}

describe('a second list on the same key and cache, when the first writes', () => {
  it('drops the answer of its lookup running for a moved page (a miss: the network brings it)', async () => {
    // The cache has read its answer (the pages at their old offsets) and not yet returned it.
    const fake = fakeCache({ removeFrom: true });
    const { a, b } = await twoListsAfterAVisit(fake.cache);
    const release = fake.holdAnswers();
    b.list.setWindow({ start: 15, end: 18 }); // B looks pages 4..6 up
    await settle();
    expect(a.list.remove('s4').ok).toBe(true);
    release();
    await settle();
    const expected = [...ids(0, 4), ...ids(5, 30)];
    const shown = read(b.list);
    expect(shown).toEqual(shown.map(([i]) => [i, expected[i]]));
    expect(b.list.getSnapshot().duplicateKeys).toEqual([]);
    await b.answers.answerAll(20);
    expect(shownRows(b.list.getSnapshot()).slice(15, 18)).toEqual(['s16', 's17', 's18']);
  });

  it.each([
    ['the wrapper A is on', (fake: ReturnType<typeof fakeCache>) => fake.cache],
    // A hook and a <LazyList> in two routes, each wrapping the app's cache (decision 0065, amended).
    ['another pageCache() of the app’s cache', (fake: ReturnType<typeof fakeCache>) => pageCache(fake.bare)],
  ])('does not look moved pages up while the cache is still removing them, B on %s', async (_, cacheOfB) => {
    const fake = fakeCache({ removeFrom: true });
    const release = fake.holdRemovals();
    const { a, b } = await twoListsAfterAVisit(fake.cache, cacheOfB(fake));
    expect(a.list.remove('s4').ok).toBe(true);
    const reads = fake.reads.length;
    b.list.setWindow({ start: 15, end: 18 });
    await settle();
    expect(fake.reads.slice(reads).flat()).toEqual([]); // pages 4..6 go to the network
    expect(read(b.list).filter(([i]) => i >= 12)).toEqual([]);
    await b.answers.answerAll(20);
    expect(shownRows(b.list.getSnapshot()).slice(15, 18)).toEqual(['s16', 's17', 's18']);
    release();
    await settle();
    expect(b.list.getSnapshot().duplicateKeys).toEqual([]);
    // The earlier visit's pages (at old offsets) left; those written since, by the new offsets, stay.
    expect([4, 6].map((page) => cachedIds(fake.get(page, DATASET)))).toEqual([ids(13, 16), ids(19, 22)]);
  });
});
