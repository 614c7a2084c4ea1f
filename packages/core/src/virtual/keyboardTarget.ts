/** What a navigation key press needs to know about the list. */
export interface KeyboardTargetInput {
  readonly key: string;
  /** Index of the focused item. */
  readonly focused: number;
  readonly count: number;
  readonly lanes: number;
  /** Whole rows that fit in the viewport (PageUp/PageDown step). */
  readonly rowsPerPage: number;
  readonly horizontal: boolean;
}

/**
 * The item a navigation key moves focus to, or null when the key is not a navigation key.
 * Along the scroll axis the arrows move one row (`lanes` items); across it, one item.
 *
 * @example
 * keyboardTarget({ key: 'PageDown', focused: 10, count: 1_000, lanes: 1, rowsPerPage: 16, horizontal: false }); // 26
 */
export function keyboardTarget(input: KeyboardTargetInput): number | null {
  const { key, focused, count, lanes, horizontal } = input;
  const page = Math.max(1, input.rowsPerPage - 1) * lanes;
  // How far each navigation key moves focus; the keys across the axis only when a row has lanes.
  const steps: Record<string, number> = {
    [horizontal ? 'ArrowRight' : 'ArrowDown']: lanes,
    [horizontal ? 'ArrowLeft' : 'ArrowUp']: -lanes,
    PageDown: page,
    PageUp: -page,
    Home: -focused,
    End: count - 1 - focused,
  };
  if (lanes > 1) {
    steps[horizontal ? 'ArrowDown' : 'ArrowRight'] = 1;
    steps[horizontal ? 'ArrowUp' : 'ArrowLeft'] = -1;
  }
  const step = steps[key];
  if (count <= 0 || step === undefined || !Object.hasOwn(steps, key)) return null;
  return Math.max(0, Math.min(count - 1, focused + step));
}

/**
 * A minimal keyboard event, so plain DOM and React events both fit.
 *
 * @example
 * scroller.addEventListener('keydown', (event: NavigationKeyEvent) => view.onKeyDown(event));
 */
export interface NavigationKeyEvent {
  readonly key: string;
  readonly target: EventTarget | null;
  preventDefault(): void;
}

/**
 * What keyboard navigation reads of a virtual list at a key press.
 *
 * @example
 * // One lane of 36 px rows, a 720 px viewport: PageDown from row 10 moves focus to row 30.
 * const view: KeyboardView = { sizes: { total: 720, lo: 10, hi: 30 }, viewport: 720, count: 1_000, lanes: 1, horizontal: false };
 * keyboardNavigation(event, view);
 */
export interface KeyboardView {
  /** The rows' sizes: `total` px over the rows `lo`..`hi` (the PageUp/PageDown step). */
  readonly sizes: { readonly total: number; readonly lo: number; readonly hi: number };
  /** The viewport's px clear of the scroll padding. */
  readonly viewport: number;
  readonly count: number;
  readonly lanes: number;
  readonly horizontal: boolean;
}

/**
 * The `keyboard` option's value, keyboard navigation's code carried by its own import (decision
 * 0058): the item a key press moves focus to, or null (not a navigation key, or not on a row).
 *
 * @example
 * // Only Home and End, the rest as the built-in navigation does:
 * const homeEnd: KeyboardNavigation = (event, view) =>
 *   event.key === 'Home' ? 0 : event.key === 'End' ? view.count - 1 : keyboardNavigation(event, view);
 */
export type KeyboardNavigation = (event: NavigationKeyEvent, view: KeyboardView) => number | null;

/**
 * Keyboard navigation for `createVirtualList` and `useLazyList`: pass `keyboard: keyboardNavigation`
 * from `@lazyflow/core/keyboard` and wire `onKeyDown` on the scroll element; with a row focused,
 * arrows move one row, PageUp/PageDown a viewport, Home/End to the ends. Its own import so lists
 * without keyboard navigation do not bundle it (decision 0058); `<LazyList>` passes it itself.
 *
 * @example
 * import { keyboardNavigation } from '@lazyflow/core/keyboard';
 * const list = useLazyList({ key: ['users'], source, keyboard: keyboardNavigation, getScrollElement });
 * // <div ref={ref} onKeyDown={list.onKeyDown}>…</div>
 */
export function keyboardNavigation(event: NavigationKeyEvent, view: KeyboardView): number | null {
  const target = event.target as Element | null;
  const row = typeof target?.closest === 'function' ? target.closest('[data-index]') : null;
  if (row === null) return null;
  const { sizes } = view;
  const rowSize = sizes.total / Math.max(1, sizes.hi - sizes.lo) || 36;
  return keyboardTarget({
    key: event.key,
    focused: Number(row.getAttribute('data-index')),
    count: view.count,
    lanes: view.lanes,
    rowsPerPage: Math.max(1, Math.floor(view.viewport / Math.max(1, rowSize))),
    horizontal: view.horizontal,
  });
}
