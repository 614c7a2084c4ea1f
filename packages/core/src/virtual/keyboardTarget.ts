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
    // Clamped to the ends below.
    Home: -count,
    End: count,
  };
  if (lanes > 1) {
    steps[horizontal ? 'ArrowDown' : 'ArrowRight'] = 1;
    steps[horizontal ? 'ArrowUp' : 'ArrowLeft'] = -1;
  }
  // Own keys only: `steps.constructor` is Object's.
  if (count <= 0 || !Object.hasOwn(steps, key)) return null;
  return Math.max(0, Math.min(count - 1, focused + (steps[key] as number)));
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
 * // One lane of 36 px rows, a 720 px viewport: PageDown from row 10 moves focus to row 29.
 * const sizes = { start: (row: number) => row * 36, rowAt: (offset: number) => Math.floor(offset / 36) };
 * const view: KeyboardView = { sizes, viewport: 720, count: 1_000, lanes: 1, horizontal: false };
 * keyboardNavigation(event, view);
 */
export interface KeyboardView {
  /** The rows' sizes (the PageUp/PageDown step): where row `row` starts, and the row at `offset` px. */
  readonly sizes: { start(row: number): number; rowAt(offset: number): number };
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
 * arrows move one row (left and right swapped in a right-to-left page), PageUp/PageDown a
 * viewport, Home/End to the ends. Its own import so lists
 * without keyboard navigation do not bundle it (decision 0058); `<LazyList>` passes it itself.
 *
 * @example
 * import { keyboardNavigation } from '@lazyflow/core/keyboard';
 * const list = useLazyList({ key: ['users'], source, keyboard: keyboardNavigation, getScrollElement });
 * // <div ref={ref} onKeyDown={list.onKeyDown}>…</div>
 */
export function keyboardNavigation(event: NavigationKeyEvent, view: KeyboardView): number | null {
  const target = event.target as Element | null;
  // A key on the document or the window (no `closest`) is on no row.
  const row = target?.closest?.('[data-index]');
  if (!row) return null;
  const { sizes, lanes } = view;
  const focused = Number(row.getAttribute('data-index'));
  // The rows a viewport from the focused one holds, up or down, in their own sizes: the list's
  // mean (rows not measured count at the estimate) made PageDown through tall rows skip viewports.
  const at = Math.floor(focused / lanes);
  const { viewport } = view;
  // Right to left, the next item across the page is on the left.
  let { key } = event;
  if (key.startsWith('Arrow') && getComputedStyle(row).direction === 'rtl')
    key = key === 'ArrowLeft' ? 'ArrowRight' : key === 'ArrowRight' ? 'ArrowLeft' : key;
  return keyboardTarget({
    key,
    focused,
    count: view.count,
    lanes,
    // Up, the row a viewport above the focused one's end is whole when cut by less than 1 px: one
    // starting exactly there counted as cut made PageUp step a row less than PageDown.
    rowsPerPage:
      event.key === 'PageUp'
        ? at - sizes.rowAt(sizes.start(at + 1) - viewport - 1)
        : sizes.rowAt(sizes.start(at) + viewport) - at,
    horizontal: view.horizontal,
  });
}
