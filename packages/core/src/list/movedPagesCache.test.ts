import { describe, expect, it } from 'vitest';
import { cacheDatasetKey } from '../cache/cacheTier.ts';
import type { PageCache } from '../cache/pageCache.ts';
import { arraySource } from '../testing/arraySource.ts';
import { fakeCache } from '../testing/cachedList.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { type KeyedRow, keyedListsOnCache, keyedRows } from '../testing/staleKeyedList.ts';
import type { LazyList } from './LazyList.ts';

// Issue #18 item 2: an insert or remove moves every page after it. Pages the list knows leave the
// QueryClient and the persistent cache (dropMovedPages); pages only in the persistent cache (an
// earlier visit wrote them, or the list evicted them) sat there at their old offsets: the list,
// scrolling there, or a warm reload read them back, a row twice or one skipped.

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
/** A keyed list with the write engine over `server` on `cache`, its own QueryClient (a page load). */
const open = keyedListsOnCache('moved-pages-cache');
/** The ids of a page as the cache holds it. */
const cachedIds = (data: unknown) => (data as { items: KeyedRow[] } | undefined)?.items.map((row) => row.id);
/** Where those lists' pages are in the cache (their key, pages of 3). */
const DATASET = cacheDatasetKey(['moved-pages-cache'], arraySource([], { pageSize: 3 }));

/** The rows `list` shows (stale ones too, unmarked) with their index, `-` left out. */
const read = (list: LazyList<KeyedRow>) =>
  shownRows(list.getSnapshot()).flatMap((row, i) =>
    row === '-' ? [] : [[i, row.replace('~', '')] as const],
  );

/** What a write shows: the ids at each index once it is made. */
type Write = (list: LazyList<KeyedRow>, server: { rows: KeyedRow[] }) => string[];

/** An insert of `n1` at 4 the server stores too (the request went first: decision 0055 finds its copy). */
const insertStored: Write = (list, server) => {
  server.rows = [...keyedRows(...ids(0, 4)), ...keyedRows('n1'), ...keyedRows(...ids(4, 30))];
  expect(list.insert(4, keyedRows('n1')).ok).toBe(true);
  return server.rows.map((row) => row.id);
};

/** A remove of `s4` the server has not made yet (a server's remove is not told apart: 0055). */
const removeSent: Write = (list) => {
  expect(list.remove('s4').ok).toBe(true);
  return [...ids(0, 4), ...ids(5, 30)];
};

/** An earlier visit stored pages 4..6 (rows 12..20); this visit loads pages 0..1 and writes on page 1. */
async function visitThenWrite(cache: PageCache, write: Write) {
  useImmediateQueryNotifications();
  const server = { rows: keyedRows(...ids(0, 30)), version: 0 };
  const earlier = open(cache, server);
  earlier.list.setWindow({ start: 15, end: 18 }); // pages 4..6 with the prefetch
  await settle();
  await earlier.answers.answerAll(20);
  await settle();
  earlier.list.destroy();
  const { list, answers } = open(cache, server);
  list.setWindow({ start: 0, end: 3 }); // pages 0..1
  await settle();
  await answers.answerAll(20);
  const expected = write(list, server);
  return { list, answers, server, expected };
}

describe.each([
  ['an insert', insertStored],
  ['a remove', removeSent],
])('pages only in the persistent cache, after %s before them', (_, write) => {
  it.each([
    ['a cache with removeFrom', true],
    ['a cache without (the whole dataset leaves)', false],
  ])('are not read back at their old offsets by the list scrolling there, on %s', async (_, removeFrom) => {
    const cache = fakeCache({ removeFrom });
    const { list, expected } = await visitThenWrite(cache.cache, write);
    list.setWindow({ start: 15, end: 18 }); // the network is held: what it shows is the cache's
    await settle();
    const shown = read(list);
    expect(shown).toEqual(shown.map(([i]) => [i, expected[i]]));
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    // Pages before the write did not move: a cache with removeFrom keeps them.
    expect(cache.removed.includes(0)).toBe(!removeFrom);
  });

  it('are not read back by a warm reload (a new list on the same cache)', async () => {
    const cache = fakeCache({ removeFrom: true });
    const { server, expected } = await visitThenWrite(cache.cache, write);
    await settle();
    const reload = open(cache.cache, server);
    reload.list.setWindow({ start: 0, end: 30 });
    await settle();
    const shown = read(reload.list);
    expect(shown.length).toBeGreaterThanOrEqual(3); // page 0 at least, written again with the new count
    expect(shown).toEqual(shown.map(([i]) => [i, expected[i]]));
    expect(reload.list.getSnapshot().duplicateKeys).toEqual([]);
  });
});

describe('a cache lookup running when a write moves its page', () => {
  it('reads a miss: the page comes from the network, by the new offsets', async () => {
    // The cache has read its answer (the pages at their old offsets) and not yet returned it.
    const fake = fakeCache({ removeFrom: true });
    const { list, answers, server } = await visitThenWrite(fake.cache, () => []);
    const release = fake.holdAnswers();
    list.setWindow({ start: 15, end: 18 }); // pages 4..6 looked up, the cache holds the answer
    await settle();
    const expected = insertStored(list, server);
    release();
    await settle();
    await answers.answerAll(20);
    const shown = read(list);
    expect(shownRows(list.getSnapshot()).slice(15, 18)).toEqual(['s14', 's15', 's16']); // fresh: the network's
    expect(shown).toEqual(shown.map(([i]) => [i, expected[i]]));
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
  });
});

describe('a cache still removing the pages a write moved', () => {
  it('is not asked for them: they come from the network, by the new offsets', async () => {
    const fake = fakeCache({ removeFrom: true });
    const release = fake.holdRemovals();
    const { list, answers } = await visitThenWrite(fake.cache, removeSent);
    const reads = fake.reads.length;
    list.setWindow({ start: 15, end: 18 });
    await settle();
    expect(fake.reads.length).toBe(reads);
    await answers.answerAll(20);
    expect(shownRows(list.getSnapshot()).slice(15, 18)).toEqual(['s16', 's17', 's18']);
    release();
    await settle();
    // The earlier visit's pages (at old offsets) left; those written since, by the new offsets, stay.
    expect([4, 6].map((page) => cachedIds(fake.get(page, DATASET)))).toEqual([ids(13, 16), ids(19, 22)]);
  });

  it('keeps the pages the list wrote again by the new offsets meanwhile: a warm reload reads them', async () => {
    // removeFrom's contract: what the cache holds when asked leaves, a page written since stays.
    const fake = fakeCache({ removeFrom: true });
    const release = fake.holdRemovals();
    const { list, answers, server, expected } = await visitThenWrite(fake.cache, insertStored);
    list.setWindow({ start: 15, end: 18 }); // pages 4..6 from the network, written to the cache
    await settle();
    await answers.answerAll(20);
    release(); // the removal completes after those writes
    await settle();
    expect([4, 5, 6].map((page) => fake.has(page, DATASET))).toEqual([true, true, true]);
    const reload = open(fake.cache, server);
    reload.list.setWindow({ start: 0, end: 30 }); // the network is held: what it shows is the cache's
    await settle();
    const shown = read(reload.list);
    const pages4to6 = Array.from({ length: 9 }, (_, k) => [12 + k, expected[12 + k]]);
    expect(shown.filter(([i]) => i >= 12 && i < 21)).toEqual(pages4to6); // the cache's, by the new offsets
    expect(reload.list.getSnapshot().duplicateKeys).toEqual([]);
  });
});
