// Issue #15 item 1, pushed by a demanding app: live options (a new fetchPage closure, estimateSize,
// overscan, lanes, gap, memory, prefetch, eagerSource items, enabled) changed while the user is
// deep in a 1,000,000-row list (36,000,000 px: scaled onto the scroll element), while pages are in
// flight, in the same render as a scrollToIndex. Each test reads what is on screen (rows by
// data-index and text, the first visible item and where it sits), what the server was asked, and
// nothing timed.
//
// This file: options changed in the same task or render as a scrollToIndex (instant, smooth, or from
// an effect); the App and the fake API are testing/liveOptionsApp.tsx.
import { describe, expect, it, vi } from 'vitest';
import {
  atTop,
  DEEP,
  fakeApi,
  firstVisible,
  latest,
  liveOptionsPerTest,
  settle,
  start,
  visible,
} from './testing/liveOptionsApp.tsx';

liveOptionsPerTest();

describe('live options in the same render as a scrollToIndex', () => {
  it('scrollToIndex in a click handler, then lanes 1 -> 3 in the same task: the target is in the first row at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(300_000, { align: 'start' });
    render({ lanes: 3 });
    await atTop(300_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([300_000, 300_001, 300_002]);
    expect(latest?.scaled).toBe(false);
  });

  it('scrollToIndex in a click handler to an item in lane 1, then lanes 1 -> 3: its row is at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(300_001, { align: 'start' });
    render({ lanes: 3 });
    await atTop(300_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([300_000, 300_001, 300_002]);
  });

  it('lanes 3 -> 1 and a scrollToIndex in the same task: the target is the first visible item', async () => {
    const api = fakeApi();
    const render = await start({ api, lanes: 3 });
    latest?.scrollToIndex(750_000, { align: 'start' });
    render({ lanes: 1 });
    await atTop(750_000);
    expect(latest?.scaled).toBe(true);
  });

  it('a smooth scrollToIndex, then lanes 1 -> 3 in the same task: the flight ends with the target row at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(3_000, { align: 'start', behavior: 'smooth' });
    render({ lanes: 3 });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: 3_000, top: expect.closeTo(0, 0) }), {
      timeout: 8_000,
    });
    await atTop(3_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([3_000, 3_001, 3_002]);
  });

  it('a smooth scrollToIndex deep in the scaled list, then estimateSize and overscan in the same task: it lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start', behavior: 'smooth' });
    render({ estimate: 40, overscan: 10 });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) }), {
      timeout: 8_000,
    });
    await atTop(DEEP);
  });

  it('a target set by an effect in the render that also changes estimateSize, gap and overscan lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    render({ target: 800_000, estimate: 50, gap: 4, overscan: 12 });
    await atTop(800_000);
    await settle();
    expect(firstVisible()).toEqual({ index: 800_000, top: expect.closeTo(0, 0) });
    const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
    expect((starts.get(800_001) ?? 0) - (starts.get(800_000) ?? 0)).toBe(36 + 4);
    expect(api.asked(800_000)).toBe(1);
  });

  it('a target set by an effect in the render that brings a new token: the target page is asked with the new token, once', async () => {
    const api = fakeApi();
    const render = await start({ api });
    render({ token: 't2', target: 900_000 });
    await atTop(900_000, 't2');
    await settle();
    expect(api.log.filter((entry) => entry.endsWith('@900000'))).toEqual(['t2@900000']);
  });
});
