// Issue #15 item 1, pushed by a demanding app: live options (a new fetchPage closure, estimateSize,
// overscan, lanes, gap, memory, prefetch, eagerSource items, enabled) changed while the user is
// deep in a 1,000,000-row list (36,000,000 px: scaled onto the scroll element), while pages are in
// flight, in the same render as a scrollToIndex. Each test reads what is on screen (rows by
// data-index and text, the first visible item and where it sits), what the server was asked, and
// nothing timed.
//
// This file: an eagerSource given a new array (other data, or the same data built again on every
// render); the App is testing/liveOptionsApp.tsx.
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import {
  atTop,
  firstVisible,
  latest,
  liveOptionsPerTest,
  renders,
  resetRenders,
  rowText,
  scroller,
  settle,
  start,
  visible,
} from './testing/liveOptionsApp.tsx';

liveOptionsPerTest();

describe('eagerSource with a new array (other data)', () => {
  const items = (count: number, token: string) => Array.from({ length: count }, (_, id) => ({ id, token }));

  it('a new array of the same length (items edited) shows the new items where the user is', async () => {
    const v1 = items(10_000, 'v1');
    const render = await start({ eager: v1 });
    latest?.scrollToIndex(5_000, { align: 'start' });
    await atTop(5_000, 'v1');
    render({ eager: items(10_000, 'v2') });
    await atTop(5_000, 'v2');
    await settle();
    expect(firstVisible()).toEqual({ index: 5_000, top: expect.closeTo(0, 0) });
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:v2`);
    expect(latest?.count).toBe(10_000);
  });

  it('a new array deep in a scaled eager list (500,000 items, 18,000,000 px): the new items show where the user is', async () => {
    const render = await start({ eager: items(500_000, 'v1') });
    expect(latest?.scaled).toBe(true);
    latest?.scrollToIndex(300_000, { align: 'start' });
    await atTop(300_000, 'v1');
    render({ eager: items(500_000, 'v2') });
    await atTop(300_000, 'v2');
    await settle();
    expect(firstVisible()).toEqual({ index: 300_000, top: expect.closeTo(0, 0) });
    expect(latest?.scaled).toBe(true);
    const element = scroller();
    if (element) element.scrollTop += 10 * 36;
    await atTop(300_010, 'v2');
  });

  it('a shorter array while the user is past its end: the count follows and the rows shown are the new last ones', async () => {
    const render = await start({ eager: items(10_000, 'v1') });
    latest?.scrollToIndex(5_000, { align: 'start' });
    await atTop(5_000, 'v1');
    render({ eager: items(50, 'v2') });
    await vi.waitFor(() => expect(latest?.count).toBe(50));
    await vi.waitFor(() => expect(rowText(49)).toBe('49:v2'));
    await settle();
    const shown = visible();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.at(-1)?.index).toBe(49);
    for (const { index } of shown) expect(rowText(index)).toBe(`${index}:v2`);
    expect(latest?.rows.every((row) => row.index < 50)).toBe(true);
  });

  it('the same array on every render changes nothing: no reload, the same rows', async () => {
    const v1 = items(10_000, 'v1');
    const render = await start({ eager: v1 });
    latest?.scrollToIndex(5_000, { align: 'start' });
    await atTop(5_000, 'v1');
    await settle();
    const requests = latest?.list.stats.requests ?? 0;
    const rows = latest?.rows;
    for (let i = 0; i < 3; i++) {
      render({ eager: v1 });
      await frames(1);
    }
    await settle();
    expect(latest?.list.stats.requests).toBe(requests);
    expect(latest?.rows).toBe(rows);
  });
});

// A source built inline from an array built inline (`eagerSource(todos.filter(open))` in the
// component that calls useLazyList) brings another array on every render. Each used to reload the
// list, whose snapshot, published in the hook's layout effect, rendered the component again, which
// built another array: React's "Maximum update depth exceeded", the list dead (found by these tests).
describe('eagerSource built from a new but equal array on every render', () => {
  for (const kind of ['same-items', 'copies'] as const) {
    it(`comes to rest with ${kind === 'same-items' ? 'the same items (filter)' : 'copies of the items (map to new objects)'}: renders stop, rows stay loaded, no reload`, async () => {
      const v1 = Array.from({ length: 1_000 }, (_, id) => ({ id, token: 'v1' }));
      resetRenders();
      const render = await start({ eager: v1, eagerInline: kind });
      render({ overscan: 6 });
      await settle();
      await settle();
      // The App stops building new arrays after 300 renders: a loop shows here (and as React's
      // "Maximum update depth exceeded") instead of freezing the page.
      expect(renders).toBeLessThan(20);
      expect(rowText(0)).toBe('0:v1');
      // An array of other items is other data: it shows.
      render({ eager: v1.map((item) => ({ ...item, token: 'v2' })) });
      await vi.waitFor(() => expect(rowText(0)).toBe('0:v2'));
      await settle();
      expect(renders).toBeLessThan(40);
    });
  }
});
