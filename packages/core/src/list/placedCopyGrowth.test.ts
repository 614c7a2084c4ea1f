import { describe, expect, it } from 'vitest';
import { settle } from '../testing/modelHarness.ts';
import { keyedRows, staleKeyedLists } from '../testing/staleKeyedList.ts';

// Decision 0055 takes a local item the server holds (same key) for the server's copy of a placed
// insert. Two cases it took wrongly, found while teaching the mixed model "the server stores an
// optimistic insert" (issue #18 items 4 and 5): a local item that stands for a server row (an
// update's item, a removed row put back by rollback()) is no insert and the server did not grow
// by it; an inserted item updated since is shown as updated when its copy is found; and a growth
// no answer explained yet is still growth when a later answer holds the copy.

const rows = keyedRows;
const setup = staleKeyedLists();
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);

describe('a local item standing for a server row is never taken for a copy', () => {
  it.each([
    ['an updated row', 's16.1'],
    ['a removed row put back', 's16'],
  ])('%s, on a page fetched again while the server grew: kept, no row skipped', async (_, shownAs) => {
    const { list, server, answers, shown, violations } = setup(ids(0, 30), false);
    list.setWindow({ start: 6, end: 15 }); // pages 2..4, page 5 with the prefetch
    await settle();
    await answers.answerAll(20);
    if (shownAs === 's16.1') expect(list.update('s16', (row) => ({ ...row, v: 1 })).ok).toBe(true);
    else {
      const remove = list.remove('s16');
      expect(remove.ok).toBe(true);
      if (remove.ok) remove.rollback();
    }
    expect(list.insert(7, rows('n1')).ok).toBe(true);
    server.rows = rows(...ids(0, 25), 'n1', ...ids(25, 30)); // stored further down: the total grew
    // Page 5 needs a row of page 6, which no list holds: dropped, fetched again through the rope.
    expect(list.remove('s7').ok).toBe(true);
    await settle();
    await answers.answerAll(20);
    list.setWindow({ start: 12, end: 18 });
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(3, 18)).toEqual([...ids(3, 7), 'n1', ...ids(8, 16), shownAs, 's17']);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(violations).toEqual([]);
  });
});

describe('an inserted item updated before its copy is found', () => {
  it('stays shown as updated, the copy taken all the same (nothing twice, nothing skipped)', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 30), false);
    list.setWindow({ start: 0, end: 9 }); // pages 0..3 with the prefetch
    await settle();
    await answers.answerAll(20);
    expect(list.insert(5, rows('n1')).ok).toBe(true);
    server.rows = rows(...ids(0, 5), 'n1', ...ids(5, 30)); // stored where it was put
    const update = list.update('n1', (row) => ({ ...row, v: 1 })); // its request not sent yet
    expect(update.ok).toBe(true);
    list.setWindow({ start: 15, end: 21 }); // pages past it, through the rope: the copy is found
    await settle();
    await answers.answerAll(20);
    list.setWindow({ start: 0, end: 21 });
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(0, 21)).toEqual([...ids(0, 5), 'n1.1', ...ids(5, 20)]);
    if (update.ok) update.rollback(); // the server's n1 as it is stored
    expect(shown().slice(0, 21)).toEqual([...ids(0, 5), 'n1', ...ids(5, 20)]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(violations).toEqual([]);
  });
});

describe('an answer of a grown server on its way while a write is made', () => {
  it('is looked at with the rope now: no row twice', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 8), false);
    list.setWindow({ start: 0, end: 6 }); // pages 0..2 with the prefetch
    await settle();
    await answers.answerAll(20);
    expect(list.insert(0, rows('n1', 'n2')).ok).toBe(true);
    server.rows = rows('n2', ...ids(0, 8)); // n2 stored where it was put
    await answers.answerAll(20);
    expect(list.remove('n1').ok).toBe(true); // page 2 needs a row no list holds: asked again
    await settle();
    expect(answers.pending.length).toBeGreaterThan(0);
    expect(list.update('s3', (row) => ({ ...row, v: 1 })).ok).toBe(true); // meanwhile
    await answers.answerAll(20);
    list.setWindow({ start: 0, end: 9 });
    await settle();
    await answers.answerAll(20);
    expect(shown()).toEqual(['n2', 's0', 's1', 's2', 's3.1', ...ids(4, 8)]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(violations).toEqual([]);
  });
});

describe('a page asked while another looks where the rope puts the copy', () => {
  it('sees the growth too: no row twice once both land', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 13), false);
    list.setWindow({ start: 0, end: 8 });
    await settle();
    await answers.answerAll(20);
    expect(list.insert(0, rows('n3', 'n4', 'n1', 'n2')).ok).toBe(true);
    server.rows = rows('n1', ...ids(0, 13)); // n1 stored where it was put
    expect(list.remove('n3').ok).toBe(true); // a page is asked again
    await settle();
    answers.take(0)?.respond(); // it grew: the list looks at offset 0 (held)
    await settle();
    list.setWindow({ start: 15, end: 16 }); // pages 4 and 5 asked meanwhile
    await settle();
    await answers.answerAll(20);
    list.setWindow({ start: 0, end: 17 });
    await settle();
    await answers.answerAll(20);
    expect(shown()).toEqual(['n4', 'n1', 'n2', ...ids(0, 13)]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(violations).toEqual([]);
  });
});

describe('a growth no answer explained yet', () => {
  it('counts when a later answer holds the copy: the row stays where the user put it', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 30), false);
    list.setWindow({ start: 6, end: 9 }); // pages 1..3: page 0 is not held
    await settle();
    await answers.answerAll(20);
    expect(list.insert(5, rows('n1')).ok).toBe(true); // after s4: placed
    server.rows = rows('n1', ...ids(0, 30)); // stored at the head
    // Pages past it by the offsets from before: the growth is not explained (0055's case left).
    list.setWindow({ start: 15, end: 21 });
    await settle();
    await answers.answerAll(20);
    // Page 0 holds the copy: the server stored it since the rope's offsets were taken (not
    // counted by them), and the pages fetched meanwhile past it are asked again.
    list.setWindow({ start: 0, end: 9 });
    await settle();
    violations.length = 0; // pages 3 and 4 show s10 twice until the copy is found (0055)
    await answers.answerAll(20);
    expect(shown().slice(0, 9)).toEqual([...ids(0, 5), 'n1', ...ids(5, 8)]);
    list.setWindow({ start: 0, end: 24 });
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(0, 24)).toEqual([...ids(0, 5), 'n1', ...ids(5, 23)]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(violations).toEqual([]);
  });
});
