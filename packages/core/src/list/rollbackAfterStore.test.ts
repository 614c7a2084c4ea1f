import { describe, expect, it } from 'vitest';
import { settle } from '../testing/modelHarness.ts';
import { type KeyedRow, keyedRows, staleKeyedLists } from '../testing/staleKeyedList.ts';

// The mixed model's counterexamples at seeds 15 and 20 (issue #18 items 2 and 5), as a plain
// example. The useMutation recipe inserts `n1` at the top, the server stores it there (decision
// 0055), the user removes `s0`, a page fetched through the rope finds the copy (`n1` becomes the
// server's row 0, every later offset moves by one), then the remove is rolled back (its request
// failed). The user had `n1 s0 s1 …` before the remove and expects it back. The list showed
// `s0 n1 s1 …`: the removed row kept the offset it had when removed (0), which the store moved to
// 1. The list was wrong, not the model (the model moves its offsets with the store).

const setup = staleKeyedLists();
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
/** `keyedRows` with `n1`'s server copy (`v` 5, told from the optimistic one) at `at`. */
const withCopy = (at: number): KeyedRow[] =>
  keyedRows(...ids(0, at), 'n1', ...ids(at, 12)).map((row) => (row.id === 'n1' ? { ...row, v: 5 } : row));

describe('a remove rolled back after the server stored an insert beside it', () => {
  for (const at of [0, 2]) {
    it(`goes back where it was, after the insert stored at ${at}`, async () => {
      const { list, server, answers, shown, violations } = setup(ids(0, 12), true);
      list.setWindow({ start: 0, end: 6 });
      await settle();
      await answers.answerAll(20);
      expect(list.insert(at, keyedRows('n1')).ok).toBe(true); // the user sees n1 at row `at`
      server.rows = withCopy(at); // the server stores it where the user put it
      server.version += 1;
      const removed = `s${at}`; // the row just below n1
      const remove = list.remove(removed);
      if (!remove.ok) throw remove.error;
      list.setWindow({ start: 6, end: 12 }); // a page past them, fetched through the rope
      await settle();
      await answers.answerAll(20);
      await settle(); // the copy found: the page is asked again by the new offsets
      await answers.answerAll(20);
      list.setWindow({ start: 0, end: 6 });
      await settle();
      await answers.answerAll(20);
      remove.rollback(); // the remove's request failed
      await settle();
      await answers.answerAll(20);
      // Before the fix (at 0): s0 n1 s1 …, the row above the insert the user had put above it.
      expect(shown().slice(0, 6)).toEqual([...ids(0, at), 'n1', ...ids(at, 12)].slice(0, 6));
      expect(list.getSnapshot().count).toBe(13);
      expect(list.getSnapshot().duplicateKeys).toEqual([]);
      expect(violations).toEqual([]);
    });
  }
});
