// Keyboard navigation in two dimensions for a grid (rows from a virtual list, columns from
// createGridColumns), for plain DOM and React alike: useLazyGrid only renders what it says.
import { Subscribable } from '../subscribable.ts';
import type { NavigationKeyEvent } from '../virtual/keyboardTarget.ts';
import type { ColumnAlign } from './GridColumns.ts';

/**
 * A cell of a grid: the row's index (`data-index`) and the column (`data-column`).
 *
 * @example
 * const cell: GridCell = { row: 12, column: 3 };
 */
export interface GridCell {
  readonly row: number;
  readonly column: number;
}

/**
 * What the grid's key handler reads of a key event: a DOM `KeyboardEvent` and React's both fit.
 * `currentTarget` is the grid's scroll element (the handler sits on it).
 *
 * @example
 * scroller.addEventListener('keydown', (event: GridKeyEvent) => keys.onKeyDown(event));
 */
export interface GridKeyEvent {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly target: EventTarget | null;
  readonly currentTarget: EventTarget | null;
  preventDefault(): void;
}

/**
 * What the grid's focus handler reads of a focus event (`focusin` in the DOM, `onFocus` in React).
 *
 * @example
 * scroller.addEventListener('focusin', (event: GridFocusEvent) => keys.onFocus(event));
 */
export interface GridFocusEvent {
  readonly target: EventTarget | null;
  readonly currentTarget: EventTarget | null;
}

/**
 * Options of {@link createGridKeyboard}.
 *
 * @example
 * const options: GridKeyboardOptions = { columns, rows: view }; // view made with keyboard: keyboardNavigation
 */
export interface GridKeyboardOptions {
  /** The grid's columns (`createGridColumns`): their count, and scrolling one into view. */
  readonly columns: {
    readonly count: number;
    scrollToColumn(column: number, align: ColumnAlign): void;
  };
  /**
   * The rows' key handler: a virtual list's `onKeyDown` (created with `keyboard:
   * keyboardNavigation`). It gets the row element as target and moves focus to the row it goes to.
   */
  readonly rows: { onKeyDown(event: NavigationKeyEvent): void };
}

/**
 * Keyboard navigation of a grid, from {@link createGridKeyboard}. The snapshot is the cell the
 * focus is in (or goes to on Tab: give it `tabIndex` 0, every other cell -1).
 *
 * @example
 * const keys = createGridKeyboard({ columns, rows: view });
 * scroller.addEventListener('keydown', keys.onKeyDown);
 * scroller.addEventListener('focusin', keys.onFocus);
 * keys.subscribe(render); // after each render: keys.rendered()
 */
export interface GridKeyboard {
  readonly subscribe: (listener: () => void) => () => void;
  /** The focused cell; the same object until it changes. */
  readonly getSnapshot: () => GridCell;
  /**
   * Left/Right move one column, Home/End to the first/last column of the row; every other key
   * goes to `rows` (Up/Down, PageUp/PageDown, Ctrl+Home/End), whose row focus `onFocus` hands on
   * to the cell in the same column. On the grid's scroll element.
   */
  readonly onKeyDown: (event: GridKeyEvent) => void;
  /** Follows the focus into cells and hands a focused row on to its cell. On the grid's scroll element. */
  readonly onFocus: (event: GridFocusEvent) => void;
  /** Call after the rows and columns rendered: focuses the cell a key moved to once it is in the DOM. */
  rendered(): void;
  /** Forgets listeners and the cell waiting for focus. */
  destroy(): void;
}

const ARROWS: Readonly<Record<string, number>> = { ArrowLeft: -1, ArrowRight: 1 };

class CellKeys extends Subscribable implements GridKeyboard {
  readonly #options: GridKeyboardOptions;
  #focused: GridCell = { row: 0, column: 0 };
  /** A cell a key moved to that was not rendered yet, and the scroller to find it in. */
  #pending: { readonly cell: GridCell; readonly scroller: ParentNode } | null = null;

  constructor(options: GridKeyboardOptions) {
    super();
    this.#options = options;
  }

  readonly getSnapshot = (): GridCell => this.#focused;

