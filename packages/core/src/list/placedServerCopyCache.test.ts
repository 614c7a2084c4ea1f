import { describe, expect, it } from 'vitest';
import { fakeCache } from '../testing/cachedList.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { keyedListsOnCache, keyedRows } from '../testing/staleKeyedList.ts';

// Issue #18 item 1 of the session after decision 0055: a placed insert's server copy found on a
// page through the rope where the rope's offsets already counted it is cut from its old place,
// and every list drops and asks again the pages from there. Those pages left the QueryClient but
// not the persistent cache: the list itself read a prefetched one back from the cache (s22 twice),
// and a warm reload (a new list on the same cache) read them at their old offsets, a row twice
// next to a page fetched since.

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
/** A keyed list with the write engine over `server` on `cache`, its own QueryClient (a page load). */
const open = keyedListsOnCache('placed-copy-cache');

describe('pages moved by a placed insert’s server copy', () => {
  it('leave the persistent cache too: a warm reload shows no row twice, none skipped', async () => {
    useImmediateQueryNotifications();
    const cache = fakeCache({ removeFrom: true }); // without removeFrom the whole dataset leaves: read back less
    const server = { rows: keyedRows(...ids(0, 30)), version: 0 };
    const { list, answers } = open(cache.cache, server);
    list.setWindow({ start: 3, end: 9 }); // pages 0..3 with the prefetch
    await settle();
    await answers.answerAll(20);
    // The server stores n1 (the request went first), and the list reads its total: the rope's
    // offsets count the copy (at 20) from the insert on.
    server.rows = keyedRows(...ids(0, 20), 'n1', ...ids(20, 30));
    list.setWindow({ start: 24, end: 30 }); // pages 7..9
    await settle();
    await answers.answerAll(20);
    expect(list.insert(5, keyedRows('n1')).ok).toBe(true); // after s4, on page 1: placed
    // Page 7 holds the copy where the rope shows it too: cut from there, every page from 7 moves.
    list.setWindow({ start: 21, end: 24 });
    await settle();
    await answers.answerAll(20);
    const expected = [...ids(0, 5), 'n1', ...ids(5, 30)];
    expect(shownRows(list.getSnapshot()).slice(0, 24)).toEqual([
      ...expected.slice(0, 12),
      ...Array(9).fill('-'),
      ...expected.slice(21, 24),
    ]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(cache.removed).toContain(9); // moved, held by no list now: it leaves the cache too
    await settle();

    // A reload: a new list on the same cache; the network is held, what it shows is the cache's.
    const reload = open(cache.cache, server);
    reload.list.setWindow({ start: 0, end: 31 });
    await settle();
    const shown = shownRows(reload.list.getSnapshot()).map((row) => row.replace('~', ''));
    const read = shown.flatMap((row, i) => (row === '-' ? [] : [[i, row]]));
    expect(read.length).toBe(21); // pages 0..3, and 6..8 (fetched again after the cut)
    expect(read).toEqual(read.map(([i]) => [i, expected[i as number]]));
    expect(reload.list.getSnapshot().duplicateKeys).toEqual([]);
  });
});
