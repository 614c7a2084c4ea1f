import { describe, expect, it } from 'vitest';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle } from '../testing/modelHarness.ts';
import { type SeedRow, seedLists } from '../testing/seedLists.ts';

const make = seedLists();

describe('a write waiting on a page whose refetch failed', () => {
  // The mixed model's seed 1: 5 server rows in pages of 3, three inserts at the top, the server
  // deletes s0, refresh(); the first answer shows the move (a new version), the pages around
  // the window are asked again and land together; page 1's request fails. update('s1'), shown
  // on that failed page, rewrote it as 'loaded' (stale): the watch then waited for an answer
  // no one had asked for, and snapshot.moves.refetching stayed true for good.
  it('keeps the page failed, so the pages asked again after a move still land', async () => {
    const answers = new HeldAnswers();
    const server = { rows: Array.from({ length: 5 }, (_, n): SeedRow => ({ id: `s${n}` })), version: 0 };
    const list = make('failed-page-waiting-write', answers, server, 3, { retry: { attempts: 1 } });
    list.setWindow({ start: 0, end: 5 });
    await settle();
    await answers.answerAll();
    list.insert(
      0,
      ['n1', 'n2', 'n3'].map((id) => ({ id })),
    );
    server.rows = server.rows.slice(1);
    server.version += 1;
    await answers.answerAll();
    list.refresh();
    await settle();
    answers.take(0)?.respond();
    await settle();
    expect(list.getSnapshot().moves.refetching).toBe(true);
    answers.takeFor('offset 2')?.fail(); // page 1, asked with the row before it (decision 0074)
    await settle();
    expect(list.getSnapshot().pages.get(1)?.status).toBe('error');
    const update = list.update('s1', (row) => ({ ...row, v: 1 }));
    await settle();
    expect(update.ok && update.settled).toBeInstanceOf(Promise);
    expect(list.getSnapshot().pages.get(1)).toMatchObject({ status: 'error', stale: true });
    await answers.answerAll();
    expect(list.getSnapshot().moves.refetching).toBe(false);
  });
});
