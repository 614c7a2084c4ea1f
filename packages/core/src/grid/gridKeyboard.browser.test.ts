// createGridKeyboard in real Chromium, wired as a plain DOM grid wires it: a virtual list's rows
// (keyboard: keyboardNavigation) and createGridColumns' columns rendered into one scroller, the
// key and focus handlers on the scroller, `rendered()` after each render.
import { afterEach, expect, it } from 'vitest';
import { keyboardNavigation } from '../keyboard/index.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { arraySource } from '../testing/arraySource.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { createVirtualList } from '../virtual/createVirtualList.ts';
import { createGridColumns } from './GridColumns.ts';
import { createGridKeyboard, type GridCell } from './gridKeyboard.ts';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0).reverse()) stop();
});

const ROWS = 10_000;
const COLUMNS = 200;

/** An 800 × 400 grid of 30 px rows and 100 px columns, rendered from the view's and columns' snapshots. */
function mountGrid() {
  const scroller = document.createElement('div');
  Object.assign(scroller.style, { width: '800px', height: '400px', overflow: 'auto', position: 'relative' });
  const content = document.createElement('div');
  content.style.position = 'relative';
  scroller.append(content);
  document.body.append(scroller);
  const rows = Array.from({ length: ROWS }, (_, id) => ({ id }));
  const list = createLazyList({ key: ['grid-keys'], source: arraySource(rows, { pageSize: 100 }) });
  const view = createVirtualList({
    list,
    scrollElement: scroller,
    estimateSize: () => 30,
    keyboard: keyboardNavigation,
  });
  const columns = createGridColumns({ count: COLUMNS, estimateWidth: 100, overscan: 1 }, scroller);
  const keys = createGridKeyboard({ columns, rows: view });
  const render = () => {
    const { rows: shown, totalSize } = view.getSnapshot();
    const { columns: cells, totalWidth } = columns.getSnapshot();
    const focused = keys.getSnapshot();
    Object.assign(content.style, { height: `${totalSize}px`, width: `${totalWidth}px` });
    // Elements that stay are never moved (a moved element loses focus): stale ones go, new ones are appended.
    const shownRows = new Set(shown.map((row) => String(row.index)));
    for (const element of [...content.children] as HTMLElement[])
      if (!shownRows.has(element.dataset.index ?? '')) element.remove();
    for (const row of shown) {
      let rowElement = content.querySelector<HTMLElement>(`:scope > [data-index="${row.index}"]`);
      if (rowElement === null) {
        rowElement = document.createElement('div');
        rowElement.dataset.index = String(row.index);
        rowElement.tabIndex = -1;
        content.append(rowElement);
      }
      Object.assign(rowElement.style, {
        position: 'absolute',
        top: '0',
        left: '0',
        height: `${row.size}px`,
        width: `${totalWidth}px`,
        transform: `translateY(${row.start}px)`,
      });
      const shownColumns = new Set(cells.map((column) => String(column.index)));
      for (const element of [...rowElement.children] as HTMLElement[])
        if (!shownColumns.has(element.dataset.column ?? '')) element.remove();
      for (const column of cells) {
        let cell = rowElement.querySelector<HTMLElement>(`:scope > [data-column="${column.index}"]`);
        if (cell === null) {
          cell = document.createElement('div');
          cell.dataset.column = String(column.index);
          cell.textContent = `r${row.index}c${column.index}`;
          rowElement.append(cell);
        }
        cell.tabIndex = row.index === focused.row && column.index === focused.column ? 0 : -1;
        Object.assign(cell.style, {
          position: 'absolute',
          left: `${column.start}px`,
          width: `${column.size}px`,
        });
      }
    }
    view.commit();
    keys.rendered();
  };
  stops.push(view.subscribe(render), columns.subscribe(render), keys.subscribe(render));
  stops.push(() => {
    keys.destroy();
    columns.destroy();
    view.destroy();
    list.destroy();
    scroller.remove();
  });
  scroller.addEventListener('keydown', keys.onKeyDown);
  scroller.addEventListener('focusin', keys.onFocus);
  render();
  const cell = (row: number, column: number) =>
    scroller.querySelector<HTMLElement>(`[data-index="${row}"] [data-column="${column}"]`);
  const press = async (key: string, ctrlKey = false) => {
    const event = new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(event);
    await frames(3);
    return event;
  };
  const focusedCell = (): GridCell | null => {
    const active = document.activeElement as HTMLElement | null;
    const row = active?.closest<HTMLElement>('[data-index]')?.dataset.index;
    const column = active?.dataset.column;
    return row === undefined || column === undefined ? null : { row: Number(row), column: Number(column) };
  };
  return { scroller, keys, cell, press, focusedCell };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await frames(1);
  expect(check()).toBe(true);
}

