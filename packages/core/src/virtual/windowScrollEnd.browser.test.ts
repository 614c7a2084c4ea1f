// A list that scrolls with the page, with the page's content BELOW it in view (issue #18, the end
// side of decision 0028; decision 0036): scroll positions past the list's end belong to the page.
// The window reaches the footer under the last row and is not written back to the list's end;
// nothing is scaled there, so a 1,000,000-row (scaled) list reaches it too and scrolls back 1:1.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showKeyedRows } from '../testing/keyedRows.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { idRowsList, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';

afterEach(runCleanups);

const HEADER = 300;
const FOOTER = 500;
const ROW = 36;

/** `total` rows `r0`, `r1`… keyed by id. */
const rowsList = (total: number) => idRowsList('window-scroll-end', total);

/** The page: a header, the list scrolling with the window, a footer below it. */
function mountInPage(total: number, anchor: 'start' | 'end' = 'start') {
  const list = rowsList(total);
  const header = document.createElement('header');
  header.style.height = `${HEADER}px`;
  const container = document.createElement('div');
  container.style.position = 'relative';
  const footer = document.createElement('footer');
  footer.style.height = `${FOOTER}px`;
  footer.style.background = 'tan';
  document.body.append(header, container, footer);
  const margin = () => container.getBoundingClientRect().top + window.scrollY;
  const view = createVirtualList({
    list,
    useWindowScroll: true,
    scrollMargin: margin,
    estimateSize: () => ROW,
    anchor,
  });
  const heights = new Map<string, number>();
  const { top, element } = showKeyedRows(view, container, (id) => heights.get(id) ?? ROW, [
    header,
    container,
    footer,
  ]);
  /** The id of a loaded row whose top is in the viewport's first 150 px (still in view after a step of 700 px). */
  const inView = () => {
    for (const row of container.children) {
      const { top: y } = row.getBoundingClientRect();
      if (row.textContent !== '' && y >= 0 && y < 150) return row.textContent ?? '';
    }
    throw new Error('no loaded row at the top of the viewport');
  };
  const bottomOfPage = () => document.documentElement.scrollHeight - window.innerHeight;
  return { list, view, top, footer, heights, element, inView, bottomOfPage };
}

describe('a window-scroll list with the page below it in view', () => {
  for (const total of [1_000, 1_000_000]) {
    it(`${total.toLocaleString('en')} rows: the very bottom shows the footer whole with the last row right above it, then scrolls back up 1:1`, async () => {
      const page = mountInPage(total);
      await vi.waitFor(() => expect(page.top('r3')).toBeDefined());
      if (total === 1_000_000) expect(page.view.getSnapshot().scaled).toBe(true);
      const last = `r${total - 1}`;
      // The End key's place: the window's bottom. Twice: the first jump loads the last page.
      for (let round = 0; round < 2; round++) {
        window.scrollTo({ top: page.bottomOfPage(), behavior: 'instant' });
        await vi.waitFor(() => expect(page.top(last)).toBeDefined());
        await frames(3);
      }
      const bottom = page.bottomOfPage();
      // Not written back to the list's end: the window stays where it was scrolled.
      expect(window.scrollY).toBe(bottom);
      const footer = page.footer.getBoundingClientRect();
      expect(footer.top).toBeGreaterThanOrEqual(0);
      expect(footer.bottom).toBeCloseTo(window.innerHeight, 0); // whole, at the viewport's bottom
      expect(page.top(last)).toBeCloseTo(footer.top - ROW, 0); // the last row right above it
      expect(page.view.getScrollOffset()).toBeGreaterThan(0);

      // Back up in steps, through the list's end: the rows in view move with the page, 1:1.
      for (const step of [200, FOOTER, 300, 700]) {
        const read = page.inView();
        const before = { row: page.top(read), footer: page.footer.getBoundingClientRect().top };
        window.scrollBy({ top: -step, behavior: 'instant' });
        await frames(3);
        expect(page.top(read)).toBeCloseTo((before.row ?? Number.NaN) + step, 0);
        expect(page.footer.getBoundingClientRect().top).toBeCloseTo(before.footer + step, 0);
      }
      expect(window.scrollY).toBe(bottom - 1_700); // never written back
    });
  }

  it('a row above the one read growing, with the footer in view, moves the page around the row read', async () => {
    const page = mountInPage(1_000);
    await vi.waitFor(() => expect(page.top('r3')).toBeDefined());
    window.scrollTo({ top: page.bottomOfPage(), behavior: 'instant' });
    await vi.waitFor(() => expect(page.top('r999')).toBeDefined());
    await frames(3);
    const read = `r${page.view.saveScroll().anchorKey}`;
    const above = `r${page.view.saveScroll().anchorKey - 2}`;
    const before = {
      read: page.top(read),
      footer: page.footer.getBoundingClientRect().top,
      y: window.scrollY,
    };
    expect(before.footer).toBeLessThan(window.innerHeight);
    expect(page.top(above)).toBeDefined();

    page.heights.set(above, ROW + 100); // an image above the row read loads: 100 px taller
    page.element(above)?.style.setProperty('height', `${ROW + 100}px`);
    await frames(4);
    expect(page.top(read)).toBe(before.read); // the row read keeps its pixel
    expect(page.footer.getBoundingClientRect().top).toBe(before.footer);
    expect(window.scrollY).toBe(before.y + 100); // the page moved by the growth, past the list's end
  });

  it("anchor: 'end' following the end with the footer in view: appended rows show above the footer, which stays put", async () => {
    const page = mountInPage(1_000, 'end');
    await vi.waitFor(() => expect(page.top('r999')).toBeDefined());
    window.scrollTo({ top: page.bottomOfPage(), behavior: 'instant' });
    await frames(3);
    const footer = page.footer.getBoundingClientRect().top;
    expect(footer).toBeLessThan(window.innerHeight - FOOTER / 2);
    expect(page.view.getSnapshot().atEnd).toBe(true);

    expect(page.list.append([{ id: 'r1000' }, { id: 'r1001' }, { id: 'r1002' }])).toBe(true);
    await vi.waitFor(() => expect(page.top('r1002')).toBeDefined());
    await frames(3);
    expect(page.footer.getBoundingClientRect().top).toBe(footer); // followed: the footer where it was
    expect(page.top('r1002')).toBe(footer - ROW); // the newest row right above it
    expect(window.scrollY).toBe(page.bottomOfPage());
  });
});
