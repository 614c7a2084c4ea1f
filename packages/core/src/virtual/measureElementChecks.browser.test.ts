// measureElement's check of how the app renders its rows (decision 0054: development builds): a
// row element must carry `data-index={row.index}`. Without it the row would be measured as row 0
// (`Number(null)` is 0) and another row's size would move every row below it.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const SIZE = 30;

function rowWith(index: string | null, height: number): HTMLElement {
  const row = document.createElement('div');
  if (index !== null) row.setAttribute('data-index', index);
  row.style.height = `${height}px`;
  document.body.append(row);
  return row;
}

it('a row element without data-index, or with one that is not an integer, is refused with a TypeError that says what to render; row 0 keeps its size', async () => {
  const { list } = itemsList(1_000);
  const mounted = mount({ list, estimateSize: () => SIZE, text: title, measure: false });
  await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));
  const { view } = mounted;

  for (const index of [null, '', 'row-3', '2.5']) {
    const row = rowWith(index, 200);
    expect(() => view.measureElement(row), `data-index ${JSON.stringify(index)}`).toThrow(
      new TypeError('lazyflow: measureElement needs the row element to carry data-index={row.index}'),
    );
    row.remove();
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  expect(view.getSnapshot().rows.find((row) => row.index === 0)?.size).toBe(SIZE);
  expect(view.getSnapshot().totalSize).toBe(1_000 * SIZE);

  // A row that carries its index is measured: row 3 takes its 200 px.
  const row = rowWith('3', 200);
  const stop = view.measureElement(row);
  expect(stop).toBeTypeOf('function');
  await vi.waitFor(() => expect(view.getSnapshot().totalSize).toBe(999 * SIZE + 200));
  stop?.();
  row.remove();
});
