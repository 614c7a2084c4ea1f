import { describe, expect, it, vi } from 'vitest';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle } from '../testing/modelHarness.ts';
import { type IdRow, movingIdLists, shownIds } from '../testing/movingIdList.ts';

// The moving model failed at seed 35 (issue #18 items 4 and 5): 'pages 0,1,2,3 are no one
// version'. The server sends no `version` and keeps its `total` (each delete comes with an insert
// elsewhere), so the list sees moves by keys and by the row before each page (decisions 0012 and
// 0074). A page's keys overlapped its neighbour's: a move, the pages around the window refetched.
// While that refetch was on its way the server moved again, and a refetched page came back with a
// key its held neighbour also had, and a row before it that was not the row held there. Keys that
// overlap again in a refetch for keys were taken as the data's own duplicates (0012: 'one
// refetch, never a loop'), and the row before was not even looked at: the pages landed, two
// versions side by side, and the user saw a row twice ('r9 r9' below) and never the row the
// server had put at the end. The list was wrong, not the model: the server has no duplicate
// keys, and a row before a page that is not the row held there is a move in every case (0074).
// Such a page now starts the refetch over (decision 0080).

/** Rows `r0..r14` by pages of 5, no version, the total sent. */
class Server extends HeldAnswers {
  rows = Array.from({ length: 15 }, (_, i) => `r${i}`);
  fetchPage = ({ offset, limit, signal }: { offset: number; limit: number; signal: AbortSignal }) =>
    this.hold(
      signal,
      () => ({
        items: this.rows.slice(offset, offset + limit).map((id): IdRow => ({ id })),
        total: this.rows.length,
      }),
      `offset ${offset}`,
    );
}

const movingList = movingIdLists();

describe('the server moves again while a refetch for overlapping keys is on its way (moving model seed 35)', () => {
  it('a refetched page whose row before is not the row held there starts the refetch over', async () => {
    const server = new Server();
    const list = movingList(['moved-again-during-keys-refetch'], server.fetchPage);
    list.setWindow({ start: 0, end: 15 }); // pages 0, 1 and 2
    await settle();
    server.takeFor('offset 0')?.respond(); // r0..r4
    server.takeFor('offset 4')?.respond(); // (r4) r5..r9
    await settle();
    // The server puts n0 at the top and deletes r14: the total stays 15.
    server.rows = ['n0', ...server.rows.slice(0, 14)];
    server.takeFor('offset 9')?.respond(); // (r8) r9..r13: r9 is held on page 1, a move for keys
    await settle();
    expect(list.getSnapshot().moves).toMatchObject({ count: 1, reason: 'keys', refetching: true });
    // Before pages 0 and 1 answer, the server deletes n0 and puts n1 at the end.
    server.rows = [...server.rows.slice(1), 'n1'];
    // Page 1 at the new rows: (r4) r5..r9. r9 is also on page 2's held answer, whose row before
    // (r8, index 9) is not page 1's last row (r9): the rows do not meet, so this is no duplicate.
    server.takeFor('offset 4')?.respond();
    await settle();
    // Before: taken as the data's duplicates, no second move.
    expect(list.getSnapshot().moves).toMatchObject({ count: 2, reason: 'keys', refetching: true });
    await server.answerAll();
    // The user expects the server's rows, each once. Before: 'r0 .. r9 r9 r10 r11 r12 r13'.
    expect(shownIds(list, 0, 15)).toEqual([...server.rows]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(list.getSnapshot().moves).toMatchObject({ count: 2, refetching: false });
  });

  it('keys twice in the data, the rows meeting, still land after one refetch (a guard: no loop)', async () => {
    const server = new Server();
    // The API sends r9 again at the top of page 2, every time (asked from offset 9 with r8).
    const fetchPage = async (params: { offset: number; limit: number; signal: AbortSignal }) => {
      const page = await server.fetchPage(params);
      const [before, , ...rest] = page.items;
      return params.offset === 9 && before !== undefined
        ? { ...page, items: [before, { id: 'r9' }, ...rest] }
        : page;
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const list = movingList(['moved-again-during-keys-refetch', 'duplicates'], fetchPage);
      list.setWindow({ start: 0, end: 15 });
      await settle();
      server.takeFor('offset 0')?.respond();
      server.takeFor('offset 4')?.respond();
      await settle();
      server.takeFor('offset 9')?.respond(); // (r8) r9 r11..r14: r9 held on page 1, a move
      await settle();
      expect(list.getSnapshot().moves).toMatchObject({ count: 1, reason: 'keys' });
      expect(await server.answerAll()).toBe(true);
      const snapshot = list.getSnapshot();
      expect(snapshot.moves).toMatchObject({ count: 1, refetching: false });
      expect(snapshot.duplicateKeys).toEqual([{ key: 'r9', indexes: [9, 10] }]);
      expect(server.pending).toHaveLength(0);
    } finally {
      warn.mockRestore();
    }
  });
});
