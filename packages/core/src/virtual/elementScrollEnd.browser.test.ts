// A list inside its own scroll element with more content BELOW it in that element (a footer, a
// "load older" line, a form): the end side of decision 0036 for element scrollers (decision
// 0070). The element's scroll extent past the list's end is read from the DOM, as the window's is
// from the document: the footer is reached 1:1, also in a 1,000,000-row (scaled) list, and the
// element is not written back to the list's end. A list that is the element's only content is
// unchanged.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showKeyedRows } from '../testing/keyedRows.ts';
import { frames, mountVirtualList } from '../testing/mountVirtualList.ts';
import { cleanups, idRowsList, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';

afterEach(runCleanups);

const VIEWPORT = 600;
const FOOTER = 250;
const ROW = 36;

/** `total` rows `r0`, `r1`… keyed by id. */
const rowsList = (total: number) => idRowsList('element-scroll-end', total);

/**
 * A 600 px scroll element holding the list and, with `footer`, a footer below it (no option
 * tells the list about it). Row tops and the footer's are read from the element's top.
 */
function mountInElement(
  total: number,
  options: { footer?: boolean; anchor?: 'start' | 'end'; rowSize?: number } = {},
) {
  const row = options.rowSize ?? ROW;
  const list = rowsList(total);
  const scroller = document.createElement('div');
  Object.assign(scroller.style, { height: `${VIEWPORT}px`, width: '400px', overflow: 'auto' });
  const container = document.createElement('div');
  // Each row's text inside its box, also in a row shrunk to 16 px: text overflowing the last row
  // would add to the element's scroll extent (it is content below the list's end).
  Object.assign(container.style, { position: 'relative', fontSize: '10px', lineHeight: '12px' });
  const footer = document.createElement('footer');
  footer.style.height = `${FOOTER}px`;
  footer.style.background = 'tan';
  scroller.append(container);
  if (options.footer !== false) scroller.append(footer);
  document.body.append(scroller);
  const view = createVirtualList({
    list,
    scrollElement: scroller,
    estimateSize: () => row,
    anchor: options.anchor ?? 'start',
  });
  const heights = new Map<string, number>();
  const rows = showKeyedRows(view, container, (id) => heights.get(id) ?? row, [scroller]);
  const origin = () => scroller.getBoundingClientRect().top;
  const top = (id: string) => {
    const y = rows.top(id);
    return y === undefined ? undefined : y - origin();
  };
  const footerTop = () => footer.getBoundingClientRect().top - origin();
  /** The id of a loaded row whose top is in the element's first 150 px (still in view after a step of 400 px). */
  const inView = () => {
    for (const element of container.children) {
      const y = element.getBoundingClientRect().top - origin();
      if (element.textContent !== '' && y >= 0 && y < 150) return element.textContent ?? '';
    }
    throw new Error('no loaded row at the top of the element');
  };
  const bottom = () => scroller.scrollHeight - scroller.clientHeight;
  return { list, view, scroller, top, footerTop, heights, element: rows.element, inView, bottom };
}

/** Scrolls the element to its very bottom twice (the first jump loads the last page) and waits for `last`. */
async function toBottom(mounted: ReturnType<typeof mountInElement>, last: string) {
  for (let round = 0; round < 2; round++) {
    mounted.scroller.scrollTop = mounted.bottom();
    await vi.waitFor(() => expect(mounted.top(last)).toBeDefined());
    await frames(3);
  }
}

describe('a list in a scroll element with a footer below it in the element', () => {
  for (const total of [1_000, 1_000_000]) {
    it(`${total.toLocaleString('en')} rows: the very bottom shows the footer whole with the last row right above it, then scrolls back up 1:1`, async () => {
      const mounted = mountInElement(total);
      await vi.waitFor(() => expect(mounted.top('r3')).toBeDefined());
      if (total === 1_000_000) expect(mounted.view.getSnapshot().scaled).toBe(true);
      const last = `r${total - 1}`;
      await toBottom(mounted, last);
      const bottom = mounted.bottom();
      // Not written back to the list's end: the element stays where it was scrolled.
      expect(mounted.scroller.scrollTop).toBe(bottom);
      expect(mounted.footerTop()).toBeCloseTo(VIEWPORT - FOOTER, 0); // whole, at the element's bottom
      expect(mounted.top(last)).toBeCloseTo(VIEWPORT - FOOTER - ROW, 0); // the last row right above it

      // Back up by wheel-sized steps, through the list's end: rows and footer move 1:1.
      for (const step of [100, FOOTER, 120, 400]) {
        const read = mounted.inView();
        const before = { row: mounted.top(read), footer: mounted.footerTop() };
        mounted.scroller.scrollBy({ top: -step, behavior: 'instant' });
        await frames(3);
        expect(mounted.top(read)).toBeCloseTo((before.row ?? Number.NaN) + step, 0);
        expect(mounted.footerTop()).toBeCloseTo(before.footer + step, 0);
      }
      expect(mounted.scroller.scrollTop).toBe(bottom - 870); // never written back
      // The rows there are the right ones: the row at the element's top is where its index says.
      const read = mounted.inView();
      const index = Number(read.slice(1));
      expect(mounted.top(read)).toBeCloseTo(VIEWPORT - FOOTER + 870 - (total - index) * ROW, 0);
    });
  }

  it('a row above the one read growing, with the footer in view, moves the element around the row read', async () => {
    const mounted = mountInElement(1_000);
    await vi.waitFor(() => expect(mounted.top('r3')).toBeDefined());
    await toBottom(mounted, 'r999');
    const read = `r${mounted.view.saveScroll().anchorKey}`;
    const above = `r${mounted.view.saveScroll().anchorKey - 2}`;
    const before = { read: mounted.top(read), footer: mounted.footerTop(), y: mounted.scroller.scrollTop };
    expect(before.footer).toBeLessThan(VIEWPORT);
    expect(mounted.top(above)).toBeDefined();

    mounted.heights.set(above, ROW + 100); // an image above the row read loads: 100 px taller
    mounted.element(above)?.style.setProperty('height', `${ROW + 100}px`);
    await frames(4);
    expect(mounted.top(read)).toBe(before.read); // the row read keeps its pixel
    expect(mounted.footerTop()).toBe(before.footer);
    expect(mounted.scroller.scrollTop).toBe(before.y + 100); // moved by the growth, past the list's end
  });

  it("anchor: 'end' following the end with the footer in view: appended rows show above the footer, which stays put", async () => {
    const mounted = mountInElement(1_000, { anchor: 'end' });
    await vi.waitFor(() => expect(mounted.top('r999')).toBeDefined());
    mounted.scroller.scrollTop = mounted.bottom();
    await frames(3);
    const footer = mounted.footerTop();
    expect(footer).toBeCloseTo(VIEWPORT - FOOTER, 0);
    expect(mounted.view.getSnapshot().atEnd).toBe(true);

    expect(mounted.list.append([{ id: 'r1000' }, { id: 'r1001' }, { id: 'r1002' }])).toBe(true);
    await vi.waitFor(() => expect(mounted.top('r1002')).toBeDefined());
    await frames(3);
    expect(mounted.footerTop()).toBe(footer); // followed: the footer where it was
    expect(mounted.top('r1002')).toBe(footer - ROW); // the newest row right above it
    expect(mounted.scroller.scrollTop).toBe(mounted.bottom());
  });
});

describe('a list that is its scroll element only content', () => {
  for (const [total, rowSize] of [
    [1_000, ROW],
    [1_000_000, ROW],
    [1_000, 36.4], // a fractional total: the element's extent is rounded
  ] as const) {
    it(`${total.toLocaleString('en')} rows of ${rowSize} px: the very bottom is the last row's end, and the end is held as before`, async () => {
      const mounted = mountInElement(total, { footer: false, rowSize });
      await vi.waitFor(() => expect(mounted.top('r3')).toBeDefined());
      const last = `r${total - 1}`;
      await toBottom(mounted, last);
      expect(mounted.scroller.scrollTop).toBeCloseTo(mounted.bottom(), 0);
      expect((mounted.top(last) ?? Number.NaN) + rowSize).toBeCloseTo(VIEWPORT, 0);

      // The last rows shrink while the end is in view: the view stays at the (new) end, no gap.
      const read = `r${mounted.view.saveScroll().anchorKey}`;
      mounted.heights.set(last, rowSize - 20);
      mounted.element(last)?.style.setProperty('height', `${rowSize - 20}px`);
      await frames(4);
      expect((mounted.top(last) ?? Number.NaN) + rowSize - 20).toBeCloseTo(VIEWPORT, 0);
      expect(mounted.top(read)).toBeDefined();
      expect(mounted.scroller.scrollTop).toBeCloseTo(mounted.bottom(), 0);
    });
  }
});

describe('a horizontal list in a scroll element with content after it', () => {
  it('1,000 columns: the far right shows the content after the list whole, the last column right before it, and steps back move 1:1', async () => {
    const WIDE = 180;
    const mounted = mountVirtualList({
      list: rowsList(1_000),
      horizontal: true,
      viewport: VIEWPORT,
      estimateSize: () => 80,
      text: (row) => row.id,
    });
    cleanups.push(() => mounted.unmount());
    const after = document.createElement('aside');
    Object.assign(after.style, { flex: 'none', width: `${WIDE}px`, height: '100%', background: 'tan' });
    Object.assign(mounted.viewport.style, { display: 'flex' });
    mounted.spacer.style.flex = 'none';
    mounted.viewport.append(after);
    const { viewport } = mounted;
    const left = () => after.getBoundingClientRect().left - viewport.getBoundingClientRect().left;
    await vi.waitFor(() => expect(mounted.position(3)).toBe(240));
    for (let round = 0; round < 2; round++) {
      viewport.scrollLeft = viewport.scrollWidth - viewport.clientWidth;
      await vi.waitFor(() => expect(mounted.position(999)).toBeDefined());
      await frames(3);
    }
    const end = viewport.scrollWidth - viewport.clientWidth;
    expect(viewport.scrollLeft).toBe(end); // not written back to the list's end
    expect(left()).toBeCloseTo(VIEWPORT - WIDE, 0);
    expect(mounted.position(999)).toBeCloseTo(VIEWPORT - WIDE - 80, 0);
    for (const step of [100, WIDE, 150]) {
      const before = { column: mounted.position(995) ?? Number.NaN, after: left() };
      viewport.scrollBy({ left: -step, behavior: 'instant' });
      await frames(3);
      expect(mounted.position(995)).toBeCloseTo(before.column + step, 0);
      expect(left()).toBeCloseTo(before.after + step, 0);
    }
    expect(viewport.scrollLeft).toBe(end - 430);
  });
});
