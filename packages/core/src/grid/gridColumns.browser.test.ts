// GridColumns and the rows' scroll listener on the same element, in real Chromium (issue #19
// item 7): the columns are read in the capture phase, before any other scroll listener of the
// scroller runs (the rows' list, whose render would dirty the layout), so a render started
// there already has the new columns; listeners hear of them after.
import { afterEach, expect, it } from 'vitest';
import { createGridColumns } from './GridColumns.ts';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** An 800 × 400 scroller over 1,000 columns of 100 px and 10,000 rows of 30 px. */
function scroller(): HTMLDivElement {
  const element = document.createElement('div');
  Object.assign(element.style, { width: '800px', height: '400px', overflow: 'auto' });
  const content = document.createElement('div');
  Object.assign(content.style, { width: '100000px', height: '300000px' });
  element.append(content);
  document.body.append(element);
  stops.push(() => element.remove());
  return element;
}

const scrolled = (element: HTMLElement) =>
  new Promise<void>((resolve) => element.addEventListener('scroll', () => resolve(), { once: true }));

it('a listener registered before the columns already reads the new columns in the same scroll event', async () => {
  const element = scroller();
  const seen: number[] = [];
  // Registered first, as the rows' list is: it runs before the columns' own bubble listener.
  let columns: ReturnType<typeof createGridColumns> | null = null;
  element.addEventListener('scroll', () => seen.push(columns?.getSnapshot().columns[0]?.index ?? -1));
  columns = createGridColumns({ count: 1_000, estimateWidth: 100, overscan: 0 }, element);
  const heard: number[] = [];
  const grid = columns;
  stops.push(grid.subscribe(() => heard.push(grid.getSnapshot().columns[0]?.index ?? -1)));
  stops.push(() => grid.destroy());
  expect(grid.getSnapshot().columns[0]?.index).toBe(0);
  heard.length = 0; // subscribing read the scroller's width (the first notification)

  const event = scrolled(element);
  element.scrollLeft = 50_000; // column 500 at the left edge
  await event;
  expect(seen).toEqual([500]);
  expect(heard).toEqual([500]);
});

it('a vertical scroll reads the columns but tells no listener; a horizontal one tells them once', async () => {
  const element = scroller();
  const columns = createGridColumns({ count: 1_000, estimateWidth: 100, overscan: 2 }, element);
  let calls = 0;
  stops.push(columns.subscribe(() => (calls += 1)));
  stops.push(() => columns.destroy());
  calls = 0; // subscribing read the scroller's width (the first notification)
  const before = columns.getSnapshot();

  let event = scrolled(element);
  element.scrollTop = 9_000;
  await event;
  expect(calls).toBe(0);
  expect(columns.getSnapshot()).toBe(before);

  event = scrolled(element);
  element.scrollLeft = 1_000;
  await event;
  expect(calls).toBe(1);
  expect(columns.getSnapshot().columns.map((column) => column.index)).toEqual([
    8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
  ]);
});

it('setOptions lays out from the offset read at the last scroll, without reading the element', async () => {
  const element = scroller();
  const own = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollLeft');
  let reads = 0;
  Object.defineProperty(element, 'scrollLeft', {
    get() {
      reads += 1;
      return own?.get?.call(this);
    },
    set(value: number) {
      own?.set?.call(this, value);
    },
  });
  const columns = createGridColumns({ count: 1_000, estimateWidth: 100, overscan: 0 }, element);
  stops.push(columns.subscribe(() => {}));
  stops.push(() => columns.destroy());
  const event = scrolled(element);
  element.scrollLeft = 20_000;
  await event;
  expect(columns.getSnapshot().columns[0]?.index).toBe(200);
  reads = 0;
  // After a framework's commit the layout is dirty: a read there would force it.
  columns.setOptions({ count: 1_000, estimateWidth: 50, overscan: 0 });
  expect(reads).toBe(0);
  expect(columns.getSnapshot().columns[0]?.index).toBe(400); // 20,000 px of 50 px columns
});

it('overscan sets the columns rendered beyond each side (pinned ones always); a bad one is a TypeError naming it, keeping the columns', async () => {
  const element = scroller();
  const columns = createGridColumns(
    { count: 1_000, estimateWidth: 100, pinnedStart: 1, overscan: 0 },
    element,
  );
  stops.push(columns.subscribe(() => {}));
  stops.push(() => columns.destroy());
  const event = scrolled(element);
  element.scrollLeft = 1_000; // columns 11…18 beside the pinned column 0 (100 px of the 800)
  await event;
  const indexes = () => columns.getSnapshot().columns.map((column) => column.index);
  expect(indexes()).toEqual([0, 11, 12, 13, 14, 15, 16, 17]);
  columns.setOptions({ count: 1_000, estimateWidth: 100, pinnedStart: 1, overscan: 3 });
  expect(indexes()).toEqual([0, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  for (const overscan of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    expect(() => columns.setOptions({ count: 1_000, estimateWidth: 100, pinnedStart: 1, overscan })).toThrow(
      /"overscan" must be an integer ≥ 0/,
    );
  }
  expect(indexes()).toEqual([0, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
});
