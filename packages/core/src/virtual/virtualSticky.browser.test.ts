// Scroll padding (a header and a footer inside the scroller) and sticky section rows, in real
// Chromium: positions read from the screen after real scrolls and jumps.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keyboardNavigation } from '../keyboard/index.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, type Item, item, itemsList, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';
import { stickyRows } from './stickyImport.ts';
import type { VirtualListOptions } from './virtualListOptions.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const HEADER = 40;
const FOOTER = 30;
const ROW = 36;

/**
 * A 600 px scroller with a sticky header and footer in its content, rendering sticky rows the way
 * docs/virtual-list.md says: a box over `row.sticky`, the row inside it `position: sticky`.
 */
function mountWithHeader(options: Omit<VirtualListOptions<Item>, 'scrollElement'>) {
  const viewport = document.createElement('div');
  Object.assign(viewport.style, { height: '600px', width: '400px', overflow: 'auto', position: 'relative' });
  const spacer = document.createElement('div');
  spacer.style.position = 'relative';
  const header = document.createElement('div');
  Object.assign(header.style, {
    position: 'sticky',
    top: '0',
    height: `${HEADER}px`,
    zIndex: '2',
    background: '#ccc',
  });
  const footer = document.createElement('div');
  Object.assign(footer.style, {
    position: 'sticky',
    top: `${600 - FOOTER}px`,
    height: `${FOOTER}px`,
    zIndex: '2',
    background: '#ccc',
  });
  spacer.append(header, footer);
  viewport.append(spacer);
  document.body.append(viewport);
  const view = createVirtualList({ sticky: stickyRows, ...options, scrollElement: viewport });
  const rows = new Map<string | number, { outer: HTMLElement; inner: HTMLElement; stop?: () => void }>();
  const render = () => {
    const snapshot = view.getSnapshot();
    spacer.style.height = `${snapshot.totalSize}px`;
    const seen = new Set<string | number>();
    for (const row of snapshot.rows) {
      seen.add(row.key);
      let entry = rows.get(row.key);
      if (entry === undefined) {
        const outer = document.createElement('div');
        const inner = document.createElement('div');
        inner.tabIndex = -1;
        outer.append(inner);
        spacer.append(outer);
        entry = { outer, inner };
        rows.set(row.key, entry);
      }
      const { outer, inner } = entry;
      inner.dataset.index = String(row.index);
      inner.dataset.state = row.state.status;
      inner.textContent = row.state.status === 'loaded' ? row.state.item.title : '…';
      inner.style.height = `${ROW}px`;
      Object.assign(outer.style, { position: 'absolute', top: '0', left: '0', width: '100%' });
      if (row.sticky === undefined) {
        outer.style.transform = `translateY(${row.start}px)`;
        outer.style.top = '0';
        outer.style.height = '';
        outer.style.zIndex = '';
        Object.assign(inner.style, { position: '', top: '' });
      } else {
        // `top`, not a transform: sticky offsets are computed without the ancestors' transforms.
        outer.style.transform = '';
        outer.style.top = `${row.sticky.start}px`;
        outer.style.height = `${row.sticky.end - row.sticky.start}px`;
        outer.style.zIndex = '1';
        Object.assign(inner.style, { position: 'sticky', top: `${HEADER}px`, background: '#eee' });
      }
      if (entry.stop === undefined) entry.stop = view.measureElement(inner) ?? (() => {});
    }
    for (const [key, entry] of rows) {
      if (seen.has(key)) continue;
      entry.stop?.();
      entry.outer.remove();
      rows.delete(key);
    }
  };
  const unsubscribe = view.subscribe(render);
  render();
  cleanups.push(() => {
    unsubscribe();
    view.destroy();
    viewport.remove();
  });
  const element = (index: number) => spacer.querySelector<HTMLElement>(`[data-index="${index}"]`);
  return {
    view,
    viewport,
    element,
    /** Top of an item's element from the scroller's top, px. */
    position(index: number): number | undefined {
      const found = element(index);
      return found === null
        ? undefined
        : found.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
    },
    text: (index: number) =>
      element(index)?.dataset.state === 'loaded' ? element(index)?.textContent : undefined,
  };
}

const sections = (count: number, every: number) =>
  Array.from({ length: Math.ceil(count / every) }, (_, i) => i * every);

