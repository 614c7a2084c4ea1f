import { describe, expect, it } from 'vitest';
import { settle } from '../testing/modelHarness.ts';
import { keyedRows as rows, staleKeyedLists } from '../testing/staleKeyedList.ts';

// The mixed model's counterexample at seed 26 (issue #18 item 5), as a plain example:
//
//   pages of 3, s0..s7; the server puts x0 x1 at the top; refresh() (rows kept stale);
//   remove('s0') and insert(8, [n1 n2 n3]) below stale s7 both wait; page 0's answer lands
//   (x0 x1 s1: the remove replayed); insert(0, [n4 .. n7]); every page answered:
//   'index 11 shows n1, the model s6'.
//
// Who was wrong: the model. With four rows put at the top, s7 (own row 12, page 4) is past the
// window and its prefetch: no list holds its key, so the insert waits for the page at its own
// index (8, moved to 7 by the remove and to 11 by the insert above: decisions 0048, 0052) and goes
// there when that page lands, between s5 and s6. The user put it below s7; 0048 names this case
// (a neighbour whose page left the window; the index is the list's own, from before the refetch
// found x0 x1). The model read the snapshot after the replay, where page 4 was held: the replay
// itself wrote it (n2 n3 s6, pushed down from page 3), and the model took s7 for held.
// `insertBesideStale` now passes over a page at the neighbour's index that holds the insert's
// items across that index, the first above it (what the replay wrote). This test keeps the list's
// steps (it passed before the change: a guard).

const setup = staleKeyedLists();
const ids = Array.from({ length: 8 }, (_, i) => `s${i}`);

describe('a waiting insert whose neighbour left the window (mixed model seed 26)', () => {
  it('goes to its own index when that page lands, moved by the writes made since', async () => {
    const { list, answers, shown, violations, loadThenRefresh } = setup(ids, true);
    await loadThenRefresh(8, ['x0', 'x1', ...ids]);
    const remove = list.remove('s0'); // shown stale only: waits, hidden at once
    const insert = list.insert(8, rows('n1', 'n2', 'n3')); // below stale s7, the last row
    expect(remove.ok && insert.ok).toBe(true);
    expect(shown().slice(-4)).toEqual(['s7~', 'n1', 'n2', 'n3']);
    // The refetch's three answers land (pages asked with the row before, decision 0074); the
    // rows moved by two, so page 2 is asked again.
    for (const what of ['offset 0', 'offset 2', 'offset 5']) {
      answers.takeFor(what)?.respond();
      await settle();
    }
    // s0 removed, x0 x1 on top; the insert shown at its own index (8, moved to 7 by the remove):
    // s7 is on no page now.
    expect(shown()).toEqual(['x0', 'x1', 's1', 's2', 's3', 's4', '-', 'n1', 'n2', 'n3', '-', '-']);
    expect(answers.pending.map((entry) => entry.what)).toEqual(['offset 7']);
    expect(list.insert(0, rows('n4', 'n5', 'n6', 'n7')).ok).toBe(true);
    await answers.answerAll(20);
    // s7 is row 12 of the list's own rows (page 4), past the window [0, 8) and its page of
    // prefetch: the insert went to its own index, 11, below s5.
    expect(shown().slice(0, 15)).toEqual([
      ...['n4', 'n5', 'n6', 'n7', 'x0', 'x1', 's1', 's2', 's3', 's4', 's5'],
      ...['n1', 'n2', 'n3', 's6'],
    ]);
    expect(await insert.settled).toMatchObject({ ok: true });
    expect(list.getSnapshot().count).toBe(16);
    expect(violations).toEqual([]);
  });
});
