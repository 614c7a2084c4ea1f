// scrollToIndex(i, { behavior: 'smooth' }) in real Chromium (issue #19 item 4): it flies over
// rows never measured nor loaded, lands exactly on the item however it is aligned, fetches only
// the pages at the destination, stops where it is when the user wheels, and is instant for a
// user who prefers reduced motion. Its duration grows with the distance shown: ~200 ms for a few
// rows, 600 ms at most, a long jump flying only its last 4 viewports (decision 0014 amended).
// The flight's code is a lazy chunk (decision 0027): the first smooth scroll-to of a page starts
// once it has loaded, timed from the call; a scroll-to or a user input meanwhile wins.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { frames } from '../testing/mountVirtualList.ts';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';
import { loadFlight } from './flightChunk.ts';
import type { VirtualRow } from './virtualSnapshot.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(() => {
  vi.restoreAllMocks();
  runCleanups();
});

const ESTIMATE = 36;
const VIEWPORT = 600;
/** Rows take their own size once loaded (never the estimate): 28, 46 or 64 px. */
const rowSize = (row: VirtualRow<unknown>) =>
  row.state.status === 'loaded' ? 28 + (row.index % 3) * 18 : row.size;

/** Waits until `read` has not changed for 10 frames; returns every value seen on the way. */
async function settled(read: () => number): Promise<number[]> {
  const seen = [read()];
  let still = 0;
  while (still < 10) {
    await frames(1);
    const now = read();
    still = Math.abs(now - (seen.at(-1) ?? now)) < 0.5 ? still + 1 : 0;
    seen.push(now);
  }
  return seen;
}

async function mounted(total: number, now?: () => number) {
  const { list, requested } = itemsList(total);
  const view = mount({ list, estimateSize: () => ESTIMATE, text: title, rowSize, ...(now ? { now } : {}) });
  await vi.waitFor(() => expect(loadedText(view, 0)).toBe(item(0).title));
  await settled(() => view.view.getScrollOffset());
  requested.length = 0;
  return { ...view, requested };
}

describe.each([
  ['1,000,000 rows', 1_000_000],
  ['100,000,000 rows', 100_000_000],
])('smooth scrollToIndex on %s', (_, total) => {
  it.each(['start', 'center', 'end'] as const)(
    "align '%s': flies there over several frames and lands exactly, fetching only at the destination",
    async (align) => {
      const list = await mounted(total);
      expect(list.view.getSnapshot().scaled).toBe(true);
      const target = Math.floor(total / 2) + 7;
      list.view.scrollToIndex(target, { align, behavior: 'smooth' });
      // The rows before its last 4 viewports are passed at once (decision 0014 amended): the
      // flight starts there, the rows on screen flown over from that point (once the flight's
      // chunk is there: decision 0027).
      await vi.waitFor(() => expect(list.view.getScrollOffset()).toBeGreaterThan(0));
      const start = list.view.getScrollOffset();
      const path = await settled(() => list.view.getScrollOffset());
      await vi.waitFor(() => expect(loadedText(list, target)).toBe(item(target).title));
      await settled(() => list.position(target) ?? Number.NaN);
      const size = list.element(target)?.getBoundingClientRect().height ?? 0;
      expect(size).toBe(28 + (target % 3) * 18); // measured, not the estimate
      const expected = { start: 0, center: (VIEWPORT - size) / 2, end: VIEWPORT - size }[align];
      // Exact at both sizes: Chromium rounds a scroll offset past 2^23 px to an even one (a write
      // of 8,420,099 gives 8,420,100), and the rows are laid out from where the element landed.
      expect(Math.abs((list.position(target) ?? Number.NaN) - expected)).toBeLessThanOrEqual(0.5);
      // Animated: positions strictly between the start and the end on the way, over the last
      // viewports only (4 of them from the estimates, more once the destination is measured).
      const end = path.at(-1) ?? 0;
      expect(end - start).toBeGreaterThan(3 * VIEWPORT);
      expect(end - start).toBeLessThan(6 * VIEWPORT); // not the 18,000,000 px before
      expect(path.filter((offset) => offset > start + 100 && offset < end - 100).length).toBeGreaterThan(2);
      // Nothing was fetched for the rows flown over: only pages around the destination.
      expect(list.requested.length).toBeGreaterThan(0);
      for (const offset of list.requested) expect(Math.abs(offset - target)).toBeLessThan(1_000);
    },
  );
});