describe('scroll padding', () => {
  it.each([
    ['start', HEADER],
    ['center', HEADER + (600 - HEADER - FOOTER) / 2 - ROW / 2],
    ['end', 600 - FOOTER - ROW],
  ] as const)(
    'scrollToIndex(5,000, %s) puts the row at %f px: below the header, above the footer',
    async (align, top) => {
      const { list } = itemsList(10_000);
      const mounted = mountWithHeader({
        list,
        estimateSize: () => ROW,
        scrollPaddingStart: HEADER,
        scrollPaddingEnd: FOOTER,
      });
      await vi.waitFor(() => expect(mounted.text(0)).toBe(item(0).title));
      expect(mounted.position(0)).toBeCloseTo(HEADER, 0);
      mounted.view.scrollToIndex(5_000, { align });
      await vi.waitFor(() => expect(mounted.text(5_000)).toBe(item(5_000).title));
      await frames();
      expect(mounted.position(5_000)).toBeCloseTo(top, 0);
    },
  );

  it('the last row of a 100,000,000-row list ends above the footer', async () => {
    const { list } = itemsList(100_000_000);
    const mounted = mountWithHeader({
      list,
      estimateSize: () => ROW,
      scrollPaddingStart: HEADER,
      scrollPaddingEnd: FOOTER,
    });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().scaled).toBe(true));
    mounted.view.scrollToIndex(99_999_999, { align: 'end' });
    await vi.waitFor(() => expect(mounted.text(99_999_999)).toBe(item(99_999_999).title));
    await frames();
    expect(mounted.position(99_999_999)).toBeCloseTo(600 - FOOTER - ROW, 0);
  });

  it('keyboard focus moves rows out from under the header and the footer', async () => {
    const { list } = itemsList(1_000);
    const mounted = mountWithHeader({
      list,
      estimateSize: () => ROW,
      scrollPaddingStart: HEADER,
      scrollPaddingEnd: FOOTER,
      keyboard: keyboardNavigation,
    });
    mounted.viewport.addEventListener('keydown', (event) => mounted.view.onKeyDown(event));
    await vi.waitFor(() => expect(mounted.text(0)).toBe(item(0).title));
    mounted.viewport.scrollTop = 100 * ROW; // row 100 right below the header, row 99 under it
    await frames(3);
    expect(mounted.position(100)).toBeCloseTo(HEADER, 0);
    mounted.element(100)?.focus();
    const press = async (key: string) => {
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
      );
      await frames(2);
      return Number((document.activeElement as HTMLElement | null)?.dataset.index);
    };
    expect(await press('ArrowUp')).toBe(99);
    expect(mounted.position(99)).toBeCloseTo(HEADER, 0);
    // 530 px clear: rows 99–112 are whole in it; ArrowDown to 113 scrolls it above the footer.
    for (let i = 0; i < 14; i++) await press('ArrowDown');
    expect(Number((document.activeElement as HTMLElement).dataset.index)).toBe(113);
    expect(mounted.position(113)).toBeCloseTo(600 - FOOTER - ROW, 0);
    expect(await press('End')).toBe(999);
    expect(mounted.position(999)).toBeCloseTo(600 - FOOTER - ROW, 0);
  });
});

describe('sticky rows', () => {
  it('the section row stays below the header while its section scrolls; the next one pushes it up', async () => {
    const { list } = itemsList(10_000);
    const stickyIndexes = sections(10_000, 100);
    const mounted = mountWithHeader({
      list,
      estimateSize: () => ROW,
      scrollPaddingStart: HEADER,
      stickyIndexes,
    });
    await vi.waitFor(() => expect(mounted.text(0)).toBe(item(0).title));
    expect(mounted.position(0)).toBeCloseTo(HEADER, 0);
    mounted.viewport.scrollTop = 150 * ROW; // row 150 at the top of the clear area
    await frames(3);
    expect(mounted.position(150)).toBeCloseTo(HEADER, 0);
    expect(mounted.position(100)).toBeCloseTo(HEADER, 0); // 50 rows up, still rendered and pinned
    expect(mounted.text(100)).toBe(item(100).title);
    expect(mounted.position(0)).toBeUndefined();
    // Row 200 reaches 10 px into the pinned row 100: it pushes it up by 10 px.
    mounted.viewport.scrollTop = HEADER + 200 * ROW - (HEADER + ROW - 10);
    await frames(3);
    expect(mounted.position(200)).toBeCloseTo(HEADER + ROW - 10, 0);
    expect(mounted.position(100)).toBeCloseTo(HEADER - 10, 0);
    // Past it, row 200 is the pinned one.
    mounted.viewport.scrollTop += 300;
    await frames(3);
    expect(mounted.position(200)).toBeCloseTo(HEADER, 0);
  });

  it('a jump to row 800,500 of 100,000,000 shows its section row 800,000, never measured, with its data', async () => {
    const { list } = itemsList(100_000_000);
    const stickyIndexes = sections(100_000_000, 1_000);
    const mounted = mountWithHeader({
      list,
      estimateSize: () => ROW,
      scrollPaddingStart: HEADER,
      stickyIndexes,
    });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().scaled).toBe(true));
    mounted.view.scrollToIndex(800_500, { align: 'start' });
    // Its page is not in the window: fetched in the background, shown within statsIntervalMs (1 s).
    await vi.waitFor(() => expect(mounted.text(800_000)).toBe(item(800_000).title), { timeout: 3_000 });
    await vi.waitFor(() => expect(mounted.text(800_500)).toBe(item(800_500).title));
    await frames();
    expect(mounted.position(800_000)).toBeCloseTo(HEADER, 0);
    // The target row is aligned below its section's row, not under it.
    expect(mounted.position(800_500)).toBeCloseTo(HEADER + ROW, 0);
    // A wheel-sized scroll down keeps the section row pinned (the compositor moves it, not a render).
    mounted.viewport.scrollTop += 2_000;
    await frames(3);
    expect(mounted.position(800_000)).toBeCloseTo(HEADER, 0);
  });

  it('setOptions takes new sticky indexes live', async () => {
    const { list } = itemsList(1_000);
    const mounted = mountWithHeader({
      list,
      estimateSize: () => ROW,
      scrollPaddingStart: HEADER,
      stickyIndexes: [0],
    });
    await vi.waitFor(() => expect(mounted.text(0)).toBe(item(0).title));
    mounted.viewport.scrollTop = 300 * ROW;
    await frames(3);
    expect(
      mounted.view
        .getSnapshot()
        .rows.filter((row) => row.sticky !== undefined)
        .map((row) => row.index),
    ).toEqual([0]);
    mounted.view.setOptions({ stickyIndexes: [0, 250] });
    await vi.waitFor(() => expect(mounted.text(250)).toBe(item(250).title), { timeout: 3_000 }); // background page
    expect(
      mounted.view
        .getSnapshot()
        .rows.filter((row) => row.sticky !== undefined)
        .map((row) => row.index),
    ).toEqual([250]);
  });
});
