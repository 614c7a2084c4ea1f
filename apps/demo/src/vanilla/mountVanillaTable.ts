// The Table scenario in plain DOM: createLazyList + createVirtualList, no framework. The React
// page only hands this module a container and calls the returned cleanup.
import {
  createLazyList,
  createVirtualList,
  type LazyListSnapshot,
  listDataAttributes,
  type ScrollAlign,
  type VirtualRow,
} from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import type { Item } from '@lazyflow/mocks';
import { formatCount } from '../lib/formatCount.ts';
import { formatPublished } from '../lib/formatPublished.ts';
import { ROW_HEIGHT } from '../lib/rowHeight.ts';
import { itemsSource } from '../lib/sources.ts';

const TOTAL = 1_000_000;
// The Table's columns and formats (components/ItemRow.tsx): the same rows, written without React.
const COLUMNS = [
  ['item-index', 'Row'],
  ['item-title', 'Title'],
  ['item-author', 'Author'],
  ['item-score', 'Amount'],
  ['item-date', 'Published'],
] as const;
const MONEY = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' });

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** What each row element shows (the item object, or the status without one), to skip no-op updates. */
const shown = new WeakMap<HTMLElement, unknown>();

function fillRow(node: HTMLElement, row: VirtualRow<Item>): void {
  const state = row.state;
  const content = state.status === 'loaded' ? state.item : state.status;
  if (shown.get(node) === content && node.dataset.index === String(row.index)) return;
  shown.set(node, content);
  node.dataset.index = String(row.index);
  if (state.status === 'loaded') node.dataset.id = String(state.item.id);
  else delete node.dataset.id;
  node.dataset.state = state.status;
  node.setAttribute('aria-posinset', String(row.index + 1));
  node.setAttribute('aria-busy', String(state.status !== 'loaded'));
  if (state.status !== 'loaded') {
    const bar = element('span', { className: 'skeleton-bar' });
    bar.style.width = '70%';
    const skeleton = element('div', { className: 'skeleton' }, bar);
    skeleton.style.height = `${ROW_HEIGHT}px`;
    skeleton.setAttribute('aria-hidden', 'true');
    node.replaceChildren(skeleton);
    return;
  }
  const line = element(
    'div',
    { className: 'item-line' },
    element('span', { className: 'item-index row-number' }, (row.index + 1).toLocaleString('en')),
    element('span', { className: 'item-title' }, state.item.title),
    element('span', { className: 'item-author' }, state.item.author),
    element('span', { className: 'item-score' }, MONEY.format(state.item.price)),
    element('span', { className: 'item-date' }, formatPublished(state.item.createdAt)),
  );
  line.style.height = `${ROW_HEIGHT}px`;
  node.replaceChildren(line);
}

/**
 * Builds a jump form, a status line and a 1,000,000-row virtual list inside `container`;
 * `onList` hears the list's snapshot (stats and pages) with every view snapshot. Returns the cleanup: aborts requests,
 * detaches listeners, empties the container.
 *
 * @example
 * const unmount = mountVanillaTable(document.querySelector('#app')!);
 */
export function mountVanillaTable(
  container: HTMLElement,
  onList?: (list: LazyListSnapshot<Item>) => void,
): () => void {
  const list = createLazyList<Item>({ key: ['vanilla-items', TOTAL], source: itemsSource(TOTAL) });
  const scroller = element('div', { className: 'scroller' });
  scroller.setAttribute('role', 'list');
  scroller.setAttribute('aria-label', 'Items');
  scroller.dataset.testid = 'vanilla-scroller';
  const spacer = element('div', { className: 'spacer' });
  scroller.append(spacer);

  // A row number as the table shows it (from 1); the list is given its index.
  const input = element('input', { type: 'number', min: '1', max: String(TOTAL), value: '500000' });
  input.dataset.testid = 'vanilla-jump-index';
  const align = element('select');
  align.dataset.testid = 'vanilla-jump-align';
  align.setAttribute('aria-label', 'Align');
  for (const value of ['start', 'center', 'end']) align.append(element('option', { value }, value));
  const go = element('button', { type: 'submit' }, 'Jump');
  go.dataset.testid = 'vanilla-jump-go';
  const form = element('form', {}, element('label', {}, 'Jump to row ', input), align, go);
  form.setAttribute('aria-label', 'Jump to row');
  const status = element('p', { className: 'list-status' });
  status.dataset.testid = 'vanilla-status';
  // Column titles over the list, as on the Table (the head keeps a transparent scrollbar's room).
  const head = element(
    'div',
    { className: 'item-line table-head' },
    ...COLUMNS.map(([className, title]) => element('span', { className }, title)),
  );
  head.dataset.testid = 'vanilla-head';
  container.append(element('div', { className: 'controls' }, form), status, head, scroller);

  const view = createVirtualList({
    list,
    scrollElement: scroller,
    estimateSize: () => ROW_HEIGHT,
    keyboard: keyboardNavigation,
  });
  const rows = new Map<string | number, HTMLElement>();
  // measureElement's cleanup, called when a row leaves the DOM (stops observing its size).
  const stops = new Map<HTMLElement, () => void>();

  const render = () => {
    const snapshot = view.getSnapshot();
    spacer.style.height = `${snapshot.totalSize}px`;
    for (const [name, value] of Object.entries(listDataAttributes(snapshot))) {
      scroller.setAttribute(name, String(value));
    }
    const tabbable = snapshot.focusedIndex ?? snapshot.rows[0]?.index;
    const seen = new Set<string | number>();
    for (const row of snapshot.rows) {
      seen.add(row.key);
      let node = rows.get(row.key);
      const fresh = node === undefined;
      if (node === undefined) {
        node = element('div', { className: 'row' });
        node.setAttribute('role', 'listitem');
        rows.set(row.key, node);
        spacer.append(node);
      }
      node.setAttribute('aria-setsize', String(snapshot.count));
      node.tabIndex = row.index === tabbable ? 0 : -1;
      node.style.height = `${ROW_HEIGHT}px`;
      node.style.transform = `translateY(${row.start}px)`;
      fillRow(node, row);
      if (fresh) {
        const stop = view.measureElement(node); // needs data-index, set by fillRow
        if (stop) stops.set(node, stop);
      }
    }
    for (const [key, node] of rows) {
      if (!seen.has(key)) {
        stops.get(node)?.();
        stops.delete(node);
        node.remove();
        rows.delete(key);
      }
    }
    const range = snapshot.range;
    status.textContent =
      `${snapshot.count.toLocaleString('en')} rows` +
      (range
        ? ` · showing ${(range.start + 1).toLocaleString('en')}–${range.end.toLocaleString('en')}`
        : '') +
      ` · ${snapshot.status} · ${formatCount(snapshot.stats.pagesInMemory, 'page')} in memory` +
      ` · ${formatCount(snapshot.stats.requests, 'request')}`;
    onList?.(snapshot.list);
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const row = Number(input.value);
    if (Number.isInteger(row) && row >= 1)
      view.scrollToIndex(Math.min(row, TOTAL) - 1, { align: align.value as ScrollAlign });
  };
  const onKeyDown = (event: KeyboardEvent) => view.onKeyDown(event);
  form.addEventListener('submit', onSubmit);
  scroller.addEventListener('keydown', onKeyDown);
  // The view renders synchronously inside its notification (it applies scroll writes right after).
  const unsubscribe = view.subscribe(render);
  render();

  return () => {
    unsubscribe();
    form.removeEventListener('submit', onSubmit);
    scroller.removeEventListener('keydown', onKeyDown);
    view.destroy();
    list.destroy();
    container.replaceChildren();
  };
}
