// Issue #15 item 1, pushed by a demanding app: live options (a new fetchPage closure, estimateSize,
// overscan, lanes, gap, memory, prefetch, eagerSource items, enabled) changed while the user is
// deep in a 1,000,000-row list (36,000,000 px: scaled onto the scroll element), while pages are in
// flight, in the same render as a scrollToIndex. Each test reads what is on screen (rows by
// data-index and text, the first visible item and where it sits), what the server was asked, and
// nothing timed.
//
// This file: each option changed alone deep in the scaled list (lanes, gap and estimateSize with rows
// measured too); the App and the fake API are testing/liveOptionsApp.tsx.
import { describe, expect, it, vi } from 'vitest';
import {
  atTop,
  DEEP,
  fakeApi,
  firstVisible,
  latest,
  liveOptionsPerTest,
  type Props,
  rowText,
  scroller,
  settle,
  start,
  VIEWPORT,
  visible,
} from './testing/liveOptionsApp.tsx';

liveOptionsPerTest();

describe('useLazyList live options (issue #15 item 1) in a 1,000,000-row list', () => {
  const changes: [string, Partial<Props>][] = [
    ['overscan 5 -> 15', { overscan: 15 }],
    ['estimateSize 36 -> 50 (rows in view measured at 36)', { estimate: 50 }],
    ['gap 0 -> 6', { gap: 6 }],
    ['prefetch 0 -> 2', { prefetch: 2 }],
    ['memory.maxBytes lowered to 1 byte', { maxBytes: 1 }],
    ['a new fetchPage closure (token t2)', { token: 't2' }],
    ['enabled -> false', { enabled: false }],
  ];
  for (const [name, change] of changes) {
    it(`deep in the scaled list, ${name}: the first visible item stays at the top, its page is not refetched, scrolling goes on from there`, async () => {
      const api = fakeApi();
      const render = await start({ api });
      latest?.scrollToIndex(DEEP, { align: 'start' });
      await atTop(DEEP);
      await settle();
      expect(latest?.scaled).toBe(true);
      expect(api.asked(DEEP)).toBe(1);
      const rows = latest?.rows.length ?? 0;
      render(change);
      await settle();
      expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
      expect(rowText(DEEP)).toBe(`${DEEP}:t1`); // the loaded page is kept…
      expect(rowText(DEEP + 10)).toBe(`${DEEP + 10}:t1`);
      expect(api.asked(DEEP)).toBe(1); // …and not asked again
      expect(latest?.scaled).toBe(true);
      if (change.overscan !== undefined) expect(latest?.rows.length).toBe(rows + 20); // 10 more each side
      if (change.gap !== undefined) {
        const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
        expect((starts.get(DEEP + 1) ?? 0) - (starts.get(DEEP) ?? 0)).toBe(36 + 6);
      }
      // The scroll element still maps onto the list: ten rows down is ten rows down.
      const element = scroller();
      if (element) element.scrollTop += 10 * (36 + (change.gap ?? 0));
      await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP + 10, top: expect.closeTo(0, 0) }));
      await settle();
      expect(rowText(DEEP + 10)).toBe(`${DEEP + 10}:t1`);
      expect(api.asked(DEEP)).toBe(1);
    });
  }

  it('estimateSize changed when rows were measured: measured rows keep their size, the first visible item stays', async () => {
    const api = fakeApi();
    const render = await start({ api, rowHeight: 60 }); // estimated 36, really 60
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    const gapOf = (a: number, b: number) => {
      const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
      return (starts.get(b) ?? Number.NaN) - (starts.get(a) ?? Number.NaN);
    };
    expect(gapOf(DEEP, DEEP + 5)).toBe(5 * 60);
    const total = latest?.virtualSize ?? 0;
    render({ estimate: 50 });
    await settle();
    expect(latest?.virtualSize).toBeGreaterThan(total + 999_000 * 10); // the unmeasured rows are 50 now
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(gapOf(DEEP, DEEP + 5)).toBe(5 * 60); // the measured ones are still 60
    const element = scroller();
    if (element) element.scrollTop += 5 * 60;
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP + 5, top: expect.closeTo(0, 0) }));
    expect(api.asked(DEEP)).toBe(1);
  });

  it('lanes 1 -> 3 -> 1 deep in the list keeps the first visible item (the list unscales and scales again)', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    expect(latest?.scaled).toBe(true);
    render({ lanes: 3 });
    await settle();
    // 333,334 rows of 36 px: 12,000,024 px, under the scaling threshold.
    expect(latest?.scaled).toBe(false);
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([DEEP, DEEP + 1, DEEP + 2]);
    expect(latest?.rows.find((row) => row.index === DEEP + 2)?.lane).toBe(2);
    expect(rowText(DEEP + 2)).toBe(`${DEEP + 2}:t1`);
    render({ lanes: 1 });
    await settle();
    expect(latest?.scaled).toBe(true);
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(rowText(DEEP + 1)).toBe(`${DEEP + 1}:t1`);
    expect(api.asked(DEEP)).toBe(1);
    // Scrolling still maps: 20 rows down.
    const element = scroller();
    if (element) element.scrollTop += 20 * 36;
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP + 20, top: expect.closeTo(0, 0) }));
  });

  it('lanes 1 -> 3 -> 1 at the very end of the list: the last item stays at the bottom', async () => {
    const api = fakeApi();
    const render = await start({ api });
    const last = 999_999;
    latest?.scrollToIndex(last, { align: 'end' });
    const atBottom = () => {
      const shown = visible();
      const lastShown = shown.at(-1);
      expect(lastShown?.index).toBe(last);
      expect((lastShown?.top ?? 0) + 36).toBeCloseTo(VIEWPORT, 0);
      expect(rowText(last)).toBe(`${last}:t1`);
    };
    await vi.waitFor(atBottom);
    await settle();
    render({ lanes: 3 });
    await settle();
    // 999,999 is alone in the last row (333,333), at the bottom.
    expect(latest?.rows.find((row) => row.index === last)?.lane).toBe(0);
    atBottom();
    render({ lanes: 1 });
    await settle();
    atBottom();
    expect(api.asked(999_900)).toBe(1);
  });

  it('lanes 1 -> 3 -> 1 with rows measured at 60 px (estimated 36): the first visible item stays at the top', async () => {
    const api = fakeApi();
    const render = await start({ api, rowHeight: 60 });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    render({ lanes: 3 });
    await settle();
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([DEEP, DEEP + 1, DEEP + 2]);
    render({ lanes: 1 });
    await settle();
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
    expect((starts.get(DEEP + 3) ?? 0) - (starts.get(DEEP) ?? 0)).toBe(3 * 60);
    expect(api.asked(DEEP)).toBe(1);
  });

  it('gap changed in a 3-lane grid deep in the list: the first visible row stays at the top', async () => {
    const api = fakeApi();
    const render = await start({ api, lanes: 3 });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    render({ gap: 10 });
    await settle();
    expect(visible().slice(0, 3)).toEqual([
      { index: DEEP, top: expect.closeTo(0, 0) },
      { index: DEEP + 1, top: expect.closeTo(0, 0) },
      { index: DEEP + 2, top: expect.closeTo(0, 0) },
    ]);
    const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
    expect((starts.get(DEEP + 3) ?? 0) - (starts.get(DEEP) ?? 0)).toBe(36 + 10);
    expect(api.asked(DEEP)).toBe(1);
  });

  it('lanes 1 -> 3 -> 1 with an item that is not first in its row at the top: it stays in the first visible row', async () => {
    const api = fakeApi();
    const render = await start({ api });
    const item = DEEP + 1;
    latest?.scrollToIndex(item, { align: 'start' });
    await atTop(item);
    render({ lanes: 3 });
    await settle();
    const firstRow = () => visible().filter((shown) => Math.abs(shown.top - (firstVisible()?.top ?? 0)) < 1);
    expect(firstRow().map((shown) => shown.index)).toContain(item);
    expect(firstVisible()?.top).toBeCloseTo(0, 0);
    render({ lanes: 1 });
    await settle();
    expect(
      visible()
        .slice(0, 2)
        .map((shown) => shown.index),
    ).toContain(item);
    expect(firstVisible()?.top).toBeCloseTo(0, 0);
  });
});