  readonly onKeyDown = (event: GridKeyEvent): void => {
    const scroller = event.currentTarget as ParentNode | null;
    const cell = closest(event.target, '[data-column]');
    const rowElement = closest(event.target, '[data-index]');
    if (scroller === null || cell === null || rowElement === null) return;
    const row = Number(rowElement.getAttribute('data-index'));
    const column = Number(cell.getAttribute('data-column'));
    const last = this.#options.columns.count - 1;
    let next: number | null = null;
    // Right to left, the next column is on the left.
    if (Object.hasOwn(ARROWS, event.key))
      next = column + (ARROWS[event.key] ?? 0) * (getComputedStyle(cell).direction === 'rtl' ? -1 : 1);
    else if (event.key === 'Home' && !event.ctrlKey) next = 0;
    else if (event.key === 'End' && !event.ctrlKey) next = last;
    if (next === null) {
      this.#options.rows.onKeyDown({
        key: event.key,
        target: rowElement,
        preventDefault: () => event.preventDefault(),
      });
      return;
    }
    event.preventDefault();
    next = Math.max(0, Math.min(last, next));
    this.#options.columns.scrollToColumn(next, 'auto');
    this.#moveTo({ row, column: next }, scroller);
  };

  readonly onFocus = (event: GridFocusEvent): void => {
    const target = event.target;
    const rowElement = closest(target, '[data-index]');
    if (rowElement === null) return;
    const row = Number(rowElement.getAttribute('data-index'));
    // A cell, or an element inside one (an input in the cell).
    const cell = closest(target, '[data-column]');
    if (cell !== null) this.#set({ row, column: Number(cell.getAttribute('data-column')) });
    // The rows' handler focused a row (Up/Down, PageUp…): the cell in the current column takes it.
    else if (target === rowElement && event.currentTarget !== null)
      this.#moveTo({ row, column: this.#focused.column }, event.currentTarget as ParentNode);
  };

  rendered(): void {
    const pending = this.#pending;
    if (pending !== null && focusCell(pending.scroller, pending.cell)) this.#pending = null;
  }

  destroy(): void {
    this.#pending = null;
    this.clearListeners();
  }

  /** The focused cell is `cell`: focused now if rendered, else after the render it causes. */
  #moveTo(cell: GridCell, scroller: ParentNode): void {
    this.#set(cell);
    this.#pending = focusCell(scroller, cell) ? null : { cell, scroller };
  }

  #set(cell: GridCell): void {
    if (cell.row === this.#focused.row && cell.column === this.#focused.column) return;
    this.#focused = cell;
    this.notify();
  }
}

function closest(target: EventTarget | null, selector: string): Element | null {
  return (target as Element | null)?.closest?.(selector) ?? null;
}

/** Focuses a rendered cell (without scrolling: the grid scrolled it into view); false if not rendered. */
function focusCell(scroller: ParentNode, { row, column }: GridCell): boolean {
  const cell = scroller.querySelector(`[data-index="${row}"] [data-column="${column}"]`);
  if (!(cell instanceof HTMLElement)) return false;
  cell.focus({ preventScroll: true });
  return true;
}

/**
 * Keyboard navigation in two dimensions for a grid whose rows carry `data-index` and whose cells
 * carry `data-column` (`useLazyGrid` uses it; plain DOM grids wire it to their scroll element).
 * The rows' keys go to a virtual list created with `keyboard: keyboardNavigation`.
 *
 * @example
 * import { createGridKeyboard, keyboardNavigation } from '@lazyflow/core/keyboard';
 * const view = createVirtualList({ list, scrollElement: scroller, estimateSize: () => 36, keyboard: keyboardNavigation });
 * const columns = createGridColumns({ count: 40, estimateWidth: 120, pinnedStart: 1 }, scroller);
 * const keys = createGridKeyboard({ columns, rows: view });
 * scroller.addEventListener('keydown', keys.onKeyDown);
 * scroller.addEventListener('focusin', keys.onFocus);
 */
export function createGridKeyboard(options: GridKeyboardOptions): GridKeyboard {
  return new CellKeys(options);
}
