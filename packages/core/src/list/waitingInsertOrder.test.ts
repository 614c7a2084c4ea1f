import { describe, expect, it } from 'vitest';
import { settle } from '../testing/modelHarness.ts';
import { keyedRows as rows, staleKeyedLists } from '../testing/staleKeyedList.ts';

// Decision 0052 (issue #18, amends 0048): a waiting insert's own index moves with the rows, the
// writes land in the order made, and one waiting for a page that is never loaded again ends once
// the list's local writes are forgotten.

const setup = staleKeyedLists();
const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);

/** A list whose insert after s7 waits for page 2, which left the window (decision 0048). */
async function parkedInsert() {
  const made = setup(ids, false);
  const { list, answers, loadThenRefresh } = made;
  await loadThenRefresh(12, ['x0', ...ids]);
  const insert = list.insert(8, rows('n1')); // after s7 (page 2, stale)
  list.setWindow({ start: 0, end: 2 }); // pages 2 and 3 leave the window before the refetch lands
  await answers.answerAll(20);
  expect(list.getSnapshot().pages.get(2)?.items).toBeUndefined();
  expect(list.getSnapshot().keyOf(8)).toBe('n1');
  return { ...made, insert };
}

describe('a waiting insert shown at its index moves with the rows (0048 gap 2)', () => {
  it('a fresh insert above it moves it down, a remove above it moves it up', async () => {
    const { list, answers, shown, violations, insert } = await parkedInsert();
    expect(list.insert(0, rows('n2')).settled).toBeUndefined(); // fresh: at once
    expect(list.getSnapshot().keyOf(9)).toBe('n1');
    expect(list.getSnapshot().count).toBe(15);
    expect(list.remove('s0').settled).toBeUndefined();
    expect(list.getSnapshot().keyOf(8)).toBe('n1');
    expect(list.getSnapshot().count).toBe(14);
    await answers.answerAll(20);
    expect(list.getSnapshot().keyOf(8)).toBe('n1');
    list.setWindow({ start: 5, end: 12 }); // back: the page at its index is fetched, it goes after s7
    await settle();
    await answers.answerAll(20);
    const now = shown();
    expect(now.slice(0, 4)).toEqual(['n2', 'x0', 's1', 's2']);
    expect(now.slice(now.indexOf('s7'), now.indexOf('s7') + 3)).toEqual(['s7', 'n1', 's8']);
    expect(await insert.settled).toMatchObject({ ok: true });
    expect(violations).toEqual([]);
  });

  it('the rollback of a fresh insert above it moves it back', async () => {
    const { list, answers, insert } = await parkedInsert();
    const above = list.insert(1, rows('n2', 'n3'));
    expect(list.getSnapshot().keyOf(10)).toBe('n1');
    above.rollback();
    expect(list.getSnapshot().keyOf(8)).toBe('n1');
    await answers.answerAll(20);
    expect(list.getSnapshot().keyOf(8)).toBe('n1');
    expect(list.getSnapshot().count).toBe(14);
    insert.rollback();
    expect(list.getSnapshot().count).toBe(13);
  });
});

describe('writes land in the order made (0048 gap: a fresh write right above a waiting insert)', () => {
  it('an insert on fresh rows just above a waiting one stays above it while its page is fetched and after', async () => {
    const { list, server, answers, shown, violations } = setup(ids.slice(0, 9), false);
    list.setWindow({ start: 6, end: 9 }); // pages 1 and 2: page 0 not held
    await settle();
    await answers.answerAll(20);
    server.version += 1;
    list.refresh(); // pages 1 and 2 shown stale while they are fetched again
    await settle();
    const a = list.insert(3, rows('a')); // page 0 not held: before s3 (page 1, stale)
    expect(a.settled).toBeDefined();
    answers.takeFor('offset 3')?.fail(); // page 1's refetch fails: shown stale
    await answers.answerAll(20);
    list.setWindow({ start: 0, end: 9 });
    await settle();
    answers.takeFor('offset 0')?.respond(); // page 0 fresh
    await settle();
    expect(shown().slice(0, 5)).toEqual(['s0', 's1', 's2', 'a', 's3~']);
    const b = list.insert(3, rows('b')); // where a shows, below fresh s2: above a
    expect(b.settled).toBeUndefined(); // fresh: in the list's data at once
    // b's page (1) is fetched again through the list's data; a shows below it meanwhile.
    expect(shown().slice(0, 5)).toEqual(['s0', 's1', 's2', '-', 'a']);
    await answers.answerAll(20);
    // As applying them in order on the server's rows: a before s3, then b at 3 (above a).
    expect(shown()).toEqual(['s0', 's1', 's2', 'b', 'a', 's3', 's4', 's5', 's6', 's7', 's8']);
    expect(await a.settled).toMatchObject({ ok: true });
    expect(violations).toEqual([]);
  });
});

describe('a waiting insert whose page is never loaded again (0048: it waited until destroy)', () => {
  it('ends once the local writes are forgotten (refresh): not-loaded in settled, gone with its count', async () => {
    const { list, answers, violations, insert } = await parkedInsert();
    let ended: unknown;
    void insert.settled?.then((done) => {
      ended = done;
    });
    await settle();
    expect(ended).toBeUndefined(); // still waiting, shown
    list.refresh();
    await settle();
    expect(ended).toMatchObject({ ok: false, error: { reason: 'not-loaded', index: 8 } });
    expect(list.getSnapshot().count).toBe(13);
    expect(list.getSnapshot().keyOf(8)).not.toBe('n1');
    await answers.answerAll(20);
    expect(list.getSnapshot().count).toBe(13);
    insert.rollback(); // nothing to undo
    expect(list.getSnapshot().count).toBe(13);
    expect(violations).toEqual([]);
  });

  it('is placed as before when its page is loaded first', async () => {
    const { list, answers, shown, insert } = await parkedInsert();
    list.setWindow({ start: 6, end: 12 });
    await settle();
    await answers.answerAll(20);
    list.refresh(); // forgotten after it was placed: nothing ends
    await settle();
    await answers.answerAll(20);
    expect(await insert.settled).toMatchObject({ ok: true });
    expect(shown()).not.toContain('n1'); // the server never had it: gone with the local writes, as any insert
  });
});
