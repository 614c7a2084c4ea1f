// Issue #15 item 1, pushed by a demanding app: live options (a new fetchPage closure, estimateSize,
// overscan, lanes, gap, memory, prefetch, eagerSource items, enabled) changed while the user is
// deep in a 1,000,000-row list (36,000,000 px: scaled onto the scroll element), while pages are in
// flight, in the same render as a scrollToIndex. Each test reads what is on screen (rows by
// data-index and text, the first visible item and where it sits), what the server was asked, and
// nothing timed.
//
// This file: memory, prefetch, a new fetchPage closure and enabled changed live (what is evicted, what
// is asked and with which token); the App and the fake API are testing/liveOptionsApp.tsx.
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import {
  atTop,
  DEEP,
  fakeApi,
  firstVisible,
  latest,
  liveOptionsPerTest,
  PAGE,
  rowText,
  scroller,
  settle,
  start,
  visible,
} from './testing/liveOptionsApp.tsx';

liveOptionsPerTest();

describe('memory, prefetch, fetchPage and enabled, live', () => {
  it('memory.maxBytes lowered below what is loaded evicts the rest but never the visible window (two pages in view), and does not thrash', async () => {
    const api = fakeApi();
    const render = await start({ api });
    for (const index of [100_000, 200_000, 300_000]) {
      latest?.scrollToIndex(index, { align: 'start' });
      await atTop(index);
    }
    // Straddle a page boundary: rows 400,090..400,106 are on pages 4000 and 4001.
    latest?.scrollToIndex(400_090, { align: 'start' });
    await atTop(400_090);
    await vi.waitFor(() => expect(rowText(400_100)).toBe('400100:t1'));
    await settle();
    const before = latest?.list.stats.pagesInMemory ?? 0;
    expect(before).toBeGreaterThanOrEqual(5);
    render({ maxBytes: 1 });
    await settle();
    await vi.waitFor(() => expect(latest?.list.stats.pagesInMemory).toBeLessThan(before));
    expect(latest?.list.stats.evictions).toBeGreaterThan(0);
    expect(firstVisible()).toEqual({ index: 400_090, top: expect.closeTo(0, 0) });
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:t1`);
    const asked = api.log.length;
    await settle();
    await settle();
    expect(api.log.length).toBe(asked); // nothing fetched again and again
    expect(api.asked(400_000)).toBe(1);
    expect(api.asked(400_100)).toBe(1);
    // What went was far: going back there asks for it again.
    latest?.scrollToIndex(100_000, { align: 'start' });
    await atTop(100_000);
    expect(api.asked(100_000)).toBe(2);
  });

  it('memory.maxBytes lowered below the prefetch zone (prefetch 2): the zone is not fetched, evicted and fetched again', async () => {
    const api = fakeApi();
    const render = await start({ api, prefetch: 2 });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    render({ maxBytes: 1 });
    await settle();
    const asked = api.log.length;
    await settle();
    await settle();
    expect(api.log.slice(asked)).toEqual([]);
    expect(new Set(api.log).size).toBe(api.log.length); // no page asked twice
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:t1`);
  });

  it('prefetch raised fetches the new zone only (never the loaded page); lowered and raised again fetches nothing', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(500_000, { align: 'start' });
    await atTop(500_000);
    await settle();
    // The rows in view and the overscan above them: pages 4999 and 5000.
    expect(api.log.slice(1).sort()).toEqual(['t1@499900', 't1@500000']);
    render({ prefetch: 2 });
    await settle();
    const zone = api.log.slice(3);
    expect(zone.length).toBeGreaterThan(0);
    expect(zone).not.toContain('t1@500000');
    expect(zone).not.toContain('t1@499900');
    expect(new Set(zone).size).toBe(zone.length);
    for (const entry of zone) {
      const offset = Number(entry.split('@')[1]);
      expect(Math.abs(offset - 500_000)).toBeLessThanOrEqual(3 * PAGE);
    }
    const asked = api.log.length;
    render({ prefetch: 0 });
    await settle();
    expect(api.log.length).toBe(asked);
    expect(firstVisible()).toEqual({ index: 500_000, top: expect.closeTo(0, 0) });
    render({ prefetch: 2 });
    await settle();
    expect(api.log.slice(asked)).toEqual([]); // the zone is still loaded
    expect(rowText(500_000)).toBe('500000:t1');
  });

  it('a new token after a 401: retry() asks the failed page with the new token and shows it', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.refused.add('t1');
    latest?.scrollToIndex(700_000, { align: 'start' });
    await vi.waitFor(() =>
      expect(latest?.rows.find((row) => row.index === 700_000)?.state.status).toBe('error'),
    );
    render({ token: 't2' });
    await frames(2);
    latest?.retry();
    await atTop(700_000, 't2');
    expect(api.log.filter((entry) => entry.endsWith('@700000'))).toEqual(['t1@700000', 't2@700000']);
    expect(rowText(0)).toBeUndefined();
  });

  it('a new token, then scrolling within loaded pages asks nothing; the next page is asked with it', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    const asked = api.log.length;
    render({ token: 't2' });
    await settle();
    const element = scroller();
    if (element) element.scrollTop += 40 * 36; // to 600,040: still page 6000
    await vi.waitFor(() => expect(firstVisible()?.index).toBe(DEEP + 40));
    await settle();
    expect(api.log.length).toBe(asked);
    expect(rowText(DEEP + 40)).toBe(`${DEEP + 40}:t1`);
    if (element) element.scrollTop += 60 * 36; // to 600,100: page 6001
    await vi.waitFor(() => expect(rowText(DEEP + 100)).toBe(`${DEEP + 100}:t2`));
    expect(api.log.slice(asked)).toEqual([`t2@${DEEP + 100}`]);
  });

  it('enabled false -> true and a new token in the same render: the pages held while off are asked with the new token', async () => {
    const api = fakeApi();
    const render = await start({ api });
    render({ enabled: false });
    await settle();
    const asked = api.log.length;
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()?.index).toBe(DEEP));
    await settle();
    expect(api.log.length).toBe(asked);
    render({ enabled: true, token: 't2' });
    await atTop(DEEP, 't2');
    expect(api.log.slice(asked).every((entry) => entry.startsWith('t2@'))).toBe(true);
  });

  it('enabled false deep in the list: loaded rows stay, a jump shows placeholders and asks nothing; enabled true asks only the page in view', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    const asked = api.log.length;
    render({ enabled: false });
    await settle();
    expect(rowText(DEEP)).toBe(`${DEEP}:t1`);
    latest?.scrollToIndex(700_000, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: 700_000, top: expect.closeTo(0, 0) }));
    latest?.scrollToIndex(800_000, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: 800_000, top: expect.closeTo(0, 0) }));
    await settle();
    expect(rowText(800_000)).toBe('…');
    expect(api.log.length).toBe(asked);
    render({ enabled: true });
    await atTop(800_000);
    await settle();
    // The rows in view and the overscan above them; not 700,000, which was passed while off.
    expect(api.log.slice(asked).sort()).toEqual(['t1@799900', 't1@800000']);
    render({ enabled: false });
    await settle();
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP); // still in memory: shown while off
    expect(api.log.slice(asked).sort()).toEqual(['t1@799900', 't1@800000']);
  });
});
