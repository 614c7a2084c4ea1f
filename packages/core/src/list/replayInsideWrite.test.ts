import { describe, expect, it } from 'vitest';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle } from '../testing/modelHarness.ts';
import { seedLists, shownIds } from '../testing/seedLists.ts';

const make = seedLists();

describe('a waiting insert replayed while another write is applied', () => {
  // The mixed model's seed 14: 20 server rows in pages of 10, refresh(), page 0 answers, the
  // window leaves (page 1 stays stale), insert(16) waits beside the stale row s15 (decision
  // 0041); insert(0) of four drops page 1, so nothing is stale and the waiting insert went to its
  // index, 20, in the middle of that write: by the count from before it (20, a new page at the
  // end), and then the write set its own count, 24: n1's row was lost from the count.
  it('is placed once the write is done, by the count it left', async () => {
    const answers = new HeldAnswers();
    const server = { rows: Array.from({ length: 20 }, (_, n) => ({ id: `s${n}` })), version: 0 };
    const list = make('replay-inside-write', answers, server, 10);
    list.setWindow({ start: 0, end: 8 });
    await settle();
    await answers.answerAll();
    list.refresh();
    await settle();
    answers.take(0)?.respond();
    await settle();
    list.setWindow({ start: 20, end: 21 });
    await settle();
    const waiting = list.insert(16, [{ id: 'n1' }]);
    await settle();
    expect(waiting.ok && waiting.settled).toBeInstanceOf(Promise);
    list.insert(
      0,
      ['n2', 'n3', 'n4', 'n5'].map((id) => ({ id })),
    );
    await settle();
    expect(list.getSnapshot().count).toBe(25);
    expect(shownIds(list)[20]).toBe('n1');
    list.setWindow({ start: 0, end: 25 });
    await answers.answerAll();
    expect(await (waiting.ok ? waiting.settled : undefined)).toMatchObject({ ok: true });
    const ids = ['n2', 'n3', 'n4', 'n5', ...server.rows.slice(0, 16).map((row) => row.id), 'n1'];
    expect(shownIds(list)).toEqual([...ids, 's16', 's17', 's18', 's19']);
  });
});
