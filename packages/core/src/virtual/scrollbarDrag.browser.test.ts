// A scrollbar drag through a 1,000,000-row list (decision 0026): nothing is requested while the
// thumb moves, only the pages on screen while it is held still, and the prefetch around the place
// where it is let go. The drag is a press beside the client box (on the scrollbar, as the
// element's listener reads it) and a scroll write per animation frame, as a thumb moves; real
// thumb drags run in e2e/table.spec.ts.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { frames } from '../testing/mountVirtualList.ts';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const TOTAL = 1_000_000;
const PAGE = 100;

describe('a scrollbar drag through 1,000,000 rows', () => {
  it('requests nothing on the way, the pages on screen while held, the prefetch once let go', async () => {
    const { list, requested } = itemsList(TOTAL);
    // A longer settle than the default 150 ms: a slow frame under load is not a rest.
    const mounted = mount({ list, estimateSize: () => 36, text: title, isScrollingResetDelayMs: 400 });
    const element = mounted.viewport;
    // Stats are folded into the snapshot once per statsIntervalMs (1 s).
    const idle = () => expect(list.getSnapshot().stats.inFlight).toBe(0);
    await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));
    await vi.waitFor(idle, { timeout: 5_000 });
    const max = element.scrollHeight - element.clientHeight;
    const box = element.getBoundingClientRect();
    const press = () =>
      element.dispatchEvent(
        new PointerEvent('pointerdown', {
          clientX: box.left + element.clientWidth + 2,
          clientY: box.top + 5,
        }),
      );
    const release = () => window.dispatchEvent(new PointerEvent('pointerup'));
    /** Moves the thumb from one share of the track to another, one step per frame. */
    const drag = async (from: number, to: number) => {
      for (let step = 1; step <= 30; step++) {
        element.scrollTop = max * (from + ((to - from) * step) / 30);
        await frames(1);
      }
    };
    /** The pages of the rows rendered, and the first row on screen. */
    const rendered = () => {
      const rows = mounted.view.getSnapshot().rows.map((row) => row.index);
      return {
        first: Math.floor(Math.min(...rows) / PAGE),
        last: Math.floor(Math.max(...rows) / PAGE),
        top: mounted.visible()[0] ?? -1,
      };
    };
    const pages = (offsets: readonly number[]) => [...new Set(offsets.map((offset) => offset / PAGE))];
    requested.length = 0;

    // Held, moved through 70 % of the list: no request on the way.
    press();
    await drag(0, 0.7);
    expect(requested).toEqual([]);
    // Held still: the rows on screen load; only their pages were asked for.
    await vi.waitFor(() => {
      const { top } = rendered();
      expect(top / TOTAL).toBeCloseTo(0.7, 2);
      expect(loadedText(mounted, top)).toBe(item(top).title);
    });
    await vi.waitFor(idle, { timeout: 5_000 });
    await frames(2);
    const held = rendered();
    expect(pages(requested).length).toBeGreaterThan(0);
    for (const page of pages(requested)) {
      expect(page).toBeGreaterThanOrEqual(held.first);
      expect(page).toBeLessThanOrEqual(held.last);
    }

    // Let go where it rested: the prefetch around it follows (3 pages ahead of a downward drag).
    release();
    await vi.waitFor(() => expect(pages(requested)).toContain(held.last + 3));
    await vi.waitFor(idle, { timeout: 5_000 });
    for (const page of pages(requested)) {
      expect(page).toBeGreaterThanOrEqual(held.first - 1);
      expect(page).toBeLessThanOrEqual(held.last + 3);
    }

    // Grabbed again and dragged back to 25 %, let go as it arrives: again nothing on the way, then
    // the landing and its prefetch (3 pages ahead of an upward drag), and nothing else.
    requested.length = 0;
    press();
    await drag(0.7, 0.25);
    release();
    expect(requested).toEqual([]);
    await vi.waitFor(() => {
      const { top } = rendered();
      expect(top / TOTAL).toBeCloseTo(0.25, 2);
      expect(loadedText(mounted, top)).toBe(item(top).title);
    });
    const landed = rendered();
    await vi.waitFor(() => expect(pages(requested)).toContain(landed.first - 3));
    await vi.waitFor(idle, { timeout: 5_000 });
    for (const page of pages(requested)) {
      expect(page).toBeGreaterThanOrEqual(landed.first - 3);
      expect(page).toBeLessThanOrEqual(landed.last + 1);
    }
  });
});
