import { describe, expect, it } from 'vitest';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle } from '../testing/modelHarness.ts';
import { type SeedRow, seedLists, shownIds } from '../testing/seedLists.ts';

const make = seedLists();

const rows = (...ids: string[]): SeedRow[] => ids.map((id) => ({ id }));

describe('insert at the end after refresh()', () => {
  // The mixed model's seed 5: 24 server rows in pages of 3, five local inserts at the top,
  // refresh() (the count 29 is the one from before), four inserts at the top (page 0 holds local
  // items only: it asked the server nothing), then an insert at the end, 33. It was applied at
  // once as the fresh page 33 (one row past the end of the server's 24 + 4), then shown there
  // until the refetch landed.
  it('waits for a page of the server to give the count when only pages of local items are fresh', async () => {
    const answers = new HeldAnswers();
    const server = { rows: Array.from({ length: 24 }, (_, n) => ({ id: `s${n}` })), version: 0 };
    const list = make('end-insert-after-refresh', answers, server, 3);
    list.setWindow({ start: 0, end: 8 });
    await settle();
    await answers.answerAll();
    list.insert(0, rows('n1'));
    list.insert(0, rows('n2', 'n3', 'n4', 'n5'));
    list.refresh();
    list.insert(0, rows('n6', 'n7', 'n8', 'n9'));
    await settle();
    expect(list.getSnapshot().count).toBe(33);
    const result = list.insert(33, rows('n10'));
    await settle();
    expect(result.ok && result.settled).toBeInstanceOf(Promise);
    // Shown at once where it was put (decision 0048), on no page.
    const pages = [...list.getSnapshot().pages.values()];
    expect(pages.some((page) => page.items?.some((item) => item.id === 'n10'))).toBe(false);
    expect(shownIds(list)[33]).toBe('n10');
    await answers.answerAll();
    list.setWindow({ start: 24, end: 29 });
    await answers.answerAll();
    expect(await (result.ok ? result.settled : undefined)).toMatchObject({ ok: true });
    expect(list.getSnapshot().count).toBe(29);
    expect(shownIds(list).slice(24)).toEqual(['s20', 's21', 's22', 's23', 'n10']);
  });
});
