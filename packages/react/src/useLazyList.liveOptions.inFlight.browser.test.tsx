// Issue #15 item 1, pushed by a demanding app: live options (a new fetchPage closure, estimateSize,
// overscan, lanes, gap, memory, prefetch, eagerSource items, enabled) changed while the user is
// deep in a 1,000,000-row list (36,000,000 px: scaled onto the scroll element), while pages are in
// flight, in the same render as a scrollToIndex. Each test reads what is on screen (rows by
// data-index and text, the first visible item and where it sits), what the server was asked, and
// nothing timed.
//
// This file: options changed while pages are in flight (held by the fake API, or waiting for a retry);
// the App and the fake API are testing/liveOptionsApp.tsx.
import { describe, expect, it, vi } from 'vitest';
import {
  atTop,
  DEEP,
  fakeApi,
  firstVisible,
  latest,
  liveOptionsPerTest,
  rowText,
  settle,
  start,
  visible,
} from './testing/liveOptionsApp.tsx';

liveOptionsPerTest();

describe('live options changed while pages are in flight', () => {
  it('a new token, more prefetch and more overscan while the visible page is in flight: it is not aborted nor asked again, it lands; pages asked after use the new token', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.hold(true);
    latest?.scrollToIndex(400_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@400000'));
    await vi.waitFor(() => expect(firstVisible()?.index).toBe(400_000));
    expect(rowText(400_000)).toBe('…');
    render({ token: 't2', prefetch: 2, overscan: 10 });
    await settle();
    expect(api.asked(400_000)).toBe(1);
    expect(api.aborted).toEqual([]);
    // Prefetch pages asked after the change carry the new token.
    const after = api.log.slice(api.log.indexOf('t1@400000') + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((entry) => entry.startsWith('t2@'))).toBe(true);
    api.hold(false);
    api.release();
    await atTop(400_000, 't1'); // the answer to the request made with t1
    await settle();
    expect(api.asked(400_000)).toBe(1);
    latest?.scrollToIndex(450_000, { align: 'start' });
    await atTop(450_000, 't2');
    expect(api.log).not.toContain('t1@450000');
  });

  it('memory lowered to 1 byte while the visible page is in flight: it still lands and stays', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.hold(true);
    latest?.scrollToIndex(300_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@300000'));
    render({ maxBytes: 1 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(300_000);
    await settle();
    expect(rowText(300_010)).toBe('300010:t1');
    expect(api.asked(300_000)).toBe(1);
  });

  it('memory lowered to 1 byte while prefetch pages are in flight: once they land no page is asked twice', async () => {
    const api = fakeApi();
    const render = await start({ api, prefetch: 2 });
    api.hold(true);
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await vi.waitFor(() => expect(api.heldCount).toBeGreaterThan(2));
    render({ maxBytes: 1 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(DEEP);
    await settle();
    await settle();
    const asked = api.log.length;
    await settle();
    expect(api.log.length).toBe(asked);
    expect(new Set(api.log).size).toBe(api.log.length);
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:t1`);
  });

  it('a new token while a failed page waits for its retry: the retry is asked with the new token', async () => {
    const api = fakeApi();
    // The retry waits 1 to 2 s (full jitter), far longer than the render below takes under CI's
    // load: at 150 to 300 ms it was sometimes asked with t1 again before the new token was pushed,
    // refused, and the page stayed failed (seen under a parallel test load).
    const render = await start({ api, attempts: 2, retryDelayMs: 2_000 });
    api.refused.add('t1');
    latest?.scrollToIndex(700_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@700000'));
    render({ token: 't2' });
    await vi.waitFor(() => expect(api.log).toContain('t2@700000'), { timeout: 6_000 });
    await atTop(700_000, 't2');
    expect(api.log.filter((entry) => entry.endsWith('@700000'))).toEqual(['t1@700000', 't2@700000']);
  });

  it('lanes changed while the target page of a scrollToIndex is in flight: the target lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.hold(true);
    latest?.scrollToIndex(300_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@300000'));
    render({ lanes: 3 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(300_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([300_000, 300_001, 300_002]);
  });

  it('estimateSize changed while the target page of a scrollToIndex is in flight: the target lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api, rowHeight: 48 });
    api.hold(true);
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain(`t1@${DEEP}`));
    render({ estimate: 48 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(DEEP);
    await settle();
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
  });
});