it('moves the focus one column with the arrows and to the row ends with Home/End, scrolling the column into view', async () => {
  const grid = mountGrid();
  await until(() => grid.cell(2, 1) !== null);
  grid.cell(2, 1)?.focus();
  expect(grid.keys.getSnapshot()).toEqual({ row: 2, column: 1 });

  const right = await grid.press('ArrowRight');
  expect(right.defaultPrevented).toBe(true);
  expect(grid.focusedCell()).toEqual({ row: 2, column: 2 });
  expect(grid.keys.getSnapshot()).toEqual({ row: 2, column: 2 });
  expect(grid.cell(2, 2)?.tabIndex).toBe(0);
  expect(grid.cell(2, 1)?.tabIndex).toBe(-1);

  // The last column is not rendered before the key: it is scrolled to and focused once rendered.
  expect(grid.cell(2, COLUMNS - 1)).toBeNull();
  await grid.press('End');
  await until(() => grid.focusedCell()?.column === COLUMNS - 1);
  expect(grid.focusedCell()).toEqual({ row: 2, column: COLUMNS - 1 });
  const box = (grid.cell(2, COLUMNS - 1) as HTMLElement).getBoundingClientRect();
  const outer = grid.scroller.getBoundingClientRect();
  expect(box.right).toBeLessThanOrEqual(outer.left + grid.scroller.clientWidth + 0.5);
  expect(box.left).toBeGreaterThanOrEqual(outer.left - 0.5);

  await grid.press('ArrowRight'); // at the last column: stays
  expect(grid.focusedCell()).toEqual({ row: 2, column: COLUMNS - 1 });
  await grid.press('ArrowLeft');
  expect(grid.focusedCell()).toEqual({ row: 2, column: COLUMNS - 2 });
  await grid.press('Home');
  await until(() => grid.focusedCell()?.column === 0);
  expect(grid.scroller.scrollLeft).toBe(0);
});

it('hands row keys to the list, and the row it focuses on to the cell in the same column', async () => {
  const grid = mountGrid();
  await until(() => grid.cell(0, 3) !== null);
  grid.cell(0, 3)?.focus();
  await grid.press('ArrowDown');
  expect(grid.focusedCell()).toEqual({ row: 1, column: 3 });
  await grid.press('PageDown');
  const paged = grid.focusedCell();
  expect(paged?.column).toBe(3);
  expect(paged?.row).toBeGreaterThan(5); // a viewport of 400 px holds 13 rows of 30 px
  await grid.press('End', true); // Ctrl+End: the last row, same column
  await until(() => grid.focusedCell()?.row === ROWS - 1);
  expect(grid.focusedCell()).toEqual({ row: ROWS - 1, column: 3 });
  expect(grid.keys.getSnapshot()).toEqual({ row: ROWS - 1, column: 3 });
  await grid.press('Home', true);
  await until(() => grid.focusedCell()?.row === 0);
  expect(grid.focusedCell()).toEqual({ row: 0, column: 3 });
});

it('follows the focus into a cell or an element inside one, tells listeners only of a new cell, and ignores keys outside cells', async () => {
  const grid = mountGrid();
  await until(() => grid.cell(4, 2) !== null);
  let told = 0;
  stops.push(grid.keys.subscribe(() => (told += 1)));
  grid.cell(4, 2)?.focus();
  expect([grid.keys.getSnapshot(), told]).toEqual([{ row: 4, column: 2 }, 1]);
  const before = grid.keys.getSnapshot();
  grid.cell(4, 2)?.blur();
  grid.cell(4, 2)?.focus(); // the same cell again: nothing new
  expect(told).toBe(1);
  expect(grid.keys.getSnapshot()).toBe(before);

  // An input inside cell (5, 1) (an editor): the cell holding it is the focused one.
  const input = document.createElement('input');
  grid.cell(5, 1)?.append(input);
  input.focus();
  expect(grid.keys.getSnapshot()).toEqual({ row: 5, column: 1 });

  // A key on the scroller itself (no cell): not handled, focus and cell unchanged.
  grid.scroller.tabIndex = 0;
  grid.scroller.focus();
  const key = await grid.press('ArrowRight');
  expect(key.defaultPrevented).toBe(false);
  expect(grid.keys.getSnapshot()).toEqual({ row: 5, column: 1 });
  expect(document.activeElement).toBe(grid.scroller);
});
