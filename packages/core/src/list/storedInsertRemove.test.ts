import { describe, expect, it } from 'vitest';
import { settle } from '../testing/modelHarness.ts';
import { type KeyedRow, keyedRows, staleKeyedLists } from '../testing/staleKeyedList.ts';

// The mixed model's counterexample at seed 2 (issue #18 items 2 and 5), as a plain example: the
// useMutation recipe inserts `n1` after `s1`, the server stores it where it was put (decision
// 0055), then the user removes `s1` (the server has not received that remove yet) and a page
// past them is fetched through the rope. The user of this 12-row list (13 on the server, minus
// the row they removed) expects `s0 n1 s2 … s11`: row 9 is `s9`, every row once. The list showed
// `… s7 s8 s8 s9 s10` (row 9 was `s8`, count 13): the look where the rope puts `n1` asked the
// offset just after `s0`, the server row before it once `s1` was cut, and found `s1` there, so
// the growth was left unexplained and page 3 landed by the offsets from before. The list was
// wrong, not the model: the server put `n1` after `s1`, which the user removed after the insert.

const setup = staleKeyedLists();
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
const rows = keyedRows;
/** `rows` with `n1`'s server copy (`v` 5, told from the optimistic one) at `at`. */
const withCopy = (at: number): KeyedRow[] =>
  rows(...ids(0, at), 'n1', ...ids(at, 12)).map((row) => (row.id === 'n1' ? { ...row, v: 5 } : row));

describe('an insert the server stored, then a remove beside it', () => {
  it('remove after the store: the page past them shows every row once, where the user put it', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 12), true);
    list.setWindow({ start: 0, end: 12 }); // every row in the window
    await settle();
    await answers.answerAll(20);
    expect(list.insert(2, rows('n1')).ok).toBe(true); // s0 s1 n1 s2 …: the user sees n1 third
    server.rows = withCopy(2); // the server stores it after s1, where the user put it
    server.version += 1;
    expect(list.remove('s1').ok).toBe(true); // s0 n1 s2 …; page 3 (rows 9..11) is asked again
    await settle();
    await answers.answerAll(20);
    await settle(); // the copy found: page 3 is asked again by the new offsets
    await answers.answerAll(20);
    // 12 rows: the server's 13 less s1, which it has not removed yet. Before the fix: index 9
    // showed s8 (s8 twice) and the count was 13.
    expect(shown()).toEqual(['s0', 'n1', ...ids(2, 12)]);
    expect(list.getSnapshot().count).toBe(12);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('remove before the insert: the server stores it after s0, the same rows', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 12), true);
    list.setWindow({ start: 0, end: 8 });
    await settle();
    await answers.answerAll(20);
    expect(list.remove('s1').ok).toBe(true); // s0 s2 s3 …
    expect(list.insert(1, rows('n1')).ok).toBe(true); // s0 n1 s2 …
    server.rows = withCopy(1); // stored after s0, s1 still on the server before it
    server.version += 1;
    list.setWindow({ start: 9, end: 12 }); // page 3, past them: fetched through the rope
    await settle();
    await answers.answerAll(20);
    expect(shown()).toEqual(['s0', 'n1', ...ids(2, 12)]);
    expect(list.getSnapshot().count).toBe(12);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(violations).toEqual([]);
  });
});
