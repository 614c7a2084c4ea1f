import { describe, expect, it } from 'vitest';
import { type KeyedRow, keyedRows, staleKeyedLists } from '../testing/staleKeyedList.ts';

// The useMutation recipe (docs/items.md): an optimistic insert with the item's own key (a client
// id); the server stores the item, and a refetch that lands while the insert still waits beside
// stale rows (decisions 0041, 0048, 0052) already holds the server's copy. Issue #18 item 4: a
// snapshot never holds the same key twice. The server's row takes the insert's place (decision 0053).

const rows = keyedRows;
const setup = staleKeyedLists();
/** The server's copy of a row: `v` 5, so the tests can tell it from the optimistic one. */
const served = (ids: string[], copy: string) =>
  rows(...ids).map((row): KeyedRow => (row.id === copy ? { ...row, v: 5 } : row));

describe("a waiting insert whose item the refetch already holds (the server's copy)", () => {
  it('is confirmed: the server row shows once, nothing replayed; settled ok; rollback leaves it', async () => {
    const { list, server, answers, shown, violations, loadThenRefresh } = setup(
      ['s0', 's1', 's2', 's3', 's4'],
      false,
    );
    await loadThenRefresh(5, ['s0', 's1', 's2', 's3', 's4']);
    server.rows = served(['s0', 's1', 'n1', 's2', 's3', 's4'], 'n1'); // stored after s1
    const insert = list.insert(2, rows('n1')); // after s1 as shown, waiting
    expect(shown()).toEqual(['s0~', 's1~', 'n1', 's2~', 's3~', 's4~']);
    await answers.answerAll(20);
    expect(shown()).toEqual(['s0', 's1', 'n1.5', 's2', 's3', 's4']);
    expect(list.getSnapshot().count).toBe(6);
    expect(await insert.settled).toMatchObject({ ok: true });
    insert.rollback(); // the server's row is not the insert's: it stays
    expect(shown()).toEqual(['s0', 's1', 'n1.5', 's2', 's3', 's4']);
    expect(violations).toEqual([]);
  });

  it('stored elsewhere by the server: shown where the server put it, not next to the neighbour too', async () => {
    const { list, server, answers, shown, violations, loadThenRefresh } = setup(
      ['s0', 's1', 's2', 's3', 's4'],
      true,
    );
    await loadThenRefresh(5, ['s0', 's1', 's2', 's3', 's4']);
    server.rows = served(['n1', 's0', 's1', 's2', 's3', 's4'], 'n1');
    const insert = list.insert(4, rows('n1')); // after s3 as shown
    await answers.answerAll(20);
    expect(shown()).toEqual(['n1.5', 's0', 's1', 's2', 's3', 's4']);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(await insert.settled).toMatchObject({ ok: true });
    expect(violations).toEqual([]);
  });

  it('of several items, only those the server holds are confirmed; the others are placed as before', async () => {
    const { list, server, answers, shown, violations, loadThenRefresh } = setup(
      ['s0', 's1', 's2', 's3', 's4'],
      false,
    );
    await loadThenRefresh(5, ['s0', 's1', 's2', 's3', 's4']);
    server.rows = served(['n2', 's0', 's1', 's2', 's3', 's4'], 'n2');
    const insert = list.insert(2, rows('n1', 'n2')); // after s1
    await answers.answerAll(20);
    expect(shown()).toEqual(['n2.5', 's0', 's1', 'n1', 's2', 's3', 's4']);
    expect(await insert.settled).toMatchObject({ ok: true });
    insert.rollback(); // undoes n1 only: n2 is the server's
    expect(shown()).toEqual(['n2.5', 's0', 's1', 's2', 's3', 's4']);
    expect(violations).toEqual([]);
  });
});