describe('smooth scrollToIndex: the duration follows the distance shown (a clock the test moves)', () => {
  /** The list's clock: moved by the test only, so a flight's progress is exactly what it sets. */
  let clock = 0;
  beforeAll(async () => {
    // The flight's chunk (decision 0027) is loaded by the time the clock moves.
    await import('./smoothFlight.ts');
  });
  /** Moves the clock to `ms` and lets a few frames run there. */
  const at = async (ms: number) => {
    clock = ms;
    await frames(3);
  };

  it('a 3-row move is short: still on its way at 149 ms, landed exactly by 250 ms', async () => {
    clock = 0;
    const list = await mounted(1_000_000, () => clock);
    list.view.scrollToIndex(3, { align: 'start', behavior: 'smooth' });
    const landing = 28 + 46 + 64; // rows 0-2, measured
    await at(149);
    const midway = list.view.getScrollOffset();
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(landing - 1);
    await at(250);
    expect(list.view.getScrollOffset()).toBe(landing);
    expect(list.position(3)).toBeCloseTo(0, 0);
  });

  it('lands exactly when its last frames each move it less than half a pixel (frames 1 ms apart)', async () => {
    // A loaded machine's frames, or a fast display's, can come so close together that the eased
    // end moves the flight by less than half a pixel a frame: the element (on whole pixels) must
    // still end on the row, not where the last write that crossed half a pixel left it
    // (issue #19 item 4: React 18 runs of <LazyList> rested 1 px short).
    clock = 0;
    const list = await mounted(10_000, () => clock);
    list.view.scrollToIndex(12, { align: 'start', behavior: 'smooth' });
    const landing = [...Array(12).keys()].reduce((sum, row) => sum + 28 + (row % 3) * 18, 0);
    for (let ms = 0; ms <= 400; ms += ms < 200 ? 10 : 1) {
      clock = ms;
      await frames(1);
    }
    await at(10_000);
    expect(list.view.getScrollOffset()).toBe(landing);
    expect(Math.abs(list.position(12) ?? Number.NaN)).toBeLessThanOrEqual(0.5);
  });

  it('a 500,000-row jump shows only its last viewports: near the item from the first frame, on its way at 450 ms, landed at 600 ms, fetching only there', async () => {
    clock = 0;
    const list = await mounted(1_000_000, () => clock);
    const target = 500_000;
    list.view.scrollToIndex(target, { align: 'start', behavior: 'smooth' });
    await at(1);
    // The rows passed at once: what is rendered is within the 4 viewports before the item.
    const first = Math.min(...list.visible());
    expect(first).toBeGreaterThan(target - (4 * VIEWPORT) / 28);
    expect(first).toBeLessThan(target);
    await at(450);
    const on = list.position(target);
    expect(on === undefined || on > 10).toBe(true); // not there yet
    await at(600);
    await at(10_000); // the scroll settles: the destination's pages load
    await vi.waitFor(() => expect(loadedText(list, target)).toBe(item(target).title));
    await settled(() => list.position(target) ?? Number.NaN);
    expect(Math.abs(list.position(target) ?? Number.NaN)).toBeLessThanOrEqual(0.5);
    expect(list.requested.length).toBeGreaterThan(0);
    for (const offset of list.requested) expect(Math.abs(offset - target)).toBeLessThan(1_000);
  });
});

describe('smooth scrollToIndex, interrupted or not wanted', () => {
  beforeAll(async () => {
    // The flight's chunk (decision 0027) is the page's, as after a first smooth scroll-to: the
    // wheel case reads where the flight starts right after the call, which is only so once the
    // chunk is there (run alone with -t, nothing before it has loaded it).
    await new Promise<void>((loaded, failed) => loadFlight(loaded, failed));
  });
  it('a user wheel during the flight stops it where it is, and it does not resume', async () => {
    // A clock 40× slower than real time: the flight lasts long enough for a real wheel to land in it.
    const list = await mounted(1_000_000, () => performance.now() / 40);
    const target = 500_000;
    list.view.scrollToIndex(target, { align: 'start', behavior: 'smooth' });
    const start = list.view.getScrollOffset(); // 4 viewports before the item (decision 0014 amended)
    await vi.waitFor(() => expect(list.view.getScrollOffset()).toBeGreaterThan(start + 2), {
      timeout: 10_000,
    });
    list.viewport.dataset.testid = 'smooth-wheel';
    await userEvent.wheel(page.getByTestId('smooth-wheel'), { delta: { y: 200 } });
    const stopped = (await settled(() => list.view.getScrollOffset())).at(-1) ?? 0;
    await frames(30);
    expect(list.view.getScrollOffset()).toBe(stopped);
    // Stopped on the way: short of the item by most of the 4 viewports it was to fly.
    expect(stopped).toBeLessThan(start + 2 * VIEWPORT);
    const position = list.position(target);
    expect(position === undefined || position > VIEWPORT).toBe(true);
  });

  it('an instant scroll-to right after a smooth one wins, however soon the flight would start', async () => {
    const list = await mounted(1_000_000);
    list.view.scrollToIndex(500_000, { align: 'start', behavior: 'smooth' });
    list.view.scrollToIndex(20, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(list, 20)).toBe(item(20).title));
    const path = await settled(() => list.position(20) ?? Number.NaN);
    expect(list.position(20)).toBeCloseTo(0, 0);
    expect(list.view.getScrollOffset()).toBeLessThan(20 * 64);
    // Never flew off afterwards: the flight ended when the instant one came.
    expect(path.every((at) => Number.isNaN(at) || Math.abs(at) < 2 * VIEWPORT)).toBe(true);
  });

  it('prefers-reduced-motion: the same call jumps at once', async () => {
    const matchMedia = window.matchMedia.bind(window);
    vi.spyOn(window, 'matchMedia').mockImplementation((query) =>
      query.includes('prefers-reduced-motion')
        ? ({ matches: true, media: query } as MediaQueryList)
        : matchMedia(query),
    );
    const list = await mounted(1_000_000);
    list.view.scrollToIndex(300_000, { align: 'start', behavior: 'smooth' });
    // Before any frame: there already (give or take the rows measured at the top, 28–64 px, not 36).
    expect(Math.abs(list.view.getScrollOffset() - 300_000 * ESTIMATE)).toBeLessThan(1_000);
    await vi.waitFor(() => expect(loadedText(list, 300_000)).toBe(item(300_000).title));
    await settled(() => list.position(300_000) ?? Number.NaN);
    expect(list.position(300_000)).toBeCloseTo(0, 0);
  });

  it('a bad behavior is a TypeError naming the option, and the list stays where it was', async () => {
    const list = await mounted(10_000);
    expect(() => list.view.scrollToIndex(5_000, { behavior: 'fast' as unknown as 'smooth' })).toThrow(
      /scrollToIndex behavior must be 'auto' or 'smooth', got fast/,
    );
    await frames(3);
    expect(list.view.getScrollOffset()).toBe(0);
    expect(loadedText(list, 0)).toBe(item(0).title);
  });
});
