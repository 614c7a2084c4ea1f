// GridColumns' measured widths against live options, in real Chromium (ResizeObserver): a
// measurement outlives options that give its column the same estimate (an inline function
// made again each render), and gives way to a new estimate for its column (a resize, a reorder).
import { afterEach, expect, it, vi } from 'vitest';
import { createGridColumns } from './GridColumns.ts';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function place(width: number, column: number): HTMLDivElement {
  const element = document.createElement('div');
  element.dataset.column = String(column);
  Object.assign(element.style, { width: `${width}px`, height: '10px' });
  document.body.append(element);
  stops.push(() => element.remove());
  return element;
}

it('keeps a measured width while its estimate stays, and takes a new estimate for that column', async () => {
  const columns = createGridColumns({ count: 10, estimateWidth: () => 100 }, null);
  stops.push(() => columns.destroy());
  columns.measureElement(place(180, 3)); // its content made it wider than the estimate
  await vi.waitFor(() => expect(columns.widthOf(3)).toBe(180));

  columns.setOptions({ count: 10, estimateWidth: () => 100 }); // a new function, the same widths
  expect(columns.widthOf(3)).toBe(180);
  expect(columns.getSnapshot().totalWidth).toBe(1_080);

  columns.setOptions({ count: 10, estimateWidth: (column) => (column === 5 ? 60 : 100) });
  expect(columns.widthOf(3)).toBe(180); // another column resized

  columns.setOptions({ count: 10, estimateWidth: (column) => (column === 3 ? 250 : 100) });
  expect(columns.widthOf(3)).toBe(250);
  expect(columns.getSnapshot().totalWidth).toBe(1_150);
});

it('forgets measured widths of columns cut off by a smaller count, without asking the estimate for them', async () => {
  const widths = Array.from({ length: 10 }, () => 100);
  const columns = createGridColumns({ count: 10, estimateWidth: (column) => widths[column] ?? 100 }, null);
  stops.push(() => columns.destroy());
  columns.measureElement(place(180, 8));
  await vi.waitFor(() => expect(columns.widthOf(8)).toBe(180));
  const short = [100, 100, 100, 100, 100];
  const estimate = (column: number) => {
    const width = short[column];
    if (width === undefined) throw new Error(`no column ${column}`); // an app's COLUMNS[c].width
    return width;
  };
  columns.setOptions({ count: 5, estimateWidth: estimate });
  expect(columns.getSnapshot().totalWidth).toBe(500);
  columns.setOptions({ count: 10, estimateWidth: () => 100 });
  expect(columns.widthOf(8)).toBe(100); // column 8 of the new set is not the one measured
});

it('ignores a measured element whose data-column is not a column of the grid', async () => {
  const estimate = (column: number) => {
    if (column < 0 || column >= 10) throw new Error(`no column ${column}`); // an app's COLUMNS[c].width
    return 100;
  };
  const columns = createGridColumns({ count: 10, estimateWidth: estimate }, null);
  stops.push(() => columns.destroy());
  columns.measureElement(place(300, 12)); // a header cell left over from a wider grid
  columns.measureElement(place(300, -1));
  columns.measureElement(place(150, 4));
  await vi.waitFor(() => expect(columns.widthOf(4)).toBe(150));
  expect(columns.getSnapshot().totalWidth).toBe(1_050);
  expect(columns.getSnapshot().columns.every((column) => column.index >= 0 && column.index < 10)).toBe(true);
});

it('takes no width from a cell of a column out of range: the app estimate is not asked for it, the batch is kept', async () => {
  const titles = ['a', 'b', 'c'];
  const estimate = (column: number) => {
    if (titles[column] === undefined) throw new Error(`no column ${column}`); // an app's COLUMNS[c].width
    return 100;
  };
  const columns = createGridColumns({ count: 3, estimateWidth: estimate }, null);
  stops.push(() => columns.destroy());
  columns.measureElement(place(300, 4)); // a header cell left over from a wider grid
  columns.measureElement(place(150, 1));
  await vi.waitFor(() => expect(columns.widthOf(1)).toBe(150));
  columns.setOptions({ count: 6, estimateWidth: (column) => (column < 3 ? 100 : 80) });
  expect(columns.widthOf(4)).toBe(80);
  expect(columns.getSnapshot().totalWidth).toBe(100 + 150 + 100 + 3 * 80);
});
