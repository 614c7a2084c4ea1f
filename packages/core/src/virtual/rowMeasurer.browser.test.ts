// A row element kept by its item key gets another data-index when items are inserted above it
// (React keeps the element; no ref call, no resize): its size must go to its new index
// (decision 0021). Real Chromium: ResizeObserver and MutationObserver.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RowMeasurer } from './rowMeasurer.ts';
import { SizeIndex } from './sizeIndex.ts';

const rows: HTMLElement[] = [];
afterEach(() => {
  for (const row of rows.splice(0)) row.remove();
});

function row(index: number, height: number): HTMLElement {
  const element = document.createElement('div');
  element.dataset.index = String(index);
  element.style.height = `${height}px`;
  document.body.append(element);
  rows.push(element);
  return element;
}

function measurer(keyOfIndex?: (index: number) => number) {
  const sizes = new SizeIndex({ estimate: () => 50 });
  sizes.setDomain(0, 100);
  const changes = vi.fn();
  const rowMeasurer = new RowMeasurer({
    sizes,
    horizontal: false,
    lanes: 1,
    onChange: changes,
    ...(keyOfIndex === undefined ? {} : { keyOfIndex }),
  });
  return { sizes, changes, rowMeasurer };
}

describe('RowMeasurer: a kept row whose data-index changed', () => {
  it('is measured at its new index (5 items inserted above it)', async () => {
    const { sizes, rowMeasurer } = measurer((index) => index);
    const element = row(2, 173);
    rowMeasurer.attach(element, 2);
    await vi.waitFor(() => expect(sizes.measured(2)).toBe(173));
    expect(sizes.measured(7)).toBeUndefined();

    element.dataset.index = '7'; // what a keyed re-render does after the insert
    await vi.waitFor(() => expect(sizes.measured(7)).toBe(173));
    // Later size changes go to the new index too.
    element.style.height = '91px';
    await vi.waitFor(() => expect(sizes.measured(7)).toBe(91));
    expect(sizes.measured(2)).toBe(173); // the old index keeps what it had until its new row is measured
    rowMeasurer.disconnect();
  });

  it('maps the index through keyOfIndex (items prepended: index minus them)', async () => {
    let prepended = 0;
    const { sizes, rowMeasurer } = measurer((index) => index - prepended);
    const element = row(4, 120);
    rowMeasurer.attach(element, 4);
    await vi.waitFor(() => expect(sizes.measured(4)).toBe(120));
    // 10 items prepended: the element's index grows by 10, its key (index - prepended) does not.
    prepended = 10;
    element.dataset.index = '14';
    element.style.height = '64px';
    await vi.waitFor(() => expect(sizes.measured(4)).toBe(64));
    expect(sizes.measured(14)).toBeUndefined();
    rowMeasurer.disconnect();
  });

  it('without keyOfIndex keeps the key it was attached with (as before)', async () => {
    const { sizes, rowMeasurer } = measurer();
    const element = row(3, 80);
    rowMeasurer.attach(element, 3);
    await vi.waitFor(() => expect(sizes.measured(3)).toBe(80));
    element.dataset.index = '8';
    element.style.height = '90px';
    await vi.waitFor(() => expect(sizes.measured(3)).toBe(90));
    expect(sizes.measured(8)).toBeUndefined();
    rowMeasurer.disconnect();
  });

  it('watches each container once, not each row, and still follows every row in it', async () => {
    const { sizes, rowMeasurer } = measurer((index) => index);
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const list = document.createElement('div');
    document.body.append(list);
    const elements = [0, 1, 2].map((index) => {
      const element = row(index, 40 + index);
      list.append(element);
      rowMeasurer.attach(element, index);
      return element;
    });
    expect(observe).toHaveBeenCalledTimes(1); // the container, with its subtree
    await vi.waitFor(() => expect(sizes.measured(2)).toBe(42));
    // A nested element's data-index is not a row's: nothing is measured for it.
    const inner = document.createElement('span');
    inner.dataset.index = '50';
    elements[0]?.append(inner);
    inner.dataset.index = '60';
    // The third row kept by its key at a new index after 10 items were inserted above it.
    (elements[2] as HTMLElement).dataset.index = '12';
    await vi.waitFor(() => expect(sizes.measured(12)).toBe(42));
    expect(sizes.measured(60)).toBeUndefined();
    expect(sizes.measured(50)).toBeUndefined();
    const other = document.createElement('div');
    document.body.append(other);
    const elsewhere = row(30, 70);
    other.append(elsewhere);
    rowMeasurer.attach(elsewhere, 30);
    expect(observe).toHaveBeenCalledTimes(2); // another container
    elsewhere.dataset.index = '31';
    await vi.waitFor(() => expect(sizes.measured(31)).toBe(70));
    observe.mockRestore();
    rowMeasurer.disconnect();
    list.remove();
    other.remove();
  });
});
